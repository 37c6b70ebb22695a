#include "common/mq/consumer.hpp"

#include <amqp.h>
#include <amqp_framing.h>
#include <fmt/format.h>
#include <poll.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <map>
#include <system_error>
#include <unordered_map>

#include "common/core/log.hpp"
#include "common/mq/amqp_support.hpp"
#include "common/mq/connection.hpp"

namespace tailor::mq {

using detail::bytes;
using std::chrono::milliseconds;
using std::chrono::steady_clock;

namespace {

// How long the connection thread sleeps between looks at the socket when nothing happens;
// bounds how late a heartbeat goes out and how late a missed one is noticed.
constexpr milliseconds kTick{100};

milliseconds backoff_delay(int failures, milliseconds initial, milliseconds max) {
  milliseconds d = initial;
  for (int i = 1; i < failures && d < max; ++i) d *= 2;
  return std::min(d, max);
}

Error lost(std::string_view peer, std::string what) {
  return Error{Errc::unavailable, fmt::format("RabbitMQ at {}: {}", peer, what)};
}

}  // namespace

// One connection's worth of state, owned by the thread in run().
struct Consumer::Session {
  struct InFlight {
    std::string body;
    std::string message_id;
    int attempt = 1;
  };
  struct PendingRetry {
    std::uint64_t tag;  // the original delivery, acked once the copy is confirmed
    std::string queue;
    std::string message_id;
    bool returned = false;
  };

