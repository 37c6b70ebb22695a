#pragma once
// End-to-end harness: a private Tailor stack (fresh database, namespace and storage folder;
// tailor-api, tailor-extract and tailor-analyze as real processes) on the PostgreSQL, Redis and RabbitMQ that
// scripts/services runs, and an HTTP client that does what a user's client does.
//
// One Stack per test process, started on first use and torn down at exit (children SIGTERMed,
// then SIGKILLed after 10 s; the database dropped; the namespace's queues deleted). ctest runs
// every test case in its own process, so each case gets its own stack; running the binary by
// hand shares one stack between all cases.
//
// Every wait is bounded (polls every 50 ms), and failures say what was expected and what was
// seen. Wrap a test body's assertions with E2E_LOGS() so a failure also prints the tails of the
// API's and workers' logs.
//
// Run:  scripts/test -R '^e2e:'                       (builds, starts test servers, runs ctest)
//   or: eval "$(scripts/services start)"; ctest --test-dir build -R '^e2e:' -j2
//   or: build/tests/integration/e2e/tailor-e2e-test   (all cases on one shared stack)
// The RabbitMQ-restart case also needs TAILOR_SERVICES_DIR and TAILOR_AMQP_PORT (scripts/test
// exports them). TAILOR_E2E_KEEP=1 keeps each stack's logs and storage folder.
#include <doctest/doctest.h>
#include <sys/types.h>

#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <ostream>
#include <set>
#include <string>
#include <vector>

#include "common/json/value.hpp"

namespace e2e {

using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

// The variable's value; FAILs the current test with `why` (how to set it) when unset or empty.
std::string require_env(const std::string& name, const std::string& why);

// TAILOR_SOURCE_DIR / TAILOR_BINARY_DIR from the environment (ctest sets them), else the
// folders this binary was configured with.
std::string source_dir();
std::string binary_dir();

// ---------------------------------------------------------------------------------------------
// Child processes

using EnvOverrides = std::map<std::string, std::optional<std::string>>;  // nullopt: unset it

class Process {
 public:
  // fork + exec `argv` with the environment plus `env`; stdout and stderr appended to
  // `log_path`. The child gets SIGKILL when the test process dies (PR_SET_PDEATHSIG).
  // Throws std::runtime_error when it cannot be started.
  Process(std::string name, std::vector<std::string> argv, const EnvOverrides& env,
          std::string log_path);
  ~Process();  // stop(): SIGTERM, SIGKILL after 10 s
  Process(const Process&) = delete;
  Process& operator=(const Process&) = delete;

  const std::string& name() const { return name_; }
  pid_t pid() const { return pid_; }
  const std::string& log_path() const { return log_path_; }
  bool alive();
  // The exit status as waitpid reports it, once the process has ended.
  std::optional<int> status();
  void signal(int sig);
  // Waits up to `timeout` for the process to end; true when it did.
  bool wait(std::chrono::milliseconds timeout);
  // SIGTERM, then SIGKILL if it is still running after `grace`; reaps it.
  void stop(std::chrono::milliseconds grace = 10s);
  // SIGKILL and reap.
  void kill();
  // The last `lines` lines of the log.
  std::string log_tail(std::size_t lines = 40) const;
  std::string describe_status();

 private:
  std::string name_;
  std::string log_path_;
  pid_t pid_ = -1;
  std::optional<int> status_;
};

// Runs a command to completion (bounded by `timeout`); returns its exit code (-1 on timeout or
// signal) and appends its output to `log_path`.
int run_command(const std::vector<std::string>& argv, const EnvOverrides& env,
                const std::string& log_path, std::chrono::milliseconds timeout);

// ---------------------------------------------------------------------------------------------
// PostgreSQL (libpq), for setup and for checks a user cannot make through the API.

class Db {
 public:
  explicit Db(const std::string& url);  // throws std::runtime_error when it cannot connect
  ~Db();
  Db(const Db&) = delete;
  Db& operator=(const Db&) = delete;
  // Runs `sql` with $1.. parameters; the first column of the first row, nullopt for no row or
  // NULL. Throws std::runtime_error with PostgreSQL's message on error.
  std::optional<std::string> value(const std::string& sql,
                                   const std::vector<std::string>& params = {});
  void exec(const std::string& sql, const std::vector<std::string>& params = {});
  long long count(const std::string& sql, const std::vector<std::string>& params = {});

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// ---------------------------------------------------------------------------------------------
// The stack

class Stack {
 public:
  // The process's stack, started on first use. FAILs the test (with the logs) when it cannot
  // start; later calls fail the same way without trying again.
  static Stack& get();
  ~Stack();

