// The only file that includes Beast and Asio: everything HTTP-on-the-wire lives here.
#include <utility>  // before Asio: Boost 1.74 on g++ 12 needs std::exchange declared first

#include "api/server/server.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <array>
#include <atomic>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/error.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/buffer_body.hpp>
#include <boost/beast/http/empty_body.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/string_body.hpp>
#include <cerrno>
#include <cstdio>
#include <chrono>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <limits>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <thread>
#include <unordered_map>
#include <vector>

#include "api/server/blocking_pool.hpp"
#include "api/server/multipart.hpp"
#include "common/core/log.hpp"
#include "common/json/writer.hpp"

namespace tailor::http {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using tcp = asio::ip::tcp;
using Clock = std::chrono::steady_clock;

namespace {

constexpr std::size_t kUploadBufferBytes = 64 * 1024;
constexpr std::chrono::seconds kLingerTime{2};

std::string_view reason_phrase(int status) {
  switch (status) {
    case 100:
      return "Continue";
    case 200:
      return "OK";
    case 201:
      return "Created";
    case 202:
      return "Accepted";
    case 204:
      return "No Content";
    case 301:
      return "Moved Permanently";
    case 302:
      return "Found";
    case 303:
      return "See Other";
    case 304:
      return "Not Modified";
    case 307:
      return "Temporary Redirect";
    case 308:
      return "Permanent Redirect";
    case 400:
      return "Bad Request";
    case 401:
      return "Unauthorized";
    case 402:
      return "Payment Required";
    case 403:
      return "Forbidden";
    case 404:
      return "Not Found";
    case 405:
      return "Method Not Allowed";
    case 408:
      return "Request Timeout";
    case 409:
      return "Conflict";
    case 410:
      return "Gone";
    case 411:
      return "Length Required";
    case 412:
      return "Precondition Failed";
    case 413:
      return "Content Too Large";
    case 415:
      return "Unsupported Media Type";
    case 422:
      return "Unprocessable Content";
    case 429:
      return "Too Many Requests";
    case 431:
      return "Request Header Fields Too Large";
    case 500:
      return "Internal Server Error";
    case 501:
      return "Not Implemented";
    case 502:
      return "Bad Gateway";
    case 503:
      return "Service Unavailable";
    case 504:
      return "Gateway Timeout";
    default:
      return "Unknown";
  }
}

// RFC 9110 wants a Date header; formatting it once per second per thread keeps it off the profile.
std::string_view http_date() {
  thread_local std::time_t cached = -1;
  thread_local char buf[64];
  const std::time_t now = std::time(nullptr);
  if (now != cached) {
    std::tm tm{};
    gmtime_r(&now, &tm);
    std::strftime(buf, sizeof buf, "%a, %d %b %Y %H:%M:%S GMT", &tm);
    cached = now;
  }
  return buf;
}

bool has_crlf(std::string_view s) {
  return s.find_first_of("\r\n") != std::string_view::npos;
}

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    char x = a[i], y = b[i];
    if (x >= 'A' && x <= 'Z') x = static_cast<char>(x - 'A' + 'a');
    if (y >= 'A' && y <= 'Z') y = static_cast<char>(y - 'A' + 'a');
    if (x != y) return false;
  }
  return true;
}

// "10 MB", "64 KB", "100 bytes": limits as people write them.
std::string format_size(std::uint64_t bytes) {
  constexpr std::uint64_t kMiB = 1024 * 1024;
  if (bytes >= kMiB && bytes % kMiB == 0) return std::to_string(bytes / kMiB) + " MB";
  if (bytes >= kMiB)
    return std::to_string(bytes / kMiB) + "." + std::to_string(bytes % kMiB * 10 / kMiB) + " MB";
  if (bytes >= 1024 && bytes % 1024 == 0) return std::to_string(bytes / 1024) + " KB";
  return std::to_string(bytes) + " bytes";
}

bool is_http_protocol_error(const beast::error_code& ec) {
  static const auto& category = bhttp::make_error_code(bhttp::error::bad_method).category();
  return ec.category() == category && ec != bhttp::error::end_of_stream &&
         ec != bhttp::error::partial_message && ec != bhttp::error::need_buffer;
}

// The answer to a failed body read, and whether to linger for the client to read it; nullopt
// when the client is gone and the connection just closes.
struct BodyFailure {
  Response response;
  bool linger;
};
std::optional<BodyFailure> body_failure(const beast::error_code& ec, const Response& too_large) {
  if (ec == bhttp::error::body_limit) return BodyFailure{too_large, true};
  if (is_http_protocol_error(ec)) {
    return BodyFailure{Response::error(Errc::invalid_argument, "malformed HTTP request body"), false};
  }
  return std::nullopt;
}

bool is_json(std::string_view content_type) {
  return content_type.starts_with("application/json");
}

