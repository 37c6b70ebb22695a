// IBANs: a country code, two check digits and the country's BBAN length, compact or in groups of
// four, whose ISO 7064 mod-97 remainder is 1.
#include <algorithm>
#include <array>

#include "workers/analyze/pii/detector.hpp"
#include "workers/analyze/pii/scan.hpp"

namespace tailor::analyze::pii::detail {

namespace {

struct Country {
  std::string_view code;
  std::size_t length{};  // of the whole IBAN
};

// The SWIFT IBAN registry's lengths.
constexpr auto kCountries = std::to_array<Country>(
    {{"AD", 24}, {"AE", 23}, {"AL", 28}, {"AT", 20}, {"AZ", 28}, {"BA", 20}, {"BE", 16}, {"BG", 22},
     {"BH", 22}, {"BR", 29}, {"BY", 28}, {"CH", 21}, {"CR", 22}, {"CY", 28}, {"CZ", 24}, {"DE", 22},
     {"DK", 18}, {"DO", 28}, {"EE", 20}, {"EG", 29}, {"ES", 24}, {"FI", 18}, {"FO", 18}, {"FR", 27},
     {"GB", 22}, {"GE", 22}, {"GI", 23}, {"GL", 18}, {"GR", 27}, {"GT", 28}, {"HR", 21}, {"HU", 28},
     {"IE", 22}, {"IL", 23}, {"IQ", 23}, {"IS", 26}, {"IT", 27}, {"JO", 30}, {"KW", 30}, {"KZ", 20},
     {"LB", 28}, {"LC", 32}, {"LI", 21}, {"LT", 20}, {"LU", 20}, {"LV", 21}, {"LY", 25}, {"MC", 27},
     {"MD", 24}, {"ME", 22}, {"MK", 19}, {"MR", 27}, {"MT", 31}, {"MU", 30}, {"NL", 18}, {"NO", 15},
     {"PK", 24}, {"PL", 28}, {"PS", 29}, {"PT", 25}, {"QA", 29}, {"RO", 24}, {"RS", 22}, {"SA", 24},
     {"SC", 31}, {"SD", 18}, {"SE", 24}, {"SI", 19}, {"SK", 24}, {"SM", 27}, {"ST", 25}, {"SV", 28},
     {"TL", 23}, {"TN", 24}, {"TR", 26}, {"UA", 29}, {"VA", 22}, {"VG", 24}, {"XK", 20}});

bool mod97_is_one(std::string_view iban) {
  int rest = 0;
  const auto feed = [&](char c) {
    if (is_digit(c)) {
      rest = (rest * 10 + (c - '0')) % 97;
    } else {
      const int v = c - 'A' + 10;
      rest = (rest * 100 + v) % 97;
    }
  };
  for (const char c : iban.substr(4)) feed(c);
  for (const char c : iban.substr(0, 4)) feed(c);
  return rest == 1;
}

}  // namespace

void find_ibans(const Context& ctx, std::vector<Finding>& out) {
  const auto s = ctx.text;
  for (std::size_t i = 0; i + 4 < s.size(); ++i) {
    if (!is_upper(s[i]) || !is_upper(s[i + 1]) || !is_digit(s[i + 2]) || !is_digit(s[i + 3]) ||
        !boundary_before(s, i))
      continue;
    const auto code = s.substr(i, 2);
    const auto country = std::find_if(kCountries.begin(), kCountries.end(),
                                      [&](const Country& c) { return c.code == code; });
    if (country == kCountries.end()) continue;
    std::string compact;
    std::size_t k = i;
    while (k < s.size() && compact.size() < country->length) {
      if (is_digit(s[k]) || is_upper(s[k])) {
        compact += s[k++];
      } else if (s[k] == ' ' && k + 1 < s.size() && is_alnum(s[k + 1]) && compact.size() % 4 == 0) {
        ++k;
      } else {
        break;
      }
    }
    if (compact.size() != country->length || !boundary_after(s, k) || !mod97_is_one(compact))
      continue;
    out.push_back({Kind::iban, i, k - i, compact});
    i = k;
  }
}

}  // namespace tailor::analyze::pii::detail
