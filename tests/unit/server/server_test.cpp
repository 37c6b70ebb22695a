// The server end to end over loopback: a real Server on port 0 in a background thread, libcurl
// as the client.
#include <curl/curl.h>
#include <doctest/doctest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <random>
#include <sstream>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "api/server/router.hpp"
#include "api/server/server.hpp"
#include "common/json/value.hpp"

using namespace std::chrono_literals;
using tailor::Errc;
using tailor::http::EventBatch;
using tailor::http::EventStream;
using tailor::http::Request;
using tailor::http::Response;
using tailor::http::Router;
using tailor::http::Server;
using tailor::http::ServerOptions;
using tailor::http::SseEvent;

namespace {

struct CurlGlobal {
  CurlGlobal() { curl_global_init(CURL_GLOBAL_DEFAULT); }
  ~CurlGlobal() { curl_global_cleanup(); }
} g_curl;

std::string make_spool_dir() {
  std::string tmpl =
      (std::filesystem::temp_directory_path() / "tailor-server-test-XXXXXX").string();
  if (!::mkdtemp(tmpl.data())) throw std::runtime_error("mkdtemp failed");
  return tmpl;
}

std::size_t files_in(const std::string& dir) {
  std::size_t n = 0;
  for ([[maybe_unused]] const auto& e : std::filesystem::directory_iterator(dir)) ++n;
  return n;
}

ServerOptions test_options(const std::string& spool) {
  ServerOptions o;
  o.host = "127.0.0.1";
  o.port = 0;
  o.io_threads = 2;
  o.blocking_threads = 2;
  o.spool_dir = spool;
  o.sse_keepalive = 10s;
  o.shutdown_grace = 5s;
  o.handle_signals = false;
  return o;
}

// A server on its own thread for the duration of a test.
class TestServer {
 public:
  explicit TestServer(Router router, std::function<void(ServerOptions&)> tweak = {})
      : spool_(make_spool_dir()), router_(std::move(router)) {
    ServerOptions o = test_options(spool_);
    if (tweak) tweak(o);
    server_ = std::make_unique<Server>(o, router_);
    thread_ = std::thread([this] { server_->run(); });
  }
  ~TestServer() {
    server_->stop();
    thread_.join();
    server_.reset();
    std::filesystem::remove_all(spool_);
  }
  Server& server() { return *server_; }
  int port() const { return server_->port(); }
  const std::string& spool() const { return spool_; }
  std::string url(std::string_view path) const {
    return "http://127.0.0.1:" + std::to_string(port()) + std::string(path);
  }
  void stop_and_join() {
    server_->stop();
    thread_.join();
    thread_ = std::thread([] {});
  }

 private:
  std::string spool_;
  Router router_;
  std::unique_ptr<Server> server_;
  std::thread thread_;
};

struct Call {
  std::string method = "GET";
  std::string path = "/";
  std::optional<std::string> body = {};
  std::vector<std::string> headers = {};
  bool chunked = false;  // send `body` with Transfer-Encoding: chunked
  long timeout_ms = 15000;
  // Streaming receive: return false to hang up.
  std::function<bool(std::string_view)> on_data = {};
};

struct Reply {
  CURLcode code = CURLE_OK;
  long status = 0;
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;  // names lower-cased
  long connects = 0;

