#pragma once
// The résumé's lines as the parser reads them: from the layout when there is one (font size,
// bold, position, vertical gaps), else from the text (blank lines as the only gaps).
#include <string>
#include <string_view>
#include <vector>

#include "workers/analyze/document.hpp"

namespace tailor::analyze::resume_parse {

struct Line {
  // Trimmed. Pieces of one PDF baseline (a title on the left, dates on the right) are joined
  // with "\t", which split_fields() treats as a separator.
  std::string text;
  double size{};  // points; 0 without layout
  bool bold{};
  bool gap_before{};  // a blank line or a wider than usual vertical gap precedes it
  bool bullet{};      // starts with a bullet mark
  double x{};         // left edge in points; 0 without layout
  int page{};
};

struct Lines {
  std::vector<Line> lines;
  bool layout{};       // read from Document::layout
  double body_size{};  // the most used font size, 0 without layout
};

Lines read_lines(const Document& document);

// `line` without a leading bullet mark ("•", "-", "*", "▪", "➢", "1.", …) and the space after it;
// `line` itself when it has none.
std::string_view strip_bullet(std::string_view line);

}  // namespace tailor::analyze::resume_parse
