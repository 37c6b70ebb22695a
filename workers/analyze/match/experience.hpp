#pragma once
// Years of experience from a résumé's work dates.
#include <chrono>
#include <optional>
#include <string_view>
#include <vector>

#include "workers/analyze/resume/resume.hpp"

namespace tailor::analyze::matching {

// A calendar month as a count: year × 12 + month − 1.
using Month = int;

Month month_of(std::chrono::year_month ym);
// This month, from the system clock (UTC).
std::chrono::year_month current_month();
// "2021-03" → March 2021; "2021" → June 2021 (the middle of a year given alone, so that
// "2019 – 2021" counts about two years); nullopt for "" or anything else.
std::optional<Month> parse_month(std::string_view iso);

// The years the work entries cover: each from its start to its end month inclusive (an entry
// with a start and no end is ongoing, up to `today`), overlaps counted once, future months
// ignored. Entries without a readable start are skipped.
double years_of_experience(const std::vector<Work>& work, std::chrono::year_month today);

}  // namespace tailor::analyze::matching
