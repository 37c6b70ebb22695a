// `tailor parse|match|redact|ats`: the analysis on local files with no servers, as a user runs
// it — output a program can read, clear messages and exit codes for bad input.
#include <doctest/doctest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <string>
#include <vector>

#include "common/json/value.hpp"
#include "tests/unit/files/fixtures.hpp"

namespace {
using tailor::testing::TempDir;

struct Run {
  int exit_code = -1;
  std::string out;
  std::string err;
};

// Runs build/workers/cli/tailor with `args`, stdout and stderr captured through files in `dir`.
Run tailor_cli(const TempDir& dir, const std::vector<std::string>& args) {
  const char* bin_dir = std::getenv("TAILOR_BINARY_DIR");
  REQUIRE_MESSAGE(bin_dir != nullptr, "TAILOR_BINARY_DIR is set by ctest");
  std::vector<std::string> argv{std::string(bin_dir) + "/workers/cli/tailor"};
  argv.insert(argv.end(), args.begin(), args.end());
  const std::string out_path = dir.path("stdout"), err_path = dir.path("stderr");
  std::fflush(nullptr);  // or the child would write our buffered output a second time
  const pid_t pid = ::fork();
  REQUIRE(pid >= 0);
  if (pid == 0) {
    if (!std::freopen(out_path.c_str(), "w", stdout) || !std::freopen(err_path.c_str(), "w", stderr)) _exit(120);
    std::vector<char*> cargv;
    for (auto& a : argv) cargv.push_back(a.data());
    cargv.push_back(nullptr);
    ::execv(cargv[0], cargv.data());
    _exit(127);
  }
  int status = 0;
  REQUIRE(::waitpid(pid, &status, 0) == pid);
  Run r;
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  r.out = tailor::testing::read_file(out_path);
  r.err = tailor::testing::read_file(err_path);
  return r;
}

const std::string kResume =
    "Jordan Ellery\n"
    "Data Engineer\n"
    "jordan.ellery@example.org | +1 415 555 0142 | San Francisco, CA\n"
    "Experience\n"
    "Data Engineer, Brightwater Analytics    Mar 2020 - Present\n"
    "- Built Airflow pipelines in Python and SQL that load 3 TB a day into Snowflake\n"
    "- Responsible for dashboards\n"
    "Education\n"
    "M.S. Statistics, University of Washington    2018 - 2020\n"
    "Skills\n"
    "Python, SQL, Airflow, Spark, Snowflake, dbt\n";

tailor::json::Value json_of(const Run& r) {
  auto v = tailor::json::parse(r.out);
  REQUIRE_MESSAGE(v.has_value(), "stdout should be JSON: " << r.out << "\nstderr: " << r.err);
  return *v;
}
}  // namespace

TEST_CASE("tailor parse: a PDF and a text résumé become JSON Resume") {
  TempDir dir;
  tailor::testing::write_pdf(dir.path("jordan.pdf"), {kResume});
  tailor::testing::write_file(dir.path("jordan.txt"), kResume);
  for (const std::string file : {"jordan.pdf", "jordan.txt"}) {
    CAPTURE(file);
    const Run r = tailor_cli(dir, {"parse", dir.path(file)});
    REQUIRE_MESSAGE(r.exit_code == 0, r.err);
    const auto resume = json_of(r);
    const auto* basics = resume.find("basics");
    REQUIRE(basics != nullptr);
    CHECK(basics->string_at("name") == "Jordan Ellery");
    CHECK(basics->string_at("email") == "jordan.ellery@example.org");
    const auto* work = resume.find("work");
    REQUIRE((work && work->as_array() && work->as_array()->size() == 1));
    CHECK(work->as_array()->front().string_at("name") == "Brightwater Analytics");
    CHECK(work->as_array()->front().string_at("startDate") == "2020-03");
  }
}

TEST_CASE("tailor match: the report has a top-level numeric score; redact and ats work on the same file") {
  TempDir dir;
  tailor::testing::write_pdf(dir.path("jordan.pdf"), {kResume});
  tailor::testing::write_file(dir.path("job.txt"),
                              "Senior Data Engineer\nRequirements: Python, SQL, Airflow and Snowflake; 2+ years.\n"
                              "Nice to have: Kafka.\n");
  const Run m = tailor_cli(dir, {"match", dir.path("jordan.pdf"), dir.path("job.txt")});
  REQUIRE_MESSAGE(m.exit_code == 0, m.err);
  const auto report = json_of(m);
  const auto score = report.find("score");
  REQUIRE((score && score->as_int()));
  CHECK(*score->as_int() >= 60);
  CHECK(*score->as_int() <= 100);

  const Run red = tailor_cli(dir, {"redact", dir.path("jordan.pdf")});
  REQUIRE_MESSAGE(red.exit_code == 0, red.err);
  CHECK(red.out.find("Jordan") == std::string::npos);
  CHECK(red.out.find("jordan.ellery@example.org") == std::string::npos);
  CHECK(red.out.find("555 0142") == std::string::npos);
  CHECK(red.out.find("[EMAIL_1]") != std::string::npos);
  CHECK(red.out.find("Brightwater Analytics") != std::string::npos);

  const Run ats = tailor_cli(dir, {"ats", dir.path("jordan.pdf")});
  REQUIRE_MESSAGE(ats.exit_code == 0, ats.err);
  const auto review = json_of(ats);
  REQUIRE((review.find("flags") && review.find("flags")->as_array()));
  bool weak_verb = false;
  for (const auto& f : *review.find("flags")->as_array()) weak_verb |= f.string_at("code") == "weak_verbs";
  CHECK_MESSAGE(weak_verb, "\"Responsible for dashboards\" opens with a weak verb: " << ats.out);
}

TEST_CASE("tailor CLI: bad input gets a clear message and a non-zero exit") {
  TempDir dir;
  tailor::testing::write_file(dir.path("notes.bin"), std::string("\x7f" "ELF\x02\x01\x01\0\0\0", 10));
  tailor::testing::write_file(dir.path("resume.txt"), kResume);
  tailor::testing::write_file(dir.path("empty-job.txt"), "  \n");

  const Run missing = tailor_cli(dir, {"parse", dir.path("nope.pdf")});
  CHECK(missing.exit_code == 1);
  CHECK(missing.out.empty());
  CHECK(missing.err.find("tailor parse:") == 0);

  const Run binary = tailor_cli(dir, {"parse", dir.path("notes.bin")});
  CHECK(binary.exit_code == 1);
  CHECK(binary.err.find("tailor parse:") == 0);

  const Run empty_job = tailor_cli(dir, {"match", dir.path("resume.txt"), dir.path("empty-job.txt")});
  CHECK(empty_job.exit_code == 1);
  CHECK(empty_job.err.find("empty") != std::string::npos);

  const Run no_job = tailor_cli(dir, {"match", dir.path("resume.txt")});
  CHECK(no_job.exit_code == 2);
  CHECK(no_job.err.find("usage: tailor match") == 0);

  const Run unknown = tailor_cli(dir, {"frobnicate"});
  CHECK(unknown.exit_code == 2);
  CHECK(unknown.err.find("unknown command") != std::string::npos);
}
