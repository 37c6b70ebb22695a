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

TEST_CASE("a header that opens with its title keeps it over a later title-like line") {
  const auto p = parse(R"(Lee Moreno
lee@example.com
WORK EXPERIENCE
Software Development Engineer
Initech
Interned at Initech Development Centre for 6 months 2019
Projects done during Internship
- Moved the billing reports to a new platform.
)");
  REQUIRE(p.resume.work.size() == 1);
  CHECK(p.resume.work[0].position == "Software Development Engineer");
  CHECK(p.resume.work[0].name == "Initech");
}

TEST_CASE("jobs whose dates come before their title, a range broken over two lines") {
  const auto p = parse(R"(Ana Ruiz
ana@example.com
EMPLOYMENT HISTORY
2016
present
Department Chair, Springfield State University
2009
2016
Lecturer, Department of Biology, Shelbyville College
Spring 2008
Lab Coordinator, Shelbyville College
)");
  REQUIRE(p.resume.work.size() == 3);
  CHECK(p.resume.work[0].position == "Department Chair");
  CHECK(p.resume.work[0].name == "Springfield State University");
  CHECK(p.resume.work[0].startDate == "2016");
  CHECK(p.resume.work[0].endDate == "");
  CHECK(p.resume.work[1].position == "Lecturer");
  CHECK(p.resume.work[1].startDate == "2009");
  CHECK(p.resume.work[1].endDate == "2016");
  CHECK(p.resume.work[2].position == "Lab Coordinator");
  CHECK(p.resume.work[2].name == "Shelbyville College");
  CHECK(p.resume.work[2].startDate == "2008");
}

TEST_CASE("an employer written in lower case under its title line") {
  const auto p = parse(R"(Kim Patel
kim@example.com
WORK EXPERIENCE
Associate Software Engineer
initech
- Associate Software Engineer in Initech Pvt Ltd. (through a staffing firm)
- Experience in reporting products and automation scripting. (May 2018 onwards)
Perform automation through batch scripting.
EDUCATION
B.E. in Electronics
)");
  REQUIRE(p.resume.work.size() == 1);
  CHECK(p.resume.work[0].position == "Associate Software Engineer");
  CHECK(p.resume.work[0].name == "initech");
}

TEST_CASE("an employer named with a heading word inside the experience section") {
  const auto p = parse(R"(Ravi Shah
ravi@example.com
EXPERIENCE
Globex Solutions
Springfield, IL
2016 - 2019
Support Engineer
- Answered customer tickets.
Initech Technologies
Princeton, NJ
2019 - Present
Java Developer
- Built the billing service.
)");
  REQUIRE(p.resume.work.size() == 2);
  CHECK(p.resume.work[1].name == "Initech Technologies");
  CHECK(p.resume.work[1].position == "Java Developer");
  CHECK(p.resume.work[1].startDate == "2019");
}

TEST_CASE("a section heading set behind a bullet mark") {
  const auto p = parse(R"(Mia Chen
mia@example.com
■ Skills
Python
■ Professional Experience
Vandelay Industries
2018 - Present
Java Developer
)");
  REQUIRE(p.resume.work.size() == 1);
  CHECK(p.resume.work[0].name == "Vandelay Industries");
  CHECK(p.resume.work[0].position == "Java Developer");
}

TEST_CASE("a job title written in lower case over its employer and dates") {
  const auto p = parse(R"(Jo Park
jo@example.com
WORK EXPERIENCE
data analyst
Globex -  Pune, Maharashtra -
June 2016 to Present
- Built weekly sales dashboards.
)");
  REQUIRE(p.resume.work.size() == 1);
  CHECK(p.resume.work[0].position == "data analyst");
  CHECK(p.resume.work[0].name == "Globex");
  CHECK(p.resume.work[0].startDate == "2016-06");
}

TEST_CASE("a page's running foot between two jobs is neither a job nor part of one") {
  const auto p = parse(R"(Max Berg
max@example.com
EXPERIENCE
Sales Manager
Acme Corp
2015 - 2018
- Grew revenue in the region.
MAX BERG, Page 2 of 2
Sales Associate
Globex
2012 - 2015
- Opened new accounts.
)");
  REQUIRE(p.resume.work.size() == 2);
  CHECK(p.resume.work[0].name == "Acme Corp");
  CHECK(p.resume.work[1].name == "Globex");
  CHECK(p.resume.work[1].position == "Sales Associate");
}
