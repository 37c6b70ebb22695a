#include "workers/analyze/pii/scan.hpp"

namespace tailor::analyze::pii::detail {

std::size_t line_start(std::string_view s, std::size_t pos) {
  while (pos > 0 && s[pos - 1] != '\n' && s[pos - 1] != '\f') --pos;
  return pos;
}

std::size_t line_end(std::string_view s, std::size_t pos) {
  while (pos < s.size() && s[pos] != '\n' && s[pos] != '\f') ++pos;
  return pos;
}

std::size_t unicode_separator_at(std::string_view s, std::size_t i) {
  const auto b = [&](std::size_t k) {
    return i + k < s.size() ? static_cast<unsigned char>(s[i + k]) : 0;
  };
  if (b(0) == 0xC2 && (b(1) == 0xA0 || b(1) == 0xB7)) return 2;
  if (b(0) == 0xE2 && b(1) == 0x80 && ((b(2) >= 0x90 && b(2) <= 0x95) || b(2) == 0xA2)) return 3;
  return 0;
}

std::string_view word_before(std::string_view s, std::size_t pos, std::size_t max_gap) {
  std::size_t end = pos;
  while (end > 0 && pos - end <= max_gap && !is_word(s[end - 1])) {
    if (s[end - 1] == '\n' || s[end - 1] == '\f') return {};
    --end;
  }
  if (end == 0 || pos - end > max_gap) return {};
  std::size_t start = end;
  while (start > 0 && is_word(s[start - 1])) --start;
  return s.substr(start, end - start);
}

bool contains_words_ci(std::string_view hay, std::string_view needle) {
  if (needle.empty() || hay.size() < needle.size()) return false;
  for (std::size_t i = 0; i + needle.size() <= hay.size(); ++i) {
    if (to_lower(hay[i]) != needle[0]) continue;
    if (!text::iequals_ascii(hay.substr(i, needle.size()), needle)) continue;
    if (boundary_before(hay, i) && boundary_after(hay, i + needle.size())) return true;
  }
  return false;
}

bool cue_before(std::string_view s, std::size_t pos, std::size_t window,
                std::initializer_list<std::string_view> cues) {
  std::size_t from = line_start(s, pos);
  // A value alone on its line takes its cue from the line above ("Phone:\n312 555 0123").
  if (text::trim(s.substr(from, pos - from)).empty() && from > 0) from = line_start(s, from - 1);
  if (pos - from > window) from = pos - window;
  const auto hay = s.substr(from, pos - from);
  for (const auto cue : cues)
    if (contains_words_ci(hay, cue)) return true;
  return false;
}

namespace {
// The code point at the start of `w` (0 when it is not valid UTF-8 of two bytes or fewer).
unsigned first_code_point(std::string_view w) {
  if (w.empty()) return 0;
  const auto c0 = static_cast<unsigned char>(w[0]);
  if (c0 < 0x80) return c0;
  if ((c0 & 0xE0) == 0xC0 && w.size() >= 2) return ((c0 & 0x1Fu) << 6) | (w[1] & 0x3Fu);
  return 0;
}
bool upper_code_point(unsigned cp) {
  if (cp < 0x80) return cp >= 'A' && cp <= 'Z';
  if (cp >= 0xC0 && cp <= 0xDE) return cp != 0xD7;
  if (cp >= 0x100 && cp <= 0x17F) return cp % 2 == 0;  // Latin Extended-A pairs, upper first
  if (cp >= 0x391 && cp <= 0x3A9) return true;         // Greek
  return cp >= 0x400 && cp <= 0x42F;                   // Cyrillic
}
}  // namespace

bool starts_upper(std::string_view w) {
  return upper_code_point(first_code_point(w));
}

bool has_lower(std::string_view w) {
  for (std::size_t i = 0; i < w.size(); ++i) {
    if (is_lower(w[i])) return true;
    const auto c = static_cast<unsigned char>(w[i]);
    if ((c & 0xE0) == 0xC0) {
      const auto cp = first_code_point(w.substr(i));
      if (cp >= 0xDF && cp <= 0x17F && !upper_code_point(cp)) return true;
    }
  }
  return false;
}

std::string digits_of(std::string_view s) {
  std::string out;
  for (const char c : s)
    if (is_digit(c)) out += c;
  return out;
}

}  // namespace tailor::analyze::pii::detail
