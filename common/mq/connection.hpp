#pragma once
// One AMQP connection to RabbitMQ with one channel (number 1): connect, log in, declare Tailor's
// topology, and a few administrative calls (inspect, get, delete) used by tests and tools.
// Not thread-safe: exactly one thread uses a Connection (rabbitmq-c connections are not
// thread-safe, and heartbeats are serviced only inside its calls).
//
// Errors: Errc::unavailable for anything about the link (refused, reset, login refused,
// heartbeat timeout, closed by the broker); on those the Connection is broken() and the owner
// opens a new one. A channel-level refusal keeps the connection usable (the channel is reopened
// on the next call): not_found (no such queue), failed_precondition (a queue exists with other
// arguments, e.g. another queue_type), permission_denied.
#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "common/core/error.hpp"
#include "common/core/topology.hpp"
#include "common/mq/message.hpp"
#include "common/mq/url.hpp"

struct amqp_connection_state_t_;

namespace tailor::mq {

struct ConnectionOptions {
  std::string url{};           // RABBITMQ_URL
  int heartbeat_seconds = 20;  // Topology::heartbeat_seconds; 0 disables heartbeats
  std::string name{};          // connection_name shown by `rabbitmqctl list_connections`
  std::chrono::milliseconds connect_timeout{5000};
  std::chrono::milliseconds rpc_timeout{30000};  // declare, qos, consume, cancel, close
};

struct QueueInfo {
  std::uint32_t messages = 0;  // ready messages (not counting unacknowledged ones)
  std::uint32_t consumers = 0;
};

class Connection {
 public:
  static constexpr std::uint16_t kChannel = 1;

  // Connects, logs in and opens channel 1. Fails with invalid_argument for a bad URL and
  // unavailable for everything else (the message names host:port/vhost, never the password).
  static Result<Connection> open(const ConnectionOptions& options);

  Connection(Connection&& other) noexcept;
  Connection& operator=(Connection&& other) noexcept;
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;
  // Closes the channel and the connection politely unless the link is already broken.
  ~Connection();

  // Declares exchanges <ns>.work and <ns>.dead (direct, durable) and, for every stage, its work
  // queue (dead-lettering to <ns>.dead with the stage as key), its dead queue and its delay
  // queues (TTL, dead-lettering back to <ns>.work), all durable with x-queue-type =
  // queue_type, plus their bindings. Idempotent while the arguments do not change.
  Status declare(const core::Topology& topology);
  // Deletes every queue and both exchanges declare() makes (absent ones are fine).
  Status delete_topology(const core::Topology& topology);

  // Passive declare: counts; not_found when the queue does not exist.
  Result<QueueInfo> inspect_queue(std::string_view queue);
  Status delete_queue(std::string_view queue);
  Status delete_exchange(std::string_view exchange);
  // basic.get with automatic acknowledgement: the next ready message, or nullopt when empty.
  Result<std::optional<Delivery>> get(std::string_view queue);

  // Sends queued heartbeats and reads what the broker sent, without blocking; fails
  // (and marks the connection broken) when the link is gone. For idle owners.
  Status poll();

  bool broken() const { return broken_; }
  void mark_broken() { broken_ = true; }
  // "host:port/vhost" for log lines and error messages.
  const std::string& peer() const { return peer_; }
  int heartbeat_seconds() const { return heartbeat_seconds_; }
  // The rabbitmq-c handle, for the rest of common/mq only.
  amqp_connection_state_t_* raw() const { return state_.get(); }
  // Turns a non-normal RPC reply into an Error, sending the close-ok the broker waits for and
  // marking the channel (reopened on the next call) or the connection (broken) as closed.
  Error fail_reply(std::string_view what);
  // Reopens channel 1 after a channel-level error.
  Status ensure_channel();

 private:
  struct Destroy {
    void operator()(amqp_connection_state_t_* state) const;
  };
  Connection() = default;
  void close();

  std::unique_ptr<amqp_connection_state_t_, Destroy> state_;
  std::string peer_;
  int heartbeat_seconds_ = 0;
  bool channel_open_ = false;
  bool broken_ = false;
};

}  // namespace tailor::mq
