#pragma once
// The basics of a résumé: name (top lines, largest type when there is a layout), headline,
// e-mail, phone (libphonenumber, region US by default, kept as written), profiles and personal
// site, location ("City, ST").
#include <vector>

#include "workers/analyze/resume/lines.hpp"
#include "workers/analyze/resume/resume.hpp"
#include "workers/analyze/resume/sections.hpp"

namespace tailor::analyze::resume_parse {

// Fills out.resume.basics (all but the summary) from the lines before the first section, then
// from the whole text for what they lack.
void read_basics(const Lines& lines, const std::vector<SectionSpan>& sections, ParsedResume& out);

// The first phone number in `line` as written, "" when none.
std::string find_phone(std::string_view line);

}  // namespace tailor::analyze::resume_parse
