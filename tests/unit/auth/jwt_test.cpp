#include <doctest/doctest.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <algorithm>
#include <string>

#include "common/auth/jwt.hpp"
#include "common/auth/tokens.hpp"

using namespace tailor;
using namespace tailor::auth;

namespace {

constexpr std::string_view kSecret = "test-secret-0123456789-abcdefghijklmnop";
constexpr std::int64_t kNow = 1'700'000'000;

Claims sample() {
  Claims c;
  c.sub = "0b8f3c2e-8d0b-4c39-9a59-1f6f3f6d3e21";
  c.iat = kNow;
  c.exp = kNow + 900;
  c.jti = "jti-1";
  return c;
}

// Builds header.payload.signature by hand, signing with HS256 whatever the header says.
std::string forge(std::string_view header_json, std::string_view payload_json,
                  std::string_view secret = kSecret) {
  std::string signing_input = base64url_encode(header_json) + "." + base64url_encode(payload_json);
  unsigned char md[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  HMAC(EVP_sha256(), secret.data(), static_cast<int>(secret.size()),
       reinterpret_cast<const unsigned char*>(signing_input.data()), signing_input.size(), md,
       &len);
  return signing_input + "." + base64url_encode(std::string_view(reinterpret_cast<char*>(md), len));
}

constexpr std::string_view kHeader = R"({"alg":"HS256","typ":"JWT"})";
constexpr std::string_view kPayload =
    R"({"sub":"u1","iat":1700000000,"exp":1700000900,"typ":"access"})";

std::string message_of(const Result<Claims>& r) {
  return r ? std::string() : r.error().message;
}

const std::string kInvalid = "the access token is invalid";

}  // namespace

TEST_CASE("sign then verify round-trips the claims") {
  std::string token = sign_jwt(sample(), kSecret);
  CHECK(std::count(token.begin(), token.end(), '.') == 2);
  CHECK(token.find('=') == std::string::npos);
  auto claims = verify_jwt(token, kSecret, kNow + 10);
  REQUIRE(claims);
  CHECK(claims->sub == sample().sub);
  CHECK(claims->iat == kNow);
  CHECK(claims->exp == kNow + 900);
  CHECK(claims->jti == "jti-1");
  CHECK(claims->typ == "access");

  Claims refresh = sample();
  refresh.typ = "refresh";
  refresh.jti.clear();
  auto r = verify_jwt(sign_jwt(refresh, kSecret), kSecret, kNow);
  REQUIRE(r);
  CHECK(r->typ == "refresh");
  CHECK(r->jti.empty());
}

TEST_CASE("a hand-built HS256 token verifies (the forging helper is right)") {
  auto r = verify_jwt(forge(kHeader, kPayload), kSecret, kNow);
  REQUIRE(r);
  CHECK(r->sub == "u1");
}

TEST_CASE("tampering is detected") {
  std::string token = sign_jwt(sample(), kSecret);
  std::size_t dot1 = token.find('.'), dot2 = token.rfind('.');

  SUBCASE("payload swapped for another") {
    std::string other = base64url_encode(
        R"({"sub":"someone-else","iat":1700000000,"exp":1700000900,"jti":"jti-1","typ":"access"})");
    std::string t = token.substr(0, dot1 + 1) + other + token.substr(dot2);
    auto r = verify_jwt(t, kSecret, kNow);
    CHECK(message_of(r) == kInvalid);
    CHECK(r.error().code == Errc::unauthenticated);
  }
  SUBCASE("one payload character changed") {
    std::string t = token;
    t[dot1 + 5] = t[dot1 + 5] == 'A' ? 'B' : 'A';
    CHECK(message_of(verify_jwt(t, kSecret, kNow)) == kInvalid);
  }
  SUBCASE("signature changed") {
    std::string t = token;
    t[dot2 + 3] = t[dot2 + 3] == 'A' ? 'B' : 'A';
    CHECK(message_of(verify_jwt(t, kSecret, kNow)) == kInvalid);
  }
  SUBCASE("signature truncated or removed") {
    CHECK(message_of(verify_jwt(token.substr(0, token.size() - 2), kSecret, kNow)) == kInvalid);
    CHECK(message_of(verify_jwt(token.substr(0, dot2 + 1), kSecret, kNow)) == kInvalid);
    CHECK(message_of(verify_jwt(token.substr(0, dot2), kSecret, kNow)) == kInvalid);
  }
  SUBCASE("wrong secret") {
    CHECK(message_of(verify_jwt(token, "another-secret-0123456789-abcdefghijk", kNow)) == kInvalid);
    CHECK(message_of(verify_jwt(token, "", kNow)) == kInvalid);
  }
}

TEST_CASE("headers other than exactly HS256/JWT are refused") {
  SUBCASE("alg none, unsigned") {
    std::string t =
        base64url_encode(R"({"alg":"none","typ":"JWT"})") + "." + base64url_encode(kPayload) + ".";
    CHECK(message_of(verify_jwt(t, kSecret, kNow)) == kInvalid);
  }
  SUBCASE("alg none, even with a valid HMAC") {
    CHECK(message_of(verify_jwt(forge(R"({"alg":"none","typ":"JWT"})", kPayload), kSecret, kNow)) ==
          kInvalid);
  }
  SUBCASE("alg HS512") {
    CHECK(message_of(verify_jwt(forge(R"({"alg":"HS512","typ":"JWT"})", kPayload), kSecret,
                                kNow)) == kInvalid);
  }
  SUBCASE("alg RS256") {
    CHECK(message_of(verify_jwt(forge(R"({"alg":"RS256","typ":"JWT"})", kPayload), kSecret,
                                kNow)) == kInvalid);
  }
  SUBCASE("lowercase alg, missing typ, extra members") {
    CHECK(message_of(verify_jwt(forge(R"({"alg":"hs256","typ":"JWT"})", kPayload), kSecret,
                                kNow)) == kInvalid);
    CHECK(message_of(verify_jwt(forge(R"({"alg":"HS256"})", kPayload), kSecret, kNow)) == kInvalid);
    CHECK(message_of(verify_jwt(forge(R"({"alg":"HS256","typ":"JWT","kid":"x"})", kPayload),
                                kSecret, kNow)) == kInvalid);
  }
  SUBCASE("member order does not matter") {
    CHECK(verify_jwt(forge(R"({"typ":"JWT","alg":"HS256"})", kPayload), kSecret, kNow));
  }
}

TEST_CASE("times: expiry and issued-at with leeway") {
  std::string token = sign_jwt(sample(), kSecret);  // iat kNow, exp kNow+900
  CHECK(verify_jwt(token, kSecret, kNow + 900));
  CHECK(verify_jwt(token, kSecret, kNow + 930));  // within the default 30 s leeway
  auto expired = verify_jwt(token, kSecret, kNow + 931);
  CHECK(message_of(expired) == "the access token has expired");
  CHECK(expired.error().code == Errc::unauthenticated);
  CHECK(message_of(verify_jwt(token, kSecret, kNow + 901, 0)) == "the access token has expired");

  // Issued in the future beyond the leeway.
  CHECK(verify_jwt(token, kSecret, kNow - 30));
  CHECK(message_of(verify_jwt(token, kSecret, kNow - 31)) == kInvalid);

  // Huge exp does not overflow into "expired" or crash.
  CHECK(verify_jwt(forge(kHeader, R"({"sub":"u1","iat":1700000000,"exp":9223372036854775807})"),
                   kSecret, kNow));
}

TEST_CASE("payload problems") {
  auto check_payload = [](std::string_view payload) {
    return message_of(verify_jwt(forge(kHeader, payload), kSecret, kNow));
  };
  CHECK(check_payload(R"({"iat":1700000000,"exp":1700000900})") == kInvalid);           // no sub
  CHECK(check_payload(R"({"sub":"","iat":1700000000,"exp":1700000900})") == kInvalid);  // empty sub
  CHECK(check_payload(R"({"sub":"u1","iat":1700000000})") == kInvalid);                 // no exp
  CHECK(check_payload(R"({"sub":"u1","exp":"1700000900"})") == kInvalid);        // exp a string
  CHECK(check_payload(R"({"sub":7,"exp":1700000900})") == kInvalid);             // sub a number
  CHECK(check_payload(R"({"sub":"u1","exp":1700000900,"typ":5})") == kInvalid);  // typ a number
  CHECK(check_payload(R"(["sub","u1"])") == kInvalid);                           // not an object
  CHECK(check_payload(R"({"sub":"u1","exp":17)") == kInvalid);                   // bad JSON
  CHECK(check_payload("") == kInvalid);
  CHECK(check_payload(R"({"sub":"u1","exp":1700000900})") == "");  // iat optional
}

TEST_CASE("garbage tokens") {
  for (std::string_view t : {"", ".", "..", "...", "abc", "a.b", "a.b.c", "a.b.c.d", "eyJ.eyJ.sig",
                             "!!!.???.***", "   "}) {
    CAPTURE(t);
    CHECK(message_of(verify_jwt(t, kSecret, kNow)) == kInvalid);
  }
  // Padding is not base64url as JWTs use it.
  std::string token = sign_jwt(sample(), kSecret);
  CHECK(message_of(verify_jwt(token + "=", kSecret, kNow)) == kInvalid);
  std::string with_pad = token;
  with_pad.insert(token.find('.'), "==");
  CHECK(message_of(verify_jwt(with_pad, kSecret, kNow)) == kInvalid);
  // Standard base64 characters are not base64url.
  std::string plus = token;
  plus[plus.rfind('.') + 1] = '+';
  CHECK(message_of(verify_jwt(plus, kSecret, kNow)) == kInvalid);
}
