// The route table: every endpoint of tailor-api, in one place.
#include "api/handlers/handlers.hpp"

namespace tailor::api {

http::Router routes(const Deps& deps) {
  auto bind = [&deps](http::Response (*fn)(const Deps&, http::Request&)) {
    return [&deps, fn](http::Request& req) { return fn(deps, req); };
  };
  http::Router r;
  r.add("GET", "/health/live", health_live, {.run_inline = true});
  r.add("GET", "/health/ready", bind(health_ready));
  r.add("GET", "/health", bind(health));

  r.add("POST", "/v1/auth/register", bind(register_user), {.max_body = 4 * 1024});
  r.add("POST", "/v1/auth/login", bind(login), {.max_body = 4 * 1024});
  r.add("POST", "/v1/auth/refresh", bind(refresh), {.max_body = 4 * 1024});
  r.add("POST", "/v1/auth/logout", bind(logout), {.max_body = 4 * 1024});
  r.add("GET", "/v1/me", bind(me));

  r.add("POST", "/v1/resumes", bind(upload_resume),
        {.upload = true, .max_file_bytes = deps.config.max_upload_bytes, .file_field = "file"});
  r.add("GET", "/v1/resumes", bind(list_resumes));
  r.add("GET", "/v1/resumes/{id}", bind(get_resume));
  r.add("DELETE", "/v1/resumes/{id}", bind(delete_resume));
  r.add("GET", "/v1/resumes/{id}/parsed", bind(get_parsed_resume));

  r.add("POST", "/v1/analyses", bind(create_analysis), {.max_body = 64 * 1024});
  r.add("GET", "/v1/analyses/{id}", bind(get_analysis));

  r.add("GET", "/v1/jobs/{id}", bind(get_job));
  r.add("GET", "/v1/jobs/{id}/events", bind(job_events));
  return r;
}

}  // namespace tailor::api
