// Integration tests against a real Redis named by REDIS_URL. Every key and channel carries a
// per-run prefix, so runs can share a server.
#include <doctest/doctest.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdlib>
#include <mutex>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "common/cache/rate_limiter.hpp"
#include "common/cache/redis.hpp"
#include "common/cache/subscriber.hpp"

using namespace tailor;
using namespace tailor::cache;
using namespace std::chrono_literals;

namespace {

RedisUrl test_url() {
  const char* env = std::getenv("REDIS_URL");
  if (env == nullptr || *env == '\0') {
    FAIL(
        "REDIS_URL is not set: these tests need a running Redis, e.g. "
        "`redis-server --port 56411 --bind 127.0.0.1 --daemonize yes --save ''` and "
        "REDIS_URL=redis://127.0.0.1:56411/0");
  }
  auto url = parse_redis_url(env);
  if (!url) FAIL(url.error().message);
  return *url;
}

std::string prefix() {
  static const std::string p =
      "tailor-test:" + std::to_string(::getpid()) + ":" +
      std::to_string(std::chrono::steady_clock::now().time_since_epoch().count()) + ":";
  return p;
}

RedisOptions options(std::size_t pool = 2, std::string name = "") {
  RedisOptions o;
  o.url = test_url();
  o.pool_size = pool;
  o.client_name = std::move(name);
  return o;
}

// Collects messages from a Subscriber's thread.
struct Inbox {
  std::mutex m;
  std::condition_variable cv;
  std::vector<std::pair<std::string, std::string>> messages;
  void push(std::string_view channel, std::string_view message) {
    {
      std::lock_guard lock(m);
      messages.emplace_back(channel, message);
    }
    cv.notify_all();
  }
  bool wait_for(std::size_t n, std::chrono::milliseconds timeout) {
    std::unique_lock lock(m);
    return cv.wait_for(lock, timeout, [&] { return messages.size() >= n; });
  }
};

// The id of the connection CLIENT LIST shows under `name`, or -1.
long long client_id_by_name(Redis& redis, const std::string& name) {
  auto list = redis.command({"CLIENT", "LIST"});
  if (!list || !list->is_string()) return -1;
  std::istringstream lines(list->str);
  std::string line;
  while (std::getline(lines, line)) {
    if (line.find(" name=" + name + " ") == std::string::npos) continue;
    return std::stoll(line.substr(line.find("id=") + 3));
  }
  return -1;
}

}  // namespace

TEST_CASE("command returns every reply type, binary-safe") {
  Redis redis(options());
  REQUIRE(redis.ping());
  std::string key = prefix() + "bin";
  std::string value("a\0b\r\n\xff", 6);

  auto r = redis.command({"SET", key, value});
  REQUIRE(r);
  CHECK(r->is_status());
  CHECK(r->str == "OK");

  r = redis.command({"GET", key});
  REQUIRE(r);
  CHECK(r->is_string());
  CHECK(r->str == value);

  r = redis.command({"GET", prefix() + "absent"});
  REQUIRE(r);
  CHECK(r->is_nil());

  std::string list = prefix() + "list";
  r = redis.command({"RPUSH", list, "x", "y", "z"});
  REQUIRE(r);
  CHECK(r->is_integer());
  CHECK(r->integer == 3);
  r = redis.command({"LRANGE", list, "0", "-1"});
  REQUIRE(r);
  REQUIRE(r->is_array());
  REQUIRE(r->elements.size() == 3);
  CHECK(r->elements[2].str == "z");

  // An error reply is a reply, not a failed call.
  r = redis.command({"INCR", list});
  REQUIRE(r);
  CHECK(r->is_error());
  CHECK(r->str.rfind("WRONGTYPE", 0) == 0);

  std::vector<std::string> dynamic = {"DEL", key, list};
  r = redis.command(dynamic);
  REQUIRE(r);
  CHECK(r->integer == 2);
}

TEST_CASE("get, set with TTL, del") {
  Redis redis(options());
  std::string key = prefix() + "kv";
  auto missing = redis.get(key);
  REQUIRE(missing);
  CHECK_FALSE(missing->has_value());

  REQUIRE(redis.set(key, "v1", 100));
  auto got = redis.get(key);
  REQUIRE(got);
  CHECK(**got == "v1");
  auto ttl = redis.command({"TTL", key});
  REQUIRE(ttl);
  CHECK(ttl->integer > 90);
  CHECK(ttl->integer <= 100);

  REQUIRE(redis.set(key, "v2", 0));
  CHECK(redis.command({"TTL", key})->integer == -1);
  CHECK(redis.del(key) == 1);
  CHECK(redis.del(key) == 0);

  // Helpers turn error replies into errors.
  std::string list = prefix() + "kv-list";
  REQUIRE(redis.command({"RPUSH", list, "x"}));
  auto wrong = redis.get(list);
  REQUIRE_FALSE(wrong);
  CHECK(wrong.error().code == Errc::internal);
  CHECK(wrong.error().message.find("WRONGTYPE") != std::string::npos);
  redis.del(list);
}

