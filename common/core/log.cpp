#include "common/core/log.hpp"

#include <fmt/chrono.h>
#include <fmt/format.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <string>
#include <vector>

#include "common/json/writer.hpp"

namespace tailor::log {

namespace {
std::string g_service = "tailor";
std::atomic<int> g_min_level{static_cast<int>(Level::info)};
thread_local std::vector<std::pair<std::string, std::string>> t_scope;

std::string_view level_name(Level l) {
  switch (l) {
    case Level::debug: return "debug";
    case Level::info: return "info";
    case Level::warn: return "warn";
    case Level::error: return "error";
  }
  return "info";
}
}  // namespace

Field::Field(std::string_view k, double v) : key(k), value(fmt::format("{}", v)), quoted(false) {}

void init(std::string_view service, Level min_level) {
  g_service = service;
  g_min_level = static_cast<int>(min_level);
}

Level parse_level(std::string_view name) {
  if (name == "debug") return Level::debug;
  if (name == "warn" || name == "warning") return Level::warn;
  if (name == "error") return Level::error;
  return Level::info;
}

bool enabled(Level level) { return static_cast<int>(level) >= g_min_level.load(); }

void write(Level level, std::string_view msg, Fields fields) {
  if (!enabled(level)) return;
  const auto now = std::chrono::system_clock::now();
  const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()) % 1000;
  std::string line;
  line.reserve(160);
  fmt::format_to(std::back_inserter(line), "{{\"ts\":\"{:%FT%T}.{:03}Z\",\"level\":\"{}\",\"service\":",
                 std::chrono::floor<std::chrono::seconds>(now), ms.count(), level_name(level));
  json::append_quoted(line, g_service);
  line += ",\"msg\":";
  json::append_quoted(line, msg);
  for (const auto& [k, v] : t_scope) {
    line.push_back(',');
    json::append_quoted(line, k);
    line.push_back(':');
    json::append_quoted(line, v);
  }
  for (const auto& f : fields) {
    line.push_back(',');
    json::append_quoted(line, f.key);
    line.push_back(':');
    if (f.quoted) {
      json::append_quoted(line, f.value);
    } else {
      line += f.value;
    }
  }
  line += "}\n";
  // One write(2) per line keeps lines from different threads and processes whole.
  const char* p = line.data();
  std::size_t left = line.size();
  while (left > 0) {
    const ssize_t n = ::write(STDERR_FILENO, p, left);
    if (n <= 0) break;
    p += n;
    left -= static_cast<std::size_t>(n);
  }
}

Scope::Scope(std::string_view key, std::string value) : previous_size_(t_scope.size()) {
  t_scope.emplace_back(std::string(key), std::move(value));
}

Scope::~Scope() { t_scope.resize(previous_size_); }

}  // namespace tailor::log