// Appends one SSE event (id, event, data lines, blank line). CR and LF are not allowed inside
// id and event; data is split into lines.
void append_event(std::string& out, const SseEvent& ev) {
  auto clean = [&out](std::string_view s) {
    for (const char c : s) {
      if (c != '\r' && c != '\n') out.push_back(c);
    }
  };
  if (!ev.id.empty()) {
    out += "id: ";
    clean(ev.id);
    out.push_back('\n');
  }
  if (!ev.event.empty()) {
    out += "event: ";
    clean(ev.event);
    out.push_back('\n');
  }
  std::string_view data(ev.data);
  do {
    const std::size_t nl = data.find('\n');
    std::string_view line = data.substr(0, nl);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    out += "data: ";
    out += line;
    out.push_back('\n');
    data = nl == std::string_view::npos ? std::string_view{} : data.substr(nl + 1);
    if (nl != std::string_view::npos && data.empty()) {
      out += "data: \n";  // a trailing newline is an empty last line
    }
  } while (!data.empty());
  out.push_back('\n');
}

// Wraps `payload` as one chunk of a chunked transfer-coding.
void frame_chunk(std::string& out, std::string_view payload) {
  char hex[20];
  const int n = std::snprintf(hex, sizeof hex, "%zx\r\n", payload.size());
  out.assign(hex, static_cast<std::size_t>(n));
  out += payload;
  out += "\r\n";
}

// Streams the file part of an upload form into a temp file and collects the small fields.
class UploadSink final : public MultipartSink {
 public:
  UploadSink(const ServerOptions& server, const RouteOptions& route)
      : server_(server), route_(route) {}
  ~UploadSink() override {
    if (fd_ >= 0) ::close(fd_);
    if (!upload_.temp_path.empty() && !handed_over_) ::unlink(upload_.temp_path.c_str());
  }
  UploadSink(const UploadSink&) = delete;
  UploadSink& operator=(const UploadSink&) = delete;

  Status on_part_begin(const PartHeaders& h) override {
    if (h.name == route_.file_field) {
      if (seen_file_) {
        return tailor::fail(Errc::invalid_argument,
                            "the form has more than one '" + route_.file_field + "' field");
      }
      seen_file_ = true;
      if (auto s = open_temp(); !s) return s;
      upload_.field_name = h.name;
      upload_.filename = h.filename.value_or("");
      upload_.declared_content_type = h.content_type;
      current_ = Current::file;
      return {};
    }
    if (h.filename) {  // another file: not wanted, skipped without storing it
      current_ = Current::skip;
      return {};
    }
    if (upload_.fields.size() >= server_.max_form_fields) {
      return tailor::fail(Errc::invalid_argument, "the form has too many fields");
    }
    upload_.fields.emplace_back(h.name, std::string());
    current_ = Current::field;
    return {};
  }

  Status on_part_data(std::string_view data) override {
    switch (current_) {
      case Current::file:
        return write_file(data);
      case Current::field: {
        std::string& v = upload_.fields.back().second;
        if (v.size() + data.size() > server_.max_form_field_bytes) {
          return tailor::fail(Errc::too_large, "a form field is larger than " +
                                                   format_size(server_.max_form_field_bytes));
        }
        v.append(data);
        return {};
      }
      case Current::skip:
      case Current::none:
        return {};
    }
    return {};
  }

  Status on_part_end() override {
    if (current_ == Current::file) {
      ::close(fd_);
      fd_ = -1;
    }
    current_ = Current::none;
    return {};
  }

  // Drops the temp file now, before an error response that may take a while to deliver.
  void discard() {
    if (fd_ >= 0) ::close(fd_);
    fd_ = -1;
    if (!upload_.temp_path.empty() && !handed_over_) ::unlink(upload_.temp_path.c_str());
    handed_over_ = true;
  }

  // The finished upload; the caller now owns the temp file.
  Result<Upload> take() {
    if (!seen_file_)
      return tailor::fail(Errc::invalid_argument,
                          "the form has no '" + route_.file_field + "' field");
    handed_over_ = true;
    return std::move(upload_);
  }

 private:
  enum class Current { none, file, field, skip };

  Status open_temp() {
    for (int attempt = 0; attempt < 8; ++attempt) {
      std::string path = server_.spool_dir + "/upload-" + generate_request_id() + ".part";
      const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
      if (fd >= 0) {
        fd_ = fd;
        upload_.temp_path = std::move(path);
        return {};
      }
      if (errno != EEXIST) {
        log::error("cannot create upload temp file",
                   {{"errno", errno}, {"dir", server_.spool_dir}});
        return tailor::fail(Errc::unavailable, "cannot store the upload right now");
      }
    }
    return tailor::fail(Errc::unavailable, "cannot store the upload right now");
  }

  Status write_file(std::string_view data) {
    upload_.size += data.size();
    if (upload_.size > route_.max_file_bytes) {
      return tailor::fail(Errc::too_large,
                          "the file is larger than " + format_size(route_.max_file_bytes));
    }
    if (upload_.head.size() < Upload::kHeadBytes) {
      upload_.head.append(data.substr(0, Upload::kHeadBytes - upload_.head.size()));
    }
    // Written on the I/O thread: a local spool write lands in the page cache in microseconds,
    // and a pool hop per 64 KiB chunk would cost more than it saves.
    while (!data.empty()) {
      const ssize_t n = ::write(fd_, data.data(), data.size());
      if (n < 0) {
        if (errno == EINTR) continue;
        log::error("cannot write upload temp file", {{"errno", errno}});
        return tailor::fail(Errc::unavailable, "cannot store the upload right now");
      }
      data.remove_prefix(static_cast<std::size_t>(n));
    }
    return {};
  }