  std::optional<std::string> header(std::string_view name) const {
    for (const auto& [k, v] : headers) {
      if (k == name) return v;
    }
    return std::nullopt;
  }
  tailor::json::Value json() const {
    auto v = tailor::json::parse(body);
    REQUIRE_MESSAGE(v, "not JSON: " << body);
    return *v;
  }
  std::string error_code() const {
    return std::string(json().find("error")->string_at("code").value_or(""));
  }
  std::string error_message() const {
    return std::string(json().find("error")->string_at("message").value_or(""));
  }
};

struct CurlState {
  Reply* reply;
  const Call* call;
  std::string_view upload;
  std::size_t sent = 0;
};

std::size_t on_write(char* p, std::size_t size, std::size_t n, void* ud) {
  auto* st = static_cast<CurlState*>(ud);
  const std::string_view chunk(p, size * n);
  st->reply->body.append(chunk);
  if (st->call->on_data && !st->call->on_data(chunk)) return 0;
  return size * n;
}

std::size_t on_header(char* p, std::size_t size, std::size_t n, void* ud) {
  auto* st = static_cast<CurlState*>(ud);
  std::string_view line(p, size * n);
  if (line.starts_with("HTTP/")) st->reply->headers.clear();  // a 100 Continue came first
  const auto colon = line.find(':');
  if (colon != std::string_view::npos) {
    std::string name(line.substr(0, colon));
    for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    std::string_view value = line.substr(colon + 1);
    while (!value.empty() && (value.front() == ' ')) value.remove_prefix(1);
    while (!value.empty() && (value.back() == '\r' || value.back() == '\n')) value.remove_suffix(1);
    st->reply->headers.emplace_back(std::move(name), std::string(value));
  }
  return size * n;
}

std::size_t on_read(char* p, std::size_t size, std::size_t n, void* ud) {
  auto* st = static_cast<CurlState*>(ud);
  const std::size_t k = std::min(size * n, st->upload.size() - st->sent);
  std::memcpy(p, st->upload.data() + st->sent, k);
  st->sent += k;
  return k;
}

// Performs one request; pass the same CURL* to reuse its connection.
Reply perform(const TestServer& srv, const Call& call, CURL* reuse = nullptr) {
  CURL* h = reuse ? reuse : curl_easy_init();
  Reply reply;
  CurlState st{&reply, &call, call.body ? std::string_view(*call.body) : std::string_view{}, 0};
  curl_easy_setopt(h, CURLOPT_URL, srv.url(call.path).c_str());
  curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, call.timeout_ms);
  curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, on_write);
  curl_easy_setopt(h, CURLOPT_WRITEDATA, &st);
  curl_easy_setopt(h, CURLOPT_HEADERFUNCTION, on_header);
  curl_easy_setopt(h, CURLOPT_HEADERDATA, &st);
  curl_slist* headers = nullptr;
  for (const auto& hd : call.headers) headers = curl_slist_append(headers, hd.c_str());
  if (call.body) {
    curl_easy_setopt(h, CURLOPT_POST, 1L);
    if (call.chunked) {
      curl_easy_setopt(h, CURLOPT_POSTFIELDS, nullptr);
      curl_easy_setopt(h, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(-1));
      headers = curl_slist_append(headers, "Transfer-Encoding: chunked");
      curl_easy_setopt(h, CURLOPT_READFUNCTION, on_read);
      curl_easy_setopt(h, CURLOPT_READDATA, &st);
    } else {
      curl_easy_setopt(h, CURLOPT_POSTFIELDS, call.body->data());
      curl_easy_setopt(h, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(call.body->size()));
    }
  } else {
    curl_easy_setopt(h, CURLOPT_HTTPGET, 1L);
  }
  if (call.method != "GET" && call.method != "POST") {
    curl_easy_setopt(h, CURLOPT_CUSTOMREQUEST, call.method.c_str());
  } else {
    curl_easy_setopt(h, CURLOPT_CUSTOMREQUEST, nullptr);
  }
  curl_easy_setopt(h, CURLOPT_HTTPHEADER, headers);
  reply.code = curl_easy_perform(h);
  curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &reply.status);
  curl_easy_getinfo(h, CURLINFO_NUM_CONNECTS, &reply.connects);
  curl_easy_setopt(h, CURLOPT_HTTPHEADER, nullptr);
  curl_slist_free_all(headers);
  if (!reuse) curl_easy_cleanup(h);
  return reply;
}

std::string random_bytes(std::size_t n, unsigned seed) {
  std::mt19937_64 rng(seed);
  std::string s(n, '\0');
  for (auto& c : s) c = static_cast<char>(rng());
  return s;
}

const std::string kBoundary = "XyZzyTailorBoundary42";

std::string form_body(const std::string& file, bool with_file = true,
                      const std::string& field = "file") {
  std::string b;
  b += "--" + kBoundary +
       "\r\nContent-Disposition: form-data; name=\"job_title\"\r\n\r\nSenior C++ engineer\r\n";
  if (with_file) {
    b += "--" + kBoundary + "\r\nContent-Disposition: form-data; name=\"" + field +
         "\"; filename=\"cv.pdf\"\r\nContent-Type: application/pdf\r\n\r\n";
    b += file;
    b += "\r\n";
  }
  b += "--" + kBoundary + "--\r\n";
  return b;
}

const std::string kFormType = "Content-Type: multipart/form-data; boundary=" + kBoundary;

