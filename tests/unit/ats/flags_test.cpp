// Each ATS flag: raised when the résumé or its file has the problem, silent when it does not.
#include <doctest/doctest.h>

#include <algorithm>

#include "tests/unit/ats/clean_resume.hpp"

using namespace tailor::analyze;

namespace {

std::vector<AtsFlag> flags_with(const AtsReview& review, std::string_view code) {
  std::vector<AtsFlag> out;
  for (const auto& f : review.flags)
    if (f.code == code) out.push_back(f);
  return out;
}

AtsFlag only_flag(const AtsReview& review, std::string_view code) {
  const auto it = std::find_if(review.flags.begin(), review.flags.end(),
                               [&](const AtsFlag& f) { return f.code == code; });
  REQUIRE_MESSAGE(it != review.flags.end(), "no flag " << code);
  REQUIRE(flags_with(review, code).size() == 1);
  return *it;
}

struct Fixture {
  ParsedResume resume = test::clean_resume();
  Document document = test::clean_document(resume);
  AtsReview run() const { return review(document, resume); }
};

}  // namespace

TEST_CASE("a clean, one-column, quantified résumé raises no flag") {
  const Fixture f;
  const auto r = f.run();
  for (const auto& flag : r.flags) MESSAGE(flag.code << ": " << flag.evidence);
  CHECK(r.flags.empty());
  CHECK(r.bullets.size() == 3);
}

TEST_CASE("image_only_pdf: OCR'd or textless pages") {
  Fixture f;
  SUBCASE("read by OCR") {
    f.document.method = "ocr";
    const auto flag = only_flag(f.run(), "image_only_pdf");
    CHECK(flag.severity == "high");
    CHECK(flag.evidence.find("OCR") != std::string::npos);
  }
  SUBCASE("no text at all on two pages") {
    f.document.text = " \n\f\n";
    f.document.page_count = 2;
    CHECK(only_flag(f.run(), "image_only_pdf").evidence == "no text on 2 page(s)");
  }
  SUBCASE("a plain-text résumé with no pages is not an image") {
    f.document.page_count = 0;
    f.document.layout.page_count = 0;
    f.document.method = "plain";
    CHECK(flags_with(f.run(), "image_only_pdf").empty());
  }
}

TEST_CASE("multiple_columns: a page with a sidebar") {
  Fixture f;
  f.document.layout.pages.push_back(
      {.number = 2, .width = 612, .height = 792, .columns = 2, .gutter = 200});
  const auto flag = only_flag(f.run(), "multiple_columns");
  CHECK(flag.severity == "medium");
  CHECK(flag.evidence == "page 2: 2 columns");
}

TEST_CASE("tables: any table in the layout") {
  Fixture f;
  CHECK(flags_with(f.run(), "tables").empty());
  f.document.layout.tables = {{.page = 1, .rows = 4, .columns = 2}};
  const auto flag = only_flag(f.run(), "tables");
  CHECK(flag.evidence == "1 table(s) (page 1: 4×2)");
}

TEST_CASE("contact_in_header_footer: the e-mail or phone repeated in the page header") {
  Fixture f;
  SUBCASE("page numbers in the footer are fine") {
    f.document.layout.header_footer_text = "Jane Doe — Résumé\nPage 1 of 2";
    CHECK(flags_with(f.run(), "contact_in_header_footer").empty());
  }
  SUBCASE("the résumé's own e-mail") {
    f.document.layout.header_footer_text = "Jane Doe · JANE@example.com";
    const auto flag = only_flag(f.run(), "contact_in_header_footer");
    CHECK(flag.severity == "high");
    CHECK(flag.evidence == "\"Jane Doe · JANE@example.com\"");
  }
  SUBCASE("the phone written another way") {
    f.document.layout.header_footer_text = "Call 312.555.0142";
    CHECK(only_flag(f.run(), "contact_in_header_footer").evidence == "\"Call 312.555.0142\"");
  }
  SUBCASE("contact details the parser did not keep still count") {
    f.resume.resume.basics.email.clear();
    f.resume.resume.basics.phone = "(312) 555-0142";
    f.document.layout.header_footer_text = "someone@else.org";
    CHECK(flags_with(f.run(), "contact_in_header_footer").size() == 1);
  }
}

