#pragma once
// The word lists in data/ (compiled in), each parsed once per process.
#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_set>

namespace tailor::analyze::pii::detail {

struct WordHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};
// A set of lower-case words, looked up without building a std::string.
using WordSet = std::unordered_set<std::string, WordHash, std::equal_to<>>;

// `word` in ASCII lower case with its Latin-1 accents dropped ("Résumé" -> "resume"): the form
// the sets hold.
std::string folded(std::string_view word);
// Whether `set` holds folded(word), without allocating.
bool contains_ci(const WordSet& set, std::string_view word);

const WordSet& headings();      // section headings ("work experience")
const WordSet& not_names();     // words never in a person's name ("engineer", "resume")
const WordSet& common_words();  // names that are also ordinary words ("will", "grace")
const WordSet& skill_words();   // names that are also skills ("ruby", "julia")

}  // namespace tailor::analyze::pii::detail
