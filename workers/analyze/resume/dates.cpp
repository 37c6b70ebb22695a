#include "workers/analyze/resume/dates.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <optional>

#include "workers/analyze/text/text.hpp"

namespace tailor::analyze::resume_parse {

namespace {

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}
bool is_alpha(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
bool is_alnum(char c) {
  return is_digit(c) || is_alpha(c);
}

constexpr std::array<std::string_view, 12> kMonths = {
    "january", "february", "march",     "april",   "may",      "june",
    "july",    "august",   "september", "october", "november", "december"};

// 1-12 for a month name or its abbreviation ("jan", "sept"), 0 otherwise; `full` says whether
// the whole name was written.
int month_number(std::string_view lower, bool& full) {
  for (std::size_t m = 0; m < kMonths.size(); ++m) {
    const auto name = kMonths[m];
    if (lower == name) {
      full = name.size() > 3 || lower == "may";
      return static_cast<int>(m) + 1;
    }
    if (lower.size() == 3 && name.starts_with(lower)) {
      full = false;
      return static_cast<int>(m) + 1;
    }
  }
  if (lower == "sept") {
    full = false;
    return 9;
  }
  return 0;
}

bool is_season(std::string_view lower) {
  return lower == "spring" || lower == "summer" || lower == "fall" || lower == "autumn" ||
         lower == "winter";
}

std::size_t digits_at(std::string_view s, std::size_t i) {
  std::size_t n = 0;
  while (i + n < s.size() && is_digit(s[i + n])) ++n;
  return n;
}

int number(std::string_view s) {
  int n = 0;
  for (char c : s) n = n * 10 + (c - '0');
  return n;
}

bool plausible_year(int y) {
  return y >= 1950 && y <= 2049;
}

std::string two(int m) {
  return std::string(1, static_cast<char>('0' + m / 10)) + static_cast<char>('0' + m % 10);
}

// One date at s[i] (a word start): end offset, ISO value, format. `month_only` is set for a
// month with no year ("Jan – Mar 2020").
struct Token {
  std::size_t begin{};
  std::size_t end{};
  std::string iso;
  std::string format;
  int month{};  // for a bare month
  bool present{};
};

std::size_t skip_spaces(std::string_view s, std::size_t i) {
  while (i < s.size() && (s[i] == ' ' || s[i] == '\t' || s[i] == ',')) ++i;
  return i;
}

// A year after a month or season: "2020", "'20", "’20". Returns the end, sets the year.
std::size_t year_at(std::string_view s, std::size_t i, int& year) {
  if (s.substr(i).starts_with("\u2019") || (i < s.size() && s[i] == '\'')) {
    const std::size_t j = i + (s[i] == '\'' ? 1 : 3);
    if (digits_at(s, j) == 2 && (j + 2 == s.size() || !is_alnum(s[j + 2]))) {
      const int yy = number(s.substr(j, 2));
      year = yy < 50 ? 2000 + yy : 1900 + yy;
      return j + 2;
    }
    return 0;
  }
  const auto n = digits_at(s, i);
  if (n != 4 || (i + 4 < s.size() && is_alnum(s[i + 4]))) return 0;
  year = number(s.substr(i, 4));
  return plausible_year(year) ? i + 4 : 0;
}

std::optional<Token> word_date(std::string_view s, std::size_t i) {
  std::size_t j = i;
  while (j < s.size() && is_alpha(s[j])) ++j;
  const auto lower = text::lower_ascii(s.substr(i, j - i));
  if (lower == "present" || lower == "current" || lower == "now" || lower == "today" ||
      lower == "ongoing" || lower == "currently") {
    return Token{i, j, "", "present", 0, true};
  }
  bool full = false;
  const int month = month_number(lower, full);
  const bool season = month == 0 && is_season(lower);
  if (month == 0 && !season) return std::nullopt;
  std::size_t k = j;
  if (k < s.size() && s[k] == '.') ++k;
  const std::size_t after_word = k;
  k = skip_spaces(s, k);
  int year = 0;
  if (const auto end = year_at(s, k, year); end != 0) {
    if (season) return Token{i, end, std::to_string(year), "Season YYYY", 0, false};
    return Token{i, end,  std::to_string(year) + "-" + two(month), full ? "Month YYYY" : "Mon YYYY",
                 0, false};
  }
  if (season) return std::nullopt;
  return Token{i, after_word, "", full ? "Month YYYY" : "Mon YYYY", month, false};
}

std::optional<Token> numeric_date(std::string_view s, std::size_t i) {
  if (i > 0 && (is_digit(s[i - 1]) || s[i - 1] == '.' || s[i - 1] == '$' || s[i - 1] == '/' ||
                s[i - 1] == '+'))
    return std::nullopt;
  const auto n1 = digits_at(s, i);
  const std::size_t e1 = i + n1;
  const char sep = e1 < s.size() ? s[e1] : '\0';
  const bool date_sep = sep == '/' || sep == '-' || sep == '.';
  if (n1 == 4) {
    const int year = number(s.substr(i, 4));
    if (!plausible_year(year)) return std::nullopt;
    if (date_sep && digits_at(s, e1 + 1) == 2) {
      const std::size_t e2 = e1 + 3;
      const int month = number(s.substr(e1 + 1, 2));
      if (month >= 1 && month <= 12 && (e2 == s.size() || !is_alnum(s[e2])))
        return Token{i, e2, std::to_string(year) + "-" + two(month), "YYYY-MM", 0, false};
    }
    if (e1 < s.size() && is_alnum(s[e1])) return std::nullopt;
    return Token{i, e1, std::to_string(year), "YYYY", 0, false};
  }
  if ((n1 != 1 && n1 != 2) || !date_sep || sep == '.') return std::nullopt;
  const int month = number(s.substr(i, n1));
  const auto n2 = digits_at(s, e1 + 1);
  const std::size_t e2 = e1 + 1 + n2;
  if (month < 1 || month > 12) return std::nullopt;
  if (n2 == 4) {
    const int year = number(s.substr(e1 + 1, 4));
    if (!plausible_year(year) || (e2 < s.size() && is_alnum(s[e2]))) return std::nullopt;
    return Token{
        i, e2,   std::to_string(year) + "-" + two(month), sep == '/' ? "MM/YYYY" : "MM-YYYY",
        0, false};
  }
  if ((n2 == 1 || n2 == 2) && e2 < s.size() && s[e2] == sep && digits_at(s, e2 + 1) == 4) {
    const int year = number(s.substr(e2 + 1, 4));
    const std::size_t e3 = e2 + 5;
    if (!plausible_year(year) || (e3 < s.size() && is_alnum(s[e3]))) return std::nullopt;
    return Token{i, e3, std::to_string(year) + "-" + two(month), "M/D/YYYY", 0, false};
  }
  return std::nullopt;
}

std::vector<Token> tokens(std::string_view s) {
  std::vector<Token> out;
  std::size_t i = 0;
  while (i < s.size()) {
    if (!is_alnum(s[i]) || (i > 0 && is_alnum(s[i - 1]))) {
      ++i;
      continue;
    }
    auto t = is_digit(s[i]) ? numeric_date(s, i) : word_date(s, i);
    if (t) {
      i = t->end;
      out.push_back(std::move(*t));
    } else {
      while (i < s.size() && is_alnum(s[i])) ++i;
    }
  }
  return out;
}

// The end of a range separator between two dates ("–", " to ", "until"), or 0 when the text
// between `from` and `to` is not one.
bool is_range_separator(std::string_view between) {
  const auto t = text::lower_ascii(text::trim(between));
  return t == "-" || t == "\u2013" || t == "\u2014" || t == "\u2212" || t == "~" || t == "to" ||
         t == "until" || t == "till" || t == "through" || t == "thru" || t == "--" || t == "/";
}

bool preceded_by_since(std::string_view s, std::size_t begin) {
  const auto before = text::trim(s.substr(0, begin));
  return before.size() >= 5 && text::iequals_ascii(before.substr(before.size() - 5), "since") &&
         (before.size() == 5 || !is_alpha(before[before.size() - 6]));
}

}  // namespace

std::vector<DateSpan> find_dates(std::string_view line) {
  const auto toks = tokens(line);
  std::vector<DateSpan> spans;
  for (std::size_t i = 0; i < toks.size(); ++i) {
    const auto& a = toks[i];
    if (a.present) continue;  // "present" alone is a word, not a date
    const bool bare = a.iso.empty();
    if (i + 1 < toks.size() && is_range_separator(line.substr(a.end, toks[i + 1].begin - a.end))) {
      const auto& b = toks[i + 1];
      if (!b.present && b.iso.empty()) continue;
      DateSpan span{a.begin, b.end, a.iso, b.iso, true, b.present, {}};
      if (bare) {
        if (b.present) continue;
        span.start = b.iso.substr(0, 4) + "-" + two(a.month);
      }
      span.parts.push_back({std::string(line.substr(a.begin, a.end - a.begin)), a.format});
      span.parts.push_back({std::string(line.substr(b.begin, b.end - b.begin)), b.format});
      spans.push_back(std::move(span));
      ++i;
      continue;
    }
    if (bare) continue;
    DateSpan span{a.begin, a.end, a.iso, "", false, preceded_by_since(line, a.begin), {}};
    span.parts.push_back({std::string(line.substr(a.begin, a.end - a.begin)), a.format});
    spans.push_back(std::move(span));
  }
  return spans;
}

std::string cut_span(std::string_view line, const DateSpan& span) {
  auto is_edge = [](char c) {
    return c == ' ' || c == '\t' || c == ',' || c == '(' || c == ')' || c == '|' || c == '-' ||
           c == '[' || c == ']' || c == ':';
  };
  std::size_t b = span.begin;
  std::size_t e = span.end;
  // Widen over brackets and separators that belonged to the dates only.
  while (b > 0 && (line[b - 1] == ' ' || line[b - 1] == '(' || line[b - 1] == '[')) --b;
  while (e < line.size() && (line[e] == ' ' || line[e] == ')' || line[e] == ']')) ++e;
  if (b >= 5 && text::iequals_ascii(line.substr(b - 5, 5), "since")) b -= 5;
  std::string left(line.substr(0, b));
  std::string right(line.substr(e));
  while (!left.empty() && is_edge(left.back())) left.pop_back();
  // Trailing separators made of UTF-8 dashes and dots ("·", "–", "•").
  for (std::string_view tail : {"\u00B7", "\u2013", "\u2014", "\u2022"}) {
    while (left.ends_with(tail)) {
      left.resize(left.size() - tail.size());
      while (!left.empty() && is_edge(left.back())) left.pop_back();
    }
  }
  auto r = text::trim(right);
  while (!r.empty() && is_edge(r.front())) r.remove_prefix(1);
  for (std::string_view head : {"\u00B7", "\u2013", "\u2014", "\u2022"}) {
    while (r.starts_with(head)) r = text::trim(r.substr(head.size()));
  }
  if (left.empty()) return std::string(r);
  if (r.empty()) return left;
  return left + "\t" + std::string(r);
}

bool is_date_words(std::string_view text) {
  static constexpr std::string_view kWords[] = {"period", "duration", "dates", "date",    "to",
                                                "till",   "until",    "from",  "present", "current",
                                                "now",    "xx",       "xxxx",  "since"};
  bool any = false;
  std::string word;
  auto check = [&]() {
    if (word.empty()) return true;
    bool full = false;
    const bool when =
        month_number(word, full) != 0 || is_season(word) ||
        std::find(std::begin(kWords), std::end(kWords), word) != std::end(kWords) ||
        std::all_of(word.begin(), word.end(), [](char c) { return !is_alpha(c) || c == 'x'; });
    any = any || when;
    word.clear();
    return when;
  };
  for (char ch : text) {
    if (is_alnum(ch)) {
      word += static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    } else if (!check()) {
      return false;
    }
  }
  return check() && any;
}

}  // namespace tailor::analyze::resume_parse
