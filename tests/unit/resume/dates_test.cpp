// Dates as résumés write them → ISO, with the format recorded (workers/analyze/resume/dates.hpp).
#include <doctest/doctest.h>

#include "workers/analyze/resume/dates.hpp"

using tailor::analyze::resume_parse::cut_span;
using tailor::analyze::resume_parse::find_dates;

namespace {

// The one span in `line`: start, finish and whether it is ongoing.
struct Got {
  std::string start;
  std::string finish;
  bool ongoing{};
};

Got only_span(std::string_view line) {
  const auto spans = find_dates(line);
  REQUIRE(spans.size() == 1);
  return {spans[0].start, spans[0].finish, spans[0].ongoing};
}

}  // namespace

TEST_CASE("single dates become ISO months or years") {
  CHECK(only_span("Jan 2020").start == "2020-01");
  CHECK(only_span("January 2020").start == "2020-01");
  CHECK(only_span("Sept. 2019").start == "2019-09");
  CHECK(only_span("Sep. 2024").start == "2024-09");
  CHECK(only_span("01/2020").start == "2020-01");
  CHECK(only_span("1/2020").start == "2020-01");
  CHECK(only_span("2020-01").start == "2020-01");
  CHECK(only_span("graduated 2020").start == "2020");
  CHECK(only_span("Summer 2019").start == "2019");
  CHECK(only_span("2/1/2012").start == "2012-02");
  CHECK(only_span("Dec '19").start == "2019-12");
}

TEST_CASE("ranges with every separator, and ongoing ends") {
  auto r = only_span("Jan 2020 – Present");
  CHECK(r.start == "2020-01");
  CHECK(r.finish == "");
  CHECK(r.ongoing);
  r = only_span("03/2019 - 02/2022");
  CHECK(r.start == "2019-03");
  CHECK(r.finish == "2022-02");
  CHECK_FALSE(r.ongoing);
  CHECK(only_span("2016—2018").finish == "2018");
  CHECK(only_span("May 2017 to Current").ongoing);
  CHECK(only_span("June 2010 until Now").ongoing);
  CHECK(only_span("2007-Present").ongoing);
  CHECK(only_span("Jan – Mar 2020").start == "2020-01");
  CHECK(only_span("since 2018").ongoing);
}

TEST_CASE("formats are named as the ATS review expects") {
  const auto spans =
      find_dates("Jan 2020 – March 2021, 2019, 05/2018, 2018-04, Fall 2017, 2/1/2012");
  std::vector<std::string> formats;
  for (const auto& s : spans) {
    for (const auto& p : s.parts) formats.push_back(p.format);
  }
  CHECK(formats == std::vector<std::string>{"Mon YYYY", "Month YYYY", "YYYY", "MM/YYYY", "YYYY-MM",
                                            "Season YYYY", "M/D/YYYY"});
  CHECK(find_dates("2022 – Present")[0].parts[1].format == "present");
}

TEST_CASE("numbers that are not dates are left alone") {
  CHECK(find_dates("(312) 555-0123").empty());
  CHECK(find_dates("reduced latency by 43% for 1200 users").empty());
  CHECK(find_dates("$2019 budget").empty());
  CHECK(find_dates("12 years of experience").empty());
  CHECK(find_dates("present findings to the board").empty());
}

TEST_CASE("cutting a range out of a heading line leaves the rest clean") {
  const std::string line = "Senior QA Engineer, Northwind Systems (Mar 2021 - Present) Leads QA.";
  const auto spans = find_dates(line);
  REQUIRE(spans.size() == 1);
  CHECK(cut_span(line, spans[0]) == "Senior QA Engineer, Northwind Systems\tLeads QA.");
  const std::string dotted = "Software Engineer \u00B7 2022 \u2013 Present";
  CHECK(cut_span(dotted, find_dates(dotted)[0]) == "Software Engineer");
}
