#pragma once
// A résumé and its document that give the ATS review nothing to flag; each test spoils one thing.
#include <string>

#include "workers/analyze/ats/ats.hpp"

namespace tailor::analyze::test {

inline ParsedResume clean_resume() {
  ParsedResume r;
  r.resume.basics.name = "Jane Doe";
  r.resume.basics.email = "jane@example.com";
  r.resume.basics.phone = "(312) 555-0142";
  r.resume.basics.summary = "Backend engineer who builds reliable payment systems.";
  r.lines = {"Jane Doe",
             "jane@example.com | (312) 555-0142",
             "Experience",
             "Senior Engineer, Acme — Jan 2021 – Present",
             "• Built a payments API serving 50K requests a day with Python and FastAPI",
             "• Cut p99 latency by 40% by moving hot queries to Redis and tuning indexes",
             "Engineer, StartupCo — Jun 2018 – Dec 2020",
             "• Led the migration of 12 services from a monolith to Kubernetes in six months",
             "Education",
             "B.S. Computer Science, MIT — Sep 2014 – May 2018",
             "Skills",
             "Python, FastAPI, PostgreSQL, Redis, Kubernetes"};
  r.sections = {{.kind = "contact",
                 .heading = "",
                 .standard_heading = false,
                 .first_line = 0,
                 .last_line = 1},
                {.kind = "experience",
                 .heading = "Experience",
                 .standard_heading = true,
                 .first_line = 2,
                 .last_line = 7},
                {.kind = "education",
                 .heading = "Education",
                 .standard_heading = true,
                 .first_line = 8,
                 .last_line = 9},
                {.kind = "skills",
                 .heading = "Skills",
                 .standard_heading = true,
                 .first_line = 10,
                 .last_line = 11}};
  r.bullets = {
      {.text = "Built a payments API serving 50K requests a day with Python and FastAPI",
       .section = "experience",
       .entry = 0,
       .line = 4},
      {.text = "Cut p99 latency by 40% by moving hot queries to Redis and tuning indexes",
       .section = "experience",
       .entry = 0,
       .line = 5},
      {.text = "Led the migration of 12 services from a monolith to Kubernetes in six months",
       .section = "experience",
       .entry = 1,
       .line = 7}};
  r.dates = {{.text = "Jan 2021", .format = "Mon YYYY", .line = 3},
             {.text = "Present", .format = "present", .line = 3},
             {.text = "Jun 2018", .format = "Mon YYYY", .line = 6},
             {.text = "Dec 2020", .format = "Mon YYYY", .line = 6},
             {.text = "Sep 2014", .format = "Mon YYYY", .line = 9},
             {.text = "May 2018", .format = "Mon YYYY", .line = 9}};
  return r;
}

inline Document clean_document(const ParsedResume& r) {
  Document d;
  for (const auto& l : r.lines) d.text += l + "\n";
  d.method = "text-layer";
  d.page_count = 1;
  d.layout.page_count = 1;
  d.layout.pages = {{.number = 1, .width = 612, .height = 792, .columns = 1, .gutter = 0}};
  double y = 72;
  for (const auto& l : r.lines) {
    d.layout.lines.push_back({.page = 1,
                              .x = 72,
                              .y = y,
                              .width = 400,
                              .height = 12,
                              .text = l,
                              .font = "Calibri",
                              .size = 10.5,
                              .bold = false,
                              .italic = false,
                              .column = 0,
                              .header_footer = false});
    y += 14;
  }
  return d;
}

}  // namespace tailor::analyze::test
