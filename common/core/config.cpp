#include "common/core/config.hpp"

#include <fmt/format.h>

#include <cstdlib>
#include <set>

namespace tailor::core {

Env::Env()
    : lookup_([](std::string_view name) -> std::optional<std::string> {
        const char* v = std::getenv(std::string(name).c_str());
        if (!v) return std::nullopt;
        return std::string(v);
      }) {}

std::optional<std::string> Env::get(std::string_view name) const {
  auto v = lookup_(name);
  if (v && v->empty()) return std::nullopt;  // VAR= counts as unset
  return v;
}

std::string Env::string(std::string_view name, std::string_view fallback) const {
  auto v = get(name);
  return v ? *v : std::string(fallback);
}

long long Env::integer(std::string_view name, long long fallback, long long min, long long max) const {
  auto v = get(name);
  if (!v) return fallback;
  std::size_t used = 0;
  long long n = 0;
  try {
    n = std::stoll(*v, &used);
  } catch (const std::exception&) {
    used = 0;
  }
  if (used != v->size()) throw ConfigError(fmt::format("{} must be an integer, got '{}'", name, *v));
  if (n < min || n > max) {
    throw ConfigError(fmt::format("{} must be between {} and {}, got {}", name, min, max, n));
  }
  return n;
}

bool Env::boolean(std::string_view name, bool fallback) const {
  auto v = get(name);
  if (!v) return fallback;
  if (*v == "1" || *v == "true" || *v == "yes" || *v == "on") return true;
  if (*v == "0" || *v == "false" || *v == "no" || *v == "off") return false;
  throw ConfigError(fmt::format("{} must be true or false, got '{}'", name, *v));
}

namespace {
// A secret fit for HS256: at least 32 bytes with some variety, and not the development one.
void check_jwt_secret(const std::string& secret) {
  if (secret.empty()) throw ConfigError("TAILOR_JWT_SECRET must be set in production");
  if (secret == kDevJwtSecret) {
    throw ConfigError("TAILOR_JWT_SECRET is the development default; set a random secret in production");
  }
  if (secret.size() < 32) {
    throw ConfigError("TAILOR_JWT_SECRET must be at least 32 bytes in production (try: openssl rand -hex 32)");
  }
  std::set<char> distinct(secret.begin(), secret.end());
  if (distinct.size() < 10) throw ConfigError("TAILOR_JWT_SECRET is too repetitive to be a real secret");
}
}  // namespace

Config load_config(const Env& env) {
  Config c;
  c.environment = env.string("TAILOR_ENV", "development");
  if (c.environment != "development" && c.environment != "production") {
    throw ConfigError(fmt::format("TAILOR_ENV must be development or production, got '{}'", c.environment));
  }
  c.database_url = env.string("DATABASE_URL", "postgresql://postgres@127.0.0.1:55433/tailor");
  c.db_pool_size = static_cast<int>(env.integer("TAILOR_DB_POOL_SIZE", 16, 1, 512));
  c.redis_url = env.string("REDIS_URL", "redis://127.0.0.1:56380/0");
  c.rabbitmq_url = env.string("RABBITMQ_URL", "amqp://guest:guest@127.0.0.1:55674/%2f");
  c.queues_file = env.string("TAILOR_QUEUES_FILE", TAILOR_DEFAULT_QUEUES_FILE);
  c.ns = env.string("TAILOR_NAMESPACE", "tailor");
  for (char ch : c.ns) {
    if (!std::isalnum(static_cast<unsigned char>(ch)) && ch != '-' && ch != '_') {
      throw ConfigError("TAILOR_NAMESPACE may hold only letters, digits, '-' and '_'");
    }
  }
  c.storage_dir = env.string("TAILOR_STORAGE_DIR", ".tailor/storage");
  c.storage_durable = env.boolean("TAILOR_STORAGE_SYNC", true);
  if (c.production() && !c.storage_durable) {
    throw ConfigError("TAILOR_STORAGE_SYNC=0 is for throwaway data and is refused in production");
  }

  auto secret = env.get("TAILOR_JWT_SECRET");
  if (c.production()) {
    check_jwt_secret(secret.value_or(""));
  }
  c.jwt_secret = secret.value_or(std::string(kDevJwtSecret));
  c.access_token_ttl_s = static_cast<int>(env.integer("TAILOR_ACCESS_TOKEN_TTL", 900, 10, 86400));
  c.refresh_token_ttl_s =
      static_cast<int>(env.integer("TAILOR_REFRESH_TOKEN_TTL", 30 * 86400, 60, 365 * 86400));

  c.http_host = env.string("TAILOR_HTTP_HOST", "127.0.0.1");
  c.http_port = static_cast<int>(env.integer("TAILOR_HTTP_PORT", 8080, 0, 65535));
  c.http_threads = static_cast<int>(env.integer("TAILOR_HTTP_THREADS", 2, 1, 256));
  c.blocking_threads = static_cast<int>(env.integer("TAILOR_BLOCKING_THREADS", 16, 1, 1024));
  c.max_upload_bytes = static_cast<std::size_t>(
      env.integer("TAILOR_MAX_UPLOAD_BYTES", 10 * 1024 * 1024, 1024, 1024LL * 1024 * 1024));
  c.log_level = env.string("TAILOR_LOG_LEVEL", "info");
  c.test_stage_delay_ms = static_cast<int>(env.integer("TAILOR_TEST_STAGE_DELAY_MS", 0, 0, 600000));
  if (c.production() && c.test_stage_delay_ms > 0) {
    throw ConfigError("TAILOR_TEST_STAGE_DELAY_MS is for tests and is refused in production");
  }
  return c;
}

}  // namespace tailor::core
