#pragma once
// What every Tailor process builds at start from the environment and queues.yaml: logging, the
// database pool, Redis, file storage, and the outbox relay publishing to RabbitMQ. Startup
// failures throw StartupError (or core::ConfigError) with a message naming what to fix.
#include <atomic>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>

#include "common/cache/redis.hpp"
#include "common/core/config.hpp"
#include "common/core/topology.hpp"
#include "common/db/pool.hpp"
#include "common/jobs/outbox_relay.hpp"
#include "common/storage/storage.hpp"

namespace tailor::mq {
class Publisher;
}

namespace tailor::runtime {

struct StartupError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

class Runtime {
 public:
  // Reads the configuration, starts logging as `service`, connects to PostgreSQL and Redis,
  // opens storage, and starts the outbox relay (which connects to RabbitMQ in the background).
  explicit Runtime(std::string_view service);
  ~Runtime();

  const core::Config& config() const { return config_; }
  const core::Topology& topology() const { return topology_; }
  db::Pool& db() { return *db_; }
  cache::Redis& redis() { return *redis_; }
  storage::Storage& storage() { return *storage_; }
  jobs::OutboxRelay& relay() { return *relay_; }
  // The relay's last word on RabbitMQ: connected and topology declared.
  bool broker_up() const { return broker_up_.load(); }
  // Publishes "job <id> has new events" on Redis, for SSE streams; failures are only logged
  // (streams also re-poll on their keepalive).
  void notify_job(const std::string& job_id);

 private:
  core::Config config_;
  core::Topology topology_;
  std::unique_ptr<db::Pool> db_;
  std::unique_ptr<cache::Redis> redis_;
  std::unique_ptr<storage::Storage> storage_;
  std::unique_ptr<mq::Publisher> publisher_;
  std::unique_ptr<jobs::OutboxRelay> relay_;
  std::atomic<bool> broker_up_{false};
};

// The Redis channel for a job's wake-ups, and the pattern matching all of them.
std::string job_channel(std::string_view ns, std::string_view job_id);
std::string job_channel_pattern(std::string_view ns);

// Blocks SIGTERM and SIGINT in the calling thread (call first in main, so every thread inherits
// the mask) and returns a function that waits for one of them.
void block_stop_signals();
int wait_for_stop_signal();

}  // namespace tailor::runtime