// Counts down from other threads; wait() with a generous bound.
class Latch {
 public:
  void open() {
    std::lock_guard l(mu_);
    open_ = true;
    cv_.notify_all();
  }
  bool wait(std::chrono::milliseconds d = 10s) {
    std::unique_lock l(mu_);
    return cv_.wait_for(l, d, [this] { return open_; });
  }

 private:
  std::mutex mu_;
  std::condition_variable cv_;
  bool open_ = false;
};

std::string echo_json(const Request& r) {
  std::string out = R"({"method":")" + r.method + R"(","path":")" + r.path + R"(","body_size":)" +
                    std::to_string(r.body.size()) + R"(,"id":")" + r.param("id") + R"(","q":")" +
                    std::string(r.query_param("q").value_or("")) + "\"}";
  return out;
}

}  // namespace

TEST_CASE("server: JSON route echo, params, query, keep-alive and standard headers") {
  Router router;
  router.add("POST", "/v1/echo/{id}", [](Request& r) {
    Response res = Response::json(201, echo_json(r));
    res.headers.emplace_back("X-Body", r.body);
    return res;
  });
  router.add("GET", "/v1/empty", [](Request&) { return Response::no_content(); });
  TestServer srv(std::move(router));

  CURL* h = curl_easy_init();
  Call c{.method = "POST", .path = "/v1/echo/a%20b?q=x%2By&z", .body = "hello"};
  Reply r = perform(srv, c, h);
  REQUIRE(r.code == CURLE_OK);
  CHECK(r.status == 201);
  auto v = r.json();
  CHECK(v.string_at("path") == "/v1/echo/a b");
  CHECK(v.string_at("id") == "a b");
  CHECK(v.string_at("q") == "x+y");
  CHECK(v.int_at("body_size") == 5);
  CHECK(r.header("x-body") == "hello");
  CHECK(r.header("content-type") == "application/json");
  CHECK(r.header("cache-control") == "no-store");
  CHECK(r.header("content-length") == std::to_string(r.body.size()));
  CHECK(r.header("server") == "tailor");
  REQUIRE(r.header("x-request-id"));
  CHECK(r.header("x-request-id")->size() == 32);
  CHECK(r.header("date"));

  // The same connection serves the next request.
  Reply r2 = perform(srv, Call{.path = "/v1/empty"}, h);
  CHECK(r2.status == 204);
  CHECK(r2.body.empty());
  CHECK(!r2.header("content-length"));
  CHECK(r2.connects == 0);

  Reply r3 = perform(
      srv,
      Call{.method = "POST", .path = "/v1/echo/7", .body = std::string(3000, 'x'), .chunked = true},
      h);
  CHECK(r3.status == 201);
  CHECK(r3.json().int_at("body_size") == 3000);
  CHECK(r3.connects == 0);
  curl_easy_cleanup(h);
}

TEST_CASE("server: 404 and 405 as JSON") {
  Router router;
  router.add("GET", "/v1/jobs/{id}", [](Request&) { return Response::json(200, "{}"); });
  TestServer srv(std::move(router));
  Reply r = perform(srv, Call{.path = "/nope"});
  CHECK(r.status == 404);
  CHECK(r.error_code() == "not_found");
  CHECK(r.error_message() == "no route for GET /nope");
  r = perform(srv, Call{.method = "DELETE", .path = "/v1/jobs/3"});
  CHECK(r.status == 405);
  CHECK(r.header("allow") == "GET");
  // A rejected request with a body still gets its answer.
  r = perform(srv, Call{.method = "POST", .path = "/nope", .body = std::string(100000, 'a')});
  CHECK(r.code == CURLE_OK);
  CHECK(r.status == 404);
}

TEST_CASE("server: X-Request-Id is echoed when sane, replaced when not") {
  Router router;
  std::string seen;
  router.add("GET", "/id", [&seen](Request& r) {
    seen = r.request_id;
    return Response::json(200, "{}");
  });
  TestServer srv(std::move(router));
  Reply r = perform(srv, Call{.path = "/id", .headers = {"X-Request-Id: abc-123_XYZ"}});
  CHECK(r.header("x-request-id") == "abc-123_XYZ");
  CHECK(seen == "abc-123_XYZ");
  r = perform(srv, Call{.path = "/id", .headers = {"X-Request-Id: bad id; <script>"}});
  REQUIRE(r.header("x-request-id"));
  CHECK(r.header("x-request-id")->size() == 32);
  CHECK(seen == *r.header("x-request-id"));
}