TEST_CASE("missing_contact: no e-mail or no phone") {
  Fixture f;
  f.resume.resume.basics.phone.clear();
  CHECK(only_flag(f.run(), "missing_contact").evidence == "no phone number");
  f.resume.resume.basics.email.clear();
  CHECK(only_flag(f.run(), "missing_contact").evidence == "no e-mail address and no phone number");
}

TEST_CASE("missing_section: experience, education and skills each") {
  Fixture f;
  f.resume.sections.erase(f.resume.sections.begin() + 2,
                          f.resume.sections.end());  // keep contact, experience
  const auto r = f.run();
  const auto missing = flags_with(r, "missing_section");
  REQUIRE(missing.size() == 2);
  CHECK(missing[0].evidence == "no \"Education\" section");
  CHECK(missing[0].severity == "medium");
  CHECK(missing[1].evidence == "no \"Skills\" section");

  f.resume.sections.erase(f.resume.sections.begin() + 1);  // and experience
  const auto experience = flags_with(f.run(), "missing_section").front();
  CHECK(experience.evidence == "no \"Experience\" section");
  CHECK(experience.severity == "high");
}

TEST_CASE("missing_section: without sections the parsed fields count") {
  Fixture f;
  f.resume.sections.clear();
  f.resume.resume.work.resize(1);
  f.resume.resume.work[0].position = "Engineer";
  f.resume.resume.skills.resize(1);
  f.resume.resume.skills[0].keywords = {"Python"};
  const auto missing = flags_with(f.run(), "missing_section");
  REQUIRE(missing.size() == 1);
  CHECK(missing[0].evidence == "no \"Education\" section");
}

TEST_CASE("nonstandard_heading: one flag per unusual heading, with the heading as evidence") {
  Fixture f;
  f.resume.sections[1].heading = "Where I've Been";
  f.resume.sections[1].standard_heading = false;
  const auto flag = only_flag(f.run(), "nonstandard_heading");
  CHECK(flag.evidence == "Where I've Been");
  CHECK(flag.fix == "Rename it \"Experience\".");
  CHECK(flag.severity == "low");

  f.resume.sections[1].kind = "other";  // the parser could not tell what it holds
  CHECK(only_flag(f.run(), "nonstandard_heading").fix.starts_with("Use a heading an ATS knows: \"Experience\""));
}

TEST_CASE("inconsistent_dates: two formats, 'present' not counted") {
  Fixture f;
  CHECK(flags_with(f.run(), "inconsistent_dates").empty());
  f.resume.dates[2] = {.text = "06/2018", .format = "MM/YYYY", .line = 6};
  const auto flag = only_flag(f.run(), "inconsistent_dates");
  CHECK(flag.evidence == "\"Jan 2021\" (Mon YYYY), \"06/2018\" (MM/YYYY)");
  CHECK(flag.fix == "Write every date one way, like \"Jan 2021\" (Mon YYYY).");
}

TEST_CASE("inconsistent_dates: years alone in one section beside months in another are fine, mixed in one are not") {
  Fixture f;
  f.resume.dates[4] = {.text = "2014", .format = "YYYY", .line = 9};  // education: "2014 - 2018"
  f.resume.dates[5] = {.text = "2018", .format = "YYYY", .line = 9};
  CHECK(flags_with(f.run(), "inconsistent_dates").empty());
  f.resume.dates[2] = {.text = "2018", .format = "YYYY", .line = 6};  // experience: "2018 - Dec 2020"
  const auto flag = only_flag(f.run(), "inconsistent_dates");
  CHECK(flag.evidence.find("(YYYY)") != std::string::npos);
  CHECK(flag.evidence.find("(Mon YYYY)") != std::string::npos);
}

TEST_CASE("too_long: more than two pages") {
  Fixture f;
  f.document.page_count = 2;
  CHECK(flags_with(f.run(), "too_long").empty());
  f.document.page_count = 3;
  CHECK(only_flag(f.run(), "too_long").evidence == "3 pages");
}

TEST_CASE("unmapped_glyphs: characters without Unicode") {
  Fixture f;
  f.document.unmapped_glyphs = 17;
  const auto flag = only_flag(f.run(), "unmapped_glyphs");
  CHECK(flag.severity == "high");
  CHECK(flag.evidence == "17 character(s)");
}

