// parse_resume on entry arrangements of text without layout that once went wrong: each test
// is one arrangement, written here (never copied from a data set).
#include <doctest/doctest.h>

#include "workers/analyze/resume/parser.hpp"

using namespace tailor::analyze;

namespace {

const skills::Lexicon& lexicon() {
  static const auto lex = [] {
    auto l = skills::Lexicon::from_tsv("Python\tlanguage\t\n");
    REQUIRE(l);
    return std::move(*l);
  }();
  return lex;
}

ParsedResume parse(std::string text) {
  Document d;
  d.text = std::move(text);
  d.method = "plain";
  return parse_resume(d, lexicon());
}

}  // namespace

TEST_CASE("an employer followed by a city named after its state") {
  const auto p = parse(R"(Dana Reyes
dana@example.com
EXPERIENCE
GLOBEX MEDIA, New York, NY
2014-2016
Staff Writer
Wrote the weekly column
)");
  REQUIRE(p.resume.work.size() == 1);
  CHECK(p.resume.work[0].name == "GLOBEX MEDIA");
  CHECK(p.resume.work[0].location == "New York, NY");
  CHECK(p.resume.work[0].position == "Staff Writer");
}

TEST_CASE("jobs one field a line, title first, without bodies between them") {
  const auto p = parse(R"(Sam Okafor
sam@example.com
WORK EXPERIENCE
Network Engineer
Vandelay Industries -  Columbus, OH -
March 2018 to Present
Support Technician
Vandelay Industries
)");
  REQUIRE(p.resume.work.size() == 2);
  CHECK(p.resume.work[0].position == "Network Engineer");
  CHECK(p.resume.work[0].name == "Vandelay Industries");
  CHECK(p.resume.work[0].startDate == "2018-03");
  CHECK(p.resume.work[1].position == "Support Technician");
  CHECK(p.resume.work[1].name == "Vandelay Industries");
}

TEST_CASE("schools listed without bodies or date ranges between them") {
  const auto p = parse(R"(Lee Park
lee@example.com
EDUCATION
Lakeside State University, Portland, OR
Master of Arts, History
GPA 3.9
May 2010
Riverbend College - Salem, OR
BS in Biology
Percentage: 82
)");
  REQUIRE(p.resume.education.size() == 2);
  CHECK(p.resume.education[0].institution == "Lakeside State University");
  CHECK(p.resume.education[0].studyType == "Master of Arts");
  CHECK(p.resume.education[0].endDate == "2010-05");
  CHECK(p.resume.education[1].institution == "Riverbend College");
  CHECK(p.resume.education[1].studyType == "BS");
  CHECK(p.resume.education[1].area == "Biology");
}

TEST_CASE("a title before a colon, and words that only say when") {
  const auto p = parse(R"(Ana Silva
ana@example.com
EXPERIENCE
Classroom Aide: Maple Grove Primary School
2012 - 2014
Tutor
Period: Oct '2010 - Dec '2011
Duration
Hillcrest Learning Centre
)");
  REQUIRE(p.resume.work.size() == 2);
  CHECK(p.resume.work[0].position == "Classroom Aide");
  CHECK(p.resume.work[0].name == "Maple Grove Primary School");
  CHECK(p.resume.work[1].position == "Tutor");
  CHECK(p.resume.work[1].name == "Hillcrest Learning Centre");
}

TEST_CASE("an acronym in brackets stays with its name, a country in brackets does not") {
  const auto p = parse(R"(Omar Haddad
omar@example.com
EXPERIENCE
Field Officer, Northern Rivers Trust (NRT), Leeds, UK
2015 - 2018
Analyst, Brightwater Ltd (UK)
2012 - 2015
EDUCATION
BSc in Geography, Institute of Coastal Studies (ICS)
)");
  REQUIRE(p.resume.work.size() == 2);
  CHECK(p.resume.work[0].name == "Northern Rivers Trust (NRT)");
  CHECK(p.resume.work[0].position == "Field Officer");
  CHECK(p.resume.work[1].name == "Brightwater Ltd");
  REQUIRE(p.resume.education.size() == 1);
  CHECK(p.resume.education[0].institution == "Institute of Coastal Studies (ICS)");
}
