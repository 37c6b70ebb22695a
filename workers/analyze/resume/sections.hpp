#pragma once
// Where the résumé's sections are: headings from the heading lexicon (Title Case or ALL CAPS,
// with or without a colon, or set in bold / larger type), and sections without a heading found
// by their content (a run of "Title, Company, dates" entries; a degree at a school).
#include <string>
#include <vector>

#include "workers/analyze/resume/lines.hpp"
#include "workers/analyze/resume/resume.hpp"

namespace tailor::analyze::resume_parse {

struct SectionSpan {
  Section section;
  int body_first{};         // first line after the heading (== section.first_line when headerless)
  std::string inline_text;  // what follows the colon on the heading line ("Skills: Python, Go")
};

std::vector<SectionSpan> find_sections(const Lines& lines);

// True when the line opens a work entry by itself: a date range or "since" date, a job title and
// at most a couple of dozen words.
bool looks_like_job_line(const Line& line);

}  // namespace tailor::analyze::resume_parse