TEST_CASE("server: body over the route's limit is 413 (Content-Length and chunked)") {
  Router router;
  std::atomic<int> calls{0};
  router.add("POST", "/small",
             [&calls](Request&) {
               ++calls;
               return Response::json(200, "{}");
             },
             {.max_body = 1024});
  TestServer srv(std::move(router));

  Reply r = perform(srv, Call{.method = "POST", .path = "/small", .body = std::string(1024, 'a')});
  CHECK(r.status == 200);
  r = perform(srv, Call{.method = "POST", .path = "/small", .body = std::string(1025, 'a')});
  CHECK(r.status == 413);
  CHECK(r.error_code() == "too_large");
  CHECK(r.error_message() == "the request body is larger than 1 KB");
  CHECK(r.header("connection") == "close");
  r = perform(
      srv,
      Call{.method = "POST", .path = "/small", .body = std::string(5000, 'a'), .chunked = true});
  CHECK(r.status == 413);
  CHECK(r.error_code() == "too_large");
  // A large body is refused before it is read: the client is not made to wait for it all.
  r = perform(srv, Call{.method = "POST", .path = "/small", .body = std::string(8 << 20, 'a')});
  CHECK(r.code == CURLE_OK);
  CHECK(r.status == 413);
  CHECK(calls == 1);
}

TEST_CASE("server: huge header is 431") {
  Router router;
  router.add("GET", "/x", [](Request&) { return Response::json(200, "{}"); });
  TestServer srv(std::move(router));
  Reply r = perform(srv, Call{.path = "/x", .headers = {"X-Big: " + std::string(20000, 'a')}});
  CHECK(r.status == 431);
  CHECK(r.error_code() == "too_large");
  r = perform(srv, Call{.path = "/x", .headers = {"X-Big: " + std::string(8000, 'a')}});
  CHECK(r.status == 200);
}

namespace {
// Sends raw bytes (curl will not send garbage or pipeline) and reads until the server closes.
std::string raw_exchange(const TestServer& srv, const std::string& bytes) {
  CURL* h = curl_easy_init();
  curl_easy_setopt(h, CURLOPT_URL, srv.url("/").c_str());
  curl_easy_setopt(h, CURLOPT_CONNECT_ONLY, 1L);
  std::string got;
  if (curl_easy_perform(h) == CURLE_OK) {
    std::size_t sent = 0;
    curl_easy_send(h, bytes.data(), bytes.size(), &sent);
    const auto deadline = std::chrono::steady_clock::now() + 5s;
    while (std::chrono::steady_clock::now() < deadline) {
      char buf[4096];
      std::size_t n = 0;
      const CURLcode rc = curl_easy_recv(h, buf, sizeof buf, &n);
      if (rc == CURLE_AGAIN) {
        std::this_thread::sleep_for(5ms);
        continue;
      }
      if (rc != CURLE_OK || n == 0) break;
      got.append(buf, n);
    }
  }
  curl_easy_cleanup(h);
  return got;
}
}  // namespace

TEST_CASE("server: malformed HTTP is 400 and the connection closes") {
  Router router;
  router.add("GET", "/x", [](Request&) { return Response::json(200, "{}"); });
  TestServer srv(std::move(router));
  const std::string got =
      raw_exchange(srv, "GET /x HTTP/1.1\r\nHost: a\r\nBad Header Line\r\n\r\n");
  CHECK(got.starts_with("HTTP/1.1 400 "));
  CHECK(got.find("Connection: close") != std::string::npos);
  CHECK(got.find("\"invalid_argument\"") != std::string::npos);
}

TEST_CASE("server: pipelined requests are answered in order") {
  Router router;
  router.add("POST", "/echo", [](Request& r) { return Response::json(200, r.body); });
  TestServer srv(std::move(router));
  const std::string got =
      raw_exchange(srv,
                   "POST /echo HTTP/1.1\r\nHost: a\r\nContent-Length: 7\r\n\r\n"
                   "{\"n\":1}"
                   "POST /echo HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n"
                   "7\r\n{\"n\":2}\r\n0\r\n\r\n"
                   "POST /echo HTTP/1.1\r\nHost: a\r\nContent-Length: 7\r\n"
                   "Connection: close\r\n\r\n{\"n\":3}");
  const auto first = got.find("{\"n\":1}");
  const auto second = got.find("{\"n\":2}");
  const auto third = got.find("{\"n\":3}");
  REQUIRE(first != std::string::npos);
  REQUIRE(second != std::string::npos);
  REQUIRE(third != std::string::npos);
  CHECK(first < second);
  CHECK(second < third);
}

