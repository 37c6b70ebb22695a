// Calibration: a résumé that fits a job scores high, one for another trade scores low, on job
// descriptions written here and on the shared ones (../shared/data/jds, skipped when absent).
#include <doctest/doctest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "tests/unit/match/fixtures.hpp"
#include "tests/unit/match/json_resume.hpp"
#include "workers/analyze/match/match.hpp"

using namespace tailor::analyze;

namespace {

constexpr int kStrongFit = 75;
constexpr int kNoFit = 30;

MatchReport score(const ParsedResume& resume, const std::string& job_text) {
  const auto& lexicon = skills::Lexicon::builtin();
  const auto job = parse_job({.text = job_text, .title = {}, .company = {}}, lexicon);
  return match(Document{}, resume, job, lexicon, test::kToday);
}

std::string explain(const MatchReport& r) {
  std::string out = "score " + std::to_string(r.score) + ":";
  for (const auto& p : r.breakdown)
    out += " " + p.name + "=" + std::to_string(p.score) + " (" + p.detail + ")";
  return out;
}

// The shared job descriptions' folder, or "" when the checkout has no ../shared beside it.
std::filesystem::path shared_jds() {
  const char* source = std::getenv("TAILOR_SOURCE_DIR");
  if (source == nullptr) return {};
  const auto dir = std::filesystem::path(source) / ".." / "shared" / "data" / "jds";
  return std::filesystem::is_directory(dir) ? dir : std::filesystem::path{};
}

std::string slurp(const std::filesystem::path& path) {
  std::ifstream in(path);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

}  // namespace

TEST_CASE("written jobs: each résumé fits its own trade and not the other") {
  const auto backend = test::backend_resume();
  const auto product = test::product_resume();
  const auto backend_on_backend = score(backend, test::kBackendJob);
  const auto backend_on_product = score(backend, test::kProductJob);
  const auto product_on_product = score(product, test::kProductJob);
  const auto product_on_backend = score(product, test::kBackendJob);
  CHECK_MESSAGE(backend_on_backend.score >= kStrongFit, explain(backend_on_backend));
  CHECK_MESSAGE(backend_on_product.score <= kNoFit, explain(backend_on_product));
  CHECK_MESSAGE(product_on_product.score >= kStrongFit, explain(product_on_product));
  CHECK_MESSAGE(product_on_backend.score <= kNoFit, explain(product_on_backend));
}

TEST_CASE("shared jobs: the written résumés against the shared descriptions") {
  const auto dir = shared_jds();
  if (dir.empty()) {
    MESSAGE("../shared/data/jds is absent: skipped");
    return;
  }
  const auto backend = test::backend_resume();
  const auto product = test::product_resume();
  const auto backend_job = slurp(dir / "backend-eng.txt");
  const auto product_job = slurp(dir / "product-manager.txt");
  for (const auto& [report, strong] :
       {std::pair{score(backend, backend_job), true}, std::pair{score(backend, product_job), false},
        std::pair{score(product, product_job), true},
        std::pair{score(product, backend_job), false}}) {
    if (strong)
      CHECK_MESSAGE(report.score >= kStrongFit, explain(report));
    else
      CHECK_MESSAGE(report.score <= kNoFit, explain(report));
  }
  for (const auto* other : {"frontend-eng.txt", "ml-eng.txt"}) {
    const auto report = score(product, slurp(dir / other));
    CHECK_MESSAGE(report.score <= kNoFit, other << ": " << explain(report));
  }
}

TEST_CASE("shared master résumé: the backend job is its best fit, the product job a poor one") {
  const auto dir = shared_jds();
  if (dir.empty()) {
    MESSAGE("../shared/data/jds is absent: skipped");
    return;
  }
  const auto master = test::resume_from_master_json(slurp(dir / "master-resume.json"));
  REQUIRE(master);
  const auto backend = score(*master, slurp(dir / "backend-eng.txt"));
  const auto product = score(*master, slurp(dir / "product-manager.txt"));
  MESSAGE("master résumé on backend-eng: " << explain(backend));
  CHECK(product.score <= kNoFit);
  for (const auto* other : {"frontend-eng.txt", "ml-eng.txt", "product-manager.txt"}) {
    const auto report = score(*master, slurp(dir / other));
    CHECK_MESSAGE(backend.score >= report.score + 20, other << ": " << explain(report));
  }
  // It names Python, FastAPI, Docker, AWS, PostgreSQL and Redis; the backend job asks all of them.
  std::vector<std::string> matched;
  for (const auto& m : backend.matched) matched.push_back(m.name);
  for (const auto* name :
       {"Python", "FastAPI", "Docker", "Amazon Web Services", "PostgreSQL", "Redis"})
    CHECK(std::find(matched.begin(), matched.end(), name) != matched.end());
}
