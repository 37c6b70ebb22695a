#pragma once
// Every endpoint, one function each; routes.cpp binds them to paths. Each parses and checks the
// request, makes one call into common/, and maps the result to a response.
#include "api/handlers/deps.hpp"
#include "api/server/http_types.hpp"
#include "api/server/router.hpp"

namespace tailor::api {

// health.cpp
http::Response health_live(http::Request& req);
http::Response health_ready(const Deps& deps, http::Request& req);
http::Response health(const Deps& deps, http::Request& req);

// auth.cpp
http::Response register_user(const Deps& deps, http::Request& req);
http::Response login(const Deps& deps, http::Request& req);
http::Response refresh(const Deps& deps, http::Request& req);
http::Response logout(const Deps& deps, http::Request& req);
http::Response me(const Deps& deps, http::Request& req);

// resumes.cpp
http::Response upload_resume(const Deps& deps, http::Request& req);
http::Response list_resumes(const Deps& deps, http::Request& req);
http::Response get_resume(const Deps& deps, http::Request& req);
http::Response delete_resume(const Deps& deps, http::Request& req);
http::Response get_parsed_resume(const Deps& deps, http::Request& req);

// analyses.cpp
http::Response create_analysis(const Deps& deps, http::Request& req);
http::Response get_analysis(const Deps& deps, http::Request& req);

// jobs.cpp
http::Response get_job(const Deps& deps, http::Request& req);
http::Response job_events(const Deps& deps, http::Request& req);

// routes.cpp: the route table.
http::Router routes(const Deps& deps);

}  // namespace tailor::api
