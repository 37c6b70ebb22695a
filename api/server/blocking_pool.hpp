#pragma once
// A fixed set of threads with a bounded queue, for the work the I/O threads must never do:
// database calls, password hashing, file moves. Bounded so that overload turns into fast
// 503s instead of an ever-growing queue of requests whose clients have long given up.
#include <condition_variable>
#include <cstddef>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace tailor::http {

class BlockingPool {
 public:
  // run == true: do the work. run == false: the pool refused or dropped the task (queue full,
  // shutting down); the task must only report that back, quickly and without blocking.
  using Task = std::move_only_function<void(bool run)>;

  BlockingPool(int threads, std::size_t queue_limit);
  ~BlockingPool();  // shutdown()
  BlockingPool(const BlockingPool&) = delete;
  BlockingPool& operator=(const BlockingPool&) = delete;

  // Queues the task for a pool thread, or calls task(false) on the calling thread at once when
  // the queue is full or the pool is shut down.
  void submit(Task task);
  // Stops taking tasks, calls task(false) for queued ones, and joins the threads after their
  // current tasks finish. Idempotent.
  void shutdown();

  std::size_t queued() const;

 private:
  void worker();

  mutable std::mutex mu_;
  std::condition_variable cv_;
  // A ring buffer sized once: no allocation per task beyond the task itself.
  std::vector<Task> ring_;
  std::size_t head_ = 0;
  std::size_t size_ = 0;
  int idle_ = 0;
  bool stopping_ = false;
  std::vector<std::thread> threads_;
};

}  // namespace tailor::http
