#include <doctest/doctest.h>

#include <set>
#include <string>

#include "common/auth/tokens.hpp"

using namespace tailor::auth;

TEST_CASE("base64url round trip and RFC 4648 vectors") {
  CHECK(base64url_encode("") == "");
  CHECK(base64url_encode("f") == "Zg");
  CHECK(base64url_encode("fo") == "Zm8");
  CHECK(base64url_encode("foo") == "Zm9v");
  CHECK(base64url_encode("foob") == "Zm9vYg");
  CHECK(base64url_encode("fooba") == "Zm9vYmE");
  CHECK(base64url_encode("foobar") == "Zm9vYmFy");
  CHECK(base64url_encode("\xfb\xff\xfe") == "-__-");
  for (std::string_view s : {"", "f", "fo", "foo", "foob", "fooba", "foobar", "\xfb\xff\xfe"}) {
    CHECK(base64url_decode(base64url_encode(s)) == std::string(s));
  }
  std::string all;
  for (int i = 0; i < 256; ++i) all.push_back(static_cast<char>(i));
  CHECK(base64url_decode(base64url_encode(all)) == all);
}

TEST_CASE("base64url_decode is strict") {
  CHECK_FALSE(base64url_decode("Zg=="));   // padding
  CHECK_FALSE(base64url_decode("Zm9v+"));  // '+' is standard base64
  CHECK_FALSE(base64url_decode("Zm9v/A"));
  CHECK_FALSE(base64url_decode("Zm 9v"));  // whitespace
  CHECK_FALSE(base64url_decode("Z"));      // impossible length
  CHECK_FALSE(base64url_decode("Zh"));     // non-zero trailing bits ("Zg" is canonical)
  CHECK_FALSE(base64url_decode("Zm9"));    // "Zm8" is canonical
  CHECK(base64url_decode("") == std::string());
}

TEST_CASE("random_token") {
  std::string t = random_token();
  CHECK(t.size() == 43);
  CHECK(base64url_decode(t)->size() == 32);
  CHECK(random_token(16).size() == 22);
  std::set<std::string> seen;
  for (int i = 0; i < 100; ++i) seen.insert(random_token());
  CHECK(seen.size() == 100);
}

TEST_CASE("sha256_hex") {
  CHECK(sha256_hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  CHECK(sha256_hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST_CASE("constant_time_equal") {
  CHECK(constant_time_equal("", ""));
  CHECK(constant_time_equal("abc", "abc"));
  CHECK_FALSE(constant_time_equal("abc", "abd"));
  CHECK_FALSE(constant_time_equal("abc", "abcd"));
  CHECK_FALSE(constant_time_equal("", "a"));
}

TEST_CASE("new_uuid and is_uuid") {
  std::set<std::string> seen;
  for (int i = 0; i < 200; ++i) {
    std::string u = new_uuid();
    CAPTURE(u);
    CHECK(u.size() == 36);
    CHECK(is_uuid(u));
    CHECK(u[14] == '4');                                                    // version 4
    CHECK(std::string_view("89ab").find(u[19]) != std::string_view::npos);  // RFC 4122 variant
    for (char c : u) CHECK(((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || c == '-'));
    seen.insert(u);
  }
  CHECK(seen.size() == 200);

  CHECK(is_uuid("0b8f3c2e-8d0b-4c39-9a59-1f6f3f6d3e21"));
  CHECK(is_uuid("0B8F3C2E-8D0B-4C39-9A59-1F6F3F6D3E21"));
  CHECK(is_uuid("00000000-0000-0000-0000-000000000000"));
  CHECK_FALSE(is_uuid(""));
  CHECK_FALSE(is_uuid("0b8f3c2e8d0b4c399a591f6f3f6d3e21"));        // no hyphens
  CHECK_FALSE(is_uuid("{0b8f3c2e-8d0b-4c39-9a59-1f6f3f6d3e21}"));  // braces
  CHECK_FALSE(is_uuid("0b8f3c2e-8d0b-4c39-9a59-1f6f3f6d3e2"));     // short
  CHECK_FALSE(is_uuid("0b8f3c2e-8d0b-4c39-9a59-1f6f3f6d3e21 "));   // trailing space
  CHECK_FALSE(is_uuid("0b8f3c2g-8d0b-4c39-9a59-1f6f3f6d3e21"));    // 'g'
  CHECK_FALSE(is_uuid("0b8f3c2e-8d0b-4c39-9a5-91f6f3f6d3e21"));    // hyphen misplaced
  CHECK_FALSE(is_uuid("../../../etc/passwd-xxxxxxxxxxxxxxxxx"));
}
