// Publisher: confirmed batches, unroutable messages, reconnects.
#include <doctest/doctest.h>

#include <set>
#include <string>
#include <vector>

#include "common/mq/publisher.hpp"
#include "tests/integration/mq/mq_test_support.hpp"

using tailor::Errc;
using tailor::mq::Message;
using tailor::mq::Publisher;
using namespace std::chrono_literals;

namespace {

std::vector<Message> work_messages(const tailor::core::Topology& t, int n, int first_id = 0) {
  std::vector<Message> out;
  for (int i = 0; i < n; ++i) {
    const std::string id = "m" + std::to_string(first_id + i);
    out.push_back(Message{.exchange = t.exchange,
                          .routing_key = "extract",
                          .body = R"({"job_id":")" + id + R"(","stage":"extract","attempt":1})",
                          .message_id = id,
                          .headers = {}});
  }
  return out;
}

}  // namespace

TEST_CASE("publish_batch confirms every message: all 1000 are in the queue") {
  mqtest::ScopedTopology scoped(mqtest::make_topology());
  Publisher pub({.url = scoped.url(), .topology = scoped.topology()});
  const auto msgs = work_messages(scoped.topology(), 1000);
  auto st = pub.publish_batch(msgs, 30s);
  REQUIRE_MESSAGE(st.has_value(), (st ? "" : st.error().message));
  CHECK(scoped.ready(scoped.stage().queue) == 1000);

  // Persistent, JSON, with the message id.
  auto c = scoped.connect();
  auto got = c.get(scoped.stage().queue);
  REQUIRE(got.has_value());
  REQUIRE(got->has_value());
  CHECK((*got)->message_id == "m0");
  CHECK((*got)->routing_key == "extract");
  CHECK((*got)->attempt == 1);
}

TEST_CASE("an unroutable message fails alone with 'no queue bound for routing key'") {
  mqtest::ScopedTopology scoped(mqtest::make_topology());
  Publisher pub({.url = scoped.url(), .topology = scoped.topology()});
  auto msgs = work_messages(scoped.topology(), 3);
  msgs[1].routing_key = "nowhere";
  auto each = pub.publish_batch_each(msgs, 10s);
  REQUIRE_MESSAGE(each.has_value(), (each ? "" : each.error().message));
  REQUIRE(each->size() == 3);
  CHECK((*each)[0].has_value());
  CHECK((*each)[2].has_value());
  REQUIRE_FALSE((*each)[1].has_value());
  CHECK((*each)[1].error().code == Errc::failed_precondition);
  CHECK((*each)[1].error().message.find("no queue bound for routing key 'nowhere'") !=
        std::string::npos);
  CHECK(scoped.ready(scoped.stage().queue) == 2);

  auto st = pub.publish_batch(msgs, 10s);  // the Status form reports the same failure
  REQUIRE_FALSE(st);
  CHECK(st.error().message.find("nowhere") != std::string::npos);
  // The channel is still good for the next batch.
  CHECK(pub.publish_batch(work_messages(scoped.topology(), 5), 10s).has_value());
  CHECK(scoped.ready(scoped.stage().queue) == 2 + 2 + 5);
}

TEST_CASE("publisher reconnects after losing its connection") {
  mqtest::ScopedTopology scoped(mqtest::make_topology());
  Publisher pub({.url = scoped.url(), .topology = scoped.topology()});
  REQUIRE(pub.publish_batch(work_messages(scoped.topology(), 10), 10s));
  pub.disconnect();
  CHECK_FALSE(pub.connected());
  REQUIRE(pub.publish_batch(work_messages(scoped.topology(), 10, 10), 10s));
  CHECK(pub.connected());
  CHECK(scoped.ready(scoped.stage().queue) == 20);
}

TEST_CASE("publisher against a dead broker fails with unavailable, then backs off") {
  auto t = mqtest::make_topology();
  Publisher pub({.url = "amqp://guest:guest@127.0.0.1:1/%2f", .topology = t});
  auto msgs = work_messages(t, 1);
  auto first = pub.publish_batch(msgs, 1s);
  REQUIRE_FALSE(first);
  CHECK(first.error().code == Errc::unavailable);
  const auto start = std::chrono::steady_clock::now();
  auto second = pub.publish_batch(msgs, 1s);
  CHECK_FALSE(second);
  CHECK(std::chrono::steady_clock::now() - start >= 90ms);  // the first backoff step (100 ms)
}
