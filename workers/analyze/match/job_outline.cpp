// Cuts a job description into blocks (paragraphs, list items, labelled lines), blocks into
// sentences, and sentences into clauses marked required / preferred / neutral.
#include "workers/analyze/match/job_outline.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <stdexcept>
#include <string>

#include "workers/analyze/match/job_header.hpp"
#include "workers/analyze/match/phrases.hpp"
#include "workers/analyze/text/text.hpp"

namespace tailor::analyze::matching {
namespace {

// The phrases of job_phrases.tsv, by use and need; parsed once.
struct Phrases {
  std::vector<std::string> headings[3];  // by Need
  std::vector<std::string> cues[3];      // by Need (none neutral)
};

[[noreturn]] void bad_line(std::string_view line) {
  throw std::logic_error(
      fmt::format("job_phrases.tsv: expected heading|cue<TAB>need<TAB>phrase: {}", line));
}

Phrases parse_phrases() {
  Phrases p;
  for (const auto raw : text::split_lines(job_phrases_tsv())) {
    const auto line = text::trim(raw);
    if (line.empty() || line.front() == '#') continue;
    const auto tab1 = line.find('\t');
    const auto tab2 = tab1 == std::string_view::npos ? tab1 : line.find('\t', tab1 + 1);
    if (tab2 == std::string_view::npos) bad_line(line);
    const auto use = line.substr(0, tab1);
    const auto need = line.substr(tab1 + 1, tab2 - tab1 - 1);
    auto* by_need = use == "heading" ? p.headings : use == "cue" ? p.cues : nullptr;
    if (by_need == nullptr) bad_line(line);
    int index = need == "neutral"     ? static_cast<int>(Need::neutral)
                : need == "required"  ? static_cast<int>(Need::required)
                : need == "preferred" ? static_cast<int>(Need::preferred)
                                      : -1;
    if (index < 0) bad_line(line);
    by_need[index].emplace_back(line.substr(tab2 + 1));
  }
  return p;
}

const Phrases& phrases() {
  static const Phrases table = parse_phrases();
  return table;
}

struct Cues {
  bool required{};
  bool preferred{};
  bool any() const { return required || preferred; }
};

Cues cues_in(std::string_view s) {
  const auto& p = phrases();
  std::string folded = fold(s);
  Cues c;
  c.preferred = has_any_phrase(folded, p.cues[static_cast<int>(Need::preferred)]);
  // "not required" says the opposite of "required": blank the negated preferred cues before
  // looking for required ones.
  for (const auto& negated : p.cues[static_cast<int>(Need::preferred)]) {
    if (!negated.starts_with("not ")) continue;
    for (auto at = find_phrase(folded, negated); at != std::string::npos;
         at = find_phrase(folded, negated, at))
      folded.replace(at, negated.size(), std::string(negated.size(), ' '));
  }
  c.required = has_any_phrase(folded, p.cues[static_cast<int>(Need::required)]);
  return c;
}

Need need_of(const Cues& c, Need otherwise) {
  if (c.preferred) return Need::preferred;
  if (c.required) return Need::required;
  return otherwise;
}

bool ascii_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

// Bytes of a list mark at the start of a trimmed line ("- ", "• ", "1. "), 0 when none.
std::size_t bullet_mark(std::string_view line) {
  static constexpr std::string_view kMarks[] = {"-",
                                                "*",
                                                "+",
                                                "\xE2\x80\xA2",
                                                "\xC2\xB7",
                                                "\xE2\x96\xAA",
                                                "\xE2\x97\xA6",
                                                "\xE2\x80\x93",
                                                "\xE2\x96\xBA",
                                                "\xE2\x9C\x93"};
  for (const auto m : kMarks)
    if (line.starts_with(m) && line.size() > m.size() && ascii_space(line[m.size()]))
      return m.size();
  std::size_t i = 0;
  while (i < line.size() && i < 2 && line[i] >= '0' && line[i] <= '9') ++i;
  if (i > 0 && i + 1 < line.size() && (line[i] == '.' || line[i] == ')') &&
      ascii_space(line[i + 1]))
    return i + 1;
  return 0;
}

// A heading line without its markdown ("## ", "**", trailing ':').
struct HeadingText {
  std::string_view text;
  bool colon{};     // ended with ':'
  bool markdown{};  // started with '#'
};
HeadingText heading_text(std::string_view line) {
  HeadingText h;
  h.markdown = line.starts_with('#');
  while (!line.empty() &&
         (line.front() == '#' || line.front() == '*' || line.front() == '_' || line.front() == ' '))
    line.remove_prefix(1);
  while (!line.empty() && (line.back() == '*' || line.back() == '_' || line.back() == ' '))
    line.remove_suffix(1);
  h.colon = line.ends_with(':');
  if (h.colon) line.remove_suffix(1);
  h.text = text::trim(line);
  return h;
}

int word_count(std::string_view s) {
  return static_cast<int>(text::words(s).size());
}

bool is_heading(std::string_view line, bool first_line) {
  const auto h = heading_text(line);
  const int words = word_count(h.text);
  if (words == 0 || words > 8) return false;
  if (h.markdown || h.colon) return true;
  const char last = h.text.back();
  if (last == '.' || last == ',' || last == ';' || last == '!' || last == '?') return false;
  // Without a colon, a heading is little more than its key: "Nice to have", "Preferred
  // Qualifications", not "Experience with Kubernetes is a plus".
  const auto kind = classify_heading(h.text);
  if (!kind.known || words - kind.key_words > 2) return false;
  // The first line is usually the job's title: "Customer Experience Manager" is no heading.
  if (!first_line) return true;
  for (const auto& w : text::words(h.text))
    if (is_role_noun(text::lower_ascii(w.text))) return false;
  return true;
}

// Where a sentence ends inside [begin, end): after '.', '!', '?' or ';' and a space, except
// after "e.g." / "i.e." / "etc." or before a lower-case word.
std::size_t sentence_end(std::string_view text, std::size_t begin, std::size_t end) {
  for (std::size_t i = begin; i < end; ++i) {
    const char c = text[i];
    if (c != '.' && c != '!' && c != '?' && c != ';') continue;
    if (i + 1 < end && !ascii_space(text[i + 1])) continue;
    if (c == '.') {
      // The word before the full stop ("e.g", "etc") lies within the last four bytes.
      const std::size_t from = std::max(begin, i >= 4 ? i - 4 : 0);
      const auto before = fold(text.substr(from, i - from));
      if (before.ends_with("e.g") || before.ends_with("i.e") || before.ends_with("etc") ||
          before.ends_with("vs"))
        continue;
      std::size_t j = i + 1;
      while (j < end && ascii_space(text[j])) ++j;
      if (j < end && text[j] >= 'a' && text[j] <= 'z') continue;
    }
    return i + 1;
  }
  return end;
}

class Builder {
 public:
  explicit Builder(std::string_view text) : text_(text) {}

