#pragma once
// Password hashing (argon2id), verification and the strength policy for new passwords.
// Hashing costs tens of milliseconds by design: call these from a blocking thread pool,
// never from an I/O thread.
#include <cstdint>
#include <string>
#include <string_view>

#include "common/core/error.hpp"

namespace tailor::auth {

// OWASP's argon2id recommendation: 19 MiB, 2 iterations, 1 lane.
inline constexpr std::uint32_t kArgon2TimeCost = 2;
inline constexpr std::uint32_t kArgon2MemoryKiB = 19456;
inline constexpr std::uint32_t kArgon2Parallelism = 1;
inline constexpr std::size_t kArgon2SaltBytes = 16;
inline constexpr std::size_t kArgon2HashBytes = 32;

inline constexpr std::size_t kMinPasswordChars = 10;   // Unicode code points
inline constexpr std::size_t kMaxPasswordBytes = 128;  // UTF-8 bytes
inline constexpr std::size_t kLongPasswordChars =
    16;  // from here on, any mix of characters is fine

// The encoded PHC string, e.g. "$argon2id$v=19$m=19456,t=2,p=1$<salt>$<hash>", with a fresh
// 16-byte salt. Throws std::runtime_error only if randomness or argon2 itself fails (out of
// memory): there is no expected failure.
std::string hash_password(std::string_view password);

// True when `password` matches `encoded`. False on mismatch and on a malformed or non-argon2id
// `encoded` string.
bool verify_password(std::string_view password, const std::string& encoded);

// Does the work of one verify_password against a fixed dummy hash and discards the answer.
// Call it when the e-mail at login is unknown, so response time does not reveal which
// addresses have accounts.
void burn_password_check(std::string_view password);

// The policy for new passwords. Fails with invalid_argument and a message the person can act on:
// at least 10 characters; at most 128 bytes; at least 3 of lowercase, uppercase, digits and other
// characters unless 16+ characters long; not containing the e-mail's local part (if 3+ chars);
// not one of the most common passwords. `email` may be empty.
Status check_password_strength(std::string_view password, std::string_view email);

// For tests: the dummy hash burn_password_check verifies against.
std::string_view dummy_password_hash();

}  // namespace tailor::auth
