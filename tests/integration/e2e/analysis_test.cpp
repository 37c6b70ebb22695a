// Analyses as a user sees them: a résumé matched against a job description (scored, explained,
// reviewed for ATS trouble), the résumé as JSON Resume, personal data kept out of the redacted
// text, an analysis that waits for its résumé, and every way a request can be wrong.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <thread>

#include "common/json/writer.hpp"
#include "tests/integration/e2e/harness.hpp"

using namespace e2e;
using tailor::json::Value;

namespace {

std::thread::id main_thread = std::this_thread::get_id();

const std::string kResume =
    "Jane Quartermaine\n"
    "Senior Backend Engineer\n"
    "jane.quartermaine@example.com | (312) 555-0123 | Chicago, IL\n"
    "Experience\n"
    "Senior Backend Engineer, Zephyrine Logistics    Jan 2019 - Present\n"
    "- Built Python services with FastAPI and PostgreSQL handling 2 million requests a day\n"
    "- Cut AWS costs by 30% by moving batch workers to Kubernetes and Docker\n"
    "- Designed event-driven messaging with Kafka across 12 microservices\n"
    "Backend Engineer, Acme Corp    Jun 2014 - Dec 2018\n"
    "- Developed Django REST Framework APIs with Redis caching for 40,000 users\n"
    "- Set up CI/CD pipelines in GitHub Actions that cut release time by half\n"
    "Education\n"
    "B.S. Computer Science, University of Illinois    2010 - 2014\n"
    "Skills\n"
    "Python, FastAPI, Django, PostgreSQL, Redis, Docker, Kubernetes, AWS, Kafka, asyncio, SQL\n";

const std::string kBackendJob =
    "Senior Backend Engineer at Northwind Freight\n"
    "We are looking for a Senior Backend Engineer to build high-throughput Python services with "
    "FastAPI and Django.\n"
    "Requirements: 4+ years of professional Python experience; PostgreSQL and Redis; Docker and "
    "Kubernetes; AWS; event-driven messaging with Kafka; Terraform.\n"
    "Nice to have: Datadog, OpenTelemetry.\n"
    "Bachelor's degree in Computer Science or a related field.\n";

const std::string kNursingJob =
    "Registered Nurse, Intensive Care Unit\n"
    "St. Elsewhere Hospital is hiring a Registered Nurse for its ICU.\n"
    "Requirements: active RN license; BLS and ACLS certification; 3+ years of critical care "
    "nursing; patient assessment, medication administration, wound care and ventilator "
    "management.\n"
    "Nice to have: CCRN certification, experience with Epic charting.\n";

std::string analysis_body(const std::string& resume_id, const std::string& text, const std::string& title = "") {
  std::string body = R"({"resume_id":")" + resume_id + R"(","job_description":{"text":)";
  tailor::json::append_quoted(body, text);
  if (!title.empty()) {
    body += R"(,"title":)";
    tailor::json::append_quoted(body, title);
  }
  return body + "}}";
}

struct Created {
  std::string analysis_id;
  std::string job_id;
  std::string state;
};

// POST /v1/analyses; 202 and the body's shape expected.
Created create_analysis(const Client& c, const std::string& body) {
  const auto r = c.post_json("/v1/analyses", body);
  REQUIRE_MESSAGE(r.status == 202, r.describe());
  const Value v = r.json();
  Created out{str(v, "analysis_id"), str(v, "job_id"), str(v, "state")};
  CHECK(str(v, "status_url") == "/v1/analyses/" + out.analysis_id);
  CHECK(str(v, "events_url") == "/v1/jobs/" + out.job_id + "/events");
  CHECK(r.header("location") == "/v1/analyses/" + out.analysis_id);
  return out;
}

Value get_analysis(const Client& c, const std::string& id) {
  const auto r = c.get("/v1/analyses/" + id);
  REQUIRE_MESSAGE(r.status == 200, r.describe());
  return r.json();
}

// The names of the skills in report.skills.<which>.
std::vector<std::string> skill_names(const Value& report, const std::string& which) {
  std::vector<std::string> out;
  const Value* skills = report.find("skills");
  REQUIRE_MESSAGE((skills && skills->find(which) && skills->find(which)->as_array()),
                  "report.skills." << which << " should be a list: " << dump(report));
  for (const auto& s : *skills->find(which)->as_array()) out.push_back(str(s, "name"));
  return out;
}

bool contains(const std::vector<std::string>& v, const std::string& x) {
  return std::find(v.begin(), v.end(), x) != v.end();
}

// Uploads kResume as a PDF and waits for its job to finish.
Accepted upload_resume(Client& c) {
  const Accepted a = expect_accepted(c.upload(make_pdf({kResume}), "jane.pdf", "application/pdf"));
  const Value job = c.wait_for_job_state(a.job_id, {"done", "failed"});
  REQUIRE_MESSAGE(str(job, "state") == "done", dump(job));
  return a;
}

}  // namespace

