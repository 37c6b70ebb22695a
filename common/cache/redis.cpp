#include "common/cache/redis.hpp"

#include <hiredis/hiredis.h>

#include <cerrno>

namespace tailor::cache {
namespace {

Status check_no_error(const Result<Reply>& r) {
  if (!r) return std::unexpected(r.error());
  if (r->is_error()) return std::unexpected(reply_error(*r));
  return {};
}

Error unexpected_reply(std::string_view command) {
  return Error{Errc::internal, "Redis " + std::string(command) + " returned an unexpected reply"};
}

}  // namespace

Error reply_error(const Reply& reply) {
  std::string_view msg = reply.str;
  for (std::string_view transient :
       {"LOADING", "BUSY", "READONLY", "OOM", "MASTERDOWN", "TRYAGAIN"}) {
    if (msg.rfind(transient, 0) == 0) {
      return Error{Errc::unavailable, "Redis is unavailable: " + reply.str};
    }
  }
  return Error{Errc::internal, "Redis error: " + reply.str};
}

Redis::Redis(RedisOptions options) : options_(std::move(options)) {
  if (options_.pool_size == 0) options_.pool_size = 1;
}

Redis::~Redis() = default;

Result<Redis::Lease> Redis::acquire() {
  std::unique_lock lock(mutex_);
  auto wait = options_.connect_timeout + options_.command_timeout;
  if (!available_.wait_for(lock, wait,
                           [&] { return !idle_.empty() || open_ < options_.pool_size; })) {
    return detail::unavailable("every connection in the pool stayed busy");
  }
  if (!idle_.empty()) {
    Lease lease{std::move(idle_.back()), true};
    idle_.pop_back();
    return lease;
  }
  ++open_;
  lock.unlock();
  auto ctx = detail::open_connection(options_.url, options_.connect_timeout,
                                     options_.command_timeout, options_.client_name);
  if (!ctx) {
    lock.lock();
    --open_;
    available_.notify_one();
    return std::unexpected(ctx.error());
  }
  return Lease{std::move(*ctx), false};
}

void Redis::release(ContextPtr ctx, bool healthy) {
  {
    std::lock_guard lock(mutex_);
    if (healthy) {
      idle_.push_back(std::move(ctx));
    } else {
      --open_;
    }
  }
  available_.notify_one();
  // An unhealthy ctx is freed here, outside the lock.
}

Result<Reply> Redis::command(std::initializer_list<std::string_view> args) {
  return command(std::span<const std::string_view>(args.begin(), args.size()));
}

Result<Reply> Redis::command(const std::vector<std::string>& args) {
  std::vector<std::string_view> views(args.begin(), args.end());
  return command(std::span<const std::string_view>(views));
}

Result<Reply> Redis::command(std::span<const std::string_view> args) {
  if (args.empty()) return fail(Errc::internal, "Redis command without arguments");
  std::vector<const char*> argv;
  std::vector<std::size_t> lens;
  argv.reserve(args.size());
  lens.reserve(args.size());
  for (std::string_view a : args) {
    argv.push_back(a.data());
    lens.push_back(a.size());
  }
  for (int attempt = 0;; ++attempt) {
    auto lease = acquire();
    if (!lease) return std::unexpected(lease.error());
    redisContext* c = lease->ctx.get();
    errno = 0;
    auto* r = static_cast<redisReply*>(
        redisCommandArgv(c, static_cast<int>(argv.size()), argv.data(), lens.data()));
    int saved_errno = errno;
    if (r != nullptr) {
      Reply out = detail::copy_reply(r);
      freeReplyObject(r);
      release(std::move(lease->ctx), true);
      return out;
    }
    bool timeout = detail::timed_out(c, saved_errno);
    Error err = timeout ? Error{Errc::unavailable, "Redis is unavailable: the command timed out"}
                        : detail::context_error(c);
    release(std::move(lease->ctx), false);
    // A pooled connection may have been closed by the server while idle; one fresh try.
    if (attempt == 0 && lease->reused && !timeout) continue;
    return std::unexpected(std::move(err));
  }
}

Status Redis::ping() {
  auto r = command({"PING"});
  if (Status st = check_no_error(r); !st) return st;
  if (!r->is_status() || r->str != "PONG") return std::unexpected(unexpected_reply("PING"));
  return {};
}

Status Redis::publish(std::string_view channel, std::string_view message) {
  return check_no_error(command({"PUBLISH", channel, message}));
}

Result<std::optional<std::string>> Redis::get(std::string_view key) {
  auto r = command({"GET", key});
  if (Status st = check_no_error(r); !st) return std::unexpected(st.error());
  if (r->is_nil()) return std::optional<std::string>();
  if (!r->is_string()) return std::unexpected(unexpected_reply("GET"));
  return std::optional<std::string>(std::move(r->str));
}

Status Redis::set(std::string_view key, std::string_view value, std::int64_t ttl_s) {
  if (ttl_s <= 0) return check_no_error(command({"SET", key, value}));
  std::string ttl = std::to_string(ttl_s);
  return check_no_error(command({"SET", key, value, "EX", ttl}));
}

Result<std::int64_t> Redis::del(std::string_view key) {
  auto r = command({"DEL", key});
  if (Status st = check_no_error(r); !st) return std::unexpected(st.error());
  if (!r->is_integer()) return std::unexpected(unexpected_reply("DEL"));
  return r->integer;
}

Result<std::int64_t> Redis::incr_with_expiry(std::string_view key, std::int64_t ttl_s) {
  if (ttl_s <= 0) return fail(Errc::internal, "incr_with_expiry needs a positive TTL");
  std::string ttl = std::to_string(ttl_s);
  auto r = command({"EVAL", detail::kIncrWithExpiryScript, "1", key, ttl});
  if (Status st = check_no_error(r); !st) return std::unexpected(st.error());
  if (!r->is_array() || r->elements.size() != 2 || !r->elements[0].is_integer()) {
    return std::unexpected(unexpected_reply("EVAL"));
  }
  return r->elements[0].integer;
}

}  // namespace tailor::cache