  const ServerOptions& server_;
  const RouteOptions& route_;
  Upload upload_;
  int fd_ = -1;
  bool seen_file_ = false;
  bool handed_over_ = false;
  Current current_ = Current::none;
};

void log_exception(std::exception_ptr e, std::string_view where) {
  if (!e) return;
  try {
    std::rethrow_exception(e);
  } catch (const std::exception& ex) {
    log::error("unexpected exception", {{"where", where}, {"error", ex.what()}});
  } catch (...) {
    log::error("unexpected exception", {{"where", where}});
  }
}

}  // namespace

class Session;

struct Server::Impl {
  Impl(ServerOptions o, const Router& r);
  ~Impl();

  // Runs fn() on the blocking pool and resumes the calling coroutine on its own executor with
  // the result. Pass fn and refused as named lvalues: g++ 12 mis-copies a prvalue closure with
  // non-trivial captures into a coroutine's by-value parameter (double free).
  // `refused()` makes the result when the pool's queue is full or it is shutting down (built
  // lazily: the common path should not pay for an error response it never sends).
  template <class R, class F, class G>
  asio::awaitable<R> run_blocking(F fn, G refused) {
    // The executor comes from the handler, not from `co_await this_coro::executor`: a copy of
    // that one captured here corrupted the strand's reference count (g++ 12 + Asio 1.74).
    co_return co_await asio::async_initiate<const asio::use_awaitable_t<>&, void(R)>(
        [this, &fn, &refused](auto handler) mutable {
          // Tracked work keeps io_context::run() from returning while the pool holds the handler.
          auto work = asio::prefer(asio::get_associated_executor(handler),
                                   asio::execution::outstanding_work.tracked);
          pool.submit([h = std::move(handler), f = std::move(fn), g = std::move(refused),
                       work = std::move(work)](bool run) mutable {
            R result = run ? f() : g();
            asio::post(work, [h = std::move(h), result = std::move(result)]() mutable {
              std::move(h)(std::move(result));
            });
          });
        },
        asio::use_awaitable);
  }

  asio::awaitable<void> accept_loop();
  asio::awaitable<void> drain();
  asio::awaitable<bool> wait_sessions_gone(Clock::time_point deadline);
  void begin_stop();  // on `strand`
  void add_session(const std::shared_ptr<Session>& s);
  void remove_session(Session* s);
  std::vector<std::shared_ptr<Session>> live_sessions();
  void add_waiter(const std::string& topic, std::shared_ptr<Session> s);
  void remove_waiter(const std::string& topic, Session* s);

  ServerOptions opt;
  const Router& router;

  // Declared before the io_context: frames destroyed with it deregister sessions here.
  std::mutex sessions_mu;
  std::unordered_map<Session*, std::weak_ptr<Session>> sessions;
  std::mutex topics_mu;
  std::unordered_multimap<std::string, std::shared_ptr<Session>> waiters;

  asio::io_context ioc;
  asio::strand<asio::io_context::executor_type> strand;  // acceptor, signals, shutdown
  tcp::acceptor acceptor;
  std::optional<asio::signal_set> signals;
  std::atomic<bool> stopping{false};
  bool stop_begun = false;  // on `strand`
  int bound_port = 0;
  // Last: destroyed (joined) first, while the io_context its tasks post to still exists.
  BlockingPool pool;
};

class Session : public std::enable_shared_from_this<Session> {
 public:
  Session(Server::Impl& server, tcp::socket socket)
      : srv_(server), stream_(std::move(socket)), timer_(stream_.get_executor()) {
    beast::error_code ec;
    const auto ep = stream_.socket().remote_endpoint(ec);
    if (!ec) remote_ = ep.address().to_string();
  }
  ~Session() { srv_.remove_session(this); }

  asio::any_io_executor executor() { return stream_.get_executor(); }

  asio::awaitable<void> run(std::shared_ptr<Session> self);

  // The rest run on the session's strand.
  void on_stop() {
    stopping_ = true;
    if (phase_ == Phase::idle) close();
    if (phase_ == Phase::sse) timer_.cancel();
  }
  void force_close() {
    stopping_ = true;
    close();
    timer_.cancel();
  }
  void wake() {
    notified_ = true;
    timer_.cancel();
  }

 private:
  enum class Phase { idle, busy, sse };
  using HeaderParser = bhttp::request_parser<bhttp::empty_body>;

  asio::awaitable<bool> handle(HeaderParser& hp);
  asio::awaitable<bool> read_json_body(HeaderParser& hp, Request& req, const RouteOptions& ro);
  asio::awaitable<bool> read_upload(HeaderParser& hp, Request& req, const RouteOptions& ro);
  asio::awaitable<bool> send(const Request& req, const Response& res, bool keep_alive);
  asio::awaitable<bool> early(const Request& req, const Response& res, bool has_body,
                              bool keep_alive);
  asio::awaitable<void> send_fatal(const Request& req, const Response& res, bool linger);
  asio::awaitable<void> serve_events(const Request& req, Response& res);
  asio::awaitable<void> watch_peer(std::shared_ptr<Session> self);
  asio::awaitable<bool> write_raw(std::string_view data);
  asio::awaitable<void> linger_close();
  asio::awaitable<bool> send_continue_if_expected(const Request& req);
  Response invoke(const Route& route, Request& req);
  void access_log(const Request& req, int status);
  void close() {
    beast::error_code ec;
    stream_.socket().shutdown(tcp::socket::shutdown_both, ec);
    stream_.close();
  }

