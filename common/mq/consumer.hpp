#pragma once
// The worker runtime: consumes one stage's work queue and runs a handler for each message on a
// pool of `prefetch` threads, while one thread (the one in run()) owns the AMQP connection and
// keeps servicing heartbeats, however long handlers take.
//
// What happens to a message is the handler's Outcome (tailor::Disposition):
//   ack          basic.ack.
//   retry        while attempt < StageQueue::attempts: a copy with "attempt" + 1 is published
//                (confirmed) to the delay queue StageQueue::retry_queue(attempt), which hands it
//                back to the work queue after its TTL; then the original is acked. Once the
//                attempts are spent, or when the body is not a JSON object: dead_letter.
//   dead_letter  basic.nack(requeue = false): the work queue dead-letters it to <ns>.<stage>.dead.
// A handler that throws counts as dead_letter (an exception is a bug), logged with the error.
//
// On a lost connection (socket error, missed heartbeats, channel or connection closed by the
// broker, the queue deleted) every unacknowledged delivery is dropped — the broker requeues
// them and redelivers with redelivered = true — and results of handlers still running for them
// are discarded, never acked on the new connection. The consumer reconnects with a backoff that
// doubles from 100 ms to 5 s (one warn log line per attempt), redeclares the topology, QoS and
// the consumer. Delivery is at least once: handlers must be idempotent.
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "common/core/error.hpp"
#include "common/core/topology.hpp"
#include "common/mq/message.hpp"

namespace tailor::mq {

using Outcome = tailor::Disposition;
using Handler = std::function<Outcome(const Delivery&)>;

struct ConsumerOptions {
  std::string url{};          // RABBITMQ_URL
  core::Topology topology{};  // declared on every (re)connect; heartbeat from here
  std::string stage{};        // the stage whose queue to consume ("extract")
  std::string name{};         // connection name; default "tailor-<stage>"
  std::chrono::milliseconds backoff_initial{100};
  std::chrono::milliseconds backoff_max{5000};
};

struct ConsumerStats {
  std::uint64_t deliveries = 0;     // messages handed to the handler
  std::uint64_t acked = 0;          // basic.ack after Outcome::ack
  std::uint64_t retried = 0;        // copies confirmed in a delay queue (original then acked)
  std::uint64_t dead_lettered = 0;  // basic.nack(requeue = false)
  std::uint64_t stale_results = 0;  // handler results dropped because their connection was lost
  std::uint64_t reconnects = 0;     // connections lost after having consumed
};

class Consumer {
 public:
  // Throws core::ConfigError when the topology has no such stage.
  Consumer(ConsumerOptions options, Handler handler);
  // Call stop() and let run() return before destroying the Consumer.
  ~Consumer();
  Consumer(const Consumer&) = delete;
  Consumer& operator=(const Consumer&) = delete;

  // Consumes until stop(). Returns ok after a graceful stop; fails only for problems a reconnect
  // cannot fix: the broker refusing the topology (failed_precondition, e.g. a queue declared
  // earlier with another queue_type) or refusing access (permission_denied). Call it once.
  Status run();

  // Graceful stop: cancels the consumer, lets running handlers finish and settles their
  // messages, puts back deliveries no handler started, closes the connection; run() then
  // returns. Safe from any thread and from a signal handler (an atomic store and a write(2)).
  void stop();

  // True while the consumer is registered with the broker (tests wait for it).
  bool consuming() const { return consuming_.load(); }
  ConsumerStats stats() const;

  // Test hook: shuts down the socket under the connection, as a network failure would.
  void break_connection_for_testing();

 private:
  struct Session;
  struct Job {
    Delivery delivery;
    std::uint64_t generation;
  };
  struct Done {
    std::uint64_t generation;
    std::uint64_t tag;
    Outcome outcome;
  };

  void worker_loop();
  void wake();
  void wait_wakeup(std::chrono::milliseconds timeout);
  Status serve(Session& session);

  ConsumerOptions options_;
  const core::StageQueue& stage_;
  Handler handler_;
  int wake_fd_ = -1;  // eventfd: handler results, stop(), test hooks

  std::atomic<bool> stop_requested_{false};
  std::atomic<bool> break_requested_{false};
  std::atomic<bool> consuming_{false};

  std::mutex mu_;  // guards the fields below
  std::condition_variable work_cv_;
  std::deque<Job> jobs_;
  std::vector<Done> done_;
  bool pool_stop_ = false;
  std::vector<std::thread> pool_;

  std::atomic<std::uint64_t> deliveries_{0}, acked_{0}, retried_{0}, dead_lettered_{0},
      stale_results_{0}, reconnects_{0};
};

}  // namespace tailor::mq