  // One sentence: parentheticals with a cue of their own become clauses of their own; a
  // sentence with both kinds of cue is split at commas, and a piece without a cue takes the
  // cue of the next piece that has one ("Python, Go or Rust is a plus").
  void add_sentence(std::size_t b, std::size_t e, Need mode) {
    while (b < e && ascii_space(text_[b])) ++b;
    while (e > b && ascii_space(text_[e - 1])) --e;
    if (b >= e) return;
    std::vector<Clause> pieces;
    std::size_t from = b;
    for (std::size_t i = b; i < e; ++i) {
      if (text_[i] != '(') continue;
      const auto close = text_.find(')', i);
      if (close == std::string_view::npos || close >= e) break;
      const auto cues = cues_in(text_.substr(i + 1, close - i - 1));
      if (cues.any()) {
        if (i > from) pieces.push_back({from, i, Need::neutral});
        out_.push_back({i, close + 1, need_of(cues, mode)});
        from = close + 1;
      }
      i = close;
    }
    if (from < e) pieces.push_back({from, e, Need::neutral});

    std::string outer;
    for (const auto& p : pieces)
      outer.append(text_.substr(p.begin, p.end - p.begin)).push_back(' ');
    const auto cues = cues_in(outer);
    if (!(cues.required && cues.preferred)) {
      for (auto& p : pieces) out_.push_back({p.begin, p.end, need_of(cues, mode)});
      return;
    }
    std::vector<Clause> split;
    std::vector<bool> cued;
    for (const auto& p : pieces) {
      std::size_t start = p.begin;
      for (std::size_t i = p.begin; i <= p.end; ++i) {
        if (i < p.end && text_[i] != ',') continue;
        const auto c = cues_in(text_.substr(start, i - start));
        split.push_back({start, i, need_of(c, mode)});
        cued.push_back(c.any());
        start = i + 1;
      }
    }
    for (std::size_t k = split.size(); k-- > 0;)
      if (!cued[k] && k + 1 < split.size()) split[k].need = split[k + 1].need;
    out_.insert(out_.end(), split.begin(), split.end());
  }