TEST_CASE("e2e: a résumé against a job: scored, explained and reviewed; an unrelated job scores low") {
  Stack& stack = Stack::get();
  E2E_LOGS(stack);
  stack.ensure_one_worker();
  Client c(stack.base_url());
  c.sign_up(unique_email("analysis"), kPassword);
  const Accepted a = upload_resume(c);

  const Created fit = create_analysis(c, analysis_body(a.resume_id, kBackendJob, "Senior Backend Engineer"));
  CHECK(fit.state == "queued");  // the résumé was read already
  const Value fit_job = c.wait_for_job_state(fit.job_id, {"done", "failed"});
  REQUIRE_MESSAGE(str(fit_job, "state") == "done", dump(fit_job));
  CHECK(str(fit_job, "kind") == "analysis");

  const Value analysis = get_analysis(c, fit.analysis_id);
  INFO("analysis: " << dump(analysis));
  CHECK(str(analysis, "id") == fit.analysis_id);
  CHECK(str(analysis, "resume_id") == a.resume_id);
  CHECK(str(analysis, "state") == "done");
  const long long score = num(analysis, "score");
  const Value* report = analysis.find("report");
  REQUIRE((report && report->is_object()));
  CHECK(num(*report, "score") == score);
  CHECK_MESSAGE(score >= 70, "a strong fit should score high, got " << score);

  // The score explains itself: its parts, weighted, add up to it.
  const Value* breakdown = report->find("breakdown");
  REQUIRE((breakdown && breakdown->as_array() && !breakdown->as_array()->empty()));
  double points = 0;
  std::vector<std::string> parts;
  for (const auto& part : *breakdown->as_array()) {
    parts.push_back(str(part, "name"));
    CHECK(!str(part, "detail").empty());
    points += part.find("points")->as_double().value_or(-1000);
  }
  CHECK(std::abs(points - static_cast<double>(score)) <= 1.0);
  CHECK(contains(parts, "required_skills"));
  CHECK(contains(parts, "keywords"));

  const auto matched = skill_names(*report, "matched");
  const auto missing = skill_names(*report, "missing");
  for (const std::string s : {"Python", "PostgreSQL", "Kubernetes", "Kafka"}) {
    CHECK_MESSAGE(contains(matched, s), s << " is in the résumé and the job");
  }
  CHECK_MESSAGE(contains(missing, "Terraform"), "Terraform is asked for and absent from the résumé");
  CHECK_FALSE(contains(matched, "Terraform"));
  const Value* ats = report->find("ats");
  REQUIRE((ats && ats->find("flags") && ats->find("bullets")));
  CHECK(ats->find("bullets")->as_array()->size() >= 5);

  // The same résumé against a nursing job.
  const Created other = create_analysis(c, analysis_body(a.resume_id, kNursingJob));
  REQUIRE(str(c.wait_for_job_state(other.job_id, {"done", "failed"}), "state") == "done");
  const long long unrelated = num(get_analysis(c, other.analysis_id), "score");
  CHECK_MESSAGE(unrelated <= 30, "an unrelated job should score low, got " << unrelated);
  CHECK(unrelated < score);
}

