#pragma once
// A job as clients see it, and its JSON form (GET /v1/jobs/{id}).
#include <optional>
#include <string>
#include <string_view>

namespace tailor::json {
class Writer;
}

namespace tailor::jobs {

struct Job {
  std::string id;
  std::string owner_id;
  std::string kind;
  std::optional<std::string> document_id;
  std::string state;  // queued | running | retrying | done | failed
  std::optional<std::string> stage;
  int progress = 0;
  int attempts = 0;
  std::optional<std::string> error;
  int last_seq = 0;
  std::string created_at;  // ISO-8601 UTC
  std::string updated_at;
};

// done and failed are terminal: no more events will follow.
inline bool is_terminal(std::string_view state) { return state == "done" || state == "failed"; }

// Writes {id, kind, state, stage, progress, error, created_at, updated_at} as one JSON value.
void write_job(json::Writer& w, const Job& job);

struct JobEvent {
  int seq = 0;
  std::string type;  // queued | stage_started | stage_completed | retrying | failed | done
  std::string data;  // JSON object text
  std::string created_at;
};

}  // namespace tailor::jobs
