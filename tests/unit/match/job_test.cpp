// parse_job(): title, company, seniority, required vs preferred skills, years, education,
// keywords.
#include <doctest/doctest.h>

#include <algorithm>

#include "tests/unit/match/fixtures.hpp"
#include "workers/analyze/match/job.hpp"

using namespace tailor::analyze;

namespace {

const skills::Lexicon& lexicon() {
  return skills::Lexicon::builtin();
}

JobRequirements parse(std::string text, std::string title = {}, std::string company = {}) {
  return parse_job(
      {.text = std::move(text), .title = std::move(title), .company = std::move(company)},
      lexicon());
}

std::vector<std::string> names(const std::vector<JobSkill>& skills) {
  std::vector<std::string> out;
  for (const auto& s : skills) out.push_back(s.name);
  return out;
}

// The names in one string, for failure messages.
std::string listed(const std::vector<JobSkill>& skills) {
  std::string out;
  for (const auto& s : skills) out += s.name + "; ";
  return out;
}

bool has(const std::vector<JobSkill>& skills, std::string_view name) {
  return std::any_of(skills.begin(), skills.end(),
                     [&](const JobSkill& s) { return s.name == name; });
}

const JobSkill& skill(const std::vector<JobSkill>& skills, std::string_view name) {
  const auto it =
      std::find_if(skills.begin(), skills.end(), [&](const JobSkill& s) { return s.name == name; });
  REQUIRE_MESSAGE(it != skills.end(), "no skill " << name);
  return *it;
}

}  // namespace

TEST_CASE("a description with headings: title, company, seniority, years, education") {
  const auto job = parse(test::kBackendJob);
  CHECK(job.title == "Senior Backend Engineer");
  CHECK(job.company == "Acme Payments");
  CHECK(job.seniority == "senior");
  REQUIRE(job.min_years);
  CHECK(*job.min_years == 5);
  CHECK(job.education == "bachelor");
  CHECK_FALSE(job.education_required);  // "or equivalent practical experience"
}

TEST_CASE("skills under Requirements are required, under Nice to have preferred") {
  const auto job = parse(test::kBackendJob);
  CAPTURE(listed(job.required));
  CAPTURE(listed(job.preferred));
  for (const auto* name : {"Python", "PostgreSQL", "Docker", "Kubernetes", "Amazon ECS"})
    CHECK(has(job.required, name));
  for (const auto* name : {"Apache Kafka", "RabbitMQ", "Terraform"})
    CHECK(has(job.preferred, name));
  CHECK_FALSE(has(job.required, "Apache Kafka"));
  CHECK(skill(job.required, "Python").mentions == 2);  // "What you'll do" and "Requirements"
}

TEST_CASE("\"X or Y\" makes a choice, a skill also named alone has no alternatives") {
  const auto job = parse(test::kBackendJob);
  CHECK(skill(job.required, "Kubernetes").alternatives == std::vector<std::string>{"Amazon ECS"});
  CHECK(skill(job.required, "Amazon ECS").alternatives == std::vector<std::string>{"Kubernetes"});
  CHECK(skill(job.required, "Docker").alternatives.empty());  // "Docker, and Kubernetes or ECS"
  CHECK(skill(job.preferred, "Apache Kafka").alternatives == std::vector<std::string>{"RabbitMQ"});

  const auto lists =
      parse("Requirements: Python, Java, or Scala. Experience with AWS or GCP, Docker.");
  CHECK(skill(lists.required, "Java").alternatives == std::vector<std::string>{"Python", "Scala"});
  CHECK(skill(lists.required, "Google Cloud Platform").alternatives ==
        std::vector<std::string>{"Amazon Web Services"});
  CHECK(skill(lists.required, "Docker")
            .alternatives.empty());  // the list after a choice is not part of it
}

TEST_CASE("labels inside paragraphs and cue words inside sentences") {
  const auto job = parse(
      "We build data tools with Python and React.\n\n"
      "Requirements: 3+ years with PostgreSQL; knowledge of Docker.\n"
      "Kubernetes experience is a plus. Familiarity with Terraform would be great.\n"
      "Must have: Git.\n");
  CAPTURE(listed(job.required));
  CAPTURE(listed(job.preferred));
  for (const auto* name : {"PostgreSQL", "Docker", "Git"}) CHECK(has(job.required, name));
  for (const auto* name : {"Kubernetes", "Terraform"}) CHECK(has(job.preferred, name));
  // Named only in the introduction, while the description marks skills both ways: preferred.
  CHECK(has(job.preferred, "Python"));
  CHECK(has(job.preferred, "React"));
}

