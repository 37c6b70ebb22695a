#pragma once
// Publishes outbox rows to RabbitMQ and deletes them once the broker has confirmed them.
// Rows are taken with FOR UPDATE SKIP LOCKED, so relays in several processes share the work.
// A process that writes outbox rows calls wake() after its commit; a periodic pass also picks
// up rows left by a process that died between commit and publish.
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "common/core/error.hpp"
#include "common/db/pool.hpp"

namespace tailor::jobs {

struct OutboxMessage {
  std::int64_t id = 0;
  std::string exchange;
  std::string routing_key;
  std::string body;
  std::string message_id;
};

// Publishes every message and returns once the broker has settled each: one Status per message
// (ok = confirmed), or an error when the fate of the whole batch is unknown. It is also called
// with an empty batch on every idle pass, to keep its connection alive.
using BatchPublisher = std::function<Result<std::vector<Status>>(const std::vector<OutboxMessage>&)>;

class OutboxRelay {
 public:
  OutboxRelay(db::Pool& pool, BatchPublisher publish,
              std::chrono::milliseconds idle_poll = std::chrono::milliseconds(1000), int batch_size = 500);
  ~OutboxRelay();

  void start();
  void stop();
  void wake();

  // One pass over at most batch_size rows; the number published. Confirmed rows are deleted;
  // the others stay for the next pass, and the pass fails with the first of their errors.
  Result<std::size_t> drain_once();

 private:
  void loop();

  db::Pool& pool_;
  BatchPublisher publish_;
  std::chrono::milliseconds idle_poll_;
  int batch_size_;
  std::mutex mu_;
  std::condition_variable cv_;
  bool woken_ = false;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace tailor::jobs
