// Payment card numbers: 13 to 19 digits, plain or in groups split by single spaces or dashes,
// starting with a card network's digit (2-6) and passing the Luhn check.
#include "workers/analyze/pii/detector.hpp"
#include "workers/analyze/pii/scan.hpp"

namespace tailor::analyze::pii::detail {

namespace {

constexpr std::size_t kMinDigits = 13;
constexpr std::size_t kMaxDigits = 19;

bool luhn(std::string_view digits) {
  int sum = 0;
  bool twice = false;
  for (auto it = digits.rbegin(); it != digits.rend(); ++it) {
    int d = *it - '0';
    if (twice && (d *= 2) > 9) d -= 9;
    sum += d;
    twice = !twice;
  }
  return sum % 10 == 0;
}

}  // namespace

void find_cards(const Context& ctx, std::vector<Finding>& out) {
  const auto s = ctx.text;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] < '2' || s[i] > '6' || !boundary_before(s, i)) continue;
    if (i > 0 && (s[i - 1] == '+' || s[i - 1] == '-' || s[i - 1] == '.' || s[i - 1] == '/'))
      continue;
    std::string digits;
    std::size_t end = i;
    char sep = 0;
    std::size_t k = i;
    while (k < s.size() && digits.size() <= kMaxDigits) {
      if (is_digit(s[k])) {
        digits += s[k++];
        end = k;
        continue;
      }
      // One separator, the same one throughout, between digit groups.
      const bool separator = (s[k] == ' ' || s[k] == '-') && (sep == 0 || s[k] == sep) &&
                             k + 1 < s.size() && is_digit(s[k + 1]);
      if (!separator) break;
      sep = s[k++];
    }
    if (digits.size() < kMinDigits || digits.size() > kMaxDigits || !boundary_after(s, end) ||
        !luhn(digits)) {
      // Skip past this run of digits: a card does not start inside it.
      while (i + 1 < s.size() && is_digit(s[i + 1])) ++i;
      continue;
    }
    out.push_back({Kind::card, i, end - i, digits});
    i = end;
  }
}

}  // namespace tailor::analyze::pii::detail
