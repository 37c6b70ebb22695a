// extract_sandboxed(): the real child gives what in-process extraction gives, and every way a
// child can break a limit (played by tailor-sandbox-misbehaving-child) becomes an error a person
// understands, with the test process unharmed.
#include "workers/extract/sandbox.hpp"

#include <doctest/doctest.h>

#include <map>
#include <optional>
#include <string>

#include "tests/unit/files/checks.hpp"
#include "tests/unit/files/fixtures.hpp"
#include "workers/extract/extract_file.hpp"
#include "workers/extract/extraction_codec.hpp"

using tailor::Errc;
using tailor::extract::extract_file;
using tailor::extract::extract_sandboxed;
using tailor::extract::ExtractLimits;
using tailor::extract::SandboxLimits;
using tailor::files::MediaType;
namespace testing = tailor::testing;
using testing::check_error;
using testing::why;
using testing::contains;

namespace {

constexpr const char* kChild = TAILOR_EXTRACT_CHILD;
constexpr const char* kMisbehaving = TAILOR_SANDBOX_MISBEHAVING_CHILD;

#if defined(__SANITIZE_ADDRESS__)
constexpr bool kAddressSanitizer = true;
#else
constexpr bool kAddressSanitizer = false;
#endif

// Small limits so that breaking them is quick.
SandboxLimits tight() {
  SandboxLimits l;
  l.cpu = std::chrono::seconds(1);
  l.wall = std::chrono::seconds(10);  // ample for 1 s of CPU on a busy machine
  l.address_space_bytes = std::size_t{256} * 1024 * 1024;
  l.file_size_bytes = std::size_t{4} * 1024 * 1024;
  l.max_output_bytes = std::size_t{1} * 1024 * 1024;
  return l;
}

tailor::Result<tailor::extract::Extraction> misbehave(const std::string& instruction,
                                                      MediaType type = MediaType::pdf,
                                                      const SandboxLimits& limits = tight()) {
  testing::TempDir dir;
  const auto path = dir.path("instruction");
  testing::write_file(path, instruction + "\n");
  return extract_sandboxed(kMisbehaving, path, type, ExtractLimits{}, limits);
}

// The worker is fine afterwards: another job runs through the real child.
void check_next_job_fine() {
  testing::TempDir dir;
  const auto path = dir.path("next");
  testing::write_pdf(path, {"Jane Doe"});
  auto r = extract_sandboxed(kChild, path, MediaType::pdf, ExtractLimits{}, SandboxLimits{});
  REQUIRE_MESSAGE(r.has_value(), why(r));
  CHECK(r->text == "Jane Doe");
}

}  // namespace

TEST_CASE("a PDF read in the sandbox equals the PDF read in-process") {
  testing::TempDir dir;
  const auto path = dir.path("cv");
  testing::write_pdf(
      path, {"Jane Doe\nR\xE9sum\xE9 of a software engineer", "Experience\nAcme Corp", ""});
  auto inside = extract_file(path, MediaType::pdf, ExtractLimits{});
  auto sandboxed =
      extract_sandboxed(kChild, path, MediaType::pdf, ExtractLimits{}, SandboxLimits{});
  REQUIRE_MESSAGE(inside.has_value(), why(inside));
  REQUIRE_MESSAGE(sandboxed.has_value(), why(sandboxed));
  CHECK(encode(*sandboxed) == encode(*inside));
  CHECK(sandboxed->page_count == 3);
  CHECK(contains(sandboxed->text, "Acme Corp"));
}

TEST_CASE("a DOCX read in the sandbox equals the DOCX read in-process") {
  testing::TempDir dir;
  const auto path = dir.path("cv");
  testing::write_docx(
      path,
      testing::word_document(testing::word_paragraph("Jane Doe") +
                             testing::word_paragraph("C++", true)),
      {{"word/header1.xml",
        testing::word_header_footer("hdr", testing::word_paragraph("jane@example.com"))}});
  auto inside = extract_file(path, MediaType::docx, ExtractLimits{});
  auto sandboxed =
      extract_sandboxed(kChild, path, MediaType::docx, ExtractLimits{}, SandboxLimits{});
  REQUIRE_MESSAGE(inside.has_value(), why(inside));
  REQUIRE_MESSAGE(sandboxed.has_value(), why(sandboxed));
  CHECK(encode(*sandboxed) == encode(*inside));
  CHECK(contains(sandboxed->text, "Jane Doe"));
}

