#pragma once
// The person's name among the top lines of a résumé: with a layout, the largest type; without
// one (plain text, DOCX, OCR), the best-scoring candidate line, whatever banner, title or
// "Curriculum Vitae" comes first.
#include <string>

#include "workers/analyze/resume/lines.hpp"

namespace tailor::analyze::resume_parse {

struct NameLine {
  int line{-1};  // index into Lines::lines; -1 when no line holds a name
  std::string name;
};

// `contact_last`: the last line of the contact block (the lines before the first heading).
NameLine find_name(const Lines& lines, int contact_last);

}  // namespace tailor::analyze::resume_parse