TEST_CASE("the pool serves many threads") {
  std::string name = "tailor-test-many-" + std::to_string(::getpid());
  Redis redis(options(3, name));
  std::string key = prefix() + "counter";
  std::vector<std::thread> threads;
  std::atomic<int> failures{0};
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 100; ++i) {
        auto r = redis.command({"INCR", key});
        if (!r || !r->is_integer()) ++failures;
      }
    });
  }
  for (auto& t : threads) t.join();
  CHECK(failures == 0);
  CHECK(redis.get(key)->value() == "800");
  // Never more than pool_size connections.
  auto clients = redis.command({"CLIENT", "LIST"});
  REQUIRE(clients);
  std::size_t open = 0;
  for (std::size_t pos = 0;
       (pos = clients->str.find(" name=" + name + " ", pos)) != std::string::npos; ++pos)
    ++open;
  CHECK(open >= 1);
  CHECK(open <= 3);
  redis.del(key);
}

TEST_CASE("a pooled connection killed by the server is replaced transparently") {
  std::string name = "tailor-test-pool-" + std::to_string(::getpid());
  Redis redis(options(1, name));
  Redis admin(options(1));
  REQUIRE(redis.ping());
  long long id = client_id_by_name(admin, name);
  REQUIRE(id > 0);
  auto killed = admin.command({"CLIENT", "KILL", "ID", std::to_string(id)});
  REQUIRE(killed);
  CHECK(killed->integer == 1);
  CHECK(redis.ping());  // the dead pooled connection is dropped and the call retried once
  long long new_id = client_id_by_name(admin, name);
  CHECK(new_id > 0);
  CHECK(new_id != id);
}

TEST_CASE("an unreachable server gives unavailable with a readable message") {
  RedisOptions o;
  o.url.host = "127.0.0.1";
  o.url.port = 1;  // nothing listens there
  o.connect_timeout = 500ms;
  Redis redis(o);
  auto st = redis.ping();
  REQUIRE_FALSE(st);
  CHECK(st.error().code == Errc::unavailable);
  CHECK(st.error().message.rfind("Redis is unavailable: ", 0) == 0);
  auto r = redis.incr_with_expiry("k", 10);
  REQUIRE_FALSE(r);
  CHECK(r.error().code == Errc::unavailable);
}

