#pragma once
// What the handlers need, built once in api/main.cpp and passed by reference.
#include <functional>
#include <string>

#include "common/core/config.hpp"
#include "common/core/topology.hpp"

namespace tailor::db {
class Pool;
}
namespace tailor::cache {
class Redis;
}
namespace tailor::accounts {
class Accounts;
}
namespace tailor::documents {
class Documents;
}
namespace tailor::analyses {
class Analyses;
}

namespace tailor::api {

struct Deps {
  const core::Config& config;
  const core::Topology& topology;
  db::Pool& db;
  cache::Redis& redis;
  accounts::Accounts& accounts;
  documents::Documents& documents;
  analyses::Analyses& analyses;
  std::function<bool()> broker_up;  // the outbox relay's view of RabbitMQ
};

// The SSE wake-up topic of a job; api/main.cpp maps Redis channel "<ns>:job:<id>" onto it.
inline std::string job_topic(const std::string& job_id) { return "job:" + job_id; }

}  // namespace tailor::api
