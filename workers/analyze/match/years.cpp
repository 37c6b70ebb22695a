// Scanning a job description for "N years" that speak of experience.
#include "workers/analyze/match/years.hpp"

#include <charconv>
#include <string>

#include "workers/analyze/match/phrases.hpp"
#include "workers/analyze/text/text.hpp"

namespace tailor::analyze::matching {
namespace {

std::optional<int> number(std::string_view word) {
  int value = 0;
  if (std::from_chars(word.data(), word.data() + word.size(), value).ptr ==
          word.data() + word.size() &&
      !word.empty())
    return value;
  static constexpr std::string_view kWords[] = {
      "zero",  "one",  "two", "three",  "four",   "five",     "six",      "seven",
      "eight", "nine", "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen"};
  const auto lower = text::lower_ascii(word);
  for (int i = 0; i < static_cast<int>(std::size(kWords)); ++i)
    if (kWords[i] == lower) return i;
  return std::nullopt;
}

// Words after "years" that show the figure is about experience: "years of", "years building".
constexpr std::string_view kRunsOn[] = {
    "of",        "in",           "with",       "building", "working",  "developing",
    "designing", "leading",      "managing",   "writing",  "shipping", "as",
    "doing",     "professional", "hands-on",   "industry", "relevant", "experience",
    "post",      "running",      "delivering", "owning",   "creating", "programming"};
// Words after "years" that show it is not: "years ago", "4-year degree", "years old".
constexpr std::string_view kNotExperience[] = {
    "ago",        "old",  "degree",   "program",  "programme", "college",
    "university", "plan", "contract", "warranty", "term",      "anniversary"};

template <std::size_t N>
bool in(const std::string_view (&list)[N], std::string_view word) {
  for (const auto w : list)
    if (w == word) return true;
  return false;
}

}  // namespace

std::optional<double> min_years(std::string_view description, const JobOutline& outline) {
  const auto ws = text::words(description);
  std::optional<double> best;
  for (std::size_t i = 1; i < ws.size(); ++i) {
    const auto unit = text::lower_ascii(ws[i].text);
    if (unit != "year" && unit != "years" && unit != "yrs" && unit != "yr") continue;
    const auto* clause = clause_at(outline, ws[i].offset);
    if (clause != nullptr && clause->need == Need::preferred) continue;
    const auto next = i + 1 < ws.size() ? text::lower_ascii(ws[i + 1].text) : std::string{};
    if (in(kNotExperience, next)) continue;
    const auto clause_text =
        clause != nullptr ? fold(description.substr(clause->begin, clause->end - clause->begin))
                          : std::string{};
    if (!in(kRunsOn, next) && clause_text.find("experienc") == std::string::npos) continue;

    auto value = number(ws[i - 1].text);
    const auto prev = text::lower_ascii(ws[i - 1].text);
    // "a year of experience", "at least one year"
    if (!value && (prev == "a" || prev == "an") && next == "of") value = 1;
    if (!value) continue;
    // A range gives its lower end: "3-5 years", "3–5 years", "3 to 5 years".
    if (i >= 2) {
      const auto& low = ws[i - 2];
      const auto low_end = low.offset + low.text.size();
      const auto gap = text::trim(description.substr(low_end, ws[i - 1].offset - low_end));
      if (gap == "-" || gap == "\xE2\x80\x93" || gap == "\xE2\x80\x94")
        if (const auto lower = number(low.text)) value = lower;
      if (i >= 3 && text::iequals_ascii(low.text, "to"))
        if (const auto lower = number(ws[i - 3].text)) value = lower;
    }
    if (!best || *value > *best) best = *value;
  }
  return best;
}

}  // namespace tailor::analyze::matching
