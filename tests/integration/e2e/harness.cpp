#include "tests/integration/e2e/harness.hpp"

#include <curl/curl.h>
#include <fcntl.h>
#include <libpq-fe.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <climits>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <random>
#include <sstream>
#include <stdexcept>
#include <thread>

#include "common/core/config.hpp"
#include "common/core/topology.hpp"
#include "common/json/writer.hpp"
#include "common/mq/connection.hpp"
#include "tests/unit/files/fixtures.hpp"

extern char** environ;

namespace e2e {

namespace fs = std::filesystem;
using tailor::json::Value;

namespace {

std::string random_hex(std::size_t n) {
  static std::mt19937_64 gen(std::random_device{}() ^
                             static_cast<std::uint64_t>(Clock::now().time_since_epoch().count()) ^
                             static_cast<std::uint64_t>(::getpid()));
  static const char* hex = "0123456789abcdef";
  std::string s;
  for (std::size_t i = 0; i < n; ++i) s.push_back(hex[gen() & 15]);
  return s;
}

std::string read_text(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

std::string tail_lines(const std::string& text, std::size_t lines) {
  std::size_t pos = text.size();
  if (pos > 0 && text[pos - 1] == '\n') --pos;
  std::size_t found = 0;
  while (pos > 0) {
    const std::size_t nl = text.rfind('\n', pos - 1);
    if (nl == std::string::npos) {
      pos = 0;
      break;
    }
    if (++found == lines) {
      pos = nl + 1;
      break;
    }
    pos = nl;
  }
  std::string out = text.substr(pos);
  constexpr std::size_t kMax = 12000;  // keep failure output readable
  if (out.size() > kMax) out = "…" + out.substr(out.size() - kMax);
  return out;
}

// environ with `env` applied, as "K=V" strings.
std::vector<std::string> build_env(const EnvOverrides& env) {
  std::vector<std::string> out;
  for (char** e = environ; e && *e; ++e) {
    std::string kv(*e);
    const auto eq = kv.find('=');
    const std::string key = kv.substr(0, eq);
    if (env.count(key)) continue;
    out.push_back(std::move(kv));
  }
  for (const auto& [k, v] : env) {
    if (v) out.push_back(k + "=" + *v);
  }
  return out;
}

std::vector<char*> c_strings(std::vector<std::string>& v) {
  std::vector<char*> out;
  out.reserve(v.size() + 1);
  for (auto& s : v) out.push_back(s.data());
  out.push_back(nullptr);
  return out;
}

std::string describe_wait_status(int st) {
  if (WIFEXITED(st)) return "exited with code " + std::to_string(WEXITSTATUS(st));
  if (WIFSIGNALED(st))
    return std::string("killed by signal ") + std::to_string(WTERMSIG(st)) + " (" +
           strsignal(WTERMSIG(st)) + ")";
  return "ended with status " + std::to_string(st);
}

// postgresql://user@host:port/dbname?x → same with another dbname.
std::string with_dbname(const std::string& url, const std::string& db) {
  const auto scheme = url.find("://");
  if (scheme == std::string::npos) throw std::runtime_error("DATABASE_URL is not a URL: " + url);
  const auto slash = url.find('/', scheme + 3);
  const auto query = url.find('?', scheme + 3);
  if (slash == std::string::npos || (query != std::string::npos && query < slash)) {
    const std::string base = url.substr(0, query);
    return base + "/" + db + (query == std::string::npos ? "" : url.substr(query));
  }
  return url.substr(0, slash + 1) + db + (query == std::string::npos ? "" : url.substr(query));
}

void global_curl_init() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

}  // namespace

std::string require_env(const std::string& name, const std::string& why) {
  const char* v = std::getenv(name.c_str());
  if (!v || !*v) FAIL(name << " is not set: " << why);
  return v;
}

std::string source_dir() {
  const char* v = std::getenv("TAILOR_SOURCE_DIR");
  return v && *v ? v : TAILOR_E2E_SOURCE_DIR;
}

std::string binary_dir() {
  const char* v = std::getenv("TAILOR_BINARY_DIR");
  return v && *v ? v : TAILOR_E2E_BINARY_DIR;
}

// ---------------------------------------------------------------------------------------------
// Process

Process::Process(std::string name, std::vector<std::string> argv, const EnvOverrides& env,
                 std::string log_path)
    : name_(std::move(name)), log_path_(std::move(log_path)) {
  std::vector<std::string> envs = build_env(env);
  std::vector<char*> c_argv = c_strings(argv);
  std::vector<char*> c_env = c_strings(envs);
  const int log_fd = ::open(log_path_.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
  if (log_fd < 0)
    throw std::runtime_error("cannot open " + log_path_ + ": " + std::strerror(errno));
  const int null_fd = ::open("/dev/null", O_RDONLY | O_CLOEXEC);
  const pid_t parent = ::getpid();
  const pid_t pid = ::fork();
  if (pid < 0) {
    ::close(log_fd);
    if (null_fd >= 0) ::close(null_fd);
    throw std::runtime_error("fork failed: " + std::string(std::strerror(errno)));
  }
  if (pid == 0) {
    // Only async-signal-safe calls from here to exec.
    ::prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (::getppid() != parent) ::_exit(127);
    sigset_t none;
    sigemptyset(&none);
    ::sigprocmask(SIG_SETMASK, &none, nullptr);
    ::signal(SIGPIPE, SIG_DFL);
    if (null_fd >= 0) ::dup2(null_fd, 0);
    ::dup2(log_fd, 1);
    ::dup2(log_fd, 2);
    ::close_range(3, UINT_MAX, 0);
    ::execve(c_argv[0], c_argv.data(), c_env.data());
    const char msg[] = "e2e harness: execve failed\n";
    (void)!::write(2, msg, sizeof msg - 1);
    ::_exit(127);
  }
  ::close(log_fd);
  if (null_fd >= 0) ::close(null_fd);
  pid_ = pid;
}

Process::~Process() {
  stop();
}

// pid_ is always a real child once constructed; the pid_ > 0 guards keep kill(-1, …) (every
// process we may signal) impossible even so.
bool Process::alive() {
  return pid_ > 0 && !status().has_value();
}

std::optional<int> Process::status() {
  if (status_ || pid_ <= 0) return status_;
  int st = 0;
  const pid_t r = ::waitpid(pid_, &st, WNOHANG);
  if (r == pid_) status_ = st;
  return status_;
}

void Process::signal(int sig) {
  if (pid_ > 0 && alive()) ::kill(pid_, sig);
}

bool Process::wait(std::chrono::milliseconds timeout) {
  const auto end = Clock::now() + timeout;
  while (alive()) {
    if (Clock::now() >= end) return false;
    std::this_thread::sleep_for(20ms);
  }
  return true;
}

void Process::stop(std::chrono::milliseconds grace) {
  if (!alive()) return;
  signal(SIGTERM);
  if (wait(grace)) return;
  std::fprintf(stderr, "e2e: %s (pid %d) still running %lld ms after SIGTERM; sending SIGKILL\n",
               name_.c_str(), pid_, static_cast<long long>(grace.count()));
  kill();
}

void Process::kill() {
  if (pid_ <= 0 || !alive()) return;
  ::kill(pid_, SIGKILL);
  int st = 0;
  if (::waitpid(pid_, &st, 0) == pid_) status_ = st;
}

std::string Process::log_tail(std::size_t lines) const {
  return tail_lines(read_text(log_path_), lines);
}

std::string Process::describe_status() {
  auto st = status();
  if (!st) return "running (pid " + std::to_string(pid_) + ")";
  return describe_wait_status(*st);
}

int run_command(const std::vector<std::string>& argv, const EnvOverrides& env,
                const std::string& log_path, std::chrono::milliseconds timeout) {
  Process p(argv.front(), argv, env, log_path);
  if (!p.wait(timeout)) {
    p.kill();
    return -1;
  }
  const int st = *p.status();
  return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

// ---------------------------------------------------------------------------------------------
// Db

struct Db::Impl {
  PGconn* conn = nullptr;
  PGresult* exec(const std::string& sql, const std::vector<std::string>& params) {
    std::vector<const char*> values;
    for (const auto& p : params) values.push_back(p.c_str());
    PGresult* r = PQexecParams(conn, sql.c_str(), static_cast<int>(values.size()), nullptr,
                               values.data(), nullptr, nullptr, 0);
    const auto st = PQresultStatus(r);
    if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK) {
      std::string msg = PQresultErrorMessage(r);
      PQclear(r);
      throw std::runtime_error("SQL failed: " + sql + ": " + msg);
    }
    return r;
  }
};

Db::Db(const std::string& url) : impl_(std::make_unique<Impl>()) {
  impl_->conn = PQconnectdb(url.c_str());
  if (PQstatus(impl_->conn) != CONNECTION_OK) {
    std::string msg = PQerrorMessage(impl_->conn);
    PQfinish(impl_->conn);
    impl_->conn = nullptr;
    throw std::runtime_error("cannot connect to PostgreSQL at " + url + ": " + msg);
  }
}

Db::~Db() {
  if (impl_ && impl_->conn) PQfinish(impl_->conn);
}

std::optional<std::string> Db::value(const std::string& sql,
                                     const std::vector<std::string>& params) {
  PGresult* r = impl_->exec(sql, params);
  std::optional<std::string> out;
  if (PQntuples(r) > 0 && PQnfields(r) > 0 && !PQgetisnull(r, 0, 0)) out = PQgetvalue(r, 0, 0);
  PQclear(r);
  return out;
}

void Db::exec(const std::string& sql, const std::vector<std::string>& params) {
  PQclear(impl_->exec(sql, params));
}

long long Db::count(const std::string& sql, const std::vector<std::string>& params) {
  auto v = value(sql, params);
  return v ? std::stoll(*v) : 0;
}

// ---------------------------------------------------------------------------------------------
// Stack

namespace {
constexpr const char* kHowToRun =
    "the end-to-end tests need PostgreSQL, Redis and RabbitMQ. Run them with scripts/test "
    "(which starts test servers and exports DATABASE_URL, REDIS_URL and RABBITMQ_URL), or start "
    "servers with `eval \"$(scripts/services start)\"` and run ctest -L integration";
}  // namespace

Stack& Stack::get() {
  static std::unique_ptr<Stack> stack;
  static std::string failure;
  if (stack) return *stack;
  if (!failure.empty()) FAIL("the e2e stack failed to start earlier in this process:\n" << failure);
  // Outside the try: a missing variable FAILs the test with its own message.
  require_env("DATABASE_URL", kHowToRun);
  require_env("REDIS_URL", kHowToRun);
  require_env("RABBITMQ_URL", kHowToRun);
  global_curl_init();
  std::unique_ptr<Stack> s(new Stack());
  try {
    s->start();
  } catch (const std::exception& e) {
    failure = std::string(e.what()) + "\n" + s->logs();
    s.reset();  // tears down whatever did start
    FAIL("cannot start the e2e stack: " << failure);
  }
  stack = std::move(s);
  return *stack;
}

Stack::Stack() = default;

std::string Stack::bin(const std::string& rel) const {
  return binary_dir_ + "/" + rel;
}

EnvOverrides Stack::child_env() const {
  return {
      {"DATABASE_URL", db_url_},
      {"TAILOR_NAMESPACE", ns_},
      {"TAILOR_STORAGE_DIR", storage_dir_},
      {"TAILOR_QUEUES_FILE", source_dir_ + "/queues.yaml"},
      {"TAILOR_HTTP_HOST", "127.0.0.1"},
      {"TAILOR_HTTP_PORT", "0"},
      {"TAILOR_ENV", "development"},
      {"TAILOR_JWT_SECRET", std::string(tailor::core::kDevJwtSecret)},
      {"TAILOR_LOG_LEVEL", "info"},
      {"TAILOR_DB_POOL_SIZE", "4"},
      {"TAILOR_TEST_STAGE_DELAY_MS", std::nullopt},
      {"TAILOR_MAX_UPLOAD_BYTES", std::nullopt},
      {"TAILOR_ACCESS_TOKEN_TTL", std::nullopt},
      {"TAILOR_REFRESH_TOKEN_TTL", std::nullopt},
      {"OMP_THREAD_LIMIT", "1"},
  };
}

void Stack::start() {
  source_dir_ = source_dir();
  binary_dir_ = binary_dir();
  admin_url_ = std::getenv("DATABASE_URL");
  for (const char* rel :
       {"api/tailor-api", "workers/extract/tailor-extract", "workers/analyze/tailor-analyze", "workers/cli/tailor"}) {
    if (::access(bin(rel).c_str(), X_OK) != 0) {
      throw std::runtime_error(bin(rel) +
                               " is missing: build tailor-api, tailor-extract, tailor-analyze and tailor first "
                               "(or point TAILOR_BINARY_DIR at the build folder)");
    }
  }
  const std::string suffix = random_hex(10);
  ns_ = "e2e" + suffix;
  db_name_ = "tailor_e2e_" + suffix;
  db_url_ = with_dbname(admin_url_, db_name_);

  std::string pattern = (fs::temp_directory_path() / "tailor-e2e-XXXXXX").string();
  if (::mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
  work_dir_ = pattern;
  storage_dir_ = work_dir_ + "/storage";
  log_dir_ = work_dir_ + "/logs";
  fs::create_directories(log_dir_);

  {
    Db admin(admin_url_);
    admin.exec("CREATE DATABASE " + db_name_);
    database_created_ = true;
  }
  const std::string migrate_log = log_dir_ + "/migrate.log";
  const int rc = run_command({bin("workers/cli/tailor"), "migrate"}, child_env(), migrate_log, 60s);
  if (rc != 0) {
    throw std::runtime_error("`tailor migrate` failed (exit " + std::to_string(rc) + "):\n" +
                             tail_lines(read_text(migrate_log), 30));
  }
  db_ = std::make_unique<Db>(db_url_);

  api_ = std::make_unique<Process>("tailor-api", std::vector<std::string>{bin("api/tailor-api")},
                                   child_env(), log_dir_ + "/api.log");
  // TAILOR_HTTP_PORT=0: the API logs {"msg":"listening",...,"port":N} once it is bound.
  int port = 0;
  const auto end = Clock::now() + 30s;
  while (port == 0) {
    std::istringstream lines(read_text(api_->log_path()));
    for (std::string line; std::getline(lines, line);) {
      auto v = tailor::json::parse(line);
      if (v && v->is_object() && v->string_at("msg") == "listening")
        port = static_cast<int>(v->int_at("port").value_or(0));
    }
    if (port) break;
    if (!api_->alive())
      throw std::runtime_error("tailor-api " + api_->describe_status() + " before listening");
    if (Clock::now() > end)
      throw std::runtime_error("tailor-api did not log \"listening\" within 30 s");
    std::this_thread::sleep_for(50ms);
  }
  base_url_ = "http://127.0.0.1:" + std::to_string(port);

  start_worker();
  analyzer_ = std::make_unique<Process>("tailor-analyze", std::vector<std::string>{bin("workers/analyze/tailor-analyze")},
                                        child_env(), log_dir_ + "/analyze.log");

  // Ready = database, Redis and RabbitMQ (through the outbox relay) all up.
  Client c(base_url_);
  HttpResponse last;
  const auto ready_end = Clock::now() + 30s;
  while (true) {
    last = c.get("/health/ready");
    if (last.status == 200) break;
    if (!api_->alive()) throw std::runtime_error("tailor-api " + api_->describe_status());
    if (Clock::now() > ready_end) {
      throw std::runtime_error("GET /health/ready did not answer 200 within 30 s; last: " +
                               last.describe());
    }
    std::this_thread::sleep_for(50ms);
  }
}

Stack::~Stack() {
  // SIGTERM everyone at once, then wait (SIGKILL after 10 s each at worst).
  std::vector<Process*> all;
  for (auto& w : workers_) all.push_back(w.get());
  if (analyzer_) all.push_back(analyzer_.get());
  if (api_) all.push_back(api_.get());
  for (auto* p : all) p->signal(SIGTERM);
  for (auto* p : all) p->stop(10s);
  workers_.clear();
  retired_.clear();
  analyzer_.reset();
  api_.reset();
  db_.reset();
  if (database_created_) {
    try {
      Db admin(admin_url_);
      admin.exec("DROP DATABASE IF EXISTS " + db_name_ + " WITH (FORCE)");
    } catch (const std::exception& e) {
      std::fprintf(stderr, "e2e teardown: cannot drop database %s: %s\n", db_name_.c_str(),
                   e.what());
    }
  }
  if (!ns_.empty() && !source_dir_.empty()) {
    try {
      const auto topology = tailor::core::load_topology(source_dir_ + "/queues.yaml", ns_);
      auto c = tailor::mq::Connection::open(
          {.url = std::getenv("RABBITMQ_URL"), .heartbeat_seconds = 0, .name = "e2e-teardown"});
      if (c) {
        if (auto st = c->delete_topology(topology); !st) {
          std::fprintf(stderr, "e2e teardown: cannot delete queues of %s: %s\n", ns_.c_str(),
                       st.error().message.c_str());
        }
      } else {
        std::fprintf(stderr, "e2e teardown: cannot reach RabbitMQ to delete queues of %s: %s\n",
                     ns_.c_str(), c.error().message.c_str());
      }
    } catch (const std::exception& e) {
      std::fprintf(stderr, "e2e teardown: %s\n", e.what());
    }
  }
  if (!work_dir_.empty()) {
    const char* keep = std::getenv("TAILOR_E2E_KEEP");
    if (keep && std::string(keep) == "1") {
      std::fprintf(stderr, "e2e: logs and storage kept in %s\n", work_dir_.c_str());
    } else {
      std::error_code ec;
      fs::remove_all(work_dir_, ec);
    }
  }
}

Process& Stack::start_worker(const EnvOverrides& extra) {
  EnvOverrides env = child_env();
  for (const auto& [k, v] : extra) env[k] = v;
  const int n = ++worker_seq_;
  workers_.push_back(
      std::make_unique<Process>("tailor-extract#" + std::to_string(n),
                                std::vector<std::string>{bin("workers/extract/tailor-extract")},
                                env, log_dir_ + "/extract-" + std::to_string(n) + ".log"));
  if (!extra.empty()) special_.insert(workers_.back().get());
  return *workers_.back();
}

void Stack::stop_workers() {
  for (auto& w : workers_) w->signal(SIGTERM);
  for (auto& w : workers_) {
    w->stop(10s);
    retired_.push_back(std::move(w));
  }
  workers_.clear();
}

void Stack::ensure_one_worker() {
  if (workers_.size() == 1 && workers_[0]->alive() && !special_.count(workers_[0].get())) return;
  stop_workers();
  start_worker();
}

std::vector<Process*> Stack::workers() {
  std::vector<Process*> out;
  for (auto& w : workers_) out.push_back(w.get());
  return out;
}

std::uint32_t Stack::queue_depth(const std::string& queue) {
  auto c = tailor::mq::Connection::open(
      {.url = std::getenv("RABBITMQ_URL"), .heartbeat_seconds = 0, .name = "e2e-inspect"});
  REQUIRE_MESSAGE(c.has_value(), "cannot connect to RabbitMQ: " << (c ? "" : c.error().message));
  auto info = c->inspect_queue(queue);
  REQUIRE_MESSAGE(info.has_value(),
                  "cannot inspect queue " << queue << ": " << (info ? "" : info.error().message));
  return info->messages;
}

std::vector<std::string> Stack::drain_queue(const std::string& queue) {
  auto c = tailor::mq::Connection::open(
      {.url = std::getenv("RABBITMQ_URL"), .heartbeat_seconds = 0, .name = "e2e-drain"});
  REQUIRE_MESSAGE(c.has_value(), "cannot connect to RabbitMQ: " << (c ? "" : c.error().message));
  std::vector<std::string> out;
  for (int i = 0; i < 1000; ++i) {
    auto d = c->get(queue);
    REQUIRE_MESSAGE(d.has_value(),
                    "cannot read queue " << queue << ": " << (d ? "" : d.error().message));
    if (!*d) break;
    out.push_back((*d)->body);
  }
  return out;
}

std::string Stack::logs() const {
  std::string out;
  auto add = [&out](const Process& p, std::size_t lines) {
    out += "----- " + p.name() + " (" + p.log_path() + "), last lines -----\n" + p.log_tail(lines) +
           "\n";
  };
  if (api_) add(*api_, 25);
  for (const auto& w : retired_) add(*w, 10);
  for (const auto& w : workers_) add(*w, 25);
  if (analyzer_) add(*analyzer_, 25);
  if (work_dir_.empty()) return out;
  const std::string migrate = log_dir_ + "/migrate.log";
  if (fs::exists(migrate) && !api_)
    out += "----- migrate -----\n" + tail_lines(read_text(migrate), 20) + "\n";
  return out;
}

std::ostream& operator<<(std::ostream& os, const LogTails& t) {
  return os << "service logs:\n" << (t.stack ? t.stack->logs() : std::string("(no stack)"));
}

// ---------------------------------------------------------------------------------------------
// HTTP

std::string HttpResponse::header(const std::string& lower_name) const {
  auto it = headers.find(lower_name);
  return it == headers.end() ? "" : it->second;
}

Value HttpResponse::json() const {
  auto v = tailor::json::parse(body);
  if (!v)
    FAIL("expected a JSON body from " << describe() << "\nparse error: " << v.error().message);
  return *v;
}

std::string HttpResponse::describe() const {
  std::string b = body.size() > 2000 ? body.substr(0, 2000) + "…" : body;
  std::string out = request_line + " -> ";
  if (!transport_error.empty()) out += "no response (" + transport_error + ") ";
  out += std::to_string(status) + " " + b;
  return out;
}

namespace {

size_t append_body(char* ptr, size_t size, size_t n, void* userdata) {
  static_cast<std::string*>(userdata)->append(ptr, size * n);
  return size * n;
}

size_t on_header(char* ptr, size_t size, size_t n, void* userdata) {
  auto* headers = static_cast<std::map<std::string, std::string>*>(userdata);
  std::string line(ptr, size * n);
  while (!line.empty() && (line.back() == '\n' || line.back() == '\r')) line.pop_back();
  if (line.rfind("HTTP/", 0) == 0) {
    headers->clear();  // a new response (after 100 Continue)
    return size * n;
  }
  const auto colon = line.find(':');
  if (colon == std::string::npos) return size * n;
  std::string name = line.substr(0, colon);
  for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  std::string value = line.substr(colon + 1);
  while (!value.empty() && value.front() == ' ') value.erase(0, 1);
  (*headers)[name] = value;
  return size * n;
}

struct CurlHandle {
  CURL* h = curl_easy_init();
  curl_slist* headers = nullptr;
  curl_mime* mime = nullptr;
  ~CurlHandle() {
    if (mime) curl_mime_free(mime);
    if (headers) curl_slist_free_all(headers);
    if (h) curl_easy_cleanup(h);
  }
};

}  // namespace

Client::Client(std::string base_url) : base_url_(std::move(base_url)) {
  global_curl_init();
}

namespace {
// Shared setup for request() and upload().
HttpResponse perform(CurlHandle& c, const std::string& method, const std::string& url,
                     const std::string& path, std::chrono::milliseconds timeout) {
  HttpResponse r;
  r.request_line = method + " " + path;
  curl_easy_setopt(c.h, CURLOPT_URL, url.c_str());
  curl_easy_setopt(c.h, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(c.h, CURLOPT_TIMEOUT_MS, static_cast<long>(timeout.count()));
  curl_easy_setopt(c.h, CURLOPT_CONNECTTIMEOUT_MS, 5000L);
  curl_easy_setopt(c.h, CURLOPT_WRITEFUNCTION, append_body);
  curl_easy_setopt(c.h, CURLOPT_WRITEDATA, &r.body);
  curl_easy_setopt(c.h, CURLOPT_HEADERFUNCTION, on_header);
  curl_easy_setopt(c.h, CURLOPT_HEADERDATA, &r.headers);
  if (c.headers) curl_easy_setopt(c.h, CURLOPT_HTTPHEADER, c.headers);
  const CURLcode rc = curl_easy_perform(c.h);
  curl_easy_getinfo(c.h, CURLINFO_RESPONSE_CODE, &r.status);
  if (rc != CURLE_OK) r.transport_error = curl_easy_strerror(rc);
  return r;
}
}  // namespace

HttpResponse Client::request(const std::string& method, const std::string& path,
                             const std::string& body, std::vector<std::string> headers,
                             std::chrono::milliseconds timeout) const {
  CurlHandle c;
  bool has_auth = false;
  for (const auto& h : headers) {
    if (h.size() >= 14 && strncasecmp(h.c_str(), "authorization:", 14) == 0) has_auth = true;
  }
  if (!has_auth && !token_.empty()) headers.push_back("Authorization: Bearer " + token_);
  headers.push_back("Expect:");
  for (const auto& h : headers) c.headers = curl_slist_append(c.headers, h.c_str());
  if (method == "GET") {
    curl_easy_setopt(c.h, CURLOPT_HTTPGET, 1L);
  } else if (method == "POST") {
    curl_easy_setopt(c.h, CURLOPT_POST, 1L);
    curl_easy_setopt(c.h, CURLOPT_POSTFIELDS, body.data());
    curl_easy_setopt(c.h, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(body.size()));
  } else {
    curl_easy_setopt(c.h, CURLOPT_CUSTOMREQUEST, method.c_str());
    if (!body.empty()) {
      curl_easy_setopt(c.h, CURLOPT_POSTFIELDS, body.data());
      curl_easy_setopt(c.h, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(body.size()));
    }
  }
  return perform(c, method, base_url_ + path, path, timeout);
}

HttpResponse Client::post_json(const std::string& path, const std::string& json) const {
  return request("POST", path, json, {"Content-Type: application/json"});
}

namespace {
std::string credentials(const std::string& email, const std::string& password) {
  tailor::json::Writer w;
  w.object_begin().field("email", email).field("password", password).object_end();
  return std::move(w).str();
}
}  // namespace

HttpResponse Client::register_user(const std::string& email, const std::string& password) const {
  return post_json("/v1/auth/register", credentials(email, password));
}

HttpResponse Client::login_raw(const std::string& email, const std::string& password) const {
  return post_json("/v1/auth/login", credentials(email, password));
}

Tokens Client::sign_up(const std::string& email, const std::string& password) {
  auto r = register_user(email, password);
  REQUIRE_MESSAGE(r.status == 201, "registration should answer 201: " << r.describe());
  return login(email, password);
}

Tokens Client::login(const std::string& email, const std::string& password) {
  auto r = login_raw(email, password);
  REQUIRE_MESSAGE(r.status == 200, "login should answer 200: " << r.describe());
  const Value v = r.json();
  Tokens t{str(v, "access_token"), str(v, "refresh_token")};
  token_ = t.access_token;
  return t;
}

HttpResponse Client::upload(const std::string& bytes, const std::string& filename,
                            const std::string& content_type) const {
  CurlHandle c;
  c.mime = curl_mime_init(c.h);
  curl_mimepart* part = curl_mime_addpart(c.mime);
  curl_mime_name(part, "file");
  curl_mime_data(part, bytes.data(), bytes.size());
  curl_mime_filename(part, filename.c_str());
  curl_mime_type(part, content_type.c_str());
  curl_easy_setopt(c.h, CURLOPT_MIMEPOST, c.mime);
  if (!token_.empty())
    c.headers = curl_slist_append(c.headers, ("Authorization: Bearer " + token_).c_str());
  return perform(c, "POST", base_url_ + "/v1/resumes", "/v1/resumes (" + filename + ")", 60s);
}

HttpResponse Client::upload_file(const std::string& path, const std::string& filename) const {
  CurlHandle c;
  c.mime = curl_mime_init(c.h);
  curl_mimepart* part = curl_mime_addpart(c.mime);
  curl_mime_name(part, "file");
  curl_mime_filedata(part, path.c_str());
  curl_mime_filename(part, filename.c_str());
  curl_mime_type(part, "application/octet-stream");
  curl_easy_setopt(c.h, CURLOPT_MIMEPOST, c.mime);
  if (!token_.empty())
    c.headers = curl_slist_append(c.headers, ("Authorization: Bearer " + token_).c_str());
  return perform(c, "POST", base_url_ + "/v1/resumes", "/v1/resumes (" + filename + ")", 60s);
}

Value Client::get_job(const std::string& job_id) const {
  auto r = get("/v1/jobs/" + job_id);
  REQUIRE_MESSAGE(r.status == 200,
                  "GET /v1/jobs/" << job_id << " should answer 200: " << r.describe());
  return r.json();
}

Value Client::wait_for_job_state(const std::string& job_id, const std::vector<std::string>& states,
                                 std::chrono::milliseconds timeout) const {
  const auto end = Clock::now() + timeout;
  std::string wanted;
  for (const auto& s : states) wanted += (wanted.empty() ? "" : " or ") + s;
  while (true) {
    auto r = get("/v1/jobs/" + job_id);
    REQUIRE_MESSAGE(r.status == 200,
                    "GET /v1/jobs/" << job_id << " should answer 200: " << r.describe());
    Value job = r.json();
    const auto state = job.string_at("state");
    for (const auto& s : states) {
      if (state && *state == s) return job;
    }
    if (Clock::now() > end) {
      FAIL("job " << job_id << " did not reach state " << wanted << " within " << timeout.count()
                  << " ms; last seen: " << r.body);
    }
    std::this_thread::sleep_for(50ms);
  }
}

// --- SSE ---------------------------------------------------------------------------------------

namespace {
struct SseParser {
  SseResult* result;
  const SseCallback* on_event;
  std::string buffer;
  std::string data, event, id;
  bool has_data = false;
  bool stop = false;
  bool skip_lf = false;

  // Feeds bytes; false once the callback asked to stop.
  bool feed(const char* p, std::size_t n) {
    result->raw.append(p, n);
    for (std::size_t i = 0; i < n; ++i) {
      const char ch = p[i];
      if (skip_lf) {
        skip_lf = false;
        if (ch == '\n') continue;
      }
      if (ch == '\r' || ch == '\n') {
        if (ch == '\r') skip_lf = true;
        line(buffer);
        buffer.clear();
        if (stop) return false;
      } else {
        buffer.push_back(ch);
      }
    }
    return true;
  }

  void line(const std::string& l) {
    if (l.empty()) {
      dispatch();
      return;
    }
    if (l.front() == ':') {
      ++result->comments;
      return;
    }
    const auto colon = l.find(':');
    std::string field = l.substr(0, colon);
    std::string value = colon == std::string::npos ? "" : l.substr(colon + 1);
    if (!value.empty() && value.front() == ' ') value.erase(0, 1);
    if (field == "data") {
      if (has_data) data.push_back('\n');
      data += value;
      has_data = true;
    } else if (field == "event") {
      event = value;
    } else if (field == "id") {
      id = value;
    }
  }

  void dispatch() {
    if (has_data) {
      SseEvent e{id, event.empty() ? "message" : event, data, Clock::now()};
      result->events.push_back(e);
      if (on_event && *on_event && !(*on_event)(e)) stop = true;
    }
    data.clear();
    event.clear();
    has_data = false;
    // Per the spec the last event id persists; keep `id` for the next event.
  }
};

size_t sse_write(char* ptr, size_t size, size_t n, void* userdata) {
  auto* parser = static_cast<SseParser*>(userdata);
  if (!parser->feed(ptr, size * n)) return 0;  // abort the transfer
  return size * n;
}
}  // namespace

SseResult Client::sse(const std::string& job_id, const std::string& last_event_id,
                      std::chrono::milliseconds timeout, const SseCallback& on_event) const {
  SseResult result;
  SseParser parser{&result, &on_event, {}, {}, {}, {}, false, false, false};
  CurlHandle c;
  std::map<std::string, std::string> headers;
  c.headers = curl_slist_append(c.headers, "Accept: text/event-stream");
  if (!token_.empty())
    c.headers = curl_slist_append(c.headers, ("Authorization: Bearer " + token_).c_str());
  if (!last_event_id.empty())
    c.headers = curl_slist_append(c.headers, ("Last-Event-ID: " + last_event_id).c_str());
  const std::string url = base_url_ + "/v1/jobs/" + job_id + "/events";
  curl_easy_setopt(c.h, CURLOPT_URL, url.c_str());
  curl_easy_setopt(c.h, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(c.h, CURLOPT_HTTPGET, 1L);
  curl_easy_setopt(c.h, CURLOPT_TIMEOUT_MS, static_cast<long>(timeout.count()));
  curl_easy_setopt(c.h, CURLOPT_CONNECTTIMEOUT_MS, 5000L);
  curl_easy_setopt(c.h, CURLOPT_HTTPHEADER, c.headers);
  curl_easy_setopt(c.h, CURLOPT_WRITEFUNCTION, sse_write);
  curl_easy_setopt(c.h, CURLOPT_WRITEDATA, &parser);
  curl_easy_setopt(c.h, CURLOPT_HEADERFUNCTION, on_header);
  curl_easy_setopt(c.h, CURLOPT_HEADERDATA, &headers);
  const CURLcode rc = curl_easy_perform(c.h);
  curl_easy_getinfo(c.h, CURLINFO_RESPONSE_CODE, &result.status);
  result.content_type = headers.count("content-type") ? headers["content-type"] : "";
  result.cache_control = headers.count("cache-control") ? headers["cache-control"] : "";
  if (rc == CURLE_OK) {
    result.server_closed = true;
  } else if (rc == CURLE_OPERATION_TIMEDOUT) {
    result.timed_out = true;
  } else if (!(rc == CURLE_WRITE_ERROR && parser.stop)) {
    result.error = curl_easy_strerror(rc);
  }
  return result;
}

std::string SseResult::describe() const {
  std::string out = "status " + std::to_string(status) + ", content-type '" + content_type + "', " +
                    std::to_string(events.size()) + " event(s) [";
  for (std::size_t i = 0; i < events.size(); ++i) {
    out += (i ? ", " : "") + events[i].id + ":" + events[i].event;
  }
  out += "], ";
  out += server_closed ? "closed by the server"
         : timed_out   ? "still open at the timeout"
                       : "ended: " + error;
  std::string r = raw.size() > 4000 ? raw.substr(0, 4000) + "…" : raw;
  out += "\nraw stream:\n" + r;
  return out;
}

std::vector<std::string> SseResult::types() const {
  std::vector<std::string> out;
  for (const auto& e : events) out.push_back(e.event);
  return out;
}

std::vector<std::string> SseResult::ids() const {
  std::vector<std::string> out;
  for (const auto& e : events) out.push_back(e.id);
  return out;
}

// ---------------------------------------------------------------------------------------------
// Helpers

std::string unique_email(const std::string& tag) {
  return tag + "-" + random_hex(12) + "@example.com";
}

Accepted expect_accepted(const HttpResponse& r) {
  REQUIRE_MESSAGE(r.status == 202, "an upload should be accepted with 202: " << r.describe());
  const Value v = r.json();
  Accepted a{str(v, "resume_id"), str(v, "job_id")};
  CHECK_MESSAGE(str(v, "status_url") == "/v1/jobs/" + a.job_id, r.describe());
  CHECK_MESSAGE(str(v, "events_url") == "/v1/jobs/" + a.job_id + "/events", r.describe());
  return a;
}

std::string expect_error(const HttpResponse& r, long status, const std::string& code,
                         const std::string& message_part) {
  CHECK_MESSAGE(r.status == status,
                "expected " << status << " " << code << ", got: " << r.describe());
  CHECK_MESSAGE(r.header("content-type").rfind("application/json", 0) == 0,
                "an error body should be JSON: " << r.describe() << " (content-type '"
                                                 << r.header("content-type") << "')");
  auto v = tailor::json::parse(r.body);
  if (!v || !v->is_object() || !v->find("error") || !v->find("error")->is_object()) {
    FAIL_CHECK("expected a body {\"error\":{\"code\",\"message\"}}: " << r.describe());
    return "";
  }
  const Value& e = *v->find("error");
  const std::string got_code(e.string_at("code").value_or("<missing>"));
  const std::string message(e.string_at("message").value_or(""));
  CHECK_MESSAGE(got_code == code, "expected error code " << code << ": " << r.describe());
  CHECK_MESSAGE(!message.empty(), "the error should carry a message: " << r.describe());
  if (!message_part.empty()) {
    CHECK_MESSAGE(message.find(message_part) != std::string::npos,
                  "the error message should mention '" << message_part << "': " << r.describe());
  }
  return message;
}

std::string dump(const Value& v) {
  tailor::json::Writer w;
  std::function<void(const Value&)> put = [&](const Value& x) {
    if (x.is_null()) {
      w.null();
    } else if (auto b = x.as_bool()) {
      w.value(*b);
    } else if (auto s = x.as_string()) {
      w.value(*s);
    } else if (auto a = x.as_array()) {
      w.array_begin();
      for (const auto& e : *a) put(e);
      w.array_end();
    } else if (auto o = x.as_object()) {
      w.object_begin();
      for (const auto& [k, e] : *o) {
        w.key(k);
        put(e);
      }
      w.object_end();
    } else if (auto i = x.as_int()) {
      w.value(*i);
    } else if (auto d = x.as_double()) {
      w.value(*d);
    } else {
      w.null();
    }
  };
  put(v);
  return std::move(w).str();
}

std::string str(const Value& v, const std::string& key) {
  auto s = v.string_at(key);
  if (!s) FAIL("expected a string member '" << key << "' in " << dump(v));
  return std::string(*s);
}

long long num(const Value& v, const std::string& key) {
  auto i = v.int_at(key);
  if (!i) FAIL("expected an integer member '" << key << "' in " << dump(v));
  return *i;
}

bool eventually(const std::function<bool()>& pred, std::chrono::milliseconds timeout) {
  const auto end = Clock::now() + timeout;
  while (Clock::now() < end) {
    if (pred()) return true;
    std::this_thread::sleep_for(50ms);
  }
  return pred();
}

std::string file_tail(const std::string& path, std::size_t lines) {
  return tail_lines(read_text(path), lines);
}

std::size_t count_of(const std::string& hay, const std::string& needle) {
  if (needle.empty()) return 0;
  std::size_t n = 0;
  for (auto pos = hay.find(needle); pos != std::string::npos;
       pos = hay.find(needle, pos + needle.size()))
    ++n;
  return n;
}

std::string fixture_dir() {
  static tailor::testing::TempDir dir;
  return dir.path("");
}

std::string make_pdf(const std::vector<std::string>& pages) {
  const std::string path = fixture_dir() + "fixture-" + random_hex(8) + ".pdf";
  tailor::testing::write_pdf(path, pages);
  return tailor::testing::read_file(path);
}

std::string make_docx(const std::string& body_text, const std::vector<std::string>& table_cells,
                      const std::string& header_text) {
  namespace t = tailor::testing;
  std::string table = "<w:tbl>";
  for (std::size_t i = 0; i < table_cells.size(); i += 2) {
    table += "<w:tr>";
    for (std::size_t j = i; j < i + 2 && j < table_cells.size(); ++j) {
      table += "<w:tc>" + t::word_paragraph(table_cells[j]) + "</w:tc>";
    }
    table += "</w:tr>";
  }
  table += "</w:tbl>";
  const std::string path = fixture_dir() + "fixture-" + random_hex(8) + ".docx";
  t::write_docx(
      path, t::word_document(t::word_paragraph(body_text) + table),
      {{"word/header1.xml", t::word_header_footer("hdr", t::word_paragraph(header_text))}});
  return t::read_file(path);
}

}  // namespace e2e
