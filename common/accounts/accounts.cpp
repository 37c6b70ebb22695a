#include "common/accounts/accounts.hpp"

#include <fmt/format.h>

#include <chrono>
#include <optional>

#include "common/auth/email.hpp"
#include "common/auth/jwt.hpp"
#include "common/auth/password.hpp"
#include "common/auth/tokens.hpp"
#include "common/core/log.hpp"
#include "common/db/audit.hpp"

namespace tailor::accounts {

namespace {
const Error kBadCredentials{Errc::unauthenticated, "the e-mail or password is wrong"};
const Error kBadRefresh{Errc::unauthenticated, "the refresh token is not valid; sign in again"};

std::int64_t system_now() {
  return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

// The outcome of a transaction that must commit even when the caller gets an error
// (a failed-login count, a revoked token family).
template <class T>
struct Committed {
  std::optional<T> value;
  std::optional<Error> error;
};
template <class T>
Result<T> settle(Result<Committed<T>> r) {
  if (!r) return std::unexpected(r.error());
  if (r->error) return std::unexpected(*r->error);
  return std::move(*r->value);
}
}  // namespace

Accounts::Accounts(db::Pool& pool, const core::Config& config, Clock clock)
    : pool_(pool), config_(config), clock_(clock ? std::move(clock) : Clock(system_now)) {}

Result<User> Accounts::register_user(std::string_view email, std::string_view password,
                                     const std::string& request_id) {
  auto normalized = auth::normalize_email(email);
  if (!normalized) return std::unexpected(normalized.error());
  if (auto strong = auth::check_password_strength(password, *normalized); !strong) {
    return std::unexpected(strong.error());
  }
  const std::string hash = auth::hash_password(password);
  User u{auth::new_uuid(), *normalized, false, ""};
  auto r = pool_.transact([&](soci::session& s) {
    s << "INSERT INTO users (id, email, password_hash) VALUES (:id::uuid, :email, :hash) "
         "RETURNING iso_utc(created_at)",
        soci::use(u.id), soci::use(u.email), soci::use(hash), soci::into(u.created_at);
    db::audit(s, {u.id, "user.register", u.id, request_id});
  });
  if (!r) {
    if (r.error().code == Errc::already_exists) {
      return fail(Errc::already_exists, "an account with this e-mail already exists");
    }
    return std::unexpected(r.error());
  }
  return u;
}

Tokens Accounts::issue(soci::session& s, const std::string& user_id, const std::string& family_id) {
  const std::int64_t now = clock_();
  auth::Claims claims{user_id, now, now + config_.access_token_ttl_s, auth::random_token(12), "access"};
  Tokens t{auth::sign_jwt(claims, config_.jwt_secret), auth::random_token(32), config_.access_token_ttl_s};
  const std::string id = auth::new_uuid(), hash = auth::sha256_hex(t.refresh_token);
  const std::int64_t expires = now + config_.refresh_token_ttl_s;
  s << "INSERT INTO refresh_tokens (id, user_id, family_id, token_hash, expires_at) "
       "VALUES (:id::uuid, :u::uuid, :f::uuid, :h, to_timestamp(:e))",
      soci::use(id), soci::use(user_id), soci::use(family_id), soci::use(hash), soci::use(expires);
  return t;
}

Result<Tokens> Accounts::login(std::string_view email, std::string_view password, const std::string& request_id) {
  auto normalized = auth::normalize_email(email);
  if (!normalized) {
    auth::burn_password_check(password);
    return std::unexpected(kBadCredentials);
  }
  struct Row {
    std::string id, hash;
    std::int64_t locked_for = 0;
  };
  auto row = pool_.run([&](soci::session& s) -> std::optional<Row> {
    Row r;
    s << "SELECT id::text, password_hash, "
         "greatest(0, ceil(extract(epoch FROM coalesce(locked_until, now()) - now())))::bigint "
         "FROM users WHERE email = :e",
        soci::use(*normalized), soci::into(r.id), soci::into(r.hash), soci::into(r.locked_for);
    if (!s.got_data()) return std::nullopt;
    return r;
  });
  if (!row) return std::unexpected(row.error());
  if (!*row) {
    auth::burn_password_check(password);  // same time as a real check: no account probing
    return std::unexpected(kBadCredentials);
  }
  const Row& user = **row;
  if (user.locked_for > 0) {
    return fail(Errc::resource_exhausted,
                fmt::format("too many failed sign-ins; try again in {} minutes", (user.locked_for + 59) / 60));
  }
  const bool ok = auth::verify_password(password, user.hash);
  return settle(pool_.transact([&](soci::session& s) -> Committed<Tokens> {
    if (!ok) {
      int failures = 0;
      s << "UPDATE users SET failed_logins = failed_logins + 1, "
           "locked_until = CASE WHEN failed_logins + 1 >= :max THEN now() + make_interval(secs => :lock) "
           "ELSE locked_until END, updated_at = now() WHERE id = :id::uuid RETURNING failed_logins",
          soci::use(kMaxFailedLogins), soci::use(kLockoutSeconds), soci::use(user.id), soci::into(failures);
      db::audit(s, {user.id, failures >= kMaxFailedLogins ? "auth.locked" : "auth.login_failed", user.id,
                    request_id});
      return {std::nullopt, kBadCredentials};
    }
    s << "UPDATE users SET failed_logins = 0, locked_until = NULL WHERE id = :id::uuid", soci::use(user.id);
    db::audit(s, {user.id, "auth.login", user.id, request_id});
    return {issue(s, user.id, auth::new_uuid()), std::nullopt};
  }));
}

Result<Tokens> Accounts::refresh(std::string_view refresh_token, const std::string& request_id) {
  if (refresh_token.empty() || refresh_token.size() > 256) return std::unexpected(kBadRefresh);
  const std::string hash = auth::sha256_hex(refresh_token);
  return settle(pool_.transact([&](soci::session& s) -> Committed<Tokens> {
    std::string id, user_id, family_id;
    int spent = 0, revoked = 0, expired = 0;
    s << "SELECT id::text, user_id::text, family_id::text, (spent_at IS NOT NULL)::int, "
         "(revoked_at IS NOT NULL)::int, (expires_at <= now())::int "
         "FROM refresh_tokens WHERE token_hash = :h FOR UPDATE",
        soci::use(hash), soci::into(id), soci::into(user_id), soci::into(family_id), soci::into(spent),
        soci::into(revoked), soci::into(expired);
    if (!s.got_data() || revoked || expired) return {std::nullopt, kBadRefresh};
    if (spent) {
      // A spent token came back: it leaked. Revoke every token of the family.
      s << "UPDATE refresh_tokens SET revoked_at = now() WHERE family_id = :f::uuid AND revoked_at IS NULL",
          soci::use(family_id);
      db::audit(s, {user_id, "auth.refresh_reuse", user_id, request_id});
      log::warn("refresh token reuse; family revoked", {{"user_id", user_id}});
      return {std::nullopt, kBadRefresh};
    }
    s << "UPDATE refresh_tokens SET spent_at = now() WHERE id = :id::uuid", soci::use(id);
    return {issue(s, user_id, family_id), std::nullopt};
  }));
}

Status Accounts::logout(std::string_view refresh_token, const std::string& request_id) {
  const std::string hash = auth::sha256_hex(refresh_token);
  auto r = pool_.transact([&](soci::session& s) {
    std::string user_id;
    soci::indicator ind = soci::i_ok;
    s << "UPDATE refresh_tokens SET revoked_at = now() WHERE family_id = "
         "(SELECT family_id FROM refresh_tokens WHERE token_hash = :h) AND revoked_at IS NULL "
         "RETURNING user_id::text",
        soci::use(hash), soci::into(user_id, ind);
    if (s.got_data() && ind == soci::i_ok) db::audit(s, {user_id, "auth.logout", user_id, request_id});
  });
  if (!r) return std::unexpected(r.error());
  return {};
}

Result<std::string> Accounts::authenticate(std::string_view access_token) const {
  auto claims = auth::verify_jwt(access_token, config_.jwt_secret, clock_());
  if (!claims) return std::unexpected(claims.error());
  if (claims->typ != "access" || !auth::is_uuid(claims->sub)) {
    return fail(Errc::unauthenticated, "the access token is invalid");
  }
  return claims->sub;
}

Result<User> Accounts::get_user(const std::string& user_id) {
  auto r = pool_.run([&](soci::session& s) -> std::optional<User> {
    User u;
    int verified = 0;
    s << "SELECT id::text, email, (email_verified_at IS NOT NULL)::int, iso_utc(created_at) "
         "FROM users WHERE id = :id::uuid",
        soci::use(user_id), soci::into(u.id), soci::into(u.email), soci::into(verified), soci::into(u.created_at);
    if (!s.got_data()) return std::nullopt;
    u.email_verified = verified != 0;
    return u;
  });
  if (!r) return std::unexpected(r.error());
  if (!*r) return fail(Errc::unauthenticated, "the account no longer exists");
  return **r;
}

}  // namespace tailor::accounts
