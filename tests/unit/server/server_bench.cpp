// Measurement tool, not a test: serves GET /inline (answered on the I/O thread) and GET /pool
// (answered on the blocking pool) until SIGINT/SIGTERM, for a load generator such as
//   wrk -t2 -c64 -d10s http://127.0.0.1:PORT/pool
// Usage: tailor-bench-server [port=0] [io_threads=2] [blocking_threads=4]
#include <cstdio>
#include <cstdlib>
#include <string>

#include "api/server/router.hpp"
#include "api/server/server.hpp"

int main(int argc, char** argv) {
  using namespace tailor::http;
  Router router;
  router.add("GET", "/inline", [](Request&) { return Response::json(200, R"({"status":"ok"})"); },
             {.run_inline = true});
  router.add("GET", "/pool", [](Request&) { return Response::json(200, R"({"status":"ok"})"); });
  router.add("GET", "/v1/jobs/{id}",
             [](Request& r) { return Response::json(200, "{\"id\":\"" + r.param("id") + "\"}"); });
  ServerOptions o;
  o.port = argc > 1 ? std::atoi(argv[1]) : 0;
  o.io_threads = argc > 2 ? std::atoi(argv[2]) : 2;
  o.blocking_threads = argc > 3 ? std::atoi(argv[3]) : 4;
  o.spool_dir = "/tmp/tailor-bench-spool";
  Server server(o, router);
  std::printf("listening on %d\n", server.port());
  std::fflush(stdout);
  server.run();
}
