#pragma once
// The HTTP/1.1 server: Beast + Asio coroutines on `io_threads` threads, handlers on a bounded
// blocking pool. All Beast code is behind the pimpl in server.cpp.
//
//   tailor::http::Router router = tailor::api::routes(deps);   // outlives the server
//   tailor::http::Server server({.host = cfg.http_host, .port = cfg.http_port, ...}, router);
//   log::info("listening", {{"port", server.port()}});
//   server.run();   // returns after SIGTERM/SIGINT or stop(), once in-flight requests are done
#include <chrono>
#include <cstddef>
#include <memory>
#include <string>
#include <string_view>

#include "api/server/http_types.hpp"
#include "api/server/router.hpp"

namespace tailor::http {

struct ServerOptions {
  std::string host = "127.0.0.1";
  int port = 8080;  // 0 picks a free port: read it back with Server::port()
  int io_threads = 1;
  int blocking_threads = 8;
  std::size_t blocking_queue_limit = 10000;     // a full queue answers 503 "server busy"
  std::string spool_dir = "/tmp/tailor-spool";  // upload temp files; created if missing
  std::size_t max_header_bytes = 16 * 1024;     // request line + headers; more gets 431
  std::chrono::seconds header_timeout{30};      // to receive the first request's headers
  std::chrono::seconds body_timeout{120};       // to receive a body, and to send a response
  std::chrono::seconds idle_timeout{60};        // between keep-alive requests
  std::chrono::seconds sse_keepalive{15};       // comment + re-poll interval of event streams
  std::chrono::seconds shutdown_grace{20};      // stop(): how long in-flight requests may run
  bool access_log = false;                      // one info line per request
  bool handle_signals = true;                   // run() stops on SIGTERM / SIGINT
  // Upload routes: the form's other text fields are bounded too.
  std::size_t max_form_field_bytes = 64 * 1024;
  std::size_t max_form_fields = 32;
};

class Server {
 public:
  // Binds and listens at once, so port() is valid right after construction. Throws
  // std::runtime_error when the address cannot be bound or the spool dir cannot be created
  // (startup failures). `router` must outlive the server.
  Server(ServerOptions options, const Router& router);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  int port() const;
  // Serves until stop() (or a signal); the calling thread is one of the I/O threads.
  void run();
  // Graceful and thread-safe: stops accepting, closes idle connections and event streams, lets
  // in-flight requests finish (up to shutdown_grace), then makes run() return.
  void stop();
  // Thread-safe, cheap, callable from any thread (e.g. a Redis subscriber): every event stream
  // registered under `topic` polls again now.
  void notify(std::string_view topic);

 private:
  friend class Session;  // server.cpp's per-connection state
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace tailor::http
