// Dates of birth, only behind a cue ("DOB: 01/02/1990", "Date of birth 2 March 1990",
// "Born 1990-03-02", "Born in Canada, 20 November 1987"): other dates in a résumé are not personal.
#include <algorithm>
#include <array>
#include <optional>

#include "workers/analyze/pii/detector.hpp"
#include "workers/analyze/pii/scan.hpp"

namespace tailor::analyze::pii::detail {

namespace {

// How far past the cue the date may start, and how many non-date words may come between
// ("Born in Canada, 20 November 1987").
constexpr std::size_t kMaxReach = 48;
constexpr std::size_t kMaxSkippedWords = 3;

constexpr auto kMonths = std::to_array<std::string_view>(
    {"january",   "february", "march",    "april",    "may",  "june", "july", "august",
     "september", "october",  "november", "december", "jan",  "feb",  "mar",  "apr",
     "jun",       "jul",      "aug",      "sep",      "sept", "oct",  "nov",  "dec"});

bool month(std::string_view w) {
  return std::any_of(kMonths.begin(), kMonths.end(),
                     [&](std::string_view m) { return text::iequals_ascii(m, w); });
}
bool all_digits(std::string_view w, std::size_t min, std::size_t max) {
  return w.size() >= min && w.size() <= max &&
         std::all_of(w.begin(), w.end(), [](char c) { return is_digit(c); });
}
bool year(std::string_view w) {
  return all_digits(w, 4, 4) && (w.starts_with("19") || w.starts_with("20"));
}
// "2", "02", "2nd", "21st"
bool day(std::string_view w) {
  std::size_t n = 0;
  while (n < w.size() && is_digit(w[n])) ++n;
  if (n == 0 || n > 2) return false;
  const auto rest = text::lower_ascii(w.substr(n));
  return rest.empty() || rest == "st" || rest == "nd" || rest == "rd" || rest == "th";
}
bool ordinal_suffix(std::string_view w) {
  const auto l = text::lower_ascii(w);
  return l == "st" || l == "nd" || l == "rd" || l == "th";
}

class Scanner {
 public:
  explicit Scanner(const Context& ctx) : s_(ctx.text), w_(ctx.words) {}

  void run(std::vector<Finding>& out) const {
    for (std::size_t i = 0; i < w_.size(); ++i) {
      const auto after = cue_end(i);
      if (!after) continue;
      if (const auto date = date_after(*after)) {
        const auto [start, end] = *date;
        out.push_back(
            {Kind::date_of_birth, start, end - start, std::string(s_.substr(start, end - start))});
      }
    }
  }

 private:
  bool is(std::size_t k, std::string_view w) const {
    return k < w_.size() && text::iequals_ascii(w_[k].text, w);
  }
  bool near(std::size_t a) const {  // words a and a+1 are neighbours ("D.O.B", "date of birth")
    const auto from = w_[a].offset + w_[a].text.size();
    return a + 1 < w_.size() && w_[a + 1].offset - from <= 2;
  }

  // The index of the first word after a cue that starts at word i.
  std::optional<std::size_t> cue_end(std::size_t i) const {
    if (is(i, "dob") || is(i, "born") || is(i, "birthdate") || is(i, "birthday")) return i + 1;
    if (is(i, "d") && is(i + 1, "o") && is(i + 2, "b") && near(i) && near(i + 1)) return i + 3;
    if (is(i, "date") && is(i + 1, "of") && is(i + 2, "birth") && near(i) && near(i + 1))
      return i + 3;
    if (is(i, "birth") && is(i + 1, "date") && near(i)) return i + 2;
    return std::nullopt;
  }

  std::optional<std::pair<std::size_t, std::size_t>> date_after(std::size_t k) const {
    if (k >= w_.size()) return std::nullopt;
    const auto cue_at = w_[k - 1].offset + w_[k - 1].text.size();
    std::size_t skipped = 0;
    for (; k < w_.size() && w_[k].offset - cue_at <= kMaxReach; ++k) {
      if (const auto end = date_at(k, skipped == 0)) return std::pair{w_[k].offset, *end};
      const auto w = w_[k].text;
      if (std::any_of(w.begin(), w.end(), [](char c) { return is_digit(c); })) break;
      if (++skipped > kMaxSkippedWords) break;
    }
    return std::nullopt;
  }

  std::size_t word_end(std::size_t k) const { return w_[k].offset + w_[k].text.size(); }
  // Words k and k+1 are parts of one date: at most ", " or a blank or two between them.
  bool joined(std::size_t k) const {
    if (k + 1 >= w_.size()) return false;
    const auto gap = s_.substr(word_end(k), w_[k + 1].offset - word_end(k));
    return gap.size() <= 3 && gap.find('\n') == std::string_view::npos;
  }

  // The end of a date that starts at word k, if one does.
  std::optional<std::size_t> date_at(std::size_t k, bool year_alone_ok) const {
    if (const auto end = numeric_date(w_[k].offset)) return end;
    const auto w = w_[k].text;
    if (day(w) && joined(k)) {  // 2 March 1990, 2nd of March 1990
      std::size_t m = k + 1;
      if (is(m, "of") && joined(m)) ++m;
      if (month(w_[m].text) && joined(m) && year(w_[m + 1].text)) return word_end(m + 1);
    }
    if (month(w) && joined(k)) {  // March 2, 1990; July 5 Th, 1947; March 1990
      std::size_t d = k + 1;
      if (year(w_[d].text)) return word_end(d);
      if (day(w_[d].text) && joined(d)) {
        if (ordinal_suffix(w_[d + 1].text) && joined(d + 1)) ++d;
        if (year(w_[d + 1].text)) return word_end(d + 1);
      }
    }
    if (year_alone_ok && year(w)) return word_end(k);
    return std::nullopt;
  }

  // 01/02/1990, 2.3.90, 1990-03-02 at `pos`.
  std::optional<std::size_t> numeric_date(std::size_t pos) const {
    std::array<std::size_t, 3> sizes{};
    std::size_t i = pos;
    char sep = 0;
    for (std::size_t part = 0; part < 3; ++part) {
      const auto begin = i;
      while (i < s_.size() && is_digit(s_[i])) ++i;
      sizes[part] = i - begin;
      if (sizes[part] == 0) return std::nullopt;
      if (part == 2) break;
      if (i >= s_.size() || (s_[i] != '/' && s_[i] != '.' && s_[i] != '-')) return std::nullopt;
      if (sep != 0 && s_[i] != sep) return std::nullopt;
      sep = s_[i++];
    }
    if (i < s_.size() && is_digit(s_[i])) return std::nullopt;
    const bool dmy = sizes[0] <= 2 && sizes[1] <= 2 && (sizes[2] == 2 || sizes[2] == 4);
    const bool ymd = sizes[0] == 4 && sizes[1] <= 2 && sizes[2] <= 2;
    return dmy || ymd ? std::optional(i) : std::nullopt;
  }

  std::string_view s_;
  const std::vector<text::Word>& w_;
};

}  // namespace

void find_birth_dates(const Context& ctx, std::vector<Finding>& out) {
  Scanner(ctx).run(out);
}

}  // namespace tailor::analyze::pii::detail
