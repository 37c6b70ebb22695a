#include "common/jobs/outbox_relay.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <optional>

#include "common/core/log.hpp"

namespace tailor::jobs {

OutboxRelay::OutboxRelay(db::Pool& pool, BatchPublisher publish, std::chrono::milliseconds idle_poll,
                         int batch_size)
    : pool_(pool), publish_(std::move(publish)), idle_poll_(idle_poll), batch_size_(batch_size) {}

OutboxRelay::~OutboxRelay() { stop(); }

void OutboxRelay::start() { thread_ = std::thread([this] { loop(); }); }

void OutboxRelay::stop() {
  {
    std::lock_guard lock(mu_);
    stopping_ = true;
  }
  cv_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void OutboxRelay::wake() {
  {
    std::lock_guard lock(mu_);
    woken_ = true;
  }
  cv_.notify_one();
}

Result<std::size_t> OutboxRelay::drain_once() {
  // The deletes of confirmed rows must commit even when other rows of the batch failed.
  struct Pass {
    std::size_t published = 0;
    std::optional<Error> failure;
  };
  auto pass = pool_.transact([&](soci::session& s) -> Result<Pass> {
    // Take the rows out at once; a row the broker does not confirm is put back before commit,
    // and if anything fails before that the transaction rolls back and every row stays.
    std::vector<OutboxMessage> batch;
    OutboxMessage m;
    soci::statement st =
        (s.prepare << "DELETE FROM outbox WHERE id IN (SELECT id FROM outbox ORDER BY id LIMIT :n "
                      "FOR UPDATE SKIP LOCKED) RETURNING id, exchange, routing_key, body, message_id",
         soci::use(batch_size_), soci::into(m.id), soci::into(m.exchange), soci::into(m.routing_key),
         soci::into(m.body), soci::into(m.message_id));
    st.execute();
    while (st.fetch()) batch.push_back(m);
    std::sort(batch.begin(), batch.end(), [](const auto& a, const auto& b) { return a.id < b.id; });
    // Called with an empty batch too: the publisher uses it to keep its connection alive.
    auto outcomes = publish_(batch);
    if (!outcomes) return std::unexpected(outcomes.error());
    Pass done;
    for (std::size_t i = 0; i < batch.size(); ++i) {
      const bool confirmed = i < outcomes->size() && (*outcomes)[i];
      if (confirmed) {
        ++done.published;
        continue;
      }
      const Error e = i < outcomes->size() ? (*outcomes)[i].error() : Error{Errc::internal, "no outcome"};
      if (!done.failure) done.failure = e;
      log::error("outbox message not accepted by the broker",
                 {{"outbox_id", batch[i].id}, {"routing_key", batch[i].routing_key}, {"error", e.message}});
      s << "INSERT INTO outbox (id, exchange, routing_key, body, message_id) VALUES (:id, :ex, :rk, :b, :m)",
          soci::use(batch[i].id), soci::use(batch[i].exchange), soci::use(batch[i].routing_key),
          soci::use(batch[i].body), soci::use(batch[i].message_id);
    }
    return done;
  });
  if (!pass) return std::unexpected(pass.error());
  if (pass->failure) return std::unexpected(*pass->failure);
  return pass->published;
}

void OutboxRelay::loop() {
  auto backoff = std::chrono::milliseconds(100);
  while (true) {
    auto n = drain_once();
    std::chrono::milliseconds wait = idle_poll_;
    if (!n) {
      log::warn("outbox relay cannot publish; will retry", {{"error", n.error().message},
                                                            {"retry_in_ms", static_cast<std::int64_t>(backoff.count())}});
      wait = backoff;
      backoff = std::min(backoff * 2, std::chrono::milliseconds(5000));
    } else {
      backoff = std::chrono::milliseconds(100);
      if (*n == static_cast<std::size_t>(batch_size_)) wait = std::chrono::milliseconds(0);  // more waiting
    }
    std::unique_lock lock(mu_);
    if (n && wait.count() == 0) {
      if (stopping_) return;
      continue;
    }
    cv_.wait_for(lock, wait, [&] { return woken_ || stopping_; });
    if (stopping_) {
      lock.unlock();
      (void)drain_once();  // best effort: publish what this process committed last
      return;
    }
    woken_ = false;
  }
}

}  // namespace tailor::jobs
