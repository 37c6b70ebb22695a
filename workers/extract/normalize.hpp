#pragma once
// Text normalization for extracted text: ligatures, soft hyphens, odd bullets, spaces,
// zero-width characters, Unicode NFC, and a count of glyphs that map to no character.
#include <string>
#include <string_view>

namespace tailor::extract {

struct NormalizedText {
  std::string text;
  // Glyphs that map to no character: U+FFFD already in the input, ill-formed UTF-8, private-use
  // code points that are not bullets, and C0 control characters other than \t \n \f \r. Each
  // is kept in `text` as one U+FFFD, so the gap stays visible where the glyph was.
  int unmapped_glyphs{};
};

// Rules, in order, on each code point of `utf8` (ill-formed sequences count as U+FFFD):
// - ligatures U+FB00–FB06 become ff, fi, fl, ffi, ffl, st, st;
// - soft hyphens U+00AD: with SoftHyphens::optional (DOCX, plain text: an invisible hyphenation
//   point) they are removed, and one right before a line end joins the two lines; with
//   SoftHyphens::drawn (PDF: every glyph in the text layer was drawn on the page, and TeX fonts
//   draw their hyphen as U+00AD) they become "-". Hard hyphens are never touched;
// - odd bullets become "• " (one following space): Symbol/Wingdings private-use bullets
//   (U+F0B7, U+F0A7, U+F076, U+F0D8, U+F0E8, U+F0FC, U+F06C, U+F06E, U+F0A8), ▪ ● ◦ ‣ ⁃ ∙ ➢ ►
//   ❖ anywhere, and any other U+F0xx at the start of a line. U+2022 itself is kept as is;
// - no-break, figure, thin, hair and other fixed-width spaces (U+00A0, U+2000–200A, U+202F,
//   U+205F, U+3000) become a plain space;
// - zero-width space, word joiner and BOM (U+200B, U+2060, U+FEFF) are removed; ZWNJ and ZWJ
//   stay (they spell words in Persian and Indic scripts, and emoji);
// - unmapped glyphs (see NormalizedText) become U+FFFD and are counted;
// then the result is put in Unicode NFC (ICU). Never fails.
enum class SoftHyphens { optional, drawn };
NormalizedText normalize_text(std::string_view utf8, SoftHyphens soft_hyphens = SoftHyphens::optional);

// Words of `utf8`: whitespace-separated tokens holding at least one letter or digit, so
// bullets and the " | " between table cells are not words. Layout::word_count uses it.
int count_words(std::string_view utf8);

}  // namespace tailor::extract
