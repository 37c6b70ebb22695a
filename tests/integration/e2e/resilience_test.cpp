// Failure as a user would meet it: a worker dying mid-stage, RabbitMQ restarting with work
// queued, and a damaged file. Nothing is lost, nothing happens twice, and errors are readable.
#include <doctest/doctest.h>

#include <cstdlib>
#include <thread>

#include "tests/integration/e2e/harness.hpp"

using namespace e2e;
using tailor::json::Value;

namespace {

const std::thread::id main_thread = std::this_thread::get_id();

std::size_t count_type(const SseResult& s, const std::string& type) {
  std::size_t n = 0;
  for (const auto& e : s.events) n += e.event == type ? 1 : 0;
  return n;
}

}  // namespace

TEST_CASE("e2e: a worker killed mid-stage: another one finishes the job exactly once") {
  Stack& stack = Stack::get();
  E2E_LOGS(stack);
  REQUIRE(std::this_thread::get_id() == main_thread);
  stack.stop_workers();
  // This worker sleeps 5 s between committing "stage_started" and doing the work; the test
  // kills it as soon as it sees the job running, so the delay only bounds how slow polling may be.
  Process& slow = stack.start_worker({{"TAILOR_TEST_STAGE_DELAY_MS", "5000"}});

  Client c(stack.base_url());
  c.sign_up(unique_email("killed"), kPassword);
  const Accepted a = expect_accepted(
      c.upload(make_pdf({"Idempotencia Candidate\nExactly once, please"}), "once.pdf"));

  const Value running = c.wait_for_job_state(a.job_id, {"running", "done", "failed"}, 30s);
  REQUIRE_MESSAGE(str(running, "state") == "running",
                  "the slow worker should hold the job: " << dump(running));
  CHECK(stack.db().count(
            "SELECT count(*) FROM job_events WHERE job_id = $1::uuid AND type = 'stage_started'",
            {a.job_id}) == 1);

  slow.kill();
  REQUIRE_MESSAGE(!slow.alive(), "the slow worker should be dead");
  const Value after_kill = c.get_job(a.job_id);
  CHECK_MESSAGE(str(after_kill, "state") == "running",
                "the stage never finished: " << dump(after_kill));

  stack.start_worker();
  const Value job = c.wait_for_job_state(a.job_id, {"done", "failed"}, 30s);
  INFO("job: " << dump(job));
  CHECK(str(job, "state") == "done");
  CHECK(num(job, "progress") == 100);
  const long long extract_runs = stack.db().count(
      "SELECT count(*) FROM job_events WHERE job_id = $1::uuid AND type = 'stage_started' AND data->>'stage' = 'extract'",
      {a.job_id});
  CHECK_MESSAGE(extract_runs == 2, "one extract run died with the worker, the second finished");

  const SseResult s = c.sse(a.job_id, "", 15s);
  INFO("events: " << s.describe());
  CHECK(s.server_closed);
  // extract started twice and completed once, then analyze once
  CHECK(count_type(s, "stage_started") == 3);
  CHECK(count_type(s, "stage_completed") == 2);
  CHECK(count_type(s, "done") == 1);
  CHECK(s.types() == std::vector<std::string>{"queued", "stage_started", "stage_started", "stage_completed",
                                              "stage_started", "stage_completed", "done"});
  CHECK(s.ids() == std::vector<std::string>{"1", "2", "3", "4", "5", "6", "7"});

  const auto r = c.get("/v1/resumes/" + a.resume_id);
  REQUIRE_MESSAGE(r.status == 200, r.describe());
  const Value doc = r.json();
  CHECK(str(doc, "status") == "extracted");
  const std::string text = str(doc, "text");
  CHECK_MESSAGE(count_of(text, "Idempotencia Candidate") == 1,
                "the text should be stored once: " << text);
  CHECK_MESSAGE(count_of(text, "Exactly once, please") == 1,
                "the text should be stored once: " << text);

  stack.ensure_one_worker();
}

