#pragma once
// Shared by the RabbitMQ integration tests: the broker URL, a private topology per test, and
// cleanup of its queues and exchanges.
#include <doctest/doctest.h>

#include <chrono>
#include <cstdlib>
#include <functional>
#include <random>
#include <string>
#include <thread>

#include "common/core/topology.hpp"
#include "common/mq/connection.hpp"

namespace mqtest {

inline std::string broker_url() {
  const char* url = std::getenv("RABBITMQ_URL");
  if (!url || !*url) {
    FAIL(
        "RABBITMQ_URL is not set: these tests need a running RabbitMQ. Start one with "
        "`eval \"$(scripts/services start)\"` and run them again.");
  }
  return url;
}

inline std::string random_suffix() {
  std::random_device rd;
  std::mt19937_64 gen(rd());
  static const char* hex = "0123456789abcdef";
  std::string s;
  auto v = gen();
  for (int i = 0; i < 10; ++i, v >>= 4) s.push_back(hex[v & 15]);
  return s;
}

// One stage "extract"; heartbeat 2 s; 3 attempts with retries after 200 and 400 ms.
inline tailor::core::Topology make_topology(int prefetch = 1, int heartbeat_seconds = 2,
                                            const std::string& queue_type = "classic") {
  const std::string yaml = "queue_type: " + queue_type +
                           "\nheartbeat_seconds: " + std::to_string(heartbeat_seconds) +
                           R"(
defaults:
  prefetch: 1
  attempts: 3
  backoff: {initial_ms: 200, multiplier: 2, max_ms: 1000}
  pool: 1
  timeout_seconds: 60
stages:
  extract:
    prefetch: )" + std::to_string(prefetch) +
                           "\n";
  return tailor::core::parse_topology(yaml, "mqtest-" + random_suffix());
}

// Declares the topology for the test and deletes it (queues, exchanges) at the end.
class ScopedTopology {
 public:
  explicit ScopedTopology(tailor::core::Topology t) : url_(broker_url()), topology_(std::move(t)) {
    auto c = connect();
    auto st = c.declare(topology_);
    REQUIRE_MESSAGE(st.has_value(), (st ? "" : st.error().message));
  }
  ~ScopedTopology() {
    auto c = tailor::mq::Connection::open({.url = url_, .heartbeat_seconds = 0, .name = "mqtest"});
    if (c) (void)c->delete_topology(topology_);
  }
  const tailor::core::Topology& topology() const { return topology_; }
  const tailor::core::StageQueue& stage() const { return topology_.stages.at(0); }
  const std::string& url() const { return url_; }

  tailor::mq::Connection connect() const {
    auto c = tailor::mq::Connection::open({.url = url_, .heartbeat_seconds = 0, .name = "mqtest"});
    REQUIRE_MESSAGE(c.has_value(), (c ? "" : c.error().message));
    return std::move(*c);
  }
  std::uint32_t ready(const std::string& queue) const {
    auto c = connect();
    auto info = c.inspect_queue(queue);
    REQUIRE_MESSAGE(info.has_value(), (info ? "" : info.error().message));
    return info->messages;
  }

 private:
  std::string url_;
  tailor::core::Topology topology_;
};

inline bool wait_until(const std::function<bool()>& pred,
                       std::chrono::milliseconds timeout = std::chrono::seconds(10)) {
  const auto end = std::chrono::steady_clock::now() + timeout;
  while (std::chrono::steady_clock::now() < end) {
    if (pred()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return pred();
}

}  // namespace mqtest