  const std::string& base_url() const { return base_url_; }
  const std::string& ns() const { return ns_; }
  const std::string& database_url() const { return db_url_; }
  const std::string& storage_dir() const { return storage_dir_; }
  const std::string& work_dir() const { return work_dir_; }
  Process& api() { return *api_; }
  // The one tailor-analyze worker, started with the stack.
  Process& analyzer() { return *analyzer_; }
  Db& db() { return *db_; }

  // Extract workers. start_worker adds one (with extra env, e.g. TAILOR_TEST_STAGE_DELAY_MS);
  // stop_workers SIGTERMs and reaps all of them; ensure_one_worker leaves exactly one plain
  // worker running (what most tests want).
  Process& start_worker(const EnvOverrides& extra = {});
  void stop_workers();
  void ensure_one_worker();
  std::vector<Process*> workers();

  // Queue names of this stack's namespace.
  std::string queue(const std::string& stage) const { return ns_ + "." + stage; }
  std::string dead_queue(const std::string& stage) const { return ns_ + "." + stage + ".dead"; }
  // Ready messages in a queue (passive declare); FAILs when RabbitMQ cannot be asked.
  std::uint32_t queue_depth(const std::string& queue);
  // Takes (auto-acks) every ready message of a queue and returns their bodies.
  std::vector<std::string> drain_queue(const std::string& queue);

  // The tails of the API's and workers' logs, for failure messages.
  std::string logs() const;

 private:
  Stack();
  void start();
  EnvOverrides child_env() const;
  std::string bin(const std::string& rel) const;

  std::string source_dir_, binary_dir_;
  std::string admin_url_, db_url_, db_name_, ns_;
  std::string work_dir_, storage_dir_, log_dir_;
  std::string base_url_;
  std::unique_ptr<Db> db_;
  std::unique_ptr<Process> api_;
  std::unique_ptr<Process> analyzer_;
  std::vector<std::unique_ptr<Process>> workers_;
  std::vector<std::unique_ptr<Process>> retired_;  // stopped workers, kept for their logs
  std::set<const Process*> special_;               // workers started with extra settings
  int worker_seq_ = 0;
  bool database_created_ = false;
};

// Streams the stack's log tails into a doctest INFO (evaluated only when an assertion fails).
struct LogTails {
  const Stack* stack;
};
std::ostream& operator<<(std::ostream& os, const LogTails& t);
#define E2E_LOGS(stack) INFO(::e2e::LogTails{&(stack)})

// ---------------------------------------------------------------------------------------------
// HTTP client

struct HttpResponse {
  long status = 0;
  std::string body;
  std::map<std::string, std::string> headers;  // lower-case names; the last value wins
  std::string transport_error;                 // curl's message when no response came back

  std::string header(const std::string& lower_name) const;
  // The body parsed as JSON; FAILs the test (with the body) when it is not JSON.
  tailor::json::Value json() const;
  // "POST /v1/x -> 400 {"error":...}" for failure messages.
  std::string describe() const;
  std::string request_line;
};

struct Tokens {
  std::string access_token;
  std::string refresh_token;
};

struct SseEvent {
  std::string id;
  std::string event;
  std::string data;
  Clock::time_point received;
};

struct SseResult {
  long status = 0;
  std::string content_type;
  std::string cache_control;
  std::vector<SseEvent> events;
  int comments = 0;
  bool server_closed = false;  // the server ended the stream (vs. our timeout or abort)
  bool timed_out = false;
  std::string error;  // curl's message when it ended for another reason
  std::string raw;    // the body as received (for failure messages)

  std::string describe() const;
  std::vector<std::string> types() const;
  std::vector<std::string> ids() const;
};

// Called on the streaming thread for each event; return false to stop reading.
using SseCallback = std::function<bool(const SseEvent&)>;

class Client {
 public:
  explicit Client(std::string base_url);

