#pragma once
// A pattern subscription (PSUBSCRIBE) served by its own thread and connection.
// Messages published while the connection is down are lost (Redis pub/sub keeps nothing), so after
// every re-subscription the subscriber calls on_reconnect: the owner re-reads what it follows from
// PostgreSQL. Redis going away is logged and retried with capped exponential backoff, forever,
// until stop().
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>

#include "common/cache/redis_url.hpp"

namespace tailor::cache {

struct SubscriberOptions {
  RedisUrl url;
  std::string pattern;  // e.g. "tailor:job:*"
  std::chrono::milliseconds connect_timeout{2000};
  std::chrono::milliseconds initial_backoff{100};
  std::chrono::milliseconds max_backoff{5000};
  // After this long with nothing received, send a PING; if nothing comes back within the same
  // time again, the connection is treated as dead (catches silently dropped connections).
  std::chrono::milliseconds idle_ping{30000};
  // Shown by CLIENT LIST (no spaces), e.g. "tailor-api-events"; empty leaves it unnamed.
  std::string client_name;
};

class Subscriber {
 public:
  // Both run on the subscriber's thread; keep them short and non-blocking. Exceptions they throw
  // are logged and swallowed.
  using OnMessage = std::function<void(std::string_view channel, std::string_view message)>;
  using OnReconnect = std::function<void()>;

  // Does not start anything; call start().
  Subscriber(SubscriberOptions options, OnMessage on_message, OnReconnect on_reconnect = {});
  // Calls stop().
  ~Subscriber();
  Subscriber(const Subscriber&) = delete;
  Subscriber& operator=(const Subscriber&) = delete;

  // Starts the thread; it connects and subscribes in the background. Call once.
  void start();
  // Wakes the thread at once (it may be blocked reading or backing off), joins it. Idempotent.
  void stop();

  // How many times the pattern has been (re-)subscribed: 1 after the first success. Counted after
  // on_reconnect has returned.
  std::uint64_t subscription_count() const;
  // Waits until subscription_count() >= count; false on timeout. For startup checks and tests.
  bool wait_for_subscription(std::uint64_t count, std::chrono::milliseconds timeout) const;

 private:
  void run();
  bool sleep_unless_stopped(std::chrono::milliseconds d);

  SubscriberOptions options_;
  OnMessage on_message_;
  OnReconnect on_reconnect_;
  int wake_fd_ = -1;  // eventfd written by stop()
  std::atomic<bool> stopping_{false};
  mutable std::mutex mutex_;
  mutable std::condition_variable subscribed_;
  std::uint64_t subscriptions_ = 0;
  std::thread thread_;
};

}  // namespace tailor::cache
