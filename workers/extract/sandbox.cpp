#include "workers/extract/sandbox.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fmt/format.h>

#include <array>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <optional>
#include <vector>

#include "workers/extract/extraction_codec.hpp"

namespace tailor::extract {

namespace {

using Clock = std::chrono::steady_clock;
constexpr std::size_t kMiB = 1024 * 1024;
// The last bytes of the child's stderr are kept only to recognize an out-of-memory abort;
// they are never logged or shown (a library may quote the file in its diagnostics).
constexpr std::size_t kStderrTail = 4096;

#if defined(__SANITIZE_ADDRESS__)
constexpr bool kAddressSanitizer = true;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
constexpr bool kAddressSanitizer = true;
#else
constexpr bool kAddressSanitizer = false;
#endif
#else
constexpr bool kAddressSanitizer = false;
#endif

// Owns one file descriptor.
class Fd {
 public:
  Fd() = default;
  explicit Fd(int fd) : fd_(fd) {}
  Fd(Fd&& o) noexcept : fd_(std::exchange(o.fd_, -1)) {}
  Fd& operator=(Fd&& o) noexcept {
    if (this != &o) {
      reset();
      fd_ = std::exchange(o.fd_, -1);
    }
    return *this;
  }
  ~Fd() { reset(); }
  int get() const { return fd_; }
  void reset() {
    if (fd_ >= 0) ::close(fd_);
    fd_ = -1;
  }

