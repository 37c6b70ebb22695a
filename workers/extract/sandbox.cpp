#include "workers/extract/sandbox.hpp"

#include <poll.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fmt/format.h>

#include <array>
#include <cerrno>
#include <cstring>
#include <filesystem>

#include "workers/extract/extraction_codec.hpp"
#include "workers/extract/fork_server.hpp"
#include "workers/extract/server_pool.hpp"

namespace tailor::extract {

namespace {

using Clock = std::chrono::steady_clock;

using fork_server::bytes_of;
constexpr std::size_t kMiB = 1024 * 1024;
// The last bytes of the reader's stderr are kept only to recognize an out-of-memory abort;
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

// The limits each reader applies to itself right after the server forks it.
fork_server::Limits reader_limits(const SandboxLimits& sandbox) {
  const auto cpu = static_cast<rlim_t>(sandbox.cpu.count());
  // Under ASan the reader maps terabytes of shadow memory; an address-space limit kills it.
  const rlim_t as =
      kAddressSanitizer ? RLIM_INFINITY : static_cast<rlim_t>(sandbox.address_space_bytes);
  const auto files = static_cast<rlim_t>(sandbox.open_files);
  return {{{RLIMIT_CPU, {cpu, cpu + 1}},
           {RLIMIT_AS, {as, as}},
           {RLIMIT_FSIZE, {sandbox.file_size_bytes, sandbox.file_size_bytes}},
           {RLIMIT_NOFILE, {files, files}},
           {RLIMIT_CORE, {0, 0}}}};
}

struct Outcome {
  std::string out;
  std::string err_tail;
  enum class Killed { no, wall, output } killed = Killed::no;
  bool server_lost = false;  // the server died or stopped answering: no exit status
  int status = 0;
  struct rusage usage {};
};

// How long the server gets to report a reader's exit after it was told to kill it.
constexpr std::chrono::seconds kKillGrace{5};

// Reads the reader's stdout and stderr until both close, the wall clock runs out or the output
// is over its limit (then has the server kill it), and takes its exit status from the server.
Outcome supervise(const Server& server, Fd out, Fd err, const SandboxLimits& sandbox,
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
  fork_server::Reply exited;
  Received r = Received::timeout;
  if (o.killed == Outcome::Killed::no) {
    r = receive_reply(server, exited, {}, deadline);
    if (r == Received::timeout) o.killed = Outcome::Killed::wall;
  }
  if (o.killed != Outcome::Killed::no) {
    const fork_server::Request kill{.kind = fork_server::Request::Kind::kill};
    r = fork_server::send_message(server.socket(), bytes_of(kill))
            ? receive_reply(server, exited, {}, Clock::now() + kKillGrace)
            : Received::lost;
  }
  out.reset();
  err.reset();
  o.server_lost = r != Received::reply || exited.kind != fork_server::Reply::Kind::exited;
  o.status = exited.status;
  o.usage = exited.usage;
  return o;
}

// The request for one file: the limits, then the arguments tailor-extract-child takes.
std::string encode_request(const std::string& path, files::MediaType type,
                           const ExtractLimits& limits, const SandboxLimits& sandbox) {
  const fork_server::Request header{.kind = fork_server::Request::Kind::run,
                                    .limits = reader_limits(sandbox)};
  std::string request(bytes_of(header).data(), sizeof header);
  for (const std::string& arg :
       {std::string(files::name(type)), path, "--limits=" + encode(limits)}) {
    request += arg;
    request.push_back('\0');
  }
  return request;
}

constexpr std::string_view kServerLost =
    "the file reader stopped unexpectedly; it will be tried again";

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
  if (o.server_lost) return fail(Errc::unavailable, std::string(kServerLost));
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
  const std::string request = encode_request(path, type, limits, sandbox);
  // Another try only when a server that had been idle turns out gone before it started the
  // reader (killed between two files): nothing was read then, and a new server is started.
  for (;;) {
    auto lease = take_server(child_binary);
    if (!lease) return std::unexpected(lease.error());
    Server& server = *lease->server;
    const auto deadline = Clock::now() + sandbox.wall;
    fork_server::Reply started;
    std::array<int, 2> ends{-1, -1};
    const Received r = fork_server::send_message(server.socket(), request)
                           ? receive_reply(server, started, ends, deadline)
                           : Received::lost;
    Fd out(ends[0]), err(ends[1]);
    if (r == Received::reply && started.kind == fork_server::Reply::Kind::start_failed) {
      give_back_server(child_binary, std::move(lease->server));
      return fail(Errc::unavailable,
                  fmt::format("cannot start the file reader: {}", std::strerror(started.error)));
    }
    if (r != Received::reply || started.kind != fork_server::Reply::Kind::started ||
        out.get() < 0 || err.get() < 0) {
      if (r == Received::lost && lease->reused) continue;  // ends: a new server is not reused
      return fail(Errc::unavailable, std::string(kServerLost));
    }
    Outcome outcome = supervise(server, std::move(out), std::move(err), sandbox, deadline);
    if (!outcome.server_lost) give_back_server(child_binary, std::move(lease->server));
    return classify(outcome, type, sandbox);
  }
}

pid_t sandbox_server_pid(const std::string& child_binary) {
  return idle_server_pid(child_binary);
}

}  // namespace tailor::extract