TEST_CASE("e2e: queued jobs survive a RabbitMQ restart") {
  const std::string how =
      "this test restarts RabbitMQ with scripts/services, so it must know which servers are the "
      "test "
      "servers: run it through scripts/test (which exports TAILOR_SERVICES_DIR and the "
      "TAILOR_*_PORT "
      "variables), or export the same TAILOR_SERVICES_DIR and ports you gave `scripts/services "
      "start`";
  const std::string services_dir = require_env("TAILOR_SERVICES_DIR", how);
  const std::string amqp_port = require_env("TAILOR_AMQP_PORT", how);
  const std::string sources = source_dir();
  const std::string rabbitmq_url = require_env("RABBITMQ_URL", how);
  REQUIRE_MESSAGE(rabbitmq_url.find(":" + amqp_port + "/") != std::string::npos,
                  "RABBITMQ_URL (" << rabbitmq_url << ") is not on TAILOR_AMQP_PORT " << amqp_port
                                   << ": refusing to restart a RabbitMQ the tests do not use");
  Stack& stack = Stack::get();
  E2E_LOGS(stack);
  REQUIRE(std::this_thread::get_id() == main_thread);

  stack.stop_workers();
  const pid_t api_pid = stack.api().pid();
  Client c(stack.base_url());
  c.sign_up(unique_email("restart"), kPassword);
  std::vector<Accepted> jobs;
  for (int i = 0; i < 5; ++i) {
    jobs.push_back(expect_accepted(
        c.upload(make_pdf({"Durable Candidate " + std::to_string(i) + "\nSurvives restarts"}),
                 "durable.pdf")));
  }
  // The relay has published all five (they wait in the durable queue, nobody consumes).
  const std::string queue = stack.queue("extract");
  std::uint32_t depth = 0;
  CHECK_MESSAGE(eventually([&] { return (depth = stack.queue_depth(queue)) == 5; }, 30s),
                "expected 5 messages in " << queue << " before the restart, saw " << depth);
  for (const auto& j : jobs) CHECK(str(c.get_job(j.job_id), "state") == "queued");

  const std::string log = stack.work_dir() + "/logs/restart-rabbitmq.log";
  const auto t0 = Clock::now();
  const int rc = run_command({sources + "/scripts/services", "restart-rabbitmq"}, {}, log, 180s);
  const auto restart_ms =
      std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - t0).count();
  MESSAGE("RabbitMQ restarted in " << restart_ms << " ms");
  REQUIRE_MESSAGE(rc == 0, "scripts/services restart-rabbitmq failed (exit "
                               << rc << ") with TAILOR_SERVICES_DIR=" << services_dir << ":\n"
                               << file_tail(log, 30));

  CHECK_MESSAGE(
      eventually([&] { return (depth = stack.queue_depth(queue)) == 5; }, 10s),
      "durable queue " << queue << " should still hold the 5 persistent messages, saw " << depth);

  stack.start_worker();
  for (const auto& j : jobs) {
    const Value job = c.wait_for_job_state(j.job_id, {"done", "failed"}, 60s);
    CHECK_MESSAGE(str(job, "state") == "done", dump(job));
  }

  // The same API process carries on: its relay reconnected and publishes new work.
  CHECK(stack.api().alive());
  CHECK(stack.api().pid() == api_pid);
  HttpResponse ready;
  CHECK_MESSAGE(eventually([&] { return (ready = c.get("/health/ready")).status == 200; }, 30s),
                "/health/ready should be 200 again after the restart: " << ready.describe());
  const Accepted more =
      expect_accepted(c.upload(make_pdf({"After The Restart\nStill here"}), "after.pdf"));
  const Value job = c.wait_for_job_state(more.job_id, {"done", "failed"}, 60s);
  CHECK_MESSAGE(str(job, "state") == "done", dump(job));
  const auto doc = c.get("/v1/resumes/" + more.resume_id).json();
  CHECK(str(doc, "text").find("After The Restart") != std::string::npos);
  stack.ensure_one_worker();
}

TEST_CASE("e2e: a damaged PDF fails readably and is dead-lettered and the worker carries on") {
  Stack& stack = Stack::get();
  E2E_LOGS(stack);
  stack.ensure_one_worker();
  REQUIRE(stack.workers().size() == 1);
  Process* worker = stack.workers().front();
  Client c(stack.base_url());
  c.sign_up(unique_email("damaged"), kPassword);

  const std::string whole = make_pdf({"Broken Candidate\nHalf a file", "Second page\nNever read"});
  const std::string half = whole.substr(0, whole.size() / 2);
  const Accepted a = expect_accepted(c.upload(half, "broken.pdf", "application/pdf"));

  const Value job = c.wait_for_job_state(a.job_id, {"done", "failed"}, 30s);
  INFO("job: " << dump(job));
  CHECK(str(job, "state") == "failed");
  const Value* error = job.find("error");
  REQUIRE_MESSAGE((error && error->is_object()), "a failed job should carry an error object");
  const std::string message(error->string_at("message").value_or(""));
  CHECK_MESSAGE(message.find("damaged") != std::string::npos,
                "the error should say the PDF is damaged: " << message);
  CHECK_MESSAGE(message.find("PDF") != std::string::npos,
                "the error should name the PDF: " << message);

  const auto r = c.get("/v1/resumes/" + a.resume_id);
  REQUIRE_MESSAGE(r.status == 200, r.describe());
  const Value doc = r.json();
  CHECK(str(doc, "status") == "failed");
  CHECK_MESSAGE(str(doc, "error").find("damaged") != std::string::npos, dump(doc));

  const SseResult s = c.sse(a.job_id, "", 15s);
  INFO("events: " << s.describe());
  CHECK(s.server_closed);
  CHECK(s.types() == std::vector<std::string>{"queued", "stage_started", "failed"});

  // A permanent failure goes to the stage's dead-letter queue.
  const std::string dead = stack.dead_queue("extract");
  std::uint32_t depth = 0;
  REQUIRE_MESSAGE(eventually([&] { return (depth = stack.queue_depth(dead)) >= 1; }, 15s),
                  "expected the message in " << dead << ", saw " << depth << " message(s)");
  const auto bodies = stack.drain_queue(dead);
  bool found = false;
  for (const auto& b : bodies) found = found || b.find(a.job_id) != std::string::npos;
  CHECK_MESSAGE(found, "no message for job " << a.job_id << " in " << dead << " (" << bodies.size()
                                             << " there)");

  CHECK_MESSAGE(worker->alive(),
                "the worker should survive a damaged file: " << worker->describe_status());
  const Accepted next =
      expect_accepted(c.upload(make_pdf({"Next Candidate\nFine file"}), "fine.pdf"));
  const Value next_job = c.wait_for_job_state(next.job_id, {"done", "failed"}, 30s);
  CHECK_MESSAGE(str(next_job, "state") == "done", dump(next_job));
  CHECK(worker->alive());
}
