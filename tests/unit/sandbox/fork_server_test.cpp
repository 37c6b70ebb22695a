// The fork server behind extract_sandboxed(): one server reads file after file, each in a fresh
// process; a reader killed at a limit leaves the server working; a server that dies fails only
// the file it was reading, and the next file starts a new one.
#include <signal.h>
#include <unistd.h>

#include <doctest/doctest.h>

#include <cerrno>
#include <chrono>
#include <filesystem>
#include <set>
#include <string>
#include <thread>

#include "tests/unit/files/checks.hpp"
#include "tests/unit/files/fixtures.hpp"
#include "workers/extract/sandbox.hpp"

using tailor::Errc;
using tailor::extract::extract_sandboxed;
using tailor::extract::ExtractLimits;
using tailor::extract::sandbox_server_pid;
using tailor::extract::SandboxLimits;
using tailor::files::MediaType;
namespace testing = tailor::testing;
using testing::check_error;
using testing::why;

namespace {

constexpr const char* kChild = TAILOR_EXTRACT_CHILD;
constexpr const char* kMisbehaving = TAILOR_SANDBOX_MISBEHAVING_CHILD;

SandboxLimits with_wall(std::chrono::seconds wall) {
  SandboxLimits l;
  l.cpu = std::chrono::seconds(1);
  l.wall = wall;
  l.max_output_bytes = std::size_t{1} * 1024 * 1024;
  return l;
}

tailor::Result<tailor::extract::Extraction> misbehave(
    testing::TempDir& dir, const std::string& instruction,
    const SandboxLimits& limits = with_wall(std::chrono::seconds(10))) {
  const auto path = dir.path(instruction);
  testing::write_file(path, instruction + "\n");
  return extract_sandboxed(kMisbehaving, path, MediaType::pdf, ExtractLimits{}, limits);
}

// The reader's pid, which the misbehaving child reports for "ok".
pid_t reader_pid(const tailor::extract::Extraction& x) {
  for (const auto& w : x.warnings) {
    if (w.starts_with("pid ")) return std::stoi(w.substr(4));
  }
  return 0;
}

pid_t read_ok(testing::TempDir& dir) {
  auto r = misbehave(dir, "ok");
  REQUIRE_MESSAGE(r.has_value(), why(r));
  return reader_pid(*r);
}

void check_real_child_reads(testing::TempDir& dir) {
  const auto path = dir.path("cv.pdf");
  testing::write_pdf(path, {"Jane Doe"});
  auto r = extract_sandboxed(kChild, path, MediaType::pdf, ExtractLimits{}, SandboxLimits{});
  REQUIRE_MESSAGE(r.has_value(), why(r));
  CHECK(r->text == "Jane Doe");
}

bool process_gone(pid_t pid) {
  return ::kill(pid, 0) != 0 && errno == ESRCH;
}

}  // namespace

TEST_CASE("many files in a row use one server, each file in a fresh process") {
  testing::TempDir dir;
  check_real_child_reads(dir);
  const pid_t server = sandbox_server_pid(kChild);
  REQUIRE(server > 0);
  for (int i = 0; i < 10; ++i) check_real_child_reads(dir);
  CHECK(sandbox_server_pid(kChild) == server);

  read_ok(dir);
  const pid_t misbehaving_server = sandbox_server_pid(kMisbehaving);
  REQUIRE(misbehaving_server > 0);
  CHECK(misbehaving_server != server);  // one server per reader binary
  std::set<pid_t> readers;
  for (int i = 0; i < 10; ++i) readers.insert(read_ok(dir));
  CHECK(readers.size() == 10);
  CHECK(readers.count(misbehaving_server) == 0);
  CHECK(readers.count(0) == 0);
  CHECK(sandbox_server_pid(kMisbehaving) == misbehaving_server);
}

TEST_CASE("a reader killed at the wall clock or the output cap leaves the server working") {
  testing::TempDir dir;
  read_ok(dir);
  const pid_t server = sandbox_server_pid(kMisbehaving);
  REQUIRE(server > 0);

  check_error(misbehave(dir, "sleep", with_wall(std::chrono::seconds(2))), Errc::invalid_argument,
              "the PDF took longer than 2 s to read");
  const pid_t sleeper = std::stoi(testing::read_file(dir.path("sleep") + ".pid"));
  CHECK(process_gone(sleeper));  // killed and reaped before the answer came back
  check_error(misbehave(dir, "flood"), Errc::invalid_argument,
              "the extracted text is larger than 1 MB");

  read_ok(dir);
  CHECK(sandbox_server_pid(kMisbehaving) == server);
}

TEST_CASE("a server killed between two files is replaced without failing the next file") {
  testing::TempDir dir;
  read_ok(dir);
  const pid_t server = sandbox_server_pid(kMisbehaving);
  REQUIRE(server > 0);
  REQUIRE(::kill(server, SIGKILL) == 0);
  read_ok(dir);
  const pid_t replacement = sandbox_server_pid(kMisbehaving);
  CHECK(replacement > 0);
  CHECK(replacement != server);
  check_real_child_reads(dir);
}

TEST_CASE("a server killed while a file is read fails that file as worth retrying") {
  testing::TempDir dir;
  read_ok(dir);
  const pid_t server = sandbox_server_pid(kMisbehaving);
  REQUIRE(server > 0);
  // Killed once the reader is running: it leaves its pid file then.
  std::thread killer([server, pid_file = dir.path("sleep") + ".pid"] {
    for (int i = 0; i < 1000 && !std::filesystem::exists(pid_file); ++i)
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    ::kill(server, SIGKILL);
  });
  const auto start = std::chrono::steady_clock::now();
  auto r = misbehave(dir, "sleep", with_wall(std::chrono::seconds(20)));
  const auto took = std::chrono::steady_clock::now() - start;
  killer.join();
  check_error(r, Errc::unavailable, "the file reader stopped unexpectedly; it will be tried again");
  // The reader died with its server (its output closed): nobody waited for the wall clock.
  CHECK(took < std::chrono::seconds(10));

  read_ok(dir);
  const pid_t replacement = sandbox_server_pid(kMisbehaving);
  CHECK(replacement > 0);
  CHECK(replacement != server);
}
