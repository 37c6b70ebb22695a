#include "workers/extract/server_pool.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fmt/format.h>

#include <array>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <map>
#include <mutex>
#include <vector>

namespace tailor::extract {

namespace {

using Clock = std::chrono::steady_clock;

// Descriptors handed to the server are moved to 5 or above, so dup2() onto 0–4 in its process
// never overwrites one that is still to be duplicated.
constexpr int kFirstFreeFd = 5;

Result<Fd> above_std(int fd) {
  if (fd >= kFirstFreeFd) return Fd(fd);
  const int moved = ::fcntl(fd, F_DUPFD_CLOEXEC, kFirstFreeFd);
  const int err = errno;
  ::close(fd);
  if (moved < 0)
    return fail(Errc::unavailable,
                fmt::format("cannot start the file reader: {}", std::strerror(err)));
  return Fd(moved);
}

struct Pipe {
  Fd read, write;
};

Result<Pipe> make_pipe() {
  int fds[2];
  // O_CLOEXEC: children other threads start must not inherit our ends, or EOF never comes.
  if (::pipe2(fds, O_CLOEXEC) != 0) {
    return fail(Errc::unavailable,
                fmt::format("cannot start the file reader: {}", std::strerror(errno)));
  }
  auto r = above_std(fds[0]);
  auto w = above_std(fds[1]);
  if (!r) return std::unexpected(r.error());
  if (!w) return std::unexpected(w.error());
  return Pipe{std::move(*r), std::move(*w)};
}

// Everything the server needs, built before fork(): after it, in a multi-threaded worker, the
// child may call only async-signal-safe functions (no allocation).
struct Spawn {
  std::vector<std::string> arg_strings, env_strings;
  std::vector<char*> argv, envp;
  unsigned int old_max_fd = 0;  // for closing descriptors when close_range is unavailable
  pid_t parent = 0;
};

Spawn prepare(const std::string& child_binary) {
  Spawn s;
  s.arg_strings = {child_binary, fork_server::kServeFlag};
  s.env_strings = {"PATH=/usr/local/bin:/usr/bin:/bin", "LANG=C.UTF-8",
                   "OMP_THREAD_LIMIT=1"};  // OpenMP in Tesseract is 3–7× slower on 2 cores
  // Passed through so OCR finds its data and sanitizer builds keep their options.
  for (const char* name : {"TESSDATA_PREFIX", "ASAN_OPTIONS", "UBSAN_OPTIONS", "LSAN_OPTIONS"}) {
    if (const char* v = std::getenv(name)) s.env_strings.push_back(fmt::format("{}={}", name, v));
  }
  for (auto& a : s.arg_strings) s.argv.push_back(a.data());
  s.argv.push_back(nullptr);
  for (auto& e : s.env_strings) s.envp.push_back(e.data());
  s.envp.push_back(nullptr);
  rlimit nofile{};
  s.old_max_fd = ::getrlimit(RLIMIT_NOFILE, &nofile) == 0 && nofile.rlim_cur != RLIM_INFINITY
                     ? static_cast<unsigned int>(std::min<rlim_t>(nofile.rlim_cur, 1 << 20))
                     : 65536;
  s.parent = ::getpid();
  return s;
}

// In the server's process, between fork and exec: async-signal-safe calls only. Reports a
// failure as errno on `status` (moved to fd 4, close-on-exec, so a successful exec sends
// nothing). The server gets /dev/null as stdin and stdout, the worker's stderr, and its socket
// as fork_server::kSocketFd.
[[noreturn]] void exec_server(const Spawn& s, int devnull, int socket, int status) {
  constexpr int kStatusFd = fork_server::kSocketFd + 1;
  static_assert(kStatusFd < kFirstFreeFd);
  auto die = [](int e) {
    const int code = e;
    [[maybe_unused]] auto n = ::write(kStatusFd, &code, sizeof code);
    ::_exit(127);
  };
  ::setpgid(0, 0);  // a signal meant for the worker's group does not reach it
  ::prctl(PR_SET_PDEATHSIG, SIGKILL);
  if (::getppid() != s.parent) ::_exit(127);  // the worker died before prctl

  if (::dup3(status, kStatusFd, O_CLOEXEC) < 0) ::_exit(127);
  if (::dup2(devnull, 0) < 0 || ::dup2(devnull, 1) < 0) die(errno);
  if (::dup2(socket, fork_server::kSocketFd) < 0) die(errno);
  if (::close_range(kFirstFreeFd, ~0U, 0) != 0) {
    for (unsigned int fd = kFirstFreeFd; fd < s.old_max_fd; ++fd) ::close(static_cast<int>(fd));
  }
  // Signals ignored or blocked in the worker would stay so across exec (SIGXCPU among them).
  struct sigaction dfl {};
  dfl.sa_handler = SIG_DFL;
  for (int sig = 1; sig < NSIG; ++sig) {
    if (sig != SIGKILL && sig != SIGSTOP) ::sigaction(sig, &dfl, nullptr);
  }
  sigset_t none;
  ::sigemptyset(&none);
  ::sigprocmask(SIG_SETMASK, &none, nullptr);
  ::execve(s.argv[0], s.argv.data(), s.envp.data());
  die(errno);
  ::_exit(127);
}

// Idle servers, by child binary. A caller takes one for one file and gives it back when it is
// still sound, so callers in different threads never share one and a single-threaded worker
// keeps reusing the same server.
class ServerPool {
 public:
  Result<ServerLease> take(const std::string& child_binary) {
    {
      std::lock_guard lock(mutex_);
      auto& idle = idle_[child_binary];
      while (!idle.empty()) {
        auto server = std::move(idle.back());
        idle.pop_back();
        if (server->alive()) return ServerLease{std::move(server), true};
      }
    }
    auto started = Server::start(child_binary);
    if (!started) return std::unexpected(started.error());
    return ServerLease{std::move(*started), false};
  }