TEST_CASE("e2e: the résumé as JSON Resume, and its redacted text keeps no personal data") {
  Stack& stack = Stack::get();
  E2E_LOGS(stack);
  stack.ensure_one_worker();
  Client c(stack.base_url());
  c.sign_up(unique_email("parsed"), kPassword);
  const Accepted a = upload_resume(c);

  const auto r = c.get("/v1/resumes/" + a.resume_id + "/parsed");
  REQUIRE_MESSAGE(r.status == 200, r.describe());
  CHECK_MESSAGE(r.body.rfind(R"({"basics":{"name":)", 0) == 0, "served in JSON Resume's order: " << r.body);
  const Value resume = r.json();
  INFO("JSON Resume: " << dump(resume));
  const Value* basics = resume.find("basics");
  REQUIRE((basics && basics->is_object()));
  CHECK(str(*basics, "name") == "Jane Quartermaine");
  CHECK(str(*basics, "email") == "jane.quartermaine@example.com");
  CHECK(str(*basics, "phone") == "(312) 555-0123");
  const Value* work = resume.find("work");
  REQUIRE((work && work->as_array() && work->as_array()->size() == 2));
  const Value& first = work->as_array()->front();
  CHECK(str(first, "name") == "Zephyrine Logistics");
  CHECK(str(first, "position") == "Senior Backend Engineer");
  CHECK(str(first, "startDate") == "2019-01");
  CHECK(first.find("endDate") == nullptr);  // Present: no end date
  CHECK(str(work->as_array()->back(), "endDate") == "2018-12");
  const Value* education = resume.find("education");
  REQUIRE((education && education->as_array() && education->as_array()->size() == 1));
  CHECK(str(education->as_array()->front(), "institution") == "University of Illinois");

  // Only the redacted text may leave the system: none of the person's details are in it.
  const auto redacted = stack.db().value("SELECT redacted_text FROM documents WHERE id = $1", {a.resume_id});
  REQUIRE(redacted.has_value());
  INFO("redacted: " << *redacted);
  for (const std::string personal : {"Jane", "Quartermaine", "jane.quartermaine@example.com", "555-0123"}) {
    CHECK_MESSAGE(redacted->find(personal) == std::string::npos, "'" << personal << "' should be redacted");
  }
  CHECK(redacted->find("[NAME]") != std::string::npos);
  CHECK(redacted->find("[EMAIL_1]") != std::string::npos);
  CHECK(redacted->find("[PHONE_1]") != std::string::npos);
  for (const std::string kept : {"Zephyrine Logistics", "PostgreSQL", "Kubernetes", "University of Illinois"}) {
    CHECK_MESSAGE(redacted->find(kept) != std::string::npos, "'" << kept << "' is not personal and should stay");
  }
}

TEST_CASE("e2e: an analysis asked for while the résumé is being read waits, then runs") {
  Stack& stack = Stack::get();
  E2E_LOGS(stack);
  REQUIRE(std::this_thread::get_id() == main_thread);
  stack.stop_workers();  // no extract worker: the upload stays unread
  Client c(stack.base_url());
  c.sign_up(unique_email("waiting"), kPassword);
  const Accepted a = expect_accepted(c.upload(make_pdf({kResume}), "jane.pdf", "application/pdf"));

  const Created created = create_analysis(c, analysis_body(a.resume_id, kBackendJob));
  CHECK(created.state == "waiting");
  std::this_thread::sleep_for(300ms);
  const Value waiting = get_analysis(c, created.analysis_id);
  CHECK_MESSAGE(str(waiting, "state") == "waiting", dump(waiting));
  CHECK(waiting.find("report")->is_null());
  CHECK(stack.queue_depth(stack.queue("analyze")) == 0);  // nothing queued for it yet

  stack.start_worker();
  const Value job = c.wait_for_job_state(created.job_id, {"done", "failed"});
  INFO("job: " << dump(job));
  CHECK(str(job, "state") == "done");
  const Value done = get_analysis(c, created.analysis_id);
  CHECK(done.find("score")->as_int().has_value());

  const SseResult s = c.sse(created.job_id, "", 15s);
  INFO("events: " << s.describe());
  CHECK(s.types() == std::vector<std::string>{"waiting", "queued", "stage_started", "stage_completed", "done"});
}

TEST_CASE("e2e: an analysis of a résumé that cannot be read fails with the reason") {
  Stack& stack = Stack::get();
  E2E_LOGS(stack);
  REQUIRE(std::this_thread::get_id() == main_thread);
  stack.stop_workers();
  Client c(stack.base_url());
  c.sign_up(unique_email("unreadable"), kPassword);
  const std::string whole = make_pdf({"Broken Candidate\nHalf a file", "Second page"});
  const Accepted a = expect_accepted(c.upload(whole.substr(0, whole.size() / 2), "broken.pdf", "application/pdf"));

  // Asked for before the file was read: it waits, then fails when the résumé does.
  const Created early = create_analysis(c, analysis_body(a.resume_id, kBackendJob));
  CHECK(early.state == "waiting");
  stack.start_worker();
  const Value job = c.wait_for_job_state(early.job_id, {"done", "failed"});
  INFO("job: " << dump(job));
  CHECK(str(job, "state") == "failed");
  const Value* error = job.find("error");
  REQUIRE((error && error->is_object()));
  CHECK(std::string(error->string_at("message").value_or("")).find("could not be read") != std::string::npos);
  const Value failed = get_analysis(c, early.analysis_id);
  CHECK(str(failed, "state") == "failed");
  const Value* failed_error = failed.find("error");
  REQUIRE((failed_error && failed_error->is_object()));
  CHECK(std::string(failed_error->string_at("message").value_or("")).find("could not be read") != std::string::npos);

  // Asked for after: refused at once, with the reason.
  expect_error(c.post_json("/v1/analyses", analysis_body(a.resume_id, kBackendJob)), 409, "failed_precondition",
               "could not be read");
  expect_error(c.get("/v1/resumes/" + a.resume_id + "/parsed"), 409, "failed_precondition", "could not be read");
}

