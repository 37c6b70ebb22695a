// GET /v1/jobs/{id} (poll) and GET /v1/jobs/{id}/events (Server-Sent Events).
#include <charconv>

#include "api/handlers/handlers.hpp"
#include "api/handlers/support.hpp"
#include "common/auth/tokens.hpp"
#include "common/db/pool.hpp"
#include "common/jobs/store.hpp"

namespace tailor::api {

namespace {
constexpr int kEventsPerPoll = 200;
const Error kNoJob{Errc::not_found, "no job with this id"};

// The caller's job, or not_found (unknown ids and other users' jobs look the same).
Result<jobs::Job> owned_job(const Deps& deps, const http::Request& req, const std::string& owner) {
  const std::string& id = req.param("id");
  if (!auth::is_uuid(id)) return std::unexpected(kNoJob);
  auto job = deps.db.run([&](soci::session& s) { return jobs::find_job(s, id, owner); });
  if (!job) return std::unexpected(job.error());
  if (!*job) return std::unexpected(kNoJob);
  return **job;
}

// {"job_id", "seq", "type", "created_at", <the event's own data members>}.
std::string event_json(const std::string& job_id, const jobs::JobEvent& e) {
  json::Writer w;
  w.object_begin().field("job_id", job_id).field("seq", e.seq).field("type", e.type).field("created_at", e.created_at);
  std::string out = std::move(w).str();  // still open: the stored data's members follow
  std::string_view data(e.data);
  if (data.size() > 2 && data.front() == '{') {
    out.push_back(',');
    out.append(data.substr(1));
  } else {
    out.push_back('}');
  }
  return out;
}

int parse_seq(const std::string& id) {
  int seq = 0;
  auto [ptr, ec] = std::from_chars(id.data(), id.data() + id.size(), seq);
  return ec == std::errc() && ptr == id.data() + id.size() && seq > 0 ? seq : 0;
}
}  // namespace

http::Response get_job(const Deps& deps, http::Request& req) {
  auto owner = require_user(deps, req);
  if (!owner) return http::Response::error(owner.error());
  auto job = owned_job(deps, req, *owner);
  if (!job) return http::Response::error(job.error());
  json::Writer w;
  jobs::write_job(w, *job);
  return json_response(200, std::move(w));
}

http::Response job_events(const Deps& deps, http::Request& req) {
  auto owner = require_user(deps, req);
  if (!owner) return http::Response::error(owner.error());
  auto job = owned_job(deps, req, *owner);
  if (!job) return http::Response::error(job.error());
  const std::string job_id = job->id;
  http::EventStream stream;
  stream.topic = job_topic(job_id);
  stream.poll = [&deps, job_id](const std::string& last_id) -> Result<http::EventBatch> {
    const int after = parse_seq(last_id);
    return deps.db.run([&](soci::session& s) -> Result<http::EventBatch> {
      http::EventBatch batch;
      const auto current = jobs::find_job(s, job_id);
      if (!current) return std::unexpected(kNoJob);  // deleted while watched
      const auto events = jobs::events_after(s, job_id, after, kEventsPerPoll);
      for (const auto& e : events) {
        batch.events.push_back({std::to_string(e.seq), e.type, event_json(job_id, e)});
      }
      const int last = events.empty() ? after : events.back().seq;
      batch.end = jobs::is_terminal(current->state) && last >= current->last_seq;
      return batch;
    });
  };
  return http::Response::events(std::move(stream));
}

}  // namespace tailor::api