TEST_CASE("server: SSE to an HTTP/1.0 client is close-delimited") {
  Router router;
  router.add("GET", "/events", [](Request&) {
    return Response::events(EventStream{[](const std::string&) -> tailor::Result<EventBatch> {
                                          return EventBatch{{SseEvent{"1", "done", "{}"}}, true};
                                        },
                                        ""});
  });
  TestServer srv(std::move(router));
  const std::string got = raw_exchange(srv, "GET /events HTTP/1.0\r\n\r\n");
  CHECK(got.starts_with("HTTP/1.1 200 OK\r\n"));
  CHECK(got.find("Transfer-Encoding") == std::string::npos);
  CHECK(got.ends_with("\r\n\r\nid: 1\nevent: done\ndata: {}\n\n"));
}

TEST_CASE("server: handler exception is a 500 JSON error") {
  Router router;
  router.add("GET", "/boom", [](Request&) -> Response { throw std::runtime_error("kaboom"); });
  TestServer srv(std::move(router));
  Reply r = perform(srv, Call{.path = "/boom"});
  CHECK(r.status == 500);
  CHECK(r.error_code() == "internal");
  CHECK(r.body.find("kaboom") == std::string::npos);  // internals stay in the log
}

TEST_CASE("server: upload streams a 3 MB file to disk intact") {
  const std::string file = random_bytes(3 * 1024 * 1024 + 17, 1);
  Router router;
  struct Seen {
    std::string filename, content_type, field, head, temp_path;
    std::uint64_t size = 0;
    bool same = false;
    unsigned mode = 0;
  } seen;
  router.add("POST", "/v1/resumes",
             [&](Request& r) {
               if (!r.upload) return Response::error(Errc::internal, "no upload");
               const auto& u = *r.upload;
               seen.filename = u.filename;
               seen.content_type = u.declared_content_type;
               seen.field = std::string(u.field("job_title").value_or(""));
               seen.head = u.head;
               seen.size = u.size;
               seen.temp_path = u.temp_path;
               std::ifstream in(u.temp_path, std::ios::binary);
               std::stringstream ss;
               ss << in.rdbuf();
               seen.same = ss.str() == file;
               struct stat st {};
               ::stat(u.temp_path.c_str(), &st);
               seen.mode = st.st_mode & 0777;
               return Response::json(202, R"({"ok":true})");
             },
             {.upload = true, .max_file_bytes = 10 * 1024 * 1024});
  TestServer srv(std::move(router));

  Reply r = perform(srv, Call{.method = "POST",
                              .path = "/v1/resumes",
                              .body = form_body(file),
                              .headers = {kFormType}});
  REQUIRE(r.code == CURLE_OK);
  CHECK(r.status == 202);
  CHECK(seen.same);
  CHECK(seen.size == file.size());
  CHECK(seen.filename == "cv.pdf");
  CHECK(seen.content_type == "application/pdf");
  CHECK(seen.field == "Senior C++ engineer");
  CHECK(seen.head == file.substr(0, 4096));
  CHECK(seen.mode == 0600);
  CHECK(seen.temp_path.starts_with(srv.spool()));
  CHECK(files_in(srv.spool()) == 0);  // removed after the handler

  // Chunked transfer-coding works the same.
  seen = {};
  r = perform(srv, Call{.method = "POST",
                        .path = "/v1/resumes",
                        .body = form_body(file),
                        .headers = {kFormType},
                        .chunked = true});
  CHECK(r.status == 202);
  CHECK(seen.same);

  // An empty file is passed through; the handler decides.
  seen = {};
  r = perform(
      srv,
      Call{.method = "POST", .path = "/v1/resumes", .body = form_body(""), .headers = {kFormType}});
  CHECK(r.status == 202);
  CHECK(seen.size == 0);
  CHECK(seen.head.empty());
}

