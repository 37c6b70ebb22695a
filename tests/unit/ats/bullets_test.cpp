// Bullet scores: what earns points, what is listed as an issue, which bullets are weakest.
#include <doctest/doctest.h>

#include <algorithm>

#include "tests/unit/ats/clean_resume.hpp"

using namespace tailor::analyze;

namespace {

BulletScore score(std::string text) {
  ParsedResume r = test::clean_resume();
  r.bullets = {{.text = std::move(text), .section = "experience", .entry = 0, .line = 4}};
  const auto review_result = review(test::clean_document(r), r);
  REQUIRE(review_result.bullets.size() == 1);
  return review_result.bullets.front();
}

bool has_issue(const BulletScore& b, std::string_view issue) {
  for (const auto& i : b.issues)
    if (i == issue) return true;
  return false;
}

}  // namespace

TEST_CASE("a strong, quantified bullet of good length scores 100 with no issue") {
  const auto b = score("Reduced cloud spend by $120K a year by rightsizing 300 EC2 instances");
  CHECK(b.score == 100);
  CHECK(b.action_verb);
  CHECK_FALSE(b.weak_verb);
  CHECK(b.quantified);
  CHECK_FALSE(b.first_person);
  CHECK(b.words == 12);
  CHECK(b.issues.empty());
  CHECK(b.section == "experience");
  CHECK(b.entry == 0);
}

TEST_CASE("action verbs are recognised in past, present, third-person and -ing forms") {
  for (const auto* text :
       {"Led a team of 6 engineers through the rewrite of the billing service",
        "Lead a team of 6 engineers through the rewrite of the billing service",
        "Leads a team of 6 engineers through the rewrite of the billing service",
        "Leading a team of 6 engineers through the rewrite of the billing service",
        "Launches 3 experiments a week on the pricing page with the growth team",
        "Unifies 4 dashboards into one for the finance and operations teams",
        "Managing 2 vendors and the 12-person support rota for the EMEA region",
        "Running 5 weekly load tests against the staging cluster before releases",
        "Co-authored 2 papers on query planning for columnar databases at VLDB"}) {
    CAPTURE(text);
    CHECK(score(text).action_verb);
  }
}

TEST_CASE("weak openers are issues and earn no opener points, after a leading pronoun too") {
  for (const auto* text :
       {"Responsible for 3 payment integrations with banks across Europe and the UK",
        "Helped the team ship 4 releases of the mobile app on schedule",
        "Worked on 2 internal tools for the support team and their managers",
        "I was responsible for 3 payment integrations with banks across Europe",
        "Duties included on-call for 20 services and the weekly incident review",
        "Tasked with cutting build times of 45 minutes for the iOS app"}) {
    CAPTURE(text);
    const auto b = score(text);
    CHECK(b.weak_verb);
    CHECK_FALSE(b.action_verb);
    CHECK(b.issues.front().starts_with("weak opener \""));
  }
  const auto b = score("Helped the team ship 4 releases of the mobile app on schedule");
  CHECK(b.issues == std::vector<std::string>{"weak opener \"helped\""});
  CHECK(b.score == 65);  // figure 30 + length 25 + third person 10
}

TEST_CASE("a bullet that opens with a noun gets a few opener points and the issue") {
  const auto b = score("Migration of 12 services from a monolith to Kubernetes in six months");
  CHECK_FALSE(b.action_verb);
  CHECK_FALSE(b.weak_verb);
  CHECK(b.issues == std::vector<std::string>{"no action verb"});
  CHECK(b.score == 75);
}

TEST_CASE("figures: digits, %, currency, ×, number words") {
  for (const auto* text :
       {"Grew signups 3x in one quarter", "Cut costs by a fifth, 20%", "Raised €2M seed round",
        "Sped up the nightly build ×4", "Doubled the conversion of the pricing page",
        "Trained dozens of new hires on the deploy process"}) {
    CAPTURE(text);
    CHECK(score(text).quantified);
  }
  const auto b = score("Built the internal admin tool used by the support and finance teams");
  CHECK_FALSE(b.quantified);
  CHECK(has_issue(b, "no number"));
  CHECK(b.score == 70);
}

TEST_CASE("length: 8 to 30 words is good, short and long bullets are issues") {
  const auto short_one = score("Built 3 APIs");
  CHECK(short_one.words == 3);
  CHECK(has_issue(short_one, "too short (3 words)"));
  CHECK(short_one.score == 35 + 30 + 10);

  const auto fair = score("Built 3 APIs for billing");
  CHECK(fair.score == 35 + 30 + 12 + 10);

  const auto long_one = score(
      "Built 3 APIs for billing, invoicing and refunds that the mobile, web and partner teams "
      "call, with "
      "retries, idempotency keys, rate limits, audit logs and dashboards for the on-call engineers "
      "and their managers");
  CHECK(long_one.words == 33);
  CHECK(has_issue(long_one, "too long (33 words)"));
  CHECK(long_one.score == 35 + 30 + 12 + 10);
}

TEST_CASE("first person loses points and is listed, the verb after \"I\" still counts") {
  const auto b = score("I built 3 APIs for billing, invoicing and refunds used by 40 partners");
  CHECK(b.first_person);
  CHECK(b.action_verb);
  CHECK(b.issues == std::vector<std::string>{"first person"});
  CHECK(b.score == 90);
}

TEST_CASE("weakest: bullets with issues, lowest score first, at most ten") {
  ParsedResume r = test::clean_resume();
  r.bullets.clear();
  const auto add = [&](std::string text) {
    r.bullets.push_back({.text = std::move(text), .section = "experience", .entry = 0, .line = 4});
  };
  add("Reduced cloud spend by $120K a year by rightsizing 300 EC2 instances");  // 100
  add("Helped with things");  // weak, no figure, short
  add("Built the internal admin tool used by the support and finance teams");  // 70
  for (int i = 0; i < 12; ++i)
    add("Built the billing reports for the finance team every month");  // 70 each
  const auto result = review(test::clean_document(r), r);
  REQUIRE(result.weakest.size() == 10);
  CHECK(result.weakest[0] == 1);
  CHECK(result.weakest[1] == 2);  // ties keep résumé order
  CHECK(result.weakest[2] == 3);
  CHECK(std::find(result.weakest.begin(), result.weakest.end(), 0) == result.weakest.end());
}

TEST_CASE("no bullets: no scores, no bullet flags") {
  ParsedResume r = test::clean_resume();
  r.bullets.clear();
  const auto result = review(test::clean_document(r), r);
  CHECK(result.bullets.empty());
  CHECK(result.weakest.empty());
  CHECK(result.flags.empty());
}
