// The StageRunner's contract on a real PostgreSQL: a stage's effect happens once, redeliveries
// are acknowledged without work, transient errors retry with an event, permanent ones fail the
// job with a readable message and dead-letter the message.
#include <doctest/doctest.h>
#include <fmt/format.h>

#include <atomic>
#include <cstdlib>
#include <memory>
#include <random>

#include "common/core/topology.hpp"
#include "common/db/pool.hpp"
#include "common/jobs/pipeline.hpp"
#include "common/jobs/stage_runner.hpp"
#include "common/jobs/store.hpp"
#include "tests/support/test_database.hpp"

using namespace tailor;

namespace {

testing::TestDatabase& database() {
  static testing::TestDatabase d("tailor_test_jobs", 2);
  return d;
}

const char* kTopology = R"(
queue_type: classic
heartbeat_seconds: 20
defaults:
  prefetch: 1
  attempts: 3
  backoff: {initial_ms: 100, multiplier: 2, max_ms: 1000}
  pool: 1
  timeout_seconds: 60
stages:
  analyze:
)";

// A stage whose outcome the test scripts; it counts runs and writes a marker when it commits.
struct ScriptedStage : jobs::Stage {
  std::atomic<int> runs{0};
  std::atomic<int> failed_hooks{0};
  Result<jobs::StageOutput> next = jobs::StageOutput{};
  std::string_view name() const override { return "analyze"; }
  Result<jobs::StageOutput> run(const jobs::Job& job, int) override {
    ++runs;
    if (!next) return std::unexpected(next.error());
    jobs::StageOutput out;
    const std::string id = job.id;
    out.commit = [id](soci::session& s) {
      s << "INSERT INTO audit_log (action, subject_id) VALUES ('test.effect', :id::uuid)", soci::use(id);
    };
    return out;
  }
  void on_failed(soci::session&, const jobs::Job&, const Error&) override { ++failed_hooks; }
};

struct Fixture {
  core::Topology topology = core::parse_topology(kTopology, "t");
  db::Pool& pool = database().pool();
  ScriptedStage stage;
  int notified = 0;
  jobs::StageRunner runner{pool, topology, stage, [this](const std::string&) { ++notified; }, [] {}};
  std::string user_id, job_id;

  Fixture() {
    std::random_device rd;
    user_id = fmt::format("00000000-0000-4000-8000-{:012x}", (std::uint64_t(rd()) << 16) ^ rd());
    job_id = fmt::format("10000000-0000-4000-8000-{:012x}", (std::uint64_t(rd()) << 16) ^ rd());
    const std::string email = user_id + "@example.com";  // soci::use binds by reference: no temporaries
    auto created = pool.transact([&](soci::session& s) {
      s << "INSERT INTO users (id, email, password_hash) VALUES (:id::uuid, :e, 'x')", soci::use(user_id),
          soci::use(email);
      // an analysis job: one stage, so the job is done when it completes
      jobs::insert_job(s, topology, {job_id, user_id, std::string(jobs::kAnalysisJob), std::nullopt});
    });
    REQUIRE_MESSAGE(created, (created ? "" : created.error().message));
  }
  std::string message(int attempt) { return jobs::message_body({job_id, "analyze", attempt}); }
  jobs::Job job() {
    return **pool.run([&](soci::session& s) { return jobs::find_job(s, job_id); });
  }
  std::vector<std::string> event_types() {
    auto events = *pool.run([&](soci::session& s) { return jobs::events_after(s, job_id, 0, 100); });
    std::vector<std::string> types;
    for (auto& e : events) types.push_back(e.type);
    return types;
  }
  int effects() {
    return *pool.run([&](soci::session& s) {
      int n = 0;
      s << "SELECT count(*) FROM audit_log WHERE action = 'test.effect' AND subject_id = :id::uuid", soci::use(job_id),
          soci::into(n);
      return n;
    });
  }
  int outbox_rows() {
    return *pool.run([&](soci::session& s) {
      int n = 0;
      s << "SELECT count(*) FROM outbox WHERE body LIKE '%' || :id || '%'", soci::use(job_id), soci::into(n);
      return n;
    });
  }
};

}  // namespace

TEST_CASE("a new job is queued with its event and the outbox row that starts it") {
  Fixture f;
  CHECK(f.job().state == "queued");
  CHECK(f.job().stage == "analyze");
  CHECK(f.event_types() == std::vector<std::string>{"queued"});
  CHECK(f.outbox_rows() == 1);
}

TEST_CASE("a stage completes once; a redelivery of the same message is acked without work") {
  Fixture f;
  CHECK(f.runner.handle(f.message(1)) == Disposition::ack);
  CHECK(f.job().state == "done");
  CHECK(f.job().progress == 100);
  CHECK(f.event_types() == std::vector<std::string>{"queued", "stage_started", "stage_completed", "done"});
  CHECK(f.runner.handle(f.message(1)) == Disposition::ack);  // redelivered
  CHECK(f.stage.runs == 1);
  CHECK(f.effects() == 1);
  CHECK(f.event_types().size() == 4);
  CHECK(f.notified == 2);  // started, completed
}

