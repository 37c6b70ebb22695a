// The words of titles that state a level, and the order of the levels.
#include "workers/analyze/match/seniority.hpp"

#include <algorithm>

#include "workers/analyze/text/text.hpp"

namespace tailor::analyze::matching {
namespace {

struct Level {
  std::string_view word;
  std::string_view level;
};
constexpr Level kLevels[] = {
    {"intern", "intern"},     {"internship", "intern"}, {"trainee", "intern"},
    {"apprentice", "intern"}, {"junior", "junior"},     {"jr", "junior"},
    {"entry", "junior"},      {"graduate", "junior"},   {"i", "junior"},
    {"mid", "mid"},           {"intermediate", "mid"},  {"ii", "mid"},
    {"senior", "senior"},     {"sr", "senior"},         {"iii", "senior"},
    {"iv", "senior"},         {"lead", "lead"},         {"principal", "lead"},
    {"staff", "lead"},        {"head", "lead"},         {"director", "lead"},
    {"vp", "lead"},           {"chief", "lead"},
};
constexpr std::string_view kOrder[] = {"intern", "junior", "mid", "senior", "lead"};

}  // namespace

bool is_seniority_word(std::string_view w) {
  return std::any_of(std::begin(kLevels), std::end(kLevels),
                     [&](const Level& l) { return l.word == w; });
}

int seniority_rank(std::string_view s) {
  for (int i = 0; i < static_cast<int>(std::size(kOrder)); ++i)
    if (kOrder[i] == s) return i;
  return -1;
}

std::string_view seniority_of_title(std::string_view title) {
  std::string_view best;
  const auto words = text::words(title);
  for (std::size_t k = 0; k < words.size(); ++k) {
    const auto w = text::lower_ascii(words[k].text);
    // A lone "I" is a level only at the end of a title ("Engineer I").
    if (w == "i" && k + 1 != words.size()) continue;
    for (const auto& l : kLevels)
      if (l.word == w && seniority_rank(l.level) > seniority_rank(best)) best = l.level;
  }
  return best;
}

std::string_view seniority_for_years(double years) {
  if (years < 2) return "junior";
  if (years < 5) return "mid";
  return "senior";
}

}  // namespace tailor::analyze::matching
