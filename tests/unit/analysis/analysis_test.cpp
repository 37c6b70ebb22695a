// The whole analysis of a résumé against a job, and the report the API and CLI show.
#include <doctest/doctest.h>

#include <cmath>

#include "common/json/value.hpp"
#include "workers/analyze/analysis.hpp"
#include "workers/analyze/report_json.hpp"


using namespace tailor::analyze;

namespace {
const char* kResume =
    "Priya Natarajan\n"
    "Frontend Engineer\n"
    "priya.natarajan@example.com | (206) 555-0187 | Seattle, WA\n"
    "Summary\n"
    "Frontend engineer who builds accessible React and TypeScript applications.\n"
    "Experience\n"
    "Frontend Engineer, Larkspur Health    Feb 2020 - Present\n"
    "- Rebuilt the patient portal in React and TypeScript, cutting page load time by 45%\n"
    "- Led the move from Webpack to Vite for 6 apps, halving build times\n"
    "- Worked on the design system\n"
    "Web Developer, Copperline Media    Jul 2017 - Jan 2020\n"
    "- Built 30+ responsive marketing sites with JavaScript, HTML and CSS\n"
    "Education\n"
    "B.A. Computer Science, University of Washington    2013 - 2017\n"
    "Skills\n"
    "JavaScript, TypeScript, React, Redux, Next.js, HTML, CSS, Jest, Cypress, Figma\n"
    "References\n"
    "Available on request from Priya Natarajan.\n";

const char* kJob =
    "Senior Frontend Engineer - Meridian Apps\n"
    "Requirements: 5+ years building web apps with React and TypeScript; strong JavaScript, HTML "
    "and CSS; testing with Jest or Cypress.\n"
    "Nice to have: GraphQL, Storybook.\n";

Document text_document(const char* text) {
  Document d;
  d.text = text;
  d.method = "plain";
  d.page_count = 1;
  return d;
}
}  // namespace

TEST_CASE("the report JSON carries the score, its parts adding up to it, skills, keywords and the ATS review") {
  JobInput job;
  job.text = kJob;
  const Analysis a = analyze(text_document(kResume), job);
  auto parsed = tailor::json::parse(report_json(a));
  REQUIRE(parsed.has_value());
  const tailor::json::Value& report = *parsed;
  REQUIRE(report.int_at("score").has_value());
  CHECK(*report.int_at("score") == a.match.score);
  CHECK(a.match.score >= 0);
  CHECK(a.match.score <= 100);

  const auto* breakdown = report.find("breakdown");
  REQUIRE((breakdown && breakdown->as_array()));
  double points = 0, weights = 0;
  for (const auto& part : *breakdown->as_array()) {
    points += part.find("points")->as_double().value_or(0);
    weights += part.find("weight")->as_double().value_or(0);
    CHECK(!part.string_at("detail").value_or("").empty());
  }
  CHECK(std::abs(weights - 1.0) < 0.01);
  CHECK(std::abs(points - a.match.score) <= 1.0);

  const auto* skills = report.find("skills");
  REQUIRE((skills && skills->find("matched") && skills->find("missing")));
  bool react = false, graphql_missing = false;
  for (const auto& s : *skills->find("matched")->as_array()) react |= s.string_at("name") == "React";
  for (const auto& s : *skills->find("missing")->as_array()) graphql_missing |= s.string_at("name") == "GraphQL";
  CHECK(react);
  CHECK(graphql_missing);
  REQUIRE(report.find("keywords") != nullptr);
  REQUIRE(report.find("job") != nullptr);
  REQUIRE(report.find("ats") != nullptr);
  CHECK(report.find("ats")->find("bullets")->as_array()->size() == a.resume.ats.bullets.size());
}

TEST_CASE("the parsed name is redacted wherever it appears, and nothing personal survives") {
  const ResumeAnalysis r = analyze_resume(text_document(kResume));
  CHECK(r.parsed.resume.basics.name == "Priya Natarajan");
  const std::string& text = r.redaction.text;
  for (const char* personal : {"Priya", "Natarajan", "priya.natarajan@example.com", "555-0187"}) {
    CHECK_MESSAGE(text.find(personal) == std::string::npos, personal << " should be redacted:\n" << text);
  }
  CHECK(text.find("Larkspur Health") != std::string::npos);
  CHECK(text.find("TypeScript") != std::string::npos);
}

TEST_CASE("a weak bullet is among the weakest the rewrite stage will get") {
  const ResumeAnalysis r = analyze_resume(text_document(kResume));
  REQUIRE(!r.ats.weakest.empty());
  const auto& weakest = r.ats.bullets.at(static_cast<std::size_t>(r.ats.weakest.front()));
  CHECK(weakest.text == "Worked on the design system");
}
