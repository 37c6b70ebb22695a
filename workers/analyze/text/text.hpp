#pragma once
// Small text helpers every part of the analysis shares: lines, trimming, ASCII case folding,
// words with their offsets. UTF-8 aware where it matters (non-ASCII bytes are word bytes).
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace tailor::analyze::text {

// Lines of `text`, split at "\n", "\r\n" and "\f" (a page break ends a line too); not trimmed.
std::vector<std::string_view> split_lines(std::string_view text);
// Without leading and trailing ASCII whitespace and U+00A0.
std::string_view trim(std::string_view s);
std::string lower_ascii(std::string_view s);
bool iequals_ascii(std::string_view a, std::string_view b);
bool starts_with_ci(std::string_view s, std::string_view prefix);

// A byte that belongs to a word: ASCII letter or digit, or any byte of a non-ASCII character.
inline bool is_word_byte(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c >= 0x80;
}

struct Word {
  std::string_view text;
  std::size_t offset{};  // bytes into the text given to words()
};
// Runs of word bytes; an apostrophe between two word bytes stays inside ("don't"). Non-ASCII
// punctuation that is common in résumés (U+2013, U+2014, U+2022, U+00B7, U+2019 is kept as
// an apostrophe) separates words.
std::vector<Word> words(std::string_view text);

}  // namespace tailor::analyze::text
