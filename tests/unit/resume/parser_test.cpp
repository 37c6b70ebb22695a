// parse_resume on résumés written here as text (and one with a hand-built layout): each common
// arrangement of an entry, headings in other words, a section without a heading, the basics.
#include <doctest/doctest.h>

#include <algorithm>

#include "workers/analyze/resume/parser.hpp"

using namespace tailor::analyze;

namespace {

// A small lexicon of our own, so the tests do not move when the built-in one grows.
const skills::Lexicon& lexicon() {
  static const auto lex = [] {
    auto l = skills::Lexicon::from_tsv(
        "Python\tlanguage\tPython3\n"
        "Go\tlanguage\tGolang\tambiguous\n"
        "JavaScript\tlanguage\tJS\n"
        "SQL\tlanguage\t\n"
        "Amazon Web Services\tcloud\tAWS\n"
        "Docker\ttool\t\n"
        "Kubernetes\ttool\tk8s\n"
        "PostgreSQL\tdatabase\tPostgres\n");
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

const Section* section(const ParsedResume& p, std::string_view kind) {
  auto it = std::find_if(p.sections.begin(), p.sections.end(),
                         [&](const Section& s) { return s.kind == kind; });
  return it == p.sections.end() ? nullptr : &*it;
}

bool has_warning(const ParsedResume& p, std::string_view text) {
  return std::find(p.warnings.begin(), p.warnings.end(), text) != p.warnings.end();
}

}  // namespace

TEST_CASE("a plain-text résumé: basics, entries, skills, sections") {
  const auto p = parse(R"(Jane Smith
Senior Software Engineer
jane.smith@example.com | (312) 555-0123 | Springfield, IL
linkedin.com/in/janesmith | github.com/jsmith | janesmith.dev

SUMMARY
Backend engineer with eight years of experience
building payment systems.

PROFESSIONAL EXPERIENCE
Senior Software Engineer — Globex Corporation    Jan 2020 – Present
• Led the migration of the billing service to Kubernetes, cutting deploy time
  from two hours to ten minutes
• Mentored four engineers
Software Engineer at Initech
March 2016 - December 2019
- Built the reporting pipeline in Python and SQL

EDUCATION
Bachelor of Science in Computer Science, Springfield State University    2012 – 2016
GPA: 3.8/4.0
Relevant Coursework: Algorithms, Operating Systems, Databases

TECHNICAL SKILLS
Languages: Python, Golang, JS
Cloud: AWS, Docker, k8s

LANGUAGES
English (Native), Spanish (Professional)

CERTIFICATIONS
AWS Certified Solutions Architect, Amazon, 2021
)");
  const auto& r = p.resume;
  CHECK(r.basics.name == "Jane Smith");
  CHECK(r.basics.label == "Senior Software Engineer");
  CHECK(r.basics.email == "jane.smith@example.com");
  CHECK(r.basics.phone == "(312) 555-0123");
  CHECK(r.basics.location.city == "Springfield");
  CHECK(r.basics.location.region == "IL");
  CHECK(r.basics.location.countryCode == "US");
  CHECK(r.basics.url == "https://janesmith.dev");
  REQUIRE(r.basics.profiles.size() == 2);
  CHECK(r.basics.profiles[0].network == "LinkedIn");
  CHECK(r.basics.profiles[0].username == "janesmith");
  CHECK(r.basics.profiles[1].network == "GitHub");
  CHECK(r.basics.profiles[1].url == "https://github.com/jsmith");
  CHECK(r.basics.summary ==
        "Backend engineer with eight years of experience building payment systems.");

  REQUIRE(r.work.size() == 2);
  CHECK(r.work[0].position == "Senior Software Engineer");
  CHECK(r.work[0].name == "Globex Corporation");
  CHECK(r.work[0].startDate == "2020-01");
  CHECK(r.work[0].endDate == "");
  REQUIRE(r.work[0].highlights.size() == 2);
  CHECK(r.work[0].highlights[0] ==
        "Led the migration of the billing service to Kubernetes, cutting deploy time from two "
        "hours to ten minutes");
  CHECK(r.work[1].position == "Software Engineer");
  CHECK(r.work[1].name == "Initech");
  CHECK(r.work[1].startDate == "2016-03");
  CHECK(r.work[1].endDate == "2019-12");
  CHECK(r.work[1].highlights ==
        std::vector<std::string>{"Built the reporting pipeline in Python and SQL"});

  REQUIRE(r.education.size() == 1);
  CHECK(r.education[0].institution == "Springfield State University");
  CHECK(r.education[0].studyType == "Bachelor of Science");
  CHECK(r.education[0].area == "Computer Science");
  CHECK(r.education[0].startDate == "2012");
  CHECK(r.education[0].endDate == "2016");
  CHECK(r.education[0].score == "3.8/4.0");
  CHECK(r.education[0].courses ==
        std::vector<std::string>{"Algorithms", "Operating Systems", "Databases"});

  REQUIRE(r.skills.size() == 2);
  CHECK(r.skills[0].name == "Languages");
  CHECK(r.skills[0].keywords == std::vector<std::string>{"Python", "Go", "JavaScript"});
  CHECK(r.skills[1].name == "Cloud");
  CHECK(r.skills[1].keywords ==
        std::vector<std::string>{"Amazon Web Services", "Docker", "Kubernetes"});

  REQUIRE(r.languages.size() == 2);
  CHECK(r.languages[1].language == "Spanish");
  CHECK(r.languages[1].fluency == "Professional");
  REQUIRE(r.certificates.size() == 1);
  CHECK(r.certificates[0].name == "AWS Certified Solutions Architect");
  CHECK(r.certificates[0].issuer == "Amazon");
  CHECK(r.certificates[0].date == "2021");

  // What the parser saw on the way.
  REQUIRE(section(p, "experience"));
  CHECK(section(p, "experience")->heading == "PROFESSIONAL EXPERIENCE");
  CHECK(section(p, "experience")->standard_heading);
  CHECK(p.lines[static_cast<std::size_t>(section(p, "experience")->first_line)] ==
        "PROFESSIONAL EXPERIENCE");
  CHECK(section(p, "contact")->first_line == 0);
  REQUIRE(p.bullets.size() == 3);
  CHECK(p.bullets[2].entry == 1);
  CHECK(p.bullets[2].section == "experience");
  CHECK(p.lines[static_cast<std::size_t>(p.bullets[2].line)] ==
        "- Built the reporting pipeline in Python and SQL");
  const auto month_year = std::count_if(
      p.dates.begin(), p.dates.end(), [](const DateMention& d) { return d.format == "Mon YYYY"; });
  CHECK(month_year == 1);
  CHECK(std::any_of(p.dates.begin(), p.dates.end(),
                    [](const DateMention& d) { return d.format == "present"; }));
  CHECK(p.warnings.empty());
}

TEST_CASE("employer and title in every common arrangement") {
  const auto p = parse(R"(Alex Doe
alex@example.com

Work History
Acme Inc. | Chicago, IL
Product Manager | 2019–2021
• Shipped the mobile app

Initech, Data Analyst
06/2017 - 05/2019
• Wrote dashboards

Business Analyst at Hooli    Sept. 2015 to May 2017
• Modelled churn

Senior Developer
Pied Piper LLC
2014 - 2015
)");
  const auto& w = p.resume.work;
  REQUIRE(w.size() == 4);
  CHECK(w[0].name == "Acme Inc.");
  CHECK(w[0].position == "Product Manager");
  CHECK(w[0].location == "Chicago, IL");
  CHECK(w[0].startDate == "2019");
  CHECK(w[0].endDate == "2021");
  CHECK(w[1].name == "Initech");
  CHECK(w[1].position == "Data Analyst");
  CHECK(w[1].startDate == "2017-06");
  CHECK(w[2].name == "Hooli");
  CHECK(w[2].position == "Business Analyst");
  CHECK(w[2].startDate == "2015-09");
  CHECK(w[2].endDate == "2017-05");
  CHECK(w[3].name == "Pied Piper LLC");
  CHECK(w[3].position == "Senior Developer");
  CHECK(section(p, "experience")->heading == "Work History");
}

TEST_CASE("headings in other words and with colons") {
  const auto p = parse(R"(Sam Lee
sam@example.com

Career History:
Nurse, County Hospital, 2018 - Present

Academic Background
MBA, Finance
Northwestern University
2016

Core Competencies: Python, SQL

Honors and Awards
Employee of the Year, County Hospital, 2020
)");
  REQUIRE(section(p, "experience"));
  CHECK(section(p, "experience")->heading == "Career History");
  REQUIRE(section(p, "education"));
  CHECK(section(p, "education")->heading == "Academic Background");
  REQUIRE(section(p, "skills"));
  REQUIRE(p.resume.work.size() == 1);
  CHECK(p.resume.work[0].position == "Nurse");
  CHECK(p.resume.work[0].name == "County Hospital");
  REQUIRE(p.resume.education.size() == 1);
  CHECK(p.resume.education[0].studyType == "MBA");
  CHECK(p.resume.education[0].area == "Finance");
  CHECK(p.resume.education[0].institution == "Northwestern University");
  CHECK(p.resume.education[0].endDate == "2016");
  REQUIRE(p.resume.skills.size() == 1);
  CHECK(p.resume.skills[0].name == "Skills");
  CHECK(p.resume.skills[0].keywords == std::vector<std::string>{"Python", "SQL"});
  REQUIRE(p.resume.awards.size() == 1);
  CHECK(p.resume.awards[0].title == "Employee of the Year");
  CHECK(p.resume.awards[0].awarder == "County Hospital");
  CHECK(p.resume.awards[0].date == "2020");
}

TEST_CASE("an experience section without a heading is found by its entries") {
  const auto p = parse(R"(JORDAN AVERY
jordan.avery@example.com | (503) 555-0148 | Portland, OR

HIGHLIGHTS
Eight years of test engineering across consumer web and mobile platforms.

Senior QA Engineer, Northwind Systems, Portland, OR (Mar 2021 - Present) Leads the automation guild.
• Cut the nightly regression suite from six hours to forty minutes

QA Engineer, Contoso Labs, Seattle, WA (Jun 2018 - Feb 2021)
• Wrote the first end-to-end suite

EDUCATION
B.S. in Computer Science, Ridgemont State University
Aug 2012 - May 2016
)");
  const auto* exp = section(p, "experience");
  REQUIRE(exp);
  CHECK(exp->heading == "");
  CHECK_FALSE(exp->standard_heading);
  CHECK(p.lines[static_cast<std::size_t>(exp->first_line)].starts_with("Senior QA Engineer"));
  CHECK(p.resume.basics.summary ==
        "Eight years of test engineering across consumer web and mobile platforms.");
  REQUIRE(p.resume.work.size() == 2);
  CHECK(p.resume.work[0].position == "Senior QA Engineer");
  CHECK(p.resume.work[0].name == "Northwind Systems");
  CHECK(p.resume.work[0].location == "Portland, OR");
  CHECK(p.resume.work[0].summary == "Leads the automation guild.");
  CHECK(p.resume.work[1].name == "Contoso Labs");
  CHECK(p.resume.work[1].endDate == "2021-02");
  REQUIRE(p.resume.education.size() == 1);
  CHECK(p.resume.education[0].studyType == "B.S.");
  CHECK(p.resume.education[0].area == "Computer Science");
  CHECK(p.resume.education[0].institution == "Ridgemont State University");
  CHECK(has_warning(p, "a experience section has no heading"));
  CHECK(p.resume.basics.name == "JORDAN AVERY");
}

TEST_CASE("a résumé with a layout: name by size, headings by type, pieces of one baseline") {
  using tailor::extract::TextLine;
  Document d;
  auto add = [&](double x, double y, double size, bool bold, std::string text) {
    TextLine l;
    l.page = 1;
    l.x = x;
    l.y = y;
    l.height = size * 1.2;
    l.size = size;
    l.bold = bold;
    l.text = std::move(text);
    d.text += l.text + "\n";
    d.layout.lines.push_back(std::move(l));
  };
  add(72, 60, 10, false, "Curriculum Vitae");
  add(72, 80, 22, true, "Chanchal");
  add(72, 108, 22, true, "Sharma");
  add(72, 140, 10, false, "(718) 555\u20130100 \u00B7 chanchals@example.com");
  add(72, 175, 12, true, "Employment");
  add(72, 195, 10, true, "Beacon Financial");
  add(450, 195, 10, false, "McLean, VA");
  add(72, 209, 10, false, "Software Engineering Intern");
  add(450, 209, 10, false, "Jun. 2024 \u2013 Aug. 2024");
  add(80, 223, 10, false,
      "\u2022 Built an automated solution that shut down after-hours cloud instances and");
  add(90, 235, 10, false, "a web application for on-demand reactivation");
  add(72, 255, 12, true, "Where I Studied");
  add(72, 275, 10, true, "Lakeside Institute of Technology");
  add(72, 289, 10, false, "B.S. in Computer Science");
  add(450, 289, 10, false, "Sep. 2022 \u2013 May 2024");
  const auto p = parse_resume(d, lexicon());
  CHECK(p.resume.basics.name == "Chanchal Sharma");
  CHECK(p.resume.basics.phone == "(718) 555\u20130100");
  REQUIRE(p.resume.work.size() == 1);
  const auto& w = p.resume.work[0];
  CHECK(w.name == "Beacon Financial");
  CHECK(w.position == "Software Engineering Intern");
  CHECK(w.location == "McLean, VA");
  CHECK(w.startDate == "2024-06");
  CHECK(w.endDate == "2024-08");
  CHECK(w.highlights ==
        std::vector<std::string>{
            "Built an automated solution that shut down after-hours cloud instances and a "
            "web application for on-demand reactivation"});
  // "Where I Studied" is no heading the lexicon knows: bold and larger, it opens a section whose
  // content (a school, then a degree) says it is education.
  REQUIRE(p.resume.education.size() == 1);
  CHECK(p.resume.education[0].institution == "Lakeside Institute of Technology");
  CHECK(p.resume.education[0].endDate == "2024-05");
  REQUIRE(section(p, "education"));
  CHECK(section(p, "education")->heading == "");
  REQUIRE(section(p, "other"));
  CHECK(section(p, "other")->heading == "Where I Studied");
  CHECK(p.lines[5] == "Beacon Financial\tMcLean, VA");
}

TEST_CASE("a résumé without experience or contact says so") {
  const auto p = parse("Some notes\nabout nothing in particular\n");
  CHECK(p.resume.work.empty());
  CHECK(has_warning(p, "no experience section found"));
  CHECK(has_warning(p, "no e-mail address found"));
}

TEST_CASE("an empty document parses to an empty résumé") {
  const auto p = parse("");
  CHECK(p.lines.empty());
  CHECK(p.sections.empty());
  CHECK(has_warning(p, "the résumé has no text"));
}

TEST_CASE("the name in text without layout: banners, labels, capitals, a line shared") {
  struct Case {
    const char* text;
    const char* name;
  };
  const Case cases[] = {
      // A banner and a headline before the name.
      {"Build a Resume in Minutes\nSample Resume for Nurses\nRegistered Nurse\nMaria Lopez\n"
       "maria.lopez@example.com\n(415) 555-0199\n",
       "Maria Lopez"},
      {"CURRICULUM VITAE\nPERSONAL DETAILS\nName: Tomas Berg\nNationality: Swedish\n"
       "Email: tomas@example.com\n",
       "Tomas Berg"},
      // The label on one line, the name on the next (a form turned into text).
      {"Curriculum Vitae\nName:\nAmina Yusuf\nTelephone:\n+44 20 7946 0958\n", "Amina Yusuf"},
      {"RESUME OF Kofi Mensah\nACCRA\nkofi@example.com\n", "Kofi Mensah"},
      {"PRIYA NATARAJAN\nSenior Accountant\npriya@example.com | 555-010-4477\n", "PRIYA NATARAJAN"},
      // The name, then the address or a headline on the same line.
      {"Lena Fischer 14 Harbor Road\nPortland, ME 04101\nlena@example.com\n", "Lena Fischer"},
      {"Rahul Mehta Java Developer - Initech\nPune, Maharashtra - rahul@example.com\n",
       "Rahul Mehta"},
      {"Dana Whitfield, MBA, PMP\n12 Elm St, Dayton, OH\ndana@example.com\n", "Dana Whitfield"},
      // Placeholder masks and honorifics are not part of it.
      {"Dr. Hana Sato\nhana@example.com\n", "Hana Sato"},
  };
  for (const auto& c : cases) {
    CAPTURE(c.text);
    CHECK(parse(c.text).resume.basics.name == c.name);
  }
  // A job title, a heading or a city alone is no name.
  CHECK(parse("Medical Assistant\n555-010-7788\nassist@example.com\n").resume.basics.name == "");
  CHECK(parse("Personal Particulars\nEmail: pp@example.com\n").resume.basics.name == "");
}

TEST_CASE("entries of a text without layout or bullet marks, one field a line") {
  const auto p = parse(R"(Ravi Kumar
ravi@example.com
Experience
Help Desk Technician
Harbor Freight Logistics Ltd.
2/1/2012 - Current
Tacoma, WA
Managed a queue of forty tickets a day
Resolved printer and network faults across three sites
Bayview Clinic - Olympia, Washington
Front Desk Assistant
01/2009 to 12/2011
Scheduled patients for six physicians
Education
Bachelor of Science, Information Systems
Rutgers University, New Brunswick
Magna Cum Laude
2008
)");
  REQUIRE(p.resume.work.size() == 2);
  CHECK(p.resume.work[0].position == "Help Desk Technician");
  CHECK(p.resume.work[0].name == "Harbor Freight Logistics Ltd.");
  CHECK(p.resume.work[0].location == "Tacoma, WA");
  CHECK(p.resume.work[0].startDate == "2012-02");
  CHECK(p.resume.work[0].endDate == "");
  // Sentences without bullet marks or full stops are the entry's body, not new headings.
  CHECK(p.resume.work[0].highlights.size() + !p.resume.work[0].summary.empty() >= 1);
  CHECK(p.resume.work[1].name == "Bayview Clinic");
  CHECK(p.resume.work[1].position == "Front Desk Assistant");
  CHECK(p.resume.work[1].location == "Olympia, Washington");
  CHECK(p.resume.work[1].endDate == "2011-12");
  REQUIRE(p.resume.education.size() == 1);
  CHECK(p.resume.education[0].institution == "Rutgers University");
  CHECK(p.resume.education[0].studyType == "Bachelor of Science");
  CHECK(p.resume.education[0].area == "Information Systems");
}

TEST_CASE("labelled entry lines and an entry's own technology list") {
  const auto p = parse(R"(Meera Iyer
meera@example.com
PROFESSIONAL EXPERIENCE
Company: Northwind Traders Pvt. Ltd.
Designation: Senior Test Engineer
Duration: Jan 2019 - Present
Responsibilities:
Wrote the regression suite for the billing platform
Technologies: Selenium, Python, Jenkins
Company: Contoso Software
Role: Test Engineer
Duration: Jun 2016 - Dec 2018
Environment: Windows, SQL
EDUCATION
B.E. in Electronics, Anna University, 2016
)");
  REQUIRE(p.resume.work.size() == 2);
  CHECK(p.resume.work[0].name == "Northwind Traders Pvt. Ltd.");
  CHECK(p.resume.work[0].position == "Senior Test Engineer");
  CHECK(p.resume.work[0].startDate == "2019-01");
  CHECK(p.resume.work[1].name == "Contoso Software");
  CHECK(p.resume.work[1].position == "Test Engineer");
  CHECK(p.resume.work[1].endDate == "2018-12");
  // "Technologies:" and "Environment:" belong to their entries: no skills section opens there.
  CHECK(section(p, "skills") == nullptr);
  REQUIRE(section(p, "education"));
  REQUIRE(p.resume.education.size() == 1);
  CHECK(p.resume.education[0].institution == "Anna University");
}
