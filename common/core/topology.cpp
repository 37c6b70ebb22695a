#include "common/core/topology.hpp"

#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <set>
#include <sstream>

#include "common/core/config.hpp"

namespace tailor::core {

int Backoff::delay_ms(int retry) const {
  double d = initial_ms * std::pow(multiplier, std::max(0, retry - 1));
  return static_cast<int>(std::min<double>(d, max_ms));
}

std::string StageQueue::retry_queue(int retry) const {
  return fmt::format("{}.retry.{}", queue, backoff.delay_ms(retry));
}

std::vector<std::pair<std::string, int>> StageQueue::retry_queues() const {
  std::vector<std::pair<std::string, int>> out;
  for (int r = 1; r < attempts; ++r) {
    const int ms = backoff.delay_ms(r);
    if (out.empty() || out.back().second != ms) out.emplace_back(retry_queue(r), ms);
  }
  return out;
}

const StageQueue& Topology::stage(std::string_view name) const {
  for (const auto& s : stages) {
    if (s.stage == name) return s;
  }
  throw ConfigError(fmt::format("queues.yaml: no stage named '{}' under stages", name));
}

namespace {

[[noreturn]] void bad(const std::string& path, const std::string& what) {
  throw ConfigError(fmt::format("queues.yaml: {}: {}", path, what));
}

void only_keys(const YAML::Node& node, const std::string& path, std::initializer_list<std::string_view> keys) {
  if (!node.IsMap()) bad(path.empty() ? "(top level)" : path, "must be a mapping");
  for (const auto& kv : node) {
    const auto k = kv.first.as<std::string>();
    if (std::find(keys.begin(), keys.end(), k) == keys.end()) {
      bad(path.empty() ? k : path + "." + k, "unknown key");
    }
  }
}

template <class T>
T scalar(const YAML::Node& node, const std::string& path, T min, T max) {
  if (!node.IsScalar()) bad(path, "must be a value");
  T v{};
  try {
    v = node.as<T>();
  } catch (const YAML::Exception&) {
    bad(path, fmt::format("'{}' is not a number", node.Scalar()));
  }
  if (v < min || v > max) bad(path, fmt::format("must be between {} and {}", min, max));
  return v;
}

// Reads `key` from `node` when present, else keeps `out` (the inherited default);
// `required` makes absence an error.
template <class T>
void read(const YAML::Node& node, const std::string& path, const char* key, T& out, T min, T max,
          bool required) {
  const auto child = node[key];
  if (!child) {
    if (required) bad(path.empty() ? key : path + "." + key, "missing value");
    return;
  }
  out = scalar<T>(child, path.empty() ? key : path + "." + key, min, max);
}

void read_stage_settings(const YAML::Node& node, const std::string& path, StageQueue& s, bool required) {
  only_keys(node, path, {"prefetch", "attempts", "backoff", "pool", "timeout_seconds"});
  read(node, path, "prefetch", s.prefetch, 1, 1000, required);
  read(node, path, "attempts", s.attempts, 1, 100, required);
  read(node, path, "pool", s.pool, 0, 1000, required);
  read(node, path, "timeout_seconds", s.timeout_seconds, 1, 86400, required);
  const auto b = node["backoff"];
  if (!b) {
    if (required) bad(path + ".backoff", "missing value");
    return;
  }
  only_keys(b, path + ".backoff", {"initial_ms", "multiplier", "max_ms"});
  read(b, path + ".backoff", "initial_ms", s.backoff.initial_ms, 1, 86400000, required);
  read(b, path + ".backoff", "multiplier", s.backoff.multiplier, 1.0, 100.0, required);
  read(b, path + ".backoff", "max_ms", s.backoff.max_ms, 1, 86400000, required);
  if (s.backoff.max_ms < s.backoff.initial_ms) bad(path + ".backoff.max_ms", "must be at least initial_ms");
}

}  // namespace

Topology parse_topology(std::string_view yaml_text, std::string_view ns) {
  YAML::Node root;
  try {
    root = YAML::Load(std::string(yaml_text));
  } catch (const YAML::Exception& e) {
    throw ConfigError(fmt::format("queues.yaml: not valid YAML: {}", e.what()));
  }
  only_keys(root, "", {"queue_type", "heartbeat_seconds", "defaults", "stages"});
  Topology t;
  t.ns = std::string(ns);
  t.exchange = t.ns + ".work";
  t.dead_exchange = t.ns + ".dead";
  if (!root["queue_type"]) bad("queue_type", "missing value");
  t.queue_type = root["queue_type"].as<std::string>();
  if (t.queue_type != "classic" && t.queue_type != "quorum") bad("queue_type", "must be classic or quorum");
  read(root, "", "heartbeat_seconds", t.heartbeat_seconds, 0, 600, true);

  if (!root["defaults"]) bad("defaults", "missing value");
  StageQueue defaults;
  read_stage_settings(root["defaults"], "defaults", defaults, true);

  const auto stages = root["stages"];
  if (!stages || !stages.IsMap() || stages.size() == 0) bad("stages", "must name at least one stage");
  std::set<std::string> seen;
  for (const auto& kv : stages) {
    const auto name = kv.first.as<std::string>();
    const std::string path = "stages." + name;
    if (name.empty() || !std::all_of(name.begin(), name.end(), [](char c) { return std::islower(static_cast<unsigned char>(c)) || c == '_'; })) {
      bad(path, "stage names are lower-case letters and '_'");
    }
    StageQueue s = defaults;
    s.stage = name;
    s.queue = fmt::format("{}.{}", t.ns, name);
    s.dead_queue = s.queue + ".dead";
    if (!kv.second.IsNull()) read_stage_settings(kv.second, path, s, false);
    t.stages.push_back(std::move(s));
  }
  return t;
}

Topology load_topology(const std::string& path, std::string_view ns) {
  std::ifstream in(path);
  if (!in) throw ConfigError(fmt::format("cannot read the queue topology file '{}' (TAILOR_QUEUES_FILE)", path));
  std::stringstream ss;
  ss << in.rdbuf();
  return parse_topology(ss.str(), ns);
}

}  // namespace tailor::core
