// Measures Publisher::publish_batch throughput (persistent messages, publisher confirms, a
// durable classic queue) for batches of 100. Needs RABBITMQ_URL; prints msgs/s.
//   mq_publish_bench [total_messages=20000] [batch=100]
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <random>
#include <string>
#include <vector>

#include "common/core/topology.hpp"
#include "common/mq/connection.hpp"
#include "common/mq/publisher.hpp"

int main(int argc, char** argv) {
  const char* url = std::getenv("RABBITMQ_URL");
  if (!url) {
    std::fprintf(stderr, "RABBITMQ_URL is not set (eval \"$(scripts/services start)\")\n");
    return 2;
  }
  const int total = argc > 1 ? std::atoi(argv[1]) : 20000;
  const int batch = argc > 2 ? std::atoi(argv[2]) : 100;
  const std::string ns = "mqbench-" + std::to_string(std::random_device{}());
  const auto topology = tailor::core::parse_topology(R"(
queue_type: classic
heartbeat_seconds: 20
defaults:
  prefetch: 1
  attempts: 3
  backoff: {initial_ms: 1000, multiplier: 2, max_ms: 4000}
  pool: 1
  timeout_seconds: 60
stages:
  extract:
)",
                                                     ns);
  tailor::mq::Publisher pub({.url = url, .topology = topology, .name = "mq-bench"});
  std::vector<tailor::mq::Message> msgs;
  for (int i = 0; i < batch; ++i) {
    msgs.push_back({topology.exchange,
                    "extract",
                    R"({"job_id":"6f1c0f7e-3b5e-4c1d-9a7e-)" + std::to_string(100000000000 + i) +
                        R"(","stage":"extract","attempt":1})",
                    "outbox-" + std::to_string(i),
                    {}});
  }
  if (auto st = pub.publish_batch(msgs, std::chrono::seconds(30)); !st) {  // warm-up
    std::fprintf(stderr, "publish failed: %s\n", st.error().message.c_str());
    return 1;
  }
  const auto t0 = std::chrono::steady_clock::now();
  int sent = 0;
  while (sent < total) {
    if (auto st = pub.publish_batch(msgs, std::chrono::seconds(30)); !st) {
      std::fprintf(stderr, "publish failed: %s\n", st.error().message.c_str());
      return 1;
    }
    sent += batch;
  }
  const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  std::printf(
      "publish_batch: %d messages in batches of %d, confirmed, in %.2f s = %.0f msgs/s "
      "(%.2f ms per batch)\n",
      sent, batch, secs, sent / secs, 1000.0 * secs / (sent / batch));
  if (auto c =
          tailor::mq::Connection::open({.url = url, .heartbeat_seconds = 0, .name = "mq-bench"})) {
    (void)c->delete_topology(topology);
  }
  return 0;
}
