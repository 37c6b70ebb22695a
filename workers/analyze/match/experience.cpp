// Work dates as month counts, merged into the years a résumé covers.
#include "workers/analyze/match/experience.hpp"

#include <algorithm>
#include <charconv>

namespace tailor::analyze::matching {
namespace {

std::optional<int> digits(std::string_view s) {
  int value = 0;
  const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), value);
  if (ec != std::errc{} || end != s.data() + s.size()) return std::nullopt;
  return value;
}

}  // namespace

Month month_of(std::chrono::year_month ym) {
  return static_cast<int>(ym.year()) * 12 + static_cast<int>(static_cast<unsigned>(ym.month())) - 1;
}

std::chrono::year_month current_month() {
  const std::chrono::year_month_day day{
      std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now())};
  return {day.year(), day.month()};
}

std::optional<Month> parse_month(std::string_view iso) {
  if (iso.size() < 4) return std::nullopt;
  const auto year = digits(iso.substr(0, 4));
  if (!year) return std::nullopt;
  if (iso.size() == 4) return *year * 12 + 5;  // June
  if (iso.size() < 7 || iso[4] != '-') return std::nullopt;
  const auto month = digits(iso.substr(5, 2));
  if (!month || *month < 1 || *month > 12) return std::nullopt;
  return *year * 12 + *month - 1;
}

double years_of_experience(const std::vector<Work>& work, std::chrono::year_month today) {
  const Month now = month_of(today);
  struct Span {
    Month first{};
    Month last{};  // inclusive
  };
  std::vector<Span> spans;
  for (const auto& w : work) {
    const auto start = parse_month(w.startDate);
    if (!start || *start > now) continue;
    const auto end = w.endDate.empty() ? std::optional<Month>(now) : parse_month(w.endDate);
    if (!end || *end < *start) continue;
    spans.push_back({*start, std::min(*end, now)});
  }
  std::sort(spans.begin(), spans.end(),
            [](const Span& a, const Span& b) { return a.first < b.first; });
  int months = 0;
  std::optional<Span> open;
  for (const auto& s : spans) {
    if (open && s.first <= open->last + 1) {
      open->last = std::max(open->last, s.last);
      continue;
    }
    if (open) months += open->last - open->first + 1;
    open = s;
  }
  if (open) months += open->last - open->first + 1;
  return months / 12.0;
}

}  // namespace tailor::analyze::matching
