// Group commit on a real PostgreSQL: many concurrent writers, each told its own outcome.
#include <doctest/doctest.h>

#include <atomic>
#include <thread>

#include "common/db/batch_writer.hpp"
#include "tests/support/test_database.hpp"

using namespace tailor;

namespace {
testing::TestDatabase& database() {
  static testing::TestDatabase d("tailor_test_db", 4);
  return d;
}

struct Row {
  int id;
  std::string action;
};

void insert(soci::session& s, const std::vector<Row>& rows) {
  for (const auto& r : rows) {
    s << "INSERT INTO audit_log (id, action) VALUES (:id, :a)", soci::use(r.id), soci::use(r.action);
  }
}

int count(const std::string& prefix) {
  return *database().pool().run([&](soci::session& s) {
    int n = 0;
    const std::string like = prefix + "%";
    s << "SELECT count(*) FROM audit_log WHERE action LIKE :p", soci::use(like), soci::into(n);
    return n;
  });
}
}  // namespace

TEST_CASE("every concurrent write is committed and reported ok") {
  db::BatchWriter<Row> writer(database().pool(), insert, 64, 2);
  std::atomic<int> ok{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 16; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 50; ++i) {
        if (writer.write({100000 + t * 1000 + i, "batch.ok"})) ++ok;
      }
    });
  }
  for (auto& t : threads) t.join();
  CHECK(ok == 800);
  CHECK(count("batch.ok") == 800);
}

TEST_CASE("one failing item fails alone; the rest of its batch is committed") {
  db::BatchWriter<Row> writer(database().pool(), insert, 64, 1);
  REQUIRE(writer.write({1, "batch.first"}));
  std::vector<std::thread> threads;
  std::atomic<int> ok{0}, duplicate{0};
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&, t] {
      // Thread 0 reuses id 1: a primary-key violation.
      auto r = writer.write({t == 0 ? 1 : 200 + t, "batch.mixed"});
      if (r) {
        ++ok;
      } else if (r.error().code == Errc::already_exists) {
        ++duplicate;
      }
    });
  }
  for (auto& t : threads) t.join();
  CHECK(ok == 7);
  CHECK(duplicate == 1);
  CHECK(count("batch.mixed") == 7);
}