  void set_token(std::string access_token) { token_ = std::move(access_token); }
  const std::string& token() const { return token_; }

  // A request with the client's bearer token (when set) unless `headers` carries its own
  // Authorization; `headers` are "Name: value" lines.
  HttpResponse request(const std::string& method, const std::string& path,
                       const std::string& body = "", std::vector<std::string> headers = {},
                       std::chrono::milliseconds timeout = 30s) const;
  HttpResponse get(const std::string& path) const { return request("GET", path); }
  HttpResponse del(const std::string& path) const { return request("DELETE", path); }
  HttpResponse post_json(const std::string& path, const std::string& json) const;

  HttpResponse register_user(const std::string& email, const std::string& password) const;
  HttpResponse login_raw(const std::string& email, const std::string& password) const;
  // Registers (201 expected) and logs in (200 expected); the client keeps the access token.
  Tokens sign_up(const std::string& email, const std::string& password);
  // Logs in (200 expected) and keeps the access token.
  Tokens login(const std::string& email, const std::string& password);

  // multipart/form-data upload of `bytes` as field "file" named `filename`.
  HttpResponse upload(const std::string& bytes, const std::string& filename,
                      const std::string& content_type = "application/octet-stream") const;
  // As upload(), streaming the file at `path` (for big files).
  HttpResponse upload_file(const std::string& path, const std::string& filename) const;

  // GET /v1/jobs/{id}; 200 expected.
  tailor::json::Value get_job(const std::string& job_id) const;
  // Polls GET /v1/jobs/{id} every 50 ms until its state is one of `states`; FAILs with the last
  // state seen on timeout. Returns the job.
  tailor::json::Value wait_for_job_state(const std::string& job_id,
                                         const std::vector<std::string>& states,
                                         std::chrono::milliseconds timeout = 30s) const;

  // GET /v1/jobs/{id}/events, reading text/event-stream until the server closes, `timeout`, or
  // `on_event` returns false.
  SseResult sse(const std::string& job_id, const std::string& last_event_id = "",
                std::chrono::milliseconds timeout = 30s,
                const SseCallback& on_event = nullptr) const;

 private:
  std::string base_url_;
  std::string token_;
};

// ---------------------------------------------------------------------------------------------
// Helpers

// A unique e-mail address for this run ("<tag>-<random>@example.com").
std::string unique_email(const std::string& tag);
inline constexpr const char* kPassword = "Correct-Horse-Battery-9";

// Accepted upload: checks 202 and the body's shape; returns {resume_id, job_id}.
struct Accepted {
  std::string resume_id;
  std::string job_id;
};
Accepted expect_accepted(const HttpResponse& r);

// Checks status, a JSON body {"error":{"code":code,"message":...}} whose message contains
// `message_part` (case-sensitive; "" to skip). Returns the message.
std::string expect_error(const HttpResponse& r, long status, const std::string& code,
                         const std::string& message_part = "");

// JSON accessors that FAIL with the document when a member is missing or has another type.
std::string str(const tailor::json::Value& v, const std::string& key);
long long num(const tailor::json::Value& v, const std::string& key);
std::string dump(const tailor::json::Value& v);

// Polls `pred` every 50 ms until it holds or `timeout` passes; returns its last answer.
bool eventually(const std::function<bool()>& pred, std::chrono::milliseconds timeout = 30s);

// The last `lines` lines of a file ("" when it cannot be read).
std::string file_tail(const std::string& path, std::size_t lines = 40);

// Occurrences of `needle` in `hay`.
std::size_t count_of(const std::string& hay, const std::string& needle);

// Fixtures, made at test time in a temp folder that lives as long as the process.
std::string fixture_dir();
// A PDF whose pages hold these lines; returns its bytes.
std::string make_pdf(const std::vector<std::string>& pages);
// A DOCX whose body has `body_text` as a paragraph, a 2x2 table with the cells given, and a
// header part holding `header_text`.
std::string make_docx(const std::string& body_text, const std::vector<std::string>& table_cells,
                      const std::string& header_text);

}  // namespace e2e