TEST_CASE("incr_with_expiry sets the TTL on the first increment only") {
  Redis redis(options());
  std::string key = prefix() + "incr";
  CHECK(redis.incr_with_expiry(key, 100) == 1);
  auto pttl = redis.command({"PTTL", key});
  REQUIRE(pttl);
  CHECK(pttl->integer > 90'000);
  CHECK(pttl->integer <= 100'000);

  // Shorten the TTL; later increments must not extend it again.
  REQUIRE(redis.command({"PEXPIRE", key, "50000"}));
  CHECK(redis.incr_with_expiry(key, 100) == 2);
  CHECK(redis.incr_with_expiry(key, 100) == 3);
  pttl = redis.command({"PTTL", key});
  CHECK(pttl->integer <= 50'000);
  CHECK(pttl->integer > 40'000);

  // A counter that somehow has no TTL gets one.
  REQUIRE(redis.set(key, "7", 0));
  CHECK(redis.incr_with_expiry(key, 100) == 8);
  CHECK(redis.command({"TTL", key})->integer > 90);
  redis.del(key);
}

TEST_CASE("rate_limit: a fixed window of `limit` hits") {
  Redis redis(options());
  std::string key = prefix() + "rl";
  for (int i = 1; i <= 3; ++i) {
    auto d = rate_limit(redis, key, 3, 1);
    REQUIRE(d);
    CHECK(d->allowed);
    CHECK(d->remaining == 3 - i);
    CHECK(d->retry_after_s == 0);
  }
  auto refused = rate_limit(redis, key, 3, 1);
  REQUIRE(refused);
  CHECK_FALSE(refused->allowed);
  CHECK(refused->remaining == 0);
  CHECK(refused->retry_after_s == 1);

  // Another key has its own window.
  CHECK(rate_limit(redis, key + ":other", 3, 1)->allowed);

  // The window ends; the count starts again.
  std::this_thread::sleep_for(1100ms);
  auto again = rate_limit(redis, key, 3, 1);
  REQUIRE(again);
  CHECK(again->allowed);
  CHECK(again->remaining == 2);

  auto longer = rate_limit(redis, key + ":long", 0, 60);
  REQUIRE(longer);
  CHECK_FALSE(longer->allowed);
  CHECK(longer->retry_after_s == 60);
  redis.del(key);
  redis.del(key + ":other");
  redis.del(key + ":long");
}

TEST_CASE("publish reaches a pattern Subscriber, which survives its connection being killed") {
  Redis redis(options());
  Inbox inbox;
  std::atomic<int> reconnects{0};
  SubscriberOptions so;
  so.url = test_url();
  so.pattern = prefix() + "job:*";
  so.client_name = "tailor-test-sub-" + std::to_string(::getpid());
  so.initial_backoff = 50ms;
  Subscriber sub(
      so, [&](std::string_view ch, std::string_view msg) { inbox.push(ch, msg); },
      [&] { ++reconnects; });
  sub.start();
  REQUIRE(sub.wait_for_subscription(1, 5s));

  REQUIRE(redis.publish(prefix() + "job:42", "{\"seq\":1}"));
  REQUIRE(redis.publish(prefix() + "other:42", "not for us"));
  REQUIRE(redis.publish(prefix() + "job:43", std::string("bin\0ary", 7)));
  REQUIRE(inbox.wait_for(2, 5s));
  {
    std::lock_guard lock(inbox.m);
    REQUIRE(inbox.messages.size() == 2);
    CHECK(inbox.messages[0].first == prefix() + "job:42");
    CHECK(inbox.messages[0].second == "{\"seq\":1}");
    CHECK(inbox.messages[1].second == std::string("bin\0ary", 7));
  }
  CHECK(reconnects == 0);

  SUBCASE("after its connection is killed it re-subscribes, says so, and receives again") {
    // Kills only this subscriber's connection (by the name it gave), not every pub/sub client as
    // CLIENT KILL TYPE pubsub would: other tests may share this Redis and run in parallel.
    long long id = client_id_by_name(redis, so.client_name);
    REQUIRE(id > 0);
    auto killed = redis.command({"CLIENT", "KILL", "ID", std::to_string(id)});
    REQUIRE(killed);
    CHECK(killed->integer == 1);
    REQUIRE(sub.wait_for_subscription(2, 10s));
    CHECK(reconnects == 1);
    REQUIRE(redis.publish(prefix() + "job:44", "after"));
    REQUIRE(inbox.wait_for(3, 5s));
    std::lock_guard lock(inbox.m);
    CHECK(inbox.messages.back().second == "after");
  }

  SUBCASE("stop() returns promptly while the subscriber waits for messages") {
    auto t0 = std::chrono::steady_clock::now();
    sub.stop();
    CHECK(std::chrono::steady_clock::now() - t0 < 2s);
    sub.stop();  // idempotent
  }
}

TEST_CASE("a Subscriber keeps retrying while Redis is down, and stops promptly") {
  SubscriberOptions so;
  so.url.host = "127.0.0.1";
  so.url.port = 1;
  so.pattern = "x:*";
  so.connect_timeout = 200ms;
  so.initial_backoff = 20ms;
  so.max_backoff = 200ms;
  Subscriber sub(so, [](std::string_view, std::string_view) {});
  sub.start();
  CHECK_FALSE(sub.wait_for_subscription(1, 500ms));
  auto t0 = std::chrono::steady_clock::now();
  sub.stop();
  CHECK(std::chrono::steady_clock::now() - t0 < 1s);
}

TEST_CASE("an idle Subscriber pings and keeps its connection") {
  Redis redis(options());
  Inbox inbox;
  SubscriberOptions so;
  so.url = test_url();
  so.pattern = prefix() + "idle:*";
  so.idle_ping = 100ms;  // many PINGs during the wait below
  Subscriber sub(so, [&](std::string_view ch, std::string_view msg) { inbox.push(ch, msg); });
  sub.start();
  REQUIRE(sub.wait_for_subscription(1, 5s));
  std::this_thread::sleep_for(1s);
  CHECK(sub.subscription_count() == 1);  // pongs arrived; never judged dead
  REQUIRE(redis.publish(prefix() + "idle:1", "still here"));
  REQUIRE(inbox.wait_for(1, 5s));
  std::lock_guard lock(inbox.m);
  CHECK(inbox.messages.size() == 1);
  CHECK(inbox.messages[0].second == "still here");
}
