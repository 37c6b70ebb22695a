// The happy path as a user sees it: sign up, upload a résumé, follow the job (poll and SSE),
// read the extracted text, list and delete résumés; plus the health endpoints.
#include <doctest/doctest.h>

#include <atomic>
#include <filesystem>
#include <thread>

#include "tests/integration/e2e/harness.hpp"

using namespace e2e;
using tailor::json::Value;

namespace {

// Checks the job document of a finished extraction.
void check_done_job(const Value& job, const std::string& job_id) {
  INFO("job: " << dump(job));
  CHECK(str(job, "id") == job_id);
  CHECK(str(job, "kind") == "resume");
  CHECK(str(job, "state") == "done");
  CHECK(str(job, "stage") == "analyze");
  CHECK(num(job, "progress") == 100);
  REQUIRE(job.find("error") != nullptr);
  CHECK(job.find("error")->is_null());
  CHECK(!str(job, "created_at").empty());
  CHECK(!str(job, "updated_at").empty());
}

// GET /v1/resumes/{id}, 200 expected.
Value get_resume(const Client& c, const std::string& id) {
  auto r = c.get("/v1/resumes/" + id);
  REQUIRE_MESSAGE(r.status == 200, r.describe());
  return r.json();
}

std::thread::id main_thread = std::this_thread::get_id();

// An upload's job: read (extract), then understood on its own (analyze).
const std::vector<std::string> kResumeJobEvents = {"queued",        "stage_started",   "stage_completed",
                                                   "stage_started", "stage_completed", "done"};

}  // namespace

TEST_CASE("e2e: a PDF and a DOCX upload are extracted into text") {
  Stack& stack = Stack::get();
  E2E_LOGS(stack);
  stack.ensure_one_worker();
  Client c(stack.base_url());
  c.sign_up(unique_email("upload"), kPassword);

  {  // PDF
    const auto pdf =
        make_pdf({"Jane Quartermaine\nSenior Platform Engineer",
                  "Experience\nZephyrine Logistics 2019-2024\nBuilt the billing pipeline"});
    const auto r = c.upload(pdf, "jane-quartermaine.pdf", "application/pdf");
    const Accepted a = expect_accepted(r);
    CHECK(r.header("location") == "/v1/jobs/" + a.job_id);

    const Value job = c.wait_for_job_state(a.job_id, {"done", "failed"});
    check_done_job(job, a.job_id);

    const Value doc = get_resume(c, a.resume_id);
    INFO("résumé: " << dump(doc));
    CHECK(str(doc, "id") == a.resume_id);
    CHECK(str(doc, "status") == "extracted");
    CHECK(str(doc, "media_type") == "pdf");
    CHECK(str(doc, "filename") == "jane-quartermaine.pdf");
    CHECK(num(doc, "size_bytes") == static_cast<long long>(pdf.size()));
    CHECK(num(doc, "page_count") == 2);
    CHECK(str(doc, "job_id") == a.job_id);
    const std::string text = str(doc, "text");
    for (const std::string word : {"Jane Quartermaine", "Senior Platform Engineer",
                                   "Zephyrine Logistics", "billing pipeline"}) {
      CHECK_MESSAGE(text.find(word) != std::string::npos,
                    "the text should contain '" << word << "'");
    }
    // The layout is kept with the text for the analyze stage: counts, and lines with fonts.
    auto& db = stack.db();
    CHECK(db.value("SELECT word_count FROM documents WHERE id = $1", {a.resume_id}) == "13");  // "2019-2024" is one word
    CHECK(db.value("SELECT (layout->>'page_count') FROM documents WHERE id = $1", {a.resume_id}) == "2");
    CHECK(db.value("SELECT layout->'lines'->0->>'text' FROM documents WHERE id = $1", {a.resume_id}) ==
          "Jane Quartermaine");
    CHECK(db.value("SELECT layout->'lines'->0->>'font' FROM documents WHERE id = $1", {a.resume_id}) ==
          "Helvetica");
  }

  {  // DOCX with a table and a header
    INFO("DOCX upload");
    const auto docx = make_docx("Objective: reliable backends at Vandermolen Freight",
                                {"Skills", "Kubernetes", "Tooling", "Terraform"},
                                "Headerline Quartermaine jane@example.com");
    const Accepted a = expect_accepted(c.upload(docx, "cv.docx"));
    const Value job = c.wait_for_job_state(a.job_id, {"done", "failed"});
    check_done_job(job, a.job_id);

    const Value doc = get_resume(c, a.resume_id);
    INFO("résumé: " << dump(doc));
    CHECK(str(doc, "status") == "extracted");
    CHECK(str(doc, "media_type") == "docx");
    CHECK_MESSAGE(doc.find("page_count") != nullptr, "page_count should be present");
    const std::string text = str(doc, "text");
    CHECK_MESSAGE(text.find("Vandermolen Freight") != std::string::npos, "body paragraph missing");
    CHECK_MESSAGE(text.find("Kubernetes") != std::string::npos, "table cell missing");
    CHECK_MESSAGE(text.find("Terraform") != std::string::npos, "table cell missing");
    CHECK_MESSAGE(text.find("Headerline Quartermaine") != std::string::npos, "header text missing");
  }
}

