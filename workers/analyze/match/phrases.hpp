#pragma once
// Looking for phrases in job-description prose: case folding and whole-word search.
#include <cstddef>
#include <initializer_list>
#include <string>
#include <string_view>

namespace tailor::analyze::matching {

// Lower case (ASCII), with U+2019 written as "'" so "you’ll" reads as "you'll". Offsets move
// where a U+2019 was; use lower_ascii where byte offsets must stay.
std::string fold(std::string_view text);

// Offset of the first occurrence of `phrase` in `folded` at word boundaries at or after `from`,
// npos if none. Both are folded (lower case).
std::size_t find_phrase(std::string_view folded, std::string_view phrase, std::size_t from = 0);
inline bool has_phrase(std::string_view folded, std::string_view phrase) {
  return find_phrase(folded, phrase) != std::string_view::npos;
}
// Whether `folded` holds any of `phrases` (a list of strings or string_views).
template <class Phrases>
bool has_any_phrase(std::string_view folded, const Phrases& phrases) {
  for (const auto& p : phrases)
    if (has_phrase(folded, p)) return true;
  return false;
}
inline bool has_any_phrase(std::string_view folded,
                           std::initializer_list<std::string_view> phrases) {
  return has_any_phrase<std::initializer_list<std::string_view>>(folded, phrases);
}

}  // namespace tailor::analyze::matching
