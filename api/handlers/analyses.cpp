// POST /v1/analyses (a résumé against a job description → 202) and GET /v1/analyses/{id}.
#include <fmt/format.h>

#include "api/handlers/handlers.hpp"
#include "api/handlers/support.hpp"
#include "common/analyses/analyses.hpp"

namespace tailor::api {

namespace {
constexpr std::size_t kMaxJobText = analyses::kMaxJobDescriptionBytes;
constexpr std::size_t kMaxJobLine = 200;     // title, company

// The optional string member `key`: absent or null → "", a string of at most `max` bytes → it.
Result<std::string> optional_string(const json::Value& obj, std::string_view key, std::size_t max) {
  const json::Value* v = obj.find(key);
  if (v == nullptr || v->is_null()) return std::string();
  if (!v->as_string()) return fail(Errc::invalid_argument, fmt::format("'{}' must be a string", key));
  if (v->as_string()->size() > max) {
    return fail(Errc::invalid_argument, fmt::format("'{}' is longer than {} bytes", key, max));
  }
  return *v->as_string();
}

// {"resume_id": "…", "job_description": {"text": "…", "title"?: "…", "company"?: "…"}}; the job
// description may also be given as a plain string (its text).
Result<std::pair<std::string, analyses::JobDescription>> parse_request(const http::Request& req) {
  auto body = json_body(req);
  if (!body) return std::unexpected(body.error());
  auto resume_id = required_string(*body, "resume_id");
  if (!resume_id) return std::unexpected(resume_id.error());
  const json::Value* jd_value = body->find("job_description");
  if (jd_value == nullptr) return fail(Errc::invalid_argument, "'job_description' is required");
  analyses::JobDescription jd;
  if (jd_value->as_string()) {
    jd.text = *jd_value->as_string();
  } else if (jd_value->is_object()) {
    auto text = optional_string(*jd_value, "text", kMaxJobText);
    auto title = optional_string(*jd_value, "title", kMaxJobLine);
    auto company = optional_string(*jd_value, "company", kMaxJobLine);
    for (const auto* r : {&text, &title, &company}) {
      if (!*r) return std::unexpected(r->error());
    }
    jd = {std::move(*text), std::move(*title), std::move(*company)};
  } else {
    return fail(Errc::invalid_argument, "'job_description' must be an object {text, title?, company?} or a string");
  }
  if (jd.text.find_first_not_of(" \t\r\n") == std::string::npos) {
    return fail(Errc::invalid_argument, "'job_description.text' is required: paste the job ad");
  }
  if (jd.text.size() > kMaxJobText) {
    return fail(Errc::invalid_argument, fmt::format("'job_description.text' is longer than {} bytes", kMaxJobText));
  }
  return std::pair{std::move(*resume_id), std::move(jd)};
}

void write_analysis(json::Writer& w, const analyses::Analysis& a) {
  w.object_begin().field("id", a.id).field("resume_id", a.resume_id).field("job_id", a.job_id)
      .field("state", a.state).field("stage", a.stage).field("progress", a.progress).key("error");
  if (a.error) {
    w.object_begin().field("message", *a.error).object_end();  // as GET /v1/jobs/{id} shows it
  } else {
    w.null();
  }
  w.key("job_description").object_begin().field("title", a.jd_title).field("company", a.jd_company).object_end();
  w.field("score", a.score).key("report");
  if (a.report) {
    w.raw(*a.report);
  } else {
    w.null();
  }
  w.field("status_url", "/v1/analyses/" + a.id).field("events_url", "/v1/jobs/" + a.job_id + "/events")
      .field("created_at", a.created_at).field("updated_at", a.updated_at).object_end();
}
}  // namespace

http::Response create_analysis(const Deps& deps, http::Request& req) {
  auto owner = require_user(deps, req);
  if (!owner) return http::Response::error(owner.error());
  auto request = parse_request(req);
  if (!request) return http::Response::error(request.error());
  auto created = deps.analyses.create(*owner, request->first, request->second, req.request_id);
  if (!created) return http::Response::error(created.error());
  const std::string status_url = "/v1/analyses/" + created->analysis_id;
  json::Writer w;
  w.object_begin().field("analysis_id", created->analysis_id).field("job_id", created->job_id)
      .field("state", created->waiting ? "waiting" : "queued").field("status_url", status_url)
      .field("events_url", "/v1/jobs/" + created->job_id + "/events").object_end();
  auto resp = json_response(202, std::move(w));
  resp.headers.emplace_back("Location", status_url);
  return resp;
}

http::Response get_analysis(const Deps& deps, http::Request& req) {
  auto owner = require_user(deps, req);
  if (!owner) return http::Response::error(owner.error());
  auto a = deps.analyses.get(*owner, req.param("id"));
  if (!a) return http::Response::error(a.error());
  json::Writer w;
  write_analysis(w, *a);
  return json_response(200, std::move(w));
}

}  // namespace tailor::api