 private:
  int fd_ = -1;
};

// Descriptors handed to the child are moved to 4 or above, so dup2() onto 0–3 in the child
// never overwrites one that is still to be duplicated.
constexpr int kFirstFreeFd = 4;

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

// "PDF" in "the PDF took longer than 20 s to read".
std::string_view format_noun(files::MediaType type) {
  switch (type) {
    case files::MediaType::pdf:
      return "PDF";
    case files::MediaType::docx:
      return "Word document";
    case files::MediaType::png:
      return "PNG image";
    case files::MediaType::jpeg:
      return "JPEG image";
    case files::MediaType::tiff:
      return "TIFF image";
    case files::MediaType::text:
      return "text file";
  }
  return "file";
}

// "PDF" in "the file crashed the PDF reader".
std::string_view reader_noun(files::MediaType type) {
  switch (type) {
    case files::MediaType::pdf:
      return "PDF";
    case files::MediaType::docx:
      return "Word";
    case files::MediaType::png:
    case files::MediaType::jpeg:
    case files::MediaType::tiff:
      return "image";
    case files::MediaType::text:
      return "text";
  }
  return "file";
}

std::string megabytes(std::size_t bytes) {
  if (bytes % kMiB == 0) return fmt::format("{} MB", bytes / kMiB);
  return fmt::format("{:.1f} MB", static_cast<double>(bytes) / kMiB);
}

std::string signal_name(int sig) {
  if (const char* abbrev = ::sigabbrev_np(sig)) return fmt::format("SIG{}", abbrev);
  return fmt::format("signal {}", sig);
}

double cpu_seconds(const struct rusage& ru) {
  auto s = [](const timeval& t) { return static_cast<double>(t.tv_sec) + t.tv_usec / 1e6; };
  return s(ru.ru_utime) + s(ru.ru_stime);
}

// Everything the child needs, built before fork(): after it, in a multi-threaded parent, the
// child may call only async-signal-safe functions (no allocation).
struct Spawn {
  std::vector<std::string> arg_strings, env_strings;
  std::vector<char*> argv, envp;
  std::array<std::pair<int, rlimit>, 5> limits{};
  unsigned int old_max_fd = 0;  // for closing descriptors when close_range is unavailable
  pid_t parent = 0;
};

Spawn prepare(const std::string& child_binary, const std::string& path, files::MediaType type,
              const ExtractLimits& limits, const SandboxLimits& sandbox) {
  Spawn s;
  s.arg_strings = {child_binary, std::string(files::name(type)), path,
                   "--limits=" + encode(limits)};
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

  const auto cpu = static_cast<rlim_t>(sandbox.cpu.count());
  // Under ASan the child maps terabytes of shadow memory; an address-space limit kills it.
  const rlim_t as =
      kAddressSanitizer ? RLIM_INFINITY : static_cast<rlim_t>(sandbox.address_space_bytes);
  s.limits = {{{RLIMIT_CPU, {cpu, cpu + 1}},
               {RLIMIT_AS, {as, as}},
               {RLIMIT_FSIZE, {sandbox.file_size_bytes, sandbox.file_size_bytes}},
               {RLIMIT_NOFILE,
                {static_cast<rlim_t>(sandbox.open_files), static_cast<rlim_t>(sandbox.open_files)}},
               {RLIMIT_CORE, {0, 0}}}};
  rlimit nofile{};
  s.old_max_fd = ::getrlimit(RLIMIT_NOFILE, &nofile) == 0 && nofile.rlim_cur != RLIM_INFINITY
                     ? static_cast<unsigned int>(std::min<rlim_t>(nofile.rlim_cur, 1 << 20))
                     : 65536;
  s.parent = ::getpid();
  return s;
}

// In the child, between fork and exec: async-signal-safe calls only. Reports a failure as
// errno on `status_fd` (fd 3, close-on-exec, so a successful exec sends nothing).
[[noreturn]] void child(const Spawn& s, int devnull, int out, int err, int status) {
  auto die = [](int e) {
    const int code = e;
    [[maybe_unused]] auto n = ::write(3, &code, sizeof code);
    ::_exit(127);
  };
  ::setpgid(0, 0);  // its own group, so a kill reaches anything it starts
  ::prctl(PR_SET_PDEATHSIG, SIGKILL);
  if (::getppid() != s.parent) ::_exit(127);  // the worker died before prctl

  if (::dup2(devnull, 0) < 0 || ::dup2(out, 1) < 0 || ::dup2(err, 2) < 0) die(errno);
  if (::dup3(status, 3, O_CLOEXEC) < 0) die(errno);
  if (::close_range(4, ~0U, 0) != 0) {
    for (unsigned int fd = 4; fd < s.old_max_fd; ++fd) ::close(static_cast<int>(fd));
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

  for (const auto& [resource, limit] : s.limits) {
    if (::setrlimit(resource, &limit) != 0) die(errno);
  }
  ::execve(s.argv[0], s.argv.data(), s.envp.data());
  die(errno);
  ::_exit(127);
}

struct Outcome {
  std::string out;
  std::string err_tail;
  enum class Killed { no, wall, output } killed = Killed::no;
  int status = 0;
  struct rusage usage {};
};

int remaining_ms(Clock::time_point deadline) {
  const auto left = std::chrono::ceil<std::chrono::milliseconds>(deadline - Clock::now()).count();
  return left <= 0 ? 0 : static_cast<int>(std::min<long long>(left, 1 << 30));
}

void kill_child(pid_t pid) {
  if (::kill(-pid, SIGKILL) != 0) ::kill(pid, SIGKILL);
}

// Waits, without reaping, until the child has exited or the deadline passes.
bool exited_by(pid_t pid, Clock::time_point deadline) {
  const int pidfd = static_cast<int>(::syscall(SYS_pidfd_open, pid, 0));
  if (pidfd >= 0) {
    pollfd p{pidfd, POLLIN, 0};
    int n = 0;
    do {
      n = ::poll(&p, 1, remaining_ms(deadline));
    } while (n < 0 && errno == EINTR);
    ::close(pidfd);
    return n > 0;
  }
  for (;;) {  // kernels before 5.3
    siginfo_t info{};
    if (::waitid(P_PID, static_cast<id_t>(pid), &info, WEXITED | WNOHANG | WNOWAIT) == 0 &&
        info.si_pid == pid) {
      return true;
    }
    if (Clock::now() >= deadline) return false;
    ::usleep(1000);
  }
}

// Reads the child's stdout and stderr until both close, the wall clock runs out or the output
// is over its limit (then kills it), and reaps it.
Outcome supervise(pid_t pid, Fd out, Fd err, const SandboxLimits& sandbox,
                  Clock::time_point deadline) {
  Outcome o;
  std::array<char, 65536> buf;
  std::array<pollfd, 2> fds{pollfd{out.get(), POLLIN, 0}, pollfd{err.get(), POLLIN, 0}};
  int open = 2;
  while (open > 0 && o.killed == Outcome::Killed::no) {
    const int wait = remaining_ms(deadline);
    if (wait == 0) {
      o.killed = Outcome::Killed::wall;
      break;
    }
    const int n = ::poll(fds.data(), fds.size(), wait);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      o.killed = Outcome::Killed::wall;  // cannot watch it: do not let it run unwatched
      break;
    }
    for (std::size_t i = 0; i < fds.size(); ++i) {
      if (fds[i].fd < 0 || fds[i].revents == 0) continue;
      const ssize_t got = ::read(fds[i].fd, buf.data(), buf.size());
      if (got < 0 && (errno == EINTR || errno == EAGAIN)) continue;
      if (got <= 0) {
        fds[i].fd = -1;
        --open;
        continue;
      }
      const std::string_view chunk(buf.data(), static_cast<std::size_t>(got));
      if (i == 0) {
        if (o.out.size() + chunk.size() > sandbox.max_output_bytes) {
          o.killed = Outcome::Killed::output;
          break;
        }
        o.out.append(chunk);
      } else {
        o.err_tail.append(chunk);
        if (o.err_tail.size() > kStderrTail) o.err_tail.erase(0, o.err_tail.size() - kStderrTail);
      }
    }
  }
  if (o.killed == Outcome::Killed::no && !exited_by(pid, deadline))
    o.killed = Outcome::Killed::wall;
  if (o.killed != Outcome::Killed::no) kill_child(pid);
  out.reset();
  err.reset();
  while (::wait4(pid, &o.status, 0, &o.usage) < 0 && errno == EINTR) {
  }
  return o;
}

bool mentions_out_of_memory(std::string_view err) {
  for (std::string_view sign :
       {"bad_alloc", "Out of memory", "out of memory", "Cannot allocate memory"}) {
    if (err.find(sign) != std::string_view::npos) return true;
  }
  return false;
}

Result<Extraction> classify(const Outcome& o, files::MediaType type, const SandboxLimits& sandbox) {
  const auto noun = format_noun(type);
  auto took_longer = [&](std::chrono::seconds limit) {
    return fail(Errc::invalid_argument,
                fmt::format("the {} took longer than {} s to read", noun, limit.count()));
  };
  auto needs_memory = [&] {
    return fail(Errc::invalid_argument, fmt::format("the {} needs more than {} of memory to read",
                                                    noun, megabytes(sandbox.address_space_bytes)));
  };
  if (o.killed == Outcome::Killed::wall) return took_longer(sandbox.wall);
  if (o.killed == Outcome::Killed::output) {
    return fail(Errc::invalid_argument, fmt::format("the extracted text is larger than {}",
                                                    megabytes(sandbox.max_output_bytes)));
  }
  if (WIFSIGNALED(o.status)) {
    const int sig = WTERMSIG(o.status);
    const bool over_cpu = cpu_seconds(o.usage) >= static_cast<double>(sandbox.cpu.count());
    if (sig == SIGXCPU || (sig == SIGKILL && over_cpu)) return took_longer(sandbox.cpu);
    if (sig == SIGXFSZ) {
      return fail(Errc::invalid_argument, fmt::format("the {} needs to write more than {} to read",
                                                      noun, megabytes(sandbox.file_size_bytes)));
    }
    if (sig == SIGKILL) {
      return fail(Errc::unavailable,
                  "the file reader was stopped by the system (probably short of memory); "
                  "it will be tried again");
    }
    // Under RLIMIT_AS, C libraries abort (poppler's gmalloc: "Out of memory") or crash.
    const bool near_limit =
        !kAddressSanitizer &&
        static_cast<std::size_t>(o.usage.ru_maxrss) * 1024 >= sandbox.address_space_bytes / 10 * 9;
    if ((sig == SIGABRT || sig == SIGSEGV || sig == SIGBUS) &&
        (mentions_out_of_memory(o.err_tail) || near_limit)) {
      return needs_memory();
    }
    return fail(Errc::invalid_argument,
                fmt::format("the file crashed the {} reader (signal {}); it is probably damaged",
                            reader_noun(type), signal_name(sig)));
  }
  const int code = WIFEXITED(o.status) ? WEXITSTATUS(o.status) : -1;
  if (code != 0) {
    return fail(
        Errc::internal,
        fmt::format("the file reader (tailor-extract-child) failed with exit status {}", code));
  }
  auto reply = decode_reply(o.out);
  if (!reply) return std::unexpected(reply.error());
  if (reply->out_of_memory) return needs_memory();
  return std::move(reply->result);
}

}  // namespace

SandboxLimits sandbox_limits_from(const core::Env& env) {
  SandboxLimits l;
  l.cpu = std::chrono::seconds(env.integer("TAILOR_EXTRACT_CPU_SECONDS", l.cpu.count(), 1, 3600));
  l.wall =
      std::chrono::seconds(env.integer("TAILOR_EXTRACT_WALL_SECONDS", l.wall.count(), 1, 3600));
  if (l.wall < l.cpu) {
    throw core::ConfigError(fmt::format(
        "TAILOR_EXTRACT_WALL_SECONDS ({}) must be at least TAILOR_EXTRACT_CPU_SECONDS ({})",
        l.wall.count(), l.cpu.count()));
  }
  l.address_space_bytes = static_cast<std::size_t>(env.integer(
                              "TAILOR_EXTRACT_MEMORY_MB",
                              static_cast<long long>(l.address_space_bytes / kMiB), 64, 65536)) *
                          kMiB;
  l.max_output_bytes = static_cast<std::size_t>(env.integer(
                           "TAILOR_EXTRACT_MAX_OUTPUT_MB",
                           static_cast<long long>(l.max_output_bytes / kMiB), 1, 1024)) *
                       kMiB;
  return l;
}

std::string child_binary_path(const core::Env& env) {
  std::string path;
  if (auto configured = env.get("TAILOR_EXTRACT_CHILD")) {
    path = *configured;
  } else {
    std::error_code ec;
    const auto self = std::filesystem::read_symlink("/proc/self/exe", ec);
    if (ec) throw core::ConfigError("cannot find the running executable; set TAILOR_EXTRACT_CHILD");
    path = (self.parent_path() / "tailor-extract-child").string();
  }
  if (::access(path.c_str(), X_OK) != 0 || std::filesystem::is_directory(path)) {
    throw core::ConfigError(fmt::format(
        "TAILOR_EXTRACT_CHILD: '{}' is not an executable; build tailor-extract-child or point "
        "TAILOR_EXTRACT_CHILD at it",
        path));
  }
  return path;
}

Result<Extraction> extract_sandboxed(const std::string& child_binary, const std::string& path,
                                     files::MediaType type, const ExtractLimits& limits,
                                     const SandboxLimits& sandbox) {
  const Spawn spawn = prepare(child_binary, path, type, limits, sandbox);
  auto out = make_pipe();
  if (!out) return std::unexpected(out.error());
  auto err = make_pipe();
  if (!err) return std::unexpected(err.error());
  auto status = make_pipe();
  if (!status) return std::unexpected(status.error());
  auto devnull = above_std(::open("/dev/null", O_RDONLY | O_CLOEXEC));
  if (!devnull || devnull->get() < 0)
    return fail(Errc::unavailable, "cannot start the file reader: cannot open /dev/null");

  const auto deadline = Clock::now() + sandbox.wall;
  const pid_t pid = ::fork();
  if (pid < 0) {
    return fail(Errc::unavailable,
                fmt::format("cannot start the file reader: {}", std::strerror(errno)));
  }
  if (pid == 0)
    child(spawn, devnull->get(), out->write.get(), err->write.get(), status->write.get());

  ::setpgid(pid, pid);  // also here, so a kill(-pid) cannot race the child's own setpgid
  out->write.reset();
  err->write.reset();
  status->write.reset();
  devnull->reset();

  // EOF: exec succeeded. An int: the errno of the step that failed.
  int exec_errno = 0;
  ssize_t got = 0;
  do {
    got = ::read(status->read.get(), &exec_errno, sizeof exec_errno);
  } while (got < 0 && errno == EINTR);
  status->read.reset();
  if (got == static_cast<ssize_t>(sizeof exec_errno)) {
    int ignored = 0;
    while (::waitpid(pid, &ignored, 0) < 0 && errno == EINTR) {
    }
    if (exec_errno == ENOENT || exec_errno == EACCES || exec_errno == ENOEXEC) {
      return fail(Errc::internal, fmt::format("cannot run the file reader {}: {}", child_binary,
                                              std::strerror(exec_errno)));
    }
    return fail(Errc::unavailable,
                fmt::format("cannot start the file reader: {}", std::strerror(exec_errno)));
  }

  const Outcome outcome =
      supervise(pid, std::move(out->read), std::move(err->read), sandbox, deadline);
  return classify(outcome, type, sandbox);
}

}  // namespace tailor::extract
