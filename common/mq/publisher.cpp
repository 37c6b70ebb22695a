#include "common/mq/publisher.hpp"

#include <amqp.h>
#include <amqp_framing.h>
#include <fmt/format.h>

#include <algorithm>
#include <thread>

#include "common/core/log.hpp"
#include "common/mq/amqp_support.hpp"

namespace tailor::mq {

using detail::bytes;
using std::chrono::milliseconds;
using std::chrono::steady_clock;

namespace {

milliseconds backoff_delay(int failures, milliseconds initial, milliseconds max) {
  milliseconds d = initial;
  for (int i = 1; i < failures && d < max; ++i) d *= 2;
  return std::min(d, max);
}

}  // namespace

Publisher::Publisher(PublisherOptions options) : options_(std::move(options)) {}

void Publisher::disconnect() {
  if (conn_) conn_->mark_broken();  // no polite close: the link may be half dead
  conn_.reset();
}

Status Publisher::ensure_connected() {
  if (conn_ && !conn_->broken()) {
    auto st = conn_->poll();
    if (st) return {};
    log::warn("rabbitmq publisher connection lost", {{"error", st.error().message}});
    disconnect();
  }
  conn_.reset();
  if (failures_ > 0) {
    const auto delay = backoff_delay(failures_, options_.backoff_initial, options_.backoff_max);
    std::this_thread::sleep_for(delay);
  }
  auto fail_attempt = [&](Error err) -> Status {
    ++failures_;
    log::warn("rabbitmq publisher cannot connect",
              {{"attempt", failures_}, {"error", err.message}});
    return std::unexpected(std::move(err));
  };
  auto c =
      Connection::open(ConnectionOptions{.url = options_.url,
                                         .heartbeat_seconds = options_.topology.heartbeat_seconds,
                                         .name = options_.name});
  if (!c) return fail_attempt(c.error());
  if (auto st = c->declare(options_.topology); !st) return fail_attempt(st.error());
  if (!amqp_confirm_select(c->raw(), Connection::kChannel)) {
    return fail_attempt(c->fail_reply("turning on publisher confirms"));
  }
  if (failures_ > 0) {
    log::info("rabbitmq publisher reconnected", {{"attempts", failures_}, {"peer", c->peer()}});
  }
  failures_ = 0;
  next_seq_ = 1;
  conn_.emplace(std::move(*c));
  return {};
}

Status Publisher::publish_batch(std::span<const Message> messages, milliseconds timeout) {
  auto each = publish_batch_each(messages, timeout);
  if (!each) return std::unexpected(each.error());
  std::size_t failed = 0;
  const Error* first = nullptr;
  for (const auto& st : *each) {
    if (st) continue;
    ++failed;
    if (!first) first = &st.error();
  }
  if (!first) return {};
  if (failed == 1) return std::unexpected(*first);
  return fail(first->code, fmt::format("{} of {} messages failed; first: {}", failed,
                                       messages.size(), first->message));
}

Result<std::vector<Status>> Publisher::publish_batch_each(std::span<const Message> messages,
                                                          milliseconds timeout) {
  const std::size_t n = messages.size();
  if (n == 0) return std::vector<Status>{};
  if (auto st = ensure_connected(); !st) return std::unexpected(st.error());
  amqp_connection_state_t s = conn_->raw();
  const std::string peer = conn_->peer();
  const auto deadline = steady_clock::now() + timeout;
  auto lost = [&](Error err) -> Result<std::vector<Status>> {
    disconnect();
    return std::unexpected(std::move(err));
  };

  const std::uint64_t first = next_seq_;
  for (const auto& m : messages) {
    detail::Properties props(m);
    const int st = amqp_basic_publish(s, Connection::kChannel, bytes(m.exchange),
                                      bytes(m.routing_key), 1, 0, props.get(), bytes(m.body));
    if (st != AMQP_STATUS_OK) return lost(detail::library_error(st, "publishing", peer));
    ++next_seq_;
  }

  enum : char { pending, returned, settled };
  std::vector<char> state(n, pending);
  std::vector<Status> results(n);
  std::size_t done = 0;
  std::size_t low = 0;  // every index below is settled
  auto settle = [&](std::uint64_t tag, bool multiple, bool ack) {
    if (tag < first) return;  // a confirm from before this batch
    const std::uint64_t hi = std::min<std::uint64_t>(tag - first, n - 1);
    const std::uint64_t lo = multiple ? low : hi;
    for (std::uint64_t i = lo; i <= hi; ++i) {
      if (state[i] == settled) continue;
      if (!ack) {
        results[i] = fail(Errc::unavailable,
                          fmt::format("RabbitMQ at {} refused message {} (basic.nack)", peer, i));
      }
      state[i] = settled;
      ++done;
    }
    while (low < n && state[low] == settled) ++low;
  };

  while (done < n) {
    const auto now = steady_clock::now();
    if (now >= deadline) {
      return lost(Error{Errc::deadline_exceeded,
                        fmt::format("RabbitMQ at {}: {} of {} messages unconfirmed after {} ms",
                                    peer, n - done, n, timeout.count())});
    }
    const auto left = std::chrono::duration_cast<std::chrono::microseconds>(deadline - now);
    timeval tv{static_cast<time_t>(left.count() / 1'000'000),
               static_cast<suseconds_t>(left.count() % 1'000'000)};
    amqp_frame_t frame;
    const int st = amqp_simple_wait_frame_noblock(s, &frame, &tv);
    if (st == AMQP_STATUS_TIMEOUT) continue;
    if (st != AMQP_STATUS_OK) {
      return lost(detail::library_error(st, "waiting for publisher confirms", peer));
    }
    if (frame.frame_type != AMQP_FRAME_METHOD) continue;
    switch (frame.payload.method.id) {
      case AMQP_BASIC_ACK_METHOD: {
        const auto* m = static_cast<const amqp_basic_ack_t*>(frame.payload.method.decoded);
        settle(m->delivery_tag, m->multiple != 0, true);
        break;
      }
      case AMQP_BASIC_NACK_METHOD: {
        const auto* m = static_cast<const amqp_basic_nack_t*>(frame.payload.method.decoded);
        settle(m->delivery_tag, m->multiple != 0, false);
        break;
      }
      case AMQP_BASIC_RETURN_METHOD: {
        const auto* r = static_cast<const amqp_basic_return_t*>(frame.payload.method.decoded);
        const std::string exchange = detail::to_string(r->exchange);
        const std::string key = detail::to_string(r->routing_key);
        amqp_message_t msg;
        const amqp_rpc_reply_t read = amqp_read_message(s, frame.channel, &msg, 0);
        if (read.reply_type != AMQP_RESPONSE_NORMAL) {
          return lost(detail::reply_error(read, "reading a returned message", peer));
        }
        Delivery d;
        detail::read_properties(msg.properties, d);
        amqp_destroy_message(&msg);
        // The return precedes the message's confirm; match it to the first pending message with
        // the same address (and id, when it has one).
        for (std::size_t i = low; i < n; ++i) {
          const auto& m = messages[i];
          if (state[i] != pending || m.exchange != exchange || m.routing_key != key) continue;
          if (!d.message_id.empty() && m.message_id != d.message_id) continue;
          state[i] = returned;
          results[i] = fail(Errc::failed_precondition,
                            fmt::format("no queue bound for routing key '{}' on exchange '{}'", key,
                                        exchange.empty() ? "(default)" : exchange));
          break;
        }
        break;
      }
      case AMQP_CHANNEL_CLOSE_METHOD:
      case AMQP_CONNECTION_CLOSE_METHOD: {
        const bool channel = frame.payload.method.id == AMQP_CHANNEL_CLOSE_METHOD;
        const std::string reason = detail::close_reason(frame.payload.method);
        if (channel) {
          amqp_channel_close_ok_t ok{};
          amqp_send_method(s, Connection::kChannel, AMQP_CHANNEL_CLOSE_OK_METHOD, &ok);
        } else {
          amqp_connection_close_ok_t ok{};
          amqp_send_method(s, 0, AMQP_CONNECTION_CLOSE_OK_METHOD, &ok);
        }
        return lost(Error{Errc::unavailable,
                          fmt::format("RabbitMQ at {} closed the {} while publishing: {}", peer,
                                      channel ? "channel" : "connection", reason)});
      }
      default:
        break;
    }
  }
  amqp_maybe_release_buffers(s);
  return results;
}

}  // namespace tailor::mq
