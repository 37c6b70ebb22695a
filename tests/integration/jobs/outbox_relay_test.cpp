// The outbox relay on a real PostgreSQL with a scripted publisher: confirmed rows are deleted,
// rows the broker did not take stay for the next pass, and nothing is lost either way.
#include <doctest/doctest.h>

#include "common/jobs/outbox_relay.hpp"
#include "tests/support/test_database.hpp"

using namespace tailor;

namespace {
testing::TestDatabase& database() {
  static testing::TestDatabase d("tailor_test_outbox", 2);
  return d;
}

void add_rows(int n, const std::string& key) {
  REQUIRE(database().pool().transact([&](soci::session& s) {
    for (int i = 0; i < n; ++i) {
      const std::string body = "{\"n\":" + std::to_string(i) + "}", mid = key + std::to_string(i);
      s << "INSERT INTO outbox (exchange, routing_key, body, message_id) VALUES ('x', :k, :b, :m)",
          soci::use(key), soci::use(body), soci::use(mid);
    }
  }));
}

int rows(const std::string& key) {
  return *database().pool().run([&](soci::session& s) {
    int n = 0;
    s << "SELECT count(*) FROM outbox WHERE routing_key = :k", soci::use(key), soci::into(n);
    return n;
  });
}

void clear() {
  REQUIRE(database().pool().run([](soci::session& s) { s << "DELETE FROM outbox"; }));
}
}  // namespace

TEST_CASE("confirmed messages leave the outbox, in id order") {
  clear();
  add_rows(5, "ok");
  std::vector<std::string> seen;
  jobs::OutboxRelay relay(database().pool(), [&](const std::vector<jobs::OutboxMessage>& batch) {
    for (const auto& m : batch) seen.push_back(m.body);
    return Result<std::vector<Status>>(std::vector<Status>(batch.size()));
  });
  auto n = relay.drain_once();
  REQUIRE(n);
  CHECK(*n == 5);
  CHECK(rows("ok") == 0);
  REQUIRE(seen.size() == 5);
  CHECK(seen.front() == "{\"n\":0}");
  CHECK(seen.back() == "{\"n\":4}");
}

TEST_CASE("when the broker is unreachable every row stays") {
  clear();
  add_rows(3, "down");
  jobs::OutboxRelay relay(database().pool(), [](const std::vector<jobs::OutboxMessage>&) -> Result<std::vector<Status>> {
    return fail(Errc::unavailable, "RabbitMQ is unavailable");
  });
  auto n = relay.drain_once();
  REQUIRE_FALSE(n);
  CHECK(n.error().code == Errc::unavailable);
  CHECK(rows("down") == 3);
}

TEST_CASE("a message the broker refused stays; the confirmed ones of its batch are gone") {
  clear();
  add_rows(4, "mixed");
  jobs::OutboxRelay relay(database().pool(), [](const std::vector<jobs::OutboxMessage>& batch) {
    std::vector<Status> out(batch.size());
    out[1] = fail(Errc::failed_precondition, "no queue bound for routing key 'mixed'");
    return Result<std::vector<Status>>(out);
  });
  auto n = relay.drain_once();
  REQUIRE_FALSE(n);
  CHECK(n.error().code == Errc::failed_precondition);
  CHECK(rows("mixed") == 1);
}

TEST_CASE("the relay thread publishes rows written after a wake-up") {
  clear();
  std::atomic<int> published{0};
  jobs::OutboxRelay relay(
      database().pool(),
      [&](const std::vector<jobs::OutboxMessage>& batch) {
        published += static_cast<int>(batch.size());
        return Result<std::vector<Status>>(std::vector<Status>(batch.size()));
      },
      std::chrono::milliseconds(60000));  // no idle polling: only the wake-up can find the rows
  relay.start();
  add_rows(2, "woken");
  relay.wake();
  for (int i = 0; i < 200 && published < 2; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(10));
  relay.stop();
  CHECK(published == 2);
  CHECK(rows("woken") == 0);
}
