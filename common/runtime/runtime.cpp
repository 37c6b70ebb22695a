#include "common/runtime/runtime.hpp"

#include <fmt/format.h>
#include <signal.h>

#include "common/cache/redis_url.hpp"
#include "common/core/log.hpp"
#include "common/mq/publisher.hpp"
#include "common/storage/local_storage.hpp"

namespace tailor::runtime {

namespace {
constexpr auto kConfirmTimeout = std::chrono::seconds(30);
}

Runtime::Runtime(std::string_view service) {
  config_ = core::load_config(core::Env());
  log::init(service, log::parse_level(config_.log_level));
  topology_ = core::load_topology(config_.queues_file, config_.ns);

  auto pool = db::Pool::connect(config_.database_url, static_cast<std::size_t>(config_.db_pool_size));
  if (!pool) throw StartupError(pool.error().message);
  db_ = std::move(*pool);

  auto redis_url = cache::parse_redis_url(config_.redis_url);
  if (!redis_url) throw StartupError("REDIS_URL: " + redis_url.error().message);
  redis_ = std::make_unique<cache::Redis>(cache::RedisOptions{.url = *redis_url, .client_name = std::string(service)});

  auto storage = storage::LocalStorage::open(config_.storage_dir, config_.storage_durable);
  if (!storage) throw StartupError("TAILOR_STORAGE_DIR: " + storage.error().message);
  storage_ = std::move(*storage);

  publisher_ = std::make_unique<mq::Publisher>(
      mq::PublisherOptions{.url = config_.rabbitmq_url, .topology = topology_, .name = std::string(service)});
  // Runs on the relay's thread only: the Publisher is not thread-safe. An empty batch just keeps
  // the connection (and its heartbeats) alive.
  auto publish = [this](const std::vector<jobs::OutboxMessage>& batch) -> Result<std::vector<Status>> {
    auto connected = publisher_->ensure_connected();
    broker_up_ = connected.has_value();
    if (!connected) return std::unexpected(connected.error());
    std::vector<mq::Message> messages;
    messages.reserve(batch.size());
    for (const auto& m : batch) messages.push_back({m.exchange, m.routing_key, m.body, m.message_id, {}});
    auto outcomes = publisher_->publish_batch_each(messages, kConfirmTimeout);
    if (!outcomes) broker_up_ = publisher_->connected();
    return outcomes;
  };
  relay_ = std::make_unique<jobs::OutboxRelay>(*db_, publish);
  relay_->start();
}

Runtime::~Runtime() {
  if (relay_) relay_->stop();
}

void Runtime::notify_job(const std::string& job_id) {
  if (auto r = redis_->publish(job_channel(config_.ns, job_id), "1"); !r) {
    log::warn("cannot publish job wake-up", {{"error", r.error().message}});
  }
}

std::string job_channel(std::string_view ns, std::string_view job_id) { return fmt::format("{}:job:{}", ns, job_id); }
std::string job_channel_pattern(std::string_view ns) { return fmt::format("{}:job:*", ns); }

void block_stop_signals() {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGTERM);
  sigaddset(&set, SIGINT);
  pthread_sigmask(SIG_BLOCK, &set, nullptr);
}

int wait_for_stop_signal() {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGTERM);
  sigaddset(&set, SIGINT);
  int sig = 0;
  sigwait(&set, &sig);
  return sig;
}

}  // namespace tailor::runtime
