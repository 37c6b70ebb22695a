#pragma once
// HS256 JSON Web Tokens (RFC 7519) for access tokens. Deliberately narrow: one algorithm, one
// header, the claims Tailor uses. Anything else is rejected rather than interpreted.
#include <cstdint>
#include <string>
#include <string_view>

#include "common/core/error.hpp"

namespace tailor::auth {

struct Claims {
  std::string sub;       // the user id
  std::int64_t iat = 0;  // issued at, Unix seconds
  std::int64_t exp = 0;  // expires at, Unix seconds
  std::string jti;       // token id (optional; empty when absent)
  std::string typ = "access";
};

// header {"alg":"HS256","typ":"JWT"} . payload {"sub","iat","exp","jti"?,"typ"} . HMAC-SHA256.
// Throws std::invalid_argument on an empty secret (a configuration bug).
std::string sign_jwt(const Claims& claims, std::string_view secret);

// Verifies the signature (constant time) and the times, and returns the claims. Fails with
// unauthenticated:
//   "the access token has expired"  when exp + leeway_s < now_unix;
//   "the access token is invalid"   for everything else: not three base64url parts, a header
//     other than exactly alg HS256 / typ JWT (so "none" and other algorithms), bad JSON, a wrong
//     signature, an iat more than leeway_s in the future, a missing/empty sub or missing exp.
// The caller must still check `typ` (e.g. that it is "access") and any revocation by jti.
Result<Claims> verify_jwt(std::string_view token, std::string_view secret, std::int64_t now_unix,
                          std::int64_t leeway_s = 30);

}  // namespace tailor::auth