TEST_CASE("server: upload rejections are JSON and leave no temp files") {
  Router router;
  std::atomic<int> calls{0};
  router.add("POST", "/v1/resumes",
             [&calls](Request&) {
               ++calls;
               return Response::json(202, "{}");
             },
             {.upload = true, .max_file_bytes = 1024 * 1024});
  TestServer srv(std::move(router));

  SUBCASE("file over the limit") {
    Reply r = perform(srv, Call{.method = "POST",
                                .path = "/v1/resumes",
                                .body = form_body(random_bytes(2 * 1024 * 1024, 2)),
                                .headers = {kFormType}});
    REQUIRE(r.code == CURLE_OK);
    CHECK(r.status == 413);
    CHECK(r.error_code() == "too_large");
    CHECK(r.error_message() == "the file is larger than 1 MB");
  }
  SUBCASE("body far over the limit is refused from its Content-Length") {
    Reply r = perform(srv, Call{.method = "POST",
                                .path = "/v1/resumes",
                                .body = form_body(random_bytes(9 * 1024 * 1024, 3)),
                                .headers = {kFormType}});
    REQUIRE(r.code == CURLE_OK);
    CHECK(r.status == 413);
    CHECK(r.error_message() == "the file is larger than 1 MB");
  }
  SUBCASE("chunked file over the limit") {
    Reply r = perform(srv, Call{.method = "POST",
                                .path = "/v1/resumes",
                                .body = form_body(random_bytes(2 * 1024 * 1024, 2)),
                                .headers = {kFormType},
                                .chunked = true});
    CHECK(r.status == 413);
  }
  SUBCASE("not multipart") {
    Reply r = perform(srv, Call{.method = "POST",
                                .path = "/v1/resumes",
                                .body = R"({"a":1})",
                                .headers = {"Content-Type: application/json"}});
    CHECK(r.status == 415);
    CHECK(r.error_code() == "unsupported_media_type");
    CHECK(r.error_message() == "expected multipart/form-data with a 'file' field");
  }
  SUBCASE("no file field") {
    Reply r = perform(srv, Call{.method = "POST",
                                .path = "/v1/resumes",
                                .body = form_body("", false),
                                .headers = {kFormType}});
    CHECK(r.status == 400);
    CHECK(r.error_code() == "invalid_argument");
    CHECK(r.error_message() == "the form has no 'file' field");
  }
  SUBCASE("file under another name") {
    Reply r = perform(srv, Call{.method = "POST",
                                .path = "/v1/resumes",
                                .body = form_body("abc", true, "document"),
                                .headers = {kFormType}});
    CHECK(r.status == 400);
    CHECK(r.error_message() == "the form has no 'file' field");
  }
  SUBCASE("malformed multipart") {
    std::string body = form_body("abc");
    body.resize(body.size() - 10);
    Reply r = perform(
        srv, Call{.method = "POST", .path = "/v1/resumes", .body = body, .headers = {kFormType}});
    CHECK(r.status == 400);
    CHECK(r.error_message() == "malformed multipart body: missing closing boundary");
  }
  CHECK(calls == 0);
  CHECK(files_in(srv.spool()) == 0);
}

TEST_CASE("server: a full blocking queue answers 503") {
  Router router;
  Latch entered, release;
  router.add("GET", "/slow", [&](Request&) {
    entered.open();
    release.wait();
    return Response::json(200, "{}");
  });
  TestServer srv(std::move(router), [](ServerOptions& o) {
    o.blocking_threads = 1;
    o.blocking_queue_limit = 1;
  });
  Reply a, b;
  std::thread ta([&] { a = perform(srv, Call{.path = "/slow"}); });
  REQUIRE(entered.wait());
  std::thread tb([&] { b = perform(srv, Call{.path = "/slow"}); });  // queued
  std::this_thread::sleep_for(300ms);
  Reply c = perform(srv, Call{.path = "/slow"});
  CHECK(c.status == 503);
  CHECK(c.error_code() == "unavailable");
  CHECK(c.error_message() == "server busy");
  release.open();
  ta.join();
  tb.join();
  CHECK(a.status == 200);
  CHECK(b.status == 200);
}

