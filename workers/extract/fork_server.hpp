#pragma once
// The fork server ("zygote") that reads uploads for the worker. `tailor-extract-child --serve`
// starts once, loads its shared libraries once, and for each request forks a fresh process that
// applies the request's resource limits and reads one file, exactly as a freshly executed child
// would, so starting a reader costs a fork instead of an exec and ~70 libraries' dynamic loading.
// The server itself never reads a file. sandbox.cpp is the worker's side of the protocol below.
//
// The protocol, over a SOCK_SEQPACKET socket (one message per send):
//   worker → server  Request{run, limits} + NUL-separated arguments (type, path, --limits=…)
//   server → worker  Reply{started, pid} + the read ends of the reader's stdout and stderr,
//                    or Reply{start_failed, error} when fork() or pipe() failed
//   worker → server  Request{kill} (optional, when the reader broke the wall clock or output cap)
//   server → worker  Reply{exited, status, usage} once the reader has exited and been reaped
// The server kills the reader's process group itself, before reaping it, so a kill never hits a
// reused pid. The reader dies with the server (PR_SET_PDEATHSIG) and the server with the worker.
#include <sys/resource.h>
#include <sys/types.h>

#include <array>
#include <cstdint>
#include <span>

namespace tailor::extract::fork_server {

// The server's end of the socket, set up by the worker before exec.
constexpr int kSocketFd = 3;
// The flag that makes a reader binary serve instead of reading one file.
constexpr const char* kServeFlag = "--serve";

struct Limit {
  int resource = 0;
  rlimit value{};
};
using Limits = std::array<Limit, 5>;

struct Request {
  enum class Kind : std::uint32_t { run = 1, kill = 2 } kind = Kind::run;
  Limits limits{};
};

struct Reply {
  enum class Kind : std::uint32_t {
    started = 1,
    start_failed = 2,
    exited = 3
  } kind = Kind::started;
  pid_t pid = 0;
  int error = 0;   // errno of start_failed
  int status = 0;  // wait status of exited
  rusage usage{};  // of exited
};

// Largest request: arguments are a media type, a path and a small JSON object.
constexpr std::size_t kMaxRequestBytes = 64 * 1024;

template <class T>
std::span<const char> bytes_of(const T& value) {
  return {reinterpret_cast<const char*>(&value), sizeof value};
}

// Sends one message with `fds` attached (SCM_RIGHTS). False when the peer is gone.
bool send_message(int socket, std::span<const char> bytes, std::span<const int> fds = {});
// Receives one message into `bytes` and up to `fds.size()` descriptors (close-on-exec; unused
// slots are -1). Returns its size, 0 when the peer is gone, -1 on another error.
long receive_message(int socket, std::span<char> bytes, std::span<int> fds = {});

// The reader's entry point: main() as it would run for `argv` (program, type, path, --limits=…).
using Reader = int (*)(int argc, char** argv);

// Serves requests on kSocketFd until the worker closes it; returns the exit status for main().
int serve(Reader read_one);

}  // namespace tailor::extract::fork_server
