#pragma once
// Byte-level helpers the pii detectors share: character classes, word boundaries, lines, and the
// "cue" words that stand just before a value ("Phone:", "DOB", "SSN").
#include <cstddef>
#include <initializer_list>
#include <string>
#include <string_view>

#include "workers/analyze/text/text.hpp"

namespace tailor::analyze::pii::detail {

inline bool is_digit(char c) {
  return c >= '0' && c <= '9';
}
inline bool is_upper(char c) {
  return c >= 'A' && c <= 'Z';
}
inline bool is_lower(char c) {
  return c >= 'a' && c <= 'z';
}
inline bool is_alpha(char c) {
  return is_upper(c) || is_lower(c);
}
inline bool is_alnum(char c) {
  return is_alpha(c) || is_digit(c);
}
inline bool is_word(char c) {
  return text::is_word_byte(static_cast<unsigned char>(c));
}
inline char to_lower(char c) {
  return is_upper(c) ? static_cast<char>(c - 'A' + 'a') : c;
}
inline char to_upper(char c) {
  return is_lower(c) ? static_cast<char>(c - 'a' + 'A') : c;
}
inline bool is_blank(char c) {
  return c == ' ' || c == '\t';
}

// No word byte right before `pos` / at `end`.
inline bool boundary_before(std::string_view s, std::size_t pos) {
  return pos == 0 || !is_word(s[pos - 1]);
}
inline bool boundary_after(std::string_view s, std::size_t end) {
  return end >= s.size() || !is_word(s[end]);
}

std::size_t line_start(std::string_view s, std::size_t pos);
std::size_t line_end(std::string_view s, std::size_t pos);

// Bytes of the UTF-8 space, dash or bullet at s[i] that may separate the parts of a value
// (U+00A0, U+2010..U+2015, U+2022, U+00B7), 0 if there is none.
std::size_t unicode_separator_at(std::string_view s, std::size_t i);

// The word (run of word bytes) that ends at or before `pos` on the same line, with at most
// `max_gap` bytes of anything else between it and `pos`; empty if there is none.
std::string_view word_before(std::string_view s, std::size_t pos, std::size_t max_gap);

// Whether one of `cues` (lower case, whole words, may hold spaces: "date of birth") occurs in
// the `window` bytes before `pos` on the same line or, when `pos` starts its line, the line before.
bool cue_before(std::string_view s, std::size_t pos, std::size_t window,
                std::initializer_list<std::string_view> cues);

// Whether `hay` holds `needle` (lower case) as whole words, ignoring ASCII case.
bool contains_words_ci(std::string_view hay, std::string_view needle);

// Whether the word `w` starts with a capital letter (ASCII, Latin-1, Latin Extended-A, Greek or
// Cyrillic) / has a lower-case letter anywhere.
bool starts_upper(std::string_view w);
bool has_lower(std::string_view w);

std::string digits_of(std::string_view s);

}  // namespace tailor::analyze::pii::detail
