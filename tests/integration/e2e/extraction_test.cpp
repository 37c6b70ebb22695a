// Extraction through the real worker and its sandboxed child: a scanned page is read by OCR,
// and a hostile file fails its job readably while the worker goes on serving.
#include <doctest/doctest.h>

#include <filesystem>

#include "tests/integration/e2e/harness.hpp"
#include "tests/unit/files/fixtures.hpp"
#include "workers/extract/pdf_render.hpp"

using namespace e2e;
using tailor::json::Value;

TEST_CASE("e2e: a scanned page (an image of text) is read by OCR") {
  Stack& stack = Stack::get();
  E2E_LOGS(stack);
  stack.ensure_one_worker();
  Client c(stack.base_url());
  c.sign_up(unique_email("scan"), kPassword);

  // The "scan": a page of known text, drawn at 300 dpi into a PNG.
  tailor::testing::TempDir dir;
  const std::string pdf_path = dir.path("page.pdf");
  tailor::testing::write_file(pdf_path, make_pdf({"Jane Scanner\nSenior Platform Engineer\nKubernetes PostgreSQL Terraform"}));
  std::filesystem::create_directories(dir.path("png"));
  auto pngs = tailor::extract::render_pdf_to_pngs(pdf_path, dir.path("png"));
  if (!pngs) FAIL("rendering the page: " << pngs.error().message);
  REQUIRE(pngs->size() == 1);

  const Accepted a = expect_accepted(c.upload(tailor::testing::read_file(pngs->front()), "scan.png", "image/png"));
  const Value job = c.wait_for_job_state(a.job_id, {"done", "failed"}, 60s);
  INFO("job: " << dump(job));
  REQUIRE(str(job, "state") == "done");

  const auto r = c.get("/v1/resumes/" + a.resume_id);
  REQUIRE_MESSAGE(r.status == 200, r.describe());
  const Value doc = r.json();
  CHECK(str(doc, "media_type") == "png");
  const std::string text = str(doc, "text");
  for (const char* word : {"Scanner", "Platform", "Kubernetes", "PostgreSQL", "Terraform"}) {
    CHECK_MESSAGE(text.find(word) != std::string::npos, "OCR text lacks " << word << ": " << text);
  }
  const Value* extraction = doc.find("extraction");
  REQUIRE(extraction);
  CHECK(extraction->string_at("method") == "ocr");
  const Value* pages = extraction->find("pages");
  REQUIRE((pages && pages->as_array() && pages->as_array()->size() == 1));
  const auto confidence = pages->as_array()->front().find("confidence");
  REQUIRE(confidence);
  CHECK(confidence->as_double().value_or(0) > 70.0);
}

TEST_CASE("e2e: a zip-bomb DOCX fails readably and the worker carries on") {
  Stack& stack = Stack::get();
  E2E_LOGS(stack);
  stack.ensure_one_worker();
  Process* worker = stack.workers().front();
  Client c(stack.base_url());
  c.sign_up(unique_email("bomb"), kPassword);

  // A real DOCX directory whose document.xml inflates to 60 MiB of spaces (a few KB on disk).
  tailor::testing::TempDir dir;
  const std::string bomb = dir.path("bomb.docx");
  tailor::testing::write_zip(bomb, {{"[Content_Types].xml", "<Types/>"},
                                    {"word/document.xml", std::string(60u << 20, ' ')}});
  const Accepted a = expect_accepted(c.upload(tailor::testing::read_file(bomb), "cv.docx"));
  const Value job = c.wait_for_job_state(a.job_id, {"done", "failed"}, 60s);
  INFO("job: " << dump(job));
  CHECK(str(job, "state") == "failed");
  const Value* error = job.find("error");
  REQUIRE((error && error->is_object()));
  const std::string message(error->string_at("message").value_or(""));
  CHECK_MESSAGE(message.find("MiB") != std::string::npos, "the error should name the limit: " << message);

  CHECK_MESSAGE(worker->alive(), "the worker should survive a zip bomb: " << worker->describe_status());
  const Accepted next = expect_accepted(c.upload(make_pdf({"Next Candidate\nStill served"}), "next.pdf"));
  CHECK(str(c.wait_for_job_state(next.job_id, {"done", "failed"}, 30s), "state") == "done");
}
