// Case folding and whole-word phrase search for job-description prose.
#include "workers/analyze/match/phrases.hpp"

#include "workers/analyze/text/text.hpp"

namespace tailor::analyze::matching {

std::string fold(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c == 0xE2 && i + 2 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0x80 &&
        static_cast<unsigned char>(s[i + 2]) == 0x99) {
      out.push_back('\'');
      i += 2;
      continue;
    }
    out.push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : static_cast<char>(c));
  }
  return out;
}

std::size_t find_phrase(std::string_view folded, std::string_view phrase, std::size_t from) {
  const auto word = [](char c) { return text::is_word_byte(static_cast<unsigned char>(c)); };
  for (auto at = folded.find(phrase, from); at != std::string_view::npos;
       at = folded.find(phrase, at + 1)) {
    const auto end = at + phrase.size();
    const bool starts = at == 0 || !word(folded[at - 1]) || !word(phrase.front());
    const bool ends = end == folded.size() || !word(folded[end]) || !word(phrase.back());
    if (starts && ends) return at;
  }
  return std::string_view::npos;
}

}  // namespace tailor::analyze::matching