TEST_CASE("a run interrupted after it started is run again and completes once") {
  Fixture f;
  // A worker claimed the run (stage_started committed) and died: the job is left "running".
  REQUIRE(f.pool.transact([&](soci::session& s) {
    jobs::transition(s, f.job_id, {.state = "running", .attempts = jobs::Transition::Attempts::increment},
                     "stage_started", "\"attempt\":1");
  }));
  CHECK(f.runner.handle(f.message(1)) == Disposition::ack);
  CHECK(f.job().state == "done");
  CHECK(f.job().attempts == 2);
  CHECK(f.effects() == 1);
}

TEST_CASE("a transient error retries with an event, then succeeds") {
  Fixture f;
  f.stage.next = fail(Errc::unavailable, "the OCR service is busy");
  CHECK(f.runner.handle(f.message(1)) == Disposition::retry);
  CHECK(f.job().state == "retrying");
  REQUIRE(f.job().error);
  CHECK(*f.job().error == "the OCR service is busy");
  CHECK(f.event_types().back() == "retrying");
  f.stage.next = jobs::StageOutput{};
  CHECK(f.runner.handle(f.message(2)) == Disposition::ack);
  CHECK(f.job().state == "done");
  CHECK_FALSE(f.job().error);
  CHECK(f.effects() == 1);
}

TEST_CASE("a transient error on the last attempt fails the job and dead-letters the message") {
  Fixture f;
  f.stage.next = fail(Errc::deadline_exceeded, "the PDF took longer than 20 s to read");
  CHECK(f.runner.handle(f.message(3)) == Disposition::dead_letter);
  CHECK(f.job().state == "failed");
  CHECK(*f.job().error == "the PDF took longer than 20 s to read");
  CHECK(f.stage.failed_hooks == 1);
}

TEST_CASE("a permanent error fails the job at once with the readable message") {
  Fixture f;
  f.stage.next = fail(Errc::invalid_argument, "the PDF is damaged or not a PDF");
  CHECK(f.runner.handle(f.message(1)) == Disposition::dead_letter);
  CHECK(f.job().state == "failed");
  CHECK(*f.job().error == "the PDF is damaged or not a PDF");
  CHECK(f.event_types().back() == "failed");
  CHECK(f.effects() == 0);
  // A failed job is terminal: another delivery does nothing.
  CHECK(f.runner.handle(f.message(1)) == Disposition::ack);
  CHECK(f.stage.runs == 1);
}

TEST_CASE("internal errors reach users without their details") {
  Fixture f;
  f.stage.next = fail(Errc::internal, "std::bad_alloc at parser.cpp:42");
  CHECK(f.runner.handle(f.message(1)) == Disposition::dead_letter);
  REQUIRE(f.job().error);
  CHECK(f.job().error->find("parser.cpp") == std::string::npos);
}

TEST_CASE("messages for unknown jobs are acked; unreadable ones are dead-lettered") {
  Fixture f;
  CHECK(f.runner.handle(jobs::message_body({"20000000-0000-4000-8000-000000000000", "analyze", 1})) ==
        Disposition::ack);
  CHECK(f.runner.handle("not json") == Disposition::dead_letter);
  CHECK(f.runner.handle(jobs::message_body({f.job_id, "analyze", 1})) == Disposition::dead_letter);
  CHECK(f.stage.runs == 0);
}

TEST_CASE("a job waiting for its document gets no message until the document is released, then one") {
  Fixture f;
  const std::string doc_id = "30000000-0000-4000-8000-" + f.job_id.substr(24);
  const std::string waiting_id = "40000000-0000-4000-8000-" + f.job_id.substr(24);
  auto made = f.pool.transact([&](soci::session& s) {
    s << "INSERT INTO documents (id, owner_id, filename, media_type, size_bytes, storage_key) "
         "VALUES (:d::uuid, :o::uuid, 'cv.pdf', 'pdf', 1, 'k')",
        soci::use(doc_id), soci::use(f.user_id);
    jobs::NewJob job{waiting_id, f.user_id, std::string(jobs::kAnalysisJob), doc_id, true};
    jobs::insert_job(s, f.topology, job);
  });
  REQUIRE_MESSAGE(made, (made ? "" : made.error().message));
  const auto state_of = [&] {
    return **f.pool.run([&](soci::session& s) { return jobs::find_job(s, waiting_id); });
  };
  const auto messages_for = [&] {
    return *f.pool.run([&](soci::session& s) {
      int n = 0;
      s << "SELECT count(*) FROM outbox WHERE body LIKE '%' || :id || '%'", soci::use(waiting_id), soci::into(n);
      return n;
    });
  };
  CHECK(state_of().state == "waiting");
  CHECK(messages_for() == 0);

  auto released = f.pool.transact([&](soci::session& s) { return jobs::release_waiting_jobs(s, f.topology, doc_id); });
  REQUIRE(released);
  CHECK(*released == std::vector<std::string>{waiting_id});
  CHECK(state_of().state == "queued");
  CHECK(messages_for() == 1);
  // Released once: a second release (the document finished again) finds nothing to do.
  auto again = f.pool.transact([&](soci::session& s) { return jobs::release_waiting_jobs(s, f.topology, doc_id); });
  REQUIRE(again);
  CHECK(again->empty());
  CHECK(messages_for() == 1);
  auto events = *f.pool.run([&](soci::session& s) { return jobs::events_after(s, waiting_id, 0, 10); });
  std::vector<std::string> types;
  for (auto& e : events) types.push_back(e.type);
  CHECK(types == std::vector<std::string>{"waiting", "queued"});
}
