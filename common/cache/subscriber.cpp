#include "common/cache/subscriber.hpp"

#include <hiredis/hiredis.h>
#include <poll.h>
#include <sys/eventfd.h>
#include <unistd.h>

#include <algorithm>
#include <exception>
#include <stdexcept>

#include "common/cache/connection.hpp"
#include "common/core/log.hpp"

namespace tailor::cache {
namespace {

using Clock = std::chrono::steady_clock;

// Sends PSUBSCRIBE and waits (up to the socket timeout) for its confirmation.
Status subscribe(redisContext* c, const std::string& pattern) {
  const char* argv[] = {"PSUBSCRIBE", pattern.c_str()};
  std::size_t lens[] = {10, pattern.size()};
  auto* r = static_cast<redisReply*>(redisCommandArgv(c, 2, argv, lens));
  if (r == nullptr) return std::unexpected(detail::context_error(c));
  Reply reply = detail::copy_reply(r);
  freeReplyObject(r);
  if (!reply.is_array() || reply.elements.empty() || reply.elements[0].str != "psubscribe") {
    return detail::unavailable("PSUBSCRIBE failed: " +
                               (reply.is_error() ? reply.str : "unexpected reply"));
  }
  return {};
}

Status send_ping(redisContext* c) {
  if (redisAppendCommand(c, "PING") != REDIS_OK) return std::unexpected(detail::context_error(c));
  int done = 0;
  while (!done) {
    if (redisBufferWrite(c, &done) != REDIS_OK) return std::unexpected(detail::context_error(c));
  }
  return {};
}

}  // namespace

Subscriber::Subscriber(SubscriberOptions options, OnMessage on_message, OnReconnect on_reconnect)
    : options_(std::move(options)),
      on_message_(std::move(on_message)),
      on_reconnect_(std::move(on_reconnect)) {
  wake_fd_ = ::eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
  if (wake_fd_ < 0) throw std::runtime_error("Subscriber: eventfd failed");
}

Subscriber::~Subscriber() {
  stop();
  ::close(wake_fd_);
}

void Subscriber::start() {
  if (thread_.joinable() || stopping_) return;
  thread_ = std::thread([this] { run(); });
}

void Subscriber::stop() {
  stopping_ = true;
  std::uint64_t one = 1;
  [[maybe_unused]] auto n = ::write(wake_fd_, &one, sizeof one);
  if (thread_.joinable()) thread_.join();
}

std::uint64_t Subscriber::subscription_count() const {
  std::lock_guard lock(mutex_);
  return subscriptions_;
}

bool Subscriber::wait_for_subscription(std::uint64_t count,
                                       std::chrono::milliseconds timeout) const {
  std::unique_lock lock(mutex_);
  return subscribed_.wait_for(lock, timeout, [&] { return subscriptions_ >= count; });
}

bool Subscriber::sleep_unless_stopped(std::chrono::milliseconds d) {
  pollfd p{wake_fd_, POLLIN, 0};
  ::poll(&p, 1, static_cast<int>(d.count()));
  return !stopping_;
}

void Subscriber::run() {
  auto backoff = options_.initial_backoff;
  bool warned = false;
  while (!stopping_) {
    // Connect and subscribe; the socket timeout bounds the PSUBSCRIBE round trip.
    auto ctx = detail::open_connection(options_.url, options_.connect_timeout,
                                       options_.connect_timeout, options_.client_name);
    Status st =
        ctx ? subscribe(ctx->get(), options_.pattern) : Status(std::unexpected(ctx.error()));
    if (!st) {
      if (!warned) {
        log::warn("Redis subscription failed; retrying with backoff",
                  {{"pattern", options_.pattern}, {"error", st.error().message}});
        warned = true;
      }
      if (!sleep_unless_stopped(backoff)) break;
      backoff = std::min(backoff * 2, options_.max_backoff);
      continue;
    }
    redisContext* c = ctx->get();
    backoff = options_.initial_backoff;
    bool resubscribed = subscription_count() > 0;
    if (warned || resubscribed) {
      log::info("Redis subscription restored", {{"pattern", options_.pattern}});
    }
    warned = false;
    // Subscribed first, then the owner re-reads: nothing published in between is missed.
    if (resubscribed && on_reconnect_) {
      try {
        on_reconnect_();
      } catch (const std::exception& e) {
        log::error("Redis subscriber on_reconnect threw", {{"error", e.what()}});
      }
    }
    {
      std::lock_guard lock(mutex_);
      ++subscriptions_;
    }
    subscribed_.notify_all();

    // Read loop: wait on the socket and on stop(); pull whole replies out of hiredis' buffer.
    auto last_data = Clock::now();
    bool ping_outstanding = false;
    std::string lost;  // why the connection was given up; empty while healthy
    while (!stopping_ && lost.empty()) {
      void* raw = nullptr;
      if (redisGetReplyFromReader(c, &raw) != REDIS_OK) {
        lost = detail::context_error(c).message;
        break;
      }
      if (raw != nullptr) {
        Reply reply = detail::copy_reply(raw);
        freeReplyObject(raw);
        last_data = Clock::now();
        ping_outstanding = false;
        if (reply.is_array() && reply.elements.size() == 4 && reply.elements[0].str == "pmessage") {
          try {
            on_message_(reply.elements[2].str, reply.elements[3].str);
          } catch (const std::exception& e) {
            log::error("Redis subscriber callback threw", {{"error", e.what()}});
          }
        }
        continue;  // psubscribe confirmations and pongs need nothing
      }
      pollfd fds[2] = {{c->fd, POLLIN, 0}, {wake_fd_, POLLIN, 0}};
      auto wait =
          std::clamp<std::chrono::milliseconds::rep>(options_.idle_ping.count() / 2, 10, 1000);
      int n = ::poll(fds, 2, static_cast<int>(wait));
      if (n < 0 && errno != EINTR) {
        lost = "poll failed";
        break;
      }
      if (stopping_) break;
      if (n > 0 && (fds[0].revents & (POLLIN | POLLHUP | POLLERR))) {
        if (redisBufferRead(c) != REDIS_OK) lost = detail::context_error(c).message;
        continue;
      }
      auto idle = Clock::now() - last_data;
      if (ping_outstanding && idle > 2 * options_.idle_ping) {
        lost = "no answer to PING";
      } else if (!ping_outstanding && idle > options_.idle_ping) {
        if (Status ps = send_ping(c); !ps) lost = ps.error().message;
        ping_outstanding = true;
      }
    }
    if (!stopping_) {
      log::warn("Redis subscription lost; reconnecting",
                {{"pattern", options_.pattern}, {"error", lost}});
      warned = true;
      if (!sleep_unless_stopped(options_.initial_backoff)) break;
    }
  }
}

}  // namespace tailor::cache
