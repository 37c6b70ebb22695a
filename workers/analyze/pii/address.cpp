// Street addresses: "1 Main Street", "221B Baker St., Apt 4", "123 N. Elm Ave Suite 200",
// "31 rue Smith", "P.O. Box 12". The city, state and postcode after them stay: a city alone
// does not point at a person.
#include <algorithm>
#include <array>

#include "workers/analyze/pii/detector.hpp"
#include "workers/analyze/pii/scan.hpp"

namespace tailor::analyze::pii::detail {

namespace {

constexpr std::size_t kMaxStreetWords = 4;
constexpr std::size_t kMaxHouseDigits = 6;

constexpr auto kSuffixes = std::to_array<std::string_view>(
    {"street",  "st",   "avenue",  "ave",       "av",         "road",    "rd",       "drive",
     "dr",      "lane", "ln",      "boulevard", "blvd",       "court",   "ct",       "place",
     "pl",      "way",  "circle",  "cir",       "parkway",    "pkwy",    "highway",  "hwy",
     "terrace", "ter",  "close",   "crescent",  "cres",       "square",  "sq",       "trail",
     "trl",     "row",  "gardens", "walk",      "plaza",      "grove",   "mews",     "park",
     "alley",   "loop", "pike",    "run",       "expressway", "freeway", "crossing", "heights"});
constexpr auto kDirections = std::to_array<std::string_view>(
    {"n", "s", "e", "w", "ne", "nw", "se", "sw", "north", "south", "east", "west"});
constexpr auto kUnits = std::to_array<std::string_view>(
    {"apt", "apartment", "suite", "ste", "unit", "room", "rm", "floor", "fl", "flat", "bldg"});
// Street words that come first, as in French, Italian, Spanish or Portuguese addresses.
constexpr auto kLeadingStreetWords = std::to_array<std::string_view>(
    {"rue", "avenue", "boulevard", "bd", "chemin", "allée", "place", "impasse", "quai", "via",
     "viale", "calle", "avenida", "rua", "strada"});

template <std::size_t N>
bool one_of(const std::array<std::string_view, N>& list, std::string_view word) {
  return std::any_of(list.begin(), list.end(),
                     [&](std::string_view w) { return text::iequals_ascii(w, word); });
}

bool house_number(std::string_view w) {
  std::size_t digits = 0;
  while (digits < w.size() && is_digit(w[digits])) ++digits;
  if (digits == 0 || digits > kMaxHouseDigits) return false;
  return w.size() == digits || (w.size() == digits + 1 && is_alpha(w[digits]));
}

bool ordinal_or_number(std::string_view w) {
  std::size_t digits = 0;
  while (digits < w.size() && is_digit(w[digits])) ++digits;
  if (digits == 0 || digits > 3) return false;
  const auto rest = w.substr(digits);
  return rest.empty() || rest == "st" || rest == "nd" || rest == "rd" || rest == "th";
}

// What lies between two words on one line: only blanks, or a "." (an abbreviation) and blanks.
bool tight_gap(std::string_view gap) {
  if (gap.empty() || gap.size() > 3) return false;
  std::size_t k = 0;
  if (gap[0] == '.') ++k;
  if (k == gap.size()) return true;
  for (; k < gap.size(); ++k)
    if (!is_blank(gap[k])) return false;
  return true;
}

class Scanner {
 public:
  explicit Scanner(const Context& ctx) : s_(ctx.text), w_(ctx.words) {}

  void run(std::vector<Finding>& out) {
    for (std::size_t i = 0; i < w_.size(); ++i) {
      std::size_t start = 0, end = 0;
      if (street(i, start, end) || post_box(i, start, end)) {
        const auto value = s_.substr(start, end - start);
        std::string key;
        for (const char c : value)
          if (!is_blank(c) || (!key.empty() && key.back() != ' ')) key += to_lower(c);
        out.push_back({Kind::address, start, end - start, std::move(key)});
      }
    }
  }

 private:
  std::string_view gap(std::size_t a, std::size_t b) const {
    const auto from = w_[a].offset + w_[a].text.size();
    return s_.substr(from, w_[b].offset - from);
  }
  bool follows_tightly(std::size_t k) const { return k < w_.size() && tight_gap(gap(k - 1, k)); }
  std::size_t end_of(std::size_t k) const {
    auto end = w_[k].offset + w_[k].text.size();
    if (end < s_.size() && s_[end] == '.') ++end;
    return end;
  }