  Connection conn;
  std::uint64_t generation;
  std::string consumer_tag;
  std::unordered_map<std::uint64_t, InFlight> in_flight;  // delivery tag -> handed to a handler
  std::map<std::uint64_t, PendingRetry> pending;          // publish sequence -> retry copy
  std::uint64_t next_seq = 1;
  bool cancelled = false;
};

Consumer::Consumer(ConsumerOptions options, Handler handler)
    : options_(std::move(options)),
      stage_(options_.topology.stage(options_.stage)),
      handler_(std::move(handler)) {
  if (options_.name.empty()) options_.name = "tailor-" + options_.stage;
  wake_fd_ = ::eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
  if (wake_fd_ < 0) throw std::system_error(errno, std::generic_category(), "eventfd");
}

Consumer::~Consumer() {
  {
    std::lock_guard lk(mu_);
    pool_stop_ = true;
    jobs_.clear();
  }
  work_cv_.notify_all();
  for (auto& t : pool_) {
    if (t.joinable()) t.join();
  }
  if (wake_fd_ >= 0) ::close(wake_fd_);
}

void Consumer::stop() {
  stop_requested_.store(true);
  wake();
}

void Consumer::break_connection_for_testing() {
  break_requested_.store(true);
  wake();
}

ConsumerStats Consumer::stats() const {
  return ConsumerStats{deliveries_.load(),    acked_.load(),         retried_.load(),
                       dead_lettered_.load(), stale_results_.load(), reconnects_.load()};
}

void Consumer::wake() {
  const std::uint64_t one = 1;
  [[maybe_unused]] const auto n = ::write(wake_fd_, &one, sizeof one);
}

void Consumer::wait_wakeup(milliseconds timeout) {
  pollfd p{wake_fd_, POLLIN, 0};
  if (::poll(&p, 1, static_cast<int>(timeout.count())) > 0) {
    std::uint64_t v;
    [[maybe_unused]] const auto n = ::read(wake_fd_, &v, sizeof v);
  }
}

void Consumer::worker_loop() {
  for (;;) {
    Job job;
    {
      std::unique_lock lk(mu_);
      work_cv_.wait(lk, [&] { return pool_stop_ || !jobs_.empty(); });
      if (jobs_.empty()) return;
      job = std::move(jobs_.front());
      jobs_.pop_front();
    }
    Outcome outcome;
    try {
      outcome = handler_(job.delivery);
    } catch (const std::exception& e) {
      log::error("message handler threw", {{"queue", stage_.queue}, {"error", e.what()}});
      outcome = disposition(Errc::internal);
    } catch (...) {
      log::error("message handler threw a non-exception", {{"queue", stage_.queue}});
      outcome = disposition(Errc::internal);
    }
    {
      std::lock_guard lk(mu_);
      done_.push_back(Done{job.generation, job.delivery.tag, outcome});
    }
    wake();
  }
}

Status Consumer::run() {
  {
    std::lock_guard lk(mu_);
    pool_stop_ = false;
  }
  for (int i = 0; i < stage_.prefetch; ++i) pool_.emplace_back(&Consumer::worker_loop, this);

  Status result;
  int failures = 0;
  std::uint64_t generation = 0;
  while (!stop_requested_.load()) {
    if (failures > 0) {
      wait_wakeup(backoff_delay(failures, options_.backoff_initial, options_.backoff_max));
      if (stop_requested_.load()) break;
    }
    const auto gen = ++generation;
    auto fail_attempt = [&](const Error& err) {
      ++failures;
      log::warn(
          "rabbitmq consumer cannot connect; retrying",
          {{"queue", stage_.queue},
           {"attempt", failures},
           {"retry_in_ms",
            static_cast<std::int64_t>(
                backoff_delay(failures, options_.backoff_initial, options_.backoff_max).count())},
           {"error", err.message}});
    };
    auto conn =
        Connection::open(ConnectionOptions{.url = options_.url,
                                           .heartbeat_seconds = options_.topology.heartbeat_seconds,
                                           .name = options_.name});
    if (!conn) {
      if (conn.error().code == Errc::invalid_argument) {  // a bad URL does not get better
        result = std::unexpected(conn.error());
        break;
      }
      fail_attempt(conn.error());
      continue;
    }
    Session session{std::move(*conn), gen, {}, {}, {}, 1, false};
    Status setup = session.conn.declare(options_.topology);
    amqp_connection_state_t s = session.conn.raw();
    if (setup && !amqp_confirm_select(s, Connection::kChannel)) {
      setup = std::unexpected(session.conn.fail_reply("turning on publisher confirms"));
    }
    if (setup && !amqp_basic_qos(s, Connection::kChannel, 0,
                                 static_cast<std::uint16_t>(stage_.prefetch), 0)) {
      setup = std::unexpected(session.conn.fail_reply("setting the prefetch (basic.qos)"));
    }
    if (setup) {
      const amqp_table_t no_args{0, nullptr};
      const auto* ok = amqp_basic_consume(s, Connection::kChannel, bytes(stage_.queue),
                                          amqp_empty_bytes, 0, 0, 0, no_args);
      if (!ok) {
        setup = std::unexpected(
            session.conn.fail_reply(fmt::format("consuming from '{}'", stage_.queue)));
      } else {
        session.consumer_tag = detail::to_string(ok->consumer_tag);
      }
    }
    if (!setup) {
      const auto code = setup.error().code;
      if (code == Errc::failed_precondition || code == Errc::permission_denied) {
        log::error("rabbitmq refused the topology",
                   {{"queue", stage_.queue}, {"error", setup.error().message}});
        result = std::unexpected(setup.error());
        break;
      }
      session.conn.mark_broken();
      fail_attempt(setup.error());
      continue;
    }
    if (failures > 0) {
      log::info("rabbitmq consumer connected",
                {{"queue", stage_.queue}, {"attempts", failures}, {"peer", session.conn.peer()}});
    }
    failures = 0;

    const Status served = serve(session);
    consuming_.store(false);
    if (served) break;  // stopped gracefully
    session.conn.mark_broken();
    {
      // Deliveries no handler has started belong to the dead connection: the broker requeues them.
      std::lock_guard lk(mu_);
      std::erase_if(jobs_, [&](const Job& j) { return j.generation == gen; });
    }
    if (stop_requested_.load()) break;
    reconnects_.fetch_add(1);
    ++failures;
    log::warn("rabbitmq consumer lost its connection; reconnecting",
              {{"queue", stage_.queue},
               {"attempt", failures},
               {"unacked_dropped", session.in_flight.size() + session.pending.size()},
               {"error", served.error().message}});
  }

  {
    std::lock_guard lk(mu_);
    pool_stop_ = true;
    jobs_.clear();
  }
  work_cv_.notify_all();
  for (auto& t : pool_) t.join();  // handlers still running finish; their results are moot
  pool_.clear();
  return result;
}

Status Consumer::serve(Session& session) {
  Connection& c = session.conn;
  amqp_connection_state_t s = c.raw();
  const int fd = amqp_get_sockfd(s);
  const std::string peer = c.peer();
  consuming_.store(true);

  auto send_ok = [&](int st, std::string_view what) -> Status {
    if (st == AMQP_STATUS_OK) return {};
    return std::unexpected(detail::library_error(st, what, peer));
  };
  auto ack = [&](std::uint64_t tag) { return send_ok(amqp_basic_ack(s, 1, tag, 0), "basic.ack"); };
  auto nack = [&](std::uint64_t tag, bool requeue) {
    return send_ok(amqp_basic_nack(s, 1, tag, 0, requeue ? 1 : 0), "basic.nack");
  };
  auto dead_letter = [&](std::uint64_t tag) -> Status {
    if (auto st = nack(tag, false); !st) return st;
    dead_lettered_.fetch_add(1);
    return {};
  };

  // Settles the retry copies a publisher confirm covers.
  auto confirm = [&](std::uint64_t seq, bool multiple, bool acked) -> Status {
    auto begin = multiple ? session.pending.begin() : session.pending.find(seq);
    auto end = session.pending.upper_bound(seq);
    if (begin == session.pending.end() || begin->first > seq) return {};
    for (auto it = begin; it != end;) {
      const auto& p = it->second;
      Status st;
      if (!acked) {
        log::warn("rabbitmq refused a retry copy; requeueing the message",
                  {{"queue", p.queue}, {"message_id", p.message_id}});
        st = nack(p.tag, true);
      } else if (p.returned) {
        log::error("retry copy unroutable; dead-lettering the message",
                   {{"error", fmt::format("no queue bound for routing key '{}'", p.queue)},
                    {"message_id", p.message_id}});
        st = dead_letter(p.tag);
      } else {
        st = ack(p.tag);
        if (st) retried_.fetch_add(1);
      }
      if (!st) return st;
      it = session.pending.erase(it);
    }
    return {};
  };

  auto settle_results = [&]() -> Status {
    std::vector<Done> done;
    {
      std::lock_guard lk(mu_);
      done.swap(done_);
    }
    for (const auto& r : done) {
      if (r.generation != session.generation) {
        stale_results_.fetch_add(1);
        log::debug("dropping a handler result from a lost connection",
                   {{"queue", stage_.queue}, {"delivery_tag", static_cast<std::int64_t>(r.tag)}});
        continue;
      }
      auto it = session.in_flight.find(r.tag);
      if (it == session.in_flight.end()) continue;  // cannot happen: each tag is handed out once
      auto flight = std::move(it->second);
      session.in_flight.erase(it);
      Status st;
      switch (r.outcome) {
        case Outcome::ack:
          st = ack(r.tag);
          if (st) acked_.fetch_add(1);
          break;
        case Outcome::dead_letter:
          st = dead_letter(r.tag);
          break;
        case Outcome::retry: {
          if (flight.attempt >= stage_.attempts) {
            log::warn("attempts spent; dead-lettering the message",
                      {{"queue", stage_.queue},
                       {"attempt", flight.attempt},
                       {"message_id", flight.message_id}});
            st = dead_letter(r.tag);
            break;
          }
          auto body = with_attempt(flight.body, flight.attempt + 1);
          if (!body) {
            log::warn("cannot retry a message whose body is not a JSON object; dead-lettering",
                      {{"queue", stage_.queue}, {"message_id", flight.message_id}});
            st = dead_letter(r.tag);
            break;
          }
          Message copy{.exchange = "",
                       .routing_key = stage_.retry_queue(flight.attempt),
                       .body = std::move(*body),
                       .message_id = flight.message_id,
                       .headers = {}};
          detail::Properties props(copy);
          st = send_ok(amqp_basic_publish(s, 1, amqp_empty_bytes, bytes(copy.routing_key), 1, 0,
                                          props.get(), bytes(copy.body)),
                       "publishing a retry");
          if (st) {
            session.pending.emplace(
                session.next_seq++,
                Session::PendingRetry{r.tag, copy.routing_key, flight.message_id, false});
          }
          break;
        }
      }
      if (!st) return st;
    }
    return {};
  };

  auto handle_frame = [&](const amqp_frame_t& frame) -> Status {
    if (frame.frame_type != AMQP_FRAME_METHOD) return {};
    const auto& method = frame.payload.method;
    switch (method.id) {
      case AMQP_BASIC_ACK_METHOD: {
        const auto* m = static_cast<const amqp_basic_ack_t*>(method.decoded);
        return confirm(m->delivery_tag, m->multiple != 0, true);
      }
      case AMQP_BASIC_NACK_METHOD: {
        const auto* m = static_cast<const amqp_basic_nack_t*>(method.decoded);
        return confirm(m->delivery_tag, m->multiple != 0, false);
      }
      case AMQP_BASIC_RETURN_METHOD: {
        const auto* r = static_cast<const amqp_basic_return_t*>(method.decoded);
        const std::string key = detail::to_string(r->routing_key);
        amqp_message_t msg;
        const amqp_rpc_reply_t read = amqp_read_message(s, frame.channel, &msg, 0);
        if (read.reply_type != AMQP_RESPONSE_NORMAL) {
          return std::unexpected(detail::reply_error(read, "reading a returned message", peer));
        }
        Delivery d;
        detail::read_properties(msg.properties, d);
        amqp_destroy_message(&msg);
        for (auto& [seq, p] : session.pending) {
          if (p.returned || p.queue != key) continue;
          if (!d.message_id.empty() && d.message_id != p.message_id) continue;
          p.returned = true;
          break;
        }
        return {};
      }
      case AMQP_BASIC_CANCEL_METHOD:
        return std::unexpected(
            lost(peer, fmt::format("the broker cancelled the consumer of '{}' (queue deleted?)",
                                   stage_.queue)));
      case AMQP_CHANNEL_CLOSE_METHOD: {
        const std::string reason = detail::close_reason(method);
        amqp_channel_close_ok_t ok{};
        amqp_send_method(s, 1, AMQP_CHANNEL_CLOSE_OK_METHOD, &ok);
        return std::unexpected(lost(peer, "the broker closed the channel: " + reason));
      }
      case AMQP_CONNECTION_CLOSE_METHOD: {
        const std::string reason = detail::close_reason(method);
        amqp_connection_close_ok_t ok{};
        amqp_send_method(s, 0, AMQP_CONNECTION_CLOSE_OK_METHOD, &ok);
        return std::unexpected(lost(peer, "the broker closed the connection: " + reason));
      }
      case AMQP_CONNECTION_BLOCKED_METHOD:
        log::warn("rabbitmq blocked the connection (resource alarm)", {{"queue", stage_.queue}});
        return {};
      case AMQP_CONNECTION_UNBLOCKED_METHOD:
        log::info("rabbitmq unblocked the connection", {{"queue", stage_.queue}});
        return {};
      default:
        return {};
    }
  };

  auto take_delivery = [&](amqp_envelope_t& env) -> Status {
    Delivery d;
    d.tag = env.delivery_tag;
    d.redelivered = env.redelivered != 0;
    d.exchange = detail::to_string(env.exchange);
    d.routing_key = detail::to_string(env.routing_key);
    d.body = detail::to_string(env.message.body);
    detail::read_properties(env.message.properties, d);
    amqp_destroy_envelope(&env);
    if (session.cancelled) return nack(d.tag, true);  // arrived while stopping: not started
    d.attempt = attempt_of(d.body);
    session.in_flight.emplace(d.tag, Session::InFlight{d.body, d.message_id, d.attempt});
    deliveries_.fetch_add(1);
    {
      std::lock_guard lk(mu_);
      jobs_.push_back(Job{std::move(d), session.generation});
    }
    work_cv_.notify_one();
    return {};
  };

  auto last_read = steady_clock::now();
  for (;;) {
    if (stop_requested_.load() && !session.cancelled) {
      consuming_.store(false);
      session.cancelled = true;
      if (!amqp_basic_cancel(s, 1, bytes(session.consumer_tag))) {
        return std::unexpected(c.fail_reply("cancelling the consumer"));
      }
      std::vector<Job> unstarted;
      {
        std::lock_guard lk(mu_);
        for (auto it = jobs_.begin(); it != jobs_.end();) {
          if (it->generation == session.generation) {
            unstarted.push_back(std::move(*it));
            it = jobs_.erase(it);
          } else {
            ++it;
          }
        }
      }
      for (const auto& j : unstarted) {
        session.in_flight.erase(j.delivery.tag);
        if (auto st = nack(j.delivery.tag, true); !st) return st;
      }
    }
    if (break_requested_.exchange(false)) ::shutdown(fd, SHUT_RDWR);
    if (auto st = settle_results(); !st) return st;
    if (session.cancelled && session.in_flight.empty() && session.pending.empty()) return {};

    bool ready = amqp_frames_enqueued(s) || amqp_data_in_buffer(s);
    if (!ready) {
      pollfd fds[2] = {{fd, POLLIN, 0}, {wake_fd_, POLLIN, 0}};
      const int n = ::poll(fds, 2, static_cast<int>(kTick.count()));
      if (n > 0 && (fds[1].revents & POLLIN)) {
        std::uint64_t v;
        [[maybe_unused]] const auto r = ::read(wake_fd_, &v, sizeof v);
      }
      ready = n > 0 && (fds[0].revents != 0);
    }
    const auto now = steady_clock::now();
    // Without data, still call into rabbitmq-c every tick: that is where heartbeats are sent and
    // a silent broker is noticed.
    if (!ready && now - last_read < kTick) continue;
    last_read = now;

    amqp_maybe_release_buffers(s);
    amqp_envelope_t env;
    timeval tv{0, 1000};
    const amqp_rpc_reply_t r = amqp_consume_message(s, &env, &tv, 0);
    if (r.reply_type == AMQP_RESPONSE_NORMAL) {
      if (auto st = take_delivery(env); !st) return st;
      continue;
    }
    if (r.reply_type == AMQP_RESPONSE_LIBRARY_EXCEPTION) {
      if (r.library_error == AMQP_STATUS_TIMEOUT) continue;
      if (r.library_error == AMQP_STATUS_UNEXPECTED_STATE) {
        amqp_frame_t frame;
        if (int st = amqp_simple_wait_frame(s, &frame); st != AMQP_STATUS_OK) {
          return std::unexpected(detail::library_error(st, "connection lost", peer));
        }
        if (auto st = handle_frame(frame); !st) return st;
        continue;
      }
      return std::unexpected(detail::library_error(r.library_error, "connection lost", peer));
    }
    // A channel.close or connection.close while a message was being read.
    return std::unexpected(detail::reply_error(r, "connection lost", peer));
  }
}

}  // namespace tailor::mq
