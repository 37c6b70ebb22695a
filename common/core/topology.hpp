#pragma once
// The queue topology from queues.yaml, with every name derived in one place.
#include <string>
#include <string_view>
#include <vector>

namespace tailor::core {

struct Backoff {
  int initial_ms = 1000;
  double multiplier = 2.0;
  int max_ms = 60000;
  // Delay before retry number `retry` (1-based): initial * multiplier^(retry-1), capped.
  int delay_ms(int retry) const;
};

struct StageQueue {
  std::string stage;       // "extract"
  std::string queue;       // "<ns>.extract"
  std::string dead_queue;  // "<ns>.extract.dead"
  int prefetch = 1;
  int attempts = 5;
  Backoff backoff;
  int pool = 1;
  int timeout_seconds = 300;
  // Delay queue for a given retry: "<ns>.extract.retry.<ms>".
  std::string retry_queue(int retry) const;
  // Every distinct delay queue with its TTL, for declaration.
  std::vector<std::pair<std::string, int>> retry_queues() const;
};

struct Topology {
  std::string ns;
  std::string exchange;       // "<ns>.work"
  std::string dead_exchange;  // "<ns>.dead"
  std::string queue_type;     // "classic" | "quorum"
  int heartbeat_seconds = 20;
  std::vector<StageQueue> stages;

  // The stage's queue settings; throws ConfigError for a stage queues.yaml does not name.
  const StageQueue& stage(std::string_view name) const;
};

// Parses YAML text; throws ConfigError naming the key path ("stages.extract.prefetch: ...").
Topology parse_topology(std::string_view yaml_text, std::string_view ns);
// Reads the file, then parse_topology; throws ConfigError when it cannot be read.
Topology load_topology(const std::string& path, std::string_view ns);

}  // namespace tailor::core
