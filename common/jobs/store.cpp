#include "common/jobs/store.hpp"

#include <fmt/format.h>

#include <stdexcept>

#include "common/db/arrays.hpp"
#include "common/jobs/pipeline.hpp"
#include "common/json/value.hpp"
#include "common/json/writer.hpp"

namespace tailor::jobs {

namespace {
// An event's data, from a row with the job's state, stage and progress: the one definition of
// what every event says about its job (its own members are added to it).
constexpr std::string_view kEventData = "jsonb_build_object('state', state, 'stage', stage, 'progress', progress)";

// Appends the event :type for the job row `j` (RETURNING id, last_seq, state, stage, progress),
// with the members of the JSON object :extra; yields its seq.
std::string insert_event_of_job() {
  return fmt::format(
      "INSERT INTO job_events (job_id, seq, type, data) SELECT id, last_seq, :type, {} || :extra::jsonb FROM j "
      "RETURNING seq",
      kEventData);
}
}  // namespace

std::string message_body(const StageMessage& m) {
  json::Writer w;
  w.object_begin().field("job_id", m.job_id).field("stage", m.stage).field("attempt", m.attempt).object_end();
  return std::move(w).str();
}

std::string message_id(const StageMessage& m) { return fmt::format("{}:{}:{}", m.job_id, m.stage, m.attempt); }

Result<StageMessage> parse_message(std::string_view body) {
  auto v = json::parse(body);
  if (!v) return std::unexpected(v.error());
  auto job_id = v->string_at("job_id");
  auto stage = v->string_at("stage");
  if (!job_id || job_id->empty() || !stage || stage->empty()) {
    return fail(Errc::invalid_argument, "the message has no job_id or stage");
  }
  return StageMessage{std::string(*job_id), std::string(*stage),
                      static_cast<int>(v->int_at("attempt").value_or(1))};
}

namespace {
constexpr const char* kJobColumns =
    "id::text, owner_id::text, kind, document_id::text, state, stage, progress, attempts, error, "
    "last_seq, iso_utc(created_at), iso_utc(updated_at)";

std::optional<std::string> opt(const std::string& v, soci::indicator ind) {
  if (ind == soci::i_null) return std::nullopt;
  return v;
}

std::optional<Job> select_job(soci::session& s, std::string_view id, std::optional<std::string_view> owner,
                              bool lock) {
  Job j;
  std::string doc, stage, error;
  soci::indicator doc_ind = soci::i_ok, stage_ind = soci::i_ok, error_ind = soci::i_ok;
  const std::string id_s(id), owner_s(owner.value_or(""));
  soci::indicator owner_ind = owner ? soci::i_ok : soci::i_null;
  // A null owner matches every row: the worker's view. The API always passes the caller.
  const std::string sql = fmt::format(
      "SELECT {} FROM jobs WHERE id = :id::uuid AND owner_id = coalesce(:owner::uuid, owner_id){}",
      kJobColumns, lock ? " FOR UPDATE" : "");
  s << sql, soci::use(id_s), soci::use(owner_s, owner_ind), soci::into(j.id), soci::into(j.owner_id),
      soci::into(j.kind), soci::into(doc, doc_ind), soci::into(j.state), soci::into(stage, stage_ind),
      soci::into(j.progress), soci::into(j.attempts), soci::into(error, error_ind), soci::into(j.last_seq),
      soci::into(j.created_at), soci::into(j.updated_at);
  if (!s.got_data()) return std::nullopt;
  j.document_id = opt(doc, doc_ind);
  j.stage = opt(stage, stage_ind);
  j.error = opt(error, error_ind);
  return j;
}
}  // namespace

void insert_jobs(soci::session& s, const core::Topology& topology, const std::vector<NewJob>& jobs) {
  if (jobs.empty()) return;
  std::vector<std::string> ids, owners, kinds, docs, states, stages, bodies, message_ids;
  for (const auto& job : jobs) {
    const auto& pipeline = stages_of(job.kind);
    if (pipeline.empty()) throw std::invalid_argument("no pipeline for job kind " + job.kind);
    const StageMessage first{job.id, pipeline.front(), 1};
    const std::string state = job.waiting ? "waiting" : "queued";
    ids.push_back(job.id);
    owners.push_back(job.owner_id);
    kinds.push_back(job.kind);
    docs.push_back(job.document_id.value_or(""));
    states.push_back(state);
    stages.push_back(first.stage);
    bodies.push_back(message_body(first));
    message_ids.push_back(message_id(first));
  }
  const std::string a_ids = db::array_literal(ids), a_owners = db::array_literal(owners),
                    a_kinds = db::array_literal(kinds), a_docs = db::array_literal(docs),
                    a_states = db::array_literal(states), a_stages = db::array_literal(stages),
                    a_bodies = db::array_literal(bodies), a_mids = db::array_literal(message_ids);
  // One statement for the three tables: foreign keys are checked at its end, so the events may
  // reference jobs inserted by a sibling clause.
  s << fmt::format(
           "WITH t AS (SELECT *, 0 AS progress FROM unnest(:ids::uuid[], :owners::uuid[], :kinds::text[], "
           ":docs::text[], :states::text[], :stages::text[], :bodies::text[], :mids::text[]) "
           "AS t(id, owner, kind, doc, state, stage, body, mid)), "
           "j AS (INSERT INTO jobs (id, owner_id, kind, document_id, state, stage, last_seq) "
           "SELECT id, owner, kind, nullif(doc, '')::uuid, state, stage, 1 FROM t), "
           "e AS (INSERT INTO job_events (job_id, seq, type, data) SELECT id, 1, state, {} FROM t) "
           "INSERT INTO outbox (exchange, routing_key, body, message_id) "
           "SELECT :ex, stage, body, mid FROM t WHERE state = 'queued'",
           kEventData),
      soci::use(a_ids), soci::use(a_owners), soci::use(a_kinds), soci::use(a_docs), soci::use(a_states),
      soci::use(a_stages), soci::use(a_bodies), soci::use(a_mids), soci::use(topology.exchange);
}

std::optional<Job> find_job(soci::session& s, std::string_view id, std::optional<std::string_view> owner) {
  return select_job(s, id, owner, false);
}

std::optional<Job> lock_job(soci::session& s, std::string_view id) {
  return select_job(s, id, std::nullopt, true);
}

int transition(soci::session& s, std::string_view job_id, const Transition& t, std::string_view type,
               std::string_view extra_fields) {
  const std::string id(job_id), type_s(type);
  const std::string stage = t.stage.value_or("");
  const std::string error = t.error.value_or("");
  const int progress = t.progress.value_or(0);
  soci::indicator stage_ind = t.stage ? soci::i_ok : soci::i_null;
  soci::indicator progress_ind = t.progress ? soci::i_ok : soci::i_null;
  soci::indicator error_ind = t.error ? soci::i_ok : soci::i_null;
  const char* attempts = t.attempts == Transition::Attempts::increment ? "attempts + 1"
                         : t.attempts == Transition::Attempts::reset   ? "0"
                                                                       : "attempts";
  const std::string extra = "{" + std::string(extra_fields) + "}";
  int seq = 0;
  s << fmt::format(
           "WITH j AS (UPDATE jobs SET state = :state, stage = coalesce(:stage, stage), "
           "progress = coalesce(:progress, progress), error = :error, attempts = {}, "
           "last_seq = last_seq + 1, updated_at = now() WHERE id = :id::uuid "
           "RETURNING id, last_seq, state, stage, progress) {}",
           attempts, insert_event_of_job()),
      soci::use(t.state), soci::use(stage, stage_ind), soci::use(progress, progress_ind),
      soci::use(error, error_ind), soci::use(id), soci::use(type_s), soci::use(extra), soci::into(seq);
  return seq;
}

int append_event(soci::session& s, std::string_view job_id, std::string_view type, std::string_view extra_fields) {
  const std::string id(job_id), type_s(type), extra = "{" + std::string(extra_fields) + "}";
  int seq = 0;
  s << std::string("WITH j AS (UPDATE jobs SET last_seq = last_seq + 1, updated_at = now() WHERE id = :id::uuid "
                   "RETURNING id, last_seq, state, stage, progress) ") +
           insert_event_of_job(),
      soci::use(id), soci::use(type_s), soci::use(extra), soci::into(seq);
  return seq;
}

std::vector<JobEvent> events_after(soci::session& s, std::string_view job_id, int after, int limit) {
  std::vector<JobEvent> out;
  const std::string id(job_id);
  JobEvent e;
  soci::statement st = (s.prepare << "SELECT seq, type, data::text, iso_utc(created_at) FROM job_events "
                                     "WHERE job_id = :id::uuid AND seq > :after ORDER BY seq LIMIT :lim",
                        soci::use(id), soci::use(after), soci::use(limit), soci::into(e.seq),
                        soci::into(e.type), soci::into(e.data), soci::into(e.created_at));
  st.execute();
  while (st.fetch()) out.push_back(e);
  return out;
}

std::vector<std::string> release_waiting_jobs(soci::session& s, const core::Topology& topology,
                                              std::string_view document_id) {
  const std::string doc(document_id);
  std::vector<std::string> released;
  std::string id, stage;
  soci::statement st = (s.prepare << "UPDATE jobs SET state = 'queued', updated_at = now() "
                                     "WHERE document_id = :d::uuid AND state = 'waiting' RETURNING id::text, stage",
                        soci::use(doc), soci::into(id), soci::into(stage));
  st.execute();
  std::vector<std::pair<std::string, std::string>> rows;
  while (st.fetch()) rows.emplace_back(id, stage);
  for (const auto& [job_id, first] : rows) {
    append_event(s, job_id, "queued");
    enqueue_stage(s, topology, {job_id, first, 1});
    released.push_back(job_id);
  }
  return released;
}

void enqueue_stage(soci::session& s, const core::Topology& topology, const StageMessage& m) {
  const std::string body = message_body(m);
  const std::string mid = message_id(m);
  s << "INSERT INTO outbox (exchange, routing_key, body, message_id) VALUES (:ex, :rk, :body, :mid)",
      soci::use(topology.exchange), soci::use(m.stage), soci::use(body), soci::use(mid);
}

}  // namespace tailor::jobs
