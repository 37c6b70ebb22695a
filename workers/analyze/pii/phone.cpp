// Phone numbers: a hand-written scan for digit runs with the separators phone numbers use, then
// libphonenumber's Parse + IsPossibleNumber on the few candidates that have a phone's shape.
// Dates, year ranges, money, percentages and long identifiers are turned away before parsing.
#include <phonenumbers/phonenumberutil.h>

#include <string>

#include "workers/analyze/pii/detector.hpp"
#include "workers/analyze/pii/scan.hpp"

namespace tailor::analyze::pii::detail {

namespace {

using i18n::phonenumbers::PhoneNumber;
using i18n::phonenumbers::PhoneNumberUtil;

constexpr std::size_t kMinDigits = 7;
constexpr std::size_t kMaxDigits = 15;
constexpr std::size_t kMaxSeparator = 3;  // ") " , " - ", " (" …
constexpr std::size_t kCueWindow = 24;

struct Candidate {
  std::size_t start{};
  std::size_t end{};
  std::vector<std::string_view> groups;  // the digit runs
  std::string separators;                // the ASCII separator bytes seen between them
};

bool separator_byte(char c) {
  return c == ' ' || c == '-' || c == '.' || c == '(' || c == ')' || c == '/';
}

// "030/1234567": a slash after a lone area code; elsewhere a slash separates two numbers
// ("03 9677 7170 / 0405 629 312") or the parts of a date.
bool area_code_slash(const Candidate& c) {
  return c.groups.size() == 1 && c.groups[0].size() >= 2 && c.groups[0].size() <= 5 &&
         c.groups[0][0] == '0';
}

// The candidate that starts at `start` ('+', '(' or a digit): digit groups joined by short runs of
// separators, ending at the last digit.
Candidate read_candidate(std::string_view s, std::size_t start) {
  Candidate c{.start = start, .end = start, .groups = {}, .separators = {}};
  std::size_t i = start;
  if (s[i] == '+') ++i;
  while (i < s.size()) {
    std::size_t sep_units = 0;
    std::size_t spaces = 0;
    std::string seps;
    std::size_t j = i;
    while (j < s.size() && !is_digit(s[j])) {
      if (const auto n = unicode_separator_at(s, j); n > 0) {
        j += n;
      } else if (s[j] == '/' && !area_code_slash(c)) {
        break;
      } else if (separator_byte(s[j])) {
        spaces += s[j] == ' ' ? 1 : 0;
        seps += s[j];
        ++j;
      } else {
        break;
      }
      ++sep_units;
    }
    if (j >= s.size() || !is_digit(s[j]) || sep_units > kMaxSeparator || spaces > 2) break;
    std::size_t k = j;
    while (k < s.size() && is_digit(s[k])) ++k;
    c.groups.push_back(s.substr(j, k - j));
    c.separators += seps;
    c.end = k;
    i = k;
  }
  return c;
}

bool is_year(std::string_view g) {
  return g.size() == 4 && ((g[0] == '1' && g[1] == '9') || (g[0] == '2' && g[1] == '0'));
}

std::size_t digit_count(const Candidate& c) {
  std::size_t n = 0;
  for (const auto g : c.groups) n += g.size();
  return n;
}

// Year ranges ("2019-2021", "2013 2016"), two years run together ("20122016"), and dates
// ("12/09/1985", "1990-03-02").
bool looks_like_dates(const Candidate& c) {
  bool all_years = c.groups.size() >= 2;
  for (const auto g : c.groups) all_years = all_years && is_year(g);
  if (all_years) return true;
  if (c.groups.size() == 1 && c.groups[0].size() == 8 && is_year(c.groups[0].substr(0, 4)) &&
      is_year(c.groups[0].substr(4)))
    return true;
  if (c.groups.size() == 3 && c.separators.find(' ') == std::string::npos) {
    const auto a = c.groups[0].size(), b = c.groups[1].size(), d = c.groups[2].size();
    if (a <= 2 && b <= 2 && (d == 2 || d == 4)) return true;
    if (a == 4 && b <= 2 && d <= 2) return true;
  }
  return false;
}

// (312) 555-0123, 312-555-0123, 312.555.0123, 312 555 0123, 1-312-555-0123.
bool north_american_shape(const Candidate& c) {
  const auto& g = c.groups;
  const auto sizes = [&](std::initializer_list<std::size_t> want) {
    if (g.size() != want.size()) return false;
    std::size_t k = 0;
    for (const auto w : want)
      if (g[k++].size() != w) return false;
    return true;
  };
  return sizes({3, 3, 4}) || (sizes({1, 3, 3, 4}) && g[0] == "1") || sizes({3, 7});
}

// Digit groups as phone numbers are grouped: no lone digit, a handful of groups.
bool phone_grouping(const Candidate& c) {
  if (c.groups.size() > 5) return false;
  for (std::size_t k = 0; k < c.groups.size(); ++k)
    if (c.groups[k].size() < 2 && !(k == 0 && c.groups.size() > 1)) return false;
  return true;
}

// A byte before the candidate that makes it part of something else: a decimal, an amount, a
// path, an identifier ("ACI-1448123", "#12345", "$4,421").
bool glued_to_token(std::string_view s, std::size_t start) {
  if (start == 0) return false;
  const char p = s[start - 1];
  if (is_word(p)) return true;
  if (p == '$' || p == '#' || p == '@' || p == '_' || p == '=' || p == '&') return true;
  if (start >= 2 && static_cast<unsigned char>(s[start - 2]) == 0xC2 &&
      static_cast<unsigned char>(p) == 0xA3)
    return true;                                                            // £
  if (start >= 3 && s.substr(start - 3, 3) == "\xE2\x82\xAC") return true;  // €
  // A slash after digits separates two numbers ("1239345/7890906"), after letters a path.
  if (p == '/' && start >= 2 && is_word(s[start - 2]) && !is_digit(s[start - 2])) return true;
  if ((p == '.' || p == ',' || p == '-') && start >= 2 && is_word(s[start - 2])) return true;
  return text::iequals_ascii(word_before(s, start, 2), "box");  // "P.O. Box 43123-456789"
}

bool glued_after(std::string_view s, std::size_t end) {
  if (end >= s.size()) return false;
  const char n = s[end];
  if (is_word(n) || n == '%' || n == '@') return true;
  return (n == '.' || n == ',') && end + 1 < s.size() && is_digit(s[end + 1]);
}

// "Phone:", "Tel.", "Cell", or a one-letter label with a colon or in brackets ("M:", "(H)").
bool has_cue(std::string_view s, std::size_t start) {
  if (cue_before(
          s, start, kCueWindow,
          {"phone", "tel", "telephone", "mobile", "mob", "cell", "cellular", "ph", "contact", "fax",
           "home", "work", "office", "voice", "whatsapp", "call", "direct", "landline"}))
    return true;
  std::size_t p = start;
  while (p > 0 && is_blank(s[p - 1])) --p;
  if (p < 2 || (s[p - 1] != ':' && s[p - 1] != ')')) return false;
  const auto label = word_before(s, p - 1, 0);
  return label.size() == 1 && is_alpha(label[0]) &&
         (label.data() == s.data() || !is_word(*(label.data() - 1)));
}

struct Parsed {
  bool ok{};
  bool possible{};
  std::string e164;
};

Parsed parse(std::string_view number, const std::string& region) {
  const auto* util = PhoneNumberUtil::GetInstance();
  PhoneNumber pn;
  if (util->Parse(std::string(number), region, &pn) != PhoneNumberUtil::NO_PARSING_ERROR) return {};
  Parsed p{.ok = true, .possible = util->IsPossibleNumber(pn), .e164 = {}};
  util->Format(pn, PhoneNumberUtil::E164, &p.e164);
  return p;
}

// The key of a phone number when `c` is one, or an empty string.
std::string accept(std::string_view s, const Candidate& c, const std::string& region) {
  const auto digits = digit_count(c);
  if (digits < kMinDigits || digits > kMaxDigits || looks_like_dates(c)) return {};
  const auto number = s.substr(c.start, c.end - c.start);
  const bool cue = has_cue(s, c.start);
  if (c.separators.find('/') != std::string::npos && !cue) return {};
  if (s[c.start] == '+') {
    const auto p = parse(number, "ZZ");
    if (p.ok && p.possible) return p.e164;
    return cue ? digits_of(number) : std::string{};
  }
  // Shapes without a cue must be both phone-like and possible for the region; with a cue any
  // plausible digit count is taken (a local number abroad is not possible in the default region).
  const bool shaped = north_american_shape(c) || (digits >= 10 && phone_grouping(c));
  if (!shaped && !cue) return {};
  const auto p = parse(number, region);
  if (p.ok && p.possible) return p.e164;
  if (cue) return p.ok ? p.e164 : digits_of(number);
  return {};
}

// A zip code or a year run into the number ("Chicago, IL 60614 (312) 555 0123"): drops it from
// `c`, and says whether it did.
bool without_zip_or_year(std::string_view s, Candidate& c) {
  if (c.groups.size() < 2) return false;
  const auto lead = c.groups.front();
  if (!(lead.size() == 5 || lead.size() == 6 || is_year(lead))) return false;
  const auto next = static_cast<std::size_t>(c.groups[1].data() - s.data());
  const auto start = s[next - 1] == '(' ? next - 1 : next;
  if (!is_blank(s[start - 1])) return false;
  c.groups.erase(c.groups.begin());
  c.start = start;
  c.separators.clear();
  for (std::size_t k = c.start; k < c.end; ++k)
    if (separator_byte(s[k])) c.separators += s[k];
  return true;
}

}  // namespace

void find_phones(const Context& ctx, std::vector<Finding>& out) {
  const auto s = ctx.text;
  const auto& region = ctx.hints->region.empty() ? std::string("US") : ctx.hints->region;
  std::size_t i = 0;
  while (i < s.size()) {
    const char ch = s[i];
    const bool opener = (ch == '+' || ch == '(') && i + 1 < s.size() &&
                        (is_digit(s[i + 1]) || (ch == '(' && s[i + 1] == '+'));
    if (!(opener || is_digit(ch)) || glued_to_token(s, i)) {
      ++i;
      continue;
    }
    auto c = read_candidate(s, ch == '(' ? i + 1 : i);
    if (c.groups.empty()) {
      ++i;
      continue;
    }
    if (ch == '(') c.start = i;
    const std::size_t next = c.end;
    // Letters run on after a number only by accident of extraction ("Tel: 8671 3456Leigh03@…").
    const bool glued = glued_after(s, c.end) &&
                       !(is_alpha(s[c.end]) && c.groups.size() >= 2 && has_cue(s, c.start));
    if (!glued) {
      if (auto key = accept(s, c, region); !key.empty()) {
        out.push_back({Kind::phone, c.start, c.end - c.start, std::move(key)});
      } else if (without_zip_or_year(s, c)) {
        if (key = accept(s, c, region); !key.empty())
          out.push_back({Kind::phone, c.start, c.end - c.start, std::move(key)});
      }
    }
    i = next;
  }
}

}  // namespace tailor::analyze::pii::detail
