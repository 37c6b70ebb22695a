#pragma once
// The ATS review's word lists, compiled in from action_verbs.tsv and weak_openers.txt and parsed
// once per process.
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

namespace tailor::analyze::ats {

// The embedded files (tailor_embed_text in CMakeLists.txt).
std::string_view action_verbs_tsv();
std::string_view weak_openers_txt();

struct WordLists {
  std::unordered_set<std::string> action_verbs;  // both forms of each verb, lower case
  std::vector<std::string> weak_openers;         // lower case, longest first
};

// Built on first use (thread-safe).
const WordLists& word_lists();

}  // namespace tailor::analyze::ats
