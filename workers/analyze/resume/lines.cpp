#include "workers/analyze/resume/lines.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <map>

#include "workers/analyze/text/text.hpp"

namespace tailor::analyze::resume_parse {

namespace {

// Bullet marks as UTF-8; a line starting with one (and a space or a letter after it) is a bullet.
constexpr std::string_view kBulletMarks[] = {
    "\u2022", "\u25CF", "\u25AA", "\u25A0", "\u25E6", "\u25CB", "\u2023", "\u2043", "\u2219",
    "\u00B7", "\u27A2", "\u27A4", "\u25BA", "\u25B6", "\u2713", "\u2714", "\u2756", "\uF0B7",
    "\uF0A7", "\uF0D8", "\u2013", "\u2014", "-",      "*",      ">",      "\u2666", "\u25C6"};

std::size_t bullet_length(std::string_view line) {
  for (auto mark : kBulletMarks) {
    if (!line.starts_with(mark)) continue;
    if (line.size() == mark.size()) return mark.size();
    const char next = line[mark.size()];
    // "-" and "*" need a space after them ("-5%" and "*Note" are not bullets).
    if (next == ' ' || next == '\t') return mark.size() + 1;
    if (mark.size() > 1) return mark.size();
    return 0;
  }
  // "o " as Word's hollow bullet, and "1." / "2)" numbering.
  if (line.size() > 2 && line[0] == 'o' && line[1] == ' ' &&
      std::isupper(static_cast<unsigned char>(line[2])))
    return 2;
  std::size_t i = 0;
  while (i < line.size() && i < 2 && std::isdigit(static_cast<unsigned char>(line[i]))) ++i;
  if (i > 0 && i + 1 < line.size() && (line[i] == '.' || line[i] == ')') && line[i + 1] == ' ')
    return i + 2;
  return 0;
}

double median(std::vector<double> v) {
  if (v.empty()) return 0;
  std::nth_element(v.begin(), v.begin() + static_cast<std::ptrdiff_t>(v.size() / 2), v.end());
  return v[v.size() / 2];
}

void add_line(Lines& out, std::string_view text, Line line) {
  const auto trimmed = text::trim(text);
  if (trimmed.empty()) return;
  line.text = std::string(trimmed);
  line.bullet = bullet_length(line.text) > 0;
  out.lines.push_back(std::move(line));
}

bool same_baseline(const extract::TextLine& a, const extract::TextLine& b) {
  return a.page == b.page && a.page > 0 && a.column == b.column && b.x > a.x &&
         std::abs(a.y - b.y) < 0.5 * std::max(1.0, a.height);
}

Lines from_layout(const extract::Layout& layout) {
  Lines out;
  out.layout = true;
  std::map<double, std::size_t> chars_by_size;
  std::vector<const extract::TextLine*> firsts;  // the first piece of each line in `out`
  const extract::TextLine* prev = nullptr;
  for (const auto& tl : layout.lines) {
    if (tl.header_footer && tl.page > 0) continue;  // "Page 1 of 2", repeated running heads
    if (text::trim(tl.text).empty()) continue;
    chars_by_size[tl.size] += tl.text.size();
    if (prev != nullptr && !out.lines.empty() && same_baseline(*prev, tl)) {
      out.lines.back().text += '\t';
      out.lines.back().text += text::trim(tl.text);
    } else {
      Line line;
      line.size = tl.size;
      line.bold = tl.bold;
      line.x = tl.x;
      line.page = tl.page;
      add_line(out, tl.text, line);
      firsts.push_back(&tl);
    }
    prev = &tl;
  }
  // A gap is a vertical step well over the usual line pitch, or a new page or column.
  auto same_block = [&](std::size_t i) {
    return firsts[i - 1]->page == firsts[i]->page && firsts[i - 1]->column == firsts[i]->column &&
           firsts[i]->y > firsts[i - 1]->y;
  };
  std::vector<double> pitches;
  for (std::size_t i = 1; i < firsts.size(); ++i) {
    if (same_block(i)) pitches.push_back(firsts[i]->y - firsts[i - 1]->y);
  }
  const double pitch = median(pitches);
  for (std::size_t i = 1; i < firsts.size(); ++i) {
    out.lines[i].gap_before =
        !same_block(i) || (pitch > 0 && firsts[i]->y - firsts[i - 1]->y > 1.4 * pitch);
  }
  std::size_t most = 0;
  for (const auto& [size, chars] : chars_by_size) {
    if (chars > most) {
      most = chars;
      out.body_size = size;
    }
  }
  return out;
}

Lines from_text(std::string_view text) {
  Lines out;
  bool blank = false;
  for (auto raw : text::split_lines(text)) {
    if (text::trim(raw).empty()) {
      blank = true;
      continue;
    }
    Line line;
    line.gap_before = blank;
    add_line(out, raw, line);
    blank = false;
  }
  return out;
}

}  // namespace

std::string_view strip_bullet(std::string_view line) {
  const auto n = bullet_length(line);
  return n == 0 ? line : text::trim(line.substr(n));
}

Lines read_lines(const Document& document) {
  if (!document.layout.lines.empty()) {
    auto lines = from_layout(document.layout);
    if (!lines.lines.empty()) return lines;
  }
  return from_text(document.text);
}

}  // namespace tailor::analyze::resume_parse
