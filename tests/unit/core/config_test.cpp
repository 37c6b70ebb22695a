#include <doctest/doctest.h>

#include <map>

#include "common/core/config.hpp"

using namespace tailor::core;

namespace {
Env env_of(std::map<std::string, std::string> vars) {
  return Env([vars](std::string_view name) -> std::optional<std::string> {
    auto it = vars.find(std::string(name));
    if (it == vars.end()) return std::nullopt;
    return it->second;
  });
}
}  // namespace

TEST_CASE("development defaults need no environment at all") {
  const Config c = load_config(env_of({}));
  CHECK(c.environment == "development");
  CHECK(c.http_port == 8080);
  CHECK(c.access_token_ttl_s == 900);
  CHECK(c.jwt_secret == kDevJwtSecret);
  CHECK(c.max_upload_bytes == 10u * 1024 * 1024);
  CHECK(c.ns == "tailor");
}

TEST_CASE("a bad value stops the start with the variable named") {
  CHECK_THROWS_WITH_AS(load_config(env_of({{"TAILOR_HTTP_PORT", "80a"}})),
                       "TAILOR_HTTP_PORT must be an integer, got '80a'", ConfigError);
  CHECK_THROWS_WITH_AS(load_config(env_of({{"TAILOR_HTTP_PORT", "70000"}})),
                       "TAILOR_HTTP_PORT must be between 0 and 65535, got 70000", ConfigError);
  CHECK_THROWS_AS(load_config(env_of({{"TAILOR_ENV", "prod"}})), ConfigError);
  CHECK_THROWS_AS(load_config(env_of({{"TAILOR_NAMESPACE", "a.b"}})), ConfigError);
}

TEST_CASE("production refuses a missing, default, short or repetitive JWT secret") {
  CHECK_THROWS_WITH_AS(load_config(env_of({{"TAILOR_ENV", "production"}})),
                       "TAILOR_JWT_SECRET must be set in production", ConfigError);
  CHECK_THROWS_AS(load_config(env_of({{"TAILOR_ENV", "production"}, {"TAILOR_JWT_SECRET", std::string(kDevJwtSecret)}})),
                  ConfigError);
  CHECK_THROWS_AS(load_config(env_of({{"TAILOR_ENV", "production"}, {"TAILOR_JWT_SECRET", "short-secret"}})),
                  ConfigError);
  CHECK_THROWS_AS(load_config(env_of({{"TAILOR_ENV", "production"}, {"TAILOR_JWT_SECRET", std::string(40, 'a')}})),
                  ConfigError);
  const Config c = load_config(
      env_of({{"TAILOR_ENV", "production"}, {"TAILOR_JWT_SECRET", "9f2c1e7a4b8d03f6a5e2c9b1d7f4e8a3"}}));
  CHECK(c.production());
}

TEST_CASE("the test-only stage delay is refused in production") {
  CHECK(load_config(env_of({{"TAILOR_TEST_STAGE_DELAY_MS", "250"}})).test_stage_delay_ms == 250);
  CHECK_THROWS_AS(load_config(env_of({{"TAILOR_ENV", "production"},
                                      {"TAILOR_JWT_SECRET", "9f2c1e7a4b8d03f6a5e2c9b1d7f4e8a3"},
                                      {"TAILOR_TEST_STAGE_DELAY_MS", "250"}})),
                  ConfigError);
}

TEST_CASE("non-durable storage is for throwaway data: refused in production") {
  CHECK(load_config(env_of({})).storage_durable);
  CHECK_FALSE(load_config(env_of({{"TAILOR_STORAGE_SYNC", "0"}})).storage_durable);
  CHECK_THROWS_AS(load_config(env_of({{"TAILOR_ENV", "production"},
                                      {"TAILOR_JWT_SECRET", "9f2c1e7a4b8d03f6a5e2c9b1d7f4e8a3"},
                                      {"TAILOR_STORAGE_SYNC", "0"}})),
                  ConfigError);
}

TEST_CASE("an empty variable counts as unset") {
  CHECK(load_config(env_of({{"TAILOR_HTTP_PORT", ""}})).http_port == 8080);
}
