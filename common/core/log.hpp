#pragma once
// Structured logging: one JSON object per line on stderr.
//   log::info("upload accepted", {{"resume_id", id}, {"bytes", n}});
// A log::Scope adds request_id / job_id to every line the current thread writes while it lives.
// Never log personal data (e-mail addresses, file contents, names): ids and counts only.
#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>

namespace tailor::log {

enum class Level { debug = 0, info = 1, warn = 2, error = 3 };

struct Field {
  Field(std::string_view k, std::string_view v) : key(k), value(v), quoted(true) {}
  Field(std::string_view k, const std::string& v) : key(k), value(v), quoted(true) {}
  Field(std::string_view k, const char* v) : key(k), value(v), quoted(true) {}
  Field(std::string_view k, std::int64_t v) : key(k), value(std::to_string(v)), quoted(false) {}
  Field(std::string_view k, int v) : key(k), value(std::to_string(v)), quoted(false) {}
  Field(std::string_view k, std::size_t v) : key(k), value(std::to_string(v)), quoted(false) {}
  Field(std::string_view k, double v);
  Field(std::string_view k, bool v) : key(k), value(v ? "true" : "false"), quoted(false) {}
  std::string_view key;
  std::string value;
  bool quoted;
};
using Fields = std::initializer_list<Field>;

// Process-wide settings, called once from main before threads start.
void init(std::string_view service, Level min_level);
// Parses "debug" | "info" | "warn" | "error"; unknown names give info.
Level parse_level(std::string_view name);
bool enabled(Level level);

void write(Level level, std::string_view msg, Fields fields = {});
inline void debug(std::string_view msg, Fields f = {}) { write(Level::debug, msg, f); }
inline void info(std::string_view msg, Fields f = {}) { write(Level::info, msg, f); }
inline void warn(std::string_view msg, Fields f = {}) { write(Level::warn, msg, f); }
inline void error(std::string_view msg, Fields f = {}) { write(Level::error, msg, f); }

// Adds key=value to every line this thread logs until destroyed (nests; restores on exit).
class Scope {
 public:
  Scope(std::string_view key, std::string value);
  ~Scope();
  Scope(const Scope&) = delete;
  Scope& operator=(const Scope&) = delete;

 private:
  std::size_t previous_size_;
};

}  // namespace tailor::log
