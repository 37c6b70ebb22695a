#include "common/files/utf8.hpp"

namespace tailor::files {

namespace {

enum class SequenceState { valid, invalid, cut };

struct Sequence {
  SequenceState state;
  std::size_t length;  // bytes consumed when valid; 1 when invalid
};

// Decodes one sequence at text[pos] following the Unicode "well-formed UTF-8" table (D92).
Sequence read_sequence(std::string_view text, std::size_t pos) {
  const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(text[i]); };
  const unsigned char lead = byte(pos);
  if (lead < 0x80) return {SequenceState::valid, 1};
  std::size_t length = 0;
  unsigned char low = 0x80;
  unsigned char high = 0xBF;
  if (lead >= 0xC2 && lead <= 0xDF) {
    length = 2;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    length = 3;
    if (lead == 0xE0) low = 0xA0;   // overlong
    if (lead == 0xED) high = 0x9F;  // surrogates
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    length = 4;
    if (lead == 0xF0) low = 0x90;   // overlong
    if (lead == 0xF4) high = 0x8F;  // above U+10FFFF
  } else {
    return {SequenceState::invalid, 1};
  }
  for (std::size_t i = 1; i < length; ++i) {
    if (pos + i >= text.size()) return {SequenceState::cut, text.size() - pos};
    const unsigned char next = byte(pos + i);
    const unsigned char lo = i == 1 ? low : 0x80;
    const unsigned char hi = i == 1 ? high : 0xBF;
    if (next < lo || next > hi) return {SequenceState::invalid, 1};
  }
  return {SequenceState::valid, length};
}

}  // namespace

std::optional<std::size_t> find_invalid_utf8(std::string_view text, bool allow_cut_tail) {
  std::size_t pos = 0;
  while (pos < text.size()) {
    // Fast path over ASCII.
    if (static_cast<unsigned char>(text[pos]) < 0x80) {
      ++pos;
      continue;
    }
    const Sequence seq = read_sequence(text, pos);
    if (seq.state == SequenceState::cut) {
      if (allow_cut_tail) return std::nullopt;
      return pos;
    }
    if (seq.state == SequenceState::invalid) return pos;
    pos += seq.length;
  }
  return std::nullopt;
}

std::string to_valid_utf8(std::string_view text) {
  if (!find_invalid_utf8(text)) return std::string(text);
  std::string out;
  out.reserve(text.size() + 16);
  std::size_t pos = 0;
  while (pos < text.size()) {
    const Sequence seq = read_sequence(text, pos);
    if (seq.state == SequenceState::valid) {
      out.append(text.substr(pos, seq.length));
      pos += seq.length;
    } else {
      out.append("\xEF\xBF\xBD");
      pos += seq.state == SequenceState::cut ? seq.length : 1;
    }
  }
  return out;
}

std::size_t utf8_prefix_length(std::string_view text, std::size_t max_bytes) {
  if (max_bytes >= text.size()) return text.size();
  std::size_t n = max_bytes;
  // Step back over continuation bytes so the cut falls before a lead byte.
  while (n > 0 && (static_cast<unsigned char>(text[n]) & 0xC0) == 0x80) --n;
  return n;
}

std::string normalize_text(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '\0') continue;
    if (c == '\r') {
      out.push_back('\n');
      if (i + 1 < text.size() && text[i + 1] == '\n') ++i;
      continue;
    }
    out.push_back(c);
  }
  return out;
}

}  // namespace tailor::files
