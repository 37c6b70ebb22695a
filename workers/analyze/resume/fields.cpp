#include "workers/analyze/resume/fields.hpp"

#include <algorithm>
#include <cctype>

#include "workers/analyze/resume/vocabulary.hpp"
#include "workers/analyze/text/text.hpp"

namespace tailor::analyze::resume_parse {

namespace {

constexpr char kCut = '\x1f';

bool is_upper(char c) {
  return c >= 'A' && c <= 'Z';
}
bool is_lower(char c) {
  return c >= 'a' && c <= 'z';
}
bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

bool is_region_or_country(std::string_view part);

// The length of "(ABC)" at the start of `s`: a bracketed acronym of 2-8 capitals (digits and "&"
// allowed) that is not a place ("(USA)", "(CA)"); 0 otherwise.
std::size_t acronym_length(std::string_view s) {
  if (s.empty() || s.front() != '(') return 0;
  const auto close = s.find(')');
  if (close == std::string_view::npos || close < 3 || close > 9) return 0;
  const auto inner = s.substr(1, close - 1);
  int capitals = 0;
  for (char c : inner) {
    if (is_upper(c)) {
      ++capitals;
    } else if (!is_digit(c) && c != '&') {
      return 0;
    }
  }
  return capitals >= 2 && !is_region_or_country(inner) ? close + 1 : 0;
}

// `s` with every strong separator replaced by kCut. Spaced dashes and dots separate; a hyphen
// inside a word ("end-to-end") does not.
std::string mark_separators(std::string_view s, bool commas) {
  static constexpr std::string_view kSpaced[] = {" \u00B7 ", " \u2022 ", " \u2014 ", " \u2013 ",
                                                 " - ",      " | ",      " \u25CF ", " \u2219 "};
  static constexpr std::string_view kBare[] = {"\u00B7", "\u2022", "\u2014", "\u2013", "\u25CF"};
  std::string out;
  out.reserve(s.size());
  int depth = 0;
  for (std::size_t i = 0; i < s.size();) {
    bool matched = false;
    for (auto sep : kSpaced) {
      if (s.substr(i).starts_with(sep)) {
        out += kCut;
        i += sep.size();
        matched = true;
        break;
      }
    }
    if (matched) continue;
    for (auto sep : kBare) {
      if (s.substr(i).starts_with(sep)) {
        out += kCut;
        i += sep.size();
        matched = true;
        break;
      }
    }
    if (matched) continue;
    const char c = s[i];
    if (const auto n = acronym_length(s.substr(i)); n > 0) {
      out += s.substr(i, n);  // "American Media (AMI)": the acronym stays with its name
      i += n;
      continue;
    }
    if (c == '(' || c == '[') ++depth;
    if (c == ')' || c == ']') depth = depth > 0 ? depth - 1 : 0;
    const bool two_spaces = c == ' ' && i + 1 < s.size() && s[i + 1] == ' ';
    if (c == '\t' || c == '|' || c == ';' || two_spaces || (commas && depth == 0 && c == ',')) {
      out += kCut;
      while (i + 1 < s.size() && s[i + 1] == ' ') ++i;
    } else if (!commas && (c == '(' || c == ')' || c == '[' || c == ']')) {
      out += kCut;
    } else {
      out += c;
    }
    ++i;
  }
  return out;
}

std::vector<std::string> cut(std::string_view marked) {
  std::vector<std::string> parts;
  std::size_t start = 0;
  for (std::size_t i = 0; i <= marked.size(); ++i) {
    if (i < marked.size() && marked[i] != kCut) continue;
    auto part = text::trim(marked.substr(start, i - start));
    while (!part.empty() && (part.back() == ',' || part.back() == ':' || part.back() == '-'))
      part = text::trim(part.substr(0, part.size() - 1));
    while (!part.empty() && (part.front() == ',' || part.front() == '-'))
      part = text::trim(part.substr(1));
    bool word = false;
    for (char ch : part) word = word || std::isalnum(static_cast<unsigned char>(ch)) != 0;
    if (word) parts.emplace_back(part);
    start = i + 1;
  }
  return parts;
}

bool is_region_or_country(std::string_view part) {
  const auto& v = Vocabulary::get();
  auto t = std::string(text::trim(part));
  // "ST 98052": drop a trailing postal code.
  while (!t.empty() && (is_digit(t.back()) || t.back() == '-')) t.pop_back();
  t = std::string(text::trim(t));
  if (t.empty()) return false;
  if (t.size() == 2 && is_upper(t[0]) && is_upper(t[1])) return true;
  const auto lower = text::lower_ascii(t);
  return v.regions.contains(lower) || v.countries.contains(lower);
}

// "New York, NY": a region's name followed by its own code, a city named after its state.
bool is_region_then_code(std::string_view name, std::string_view code) {
  const auto& regions = Vocabulary::get().regions;
  const auto it = regions.find(text::lower_ascii(text::trim(name)));
  return it != regions.end() && text::trim(code) == it->second.code &&
         text::trim(name) != it->second.code;
}

bool is_company_suffix(std::string_view part) {
  const auto l = text::lower_ascii(text::trim(part));
  return l == "inc" || l == "inc." || l == "llc" || l == "ltd" || l == "ltd." || l == "llp" ||
         l == "co." || l == "corp." || l == "corp" || l == "gmbh" || l == "plc";
}

}  // namespace

std::vector<std::string> lower_words(std::string_view s) {
  std::vector<std::string> out;
  std::string word;
  auto flush = [&] {
    while (!word.empty() && (word.back() == '.' || word.back() == '\'')) word.pop_back();
    if (!word.empty()) out.push_back(std::move(word));
    word.clear();
  };
  for (char ch : s) {
    const auto c = static_cast<unsigned char>(ch);
    if (std::isalnum(c) != 0 || c >= 0x80 ||
        ((c == '.' || c == '\'' || c == '-') && !word.empty())) {
      word += static_cast<char>(c < 0x80 ? std::tolower(c) : c);
    } else {
      flush();
    }
  }
  flush();
  return out;
}

std::vector<std::string> split_fields(std::string_view line) {
  std::vector<std::string> fields;
  for (const auto& strong : cut(mark_separators(line, false))) {
    auto parts = cut(mark_separators(strong, true));
    for (std::size_t i = 0; i < parts.size(); ++i) {
      std::string field = parts[i];
      // "Springfield, IL", "Acme, Inc.", "Paris, Île-de-France, France"; a school or an employer
      // keeps its own field ("Rutgers University, New Brunswick").
      // "Reuters Health, New York, NY": the place is "New York, NY", not the employer's.
      const bool named = is_institution(field) || company_score(field) > 0;
      auto glues = [&](std::size_t next) {
        if (is_company_suffix(parts[next])) return true;
        if (next + 1 < parts.size() && is_region_then_code(parts[next], parts[next + 1]))
          return false;
        return is_region_or_country(parts[next]) && !named && lower_words(field).size() <= 6 &&
               (!is_region_or_country(field) || is_region_then_code(field, parts[next]));
      };
      while (i + 1 < parts.size() && glues(i + 1)) field += ", " + parts[++i];
      fields.push_back(std::move(field));
    }
  }
  return fields;
}

std::vector<std::string> split_items(std::string_view line) {
  return cut(mark_separators(line, true));
}

std::optional<std::pair<std::string, std::string>> split_title_at(std::string_view field) {
  for (std::string_view sep : {" at ", " @ ", " At ", ": "}) {
    const auto at = field.find(sep);
    if (at == std::string_view::npos) continue;
    const auto left = text::trim(field.substr(0, at));
    const auto right = text::trim(field.substr(at + sep.size()));
    if (title_score(left) > 0 && !right.empty() && !is_prose(right))
      return std::pair{std::string(left), std::string(right)};
  }
  return std::nullopt;
}

int title_score(std::string_view field) {
  const auto& v = Vocabulary::get();
  int score = 0;
  for (const auto& w : lower_words(field)) score += v.title_words.contains(w) ? 1 : 0;
  return score;
}

int company_score(std::string_view field) {
  const auto& v = Vocabulary::get();
  const auto words = lower_words(field);
  int score = 0;
  for (std::size_t i = 0; i < words.size(); ++i) {
    if (v.company_words.contains(words[i])) score += i + 1 == words.size() ? 2 : 1;
    if (words[i] == "team" || words[i] == "department" || words[i] == "division" ||
        words[i] == "dept")
      score -= 2;
  }
  return score;
}

bool is_institution(std::string_view field) {
  const auto& v = Vocabulary::get();
  for (const auto& w : lower_words(field)) {
    if (v.institution_words.contains(w)) return true;
  }
  return false;
}

bool is_degree(std::string_view field) {
  const auto& v = Vocabulary::get();
  const auto t = text::trim(field);
  std::size_t end = 0;
  while (end < t.size() && t[end] != ' ' && t[end] != ',' && t[end] != ':' && t[end] != '(') ++end;
  const auto first = text::lower_ascii(t.substr(0, end));
  if (v.degree_openings.contains(first)) return true;
  for (const auto& w : lower_words(t)) {
    if (w == "degree" || w == "bachelor" || w == "bachelors" || w == "master" || w == "masters" ||
        w == "diploma" || w == "doctorate" || w == "ph.d" || w == "phd" || w == "mba")
      return true;
  }
  return false;
}

bool is_prose(std::string_view field) {
  const auto t = text::trim(field);
  const auto n = text::words(t).size();
  if (n > 12) return true;
  if (n >= 4 && t.ends_with('.')) return true;
  return n >= 3 && !t.empty() && is_lower(t.front());
}

EntryLabel entry_label(std::string_view line) {
  const auto colon = line.find(':');
  if (colon == std::string_view::npos || colon > 40) return {};
  const auto& labels = Vocabulary::get().entry_labels;
  const auto it = labels.find(heading_key(line.substr(0, colon)));
  if (it == labels.end()) return {};
  return {it->second, text::trim(line.substr(colon + 1))};
}

bool reads_as_heading(std::string_view line) {
  const auto t = text::trim(line);
  const auto words = text::words(t);
  if (words.empty() || words.size() > 14 || is_lower(t.front())) return false;
  const auto& v = Vocabulary::get();
  if (v.verbs.contains(text::lower_ascii(words.front().text))) return false;
  // "L1 network engineer": a short line with a job title is a heading in any case.
  if (words.size() <= 6 && !t.ends_with('.') && title_score(t) > 0) return true;
  if (t.ends_with('.')) {
    // "Acme Ltd.", "Jones & Co.", "B.S.": an abbreviation, not the end of a sentence.
    const auto space = t.find_last_of(' ');
    const auto token = t.substr(space == std::string_view::npos ? 0 : space + 1);
    const auto bare = token.substr(0, token.size() - 1);
    const bool abbreviation = v.company_words.contains(text::lower_ascii(token)) ||
                              v.degree_openings.contains(text::lower_ascii(token)) ||
                              bare.find('.') != std::string_view::npos ||
                              (bare.size() <= 3 && !bare.empty() && is_upper(bare.front()));
    if (!abbreviation || words.size() >= 8) return false;
  }
  int content = 0;
  int capitalised = 0;
  static constexpr std::string_view kJoin[] = {"and", "of", "in", "the", "for", "to", "with",
                                               "at",  "on", "a",  "an",  "de",  "du", "des",
                                               "la",  "le", "di", "da",  "y",   "et", "&"};
  for (const auto& w : words) {
    const auto c = static_cast<unsigned char>(w.text.front());
    if (is_digit(static_cast<char>(c))) continue;
    const auto lower = text::lower_ascii(w.text);
    if (std::find(std::begin(kJoin), std::end(kJoin), lower) != std::end(kJoin)) continue;
    ++content;
    if (is_upper(static_cast<char>(c)) || c >= 0x80) ++capitalised;
  }
  return content < 3 || capitalised * 2 >= content;
}

std::optional<Location> parse_location(std::string_view field, bool loose) {
  const auto& v = Vocabulary::get();
  const auto t = text::trim(field);
  const auto lower = text::lower_ascii(t);
  Location loc;
  if (lower == "remote" || lower.starts_with("remote ") || lower.starts_with("remote,")) {
    loc.city = "Remote";
    return loc;
  }
  if (auto c = v.countries.find(lower); c != v.countries.end() && t.size() > 2) {
    loc.countryCode = c->second;
    return loc;
  }
  const auto comma = t.rfind(',');
  if (comma == std::string_view::npos) return std::nullopt;
  auto left = text::trim(t.substr(0, comma));
  auto right = text::trim(t.substr(comma + 1));
  // A postal code after the region ("ST 98052", "560001").
  std::size_t digits_from = right.size();
  while (digits_from > 0 && (is_digit(right[digits_from - 1]) || right[digits_from - 1] == '-'))
    --digits_from;
  if (digits_from < right.size() && right.size() - digits_from >= 5) {
    loc.postalCode = std::string(right.substr(digits_from));
    right = text::trim(right.substr(0, digits_from));
  }
  const auto right_lower = text::lower_ascii(right);
  if (auto c = v.countries.find(right_lower); c != v.countries.end() && right.size() > 2) {
    loc.countryCode = c->second;
    // "Toronto, Ontario, Canada".
    if (const auto inner = left.rfind(','); inner != std::string_view::npos) {
      loc.region = std::string(text::trim(left.substr(inner + 1)));
      left = text::trim(left.substr(0, inner));
    }
  } else if (auto r = v.regions.find(right_lower);
             r != v.regions.end() &&
             (right.size() > 2 || (is_upper(right[0]) && is_upper(right[1])))) {
    loc.region = std::string(right);
    loc.countryCode = r->second.country;
  } else if (right.size() == 2 && is_upper(right[0]) && is_upper(right[1]) &&
             !loc.postalCode.empty()) {
    loc.region = std::string(right);
  } else if (loose && !right.empty() && is_upper(right[0]) && lower_words(right).size() <= 3) {
    for (char ch : right) {
      if (is_digit(ch)) return std::nullopt;
    }
    loc.region = std::string(right);
  } else {
    return std::nullopt;
  }
  // The city: the last words before the comma; a street address before it when it starts
  // with a number ("4567 Main Street City").
  const auto words = lower_words(left);
  if (words.empty() || left.empty()) return std::nullopt;
  if (is_digit(left.front())) {
    static constexpr std::string_view kStreet[] = {
        "street", "st",    "avenue", "ave",     "road", "rd",      "boulevard", "blvd",
        "lane",   "ln",    "drive",  "dr",      "way",  "court",   "ct",        "place",
        "pl",     "suite", "apt",    "highway", "hwy",  "parkway", "pkwy"};
    std::size_t split = std::string_view::npos;
    std::size_t pos = 0;
    while (pos < left.size()) {
      const auto space = left.find(' ', pos);
      const auto end = space == std::string_view::npos ? left.size() : space;
      const auto w = lower_words(left.substr(pos, end - pos));
      for (auto s : kStreet) {
        if (!w.empty() && w.front() == s) split = end;
      }
      pos = end + 1;
    }
    if (split == std::string_view::npos || split >= left.size()) return std::nullopt;
    loc.address = std::string(text::trim(left.substr(0, split)));
    left = text::trim(left.substr(split));
  }
  if (lower_words(left).size() > 4 ||
      !(is_upper(left.front()) || static_cast<unsigned char>(left.front()) >= 0x80))
    return std::nullopt;
  for (char c : left) {
    if (is_digit(c) || c == '@') return std::nullopt;
  }
  loc.city = std::string(left);
  return loc;
}

}  // namespace tailor::analyze::resume_parse