TEST_CASE("a parenthesis or a comma piece with its own cue is split off") {
  const auto job = parse(
      "Requirements\n"
      "- Strong SQL (Snowflake experience is a plus)\n"
      "- Python required, Scala nice to have\n");
  CAPTURE(listed(job.required));
  CAPTURE(listed(job.preferred));
  CHECK(has(job.required, "SQL"));
  CHECK(has(job.preferred, "Snowflake"));
  CHECK(has(job.required, "Python"));
  CHECK(has(job.preferred, "Scala"));
}

TEST_CASE("without a preferred part every skill is required, wherever it is named") {
  const auto job = parse("We are hiring a Data Engineer to work with Python and Spark on AWS.");
  CHECK(job.title == "Data Engineer");
  CHECK(job.preferred.empty());
  CHECK(names(job.required) ==
        std::vector<std::string>{"Python", "Apache Spark", "Amazon Web Services"});
}

TEST_CASE("without a required part the unmarked skills are required, the marked ones preferred") {
  const auto job = parse("You will run services on Kubernetes.\n\nNice to have\n- Terraform\n");
  CAPTURE(listed(job.required));
  CHECK(has(job.required, "Kubernetes"));
  CHECK(has(job.preferred, "Terraform"));
}

TEST_CASE("title and company: given, labelled, or found in the prose") {
  SUBCASE("given values win") {
    const auto job = parse(test::kBackendJob, " Staff Engineer ", "Globex");
    CHECK(job.title == "Staff Engineer");
    CHECK(job.company == "Globex");
    CHECK(job.seniority == "lead");
  }
  SUBCASE("labels") {
    const auto job = parse(test::kProductJob);
    CHECK(job.title == "Senior Product Manager");
    CHECK(job.company == "Brightline");
  }
  SUBCASE("prose") {
    CHECK(parse("We are looking for a Senior Backend Engineer to join our platform team.").title ==
          "Senior Backend Engineer");
    CHECK(parse("As a Product Manager, you will own discovery.").title == "Product Manager");
    CHECK(parse("We're seeking a talented and motivated Frontend Developer who loves design.")
              .title == "Frontend Developer");
    CHECK(parse("we're looking for a senior data analyst to help us.").title ==
          "senior data analyst");
    CHECK(parse("Globex Corporation is hiring a Site Reliability Engineer.").company ==
          "Globex Corporation");
    CHECK(parse("At Initech, we make software for banks.").company == "Initech");
    CHECK(parse("Data Scientist at Hooli\nYou will build models.").title == "Data Scientist");
    CHECK(parse("Data Scientist at Hooli\nYou will build models.").company == "Hooli");
    CHECK(parse("About Us\nWe are a small team.").company.empty());
  }
  SUBCASE("nothing to go by") {
    const auto job = parse("Great pay. Remote friendly.");
    CHECK(job.title.empty());
    CHECK(job.company.empty());
    CHECK(job.seniority.empty());
  }
}

TEST_CASE("seniority: from the title, else the text, else the years asked") {
  CHECK(parse("x", "Software Engineer II").seniority == "mid");
  CHECK(parse("x", "Jr. QA Analyst").seniority == "junior");
  CHECK(parse("x", "Principal Engineer").seniority == "lead");
  CHECK(parse("x", "Summer Engineering Intern").seniority == "intern");
  CHECK(parse("An entry-level role for new grads.", "Analyst").seniority == "junior");
  CHECK(parse("Requirements: 6+ years of experience.", "Analyst").seniority == "senior");
  CHECK(parse("Requirements: 3 years of experience.", "Analyst").seniority == "mid");
  CHECK(parse("No years here.", "Analyst").seniority.empty());
}

TEST_CASE("years of experience: the forms people write") {
  const auto years = [](std::string text) { return parse(std::move(text)).min_years; };
  CHECK(years("4+ years of professional Python experience") == 4.0);
  CHECK(years("At least five years of experience in backend development.") == 5.0);
  CHECK(years("3-5 years of experience with data pipelines.") == 3.0);
  CHECK(years("3\xE2\x80\x93"
              "5 years building web applications.") == 3.0);
  CHECK(years("3 to 5 years in a product role.") == 3.0);
  CHECK(years("A minimum of 2 years of experience.") == 2.0);
  CHECK(years("Five (5) years of relevant experience.") == 5.0);
  CHECK(years("At least a year of experience with React.") == 1.0);
  CHECK(years("4+ years building production React applications.") == 4.0);
  CHECK(years("5+ years of experience overall, including 2+ years with Kubernetes.") == 5.0);
}

