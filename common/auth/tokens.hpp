#pragma once
// Small cryptographic helpers: random tokens, SHA-256, constant-time comparison, base64url and
// UUIDs. Randomness comes from OpenSSL's CSPRNG; if it fails the process cannot continue safely,
// so these throw std::runtime_error (a startup/environment failure, not an expected error).
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace tailor::auth {

// `bytes` random bytes, base64url-encoded without padding (32 bytes -> 43 characters).
std::string random_token(std::size_t bytes = 32);

// Lowercase hex SHA-256 of `data` (64 characters). Used to store refresh/reset tokens.
std::string sha256_hex(std::string_view data);

// Compares in time that depends only on the lengths, never on where the inputs differ.
bool constant_time_equal(std::string_view a, std::string_view b);

// RFC 4648 §5 alphabet, no padding.
std::string base64url_encode(std::string_view bytes);
// Strict: rejects padding, whitespace, characters outside the alphabet, an impossible length and
// non-zero trailing bits (so every input has exactly one encoding). nullopt on any of those.
std::optional<std::string> base64url_decode(std::string_view text);

// A random (version 4) UUID in canonical lowercase form: xxxxxxxx-xxxx-4xxx-Nxxx-xxxxxxxxxxxx.
std::string new_uuid();
// True for the canonical 36-character form (8-4-4-4-12 hex digits, either case); any version.
bool is_uuid(std::string_view text);

}  // namespace tailor::auth
