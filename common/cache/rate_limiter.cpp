#include "common/cache/rate_limiter.hpp"

#include <algorithm>
#include <string>

namespace tailor::cache {

Result<RateDecision> rate_limit(Redis& redis, std::string_view key, std::int64_t limit,
                                std::int64_t window_s) {
  if (limit < 0 || window_s <= 0) return fail(Errc::internal, "rate_limit: bad limit or window");
  std::string ttl = std::to_string(window_s);
  auto r = redis.command({"EVAL", detail::kIncrWithExpiryScript, "1", key, ttl});
  if (!r) return std::unexpected(r.error());
  if (r->is_error()) return std::unexpected(reply_error(*r));
  if (!r->is_array() || r->elements.size() != 2 || !r->elements[0].is_integer() ||
      !r->elements[1].is_integer()) {
    return fail(Errc::internal, "Redis returned an unexpected reply to the rate-limit script");
  }
  std::int64_t count = r->elements[0].integer;
  std::int64_t pttl_ms = r->elements[1].integer;
  RateDecision d;
  d.allowed = count <= limit;
  d.remaining = std::max<std::int64_t>(0, limit - count);
  if (!d.allowed) d.retry_after_s = std::max<std::int64_t>(1, (pttl_ms + 999) / 1000);
  return d;
}

}  // namespace tailor::cache