TEST_CASE("e2e: malformed, oversized and foreign analysis requests are refused and store nothing") {
  Stack& stack = Stack::get();
  E2E_LOGS(stack);
  stack.ensure_one_worker();
  Client alice(stack.base_url());
  alice.sign_up(unique_email("alice-analysis"), kPassword);
  const Accepted a = upload_resume(alice);
  auto& db = stack.db();
  const auto analyses = [&] { return db.count("SELECT count(*) FROM analyses"); };
  const long long before = analyses();

  expect_error(alice.post_json("/v1/analyses", R"({"resume_id": )"), 400, "invalid_argument");
  expect_error(alice.post_json("/v1/analyses", R"(["not", "an", "object"])"), 400, "invalid_argument");
  expect_error(alice.post_json("/v1/analyses", R"({"job_description": {"text": "x"}})"), 400, "invalid_argument",
               "resume_id");
  expect_error(alice.post_json("/v1/analyses", R"({"resume_id": ")" + a.resume_id + R"("})"), 400,
               "invalid_argument", "job_description");
  expect_error(alice.post_json("/v1/analyses", analysis_body(a.resume_id, "   \n ")), 400, "invalid_argument",
               "job_description.text");
  expect_error(alice.post_json("/v1/analyses", R"({"resume_id": ")" + a.resume_id + R"(", "job_description": 7})"),
               400, "invalid_argument", "job_description");
  expect_error(alice.post_json("/v1/analyses", analysis_body(a.resume_id, std::string(50'001, 'x'))), 400,
               "invalid_argument", "longer than");
  const auto huge = alice.post_json("/v1/analyses", analysis_body(a.resume_id, std::string(70'000, 'x')));
  CHECK_MESSAGE(huge.status == 413, huge.describe());

  // Unknown ids and other people's résumés and analyses look the same: 404, same body.
  const std::string random_id = "7d0f3c52-93a4-4c1b-9a43-2a4c1f8e9b10";
  const auto unknown = alice.post_json("/v1/analyses", analysis_body(random_id, kBackendJob));
  expect_error(unknown, 404, "not_found");
  expect_error(alice.post_json("/v1/analyses", analysis_body("not-a-uuid", kBackendJob)), 404, "not_found");
  expect_error(alice.get("/v1/analyses/not-a-uuid"), 404, "not_found");

  Client bob(stack.base_url());
  bob.sign_up(unique_email("bob-analysis"), kPassword);
  const auto foreign = bob.post_json("/v1/analyses", analysis_body(a.resume_id, kBackendJob));
  expect_error(foreign, 404, "not_found");
  CHECK(foreign.body == unknown.body);
  expect_error(bob.get("/v1/resumes/" + a.resume_id + "/parsed"), 404, "not_found");
  CHECK(analyses() == before);

  const Created mine = create_analysis(alice, analysis_body(a.resume_id, kBackendJob));
  const auto theirs = bob.get("/v1/analyses/" + mine.analysis_id);
  expect_error(theirs, 404, "not_found");
  CHECK(theirs.body == bob.get("/v1/analyses/" + random_id).body);

  Client nobody(stack.base_url());
  expect_error(nobody.post_json("/v1/analyses", analysis_body(a.resume_id, kBackendJob)), 401, "unauthenticated");
  expect_error(nobody.get("/v1/analyses/" + mine.analysis_id), 401, "unauthenticated");

  // The job description may also be sent as a plain string.
  const std::string plain = R"({"resume_id":")" + a.resume_id + R"(","job_description":"Python developer"})";
  const Created simple = create_analysis(alice, plain);
  CHECK(str(alice.wait_for_job_state(simple.job_id, {"done", "failed"}), "state") == "done");
  CHECK(analyses() == before + 2);
}
