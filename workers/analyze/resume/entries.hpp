#pragma once
// The entries of an experience, education, projects or volunteer section: lines grouped into
// entries (heading lines, then bullets and prose), and each entry read into its JSON Resume
// fields. Dates and bullets found on the way are recorded in the ParsedResume.
#include <string>
#include <vector>

#include "workers/analyze/resume/lines.hpp"
#include "workers/analyze/resume/resume.hpp"

namespace tailor::analyze::resume_parse {

struct EntryLines {
  std::vector<int> header;  // line indices: title, employer, school, dates…
  std::vector<int> body;    // bullets and prose
};

// Groups lines [first, last] into entries.
std::vector<EntryLines> group_entries(const Lines& lines, int first, int last);

void read_work(const Lines& lines, const std::vector<EntryLines>& entries, ParsedResume& out);
void read_volunteer(const Lines& lines, const std::vector<EntryLines>& entries, ParsedResume& out);
void read_education(const Lines& lines, const std::vector<EntryLines>& entries, ParsedResume& out);
void read_projects(const Lines& lines, const std::vector<EntryLines>& entries, ParsedResume& out);

}  // namespace tailor::analyze::resume_parse
