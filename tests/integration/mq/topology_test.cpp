// Connection and declare() against a real RabbitMQ.
#include <doctest/doctest.h>

#include "common/mq/connection.hpp"
#include "common/mq/publisher.hpp"
#include "tests/integration/mq/mq_test_support.hpp"

using tailor::Errc;
using namespace std::chrono_literals;

TEST_CASE("declare is idempotent and creates work, dead and delay queues") {
  mqtest::ScopedTopology scoped(mqtest::make_topology());
  const auto& t = scoped.topology();
  auto c = scoped.connect();
  REQUIRE(c.declare(t));
  REQUIRE(c.declare(t));  // the same arguments again: no PRECONDITION_FAILED

  const auto& s = scoped.stage();
  CHECK(s.queue == t.ns + ".extract");
  for (const auto& q : {s.queue, s.dead_queue, s.retry_queue(1), s.retry_queue(2)}) {
    CAPTURE(q);
    auto info = c.inspect_queue(q);
    REQUIRE_MESSAGE(info.has_value(), (info ? "" : info.error().message));
    CHECK(info->messages == 0);
  }
  CHECK(s.retry_queues().size() == 2);  // 200 ms and 400 ms for attempts 1 and 2 of 3
}

TEST_CASE("a queue that does not exist is not_found and the connection stays usable") {
  mqtest::ScopedTopology scoped(mqtest::make_topology());
  auto c = scoped.connect();
  auto info = c.inspect_queue(scoped.topology().ns + ".nope");
  REQUIRE_FALSE(info);
  CHECK(info.error().code == Errc::not_found);
  CHECK_FALSE(c.broken());
  auto again = c.inspect_queue(scoped.stage().queue);  // the channel is reopened
  CHECK(again.has_value());
}

TEST_CASE("redeclaring with another queue_type is failed_precondition, naming the queue") {
  mqtest::ScopedTopology scoped(mqtest::make_topology());
  auto other = scoped.topology();
  other.queue_type = "quorum";
  auto c = scoped.connect();
  auto st = c.declare(other);
  REQUIRE_FALSE(st);
  CHECK(st.error().code == Errc::failed_precondition);
  CHECK(st.error().message.find(scoped.stage().queue) != std::string::npos);
  CHECK(st.error().message.find("PRECONDITION_FAILED") != std::string::npos);
}

TEST_CASE("a refused connection is unavailable and names no password") {
  auto c = tailor::mq::Connection::open(
      {.url = "amqp://guest:hunter2@127.0.0.1:1/%2f", .heartbeat_seconds = 0, .name = "mqtest"});
  REQUIRE_FALSE(c);
  CHECK(c.error().code == Errc::unavailable);
  CHECK(c.error().message.find("127.0.0.1:1") != std::string::npos);
  CHECK(c.error().message.find("hunter2") == std::string::npos);
}

TEST_CASE("a wrong password is unavailable and names no password") {
  auto url = tailor::mq::parse_url(mqtest::broker_url());
  REQUIRE(url);
  const std::string bad = "amqp://" + url->user + ":wrong-hunter2@" + url->host + ":" +
                          std::to_string(url->port) + "/%2f";
  auto c = tailor::mq::Connection::open({.url = bad, .heartbeat_seconds = 0, .name = "mqtest"});
  REQUIRE_FALSE(c);
  CHECK(c.error().code == Errc::unavailable);
  CHECK(c.error().message.find("wrong-hunter2") == std::string::npos);
}

// The control for the consumer's heartbeat test: a connection nobody services for three
// heartbeats is closed by the broker.
TEST_CASE("an unserviced connection with 2 s heartbeats is dropped by the broker") {
  auto c = tailor::mq::Connection::open(
      {.url = mqtest::broker_url(), .heartbeat_seconds = 2, .name = "mqtest-idle"});
  REQUIRE(c.has_value());
  CHECK(c->heartbeat_seconds() == 2);
  REQUIRE(c->poll().has_value());
  std::this_thread::sleep_for(std::chrono::seconds(7));
  auto st = c->poll();
  REQUIRE_FALSE(st);
  CHECK(st.error().code == Errc::unavailable);
  CHECK(c->broken());
}
