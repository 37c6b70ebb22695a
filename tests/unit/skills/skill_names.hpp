#pragma once
// Test helper: the canonical names of the skills a lexicon finds in a text, in order.
#include <string>
#include <string_view>
#include <vector>

#include "workers/analyze/skills/lexicon.hpp"

namespace tailor::analyze::skills::testing {

inline std::vector<std::string> mentioned(const Lexicon& lexicon, std::string_view text) {
  std::vector<std::string> names;
  for (const auto& m : lexicon.find_in(text)) names.push_back(lexicon.skills()[m.skill].name);
  return names;
}

inline std::vector<std::string> distinct(const Lexicon& lexicon, std::string_view text) {
  std::vector<std::string> names;
  for (auto index : lexicon.distinct_in(text)) names.push_back(lexicon.skills()[index].name);
  return names;
}

}  // namespace tailor::analyze::skills::testing
