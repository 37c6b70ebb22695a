// match(): each part of the score, the weights, matched and missing skills, keyword counts.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>

#include "tests/unit/match/fixtures.hpp"
#include "workers/analyze/match/experience.hpp"
#include "workers/analyze/match/match.hpp"
#include "workers/analyze/match/title_match.hpp"

using namespace tailor::analyze;

namespace {

const skills::Lexicon& lexicon() {
  return skills::Lexicon::builtin();
}

JobRequirements job_from(std::string text) {
  return parse_job({.text = std::move(text), .title = {}, .company = {}}, lexicon());
}

MatchReport run(const ParsedResume& resume, const JobRequirements& job) {
  return match(Document{}, resume, job, lexicon(), test::kToday);
}

const ScorePart* part(const MatchReport& r, std::string_view name) {
  const auto it = std::find_if(r.breakdown.begin(), r.breakdown.end(),
                               [&](const ScorePart& p) { return p.name == name; });
  return it == r.breakdown.end() ? nullptr : &*it;
}

std::vector<std::string> names(const std::vector<SkillMatch>& skills) {
  std::vector<std::string> out;
  for (const auto& s : skills) out.push_back(s.name);
  return out;
}

const SkillMatch& skill(const std::vector<SkillMatch>& skills, std::string_view name) {
  const auto it = std::find_if(skills.begin(), skills.end(),
                               [&](const SkillMatch& s) { return s.name == name; });
  REQUIRE_MESSAGE(it != skills.end(), "no skill " << name);
  return *it;
}

ParsedResume with_skills(std::vector<std::string> keywords) {
  ParsedResume r;
  r.resume.skills = {test::skills(std::move(keywords))};
  return r;
}

}  // namespace

TEST_CASE("required skills: the share of requirements met, a choice is met by either skill") {
  const auto job = job_from(test::kBackendJob);  // Python, PostgreSQL, Docker, Kubernetes or ECS
  const auto report = run(with_skills({"Python", "ECS"}), job);
  const auto* required = part(report, "required_skills");
  REQUIRE(required != nullptr);
  CHECK(required->score == doctest::Approx(0.5));
  CHECK(required->detail == "2 of 4 required skills (50%).");
  CHECK(names(report.matched) == std::vector<std::string>{"Python", "Amazon ECS"});
  CHECK(skill(report.matched, "Python").required);
  // Kubernetes is not missing: the job takes ECS instead.
  // Incident management ("on-call rotations, incident reviews, runbooks" under "What you'll do")
  // is preferred: the job marks skills both ways, so what it only uses is a plus.
  CHECK(names(report.missing) == std::vector<std::string>{"PostgreSQL", "Docker",
                                                          "Incident management", "Apache Kafka",
                                                          "RabbitMQ", "Terraform"});
  CHECK_FALSE(skill(report.missing, "Terraform").required);
  CHECK(skill(report.missing, "Docker").found_in.empty());
}

TEST_CASE("preferred skills: their own part, it drops out when the job prefers none") {
  const auto job =
      job_from(test::kBackendJob);  // incident management, Kafka or RabbitMQ, Terraform
  const auto report = run(with_skills({"RabbitMQ"}), job);
  REQUIRE(part(report, "preferred_skills") != nullptr);
  CHECK(part(report, "preferred_skills")->score == doctest::Approx(1 / 3.0));
  CHECK(part(report, "preferred_skills")->detail == "1 of 3 preferred skills (33%).");

  const auto no_preferred = job_from("Requirements: Python and Docker.");
  CHECK(part(run(with_skills({"Python"}), no_preferred), "preferred_skills") == nullptr);
}

TEST_CASE("found_in: the kinds of section that name the skill, in résumé order") {
  ParsedResume r;
  test::add_section(r, "contact", "", {"Jane Doe", "jane@example.com"});
  test::add_section(r, "summary", "Summary", {"Backend engineer who writes Python."});
  test::add_section(
      r, "experience", "Experience",
      {"Backend Engineer, Acme", "- Moved 12 Python services to Docker and Kubernetes"});
  test::add_section(r, "skills", "Skills", {"Python, PostgreSQL"});
  const auto report = run(r, job_from(test::kBackendJob));
  CHECK(skill(report.matched, "Python").found_in ==
        std::vector<std::string>{"summary", "experience", "skills"});
  CHECK(skill(report.matched, "Docker").found_in == std::vector<std::string>{"experience"});
  CHECK(skill(report.matched, "PostgreSQL").found_in == std::vector<std::string>{"skills"});
}

