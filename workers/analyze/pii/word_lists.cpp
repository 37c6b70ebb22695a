#include "workers/analyze/pii/word_lists.hpp"

#include <array>

#include "workers/analyze/text/text.hpp"

namespace tailor::analyze::pii::detail {

std::string_view headings_text();
std::string_view not_names_text();
std::string_view common_words_text();
std::string_view skill_words_text();

namespace {
WordSet parse(std::string_view data) {
  WordSet set;
  for (const auto raw : text::split_lines(data)) {
    const auto line = text::trim(raw);
    if (!line.empty() && line[0] != '#') set.emplace(line);
  }
  return set;
}
}  // namespace

namespace {
// U+00C0..U+00FF (UTF-8 C3 80..C3 BF) folded to the ASCII letter they carry an accent on.
constexpr std::string_view kLatin1Folded =
    "aaaaaaaceeeeiiiidnooooo*ouuuuyts"
    "aaaaaaaceeeeiiiidnooooo/ouuuuyty";
}  // namespace

// Writes folded(word) through `put`.
template <class Put>
void fold(std::string_view word, Put&& put) {
  for (std::size_t i = 0; i < word.size(); ++i) {
    const char c = word[i];
    const auto next = i + 1 < word.size() ? static_cast<unsigned char>(word[i + 1]) : 0;
    if (static_cast<unsigned char>(c) == 0xC3 && next >= 0x80 && next <= 0xBF) {
      put(kLatin1Folded[next - 0x80]);
      ++i;
      continue;
    }
    put(c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c);
  }
}

std::string folded(std::string_view word) {
  std::string out;
  out.reserve(word.size());
  fold(word, [&](char c) { out += c; });
  return out;
}

bool contains_ci(const WordSet& set, std::string_view word) {
  std::array<char, 64> buffer{};
  if (word.size() > buffer.size()) return false;
  std::size_t n = 0;
  fold(word, [&](char c) { buffer[n++] = c; });
  return set.contains(std::string_view(buffer.data(), n));
}

const WordSet& headings() {
  static const WordSet set = parse(headings_text());
  return set;
}
const WordSet& not_names() {
  static const WordSet set = parse(not_names_text());
  return set;
}
const WordSet& common_words() {
  static const WordSet set = parse(common_words_text());
  return set;
}
const WordSet& skill_words() {
  static const WordSet set = parse(skill_words_text());
  return set;
}

}  // namespace tailor::analyze::pii::detail
