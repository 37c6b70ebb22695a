// National identity numbers: US Social Security numbers under the SSA's rules (area not 000, 666
// or 900-999; group not 00; serial not 0000), written 123-45-6789, or plain or spaced behind an
// "SSN" cue.
#include "workers/analyze/pii/detector.hpp"
#include "workers/analyze/pii/scan.hpp"

namespace tailor::analyze::pii::detail {

namespace {

constexpr std::size_t kCueWindow = 32;

bool valid_ssn(std::string_view digits) {
  const auto area = digits.substr(0, 3), group = digits.substr(3, 2), serial = digits.substr(5, 4);
  return area != "000" && area != "666" && area[0] != '9' && group != "00" && serial != "0000";
}

bool ssn_cue(std::string_view s, std::size_t pos) {
  return cue_before(s, pos, kCueWindow, {"ssn", "social security", "ss", "s.s.n", "ss#"});
}

// Digits at s[i..] in groups of `sizes` joined by `sep` (0: no separator); the end or 0.
std::size_t grouped(std::string_view s, std::size_t i, std::initializer_list<std::size_t> sizes,
                    char sep) {
  bool first = true;
  for (const auto n : sizes) {
    if (!first && sep != 0) {
      if (i >= s.size() || s[i] != sep) return 0;
      ++i;
    }
    first = false;
    for (std::size_t k = 0; k < n; ++k, ++i)
      if (i >= s.size() || !is_digit(s[i])) return 0;
  }
  return i;
}

}  // namespace

void find_national_ids(const Context& ctx, std::vector<Finding>& out) {
  const auto s = ctx.text;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (!is_digit(s[i]) || !boundary_before(s, i)) continue;
    if (i > 0 && (s[i - 1] == '-' || s[i - 1] == '+' || s[i - 1] == '.' || s[i - 1] == '/'))
      continue;
    std::size_t end = grouped(s, i, {3, 2, 4}, '-');
    if (end == 0) {
      end = grouped(s, i, {3, 2, 4}, ' ');
      if (end == 0) end = grouped(s, i, {9}, 0);
      if (end != 0 && !ssn_cue(s, i)) end = 0;
    }
    if (end == 0 || !boundary_after(s, end) ||
        (end < s.size() && (s[end] == '-' || ((s[end] == '.' || s[end] == '/') &&
                                              end + 1 < s.size() && is_digit(s[end + 1])))))
      continue;
    const auto digits = digits_of(s.substr(i, end - i));
    if (!valid_ssn(digits)) continue;
    out.push_back({Kind::national_id, i, end - i, digits});
    i = end;
  }
}

}  // namespace tailor::analyze::pii::detail