TEST_CASE("found_in: without the parser's lines, the fields say where") {
  ParsedResume r;
  r.resume.basics.summary = "Python developer.";
  r.resume.work = {test::work("Engineer", "Acme", "2020-01", "", {"Ran PostgreSQL on Kubernetes"})};
  r.resume.projects.resize(1);
  r.resume.projects[0].highlights = {"A Docker image builder"};
  r.resume.skills = {test::skills({"Python"})};
  const auto report = run(r, job_from(test::kBackendJob));
  CHECK(skill(report.matched, "Python").found_in == std::vector<std::string>{"summary", "skills"});
  CHECK(skill(report.matched, "PostgreSQL").found_in == std::vector<std::string>{"experience"});
  CHECK(skill(report.matched, "Docker").found_in == std::vector<std::string>{"projects"});
}

TEST_CASE("keywords: counts in the résumé and the job, a compound matched across words") {
  const auto job = job_from(
      "We need an engineer for our on-call rotation who knows Terraform. Terraform modules, "
      "Terraform state and observability.");
  ParsedResume r;
  r.resume.basics.summary =
      "I wrote Terraform modules and took the on call pager; terraform again.";
  const auto report = run(r, job);
  const auto count = [&](std::string_view term) {
    const auto it = std::find_if(report.keywords.begin(), report.keywords.end(),
                                 [&](const KeywordCount& k) { return k.term == term; });
    REQUIRE_MESSAGE(it != report.keywords.end(), "no keyword " << term);
    return std::pair{it->in_resume, it->in_job};
  };
  CHECK(count("terraform") == std::pair{2, 3});
  CHECK(count("on-call") == std::pair{1, 1});
  CHECK(count("modules") == std::pair{1, 1});
  CHECK(count("observability") == std::pair{0, 1});
  CHECK(report.keywords.front().term == "terraform");
  const auto keywords = [&](std::string summary) {
    ParsedResume other;
    other.resume.basics.summary = std::move(summary);
    return part(run(other, job), "keywords")->score;
  };
  const double some = keywords("Improved observability.");
  const double more = keywords("Wrote Terraform.");
  const double all =
      keywords("Wrote Terraform modules and state; on-call rotation engineer; observability.");
  CAPTURE(some);
  CAPTURE(more);
  CHECK(some > 0);
  CHECK(more > some);
  CHECK(more < 1);
  CHECK(all == 1);  // full marks come at kKeywordFullMarks of the weight
  CHECK(keywords("Gardener.") == 0);
}

TEST_CASE("title: the role noun, its words, synonyms and seniority") {
  const auto fit = [](std::string_view job, std::string_view seniority, std::string label) {
    Resume r;
    r.basics.label = std::move(label);
    return matching::title_fit(job, seniority, r).score;
  };
  CHECK(fit("Senior Backend Engineer", "senior", "Senior Backend Engineer") == 1);
  CHECK(fit("Senior Backend Engineer", "senior", "Sr. Back-End Developer") == 1);
  CHECK(fit("Senior Backend Engineer", "senior", "Backend Engineer") ==
        doctest::Approx(0.9));  // one level under
  CHECK(fit("Senior Backend Engineer", "senior", "Junior Backend Engineer") ==
        doctest::Approx(0.8));
  CHECK(fit("Backend Engineer", "", "Lead Backend Engineer") == 1);  // more senior is fine
  CHECK(fit("Backend Engineer", "", "Software Engineer") ==
        doctest::Approx(0.75));  // related words
  CHECK(fit("Machine Learning Engineer", "", "ML Engineer") == 1);
  CHECK(fit("Product Manager", "", "Project Manager") == doctest::Approx(0.5));
  CHECK(fit("Senior Product Manager", "senior", "Senior Backend Engineer") == 0);
  CHECK(fit("Backend Engineer", "", "") == 0);
}

TEST_CASE("title: the headline and the latest position count in full, older positions less") {
  ParsedResume r;
  r.resume.work = {test::work("Backend Engineer", "Acme", "2015-01", "2018-12", {}),
                   test::work("Product Manager", "Globex", "2019-01", "", {})};
  JobRequirements job;
  job.title = "Backend Engineer";
  const auto report = run(r, job);
  REQUIRE(part(report, "title") != nullptr);
  CHECK(part(report, "title")->score == doctest::Approx(0.85));
  CHECK(part(report, "title")->detail == "\"Backend Engineer\" against \"Backend Engineer\".");
  r.resume.basics.label = "Backend Engineer";
  CHECK(part(run(r, job), "title")->score == 1);
}

