#include "workers/extract/normalize.hpp"

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include <cstdint>

namespace tailor::extract {

namespace {

constexpr char32_t kReplacement = 0xFFFD;

bool is_named_bullet(char32_t c) {
  switch (c) {
    case 0xF0B7:  // Symbol •
    case 0xF0A7:  // Wingdings ▪
    case 0xF076:  // Wingdings ❖
    case 0xF0D8:  // Wingdings ➢
    case 0xF0E8:  // Wingdings ➔
    case 0xF0FC:  // Wingdings ✓
    case 0xF06C:  // Wingdings ●
    case 0xF06E:  // Wingdings ■
    case 0xF0A8:  // Wingdings ◻
    case 0x25AA:  // ▪
    case 0x25CF:  // ●
    case 0x25E6:  // ◦
    case 0x2023:  // ‣
    case 0x2043:  // ⁃
    case 0x2219:  // ∙
    case 0x27A2:  // ➢
    case 0x25BA:  // ►
    case 0x2756:  // ❖
      return true;
    default:
      return false;
  }
}

bool is_private_use(char32_t c) {
  return (c >= 0xE000 && c <= 0xF8FF) || (c >= 0xF0000 && c <= 0xFFFFD) ||
         (c >= 0x100000 && c <= 0x10FFFD);
}

bool is_wide_space(char32_t c) {
  return c == 0x00A0 || (c >= 0x2000 && c <= 0x200A) || c == 0x202F || c == 0x205F || c == 0x3000;
}

bool is_zero_width(char32_t c) {
  return c == 0x200B || c == 0x2060 || c == 0xFEFF;
}

bool is_unmapped_control(char32_t c) {
  return c < 0x20 && c != '\t' && c != '\n' && c != '\f' && c != '\r';
}

bool is_horizontal_space(char32_t c) {
  return c == ' ' || c == '\t' || is_wide_space(c);
}

void append(std::string& out, char32_t c) {
  char buf[U8_MAX_LENGTH];
  int32_t length = 0;
  UBool error = false;
  U8_APPEND(buf, length, U8_MAX_LENGTH, static_cast<UChar32>(c), error);
  if (!error) out.append(buf, static_cast<std::size_t>(length));
}

}  // namespace

NormalizedText normalize_text(std::string_view utf8, SoftHyphens soft_hyphens) {
  // Decode first, so the rules can look ahead (bullet spacing, soft hyphen at a line end).
  std::u32string in;
  in.reserve(utf8.size());
  const auto* bytes = reinterpret_cast<const uint8_t*>(utf8.data());
  const auto length = static_cast<int32_t>(utf8.size());
  for (int32_t i = 0; i < length;) {
    UChar32 c = 0;
    U8_NEXT(bytes, i, length, c);
    in.push_back(c < 0 ? kReplacement : static_cast<char32_t>(c));
  }

  NormalizedText out;
  std::string mapped;
  mapped.reserve(utf8.size());
  bool line_start = true;  // only horizontal space since the last line end
  for (std::size_t i = 0; i < in.size(); ++i) {
    const char32_t c = in[i];
    const bool at_line_start = line_start;
    line_start = c == '\n' || c == '\f' || c == '\r' || (line_start && is_horizontal_space(c));
    if (c >= 0xFB00 && c <= 0xFB06) {
      static constexpr const char* kLigatures[] = {"ff", "fi", "fl", "ffi", "ffl", "st", "st"};
      mapped += kLigatures[c - 0xFB00];
    } else if (c == 0x00AD) {
      if (soft_hyphens == SoftHyphens::drawn) {
        mapped += '-';
      } else if (i + 1 < in.size() && in[i + 1] == '\n') {
        ++i;  // "develop\u00AD\nment": the writer hyphenated here; join the word again
      }
    } else if (is_named_bullet(c) || (at_line_start && c >= 0xF000 && c <= 0xF0FF)) {
      mapped += "\xE2\x80\xA2 ";  // "• "
      while (i + 1 < in.size() && is_horizontal_space(in[i + 1])) ++i;
      line_start = false;
    } else if (is_wide_space(c)) {
      mapped += ' ';
    } else if (is_zero_width(c)) {
      continue;
    } else if (c == kReplacement || is_private_use(c) || is_unmapped_control(c)) {
      ++out.unmapped_glyphs;
      append(mapped, kReplacement);
    } else {
      append(mapped, c);
    }
  }

  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(status);
  if (U_FAILURE(status) || nfc == nullptr) {
    out.text = std::move(mapped);  // ICU's data is built in; this does not happen in practice
    return out;
  }
  const icu::UnicodeString source = icu::UnicodeString::fromUTF8(mapped);
  if (nfc->isNormalized(source, status) && U_SUCCESS(status)) {
    out.text = std::move(mapped);
    return out;
  }
  status = U_ZERO_ERROR;
  const icu::UnicodeString normalized = nfc->normalize(source, status);
  if (U_FAILURE(status)) {
    out.text = std::move(mapped);
    return out;
  }
  normalized.toUTF8String(out.text);
  return out;
}

int count_words(std::string_view utf8) {
  const auto* bytes = reinterpret_cast<const uint8_t*>(utf8.data());
  const auto length = static_cast<int32_t>(utf8.size());
  int words = 0;
  bool in_token = false, counted = false;
  for (int32_t i = 0; i < length;) {
    UChar32 c = 0;
    U8_NEXT(bytes, i, length, c);
    if (c >= 0 && u_isUWhiteSpace(c)) {
      in_token = false;
      continue;
    }
    if (!in_token) counted = false;
    in_token = true;
    if (!counted && c >= 0 && u_isalnum(c)) {
      ++words;
      counted = true;
    }
  }
  return words;
}

}  // namespace tailor::extract
