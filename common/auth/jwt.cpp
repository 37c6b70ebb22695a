#include "common/auth/jwt.hpp"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <array>
#include <stdexcept>

#include "common/auth/tokens.hpp"
#include "common/json/value.hpp"
#include "common/json/writer.hpp"

namespace tailor::auth {
namespace {

constexpr std::size_t kSignatureBytes = 32;  // SHA-256

// The only header we issue or accept, and its encoding.
constexpr std::string_view kHeaderJson = R"({"alg":"HS256","typ":"JWT"})";

std::string hmac_sha256(std::string_view secret, std::string_view data) {
  std::array<unsigned char, EVP_MAX_MD_SIZE> md{};
  unsigned int len = 0;
  if (HMAC(EVP_sha256(), secret.data(), static_cast<int>(secret.size()),
           reinterpret_cast<const unsigned char*>(data.data()), data.size(), md.data(),
           &len) == nullptr ||
      len != kSignatureBytes) {
    throw std::runtime_error("OpenSSL HMAC-SHA256 failed");
  }
  return std::string(reinterpret_cast<const char*>(md.data()), len);
}

std::unexpected<Error> invalid() {
  return fail(Errc::unauthenticated, "the access token is invalid");
}

bool header_ok(std::string_view encoded) {
  auto text = base64url_decode(encoded);
  if (!text) return false;
  auto doc = json::parse(*text);
  if (!doc || !doc->is_object()) return false;
  const auto& members = *doc->as_object();
  if (members.size() != 2) return false;
  return doc->string_at("alg") == std::optional<std::string_view>("HS256") &&
         doc->string_at("typ") == std::optional<std::string_view>("JWT");
}

}  // namespace

std::string sign_jwt(const Claims& claims, std::string_view secret) {
  if (secret.empty()) throw std::invalid_argument("sign_jwt: the JWT secret is empty");
  json::Writer w;
  w.object_begin();
  w.field("sub", claims.sub);
  w.field("iat", claims.iat);
  w.field("exp", claims.exp);
  if (!claims.jti.empty()) w.field("jti", claims.jti);
  w.field("typ", claims.typ);
  w.object_end();
  std::string token = base64url_encode(kHeaderJson);
  token += '.';
  token += base64url_encode(w.str());
  std::string signature = hmac_sha256(secret, token);
  token += '.';
  token += base64url_encode(signature);
  return token;
}

Result<Claims> verify_jwt(std::string_view token, std::string_view secret, std::int64_t now_unix,
                          std::int64_t leeway_s) {
  if (secret.empty() || token.size() > 8192) return invalid();
  std::size_t dot1 = token.find('.');
  if (dot1 == std::string_view::npos) return invalid();
  std::size_t dot2 = token.find('.', dot1 + 1);
  if (dot2 == std::string_view::npos || token.find('.', dot2 + 1) != std::string_view::npos) {
    return invalid();
  }
  std::string_view header = token.substr(0, dot1);
  std::string_view payload = token.substr(dot1 + 1, dot2 - dot1 - 1);
  std::string_view signature = token.substr(dot2 + 1);
  if (header.empty() || payload.empty() || signature.empty()) return invalid();
  if (!header_ok(header)) return invalid();

  auto given = base64url_decode(signature);
  if (!given || given->size() != kSignatureBytes) return invalid();
  std::string expected = hmac_sha256(secret, token.substr(0, dot2));
  if (CRYPTO_memcmp(given->data(), expected.data(), kSignatureBytes) != 0) return invalid();

  auto payload_text = base64url_decode(payload);
  if (!payload_text) return invalid();
  auto doc = json::parse(*payload_text);
  if (!doc || !doc->is_object()) return invalid();

  Claims claims;
  auto sub = doc->string_at("sub");
  auto exp = doc->int_at("exp");
  if (!sub || sub->empty() || !exp) return invalid();
  claims.sub = std::string(*sub);
  claims.exp = *exp;
  if (const json::Value* iat = doc->find("iat")) {
    auto v = iat->as_int();
    if (!v) return invalid();
    claims.iat = *v;
  }
  if (const json::Value* jti = doc->find("jti")) {
    if (!jti->as_string()) return invalid();
    claims.jti = *jti->as_string();
  }
  if (const json::Value* typ = doc->find("typ")) {
    if (!typ->as_string()) return invalid();
    claims.typ = *typ->as_string();
  }
  if (claims.iat > now_unix + leeway_s) return invalid();
  if (claims.exp < now_unix - leeway_s) {  // exp + leeway < now, without overflow
    return fail(Errc::unauthenticated, "the access token has expired");
  }
  return claims;
}

}  // namespace tailor::auth
