#pragma once
// Fixed-window rate limiting in Redis: at most `limit` hits per `window_s` seconds per key.
// The window starts at the key's first hit (not on a clock boundary) and lasts window_s.
#include <cstdint>
#include <string_view>

#include "common/cache/redis.hpp"
#include "common/core/error.hpp"

namespace tailor::cache {

struct RateDecision {
  bool allowed = true;
  std::int64_t remaining = 0;      // hits left in this window after this one
  std::int64_t retry_after_s = 0;  // when refused: seconds until the window resets (>= 1)
};

// Counts this hit and decides. `key` is the caller's full key, e.g. "tailor:rl:login:<ip>".
// Fails with unavailable when Redis is; the caller chooses whether to fail open or closed.
Result<RateDecision> rate_limit(Redis& redis, std::string_view key, std::int64_t limit,
                                std::int64_t window_s);

}  // namespace tailor::cache