  Server::Impl& srv_;
  beast::tcp_stream stream_;
  beast::flat_buffer
      buffer_;                // reused across the connection's requests (and holds pipelined bytes)
  asio::steady_timer timer_;  // event streams: waits for notify() or the keepalive
  std::string remote_;
  std::string head_;  // response head scratch, reused
  std::unique_ptr<char[]> upload_buffer_;
  Phase phase_ = Phase::idle;
  bool stopping_ = false;
  bool notified_ = false;
  bool peer_closed_ = false;
  bool http10_ = false;
  Clock::time_point started_;
};

// ---------------------------------------------------------------------------------------------
// Session
//
// g++ 12 miscompiles some coroutine code: a co_await inside an `if` condition next to &&
// resumed a finished frame, and a prvalue of class type passed to a coroutine's by-value
// parameter is copied bitwise (double free). So every co_await below stands alone in its
// statement with its result in a named local, and class-type arguments are named lvalues.

asio::awaitable<void> Session::run(std::shared_ptr<Session> self) {
  (void)self;  // keeps the session alive for the coroutine's lifetime
  bool first = true;
  while (!stopping_) {
    HeaderParser hp;
    hp.header_limit(static_cast<std::uint32_t>(srv_.opt.max_header_bytes));
    // The route decides the body limit; the header parser must not reject a Content-Length first.
    hp.body_limit(std::numeric_limits<std::uint64_t>::max());
    stream_.expires_after(first ? srv_.opt.header_timeout : srv_.opt.idle_timeout);
    phase_ = Phase::idle;
    beast::error_code ec;
    co_await bhttp::async_read_header(stream_, buffer_, hp,
                                      asio::redirect_error(asio::use_awaitable, ec));
    phase_ = Phase::busy;
    first = false;
    started_ = Clock::now();
    if (ec) {
      if (ec == bhttp::error::header_limit || is_http_protocol_error(ec)) {
        Request req;
        req.request_id = generate_request_id();
        Response res =
            ec == bhttp::error::header_limit
                ? Response::json(
                      431,
                      R"({"error":{"code":"too_large","message":"the request headers are too large"}})")
                : Response::error(Errc::invalid_argument, "malformed HTTP request");
        co_await send_fatal(req, res, true);
      }
      break;
    }
    bool keep_alive = false;
    try {
      keep_alive = co_await handle(hp);
    } catch (const std::exception& e) {
      log::error("connection failed", {{"error", e.what()}});
    }
    if (!keep_alive) break;
  }
  close();
}

asio::awaitable<bool> Session::handle(HeaderParser& hp) {
  const auto& h = hp.get();
  Request req;
  req.method = std::string(h.method_string());
  req.target = std::string(h.target());
  req.remote_address = remote_;
  http10_ = h.version() < 11;
  req.headers.reserve(16);
  for (const auto& f : h) {
    std::string name(f.name_string());
    for (char& c : name) {
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    }
    req.headers.emplace_back(std::move(name), std::string(f.value()));
  }
  if (auto id = req.header("x-request-id"); id && is_sane_request_id(*id)) {
    req.request_id = std::string(*id);
  } else {
    req.request_id = generate_request_id();
  }
  bool keep_alive = h.keep_alive();
  const bool has_body = hp.chunked() || (hp.content_length() && *hp.content_length() > 0);

  const std::string_view target(req.target);
  if (target.empty() || target.front() != '/') {
    Response res = Response::error(Errc::invalid_argument, "the request target must be a path");
    co_return co_await early(req, res, has_body, keep_alive);
  }
  const std::size_t q = target.find('?');
  const std::string_view raw_path = target.substr(0, q);
  auto path = percent_decode(raw_path);
  if (!path) {
    Response res = Response::error(path.error());
    co_return co_await early(req, res, has_body, keep_alive);
  }
  req.path = std::move(*path);
  if (q != std::string_view::npos) {
    auto query = parse_query(target.substr(q + 1));
    if (!query) {
      Response res = Response::error(query.error());
      co_return co_await early(req, res, has_body, keep_alive);
    }
    req.query = std::move(*query);
  }

  auto match = srv_.router.match(req.method, raw_path);
  if (!match) {
    Response res = std::move(match.error());
    co_return co_await early(req, res, has_body, keep_alive);
  }
  const Route& route = *match->route;
  req.params = std::move(match->params);

  if (route.options.upload) {
    const bool ok = co_await read_upload(hp, req, route.options);
    if (!ok) co_return false;
  } else if (has_body) {
    const bool ok = co_await read_json_body(hp, req, route.options);
    if (!ok) co_return false;
  }

  Response res;
  if (route.options.run_inline) {
    res = invoke(route, req);
  } else {
    auto work = [this, &route, &req] { return invoke(route, req); };
    auto busy = [] { return Response::error(Errc::unavailable, "server busy"); };
    res = co_await srv_.run_blocking<Response>(work, busy);
    if (req.upload && !req.upload->temp_path.empty()) {
      // The handler was refused before it could run; its temp file must not stay behind.
      ::unlink(req.upload->temp_path.c_str());
    }
  }

  if (res.stream) {
    co_await serve_events(req, res);
    co_return false;
  }
  co_return co_await send(req, res, keep_alive);
}

