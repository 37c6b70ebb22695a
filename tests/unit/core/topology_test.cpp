#include <doctest/doctest.h>

#include <cstdlib>
#include <string>

#include "common/core/config.hpp"
#include "common/core/topology.hpp"

using namespace tailor::core;

namespace {
const char* kMinimal = R"(
queue_type: classic
heartbeat_seconds: 20
defaults:
  prefetch: 1
  attempts: 4
  backoff: {initial_ms: 1000, multiplier: 2, max_ms: 3000}
  pool: 1
  timeout_seconds: 60
stages:
  extract:
    prefetch: 2
  analyze:
)";
}

TEST_CASE("stages inherit defaults and derive every name from the namespace") {
  const Topology t = parse_topology(kMinimal, "ns1");
  CHECK(t.exchange == "ns1.work");
  CHECK(t.dead_exchange == "ns1.dead");
  const StageQueue& e = t.stage("extract");
  CHECK(e.queue == "ns1.extract");
  CHECK(e.dead_queue == "ns1.extract.dead");
  CHECK(e.prefetch == 2);
  CHECK(e.attempts == 4);
  CHECK(t.stage("analyze").prefetch == 1);
  CHECK_THROWS_AS(t.stage("export"), ConfigError);
}

TEST_CASE("retry delays grow exponentially up to the cap, one delay queue per distinct delay") {
  const Topology t = parse_topology(kMinimal, "ns1");
  const StageQueue& e = t.stage("extract");
  CHECK(e.backoff.delay_ms(1) == 1000);
  CHECK(e.backoff.delay_ms(2) == 2000);
  CHECK(e.backoff.delay_ms(3) == 3000);  // 4000 capped
  CHECK(e.retry_queue(1) == "ns1.extract.retry.1000");
  const auto queues = e.retry_queues();  // retries 1..3 for 4 attempts
  REQUIRE(queues.size() == 3);
  CHECK(queues[2].first == "ns1.extract.retry.3000");
  CHECK(queues[2].second == 3000);
}

TEST_CASE("unknown keys and missing values name the key path") {
  std::string typo = kMinimal;
  typo.replace(typo.find("prefetch: 2"), 11, "prefetchh: 2");
  CHECK_THROWS_WITH_AS(parse_topology(typo, "t"), "queues.yaml: stages.extract.prefetchh: unknown key", ConfigError);

  std::string missing = kMinimal;
  missing.erase(missing.find("  attempts: 4\n"), 14);
  CHECK_THROWS_WITH_AS(parse_topology(missing, "t"), "queues.yaml: defaults.attempts: missing value", ConfigError);

  std::string bad = kMinimal;
  bad.replace(bad.find("prefetch: 2"), 11, "prefetch: x");
  CHECK_THROWS_WITH_AS(parse_topology(bad, "t"), "queues.yaml: stages.extract.prefetch: 'x' is not a number",
                       ConfigError);
  CHECK_THROWS_AS(parse_topology("queue_type: [", "t"), ConfigError);
  CHECK_THROWS_AS(parse_topology(std::string(kMinimal) + "extra: 1\n", "t"), ConfigError);
}

TEST_CASE("the repository's queues.yaml is valid and names every pipeline stage") {
  const char* src = std::getenv("TAILOR_SOURCE_DIR");
  REQUIRE_MESSAGE(src, "TAILOR_SOURCE_DIR is set by ctest");
  const Topology t = load_topology(std::string(src) + "/queues.yaml", "tailor");
  for (const char* stage : {"extract", "analyze", "generate", "export", "notify"}) {
    CHECK_NOTHROW(t.stage(stage));
  }
}
