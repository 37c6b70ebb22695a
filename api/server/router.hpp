#pragma once
// The route table: method + path pattern → handler and its limits. Built once at startup
// (api/handlers/routes.cpp) and read-only afterwards, so matching needs no locks.
//
//   Router r;
//   r.add("GET", "/v1/jobs/{id}", handlers::get_job);
//   r.add("POST", "/v1/resumes", handlers::upload_resume,
//         {.upload = true, .max_file_bytes = 10 * 1024 * 1024});
#include <cstddef>
#include <cstdint>
#include <expected>
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "api/server/http_types.hpp"

namespace tailor::http {

// A handler runs on the server's blocking pool (unless run_inline), so it may block on the
// database, hashing or file I/O. It returns every outcome, errors included, as a Response;
// an exception escaping it becomes a 500 and an error log line.
using Handler = std::function<Response(Request&)>;

struct RouteOptions {
  // Largest accepted body on a non-upload route; bigger gets 413 before the body is read.
  std::size_t max_body = 64 * 1024;
  // multipart/form-data: the file part streams to a temp file (Request::upload), the body is
  // never held in memory.
  bool upload = false;
  std::uint64_t max_file_bytes = 10 * 1024 * 1024;  // upload routes: 413 above this
  std::string file_field = "file";                  // upload routes: the form field of the file
  // Run the handler on the I/O thread instead of the blocking pool. Only for handlers that
  // never block and finish in microseconds (health, static answers): it saves two thread hops.
  bool run_inline = false;
};

struct Route {
  std::string method;
  std::string pattern;
  Handler handler;
  RouteOptions options;
  // The pattern split on '/': a literal segment, or a capture name when capture is true.
  struct Segment {
    std::string text;
    bool capture = false;
  };
  std::vector<Segment> segments;
};

struct RouteMatch {
  const Route* route = nullptr;
  std::map<std::string, std::string> params;  // decoded
};

class Router {
 public:
  // Throws std::invalid_argument on a malformed pattern or a duplicate method + pattern:
  // both are bugs in the route table and should stop the process at start.
  Router& add(std::string method, std::string pattern, Handler handler, RouteOptions options = {});

  // `raw_path` is the path as on the wire (percent-encoded, no query). Literal segments win over
  // captures ("/v1/jobs/stats" beats "/v1/jobs/{id}"). Fails with a ready response:
  // 404 not_found "no route for GET /x", 405 with an Allow header when only the method is wrong,
  // 400 when the path has a bad escape.
  std::expected<RouteMatch, Response> match(std::string_view method,
                                            std::string_view raw_path) const;

  const std::vector<Route>& routes() const { return routes_; }

 private:
  std::vector<Route> routes_;
};

}  // namespace tailor::http
