#pragma once
// The years of experience a job description asks for.
#include <optional>
#include <string_view>

#include "workers/analyze/match/job_outline.hpp"

namespace tailor::analyze::matching {

// "4+ years of Python" → 4, "at least five years" → 5, "3-5 years" / "3 to 5 years" → 3,
// "minimum of 2 years" → 2, "a year of experience" → 1. Only figures that speak of experience
// (the clause mentions experience, or "years" runs on into "of …", "building …") and sit outside
// nice-to-have clauses count; of several, the largest ("5+ years overall, 2 with Kubernetes").
// nullopt when the description asks no years.
std::optional<double> min_years(std::string_view description, const JobOutline& outline);

}  // namespace tailor::analyze::matching
