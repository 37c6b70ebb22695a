#include "workers/analyze/resume/sections.hpp"

#include <algorithm>
#include <optional>

#include "workers/analyze/resume/dates.hpp"
#include "workers/analyze/resume/fields.hpp"
#include "workers/analyze/resume/vocabulary.hpp"
#include "workers/analyze/text/text.hpp"

namespace tailor::analyze::resume_parse {

namespace {

struct Heading {
  std::string kind;
  bool standard{};
  std::string heading;      // as written, without the colon
  std::string inline_text;  // after the colon
};

bool has_letters_only(std::string_view s) {
  for (char ch : s) {
    const auto c = static_cast<unsigned char>(ch);
    if (std::isdigit(c) != 0 || c == '@' || c == '.' || c == ',' || c == '\t' || c == '|')
      return false;
  }
  return true;
}

bool all_caps(std::string_view s) {
  bool letter = false;
  for (char ch : s) {
    const auto c = static_cast<unsigned char>(ch);
    if (std::islower(c) != 0) return false;
    letter = letter || std::isupper(c) != 0;
  }
  return letter;
}

// Every word capitalised, small joining words aside ("Work History", "Skills and Abilities").
bool title_case(std::string_view s) {
  for (const auto& w : text::words(s)) {
    const auto c = static_cast<unsigned char>(w.text.front());
    if (std::isupper(c) != 0 || c >= 0x80) continue;
    const auto l = text::lower_ascii(w.text);
    if (l == "and" || l == "of" || l == "in" || l == "the" || l == "for" || l == "to" ||
        l == "with")
      continue;
    return false;
  }
  return true;
}

bool in_entries(std::string_view kind) {
  return kind == "experience" || kind == "projects" || kind == "volunteer" || kind == "education";
}

// A line inside an entries section that names an employer rather than a section although its
// heading word also ends employers' names ("Acme Technologies"): a date follows it within a few
// lines, as under an entry's heading, where a section opens with its content.
bool opens_dated_entry(const Lines& lines, std::size_t index) {
  constexpr std::size_t kLookahead = 4;
  const auto end = std::min(lines.lines.size(), index + 1 + kLookahead);
  for (std::size_t j = index + 1; j < end; ++j) {
    const auto& next = lines.lines[j];
    if (!next.bullet && !find_dates(next.text).empty()) return true;
  }
  return false;
}

std::optional<Heading> as_heading(const Lines& lines, std::size_t index,
                                  const std::string& current_kind) {
  const auto& line = lines.lines[index];
  const auto& v = Vocabulary::get();
  std::string_view t = line.text;
  if (line.bullet) {
    // "■ Professional Experience": a known heading behind a mark, on a line of its own.
    t = text::trim(strip_bullet(t));
    if (!v.headings.contains(heading_key(t)) || !(all_caps(t) || title_case(t)))
      return std::nullopt;
  }
  std::string_view rest;
  if (const auto colon = t.find(':'); colon != std::string_view::npos) {
    rest = text::trim(t.substr(colon + 1));
    t = text::trim(t.substr(0, colon));
    // "Languages: Python, Go" inside a skills section is a group of skills; "Technologies: Java,
    // SQL" inside an experience or projects section is an entry's own list.
    const bool entry_list = in_entries(current_kind) && entry_label(line.text).kind == "body";
    if (!rest.empty() && (current_kind == "skills" || entry_list)) return std::nullopt;
  }
  if (t.empty() || t.size() > 48 || !has_letters_only(t)) return std::nullopt;
  const auto key = heading_key(t);
  const auto n_words = text::words(t).size();
  if (n_words > 6) return std::nullopt;
  if (auto it = v.headings.find(key); it != v.headings.end()) {
    // A known heading on a line of its own, or followed by its content after a colon.
    if (!(all_caps(t) || title_case(t) || line.bold)) return std::nullopt;
    if (!rest.empty() && it->second != "skills" && it->second != "languages" &&
        it->second != "interests" && it->second != "summary" && it->second != "certificates")
      return std::nullopt;
    return Heading{it->second, true, std::string(t), std::string(rest)};
  }
  if (!rest.empty() || n_words > 5 || title_score(t) > 0) return std::nullopt;
  const bool styled =
      lines.layout && (line.bold || line.size > lines.body_size * 1.15) && lines.body_size > 0;
  if (!(all_caps(t) || (title_case(t) && (styled || line.gap_before || !lines.layout))))
    return std::nullopt;
  for (const auto& w : lower_words(t)) {
    if (auto it = v.heading_words.find(w); it != v.heading_words.end()) {
      if (in_entries(current_kind) && v.company_words.contains(w) &&
          opens_dated_entry(lines, index))
        return std::nullopt;
      return Heading{it->second, false, std::string(t), ""};
    }
  }
  // An unknown heading: only when the type says so (bold and larger, or bold in capitals), and
  // only once a known section has begun (the name above is large and bold too).
  const bool larger = line.size > lines.body_size * 1.15;
  if (styled && line.bold && (all_caps(t) || larger) && current_kind != "contact" &&
      company_score(t) <= 0)
    return Heading{"other", false, std::string(t), ""};
  return std::nullopt;
}

// The first line of an education entry that starts at line i: a degree with a school on its
// line or the next, or a school line followed by a degree line; -1 when there is none.
int education_start(const Lines& lines, int i, int last) {
  const auto& t = lines.lines[static_cast<std::size_t>(i)].text;
  if (is_prose(t) || !is_degree(t)) return -1;
  auto school_on = [&](int j) {
    for (const auto& f : split_fields(lines.lines[static_cast<std::size_t>(j)].text)) {
      if (is_institution(f) && !is_degree(f)) return true;
    }
    return false;
  };
  if (school_on(i) || (i + 1 <= last && school_on(i + 1))) return i;
  if (i > 0 && school_on(i - 1)) return i - 1;
  return -1;
}

// Splits `span` where a headerless experience or education block begins inside it.
void split_headerless(const Lines& lines, std::vector<SectionSpan>& spans) {
  for (std::size_t s = 0; s < spans.size(); ++s) {
    const auto kind = spans[s].section.kind;
    if (kind != "contact" && kind != "summary" && kind != "other") continue;
    const int first = spans[s].body_first + (kind == "contact" ? 2 : 0);
    const int last = spans[s].section.last_line;
    for (int i = first; i <= last; ++i) {
      std::string found;
      if (looks_like_job_line(lines.lines[static_cast<std::size_t>(i)])) {
        found = "experience";
      } else if (const int start = education_start(lines, i, last); start >= first) {
        found = "education";
        i = start;
      }
      if (found.empty()) continue;
      SectionSpan tail;
      tail.section = Section{found, "", false, i, last};
      tail.body_first = i;
      spans[s].section.last_line = i - 1;
      spans.insert(spans.begin() + static_cast<std::ptrdiff_t>(s) + 1, std::move(tail));
      break;
    }
  }
}

}  // namespace

bool looks_like_job_line(const Line& line) {
  if (line.bullet) return false;
  const auto spans = find_dates(line.text);
  for (const auto& span : spans) {
    if (!span.range && !span.ongoing) continue;
    const auto rest = cut_span(line.text, span);
    if (lower_words(rest).size() > 24) return false;
    for (const auto& f : split_fields(rest)) {
      if (title_score(f) > 0 && !is_prose(f)) return true;
    }
  }
  return false;
}

std::vector<SectionSpan> find_sections(const Lines& lines) {
  std::vector<SectionSpan> spans;
  const int n = static_cast<int>(lines.lines.size());
  std::string current = "contact";
  for (int i = 0; i < n; ++i) {
    auto h = as_heading(lines, static_cast<std::size_t>(i), current);
    if (!h) continue;
    if (spans.empty() && i > 0) {
      spans.push_back(SectionSpan{Section{"contact", "", false, 0, i - 1}, 0, ""});
    }
    if (!spans.empty()) spans.back().section.last_line = i - 1;
    spans.push_back(
        SectionSpan{Section{h->kind, h->heading, h->standard, i, n - 1}, i + 1, h->inline_text});
    current = h->kind;
  }
  if (spans.empty() && n > 0)
    spans.push_back(SectionSpan{Section{"contact", "", false, 0, n - 1}, 0, ""});
  split_headerless(lines, spans);
  return spans;
}

}  // namespace tailor::analyze::resume_parse