// Anything answered before the body is read must close the connection when a body follows:
// its unread bytes would otherwise be parsed as the next request.
asio::awaitable<bool> Session::early(const Request& req, const Response& res, bool has_body,
                                     bool keep_alive) {
  if (has_body) {
    co_await send_fatal(req, res, true);
    co_return false;
  }
  co_return co_await send(req, res, keep_alive);
}

Response Session::invoke(const Route& route, Request& req) {
  log::Scope scope("request_id", req.request_id);
  Response res;
  try {
    res = route.handler(req);
  } catch (const std::exception& e) {
    log::error("handler threw",
               {{"route", route.pattern}, {"method", req.method}, {"error", e.what()}});
    res = Response::error(Errc::internal, "internal error");
  } catch (...) {
    log::error("handler threw", {{"route", route.pattern}, {"method", req.method}});
    res = Response::error(Errc::internal, "internal error");
  }
  if (req.upload && !req.upload->temp_path.empty()) {
    // The handler may have moved the file away; ENOENT is the expected outcome then.
    ::unlink(req.upload->temp_path.c_str());
    req.upload->temp_path.clear();
  }
  return res;
}

asio::awaitable<bool> Session::send_continue_if_expected(const Request& req) {
  auto expect = req.header("expect");
  if (!expect || http10_ || !iequals(*expect, "100-continue")) co_return true;
  co_return co_await write_raw("HTTP/1.1 100 Continue\r\n\r\n");
}

asio::awaitable<bool> Session::read_json_body(HeaderParser& hp, Request& req,
                                              const RouteOptions& ro) {
  const Response too_large = Response::error(
      Errc::too_large, "the request body is larger than " + format_size(ro.max_body));
  if (hp.content_length() && *hp.content_length() > ro.max_body) {
    co_await send_fatal(req, too_large, true);
    co_return false;
  }
  bhttp::request_parser<bhttp::string_body> bp(std::move(hp));
  bp.body_limit(ro.max_body);
  const bool continued = co_await send_continue_if_expected(req);
  if (!continued) co_return false;
  stream_.expires_after(srv_.opt.body_timeout);
  beast::error_code ec;
  co_await bhttp::async_read(stream_, buffer_, bp, asio::redirect_error(asio::use_awaitable, ec));
  if (ec) {
    if (const auto failure = body_failure(ec, too_large)) {
      co_await send_fatal(req, failure->response, failure->linger);
    }
    co_return false;
  }
  req.body = std::move(bp.get().body());
  co_return true;
}

asio::awaitable<bool> Session::read_upload(HeaderParser& hp, Request& req, const RouteOptions& ro) {
  const bool has_body = hp.chunked() || (hp.content_length() && *hp.content_length() > 0);
  const auto boundary = boundary_from_content_type(req.header("content-type").value_or(""));
  if (!boundary) {
    Response res =
        Response::error(Errc::unsupported_media_type,
                        "expected multipart/form-data with a '" + ro.file_field + "' field");
    if (has_body) {
      co_await send_fatal(req, res, true);
    } else {
      co_await send(req, res, false);
    }
    co_return false;
  }
  if (!has_body) {
    const Response res =
        Response::error(Errc::invalid_argument, "the form has no '" + ro.file_field + "' field");
    co_await send(req, res, false);
    co_return false;
  }
  const Response file_too_large =
      Response::error(Errc::too_large, "the file is larger than " + format_size(ro.max_file_bytes));
  // Room for the other fields, part headers and boundaries on top of the file itself.
  const std::uint64_t body_limit =
      ro.max_file_bytes + srv_.opt.max_form_fields * srv_.opt.max_form_field_bytes + 64 * 1024;
  if (hp.content_length() && *hp.content_length() > body_limit) {
    co_await send_fatal(req, file_too_large, true);
    co_return false;
  }

  bhttp::request_parser<bhttp::buffer_body> bp(std::move(hp));
  bp.body_limit(body_limit);
  if (!upload_buffer_) upload_buffer_ = std::make_unique<char[]>(kUploadBufferBytes);
  UploadSink sink(srv_.opt, ro);
  MultipartParser parser(*boundary, sink);
  const bool continued = co_await send_continue_if_expected(req);
  if (!continued) co_return false;

  while (!bp.is_done()) {
    bp.get().body().data = upload_buffer_.get();
    bp.get().body().size = kUploadBufferBytes;
    stream_.expires_after(srv_.opt.body_timeout);
    beast::error_code ec;
    co_await bhttp::async_read(stream_, buffer_, bp, asio::redirect_error(asio::use_awaitable, ec));
    if (ec == bhttp::error::need_buffer) ec = {};
    if (ec) {
      sink.discard();
      if (const auto failure = body_failure(ec, file_too_large)) {
        co_await send_fatal(req, failure->response, failure->linger);
      }
      co_return false;
    }
    const std::size_t got = kUploadBufferBytes - bp.get().body().size;
    if (auto s = parser.feed(std::string_view(upload_buffer_.get(), got)); !s) {
      sink.discard();
      const Response res = Response::error(s.error());
      co_await send_fatal(req, res, true);
      co_return false;
    }
  }
  Status done = parser.finish();
  Result<Upload> upload = done ? sink.take() : std::unexpected(done.error());
  if (!upload) {
    sink.discard();
    // A rejected form ends the connection: rare, and it keeps this path simple.
    const Response res = Response::error(upload.error());
    co_await send(req, res, false);
    co_return false;
  }
  req.upload = std::move(*upload);
  co_return true;
}

