#pragma once
// A small thread-safe Redis client: a bounded pool of blocking hiredis connections.
// Calls block for at most about connect_timeout + command_timeout (twice with the retry), so use
// it from worker threads or the API's blocking pool, not from an I/O thread.
// Redis holds only rebuildable state (progress fan-out, rate limits, caches): callers should treat
// unavailable as "degrade", not as a reason to fail the user's request where avoidable.
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <memory>
#include <mutex>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "common/cache/connection.hpp"
#include "common/cache/redis_url.hpp"
#include "common/cache/reply.hpp"
#include "common/core/error.hpp"

namespace tailor::cache {

struct RedisOptions {
  RedisUrl url;
  std::size_t pool_size = 4;
  std::chrono::milliseconds connect_timeout{2000};
  std::chrono::milliseconds command_timeout{2000};
  // Shown by CLIENT LIST (no spaces), e.g. "tailor-api"; empty leaves it unnamed.
  std::string client_name;
};

class Redis {
 public:
  // Connects lazily, on first use; call ping() at startup to check the server is there.
  explicit Redis(RedisOptions options);
  ~Redis();
  Redis(const Redis&) = delete;
  Redis& operator=(const Redis&) = delete;

  // Runs one command (binary-safe arguments). An error reply from Redis ("ERR ...", "WRONGTYPE
  // ...") is a successful call returning Reply::Type::error. Fails with unavailable
  // "Redis is unavailable: ..." when no connection can be made, the connection breaks, the
  // command times out or every pooled connection stays busy. A broken pooled connection is
  // replaced and the command retried once (so a command may, rarely, run twice: keep commands
  // sent through here idempotent or tolerant of that — INCR for rate limits is).
  Result<Reply> command(std::initializer_list<std::string_view> args);
  Result<Reply> command(std::span<const std::string_view> args);
  Result<Reply> command(const std::vector<std::string>& args);

  // The helpers below turn an error reply into an Error: unavailable for the server's transient
  // states (LOADING, BUSY, READONLY, OOM, MASTERDOWN, TRYAGAIN), internal otherwise.
  Status ping();
  Status publish(std::string_view channel, std::string_view message);
  // nullopt when the key does not exist.
  Result<std::optional<std::string>> get(std::string_view key);
  // SET with EX ttl_s; ttl_s <= 0 stores without expiry.
  Status set(std::string_view key, std::string_view value, std::int64_t ttl_s);
  // Number of keys removed (0 or 1).
  Result<std::int64_t> del(std::string_view key);
  // Atomically increments `key` and gives it a TTL of ttl_s if it has none (i.e. on the first
  // increment of a window); returns the new value.
  Result<std::int64_t> incr_with_expiry(std::string_view key, std::int64_t ttl_s);

  const RedisOptions& options() const { return options_; }

 private:
  using ContextPtr = detail::Context;
  struct Lease {
    ContextPtr ctx;
    bool reused = false;  // came from the idle pool (may have gone stale)
  };

  Result<Lease> acquire();
  void release(ContextPtr ctx, bool healthy);

  RedisOptions options_;
  std::mutex mutex_;
  std::condition_variable available_;
  std::vector<ContextPtr> idle_;
  std::size_t open_ = 0;  // idle + leased connections
};

// The Error for an error reply (see above). Shared with the rate limiter.
Error reply_error(const Reply& reply);

}  // namespace tailor::cache