  void give_back(const std::string& child_binary, std::unique_ptr<Server> server) {
    std::lock_guard lock(mutex_);
    idle_[child_binary].push_back(std::move(server));
  }

  pid_t idle_pid(const std::string& child_binary) {
    std::lock_guard lock(mutex_);
    auto it = idle_.find(child_binary);
    return it == idle_.end() || it->second.empty() ? 0 : it->second.back()->pid();
  }

 private:
  std::mutex mutex_;
  std::map<std::string, std::vector<std::unique_ptr<Server>>> idle_;
};

ServerPool& server_pool() {
  static ServerPool pool;
  return pool;
}

}  // namespace

Server::~Server() {
  socket_.reset();
  if (pid_ > 0) {
    ::kill(pid_, SIGKILL);
    while (::waitpid(pid_, nullptr, 0) < 0 && errno == EINTR) {
    }
  }
}

bool Server::alive() {
  if (pid_ > 0 && ::waitpid(pid_, nullptr, WNOHANG) == pid_) pid_ = 0;
  return pid_ > 0;
}

Result<std::unique_ptr<Server>> Server::start(const std::string& child_binary) {
  const Spawn spawn = prepare(child_binary);
  int pair[2];
  if (::socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, pair) != 0) {
    return fail(Errc::unavailable,
                fmt::format("cannot start the file reader: {}", std::strerror(errno)));
  }
  auto ours = above_std(pair[0]);
  auto theirs = above_std(pair[1]);
  if (!ours) return std::unexpected(ours.error());
  if (!theirs) return std::unexpected(theirs.error());
  auto status = make_pipe();
  if (!status) return std::unexpected(status.error());
  auto devnull = above_std(::open("/dev/null", O_RDWR | O_CLOEXEC));
  if (!devnull || devnull->get() < 0)
    return fail(Errc::unavailable, "cannot start the file reader: cannot open /dev/null");

  const pid_t pid = ::fork();
  if (pid < 0) {
    return fail(Errc::unavailable,
                fmt::format("cannot start the file reader: {}", std::strerror(errno)));
  }
  if (pid == 0) exec_server(spawn, devnull->get(), theirs->get(), status->write.get());

  ::setpgid(pid, pid);
  theirs->reset();
  status->write.reset();
  devnull->reset();
  auto server = std::make_unique<Server>(pid, std::move(*ours));

  // EOF: exec succeeded. An int: the errno of the step that failed.
  int exec_errno = 0;
  ssize_t got = 0;
  do {
    got = ::read(status->read.get(), &exec_errno, sizeof exec_errno);
  } while (got < 0 && errno == EINTR);
  if (got != static_cast<ssize_t>(sizeof exec_errno)) return server;
  if (exec_errno == ENOENT || exec_errno == EACCES || exec_errno == ENOEXEC) {
    return fail(Errc::internal, fmt::format("cannot run the file reader {}: {}", child_binary,
                                            std::strerror(exec_errno)));
  }
  return fail(Errc::unavailable,
              fmt::format("cannot start the file reader: {}", std::strerror(exec_errno)));
}

Result<ServerLease> take_server(const std::string& child_binary) {
  return server_pool().take(child_binary);
}

void give_back_server(const std::string& child_binary, std::unique_ptr<Server> server) {
  server_pool().give_back(child_binary, std::move(server));
}

pid_t idle_server_pid(const std::string& child_binary) {
  return server_pool().idle_pid(child_binary);
}

int remaining_ms(Clock::time_point deadline) {
  const auto left = std::chrono::ceil<std::chrono::milliseconds>(deadline - Clock::now()).count();
  return left <= 0 ? 0 : static_cast<int>(std::min<long long>(left, 1 << 30));
}

Received receive_reply(const Server& server, fork_server::Reply& reply, std::span<int> fds,
                       Clock::time_point deadline) {
  pollfd p{server.socket(), POLLIN, 0};
  int n = 0;
  do {
    n = ::poll(&p, 1, remaining_ms(deadline));
  } while (n < 0 && errno == EINTR);
  if (n == 0) return Received::timeout;
  if (n < 0) return Received::lost;
  std::array<char, sizeof reply> buf{};
  const long got = fork_server::receive_message(server.socket(), buf, fds);
  if (got != static_cast<long>(sizeof reply)) return Received::lost;
  std::memcpy(&reply, buf.data(), sizeof reply);
  return Received::reply;
}

}  // namespace tailor::extract
