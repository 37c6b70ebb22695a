#pragma once
// Seniority levels read from job titles: "intern", "junior", "mid", "senior", "lead".
#include <string_view>

namespace tailor::analyze::matching {

// The level a title's words state ("Sr. Data Engineer" → "senior", "Staff Engineer" → "lead",
// "Software Engineer II" → "mid"); "" when it states none.
std::string_view seniority_of_title(std::string_view title);
// 0 for "intern" up to 4 for "lead"; -1 for "" or anything else.
int seniority_rank(std::string_view seniority);
// The level for a number of years asked: under 2 "junior", under 5 "mid", else "senior".
std::string_view seniority_for_years(double years);
// Whether a word of a title only states seniority ("senior", "sr", "ii", "lead", …).
bool is_seniority_word(std::string_view lower_word);

}  // namespace tailor::analyze::matching
