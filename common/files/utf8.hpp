#pragma once
// UTF-8 checks shared by media-type sniffing and text extraction.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace tailor::files {

// The offset of the first byte that does not start a well-formed UTF-8 sequence (overlongs,
// surrogates and code points above U+10FFFF are ill-formed), or nullopt when all of `text` is
// well-formed. With `allow_cut_tail`, a sequence cut off by the end of `text` (as when `text` is
// the first bytes of a file) counts as well-formed.
std::optional<std::size_t> find_invalid_utf8(std::string_view text, bool allow_cut_tail = false);

// `text` with every ill-formed sequence replaced by U+FFFD, for text from libraries that do not
// promise well-formed output.
std::string to_valid_utf8(std::string_view text);

// The largest n <= max_bytes such that text.substr(0, n) does not split a UTF-8 sequence.
std::size_t utf8_prefix_length(std::string_view text, std::size_t max_bytes);

// `text` with "\r\n" and lone "\r" turned into "\n" and NUL bytes removed (PostgreSQL text
// columns cannot hold NUL).
std::string normalize_text(std::string_view text);

}  // namespace tailor::files