TEST_CASE("server: SSE sends a batch in order with ids, then ends") {
  Router router;
  router.add("GET", "/v1/jobs/{id}/events", [](Request&) {
    return Response::events(
        EventStream{[](const std::string& last_id) -> tailor::Result<EventBatch> {
                      CHECK(last_id.empty());
                      EventBatch b;
                      b.events.push_back(SseEvent{"1", "progress", R"({"stage":"extract"})"});
                      b.events.push_back(SseEvent{"2", "progress", "line one\nline two"});
                      b.events.push_back(SseEvent{"3", "done", R"({"state":"succeeded"})"});
                      b.end = true;
                      return b;
                    },
                    "job-1"});
  });
  TestServer srv(std::move(router));
  Reply r =
      perform(srv, Call{.path = "/v1/jobs/1/events", .headers = {"Accept: text/event-stream"}});
  REQUIRE(r.code == CURLE_OK);
  CHECK(r.status == 200);
  CHECK(r.header("content-type") == "text/event-stream; charset=utf-8");
  CHECK(r.header("cache-control") == "no-cache");
  CHECK(r.header("x-accel-buffering") == "no");
  CHECK(r.header("x-request-id"));
  CHECK(!r.header("content-length"));
  CHECK(r.body ==
        "id: 1\nevent: progress\ndata: {\"stage\":\"extract\"}\n\n"
        "id: 2\nevent: progress\ndata: line one\ndata: line two\n\n"
        "id: 3\nevent: done\ndata: {\"state\":\"succeeded\"}\n\n");
}

TEST_CASE("server: SSE replays after Last-Event-ID") {
  Router router;
  std::mutex mu;
  std::vector<std::string> polled;
  router.add("GET", "/events", [&](Request&) {
    return Response::events(
        EventStream{[&](const std::string& last_id) -> tailor::Result<EventBatch> {
                      std::lock_guard l(mu);
                      polled.push_back(last_id);
                      const int next = std::stoi(last_id) + 1;
                      return EventBatch{{SseEvent{std::to_string(next), "progress", "x"}}, true};
                    },
                    ""});
  });
  TestServer srv(std::move(router));
  Reply r = perform(srv, Call{.path = "/events", .headers = {"Last-Event-ID: 7"}});
  CHECK(r.status == 200);
  CHECK(r.body == "id: 8\nevent: progress\ndata: x\n\n");
  std::lock_guard l(mu);
  CHECK(polled == std::vector<std::string>{"7"});
}

namespace {
// A job's event log shared by a stream's poll and the test that appends to it.
struct EventLog {
  std::mutex mu;
  std::vector<SseEvent> events;
  bool finished = false;
  std::atomic<int> polls{0};

  tailor::Result<EventBatch> poll(const std::string& last_id) {
    std::lock_guard l(mu);
    ++polls;
    EventBatch b;
    const std::size_t from = last_id.empty() ? 0 : std::stoul(last_id);
    for (std::size_t i = from; i < events.size(); ++i) b.events.push_back(events[i]);
    b.end = finished;
    return b;
  }
  void append(std::string event, bool finish = false) {
    std::lock_guard l(mu);
    events.push_back(SseEvent{std::to_string(events.size() + 1), std::move(event), "{}"});
    finished = finish;
  }
};

bool wait_for(const std::function<bool()>& pred, std::chrono::milliseconds limit = 5s) {
  const auto deadline = std::chrono::steady_clock::now() + limit;
  while (std::chrono::steady_clock::now() < deadline) {
    if (pred()) return true;
    std::this_thread::sleep_for(5ms);
  }
  return pred();
}
}  // namespace

TEST_CASE("server: notify() wakes a waiting stream at once") {
  auto log = std::make_shared<EventLog>();
  Router router;
  router.add("GET", "/v1/jobs/{id}/events", [log](Request& r) {
    return Response::events(EventStream{[log](const std::string& id) { return log->poll(id); },
                                        "job:" + r.param("id")});
  });
  TestServer srv(std::move(router), [](ServerOptions& o) { o.sse_keepalive = 30s; });

  std::mutex mu;
  std::string received;
  Reply r;
  std::thread client([&] {
    r = perform(srv, Call{.path = "/v1/jobs/42/events", .on_data = [&](std::string_view d) {
                            std::lock_guard l(mu);
                            received.append(d);
                            return true;
                          }});
  });
  REQUIRE(wait_for([&] { return log->polls >= 1; }));
  std::this_thread::sleep_for(50ms);  // let the stream park on its timer

  const auto t0 = std::chrono::steady_clock::now();
  log->append("progress");
  srv.server().notify("job:other");  // another topic: no effect
  srv.server().notify("job:42");
  REQUIRE(wait_for([&] {
    std::lock_guard l(mu);
    return received.find("id: 1\n") != std::string::npos;
  }));
  const auto waited = std::chrono::steady_clock::now() - t0;
  CHECK(waited < 3s);  // far below the 30 s keepalive: the notification, not the timer

  log->append("done", true);
  srv.server().notify("job:42");
  client.join();
  CHECK(r.code == CURLE_OK);
  CHECK(r.body == "id: 1\nevent: progress\ndata: {}\n\nid: 2\nevent: done\ndata: {}\n\n");
}