TEST_CASE("tiny_font: lines under 9 pt, with the count and the smallest size") {
  Fixture f;
  f.document.layout.lines[3].size = 8;
  f.document.layout.lines[5].size = 7.5;
  f.document.layout.lines[6].size = 9;  // 9 pt is fine
  CHECK(only_flag(f.run(), "tiny_font").evidence == "2 line(s) under 9 pt, smallest 7.5 pt");
}

TEST_CASE("unquantified_bullets: more than half the bullets without a figure") {
  Fixture f;
  f.resume.bullets[0].text = "Built the payments API in Python and FastAPI for the checkout team";
  CHECK(flags_with(f.run(), "unquantified_bullets").empty());  // 1 of 3
  f.resume.bullets[1].text = "Moved hot queries to Redis and tuned the indexes of the orders table";
  const auto flag = only_flag(f.run(), "unquantified_bullets");
  CHECK(flag.evidence == "2 of 3 bullets have no number");
  CHECK(flag.severity == "medium");
}

TEST_CASE("weak_verbs: bullets opening with a duty") {
  Fixture f;
  f.resume.bullets[2].text =
      "Responsible for the migration of 12 services from a monolith to Kubernetes";
  const auto flag = only_flag(f.run(), "weak_verbs");
  CHECK(flag.evidence ==
        "1 bullet(s), e.g. \"Responsible for the migration of 12 services from a monolith to "
        "Kubernetes\"");
}

TEST_CASE("first_person: in a bullet or in the summary") {
  Fixture f;
  SUBCASE("summary") {
    f.resume.resume.basics.summary = "I am a backend engineer who loves payment systems.";
    CHECK(only_flag(f.run(), "first_person").evidence ==
          "1 place(s), e.g. \"I am a backend engineer who loves payment systems.\"");
  }
  SUBCASE("bullet") {
    f.resume.bullets[0].text = "Built my team's payments API serving 50K requests a day";
    CHECK(only_flag(f.run(), "first_person").evidence.starts_with("1 place(s)"));
  }
  SUBCASE("\"mine\" inside another word is not first person") {
    f.resume.bullets[0].text =
        "Determined which 3 data-mining jobs to retire, saving 20 hours a week";
    CHECK(flags_with(f.run(), "first_person").empty());
  }
}

TEST_CASE("overlong_bullets: more than 30 words, or more than two printed lines") {
  Fixture f;
  SUBCASE("32 words") {
    f.resume.bullets[0].text =
        "Built a payments API serving 50K requests a day with Python and FastAPI, and then rebuilt "
        "its "
        "retry logic, its idempotency keys, its ledger, its reporting jobs and its alerting from "
        "scratch";
    const auto flag = only_flag(f.run(), "overlong_bullets");
    CHECK(flag.evidence.starts_with("1 bullet(s); the longest has 32 words"));
  }
  SUBCASE("three printed lines of short words") {
    f.resume.lines = {"Experience", "• Cut p99 latency by 40% with Redis",
                      "caching of the hot order", "queries and index tuning"};
    f.resume.bullets = {
        {.text =
             "Cut p99 latency by 40% with Redis caching of the hot order queries and index tuning",
         .section = "experience",
         .entry = 0,
         .line = 1}};
    CHECK(flags_with(f.run(), "overlong_bullets").size() == 1);
  }
  SUBCASE("two printed lines are fine") {
    f.resume.lines = {"Experience", "• Cut p99 latency by 40% with Redis caching",
                      "of the hot order queries"};
    f.resume.bullets = {
        {.text = "Cut p99 latency by 40% with Redis caching of the hot order queries",
         .section = "experience",
         .entry = 0,
         .line = 1}};
    CHECK(flags_with(f.run(), "overlong_bullets").empty());
  }
}

TEST_CASE("flags come highest severity first") {
  Fixture f;
  f.document.layout.lines[0].size = 7;            // low
  f.document.page_count = 4;                      // medium
  f.resume.resume.basics.email.clear();           // high
  f.resume.sections[3].standard_heading = false;  // low
  f.resume.sections[3].heading = "Toolbox";
  const auto r = f.run();
  REQUIRE(r.flags.size() == 4);
  CHECK(r.flags[0].code == "missing_contact");
  CHECK(r.flags[1].code == "too_long");
  CHECK(r.flags[2].severity == "low");
  CHECK(r.flags[3].severity == "low");
}
