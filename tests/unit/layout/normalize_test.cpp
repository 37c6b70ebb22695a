#include "workers/extract/normalize.hpp"

#include <doctest/doctest.h>

using tailor::extract::normalize_text;

TEST_CASE("ligatures become their letters") {
  const auto r = normalize_text(
      "\xEF\xAC\x80 \xEF\xAC\x81 \xEF\xAC\x82 \xEF\xAC\x83 \xEF\xAC\x84 "
      "\xEF\xAC\x85 \xEF\xAC\x86 of\xEF\xAC\x81"
      "ce");
  CHECK(r.text == "ff fi fl ffi ffl st st office");
  CHECK(r.unmapped_glyphs == 0);
}

TEST_CASE("soft hyphens are removed; at a line end they join the word; hard hyphens stay") {
  CHECK(normalize_text("de\xC2\xADvel\xC2\xADop").text == "develop");
  CHECK(normalize_text("develop\xC2\xAD\nment team").text == "development team");
  CHECK(normalize_text("develop-\nment and front-end").text == "develop-\nment and front-end");
}

TEST_CASE("in a PDF a soft hyphen was drawn: it is a hyphen (TeX fonts draw '-' as U+00AD)") {
  using tailor::extract::SoftHyphens;
  CHECK(normalize_text("high\xC2\xADimpact start\xC2\xADup", SoftHyphens::drawn).text == "high-impact start-up");
  CHECK(normalize_text("develop\xC2\xAD\nment", SoftHyphens::drawn).text == "develop-\nment");
}

TEST_CASE("odd bullets become a bullet and one space") {
  CHECK(normalize_text("\xEF\x82\xB7\tC++").text == "\xE2\x80\xA2 C++");  // U+F0B7
  CHECK(normalize_text("\xEF\x82\xA7 Go\n\xEF\x81\xB6 Rust").text ==      // F0A7, F076
        "\xE2\x80\xA2 Go\n\xE2\x80\xA2 Rust");
  CHECK(normalize_text("\xE2\x96\xAA"
                       "Docker")
            .text == "\xE2\x80\xA2 Docker");                                   // U+25AA
  CHECK(normalize_text("C++ \xE2\x97\x8F Go").text == "C++ \xE2\x80\xA2 Go");  // U+25CF
  CHECK(normalize_text("\xE2\x80\xA2 kept").text == "\xE2\x80\xA2 kept");      // U+2022
  // Another Symbol-font glyph at the start of a line is a bullet too, and not unmapped.
  const auto r = normalize_text("  \xEF\x83\x98 Led a team");  // U+F0D8
  CHECK(r.text == "  \xE2\x80\xA2 Led a team");
  CHECK(r.unmapped_glyphs == 0);
}

TEST_CASE("fixed-width spaces become spaces; zero-width characters go; ZWNJ stays") {
  CHECK(normalize_text("New\xC2\xA0York 10\xE2\x80\x89km a\xE2\x80\xAF"
                       "b")
            .text == "New York 10 km a b");
  CHECK(normalize_text("Ja\xE2\x80\x8Bne\xEF\xBB\xBF Doe\xE2\x81\xA0").text == "Jane Doe");
  CHECK(normalize_text("\xD9\x85\xDB\x8C\xE2\x80\x8C\xD8\xAE").text ==
        "\xD9\x85\xDB\x8C\xE2\x80\x8C\xD8\xAE");
}

TEST_CASE("text is put in NFC") {
  CHECK(normalize_text("Re\xCC\x81sume\xCC\x81").text == "R\xC3\xA9sum\xC3\xA9");
  CHECK(normalize_text("\xC3\xA9t\xC3\xA9").text == "\xC3\xA9t\xC3\xA9");
}

TEST_CASE("glyphs that map to no character are counted and kept as U+FFFD") {
  // U+FFFD, a private-use code point inside a word, a control character, ill-formed UTF-8.
  const auto r = normalize_text(
      "a\xEF\xBF\xBD"
      "b c\xEE\x84\xA3"
      "d e\x01"
      "f g\xFFh");
  CHECK(r.unmapped_glyphs == 4);
  CHECK(r.text ==
        "a\xEF\xBF\xBD"
        "b c\xEF\xBF\xBD"
        "d e\xEF\xBF\xBD"
        "f g\xEF\xBF\xBDh");
  const auto clean = normalize_text("tabs\tnew\nlines\fpages\r\n");
  CHECK(clean.unmapped_glyphs == 0);
  CHECK(clean.text == "tabs\tnew\nlines\fpages\r\n");
}