TEST_CASE("server: keepalive comments, and a poll after each one") {
  auto log = std::make_shared<EventLog>();
  Router router;
  router.add("GET", "/events", [log](Request&) {
    return Response::events(
        EventStream{[log](const std::string& id) { return log->poll(id); }, "t"});
  });
  TestServer srv(std::move(router), [](ServerOptions& o) { o.sse_keepalive = 1s; });
  std::thread finisher([&] {
    wait_for([&] { return log->polls >= 2; });
    log->append("done", true);  // no notify: the keepalive re-poll must find it
  });
  Reply r = perform(srv, Call{.path = "/events"});
  finisher.join();
  CHECK(r.code == CURLE_OK);
  CHECK(r.body.starts_with(": keepalive\n\n"));
  CHECK(r.body.ends_with("id: 1\nevent: done\ndata: {}\n\n"));
}

TEST_CASE("server: a poll error becomes an error event and ends the stream") {
  Router router;
  router.add("GET", "/events", [](Request&) {
    return Response::events(EventStream{[](const std::string&) -> tailor::Result<EventBatch> {
                                          return tailor::fail(Errc::not_found, "no such job");
                                        },
                                        ""});
  });
  TestServer srv(std::move(router));
  Reply r = perform(srv, Call{.path = "/events"});
  CHECK(r.code == CURLE_OK);
  CHECK(r.body ==
        "event: error\ndata: {\"error\":{\"code\":\"not_found\",\"message\":\"no such job\"}}\n\n");
}

TEST_CASE("server: a client hanging up ends its stream") {
  auto log = std::make_shared<EventLog>();
  log->append("progress");
  Router router;
  router.add("GET", "/events", [log](Request&) {
    return Response::events(
        EventStream{[log](const std::string& id) { return log->poll(id); }, "t"});
  });
  TestServer srv(std::move(router), [](ServerOptions& o) { o.sse_keepalive = 30s; });
  Reply r =
      perform(srv, Call{.path = "/events", .on_data = [](std::string_view) { return false; }});
  CHECK(r.code == CURLE_WRITE_ERROR);
  // The stream's poll function (the only other owner of `log`) is released once the session ends:
  // the server sees the hang-up itself, well before the 30 s keepalive would have written to it.
  // (15 s: a sanitizer build on two busy cores can take seconds to get there.)
  CHECK(wait_for([&] { return log.use_count() == 2; }, 15s));  // `log` here + the route's handler
}

TEST_CASE("server: stop() lets an in-flight request finish and closes event streams") {
  Router router;
  Latch entered;
  router.add("GET", "/slow", [&entered](Request&) {
    entered.open();
    std::this_thread::sleep_for(500ms);
    return Response::json(200, R"({"done":true})");
  });
  auto log = std::make_shared<EventLog>();
  router.add("GET", "/events", [log](Request&) {
    return Response::events(
        EventStream{[log](const std::string& id) { return log->poll(id); }, "t"});
  });
  TestServer srv(std::move(router), [](ServerOptions& o) { o.sse_keepalive = 30s; });

  Reply slow, stream;
  std::thread t1([&] { slow = perform(srv, Call{.path = "/slow"}); });
  std::thread t2([&] { stream = perform(srv, Call{.path = "/events"}); });
  REQUIRE(entered.wait());
  REQUIRE(wait_for([&] { return log->polls >= 1; }));
  const auto t0 = std::chrono::steady_clock::now();
  srv.stop_and_join();
  const auto took = std::chrono::steady_clock::now() - t0;
  t1.join();
  t2.join();
  CHECK(slow.code == CURLE_OK);
  CHECK(slow.status == 200);
  CHECK(slow.body == R"({"done":true})");
  CHECK(stream.code == CURLE_OK);
  CHECK(stream.status == 200);
  CHECK(took < 4s);  // neither the 30 s keepalive nor the 5 s grace
  // Nothing listens any more.
  Reply after = perform(srv, Call{.path = "/slow", .timeout_ms = 2000});
  CHECK(after.code == CURLE_COULDNT_CONNECT);
}
