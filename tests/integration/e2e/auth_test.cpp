// Accounts and sessions from the outside: registration and login errors, lockout, access tokens
// that must be refused, refresh-token rotation, and other users' data looking absent.
#include <doctest/doctest.h>

#include <chrono>

#include "common/auth/jwt.hpp"
#include "common/auth/tokens.hpp"
#include "common/core/config.hpp"
#include "tests/integration/e2e/harness.hpp"

using namespace e2e;
using tailor::json::Value;

namespace {

std::int64_t now_s() {
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

std::string refresh_body(const std::string& token) {
  return R"({"refresh_token":")" + token + R"("})";
}

HttpResponse get_with_token(const Client& c, const std::string& path, const std::string& token) {
  return c.request("GET", path, "", {"Authorization: Bearer " + token});
}

}  // namespace

TEST_CASE("e2e: registration and login errors") {
  Stack& stack = Stack::get();
  E2E_LOGS(stack);
  Client c(stack.base_url());
  const std::string email = unique_email("reg");

  expect_error(c.post_json("/v1/auth/register", R"({"email": "x@example.com", "password": )"), 400,
               "invalid_argument");
  expect_error(c.register_user(email, "password1"), 400, "invalid_argument", "password");

  const auto ok = c.register_user(email, kPassword);
  REQUIRE_MESSAGE(ok.status == 201, ok.describe());
  CHECK(str(ok.json(), "email") == email);
  CHECK(str(ok.json(), "id").size() == 36);

  expect_error(c.register_user(email, kPassword), 409, "already_exists");
  std::string upper = email;
  for (char& ch : upper) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
  expect_error(c.register_user(upper, kPassword), 409, "already_exists");

  const std::string wrong =
      expect_error(c.login_raw(email, "Wrong-Password-123"), 401, "unauthenticated");
  const std::string unknown =
      expect_error(c.login_raw(unique_email("nobody"), kPassword), 401, "unauthenticated");
  CHECK_MESSAGE(wrong == unknown, "a wrong password and an unknown e-mail must look the same: '"
                                      << wrong << "' vs '" << unknown << "'");

  expect_error(c.post_json("/v1/auth/login", R"({"email":")" + email + R"("})"), 400,
               "invalid_argument", "password");
  // Still able to sign in with the right password.
  CHECK(c.login_raw(email, kPassword).status == 200);
}

TEST_CASE("e2e: five wrong passwords lock the account") {
  Stack& stack = Stack::get();
  E2E_LOGS(stack);
  Client c(stack.base_url());
  const std::string email = unique_email("lockout");
  REQUIRE(c.register_user(email, kPassword).status == 201);
  for (int i = 1; i <= 5; ++i) {
    INFO("wrong password #" << i);
    expect_error(c.login_raw(email, "Wrong-Password-" + std::to_string(i) + "x"), 401,
                 "unauthenticated");
  }
  // Locked: even the right password is refused, with a message saying why.
  expect_error(c.login_raw(email, kPassword), 429, "resource_exhausted",
               "too many failed sign-ins");
}

TEST_CASE("e2e: access tokens that are missing or expired or forged are refused") {
  Stack& stack = Stack::get();
  E2E_LOGS(stack);
  Client c(stack.base_url());
  c.sign_up(unique_email("tokens"), kPassword);
  const auto me = c.get("/v1/me");
  REQUIRE_MESSAGE(me.status == 200, me.describe());
  const std::string user_id = str(me.json(), "id");
  const auto secret = tailor::core::kDevJwtSecret;
  const std::int64_t now = now_s();

  Client anonymous(stack.base_url());
  expect_error(anonymous.get("/v1/me"), 401, "unauthenticated", "Authorization");
  expect_error(anonymous.get("/v1/resumes"), 401, "unauthenticated");
  expect_error(anonymous.request("GET", "/v1/me", "", {"Authorization: Basic dXNlcjpwYXNz"}), 401,
               "unauthenticated");
  expect_error(get_with_token(anonymous, "/v1/me", "not.a.jwt"), 401, "unauthenticated");

  // A token made with the server's (development) secret works: the refusals below are about
  // the expiry and the signature, not about how the test makes tokens.
  const std::string good =
      tailor::auth::sign_jwt({user_id, now, now + 600, "e2e-good", "access"}, secret);
  CHECK_MESSAGE(get_with_token(anonymous, "/v1/me", good).status == 200,
                "a well-made token should be accepted");

  const std::string expired =
      tailor::auth::sign_jwt({user_id, now - 3600, now - 600, "e2e-expired", "access"}, secret);
  expect_error(get_with_token(anonymous, "/v1/me", expired), 401, "unauthenticated", "expired");
  expect_error(get_with_token(anonymous, "/v1/resumes", expired), 401, "unauthenticated");

  const std::string other_secret =
      tailor::auth::sign_jwt({user_id, now, now + 600, "e2e-forged", "access"},
                             "another-secret-that-the-server-never-saw-42");
  expect_error(get_with_token(anonymous, "/v1/me", other_secret), 401, "unauthenticated");

  const std::string payload = tailor::auth::base64url_encode(
      R"({"sub":")" + user_id + R"(","iat":)" + std::to_string(now) + R"(,"exp":)" +
      std::to_string(now + 600) + R"(,"typ":"access"})");
  const std::string alg_none =
      tailor::auth::base64url_encode(R"({"alg":"none","typ":"JWT"})") + "." + payload + ".";
  expect_error(get_with_token(anonymous, "/v1/me", alg_none), 401, "unauthenticated");

  // The good token's signature on another user's claims.
  const std::string good_sig = good.substr(good.rfind('.'));
  const std::string header = good.substr(0, good.find('.'));
  const std::string swapped =
      header + "." +
      tailor::auth::base64url_encode(R"({"sub":")" + tailor::auth::new_uuid() + R"(","iat":)" +
                                     std::to_string(now) + R"(,"exp":)" +
                                     std::to_string(now + 600) + R"(,"typ":"access"})") +
      good_sig;
  expect_error(get_with_token(anonymous, "/v1/me", swapped), 401, "unauthenticated");

  // A refresh-typed token is not an access token.
  const std::string wrong_type =
      tailor::auth::sign_jwt({user_id, now, now + 600, "e2e-typ", "refresh"}, secret);
  expect_error(get_with_token(anonymous, "/v1/me", wrong_type), 401, "unauthenticated");
}

TEST_CASE("e2e: other users' jobs and resumes look like they do not exist") {
  Stack& stack = Stack::get();
  E2E_LOGS(stack);
  stack.ensure_one_worker();
  Client alice(stack.base_url());
  alice.sign_up(unique_email("alice"), kPassword);
  const Accepted a =
      expect_accepted(alice.upload(make_pdf({"Alice Private\nConfidential"}), "alice.pdf"));
  REQUIRE(str(alice.wait_for_job_state(a.job_id, {"done", "failed"}), "state") == "done");

  Client bob(stack.base_url());
  bob.sign_up(unique_email("bob"), kPassword);
  const std::string nobody = tailor::auth::new_uuid();

  struct Probe {
    std::string what;
    std::string method, path, random_path;
  };
  const std::vector<Probe> probes{
      {"job", "GET", "/v1/jobs/" + a.job_id, "/v1/jobs/" + nobody},
      {"job events", "GET", "/v1/jobs/" + a.job_id + "/events", "/v1/jobs/" + nobody + "/events"},
      {"résumé", "GET", "/v1/resumes/" + a.resume_id, "/v1/resumes/" + nobody},
      {"résumé delete", "DELETE", "/v1/resumes/" + a.resume_id, "/v1/resumes/" + nobody},
  };
  for (const auto& p : probes) {
    INFO(p.what);
    const auto theirs = bob.request(p.method, p.path);
    const auto random = bob.request(p.method, p.random_path);
    expect_error(theirs, 404, "not_found");
    expect_error(random, 404, "not_found");
    CHECK_MESSAGE(theirs.body == random.body,
                  "another user's " << p.what << " must look like a random id: "
                                    << theirs.describe() << " vs " << random.describe());
  }
  for (const std::string path : {"/v1/jobs/not-a-uuid", "/v1/jobs/not-a-uuid/events",
                                 "/v1/resumes/not-a-uuid", "/v1/resumes/123"}) {
    INFO(path);
    expect_error(bob.get(path), 404, "not_found");
  }
  expect_error(bob.del("/v1/resumes/not-a-uuid"), 404, "not_found");

  // Bob's attempts changed nothing for Alice.
  const auto still = alice.get("/v1/resumes/" + a.resume_id);
  CHECK_MESSAGE(still.status == 200, still.describe());
  CHECK(alice.get("/v1/jobs/" + a.job_id).status == 200);
}

TEST_CASE("e2e: refresh tokens rotate and reuse revokes the family and logout revokes") {
  Stack& stack = Stack::get();
  E2E_LOGS(stack);
  Client c(stack.base_url());
  const std::string email = unique_email("refresh");
  const Tokens t1 = c.sign_up(email, kPassword);

  const auto r2 = c.post_json("/v1/auth/refresh", refresh_body(t1.refresh_token));
  REQUIRE_MESSAGE(r2.status == 200, r2.describe());
  const Value v2 = r2.json();
  const Tokens t2{str(v2, "access_token"), str(v2, "refresh_token")};
  CHECK(str(v2, "token_type") == "Bearer");
  CHECK(num(v2, "expires_in") > 0);
  CHECK(t2.refresh_token != t1.refresh_token);
  CHECK(t2.access_token != t1.access_token);
  CHECK(get_with_token(c, "/v1/me", t2.access_token).status == 200);

  // The spent token comes back: refused, and the whole family with it.
  expect_error(c.post_json("/v1/auth/refresh", refresh_body(t1.refresh_token)), 401,
               "unauthenticated");
  expect_error(c.post_json("/v1/auth/refresh", refresh_body(t2.refresh_token)), 401,
               "unauthenticated");

  expect_error(c.post_json("/v1/auth/refresh", refresh_body("made-up-token")), 401,
               "unauthenticated");
  expect_error(c.post_json("/v1/auth/refresh", "{}"), 400, "invalid_argument");

  // Logout revokes the session's refresh token.
  const Tokens t3 = c.login(email, kPassword);
  const auto out = c.post_json("/v1/auth/logout", refresh_body(t3.refresh_token));
  CHECK_MESSAGE(out.status == 204, out.describe());
  expect_error(c.post_json("/v1/auth/refresh", refresh_body(t3.refresh_token)), 401,
               "unauthenticated");
}
