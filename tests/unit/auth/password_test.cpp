#include <doctest/doctest.h>

#include <string>

#include "common/auth/password.hpp"

using namespace tailor;
using namespace tailor::auth;

TEST_CASE("hash_password gives an argon2id PHC string with OWASP parameters that verifies") {
  std::string h = hash_password("correct horse battery staple");
  CHECK(h.rfind("$argon2id$v=19$m=19456,t=2,p=1$", 0) == 0);
  CHECK(verify_password("correct horse battery staple", h));
  CHECK_FALSE(verify_password("correct horse battery stapl", h));
  CHECK_FALSE(verify_password("", h));
  // A fresh salt each time.
  CHECK(hash_password("correct horse battery staple") != h);
}

TEST_CASE("verify_password is false for malformed or foreign hashes") {
  CHECK_FALSE(verify_password("x", ""));
  CHECK_FALSE(verify_password("x", "not a hash"));
  CHECK_FALSE(verify_password("x", "$argon2id$v=19$m=19456,t=2,p=1$garbage"));
  CHECK_FALSE(verify_password("x", "$argon2i$v=19$m=19456,t=2,p=1$c29tZXNhbHQ$aGFzaA"));
  CHECK_FALSE(verify_password("x", "$2b$12$abcdefghijklmnopqrstuu"));
}

TEST_CASE("the dummy hash costs what a real check does") {
  // Same parameters as hash_password, so burn_password_check takes as long as verify_password.
  std::string dummy(dummy_password_hash());
  CHECK(dummy.rfind("$argon2id$v=19$m=19456,t=2,p=1$", 0) == 0);
  CHECK_FALSE(verify_password("password123", dummy));
  burn_password_check("anything");  // must not throw
}

TEST_CASE("check_password_strength") {
  auto message = [](std::string_view pw, std::string_view email = "") {
    auto st = check_password_strength(pw, email);
    return st ? std::string() : st.error().message;
  };
  SUBCASE("a good password passes") {
    CHECK(check_password_strength("Tr0mbone-Sky", "ann@example.com"));
    CHECK(check_password_strength("tr0mbone-sky", ""));
  }
  SUBCASE("too short, counted in characters not bytes") {
    CHECK(message("Ab1!xyz") == "the password must be at least 10 characters");
    CHECK(check_password_strength("Ab1!xyz", "").error().code == Errc::invalid_argument);
    // 9 characters, 18 bytes: still too short.
    CHECK(message("ÄÖÜäöüßé1") == "the password must be at least 10 characters");
    // 10 characters of which some are non-ASCII: long enough; other (Ä) + lower + digit.
    CHECK(message("Äpfelbaum7") == "");
  }
  SUBCASE("too long in bytes") {
    CHECK(message(std::string(129, 'a')).find("at most 128 bytes") != std::string::npos);
    CHECK(message(std::string(120, 'a') + "Bc1!xyz") == "");  // 127 bytes
  }
  SUBCASE("needs 3 of 4 classes unless 16+ characters") {
    std::string want =
        "the password must use at least 3 of: lowercase letters, uppercase letters, digits, "
        "symbols — or be at least 16 characters long";
    CHECK(message("abcdefghijk") == want);
    CHECK(message("abcdefghij12") == want);
    CHECK(message("ABCDEFGH12") == want);
    CHECK(message("abcdefGH12") == "");
    CHECK(message("abcdef-h12") == "");
    CHECK(message("purple monkey dishwasher") == "");  // long passphrase, 2 classes
  }
  SUBCASE("must not contain the e-mail's local part") {
    CHECK(message("Jonathan-2024!", "jonathan@example.com") ==
          "the password must not contain your e-mail address");
    CHECK(message("xxJONATHANxx1", "Jonathan@example.com") ==
          "the password must not contain your e-mail address");
    // Local parts under 3 characters are not checked.
    CHECK(message("Jo-Secure-9xyz", "jo@example.com") == "");
  }
  SUBCASE("common passwords are refused, whatever their case") {
    std::string want = "the password is one of the most commonly used passwords; choose another";
    CHECK(message("password123") == want);
    CHECK(message("Password123!") == want);
    CHECK(message("QWERTYUIOP") == want);
    CHECK(message("1q2w3e4r5t") == want);
  }
}
