#pragma once
// Publishes persistent messages with publisher confirms, a batch at a time: the outbox relay's
// half of RabbitMQ. Not thread-safe: one thread owns a Publisher.
//
// A batch is sent in full, then the call waits until the broker has confirmed every message
// (for a durable queue a confirm means the message is on disk). On any connection failure the
// Publisher drops its connection and reports unavailable; the caller retries the whole batch
// (delivery is at least once) and the next call reconnects and redeclares the topology.
#include <chrono>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "common/core/error.hpp"
#include "common/core/topology.hpp"
#include "common/mq/connection.hpp"
#include "common/mq/message.hpp"

namespace tailor::mq {

struct PublisherOptions {
  std::string url{};                      // RABBITMQ_URL
  core::Topology topology{};              // declared on every (re)connect; heartbeat from here
  std::string name = "tailor-publisher";  // connection name shown by rabbitmqctl
  std::chrono::milliseconds backoff_initial{100};
  std::chrono::milliseconds backoff_max{5000};
};

class Publisher {
 public:
  explicit Publisher(PublisherOptions options);

  // Connects, declares the topology and turns on confirms when not connected; when connected,
  // services heartbeats and notices a dropped link (call it at least every heartbeat_seconds/2
  // while idle, or the broker closes the connection). After a failed attempt, the next one first
  // sleeps a backoff that doubles from backoff_initial up to backoff_max. Fails with
  // unavailable (or failed_precondition when the broker refuses the topology's arguments).
  Status ensure_connected();

  // Publishes every message (mandatory, persistent, application/json) and returns once all are
  // confirmed. Fails with the first per-message failure (see publish_batch_each) or with the
  // batch-wide one. An empty batch succeeds without touching the network.
  Status publish_batch(std::span<const Message> messages, std::chrono::milliseconds timeout);

  // The same, reporting each message: the outer error means the fate of the whole batch is
  // unknown (unavailable: connection lost; deadline_exceeded: not all confirmed within
  // `timeout`; the connection is dropped either way). Otherwise one Status per message, in
  // order: ok (confirmed), failed_precondition "no queue bound for routing key X on exchange Y"
  // (returned as unroutable: nothing stored it), unavailable (the broker nacked it).
  Result<std::vector<Status>> publish_batch_each(std::span<const Message> messages,
                                                 std::chrono::milliseconds timeout);

  bool connected() const { return conn_.has_value() && !conn_->broken(); }
  // Drops the connection (without waiting); the next call reconnects.
  void disconnect();

 private:
  PublisherOptions options_;
  std::optional<Connection> conn_;
  std::uint64_t next_seq_ = 1;  // the broker's confirm sequence on the current channel
  int failures_ = 0;            // consecutive failed connection attempts
};

}  // namespace tailor::mq