TEST_CASE("experience: years from work dates, overlaps once, ongoing up to today") {
  using matching::years_of_experience;
  const auto today = test::kToday;                                                 // June 2025
  const std::vector<Work> jobs = {test::work("A", "X", "2018-01", "2019-12", {}),  // 24 months
                                  test::work("B", "Y", "2019-07", "2020-06", {}),  // 6 of them new
                                  test::work("C", "Z", "2024-07", "", {})};  // ongoing: 12 months
  CHECK(years_of_experience(jobs, today) == doctest::Approx(42 / 12.0));
  CHECK(years_of_experience({test::work("A", "X", "2019", "2021", {})}, today) ==
        doctest::Approx(25 / 12.0));
  CHECK(years_of_experience({test::work("A", "X", "", "2021-01", {})}, today) == 0);  // no start
  CHECK(years_of_experience({test::work("A", "X", "2026-01", "", {})}, today) == 0);  // future
  CHECK(years_of_experience({test::work("A", "X", "2024-01", "2030-01", {})}, today) ==
        doctest::Approx(1.5));
  CHECK(years_of_experience({test::work("A", "X", "2021-05", "2020-01", {})}, today) ==
        0);  // reversed
}

TEST_CASE("experience part: full marks at the years asked, a share below, absent when none asked") {
  ParsedResume r;
  r.resume.work = {test::work("Engineer", "Acme", "2023-06", "", {})};  // two years to June 2025
  JobRequirements job;
  job.min_years = 4;
  const auto report = run(r, job);
  CHECK(report.resume_years == doctest::Approx(2.1));
  REQUIRE(part(report, "experience") != nullptr);
  CHECK(part(report, "experience")->score == doctest::Approx(2.1 / 4));
  CHECK(part(report, "experience")->detail == "2.1 years of experience; the job asks 4+.");
  job.min_years = 2;
  CHECK(part(run(r, job), "experience")->score == 1);
  job.min_years.reset();
  CHECK(part(run(r, job), "experience") == nullptr);
}

TEST_CASE("education part: the highest degree against the one asked") {
  const auto score = [](std::vector<Education> education, std::string asked, bool required) {
    ParsedResume r;
    r.resume.education = std::move(education);
    JobRequirements job;
    job.education = std::move(asked);
    job.education_required = required;
    const auto report = run(r, job);
    return std::pair{report.resume_education,
                     part(report, "education") ? part(report, "education")->score : -1.0};
  };
  CHECK(score({test::degree("B.S.", "Computer Science")}, "bachelor", true) ==
        std::pair{std::string("bachelor"), 1.0});
  CHECK(score({test::degree("Bachelor of Science", ""), test::degree("Ph.D.", "Physics")}, "master",
              true) == std::pair{std::string("doctorate"), 1.0});
  CHECK(score({test::degree("BSc", "")}, "master", true) ==
        std::pair{std::string("bachelor"), 0.5});
  CHECK(score({test::degree("BSc", "")}, "master", false) ==
        std::pair{std::string("bachelor"), 0.75});
  CHECK(score({}, "bachelor", true) == std::pair{std::string(""), 0.0});
  CHECK(score({}, "bachelor", false) == std::pair{std::string(""), 0.5});
  CHECK(score({test::degree("", "MSc Data Science")}, "master", true) ==
        std::pair{std::string("master"), 1.0});
  CHECK(score({test::degree("B.S.", "")}, "", false).second == -1.0);  // no degree asked: no part
}

TEST_CASE("weights: parts that apply sum to 1 and the score is their weighted sum") {
  const auto report = run(test::backend_resume(), job_from(test::kBackendJob));
  REQUIRE(report.breakdown.size() == 6);
  double weights = 0;
  double total = 0;
  for (const auto& p : report.breakdown) {
    weights += p.weight;
    total += p.weight * p.score;
    CHECK(p.score >= 0);
    CHECK(p.score <= 1);
    CHECK_FALSE(p.detail.empty());
  }
  CHECK(weights == doctest::Approx(1));
  CHECK(report.score == static_cast<int>(std::lround(100 * total)));

  JobRequirements title_only;
  title_only.title = "Senior Backend Engineer";
  const auto only = run(test::backend_resume(), title_only);
  REQUIRE(only.breakdown.size() == 1);
  CHECK(only.breakdown[0].weight == 1);
  CHECK(only.score == 100);
}

TEST_CASE("an empty job scores 0 with nothing to explain") {
  const auto report = run(test::backend_resume(), JobRequirements{});
  CHECK(report.score == 0);
  CHECK(report.breakdown.empty());
  CHECK(report.matched.empty());
  CHECK(report.missing.empty());
  CHECK(report.keywords.empty());
}
