#include "common/mq/connection.hpp"

#include <amqp.h>
#include <amqp_framing.h>
#include <amqp_tcp_socket.h>
#include <fmt/format.h>
#include <sys/time.h>

#include <vector>

#include "common/mq/amqp_support.hpp"

namespace tailor::mq {

using detail::bytes;

namespace {

timeval to_timeval(std::chrono::microseconds d) {
  timeval tv{};
  tv.tv_sec = static_cast<time_t>(d.count() / 1'000'000);
  tv.tv_usec = static_cast<suseconds_t>(d.count() % 1'000'000);
  return tv;
}

amqp_table_entry_t string_entry(const char* key, std::string_view value) {
  amqp_table_entry_t e{};
  e.key = amqp_cstring_bytes(key);
  e.value.kind = AMQP_FIELD_KIND_UTF8;
  e.value.value.bytes = bytes(value);
  return e;
}

amqp_table_entry_t int_entry(const char* key, int value) {
  amqp_table_entry_t e{};
  e.key = amqp_cstring_bytes(key);
  e.value.kind = AMQP_FIELD_KIND_I32;
  e.value.value.i32 = value;
  return e;
}

amqp_table_t table(std::vector<amqp_table_entry_t>& entries) {
  return amqp_table_t{static_cast<int>(entries.size()), entries.data()};
}

}  // namespace

void Connection::Destroy::operator()(amqp_connection_state_t_* state) const {
  amqp_destroy_connection(state);
}

Result<Connection> Connection::open(const ConnectionOptions& options) {
  auto url = parse_url(options.url);
  if (!url) return std::unexpected(url.error());
  Connection c;
  c.peer_ = url->display();
  c.state_.reset(amqp_new_connection());
  if (!c.state_) return fail(Errc::internal, "rabbitmq-c: out of memory");
  amqp_connection_state_t state = c.state_.get();
  c.broken_ = true;  // until logged in: nothing to close politely

  amqp_socket_t* socket = amqp_tcp_socket_new(state);  // owned by the connection state
  if (!socket) return fail(Errc::internal, "rabbitmq-c: cannot create a TCP socket");
  timeval rpc = to_timeval(options.rpc_timeout);
  timeval connect = to_timeval(options.connect_timeout);
  amqp_set_rpc_timeout(state, &rpc);
  amqp_set_handshake_timeout(state, &connect);
  if (int st = amqp_socket_open_noblock(socket, url->host.c_str(), url->port, &connect);
      st != AMQP_STATUS_OK) {
    return std::unexpected(detail::library_error(st, "cannot connect", c.peer_));
  }

  // consumer_cancel_notify: without it the broker silently stops delivering when a consumed
  // queue is deleted, and a worker would wait forever.
  amqp_table_entry_t capability{};
  capability.key = amqp_cstring_bytes("consumer_cancel_notify");
  capability.value.kind = AMQP_FIELD_KIND_BOOLEAN;
  capability.value.value.boolean = 1;
  std::vector<amqp_table_entry_t> props;
  const std::string name = options.name.empty() ? std::string("tailor") : options.name;
  props.push_back(string_entry("connection_name", name));
  amqp_table_entry_t caps{};
  caps.key = amqp_cstring_bytes("capabilities");
  caps.value.kind = AMQP_FIELD_KIND_TABLE;
  caps.value.value.table = amqp_table_t{1, &capability};
  props.push_back(caps);
  const amqp_table_t client_properties = table(props);

  const amqp_rpc_reply_t login = amqp_login_with_properties(
      state, url->vhost.c_str(), 0, AMQP_DEFAULT_FRAME_SIZE, options.heartbeat_seconds,
      &client_properties, AMQP_SASL_METHOD_PLAIN, url->user.c_str(), url->password.c_str());
  if (login.reply_type != AMQP_RESPONSE_NORMAL) {
    auto err = detail::reply_error(login, fmt::format("login as '{}' refused or failed", url->user),
                                   c.peer_);
    err.code = Errc::unavailable;
    return std::unexpected(std::move(err));
  }
  c.broken_ = false;
  c.heartbeat_seconds_ = amqp_get_heartbeat(state);
  if (auto st = c.ensure_channel(); !st) {
    auto err = st.error();
    err.code = Errc::unavailable;
    return std::unexpected(std::move(err));
  }
  return c;
}

Connection::Connection(Connection&& other) noexcept
    : state_(std::move(other.state_)),
      peer_(std::move(other.peer_)),
      heartbeat_seconds_(other.heartbeat_seconds_),
      channel_open_(other.channel_open_),
      broken_(other.broken_) {}

Connection& Connection::operator=(Connection&& other) noexcept {
  if (this != &other) {
    close();
    state_ = std::move(other.state_);
    peer_ = std::move(other.peer_);
    heartbeat_seconds_ = other.heartbeat_seconds_;
    channel_open_ = other.channel_open_;
    broken_ = other.broken_;
  }
  return *this;
}

Connection::~Connection() {
  close();
}

void Connection::close() {
  if (!state_) return;
  if (!broken_) {
    // Best effort, bounded by the RPC timeout; errors here change nothing for the caller.
    if (channel_open_) amqp_channel_close(state_.get(), kChannel, AMQP_REPLY_SUCCESS);
    amqp_connection_close(state_.get(), AMQP_REPLY_SUCCESS);
  }
  state_.reset();
  channel_open_ = false;
  broken_ = true;
}

Error Connection::fail_reply(std::string_view what) {
  const amqp_rpc_reply_t reply = amqp_get_rpc_reply(state_.get());
  Error err = detail::reply_error(reply, what, peer_);
  if (reply.reply_type == AMQP_RESPONSE_SERVER_EXCEPTION &&
      reply.reply.id == AMQP_CHANNEL_CLOSE_METHOD) {
    amqp_channel_close_ok_t ok{};
    if (amqp_send_method(state_.get(), kChannel, AMQP_CHANNEL_CLOSE_OK_METHOD, &ok) !=
        AMQP_STATUS_OK) {
      broken_ = true;
    }
    channel_open_ = false;
  } else {
    if (reply.reply_type == AMQP_RESPONSE_SERVER_EXCEPTION &&
        reply.reply.id == AMQP_CONNECTION_CLOSE_METHOD) {
      amqp_connection_close_ok_t ok{};
      amqp_send_method(state_.get(), 0, AMQP_CONNECTION_CLOSE_OK_METHOD, &ok);
    }
    broken_ = true;
    channel_open_ = false;
  }
  return err;
}

Status Connection::ensure_channel() {
  if (broken_ || !state_) {
    return fail(Errc::unavailable, fmt::format("RabbitMQ at {}: the connection is closed", peer_));
  }
  if (channel_open_) return {};
  if (!amqp_channel_open(state_.get(), kChannel)) {
    return std::unexpected(fail_reply("cannot open channel 1"));
  }
  channel_open_ = true;
  return {};
}

Status Connection::declare(const core::Topology& topology) {
  if (auto st = ensure_channel(); !st) return st;
  amqp_connection_state_t s = state_.get();
  const amqp_table_t no_args{0, nullptr};

  for (const auto* ex : {&topology.exchange, &topology.dead_exchange}) {
    if (!amqp_exchange_declare(s, kChannel, bytes(*ex), amqp_cstring_bytes("direct"), 0, 1, 0, 0,
                               no_args)) {
      return std::unexpected(fail_reply(fmt::format("declaring exchange '{}'", *ex)));
    }
  }
  auto declare_queue = [&](const std::string& name,
                           std::vector<amqp_table_entry_t> args) -> Status {
    args.push_back(string_entry("x-queue-type", topology.queue_type));
    if (!amqp_queue_declare(s, kChannel, bytes(name), 0, 1, 0, 0, table(args))) {
      return std::unexpected(fail_reply(fmt::format("declaring queue '{}'", name)));
    }
    return {};
  };
  auto bind = [&](const std::string& queue, const std::string& exchange,
                  const std::string& key) -> Status {
    if (!amqp_queue_bind(s, kChannel, bytes(queue), bytes(exchange), bytes(key), no_args)) {
      return std::unexpected(fail_reply(
          fmt::format("binding queue '{}' to '{}' with key '{}'", queue, exchange, key)));
    }
    return {};
  };

  for (const auto& stage : topology.stages) {
    Status st =
        declare_queue(stage.queue, {string_entry("x-dead-letter-exchange", topology.dead_exchange),
                                    string_entry("x-dead-letter-routing-key", stage.stage)});
    if (st) st = bind(stage.queue, topology.exchange, stage.stage);
    if (st) st = declare_queue(stage.dead_queue, {});
    if (st) st = bind(stage.dead_queue, topology.dead_exchange, stage.stage);
    for (const auto& [name, ttl] : stage.retry_queues()) {
      if (!st) break;
      st = declare_queue(name, {int_entry("x-message-ttl", ttl),
                                string_entry("x-dead-letter-exchange", topology.exchange),
                                string_entry("x-dead-letter-routing-key", stage.stage)});
    }
    if (!st) return st;
  }
  return {};
}

Status Connection::delete_topology(const core::Topology& topology) {
  for (const auto& stage : topology.stages) {
    if (auto st = delete_queue(stage.queue); !st) return st;
    if (auto st = delete_queue(stage.dead_queue); !st) return st;
    for (const auto& [name, ttl] : stage.retry_queues()) {
      if (auto st = delete_queue(name); !st) return st;
    }
  }
  if (auto st = delete_exchange(topology.exchange); !st) return st;
  return delete_exchange(topology.dead_exchange);
}

Result<QueueInfo> Connection::inspect_queue(std::string_view queue) {
  if (auto st = ensure_channel(); !st) return std::unexpected(st.error());
  const amqp_table_t no_args{0, nullptr};
  const auto* ok = amqp_queue_declare(state_.get(), kChannel, bytes(queue), 1, 0, 0, 0, no_args);
  if (!ok) return std::unexpected(fail_reply(fmt::format("inspecting queue '{}'", queue)));
  return QueueInfo{ok->message_count, ok->consumer_count};
}

Status Connection::delete_queue(std::string_view queue) {
  if (auto st = ensure_channel(); !st) return st;
  if (!amqp_queue_delete(state_.get(), kChannel, bytes(queue), 0, 0)) {
    return std::unexpected(fail_reply(fmt::format("deleting queue '{}'", queue)));
  }
  return {};
}

Status Connection::delete_exchange(std::string_view exchange) {
  if (auto st = ensure_channel(); !st) return st;
  if (!amqp_exchange_delete(state_.get(), kChannel, bytes(exchange), 0)) {
    return std::unexpected(fail_reply(fmt::format("deleting exchange '{}'", exchange)));
  }
  return {};
}

Result<std::optional<Delivery>> Connection::get(std::string_view queue) {
  if (auto st = ensure_channel(); !st) return std::unexpected(st.error());
  const amqp_rpc_reply_t reply = amqp_basic_get(state_.get(), kChannel, bytes(queue), 1);
  if (reply.reply_type != AMQP_RESPONSE_NORMAL) {
    return std::unexpected(fail_reply(fmt::format("getting from queue '{}'", queue)));
  }
  if (reply.reply.id == AMQP_BASIC_GET_EMPTY_METHOD) return std::optional<Delivery>();
  const auto* ok = static_cast<const amqp_basic_get_ok_t*>(reply.reply.decoded);
  Delivery d;
  d.tag = ok->delivery_tag;
  d.redelivered = ok->redelivered != 0;
  d.exchange = detail::to_string(ok->exchange);
  d.routing_key = detail::to_string(ok->routing_key);
  amqp_message_t msg;
  const amqp_rpc_reply_t read = amqp_read_message(state_.get(), kChannel, &msg, 0);
  if (read.reply_type != AMQP_RESPONSE_NORMAL) {
    broken_ = true;
    return std::unexpected(
        detail::reply_error(read, fmt::format("reading a message from '{}'", queue), peer_));
  }
  d.body = detail::to_string(msg.body);
  detail::read_properties(msg.properties, d);
  amqp_destroy_message(&msg);
  d.attempt = attempt_of(d.body);
  amqp_maybe_release_buffers(state_.get());
  return std::optional<Delivery>(std::move(d));
}

Status Connection::poll() {
  if (broken_ || !state_) {
    return fail(Errc::unavailable, fmt::format("RabbitMQ at {}: the connection is closed", peer_));
  }
  amqp_connection_state_t s = state_.get();
  for (;;) {
    amqp_frame_t frame;
    // 1 µs rather than 0: a zero timeout skips rabbitmq-c's check for a missed heartbeat.
    timeval tv{0, 1};
    const int st = amqp_simple_wait_frame_noblock(s, &frame, &tv);
    if (st == AMQP_STATUS_TIMEOUT) break;
    if (st != AMQP_STATUS_OK) {
      broken_ = true;
      return std::unexpected(detail::library_error(st, "connection lost", peer_));
    }
    if (frame.frame_type != AMQP_FRAME_METHOD) continue;
    const auto id = frame.payload.method.id;
    if (id == AMQP_CONNECTION_CLOSE_METHOD) {
      const std::string reason = detail::close_reason(frame.payload.method);
      amqp_connection_close_ok_t ok{};
      amqp_send_method(s, 0, AMQP_CONNECTION_CLOSE_OK_METHOD, &ok);
      broken_ = true;
      return fail(
          Errc::unavailable,
          fmt::format("RabbitMQ at {}: the broker closed the connection: {}", peer_, reason));
    }
    if (id == AMQP_CHANNEL_CLOSE_METHOD) {
      const std::string reason = detail::close_reason(frame.payload.method);
      amqp_channel_close_ok_t ok{};
      if (amqp_send_method(s, kChannel, AMQP_CHANNEL_CLOSE_OK_METHOD, &ok) != AMQP_STATUS_OK) {
        broken_ = true;
      }
      channel_open_ = false;
      return fail(Errc::unavailable,
                  fmt::format("RabbitMQ at {}: the broker closed the channel: {}", peer_, reason));
    }
  }
  amqp_maybe_release_buffers(s);
  return {};
}

}  // namespace tailor::mq