TEST_CASE("e2e: me and list and delete resumes") {
  Stack& stack = Stack::get();
  E2E_LOGS(stack);
  stack.ensure_one_worker();
  Client c(stack.base_url());
  const std::string email = unique_email("lister");
  c.sign_up(email, kPassword);

  const auto me = c.get("/v1/me");
  REQUIRE_MESSAGE(me.status == 200, me.describe());
  const Value user = me.json();
  CHECK(str(user, "email") == email);
  CHECK(str(user, "id").size() == 36);
  CHECK(user.find("email_verified") != nullptr);

  const Accepted pdf =
      expect_accepted(c.upload(make_pdf({"Resume one\nOrchidaceae Botanist"}), "one.pdf"));
  const Accepted txt =
      expect_accepted(c.upload("Resume two\nSkills: Fortran, COBOL\n", "two.txt", "text/plain"));
  CHECK(str(c.wait_for_job_state(pdf.job_id, {"done", "failed"}), "state") == "done");
  CHECK(str(c.wait_for_job_state(txt.job_id, {"done", "failed"}), "state") == "done");

  auto list_ids = [&c] {
    auto r = c.get("/v1/resumes");
    REQUIRE_MESSAGE(r.status == 200, r.describe());
    const Value v = r.json();
    const Value* arr = v.find("resumes");
    REQUIRE_MESSAGE((arr && arr->is_array()), "expected {\"resumes\":[...]}: " << r.body);
    std::set<std::string> ids;
    for (const auto& d : *arr->as_array()) ids.insert(str(d, "id"));
    return ids;
  };
  CHECK(list_ids() == std::set<std::string>{pdf.resume_id, txt.resume_id});
  {
    const auto one = c.get("/v1/resumes?limit=1");
    REQUIRE_MESSAGE(one.status == 200, one.describe());
    const Value doc = one.json();  // find() points into it: keep it alive
    const Value* arr = doc.find("resumes");
    CHECK_MESSAGE((arr && arr->as_array() && arr->as_array()->size() == 1),
                  "?limit=1: " << one.body);
    expect_error(c.get("/v1/resumes?limit=0"), 400, "invalid_argument", "limit");
    expect_error(c.get("/v1/resumes?limit=abc"), 400, "invalid_argument", "limit");
  }

  // Where the file lives is not part of the API; the database knows.
  const auto key =
      stack.db().value("SELECT storage_key FROM documents WHERE id = $1::uuid", {pdf.resume_id});
  REQUIRE_MESSAGE(key.has_value(), "documents row of " << pdf.resume_id << " has no storage_key");
  const std::string stored = stack.storage_dir() + "/" + *key;
  CHECK_MESSAGE(std::filesystem::exists(stored), "the upload should be stored at " << stored);

  const auto del = c.del("/v1/resumes/" + pdf.resume_id);
  CHECK_MESSAGE(del.status == 204, del.describe());
  CHECK(del.body.empty());

  expect_error(c.get("/v1/resumes/" + pdf.resume_id), 404, "not_found");
  expect_error(c.get("/v1/jobs/" + pdf.job_id), 404, "not_found");
  expect_error(c.del("/v1/resumes/" + pdf.resume_id), 404, "not_found");
  CHECK_MESSAGE(!std::filesystem::exists(stored), "the stored file should be gone: " << stored);
  CHECK(list_ids() == std::set<std::string>{txt.resume_id});
  // The other résumé is untouched.
  CHECK(str(get_resume(c, txt.resume_id), "status") == "extracted");
}

