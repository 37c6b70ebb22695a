#pragma once
// Internal to common/cache: opening one hiredis connection and copying replies out of hiredis.
#include <chrono>
#include <memory>
#include <string>
#include <string_view>

#include "common/cache/redis_url.hpp"
#include "common/cache/reply.hpp"
#include "common/core/error.hpp"

struct redisContext;

namespace tailor::cache::detail {

// INCR, and a TTL when the key has none: on the first increment, and also for a key that somehow
// lost its TTL, so a counter never lives forever. KEYS[1] = key, ARGV[1] = ttl in seconds.
// Returns {count, pttl_ms}.
inline constexpr std::string_view kIncrWithExpiryScript = R"lua(
local n = redis.call('INCR', KEYS[1])
local pttl = redis.call('PTTL', KEYS[1])
if pttl < 0 then
  redis.call('EXPIRE', KEYS[1], ARGV[1])
  pttl = tonumber(ARGV[1]) * 1000
end
return {n, pttl}
)lua";

struct ContextFree {
  void operator()(redisContext* c) const;
};
using Context = std::unique_ptr<redisContext, ContextFree>;

// Connects, enables TCP keepalive, sets the socket read/write timeout, authenticates, selects
// the database and names the client (CLIENT SETNAME, when client_name is not empty).
// Fails with unavailable "Redis is unavailable: ...".
Result<Context> open_connection(const RedisUrl& url, std::chrono::milliseconds connect_timeout,
                                std::chrono::milliseconds command_timeout,
                                std::string_view client_name);

// Deep copy of a hiredis reply (void* is a redisReply*).
Reply copy_reply(const void* reply);

// "Redis is unavailable: <hiredis errstr>" for a context whose call failed.
Error context_error(const redisContext* c);

// True when the failed call timed out (rather than the connection breaking).
bool timed_out(const redisContext* c, int saved_errno);

std::unexpected<Error> unavailable(std::string_view why);

}  // namespace tailor::cache::detail
