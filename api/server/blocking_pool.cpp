#include "api/server/blocking_pool.hpp"

#include <algorithm>

namespace tailor::http {

BlockingPool::BlockingPool(int threads, std::size_t queue_limit)
    : ring_(std::max<std::size_t>(queue_limit, 1)) {
  const int n = std::max(threads, 1);
  threads_.reserve(static_cast<std::size_t>(n));
  for (int i = 0; i < n; ++i) threads_.emplace_back([this] { worker(); });
}

BlockingPool::~BlockingPool() {
  shutdown();
}

void BlockingPool::submit(Task task) {
  bool wake = false;
  bool accepted = false;
  {
    std::lock_guard lock(mu_);
    if (!stopping_ && size_ < ring_.size()) {
      ring_[(head_ + size_) % ring_.size()] = std::move(task);
      ++size_;
      accepted = true;
      wake = idle_ > 0;
    }
  }
  if (!accepted) {
    task(false);
    return;
  }
  if (wake) cv_.notify_one();
}

void BlockingPool::shutdown() {
  std::vector<Task> dropped;
  {
    std::lock_guard lock(mu_);
    if (stopping_ && threads_.empty()) return;
    stopping_ = true;
    while (size_ > 0) {
      dropped.push_back(std::move(ring_[head_]));
      head_ = (head_ + 1) % ring_.size();
      --size_;
    }
  }
  cv_.notify_all();
  for (Task& t : dropped) t(false);
  for (std::thread& t : threads_) {
    if (t.joinable()) t.join();
  }
  std::lock_guard lock(mu_);
  threads_.clear();
}

std::size_t BlockingPool::queued() const {
  std::lock_guard lock(mu_);
  return size_;
}

void BlockingPool::worker() {
  for (;;) {
    Task task;
    {
      std::unique_lock lock(mu_);
      ++idle_;
      cv_.wait(lock, [this] { return stopping_ || size_ > 0; });
      --idle_;
      if (size_ == 0) return;  // stopping and drained
      task = std::move(ring_[head_]);
      head_ = (head_ + 1) % ring_.size();
      --size_;
    }
    task(true);
  }
}

}  // namespace tailor::http
