#include "common/cache/connection.hpp"

#include <hiredis/hiredis.h>

#include <sys/time.h>
#include <cerrno>
#include <string_view>

namespace tailor::cache::detail {
namespace {

timeval to_timeval(std::chrono::milliseconds ms) {
  timeval tv{};
  tv.tv_sec = static_cast<time_t>(ms.count() / 1000);
  tv.tv_usec = static_cast<suseconds_t>((ms.count() % 1000) * 1000);
  return tv;
}

}  // namespace

void ContextFree::operator()(redisContext* c) const {
  redisFree(c);
}

std::unexpected<Error> unavailable(std::string_view why) {
  return fail(Errc::unavailable, "Redis is unavailable: " + std::string(why));
}

Error context_error(const redisContext* c) {
  std::string why = c == nullptr           ? "out of memory"
                    : c->errstr[0] != '\0' ? std::string(c->errstr)
                                           : "connection error";
  return Error{Errc::unavailable, "Redis is unavailable: " + why};
}

bool timed_out(const redisContext* c, int saved_errno) {
  return c != nullptr && c->err == REDIS_ERR_IO &&
         (saved_errno == EAGAIN || saved_errno == EWOULDBLOCK);
}

Reply copy_reply(const void* raw) {
  const auto* r = static_cast<const redisReply*>(raw);
  Reply out;
  switch (r->type) {
    case REDIS_REPLY_INTEGER:
      out.type = Reply::Type::integer;
      out.integer = r->integer;
      break;
    case REDIS_REPLY_STRING:
      out.type = Reply::Type::string;
      out.str.assign(r->str, r->len);
      break;
    case REDIS_REPLY_STATUS:
      out.type = Reply::Type::status;
      out.str.assign(r->str, r->len);
      break;
    case REDIS_REPLY_ERROR:
      out.type = Reply::Type::error;
      out.str.assign(r->str, r->len);
      break;
    case REDIS_REPLY_ARRAY:
      out.type = Reply::Type::array;
      out.elements.reserve(r->elements);
      for (std::size_t i = 0; i < r->elements; ++i)
        out.elements.push_back(copy_reply(r->element[i]));
      break;
    default:
      out.type = Reply::Type::nil;
      break;
  }
  return out;
}

Result<Context> open_connection(const RedisUrl& url, std::chrono::milliseconds connect_timeout,
                                std::chrono::milliseconds command_timeout,
                                std::string_view client_name) {
  Context c(redisConnectWithTimeout(url.host.c_str(), url.port, to_timeval(connect_timeout)));
  if (!c || c->err) {
    Error e = context_error(c.get());
    e.message += " (" + url.display() + ")";
    return std::unexpected(std::move(e));
  }
  redisEnableKeepAlive(c.get());
  if (redisSetTimeout(c.get(), to_timeval(command_timeout)) != REDIS_OK) {
    return std::unexpected(context_error(c.get()));
  }
  auto run = [&](std::initializer_list<std::string_view> args) -> Status {
    std::vector<const char*> argv;
    std::vector<std::size_t> lens;
    for (std::string_view a : args) {
      argv.push_back(a.data());
      lens.push_back(a.size());
    }
    auto* r = static_cast<redisReply*>(
        redisCommandArgv(c.get(), static_cast<int>(argv.size()), argv.data(), lens.data()));
    if (r == nullptr) return std::unexpected(context_error(c.get()));
    std::string err = r->type == REDIS_REPLY_ERROR ? std::string(r->str, r->len) : "";
    freeReplyObject(r);
    if (!err.empty()) return unavailable(std::string(*args.begin()) + " failed: " + err);
    return {};
  };
  if (!url.password.empty()) {
    Status st = url.username.empty() ? run({"AUTH", url.password})
                                     : run({"AUTH", url.username, url.password});
    if (!st) return std::unexpected(st.error());
  }
  if (url.db != 0) {
    std::string db = std::to_string(url.db);
    if (Status st = run({"SELECT", db}); !st) return std::unexpected(st.error());
  }
  if (!client_name.empty()) {
    if (Status st = run({"CLIENT", "SETNAME", client_name}); !st)
      return std::unexpected(st.error());
  }
  return c;
}

}  // namespace tailor::cache::detail
