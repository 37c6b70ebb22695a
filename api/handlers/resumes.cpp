// POST /v1/resumes (multipart upload), GET /v1/resumes, GET and DELETE /v1/resumes/{id}.
#include <charconv>

#include "api/handlers/handlers.hpp"
#include "api/handlers/support.hpp"
#include "common/documents/documents.hpp"

namespace tailor::api {

namespace {
void write_document(json::Writer& w, const documents::Document& d) {
  w.object_begin().field("id", d.id).field("filename", d.filename).field("media_type", d.media_type)
      .field("size_bytes", d.size_bytes).field("status", d.status).field("page_count", d.page_count)
      .field("job_id", d.job_id).field("error", d.error);
  if (d.text) w.field("text", *d.text);
  if (d.extraction) w.key("extraction").raw(*d.extraction);
  w.field("created_at", d.created_at).field("updated_at", d.updated_at).object_end();
}
}  // namespace

http::Response upload_resume(const Deps& deps, http::Request& req) {
  auto owner = require_user(deps, req);
  if (!owner) return http::Response::error(owner.error());
  const http::Upload& up = *req.upload;  // the router guarantees it on upload routes
  auto accepted = deps.documents.accept_upload(*owner, {up.temp_path, up.head, up.size, up.filename}, req.request_id);
  if (!accepted) return http::Response::error(accepted.error());
  json::Writer w;
  w.object_begin().field("resume_id", accepted->document_id).field("job_id", accepted->job_id)
      .field("status_url", "/v1/jobs/" + accepted->job_id)
      .field("events_url", "/v1/jobs/" + accepted->job_id + "/events")
      .field("resume_url", "/v1/resumes/" + accepted->document_id).object_end();
  auto resp = json_response(202, std::move(w));
  resp.headers.emplace_back("Location", "/v1/jobs/" + accepted->job_id);
  return resp;
}

http::Response list_resumes(const Deps& deps, http::Request& req) {
  auto owner = require_user(deps, req);
  if (!owner) return http::Response::error(owner.error());
  int limit = 50;
  if (auto l = req.query_param("limit")) {
    auto [ptr, ec] = std::from_chars(l->data(), l->data() + l->size(), limit);
    if (ec != std::errc() || ptr != l->data() + l->size() || limit < 1 || limit > 100) {
      return http::Response::error(Errc::invalid_argument, "'limit' must be a number from 1 to 100");
    }
  }
  auto docs = deps.documents.list(*owner, limit);
  if (!docs) return http::Response::error(docs.error());
  json::Writer w;
  w.object_begin().key("resumes").array_begin();
  for (const auto& d : *docs) write_document(w, d);
  w.array_end().object_end();
  return json_response(200, std::move(w));
}

http::Response get_resume(const Deps& deps, http::Request& req) {
  auto owner = require_user(deps, req);
  if (!owner) return http::Response::error(owner.error());
  auto doc = deps.documents.get(*owner, req.param("id"), true);
  if (!doc) return http::Response::error(doc.error());
  json::Writer w;
  write_document(w, *doc);
  return json_response(200, std::move(w));
}

http::Response delete_resume(const Deps& deps, http::Request& req) {
  auto owner = require_user(deps, req);
  if (!owner) return http::Response::error(owner.error());
  if (auto done = deps.documents.remove(*owner, req.param("id"), req.request_id); !done) {
    return http::Response::error(done.error());
  }
  return http::Response::no_content();
}

// The résumé as JSON Resume (jsonresume.org 1.0.0): the body is the JSON Resume document itself,
// so it can go straight into JSON Resume tools. 409 while it is still being read or analysed.
http::Response get_parsed_resume(const Deps& deps, http::Request& req) {
  auto owner = require_user(deps, req);
  if (!owner) return http::Response::error(owner.error());
  auto u = deps.documents.understanding(*owner, req.param("id"));
  if (!u) return http::Response::error(u.error());
  if (u->status == "failed") {
    return http::Response::error(Errc::failed_precondition,
                                 "the résumé could not be read" + (u->error ? ": " + *u->error : std::string()));
  }
  if (!u->resume) {
    return http::Response::error(Errc::failed_precondition,
                                 "the résumé is still being read; follow its job and ask again when it is done");
  }
  return http::Response::json(200, *u->resume);
}

}  // namespace tailor::api