TEST_CASE("years that are not a requirement do not count") {
  const auto years = [](std::string text) { return parse(std::move(text)).min_years; };
  CHECK_FALSE(years("Founded 12 years ago, we serve 300 customers."));
  CHECK_FALSE(years("A 4-year degree in Computer Science."));
  CHECK_FALSE(years("We offer 25 days of leave a year."));
  CHECK_FALSE(years("Nice to have: 10+ years of experience with Fortran."));
  CHECK(years("Requirements: 3+ years of experience.\nNice to have: 8+ years of experience.") ==
        3.0);
  CHECK_FALSE(years(""));
}

TEST_CASE("education: the lowest degree asked, required unless preferred or replaceable") {
  const auto edu = [](std::string text) {
    const auto job = parse(std::move(text));
    return std::pair{job.education, job.education_required};
  };
  CHECK(edu("Requirements: Bachelor's degree in Computer Science or equivalent.") ==
        std::pair{std::string("bachelor"), true});
  CHECK(edu("BS/MS in Computer Science, Statistics or a related field.") ==
        std::pair{std::string("bachelor"), true});
  CHECK(edu("Master\xE2\x80\x99s degree or PhD in Machine Learning.") ==
        std::pair{std::string("master"), true});
  CHECK(edu("A degree in Economics or equivalent work experience.") ==
        std::pair{std::string("bachelor"), false});
  CHECK(edu("PhD preferred.") == std::pair{std::string("doctorate"), false});
  CHECK(edu("Requirements: high school diploma or GED.") ==
        std::pair{std::string("high_school"), true});
  CHECK(edu("Associate degree in nursing.") == std::pair{std::string("associate"), true});
  CHECK(edu("Advanced degree in a quantitative field.") == std::pair{std::string("master"), true});
  const auto product = parse(test::kProductJob);
  CHECK(product.education == "bachelor");  // "MBA preferred" sits in the bonus part
  CHECK(product.education_required);
}

TEST_CASE("education: abbreviations and words that are not degrees") {
  const auto edu = [](std::string text) { return parse(std::move(text)).education; };
  CHECK(edu("Expert in MS Office and Excel.").empty());
  CHECK(edu("You will act as Scrum Master for two teams.").empty());
  CHECK(edu("Associate Product Manager, reporting to the CPO.").empty());
  CHECK(edu("A high degree of autonomy.").empty());
  CHECK(edu("We use a 360 degree feedback process.").empty());
  CHECK(edu("MBA required.") == "master");
}

TEST_CASE("keywords: the terms that set this job apart weigh most, boilerplate least") {
  const auto job = parse(
      "We are looking for a Platform Engineer. You will own our Terraform modules and on-call "
      "rotation, and harden our Terraform pipelines. Strong communication skills and a team "
      "player. "
      "We offer great benefits and an equal opportunity workplace.");
  REQUIRE_FALSE(job.keywords.empty());
  CHECK(job.keywords.front().term == "terraform");
  CHECK(job.keywords.front().count == 2);
  const auto weight = [&](std::string_view term) {
    const auto it = std::find_if(job.keywords.begin(), job.keywords.end(),
                                 [&](const Keyword& k) { return k.term == term; });
    return it == job.keywords.end() ? 0.0 : it->weight;
  };
  CHECK(weight("on-call") > 0);  // a compound stays one term
  for (const auto* boilerplate :
       {"team", "benefits", "opportunity", "equal", "communication", "skills", "we", "our"})
    CHECK(weight(boilerplate) == 0);
  CHECK(std::is_sorted(job.keywords.begin(), job.keywords.end(),
                       [](const Keyword& a, const Keyword& b) { return a.weight > b.weight; }));
}

TEST_CASE("keywords: forms of one word count together, the company's name is no keyword") {
  const auto job =
      parse("Initech builds microservices. Each microservice has an owner.", "", "Initech");
  REQUIRE_FALSE(job.keywords.empty());
  CHECK(job.keywords.front().term == "microservices");
  CHECK(job.keywords.front().count == 2);
  for (const auto& k : job.keywords) CHECK(k.term != "initech");
}

TEST_CASE("an empty description gives an empty job") {
  const auto job = parse("");
  CHECK(job.title.empty());
  CHECK(job.required.empty());
  CHECK(job.preferred.empty());
  CHECK(job.keywords.empty());
  CHECK_FALSE(job.min_years);
  CHECK(job.education.empty());
}