TEST_CASE("the child's errors come back with the same code and message") {
  testing::TempDir dir;
  const auto whole = dir.path("whole");
  testing::write_pdf(whole, {"Jane Doe\nEngineer", "Experience\nAcme Corp"});
  const auto half = dir.path("half");
  testing::write_file(half, testing::read_file(whole).substr(0, 600));
  const auto locked = dir.path("locked");
  testing::write_pdf(locked, {"secret"}, {.user_password = "hunter2", .compress = true});
  const auto three = dir.path("three");
  testing::write_pdf(three, {"one", "two", "three"});
  ExtractLimits two_pages;
  two_pages.max_pages = 2;  // the in-format limits travel to the child

  for (const auto& [path, limits] :
       {std::pair{half, ExtractLimits{}}, std::pair{locked, ExtractLimits{}},
        std::pair{three, two_pages}}) {
    auto inside = extract_file(path, MediaType::pdf, limits);
    auto sandboxed = extract_sandboxed(kChild, path, MediaType::pdf, limits, SandboxLimits{});
    REQUIRE_FALSE(inside.has_value());
    REQUIRE_FALSE(sandboxed.has_value());
    CHECK(sandboxed.error().code == inside.error().code);
    CHECK(sandboxed.error().message == inside.error().message);
    CHECK(sandboxed.error().code == Errc::invalid_argument);
  }
}

TEST_CASE("the child starts with the limits, a minimal environment and no inherited descriptors") {
  auto r = misbehave("ok");
  REQUIRE_MESSAGE(r.has_value(), why(r));
  std::map<std::string, bool> seen;
  for (const auto& w : r->warnings) seen[w] = true;
  CHECK(seen["type=pdf"]);
  CHECK(seen["env OMP_THREAD_LIMIT=1"]);
  CHECK(seen["env LANG=C.UTF-8"]);
  CHECK(seen["fd 0"]);
  CHECK(seen["fd 1"]);
  CHECK(seen["fd 2"]);
  for (const auto& w : r->warnings) {
    if (w.starts_with("fd ")) CHECK_MESSAGE((w == "fd 0" || w == "fd 1" || w == "fd 2"), w);
    if (w.starts_with("env ")) {
      CHECK_MESSAGE(
          (w.starts_with("env PATH=") || w.starts_with("env LANG=") || w.starts_with("env OMP_") ||
           w.starts_with("env TESSDATA_PREFIX=") || w.find("SAN_OPTIONS=") != std::string::npos),
          w);
    }
  }
  CHECK(
      seen[R"(--limits={"max_pages":50,"max_text_bytes":2097152,"max_zip_entries":2000,"max_entry_bytes":20971520,"max_total_uncompressed":52428800,"max_image_pixels":40000000,"max_ocr_pages":10})"]);
  auto many = misbehave("many-files");
  REQUIRE_FALSE(many.has_value());
  CHECK(many.error().message == "opened 61");  // RLIMIT_NOFILE 64, less stdin, stdout, stderr
}

TEST_CASE("a child that spins is stopped at the CPU limit") {
  check_error(misbehave("spin"), Errc::invalid_argument, "the PDF took longer than 1 s to read");
  // One that ignores SIGXCPU gets SIGKILL a second later, and the message is the same.
  check_error(misbehave("spin-ignoring-sigxcpu", MediaType::docx), Errc::invalid_argument,
              "the Word document took longer than 1 s to read");
  check_next_job_fine();
}

TEST_CASE("a child that sleeps is stopped at the wall-clock limit") {
  SandboxLimits short_wall = tight();
  short_wall.wall = std::chrono::seconds(2);
  check_error(misbehave("sleep", MediaType::pdf, short_wall), Errc::invalid_argument,
              "the PDF took longer than 2 s to read");
  check_error(misbehave("close-and-sleep", MediaType::png, short_wall), Errc::invalid_argument,
              "the PNG image took longer than 2 s to read");
  check_next_job_fine();
}