  // "[Flat 5a, ]221B [N.] Baker St[.] [NW][, Apt 4 | #466]"
  bool street(std::size_t i, std::size_t& start, std::size_t& end) const {
    if (!house_number(w_[i].text)) return false;
    const auto before = w_[i].offset;
    if (before > 0 && (s_[before - 1] == '$' || s_[before - 1] == '#' || s_[before - 1] == '.'))
      return false;
    std::size_t k = i + 1;
    if (k < w_.size() && s_.substr(w_[i].offset + w_[i].text.size(), 2) == ", " &&
        one_of(kLeadingStreetWords, w_[k].text))
      return leading_street(i, k, start, end);
    if (!follows_tightly(k)) return false;
    if (one_of(kLeadingStreetWords, w_[k].text) && has_lower(w_[k].text) &&
        !starts_upper(w_[k].text))
      return leading_street(i, k, start, end);
    if (one_of(kDirections, w_[k].text) && starts_upper(w_[k].text) && follows_tightly(k + 1)) ++k;
    std::size_t names = 0;
    for (; k < w_.size() && names <= kMaxStreetWords; ++k) {
      if (k > i + 1 && !follows_tightly(k)) return false;
      const auto w = w_[k].text;
      if (names > 0 && one_of(kSuffixes, w) && starts_upper(w)) break;
      if (!(starts_upper(w) && !is_digit(w[0])) && !ordinal_or_number(w)) return false;
      ++names;
    }
    if (k >= w_.size() || names == 0 || names > kMaxStreetWords) return false;
    end = end_of(k);
    ++k;
    if (k < w_.size() && follows_tightly(k) && one_of(kDirections, w_[k].text) &&
        !has_lower(w_[k].text))
      end = end_of(k++);
    // A street name is not followed by prose ("won 3 First Place awards").
    if (k < w_.size() && follows_tightly(k) && !starts_upper(w_[k].text) &&
        !is_digit(w_[k].text[0]))
      return false;
    end = unit_after(k, end);
    start = unit_before(i);
    return true;
  }

  // "31 rue Smith", "42, rue Manin": the street word, then its name up to a comma or the line end.
  bool leading_street(std::size_t i, std::size_t k, std::size_t& start, std::size_t& end) const {
    start = w_[i].offset;
    end = end_of(k);
    for (std::size_t names = 0; k + 1 < w_.size() && names < kMaxStreetWords; ++names) {
      if (!follows_tightly(k + 1)) break;
      ++k;
      end = w_[k].offset + w_[k].text.size();
    }
    return end > w_[i + 1].offset + w_[i + 1].text.size();
  }

  // ", Apt 4", " Suite 200", " #466" after the street.
  std::size_t unit_after(std::size_t k, std::size_t end) const {
    if (k >= w_.size()) return end;
    const auto between = s_.substr(end, w_[k].offset - end);
    const auto plain = text::trim(between);
    if (between.size() > 4 || between.find('\n') != std::string_view::npos) return end;
    if ((plain.empty() || plain == ",") && one_of(kUnits, w_[k].text) && k + 1 < w_.size()) {
      const auto g = gap(k, k + 1);
      if (g.size() <= 3 && g.find('\n') == std::string_view::npos && w_[k + 1].text.size() <= 5)
        return w_[k + 1].offset + w_[k + 1].text.size();
    }
    if (plain == "#" && w_[k].text.size() <= 5) return w_[k].offset + w_[k].text.size();
    return end;
  }

  // "Flat 5a, " before the house number.
  std::size_t unit_before(std::size_t i) const {
    if (i < 2 || !one_of(kUnits, w_[i - 2].text) || w_[i - 1].text.size() > 5) return w_[i].offset;
    const auto g1 = gap(i - 2, i - 1), g2 = gap(i - 1, i);
    if (g1.size() > 2 || g2.size() > 2 || g1.find('\n') != std::string_view::npos ||
        g2.find('\n') != std::string_view::npos)
      return w_[i].offset;
    return w_[i - 2].offset;
  }

  // "P.O. Box 12", "PO Box 407", "P. O. BOX 67", "Post Office Box 5101".
  bool post_box(std::size_t i, std::size_t& start, std::size_t& end) const {
    if (!text::iequals_ascii(w_[i].text, "box") || i == 0 || i + 1 >= w_.size()) return false;
    if (!house_number(w_[i + 1].text) || gap(i, i + 1).size() > 3) return false;
    const auto close = [&](std::size_t a) { return gap(a, a + 1).size() <= 3; };
    const auto is = [&](std::size_t k, std::string_view w) {
      return text::iequals_ascii(w_[k].text, w);
    };
    if (is(i - 1, "po") && close(i - 1)) {
      start = w_[i - 1].offset;
    } else if (i >= 2 && is(i - 1, "o") && is(i - 2, "p") && close(i - 1) && close(i - 2)) {
      start = w_[i - 2].offset;
    } else if (i >= 2 && is(i - 1, "office") && is(i - 2, "post") && close(i - 1) && close(i - 2)) {
      start = w_[i - 2].offset;
    } else {
      return false;
    }
    end = w_[i + 1].offset + w_[i + 1].text.size();
    return true;
  }

  std::string_view s_;
  const std::vector<text::Word>& w_;
};

}  // namespace

void find_addresses(const Context& ctx, std::vector<Finding>& out) {
  Scanner(ctx).run(out);
}

}  // namespace tailor::analyze::pii::detail