asio::awaitable<bool> Session::write_raw(std::string_view data) {
  stream_.expires_after(srv_.opt.body_timeout);
  beast::error_code ec;
  co_await asio::async_write(stream_, asio::buffer(data.data(), data.size()),
                             asio::redirect_error(asio::use_awaitable, ec));
  co_return !ec;
}

asio::awaitable<bool> Session::send(const Request& req, const Response& res, bool keep_alive) {
  keep_alive = keep_alive && !stopping_;
  const bool bodiless =
      res.status == 204 || res.status == 304 || (res.status >= 100 && res.status < 200);
  std::string& h = head_;
  h.clear();
  h += "HTTP/1.1 ";
  h += std::to_string(res.status);
  h.push_back(' ');
  h += reason_phrase(res.status);
  h += "\r\nServer: tailor\r\nDate: ";
  h += http_date();
  h += "\r\nX-Request-Id: ";
  h += req.request_id;
  h += "\r\n";
  bool has_cache_control = false;
  for (const auto& [k, v] : res.headers) {
    if (has_crlf(k) || has_crlf(v) || k.empty()) {
      log::warn("dropped a response header with CR/LF", {{"request_id", req.request_id}});
      continue;
    }
    if (iequals(k, "content-length") || iequals(k, "transfer-encoding") || iequals(k, "connection"))
      continue;
    if (iequals(k, "cache-control")) has_cache_control = true;
    h += k;
    h += ": ";
    h += v;
    h += "\r\n";
  }
  if (!bodiless) {
    if (!res.content_type.empty() && !has_crlf(res.content_type)) {
      h += "Content-Type: ";
      h += res.content_type;
      h += "\r\n";
    }
    h += "Content-Length: ";
    h += std::to_string(res.body.size());
    h += "\r\n";
  }
  if (!has_cache_control && is_json(res.content_type)) h += "Cache-Control: no-store\r\n";
  if (!keep_alive) {
    h += "Connection: close\r\n";
  } else if (http10_) {
    h += "Connection: keep-alive\r\n";
  }
  h += "\r\n";

  std::array<asio::const_buffer, 2> buffers{asio::buffer(h), asio::buffer(res.body)};
  if (bodiless) buffers[1] = asio::const_buffer();
  stream_.expires_after(srv_.opt.body_timeout);
  beast::error_code ec;
  co_await asio::async_write(stream_, buffers, asio::redirect_error(asio::use_awaitable, ec));
  access_log(req, res.status);
  co_return keep_alive && !ec;
}

asio::awaitable<void> Session::send_fatal(const Request& req, const Response& res, bool linger) {
  const bool sent = co_await send(req, res, false);
  if (sent && linger) co_await linger_close();
}

// After an early error the client may still be sending its body; closing with unread data makes
// the kernel send RST, and the client may lose our response. Half-close, then drain briefly.
asio::awaitable<void> Session::linger_close() {
  beast::error_code ec;
  stream_.socket().shutdown(tcp::socket::shutdown_send, ec);
  if (ec) co_return;
  buffer_.clear();
  const auto deadline = Clock::now() + kLingerTime;
  char scratch[16 * 1024];
  while (Clock::now() < deadline) {
    stream_.expires_at(deadline);
    co_await stream_.async_read_some(asio::buffer(scratch),
                                     asio::redirect_error(asio::use_awaitable, ec));
    if (ec) break;
  }
}

void Session::access_log(const Request& req, int status) {
  if (!srv_.opt.access_log) return;
  const auto us =
      std::chrono::duration_cast<std::chrono::microseconds>(Clock::now() - started_).count();
  log::info("http request", {{"method", req.method},
                             {"path", req.path},
                             {"status", status},
                             {"duration_us", static_cast<std::int64_t>(us)},
                             {"request_id", req.request_id}});
}

asio::awaitable<void> Session::watch_peer(std::shared_ptr<Session> self) {
  (void)self;
  // An event stream only writes; reading is how we learn the client went away between events.
  char scratch[512];
  beast::error_code ec;
  while (!ec) {
    co_await stream_.socket().async_read_some(asio::buffer(scratch),
                                              asio::redirect_error(asio::use_awaitable, ec));
  }
  peer_closed_ = true;
  timer_.cancel();
}

