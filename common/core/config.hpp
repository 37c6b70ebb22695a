#pragma once
// Process configuration from environment variables, with development defaults.
// Every variable is read here and nowhere else; README.md lists them.
// A bad value stops the process at start with a ConfigError naming the variable.
#include <cstddef>
#include <functional>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

namespace tailor::core {

struct ConfigError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// Typed access to variables; the lookup is injectable so tests need not touch the real environment.
class Env {
 public:
  using Lookup = std::function<std::optional<std::string>(std::string_view)>;
  Env();  // the process environment
  explicit Env(Lookup lookup) : lookup_(std::move(lookup)) {}

  std::optional<std::string> get(std::string_view name) const;
  std::string string(std::string_view name, std::string_view fallback) const;
  long long integer(std::string_view name, long long fallback, long long min, long long max) const;
  bool boolean(std::string_view name, bool fallback) const;

 private:
  Lookup lookup_;
};

struct Config {
  std::string environment;  // TAILOR_ENV: development | production
  bool production() const { return environment == "production"; }

  std::string database_url;  // DATABASE_URL
  int db_pool_size;          // TAILOR_DB_POOL_SIZE
  std::string redis_url;     // REDIS_URL
  std::string rabbitmq_url;  // RABBITMQ_URL
  std::string queues_file;   // TAILOR_QUEUES_FILE
  std::string ns;            // TAILOR_NAMESPACE: prefix of every exchange, queue and channel
  std::string storage_dir;   // TAILOR_STORAGE_DIR
  bool storage_durable;      // TAILOR_STORAGE_SYNC: fsync stored files before their rows commit

  std::string jwt_secret;   // TAILOR_JWT_SECRET
  int access_token_ttl_s;   // TAILOR_ACCESS_TOKEN_TTL
  int refresh_token_ttl_s;  // TAILOR_REFRESH_TOKEN_TTL

  std::string http_host;         // TAILOR_HTTP_HOST
  int http_port;                 // TAILOR_HTTP_PORT (0 picks a free port; the API logs it)
  int http_threads;              // TAILOR_HTTP_THREADS
  int blocking_threads;          // TAILOR_BLOCKING_THREADS
  std::size_t max_upload_bytes;  // TAILOR_MAX_UPLOAD_BYTES

  std::string log_level;  // TAILOR_LOG_LEVEL

  // TAILOR_TEST_STAGE_DELAY_MS: workers sleep this long inside every stage run, so tests can
  // kill a worker mid-stage. Refused in production.
  int test_stage_delay_ms;
};

// Reads and validates the configuration. Throws ConfigError naming the variable at fault;
// in production, refuses a missing or weak TAILOR_JWT_SECRET.
Config load_config(const Env& env);

// The development JWT secret; never accepted in production.
inline constexpr std::string_view kDevJwtSecret = "dev-only-insecure-jwt-secret-change-me-0123456789";

}  // namespace tailor::core