  void add_block(std::size_t b, std::size_t e, Need mode) {
    while (b < e) {
      const auto stop = sentence_end(text_, b, e);
      add_sentence(b, stop, mode);
      b = stop;
    }
  }

  JobOutline finish() {
    std::sort(out_.begin(), out_.end(),
              [](const Clause& a, const Clause& b) { return a.begin < b.begin; });
    return JobOutline{std::move(out_)};
  }

 private:
  std::string_view text_;
  std::vector<Clause> out_;
};

// The longest phrase of `list` in `folded`, in words; 0 when none is there.
int longest_phrase(std::string_view folded, const std::vector<std::string>& list) {
  int best = 0;
  for (const auto& p : list)
    if (has_phrase(folded, p)) best = std::max(best, word_count(p));
  return best;
}

}  // namespace

HeadingKind classify_heading(std::string_view heading) {
  const auto folded = fold(heading);
  for (const Need need : {Need::preferred, Need::required, Need::neutral})
    if (const int words = longest_phrase(folded, phrases().headings[static_cast<int>(need)]);
        words > 0)
      return {true, need, words};
  return {};
}

JobOutline outline_job(std::string_view text) {
  Builder builder(text);
  Need mode = Need::neutral;
  bool first_line = true;
  // The block being gathered: a paragraph or a list item, possibly wrapped over several lines.
  std::size_t block_begin = 0;
  std::size_t block_end = 0;
  const auto flush = [&] {
    if (block_end > block_begin) builder.add_block(block_begin, block_end, mode);
    block_begin = block_end = 0;
  };
  for (const auto raw : text::split_lines(text)) {
    const auto line = text::trim(raw);
    if (line.empty()) {
      flush();
      continue;
    }
    const std::size_t begin = static_cast<std::size_t>(line.data() - text.data());
    const std::size_t end = begin + line.size();
    if (is_heading(line, first_line)) {
      flush();
      const auto kind = classify_heading(heading_text(line).text);
      mode = kind.known ? kind.need : Need::neutral;
      builder.add_block(begin, end, mode);  // a heading may name skills ("Python experience")
      first_line = false;
      continue;
    }
    first_line = false;
    const auto mark = bullet_mark(line);
    std::size_t body = begin + mark;
    bool starts_block = mark > 0;
    // "Requirements: 4+ years of …" — a known label sets the mode for what follows.
    if (const auto colon = line.find(':');
        mark == 0 && colon != std::string_view::npos && colon > 0) {
      const auto label = heading_text(line.substr(0, colon + 1));
      const auto kind = classify_heading(label.text);
      if (kind.known && word_count(label.text) <= 5) {
        flush();
        mode = kind.need;
        body = begin + colon + 1;
        starts_block = true;
      }
    }
    if (starts_block || block_end == 0) {
      flush();
      block_begin = body;
    }
    block_end = end;
  }
  flush();
  return builder.finish();
}

const Clause* clause_at(const JobOutline& outline, std::size_t offset) {
  const auto it = std::upper_bound(outline.clauses.begin(), outline.clauses.end(), offset,
                                   [](std::size_t o, const Clause& c) { return o < c.begin; });
  if (it == outline.clauses.begin()) return nullptr;
  const auto& c = *(it - 1);
  return offset < c.end ? &c : nullptr;
}

}  // namespace tailor::analyze::matching
