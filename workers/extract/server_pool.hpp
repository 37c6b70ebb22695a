#pragma once
// The worker's side of the fork server (fork_server.hpp): starting `<child binary> --serve` as
// the worker's child, keeping idle servers for reuse, and receiving a server's replies.
#include <sys/types.h>
#include <unistd.h>

#include <chrono>
#include <memory>
#include <span>
#include <string>
#include <utility>

#include "common/core/error.hpp"
#include "workers/extract/fork_server.hpp"

namespace tailor::extract {

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

// One running `<child binary> --serve`, the worker's child.
class Server {
 public:
  // Fails with internal when the binary cannot be run, unavailable when fork() or a descriptor
  // is short now (messages as in sandbox.hpp).
  static Result<std::unique_ptr<Server>> start(const std::string& child_binary);
  Server(pid_t pid, Fd socket) : pid_(pid), socket_(std::move(socket)) {}
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;
  // Kills and reaps it; its reader, if any, dies with it (PR_SET_PDEATHSIG).
  ~Server();
  pid_t pid() const { return pid_; }
  int socket() const { return socket_.get(); }
  // False once it has exited (it is reaped then).
  bool alive();

 private:
  pid_t pid_ = 0;
  Fd socket_;
};

// A server for one file: an idle one when there is one still alive (`reused`), else a new one.
// Callers in different threads never share a server; a single-threaded worker keeps reusing one.
struct ServerLease {
  std::unique_ptr<Server> server;
  bool reused = false;
};
Result<ServerLease> take_server(const std::string& child_binary);
// Back to the idle servers, when it finished its file in good order.
void give_back_server(const std::string& child_binary, std::unique_ptr<Server> server);
// The pid of an idle server for `child_binary`, 0 when there is none.
pid_t idle_server_pid(const std::string& child_binary);

// Milliseconds until `deadline` for poll(): 0 when it has passed.
int remaining_ms(std::chrono::steady_clock::time_point deadline);

enum class Received { reply, timeout, lost };
// The server's next reply (with up to fds.size() descriptors, -1 for those not sent), waiting
// until `deadline`; lost when the server is gone or sent something that is not a reply.
Received receive_reply(const Server& server, fork_server::Reply& reply, std::span<int> fds,
                       std::chrono::steady_clock::time_point deadline);

}  // namespace tailor::extract
