#pragma once
// Every SQL statement on jobs, job_events and outbox. Functions take a session so callers
// compose them inside one transaction; they throw SOCI exceptions, which db::Pool converts.
#include <soci/soci.h>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/core/error.hpp"
#include "common/core/topology.hpp"
#include "common/jobs/job.hpp"

namespace tailor::jobs {

// The body of a work message: which job, which stage, which attempt (1-based).
struct StageMessage {
  std::string job_id;
  std::string stage;
  int attempt = 1;
};
std::string message_body(const StageMessage& m);
// "<job>:<stage>:<attempt>": the AMQP message id.
std::string message_id(const StageMessage& m);
// Fails with invalid_argument when the body is not a well-formed stage message.
Result<StageMessage> parse_message(std::string_view body);

struct NewJob {
  std::string id;
  std::string owner_id;
  std::string kind;
  std::optional<std::string> document_id;
  // Held in state "waiting" with no message queued, until release_waiting_jobs() for its
  // document (an analysis of a résumé that is still being read).
  bool waiting = false;
};

// Inserts the jobs (queued at their first stage, or waiting), their first events ("queued" or
// "waiting") and the outbox rows that will start the queued ones, with one statement for the
// three tables whatever the count. Throws std::invalid_argument for a kind with no pipeline.
void insert_jobs(soci::session& s, const core::Topology& topology, const std::vector<NewJob>& jobs);
inline void insert_job(soci::session& s, const core::Topology& topology, const NewJob& job) {
  insert_jobs(s, topology, {job});
}

// The job, or nullopt. With `owner`, a job owned by someone else is nullopt too.
std::optional<Job> find_job(soci::session& s, std::string_view id,
                            std::optional<std::string_view> owner = std::nullopt);
// As find_job, taking the row lock (SELECT … FOR UPDATE) for the rest of the transaction.
std::optional<Job> lock_job(soci::session& s, std::string_view id);

// A change of the job's state (and stage, progress, error); updated_at is stamped.
struct Transition {
  std::string state{};
  std::optional<std::string> stage{};  // keep the current stage when nullopt
  std::optional<int> progress{};       // keep when nullopt
  std::optional<std::string> error{};  // cleared when nullopt
  enum class Attempts { keep, increment, reset } attempts = Attempts::keep;
};
// Applies `t` and appends the event `type` that announces it (data: the new state, stage and
// progress plus `extra_fields`, as append_event) in one statement. Returns the event's seq.
int transition(soci::session& s, std::string_view job_id, const Transition& t, std::string_view type,
               std::string_view extra_fields = "");

// Appends an event whose data is the job's state, stage and progress plus `extra_fields`
// (a JSON object's members without braces, e.g. "\"attempt\":2", or ""). Returns its seq.
int append_event(soci::session& s, std::string_view job_id, std::string_view type,
                 std::string_view extra_fields = "");

// Events with seq > after, oldest first, at most `limit`.
std::vector<JobEvent> events_after(soci::session& s, std::string_view job_id, int after, int limit);

// Queues every job waiting for `document_id` at its first stage (message through the outbox,
// "queued" event). The extract stage calls it when it finishes the document, done or failed;
// the stage that then runs reads the document's state. Returns the jobs released.
std::vector<std::string> release_waiting_jobs(soci::session& s, const core::Topology& topology,
                                              std::string_view document_id);

// Queues a work message for `stage` through the outbox (published after commit by the relay).
void enqueue_stage(soci::session& s, const core::Topology& topology, const StageMessage& m);

}  // namespace tailor::jobs