asio::awaitable<void> Session::serve_events(const Request& req, Response& res) {
  EventStream es = std::move(*res.stream);
  std::string& h = head_;
  h.clear();
  h += "HTTP/1.1 200 OK\r\nServer: tailor\r\nDate: ";
  h += http_date();
  h += "\r\nX-Request-Id: ";
  h += req.request_id;
  h += "\r\nContent-Type: text/event-stream; charset=utf-8\r\nCache-Control: no-cache\r\n"
       "X-Accel-Buffering: no\r\n";
  // Chunked framing marks a clean end of stream; HTTP/1.0 has none, so there the close ends it.
  const bool chunked = !http10_;
  h += chunked ? "Connection: keep-alive\r\nTransfer-Encoding: chunked\r\n"
               : "Connection: close\r\n";
  for (const auto& [k, v] : res.headers) {
    if (has_crlf(k) || has_crlf(v) || k.empty() || iequals(k, "content-length") ||
        iequals(k, "transfer-encoding") || iequals(k, "connection") ||
        iequals(k, "cache-control")) {
      continue;
    }
    h += k;
    h += ": ";
    h += v;
    h += "\r\n";
  }
  h += "\r\n";
  // Pipelined bytes cannot be served after a stream; the stream ends the connection.
  const bool head_sent = co_await write_raw(h);
  if (!head_sent) co_return;
  access_log(req, 200);

  phase_ = Phase::sse;
  auto self = shared_from_this();
  if (!es.topic.empty()) srv_.add_waiter(es.topic, self);
  asio::co_spawn(executor(), watch_peer(self),
                 [](std::exception_ptr e) { log_exception(e, "sse watch"); });

  std::string last_id(req.header("last-event-id").value_or("").substr(0, 256));
  std::string events;
  std::string chunk;
  bool clean_end = true;
  while (!stopping_ && !peer_closed_) {
    notified_ = false;
    auto poll = [&es, &last_id]() -> Result<EventBatch> {
      try {
        return es.poll(last_id);
      } catch (const std::exception& e) {
        log::error("event stream poll threw", {{"error", e.what()}});
      } catch (...) {
        log::error("event stream poll threw");
      }
      return tailor::fail(Errc::internal, "internal error");
    };
    auto busy = []() -> Result<EventBatch> {
      return tailor::fail(Errc::unavailable, "server busy");
    };
    auto batch = co_await srv_.run_blocking<Result<EventBatch>>(poll, busy);
    if (stopping_ || peer_closed_) break;
    events.clear();
    if (!batch) {
      json::Writer w;
      w.object_begin().key("error").object_begin();
      w.field("code", tailor::code_name(batch.error().code))
          .field("message", batch.error().message);
      w.object_end().object_end();
      append_event(events, SseEvent{"", "error", std::move(w).str()});
    } else {
      for (const SseEvent& ev : batch->events) {
        append_event(events, ev);
        if (!ev.id.empty()) last_id = ev.id;
      }
    }
    if (!events.empty()) {
      if (chunked) {
        frame_chunk(chunk, events);
      } else {
        chunk.swap(events);
      }
      const bool written = co_await write_raw(chunk);
      if (!written) {
        clean_end = false;
        break;
      }
    }
    if (!batch || batch->end) break;
    if (notified_) continue;
    timer_.expires_after(srv_.opt.sse_keepalive);
    beast::error_code ec;
    co_await timer_.async_wait(asio::redirect_error(asio::use_awaitable, ec));
    if (stopping_ || peer_closed_) break;
    if (!ec) {
      if (chunked) {
        frame_chunk(chunk, ": keepalive\n\n");
      } else {
        chunk.assign(": keepalive\n\n");
      }
      const bool written = co_await write_raw(chunk);
      if (!written) {
        clean_end = false;
        break;
      }
    }
  }
  if (!es.topic.empty()) srv_.remove_waiter(es.topic, this);
  if (chunked && clean_end && !peer_closed_) {
    co_await write_raw("0\r\n\r\n");
  }
  close();
}

// ---------------------------------------------------------------------------------------------
// Server::Impl

Server::Impl::Impl(ServerOptions o, const Router& r)
    : opt(std::move(o)),
      router(r),
      strand(asio::make_strand(ioc)),
      acceptor(strand),
      pool(opt.blocking_threads, opt.blocking_queue_limit) {
  std::error_code fs_ec;
  std::filesystem::create_directories(opt.spool_dir, fs_ec);
  if (fs_ec || !std::filesystem::is_directory(opt.spool_dir)) {
    throw std::runtime_error("cannot create the upload spool dir " + opt.spool_dir + ": " +
                             fs_ec.message());
  }
  beast::error_code ec;
  const auto address = asio::ip::make_address(opt.host, ec);
  if (ec) throw std::runtime_error("bad HTTP host " + opt.host + ": " + ec.message());
  const tcp::endpoint endpoint(address, static_cast<unsigned short>(opt.port));
  acceptor.open(endpoint.protocol());
  acceptor.set_option(asio::socket_base::reuse_address(true));
  acceptor.bind(endpoint, ec);
  if (ec)
    throw std::runtime_error("cannot bind " + opt.host + ":" + std::to_string(opt.port) + ": " +
                             ec.message());
  acceptor.listen(asio::socket_base::max_listen_connections);
  bound_port = acceptor.local_endpoint().port();
}

Server::Impl::~Impl() {
  // Finish pool work while the io_context its completions post to still exists, then drop the
  // sessions still parked as waiters (only left when stop was forced).
  pool.shutdown();
  std::lock_guard lock(topics_mu);
  waiters.clear();
}

void Server::Impl::add_session(const std::shared_ptr<Session>& s) {
  std::lock_guard lock(sessions_mu);
  sessions.emplace(s.get(), s);
}

void Server::Impl::remove_session(Session* s) {
  std::lock_guard lock(sessions_mu);
  sessions.erase(s);
}

