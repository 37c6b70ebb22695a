#pragma once
// Group commit: callers on many threads each hand in one item and wait; a few writer threads
// take everything waiting and write it in ONE transaction. Under load, batches grow by
// themselves and the database does one commit for many requests; when idle, an item is written
// at once (no timer, no added latency).
//
// If a batch fails, its items are retried one per transaction, so one bad item (a constraint
// violation) fails alone. Each caller gets its own item's outcome.
#include <condition_variable>
#include <deque>
#include <functional>
#include <future>
#include <mutex>
#include <thread>
#include <vector>

#include "common/db/pool.hpp"

namespace tailor::db {

template <class Item>
class BatchWriter {
 public:
  // Writes the items inside an open transaction; throws (SOCI) on failure.
  using Flush = std::function<void(soci::session&, const std::vector<Item>&)>;

  BatchWriter(Pool& pool, Flush flush, std::size_t max_batch = 256, int writers = 2)
      : pool_(pool), flush_(std::move(flush)), max_batch_(max_batch) {
    for (int i = 0; i < writers; ++i) threads_.emplace_back([this] { loop(); });
  }
  ~BatchWriter() {
    {
      std::lock_guard lock(mu_);
      stopping_ = true;
    }
    cv_.notify_all();
    for (auto& t : threads_) t.join();
  }
  BatchWriter(const BatchWriter&) = delete;
  BatchWriter& operator=(const BatchWriter&) = delete;

  // Blocks until the item is committed (ok) or has failed (its own error).
  Status write(Item item) {
    std::promise<Status> done;
    auto result = done.get_future();
    {
      std::lock_guard lock(mu_);
      if (stopping_) return fail(Errc::unavailable, "shutting down");
      queue_.push_back({std::move(item), std::move(done)});
    }
    cv_.notify_one();
    return result.get();
  }

 private:
  struct Pending {
    Item item;
    std::promise<Status> done;
  };

  void loop() {
    while (true) {
      std::vector<Pending> batch;
      {
        std::unique_lock lock(mu_);
        cv_.wait(lock, [&] { return stopping_ || !queue_.empty(); });
        if (queue_.empty()) return;  // stopping and drained
        while (!queue_.empty() && batch.size() < max_batch_) {
          batch.push_back(std::move(queue_.front()));
          queue_.pop_front();
        }
      }
      write_batch(batch);
    }
  }

  void write_batch(std::vector<Pending>& batch) {
    std::vector<Item> items;
    items.reserve(batch.size());
    for (auto& p : batch) items.push_back(p.item);
    auto all = pool_.transact([&](soci::session& s) { flush_(s, items); });
    if (all || batch.size() == 1) {
      for (auto& p : batch) p.done.set_value(all);
      return;
    }
    for (std::size_t i = 0; i < batch.size(); ++i) {  // isolate the failing item(s)
      batch[i].done.set_value(pool_.transact([&](soci::session& s) { flush_(s, {items[i]}); }));
    }
  }

  Pool& pool_;
  Flush flush_;
  std::size_t max_batch_;
  std::mutex mu_;
  std::condition_variable cv_;
  std::deque<Pending> queue_;
  bool stopping_ = false;
  std::vector<std::thread> threads_;
};

}  // namespace tailor::db
