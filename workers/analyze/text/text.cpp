#include "workers/analyze/text/text.hpp"

#include <cctype>

namespace tailor::analyze::text {

std::vector<std::string_view> split_lines(std::string_view text) {
  std::vector<std::string_view> lines;
  std::size_t start = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c != '\n' && c != '\f') continue;
    std::size_t end = i;
    if (end > start && text[end - 1] == '\r') --end;
    lines.push_back(text.substr(start, end - start));
    start = i + 1;
  }
  if (start < text.size()) {
    std::size_t end = text.size();
    if (text[end - 1] == '\r') --end;
    lines.push_back(text.substr(start, end - start));
  }
  return lines;
}

namespace {
// Length of the whitespace sequence at `s[i]` (ASCII space, tab, CR, VT, FF, or U+00A0), 0 if none.
std::size_t space_at(std::string_view s, std::size_t i) {
  const auto c = static_cast<unsigned char>(s[i]);
  if (c == ' ' || c == '\t' || c == '\r' || c == '\v' || c == '\f' || c == '\n') return 1;
  if (c == 0xC2 && i + 1 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0xA0) return 2;
  return 0;
}
std::size_t space_before(std::string_view s, std::size_t end) {
  const auto c = static_cast<unsigned char>(s[end - 1]);
  if (c == ' ' || c == '\t' || c == '\r' || c == '\v' || c == '\f' || c == '\n') return 1;
  if (c == 0xA0 && end >= 2 && static_cast<unsigned char>(s[end - 2]) == 0xC2) return 2;
  return 0;
}

// Bytes of a separating non-ASCII punctuation mark at s[i] (dashes, bullets, middle dot), 0 if none.
std::size_t separator_at(std::string_view s, std::size_t i) {
  const auto b = [&](std::size_t k) { return i + k < s.size() ? static_cast<unsigned char>(s[i + k]) : 0; };
  if (b(0) == 0xC2 && (b(1) == 0xA0 || b(1) == 0xB7 || b(1) == 0xAB || b(1) == 0xBB)) return 2;
  if (b(0) == 0xE2 && b(1) == 0x80) {
    const auto c = b(2);
    // U+2010-2015 dashes, U+2018/201C/201D quotes, U+2022 bullet, U+2026 ellipsis, U+2020-21
    if ((c >= 0x90 && c <= 0x95) || c == 0x98 || c == 0x9C || c == 0x9D || c == 0xA2 || c == 0xA6 ||
        c == 0xA0 || c == 0xA1 || c == 0xA3)
      return 3;
  }
  if (b(0) == 0xE2 && b(1) == 0x96) return 3;  // U+25xx geometric shapes (▪ ■ ► …)
  if (b(0) == 0xE2 && b(1) == 0x97) return 3;
  return 0;
}
bool right_quote_at(std::string_view s, std::size_t i) {
  return i + 2 < s.size() && static_cast<unsigned char>(s[i]) == 0xE2 &&
         static_cast<unsigned char>(s[i + 1]) == 0x80 && static_cast<unsigned char>(s[i + 2]) == 0x99;
}
}  // namespace

std::string_view trim(std::string_view s) {
  std::size_t b = 0;
  while (b < s.size()) {
    const auto n = space_at(s, b);
    if (n == 0) break;
    b += n;
  }
  std::size_t e = s.size();
  while (e > b) {
    const auto n = space_before(s, e);
    if (n == 0) break;
    e -= n;
  }
  return s.substr(b, e - b);
}

std::string lower_ascii(std::string_view s) {
  std::string out(s);
  for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

bool iequals_ascii(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(a[i])) != std::tolower(static_cast<unsigned char>(b[i]))) return false;
  return true;
}

bool starts_with_ci(std::string_view s, std::string_view prefix) {
  return s.size() >= prefix.size() && iequals_ascii(s.substr(0, prefix.size()), prefix);
}

std::vector<Word> words(std::string_view s) {
  std::vector<Word> out;
  std::size_t i = 0;
  while (i < s.size()) {
    // A U+2019 that opens a word ("’90s", a closing quote after a blank) is not part of it.
    while (i < s.size() &&
           (!is_word_byte(static_cast<unsigned char>(s[i])) || separator_at(s, i) > 0 || right_quote_at(s, i))) {
      const auto n = separator_at(s, i);
      i += n > 0 ? n : right_quote_at(s, i) ? 3 : 1;
    }
    if (i >= s.size()) break;
    const std::size_t start = i;
    while (i < s.size()) {
      if (separator_at(s, i) > 0) break;
      const auto c = static_cast<unsigned char>(s[i]);
      if (is_word_byte(c) && !right_quote_at(s, i)) {
        ++i;
        continue;
      }
      // An apostrophe (ASCII or U+2019) between two word bytes stays inside the word.
      const std::size_t quote = c == '\'' ? 1 : right_quote_at(s, i) ? 3 : 0;
      if (quote > 0 && i > start && i + quote < s.size() && is_word_byte(static_cast<unsigned char>(s[i + quote])) &&
          separator_at(s, i + quote) == 0) {
        i += quote;
        continue;
      }
      break;
    }
    out.push_back({s.substr(start, i - start), start});
  }
  return out;
}

}  // namespace tailor::analyze::text