TEST_CASE("e2e: SSE replays a finished job's events and honours Last-Event-ID") {
  Stack& stack = Stack::get();
  E2E_LOGS(stack);
  stack.ensure_one_worker();
  Client c(stack.base_url());
  c.sign_up(unique_email("sse"), kPassword);
  const Accepted a =
      expect_accepted(c.upload(make_pdf({"Streaming Candidate\nEventsource"}), "sse.pdf"));
  REQUIRE(str(c.wait_for_job_state(a.job_id, {"done", "failed"}), "state") == "done");

  const SseResult s = c.sse(a.job_id, "", 15s);
  INFO("stream: " << s.describe());
  REQUIRE(s.status == 200);
  CHECK(s.content_type.rfind("text/event-stream", 0) == 0);
  CHECK(s.cache_control == "no-cache");
  CHECK_MESSAGE(s.server_closed, "the server should end the stream of a finished job");
  CHECK(s.types() ==
        kResumeJobEvents);
  CHECK(s.ids() == std::vector<std::string>{"1", "2", "3", "4", "5", "6"});
  for (const auto& e : s.events) {
    auto v = tailor::json::parse(e.data);
    REQUIRE_MESSAGE(v.has_value(), "event data should be JSON: " << e.data);
    CHECK(std::to_string(num(*v, "seq")) == e.id);
    CHECK(str(*v, "type") == e.event);
    CHECK(str(*v, "job_id") == a.job_id);
  }
  if (!s.events.empty()) {
    const auto last = tailor::json::parse(s.events.back().data);
    REQUIRE(last.has_value());
    CHECK(str(*last, "state") == "done");
    CHECK(num(*last, "progress") == 100);
  }

  const SseResult after2 = c.sse(a.job_id, "2", 15s);
  INFO("stream after Last-Event-ID 2: " << after2.describe());
  CHECK(after2.status == 200);
  CHECK(after2.server_closed);
  CHECK(after2.ids() == std::vector<std::string>{"3", "4", "5", "6"});
  CHECK(after2.types() == std::vector<std::string>{"stage_completed", "stage_started", "stage_completed", "done"});

  const SseResult garbage = c.sse(a.job_id, "not-a-number", 15s);
  INFO("stream after Last-Event-ID not-a-number: " << garbage.describe());
  CHECK(garbage.status == 200);
  CHECK(garbage.ids() == std::vector<std::string>{"1", "2", "3", "4", "5", "6"});

  const SseResult after6 = c.sse(a.job_id, "6", 15s);
  INFO("stream after Last-Event-ID 6: " << after6.describe());
  CHECK(after6.status == 200);
  CHECK(after6.server_closed);
  CHECK(after6.events.empty());
}

TEST_CASE("e2e: SSE streams a job's events live and ends at done") {
  Stack& stack = Stack::get();
  E2E_LOGS(stack);
  REQUIRE(std::this_thread::get_id() == main_thread);  // workers must be forked by this thread
  stack.stop_workers();  // the job waits in the queue until the stream is open
  Client c(stack.base_url());
  c.sign_up(unique_email("live"), kPassword);
  const Accepted a =
      expect_accepted(c.upload(make_pdf({"Live Candidate\nWebsocketless"}), "live.pdf"));

  std::atomic<int> seen{0};
  SseResult live;
  std::thread reader([&] {
    live = c.sse(a.job_id, "", 60s, [&seen](const SseEvent&) {
      ++seen;
      return true;
    });
  });
  struct Join {
    std::thread& t;
    ~Join() {
      if (t.joinable()) t.join();
    }
  } join{reader};

  const bool opened = eventually([&] { return seen.load() >= 1; }, 15s);
  if (!opened) {
    stack.start_worker();  // let the stream end so the reader thread can be joined
    FAIL("the stream did not deliver the 'queued' event within 15 s");
  }
  std::this_thread::sleep_for(300ms);
  CHECK_MESSAGE(seen.load() == 1,
                "with no worker running, only 'queued' should have arrived, saw " << seen.load());

  const auto worker_started = Clock::now();
  stack.start_worker();
  reader.join();

  INFO("live stream: " << live.describe());
  CHECK(live.status == 200);
  CHECK_MESSAGE(live.server_closed, "the server should close the stream after 'done'");
  CHECK(live.types() ==
        kResumeJobEvents);
  CHECK(live.ids() == std::vector<std::string>{"1", "2", "3", "4", "5", "6"});
  for (std::size_t i = 1; i < live.events.size(); ++i) {
    CHECK_MESSAGE(
        live.events[i].received >= worker_started,
        "event " << live.events[i].id << " should have arrived live, after the worker started");
  }
  CHECK(str(c.get_job(a.job_id), "state") == "done");
}

TEST_CASE("e2e: health endpoints report live and ready") {
  Stack& stack = Stack::get();
  E2E_LOGS(stack);
  Client c(stack.base_url());

  const auto live = c.get("/health/live");
  CHECK_MESSAGE(live.status == 200, live.describe());
  CHECK(str(live.json(), "status") == "ok");

  const auto ready = c.get("/health/ready");
  REQUIRE_MESSAGE(ready.status == 200, ready.describe());
  const Value v = ready.json();
  CHECK(str(v, "status") == "ok");
  const Value* checks = v.find("checks");
  REQUIRE_MESSAGE((checks && checks->is_object()), "expected a 'checks' object: " << ready.body);
  for (const std::string dep : {"database", "redis", "rabbitmq"}) {
    CHECK_MESSAGE(checks->string_at(dep) == "up", dep << " should be up: " << ready.body);
  }
}
