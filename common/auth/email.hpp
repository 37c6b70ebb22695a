#pragma once
// E-mail addresses as account identifiers: one canonical spelling per address.
#include <string>
#include <string_view>

#include "common/core/error.hpp"

namespace tailor::auth {

inline constexpr std::size_t kMaxEmailLength = 254;

// Trims surrounding whitespace, lowercases the whole address and checks a deliberately plain
// syntax: one '@'; a local part of 1..64 characters from [a-z0-9] and !#$%&'*+/=?^_`{|}~.-
// with no leading, trailing or doubled dot; a domain of at least two dot-separated labels of
// [a-z0-9-] (1..63 each, not starting or ending with '-') whose last label is 2+ letters;
// at most 254 characters in all. No quoted local parts, IP literals or non-ASCII.
// Fails with invalid_argument "the e-mail address is not valid".
Result<std::string> normalize_email(std::string_view input);

}  // namespace tailor::auth
