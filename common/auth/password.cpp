#include "common/auth/password.hpp"

#include <argon2.h>
#include <openssl/crypto.h>
#include <openssl/rand.h>

#include <algorithm>
#include <array>
#include <stdexcept>
#include <string>
#include <vector>

namespace tailor::auth {
namespace {

// argon2id of a random password nobody knows, with the same parameters as hash_password, so a
// check against it costs what a real one does. A test asserts the parameters match.
constexpr std::string_view kDummyHash =
    "$argon2id$v=19$m=19456,t=2,p=1$daWZ8nDAXc1mkTOTu8zZQg$Ym9+"
    "yHg5CI6wFY4PStVOFem7Ot3E54p6gQUrSoGQZzQ";

// The most common passwords that would otherwise pass the other rules or that people try most;
// compared case-insensitively. Sources: public breach-frequency lists (SecLists, NCSC top 100k).
constexpr std::string_view kCommonPasswords[] = {
    "password",    "password1",    "password12",   "password123",  "password1234",  "password!",
    "password1!",  "password123!", "passw0rd",     "passw0rd!",    "p@ssw0rd",      "p@ssw0rd1",
    "p@ssword123", "qwertyuiop",   "qwerty123",    "qwerty1234",   "qwerty12345",   "qwerty123456",
    "qwertyuiop1", "1q2w3e4r5t",   "1q2w3e4r5t6y", "1qaz2wsx3edc", "zaq12wsx",      "123456789",
    "1234567890",  "12345678910",  "0123456789",   "123456789a",   "a123456789",    "abc1234567",
    "abcdefghij",  "abcd1234",     "1234qwer",     "iloveyou",     "iloveyou1",     "iloveyou123",
    "welcome123",  "welcome1!",    "letmein123",   "admin12345",   "administrator", "changeme123",
    "sunshine123", "princess123",  "football123",  "baseball123",  "monkey12345",   "dragon12345",
    "trustno1",    "starwars123",  "superman123",  "qazwsxedc123",
};

std::string lower_ascii(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

std::size_t code_points(std::string_view s) {
  return static_cast<std::size_t>(std::count_if(
      s.begin(), s.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

}  // namespace

std::string hash_password(std::string_view password) {
  std::array<unsigned char, kArgon2SaltBytes> salt{};
  if (RAND_bytes(salt.data(), static_cast<int>(salt.size())) != 1) {
    throw std::runtime_error("OpenSSL RAND_bytes failed: no secure randomness for a password salt");
  }
  std::size_t len = argon2_encodedlen(kArgon2TimeCost, kArgon2MemoryKiB, kArgon2Parallelism,
                                      static_cast<std::uint32_t>(salt.size()),
                                      static_cast<std::uint32_t>(kArgon2HashBytes), Argon2_id);
  std::vector<char> encoded(len + 1, '\0');
  int rc = argon2id_hash_encoded(kArgon2TimeCost, kArgon2MemoryKiB, kArgon2Parallelism,
                                 password.data(), password.size(), salt.data(), salt.size(),
                                 kArgon2HashBytes, encoded.data(), encoded.size());
  if (rc != ARGON2_OK) {
    throw std::runtime_error(std::string("argon2id hashing failed: ") + argon2_error_message(rc));
  }
  return std::string(encoded.data());
}

bool verify_password(std::string_view password, const std::string& encoded) {
  // Only our own algorithm: a stored hash of another kind is a bug, not a login.
  if (encoded.rfind("$argon2id$", 0) != 0) return false;
  return argon2id_verify(encoded.c_str(), password.data(), password.size()) == ARGON2_OK;
}

void burn_password_check(std::string_view password) {
  static_cast<void>(verify_password(password, std::string(kDummyHash)));
}

std::string_view dummy_password_hash() {
  return kDummyHash;
}

Status check_password_strength(std::string_view password, std::string_view email) {
  if (code_points(password) < kMinPasswordChars) {
    return fail(Errc::invalid_argument, "the password must be at least 10 characters");
  }
  if (password.size() > kMaxPasswordBytes) {
    return fail(Errc::invalid_argument,
                "the password must be at most 128 bytes (fewer characters if it uses accents or "
                "non-Latin letters)");
  }
  std::string lowered = lower_ascii(password);
  for (std::string_view common : kCommonPasswords) {
    if (lowered == common) {
      return fail(Errc::invalid_argument,
                  "the password is one of the most commonly used passwords; choose another");
    }
  }
  std::string_view local = email.substr(0, email.find('@'));
  if (local.size() >= 3 && lowered.find(lower_ascii(local)) != std::string::npos) {
    return fail(Errc::invalid_argument, "the password must not contain your e-mail address");
  }
  if (code_points(password) < kLongPasswordChars) {
    bool lower = false, upper = false, digit = false, other = false;
    for (char c : password) {
      if (c >= 'a' && c <= 'z')
        lower = true;
      else if (c >= 'A' && c <= 'Z')
        upper = true;
      else if (c >= '0' && c <= '9')
        digit = true;
      else
        other = true;
    }
    if (int{lower} + int{upper} + int{digit} + int{other} < 3) {
      return fail(Errc::invalid_argument,
                  "the password must use at least 3 of: lowercase letters, uppercase letters, "
                  "digits, symbols — or be at least 16 characters long");
    }
  }
  return {};
}

}  // namespace tailor::auth
