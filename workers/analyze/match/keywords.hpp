#pragma once
// The job description's weighted keywords (TF-IDF against the background corpus), and how often
// another text uses them.
#include <string>
#include <string_view>
#include <vector>

#include "workers/analyze/match/job.hpp"
#include "workers/analyze/match/terms.hpp"

namespace tailor::analyze::matching {

// At most this many keywords, none lighter than kMinKeywordWeight.
inline constexpr std::size_t kMaxKeywords = 25;
inline constexpr double kMinKeywordWeight = 1.0;

// The description's terms weighted (1 + ln tf) × idf, heaviest first, shown in their most
// frequent written form. Terms whose key is in `exclude` (the company's name) are left out.
std::vector<Keyword> job_keywords(const std::vector<Term>& description,
                                  const std::vector<std::string>& exclude);

// How many times `terms` use each key of `keys` (same order). A compound key ("on call") also
// counts where its parts follow one another as separate words ("on call", "on-call").
std::vector<int> count_keys(const std::vector<Term>& terms, const std::vector<std::string>& keys);

}  // namespace tailor::analyze::matching