TEST_CASE("a child that runs out of memory is reported with the limit") {
  if (kAddressSanitizer) return;  // no address-space limit under ASan
  check_error(misbehave("allocate"), Errc::invalid_argument,
              "the PDF needs more than 256 MB of memory to read");
  check_error(misbehave("allocate-and-abort"), Errc::invalid_argument,
              "the PDF needs more than 256 MB of memory to read");
  check_next_job_fine();
}

TEST_CASE("too much output is cut off") {
  check_error(misbehave("flood"), Errc::invalid_argument, "the extracted text is larger than 1 MB");
  // 20 MB on stderr is drained and dropped, not an error and not a hang.
  check_error(misbehave("chatty-stderr"), Errc::invalid_argument, "done");
  check_next_job_fine();
}

TEST_CASE("a file larger than the file-size limit") {
  check_error(misbehave("big-file"), Errc::invalid_argument,
              "the PDF needs to write more than 4 MB to read");
}

TEST_CASE("a crash names the reader and the signal") {
  check_error(misbehave("segv"), Errc::invalid_argument,
              "the file crashed the PDF reader (signal SIGSEGV); it is probably damaged");
  check_next_job_fine();
}

TEST_CASE("a child that is broken is an internal error, not the user's fault") {
  check_error(misbehave("garbage"), Errc::internal, "not JSON");
  check_error(misbehave("exit3"), Errc::internal, "exit status 3");
  check_error(misbehave("error"), Errc::invalid_argument, "the PDF is damaged");
  testing::TempDir dir;
  const auto path = dir.path("x");
  testing::write_file(path, "ok");
  check_error(extract_sandboxed("/nonexistent/tailor-extract-child", path, MediaType::pdf,
                                ExtractLimits{}, tight()),
              Errc::internal, "cannot run the file reader");
}

TEST_CASE("limits come from the environment, with the variable named when wrong") {
  auto env = [](std::map<std::string, std::string> vars) {
    return tailor::core::Env([vars](std::string_view name) -> std::optional<std::string> {
      auto it = vars.find(std::string(name));
      if (it == vars.end()) return std::nullopt;
      return it->second;
    });
  };
  const auto defaults = tailor::extract::sandbox_limits_from(env({}));
  CHECK(defaults.cpu == std::chrono::seconds(30));
  CHECK(defaults.wall == std::chrono::seconds(45));
  CHECK(defaults.address_space_bytes == SandboxLimits{}.address_space_bytes);
  CHECK(defaults.max_output_bytes == std::size_t{8} * 1024 * 1024);

  const auto set =
      tailor::extract::sandbox_limits_from(env({{"TAILOR_EXTRACT_CPU_SECONDS", "5"},
                                                {"TAILOR_EXTRACT_WALL_SECONDS", "9"},
                                                {"TAILOR_EXTRACT_MEMORY_MB", "512"},
                                                {"TAILOR_EXTRACT_MAX_OUTPUT_MB", "2"}}));
  CHECK(set.cpu == std::chrono::seconds(5));
  CHECK(set.wall == std::chrono::seconds(9));
  CHECK(set.address_space_bytes == std::size_t{512} * 1024 * 1024);
  CHECK(set.max_output_bytes == std::size_t{2} * 1024 * 1024);

  CHECK_THROWS_WITH_AS(
      tailor::extract::sandbox_limits_from(env({{"TAILOR_EXTRACT_MEMORY_MB", "lots"}})),
      doctest::Contains("TAILOR_EXTRACT_MEMORY_MB"), tailor::core::ConfigError);
  CHECK_THROWS_WITH_AS(
      tailor::extract::sandbox_limits_from(env({{"TAILOR_EXTRACT_WALL_SECONDS", "5"}})),
      doctest::Contains("TAILOR_EXTRACT_WALL_SECONDS (5) must be at least"),
      tailor::core::ConfigError);

  CHECK(tailor::extract::child_binary_path(env({{"TAILOR_EXTRACT_CHILD", kChild}})) == kChild);
  CHECK_THROWS_WITH_AS(
      tailor::extract::child_binary_path(env({{"TAILOR_EXTRACT_CHILD", "/nonexistent"}})),
      doctest::Contains("TAILOR_EXTRACT_CHILD"), tailor::core::ConfigError);
}