std::vector<std::shared_ptr<Session>> Server::Impl::live_sessions() {
  std::vector<std::shared_ptr<Session>> out;
  std::lock_guard lock(sessions_mu);
  out.reserve(sessions.size());
  for (auto& [ptr, weak] : sessions) {
    if (auto s = weak.lock()) out.push_back(std::move(s));
  }
  return out;
}

void Server::Impl::add_waiter(const std::string& topic, std::shared_ptr<Session> s) {
  std::lock_guard lock(topics_mu);
  waiters.emplace(topic, std::move(s));
}

void Server::Impl::remove_waiter(const std::string& topic, Session* s) {
  std::shared_ptr<Session> removed;  // released outside the lock
  std::lock_guard lock(topics_mu);
  auto [first, last] = waiters.equal_range(topic);
  for (auto it = first; it != last; ++it) {
    if (it->second.get() == s) {
      removed = std::move(it->second);
      waiters.erase(it);
      break;
    }
  }
}

asio::awaitable<void> Server::Impl::accept_loop() {
  asio::steady_timer backoff(strand);
  for (;;) {
    tcp::socket socket(asio::make_strand(ioc));
    beast::error_code ec;
    co_await acceptor.async_accept(socket, asio::redirect_error(asio::use_awaitable, ec));
    if (stopping.load()) co_return;
    if (ec) {
      if (ec == asio::error::operation_aborted) co_return;
      // EMFILE and friends: back off instead of spinning on a full descriptor table.
      log::warn("accept failed", {{"error", ec.message()}});
      backoff.expires_after(std::chrono::milliseconds(50));
      co_await backoff.async_wait(asio::redirect_error(asio::use_awaitable, ec));
      continue;
    }
    socket.set_option(tcp::no_delay(true), ec);
    auto session = std::make_shared<Session>(*this, std::move(socket));
    add_session(session);
    asio::co_spawn(session->executor(), session->run(session),
                   [](std::exception_ptr e) { log_exception(e, "session"); });
  }
}

void Server::Impl::begin_stop() {
  if (stop_begun) return;
  stop_begun = true;
  stopping = true;
  beast::error_code ec;
  acceptor.close(ec);
  if (signals) signals->cancel(ec);
  for (auto& s : live_sessions()) {
    asio::post(s->executor(), [s] { s->on_stop(); });
  }
  asio::co_spawn(strand, drain(), [](std::exception_ptr e) { log_exception(e, "shutdown"); });
}

asio::awaitable<bool> Server::Impl::wait_sessions_gone(Clock::time_point deadline) {
  asio::steady_timer tick(strand);
  while (Clock::now() < deadline) {
    {
      std::lock_guard lock(sessions_mu);
      if (sessions.empty()) co_return true;
    }
    tick.expires_after(std::chrono::milliseconds(20));
    beast::error_code ec;
    co_await tick.async_wait(asio::redirect_error(asio::use_awaitable, ec));
  }
  co_return false;
}

asio::awaitable<void> Server::Impl::drain() {
  const bool drained = co_await wait_sessions_gone(Clock::now() + opt.shutdown_grace);
  if (drained) co_return;
  auto left = live_sessions();
  log::warn("shutdown grace elapsed; closing connections", {{"connections", left.size()}});
  for (auto& s : left) {
    asio::post(s->executor(), [s] { s->force_close(); });
  }
  left.clear();
  const bool closed = co_await wait_sessions_gone(Clock::now() + std::chrono::seconds(1));
  if (closed) co_return;
  // Only a handler stuck on the pool can get here; abandon it rather than hang the process.
  log::error("shutdown: requests still running after the grace period; stopping anyway");
  ioc.stop();
}

// ---------------------------------------------------------------------------------------------
// Server

Server::Server(ServerOptions options, const Router& router)
    : impl_(std::make_unique<Impl>(std::move(options), router)) {}

Server::~Server() = default;

int Server::port() const {
  return impl_->bound_port;
}

void Server::run() {
  Impl& s = *impl_;
  if (s.opt.handle_signals) {
    s.signals.emplace(s.strand, SIGINT, SIGTERM);
    s.signals->async_wait([&s](const beast::error_code& ec, int signal) {
      if (ec) return;
      log::info("signal received; shutting down", {{"signal", signal}});
      s.begin_stop();
    });
  }
  asio::co_spawn(s.strand, s.accept_loop(),
                 [](std::exception_ptr e) { log_exception(e, "accept"); });
  std::vector<std::thread> threads;
  const int n = std::max(s.opt.io_threads, 1);
  threads.reserve(static_cast<std::size_t>(n - 1));
  for (int i = 1; i < n; ++i) threads.emplace_back([&s] { s.ioc.run(); });
  s.ioc.run();
  for (auto& t : threads) t.join();
}

void Server::stop() {
  Impl* s = impl_.get();
  asio::post(s->strand, [s] { s->begin_stop(); });
}

void Server::notify(std::string_view topic) {
  Impl& s = *impl_;
  std::lock_guard lock(s.topics_mu);
  auto [first, last] = s.waiters.equal_range(std::string(topic));
  for (auto it = first; it != last; ++it) {
    std::shared_ptr<Session> session = it->second;
    asio::post(session->executor(), [session] { session->wake(); });
  }
}

}  // namespace tailor::http
