#include "common/files/utf8.hpp"

#include <doctest/doctest.h>

#include "common/files/byte_size.hpp"

using tailor::files::find_invalid_utf8;
using tailor::files::normalize_text;
using tailor::files::to_valid_utf8;
using tailor::files::utf8_prefix_length;

TEST_CASE("well-formed UTF-8 is accepted, ill-formed is located") {
  CHECK_FALSE(find_invalid_utf8(""));
  CHECK_FALSE(find_invalid_utf8("plain ASCII"));
  CHECK_FALSE(find_invalid_utf8("R\xC3\xA9sum\xC3\xA9 \xE4\xB8\xAD\xE6\x96\x87 \xF0\x9F\x98\x80"));
  CHECK(find_invalid_utf8("caf\xE9 au lait") == 3u);    // Latin-1 é
  CHECK(find_invalid_utf8("a\xC0\xAF") == 1u);          // overlong "/"
  CHECK(find_invalid_utf8("a\xED\xA0\x80") == 1u);      // UTF-16 surrogate
  CHECK(find_invalid_utf8("a\xF4\x90\x80\x80") == 1u);  // above U+10FFFF
  CHECK(find_invalid_utf8("ab\x80") == 2u);             // stray continuation byte
}

TEST_CASE("a sequence cut by the end counts only when the caller allows it") {
  const std::string cut = "abc\xE4\xB8";  // first two bytes of 中
  CHECK(find_invalid_utf8(cut) == 3u);
  CHECK_FALSE(find_invalid_utf8(cut, /*allow_cut_tail=*/true));
  // A bad byte before the end is still bad.
  CHECK(find_invalid_utf8("\xE4\x41\xB8", true) == 0u);
}

TEST_CASE("to_valid_utf8 replaces each ill-formed byte with U+FFFD") {
  CHECK(to_valid_utf8("ok \xC3\xA9") == "ok \xC3\xA9");
  CHECK(to_valid_utf8("a\xFF"
                      "b") ==
        "a\xEF\xBF\xBD"
        "b");
  CHECK(to_valid_utf8("end\xE4\xB8") == "end\xEF\xBF\xBD");
  CHECK_FALSE(find_invalid_utf8(to_valid_utf8("\x80\x81\xC0\xAF\xED\xA0\x80")));
}

TEST_CASE("utf8_prefix_length never splits a character") {
  const std::string s =
      "ab\xE4\xB8\xAD"
      "c";  // a b 中 c
  CHECK(utf8_prefix_length(s, 2) == 2u);
  CHECK(utf8_prefix_length(s, 3) == 2u);
  CHECK(utf8_prefix_length(s, 4) == 2u);
  CHECK(utf8_prefix_length(s, 5) == 5u);
  CHECK(utf8_prefix_length(s, 100) == s.size());
}

TEST_CASE("normalize_text unifies line ends and drops NUL bytes") {
  CHECK(normalize_text("a\r\nb\rc\nd") == "a\nb\nc\nd");
  CHECK(normalize_text(std::string("x\0y", 3)) == "xy");
  CHECK(normalize_text("\r\n\r\n") == "\n\n");
}

TEST_CASE("human_bytes writes limits the way people read them") {
  using tailor::files::human_bytes;
  CHECK(human_bytes(300) == "300 bytes");
  CHECK(human_bytes(512 * 1024) == "512 KiB");
  CHECK(human_bytes(20ull * 1024 * 1024) == "20 MiB");
  CHECK(human_bytes(3ull * 1024 * 1024 / 2) == "1.5 MiB");
  CHECK(human_bytes(2ull << 30) == "2 GiB");
}
