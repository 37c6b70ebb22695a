#pragma once
// Accounts and sessions: registration, login with lockout, access tokens (HS256, short-lived),
// rotating refresh tokens stored hashed, logout. Plain functions over the database; the HTTP
// handlers in api/handlers/auth.cpp only parse and map.
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

#include "common/core/config.hpp"
#include "common/core/error.hpp"
#include "common/db/pool.hpp"

namespace tailor::accounts {

struct User {
  std::string id;
  std::string email;
  bool email_verified = false;
  std::string created_at;
};

struct Tokens {
  std::string access_token;
  std::string refresh_token;
  int expires_in = 0;  // seconds until the access token expires
};

// Failed logins in a row that lock an account, and for how long.
inline constexpr int kMaxFailedLogins = 5;
inline constexpr int kLockoutSeconds = 15 * 60;

using Clock = std::function<std::int64_t()>;  // Unix seconds

class Accounts {
 public:
  Accounts(db::Pool& pool, const core::Config& config, Clock clock = nullptr);

  // invalid_argument for a bad e-mail or weak password; already_exists when the e-mail is taken.
  Result<User> register_user(std::string_view email, std::string_view password, const std::string& request_id);
  // unauthenticated for a wrong e-mail or password (the same message for both);
  // resource_exhausted while the account is locked.
  Result<Tokens> login(std::string_view email, std::string_view password, const std::string& request_id);
  // Spends the refresh token and returns its successor. A token spent before revokes its whole
  // family (someone replayed it) and fails with unauthenticated, as do unknown or expired ones.
  Result<Tokens> refresh(std::string_view refresh_token, const std::string& request_id);
  // Revokes the refresh token's family. Unknown tokens are fine (logout is idempotent).
  Status logout(std::string_view refresh_token, const std::string& request_id);
  // The user id in a valid access token; unauthenticated otherwise.
  Result<std::string> authenticate(std::string_view access_token) const;
  Result<User> get_user(const std::string& user_id);

 private:
  Tokens issue(soci::session& s, const std::string& user_id, const std::string& family_id);

  db::Pool& pool_;
  const core::Config& config_;
  Clock clock_;
};

}  // namespace tailor::accounts
