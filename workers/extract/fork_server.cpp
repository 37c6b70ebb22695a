#include "workers/extract/fork_server.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fmt/format.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include "workers/extract/extraction_codec.hpp"

namespace tailor::extract::fork_server {

namespace {

bool send_reply(const Reply& reply, std::span<const int> fds = {}) {
  return send_message(kSocketFd, bytes_of(reply), fds);
}

// The reader's arguments: the program name, then the request's NUL-separated strings.
struct Arguments {
  std::vector<std::string> strings;
  std::vector<char*> argv;
};

Arguments arguments(std::span<const char> payload) {
  Arguments a;
  a.strings.emplace_back("tailor-extract-child");
  std::string current;
  for (char c : payload) {
    if (c == '\0') {
      a.strings.push_back(std::exchange(current, {}));
    } else {
      current.push_back(c);
    }
  }
  for (auto& s : a.strings) a.argv.push_back(s.data());
  a.argv.push_back(nullptr);
  return a;
}

// In the new reader: the server is single-threaded, so everything is allowed here.
[[noreturn]] void become_reader(Reader read_one, Arguments& args, const Limits& limits, int out,
                                int err, pid_t server) {
  ::setpgid(0, 0);  // its own group, so a kill reaches anything it starts
  ::prctl(PR_SET_PDEATHSIG, SIGKILL);
  if (::getppid() != server) ::_exit(127);  // the server died before prctl

  const int devnull = ::open("/dev/null", O_RDONLY);
  if (devnull < 0 || ::dup2(devnull, 0) < 0 || ::dup2(out, 1) < 0 || ::dup2(err, 2) < 0)
    ::_exit(127);
  ::close_range(3, ~0U, 0);  // the socket, the pipes' other ends, /dev/null
  struct sigaction dfl {};
  dfl.sa_handler = SIG_DFL;
  for (int sig = 1; sig < NSIG; ++sig) {
    if (sig != SIGKILL && sig != SIGSTOP) ::sigaction(sig, &dfl, nullptr);
  }
  sigset_t none;
  ::sigemptyset(&none);
  ::sigprocmask(SIG_SETMASK, &none, nullptr);

  for (const auto& [resource, value] : limits) {
    if (::setrlimit(resource, &value) != 0) {
      const std::string reply =
          encode_reply(fail(Errc::unavailable,
                            fmt::format("cannot start the file reader: {}", std::strerror(errno))));
      [[maybe_unused]] auto n = ::write(1, reply.data(), reply.size());
      ::_exit(0);
    }
  }
  std::exit(read_one(static_cast<int>(args.strings.size()), args.argv.data()));
}

void kill_group(pid_t pid) {
  if (::kill(-pid, SIGKILL) != 0) ::kill(pid, SIGKILL);
}

// Whether the reader has exited (it is still to be reaped).
bool has_exited(pid_t pid, int pidfd, short pidfd_events) {
  if (pidfd >= 0) return pidfd_events != 0;
  siginfo_t info{};  // kernels before 5.3
  return ::waitid(P_PID, static_cast<id_t>(pid), &info, WEXITED | WNOHANG | WNOWAIT) == 0 &&
         info.si_pid == pid;
}

// Until the reader exits: kills it when the worker asks. False when the worker is gone (then
// the reader is killed too).
bool watch(pid_t pid) {
  const int pidfd = static_cast<int>(::syscall(SYS_pidfd_open, pid, 0));
  // poll() ignores a negative descriptor; without a pidfd the exit is checked every millisecond.
  std::array<pollfd, 2> fds{pollfd{kSocketFd, POLLIN, 0}, pollfd{pidfd, POLLIN, 0}};
  bool worker_alive = true;
  for (;;) {
    const int n = ::poll(fds.data(), fds.size(), pidfd >= 0 ? -1 : 1);
    if (n < 0 && errno != EINTR) {
      kill_group(pid);  // cannot watch it: do not let it run unwatched
      break;
    }
    if (n > 0 && fds[0].revents != 0) {
      std::array<char, sizeof(Request)> buf{};
      const long got = receive_message(kSocketFd, buf);
      Request request;
      if (got == static_cast<long>(sizeof request))
        std::memcpy(&request, buf.data(), sizeof request);
      worker_alive = got > 0;
      if (!worker_alive || request.kind == Request::Kind::kill) kill_group(pid);
      if (!worker_alive) break;
    }
    if (has_exited(pid, pidfd, n > 0 ? fds[1].revents : 0)) break;
  }
  if (pidfd >= 0) ::close(pidfd);
  // Whatever the reader left running in its group goes with it. Before reaping, the group's
  // id cannot have been reused.
  kill_group(pid);
  return worker_alive;
}

// One request: start a reader, hand its output to the worker, report how it ended.
bool run_one(Reader read_one, const Request& request, std::span<const char> payload) {
  Arguments args = arguments(payload);
  int out[2], err[2];
  if (::pipe2(out, O_CLOEXEC) != 0)
    return send_reply({.kind = Reply::Kind::start_failed, .error = errno});
  if (::pipe2(err, O_CLOEXEC) != 0) {
    const int e = errno;
    ::close(out[0]);
    ::close(out[1]);
    return send_reply({.kind = Reply::Kind::start_failed, .error = e});
  }
  const pid_t server = ::getpid();
  const pid_t pid = ::fork();
  if (pid == 0) become_reader(read_one, args, request.limits, out[1], err[1], server);
  const int fork_errno = errno;
  ::close(out[1]);
  ::close(err[1]);
  if (pid < 0) {
    ::close(out[0]);
    ::close(err[0]);
    return send_reply({.kind = Reply::Kind::start_failed, .error = fork_errno});
  }
  ::setpgid(pid, pid);  // also here, so a kill(-pid) cannot race the reader's own setpgid
  const std::array<int, 2> ends{out[0], err[0]};
  const bool sent = send_reply({.kind = Reply::Kind::started, .pid = pid}, ends);
  ::close(out[0]);
  ::close(err[0]);
  const bool worker_alive = sent ? watch(pid) : (kill_group(pid), false);
  Reply exited{.kind = Reply::Kind::exited, .pid = pid};
  while (::wait4(pid, &exited.status, 0, &exited.usage) < 0 && errno == EINTR) {
  }
  return worker_alive && send_reply(exited);
}

}  // namespace

bool send_message(int socket, std::span<const char> bytes, std::span<const int> fds) {
  iovec iov{const_cast<char*>(bytes.data()), bytes.size()};
  msghdr msg{};
  msg.msg_iov = &iov;
  msg.msg_iovlen = 1;
  std::vector<char> control;
  if (!fds.empty()) {
    control.resize(CMSG_SPACE(fds.size_bytes()));
    msg.msg_control = control.data();
    msg.msg_controllen = control.size();
    cmsghdr* c = CMSG_FIRSTHDR(&msg);
    c->cmsg_level = SOL_SOCKET;
    c->cmsg_type = SCM_RIGHTS;
    c->cmsg_len = CMSG_LEN(fds.size_bytes());
    std::memcpy(CMSG_DATA(c), fds.data(), fds.size_bytes());
  }
  for (;;) {
    const ssize_t n = ::sendmsg(socket, &msg, MSG_NOSIGNAL);
    if (n >= 0) return static_cast<std::size_t>(n) == bytes.size();
    if (errno != EINTR) return false;
  }
}

long receive_message(int socket, std::span<char> bytes, std::span<int> fds) {
  for (int& fd : fds) fd = -1;
  iovec iov{bytes.data(), bytes.size()};
  msghdr msg{};
  msg.msg_iov = &iov;
  msg.msg_iovlen = 1;
  std::vector<char> control(CMSG_SPACE(sizeof(int) * std::max<std::size_t>(fds.size(), 1)));
  msg.msg_control = control.data();
  msg.msg_controllen = control.size();
  ssize_t n = 0;
  do {
    n = ::recvmsg(socket, &msg, MSG_CMSG_CLOEXEC);
  } while (n < 0 && errno == EINTR);
  if (n < 0) return -1;
  std::size_t taken = 0;
  for (cmsghdr* c = CMSG_FIRSTHDR(&msg); c != nullptr; c = CMSG_NXTHDR(&msg, c)) {
    if (c->cmsg_level != SOL_SOCKET || c->cmsg_type != SCM_RIGHTS) continue;
    const std::size_t count = (c->cmsg_len - CMSG_LEN(0)) / sizeof(int);
    for (std::size_t i = 0; i < count; ++i) {
      int fd = -1;
      std::memcpy(&fd, CMSG_DATA(c) + i * sizeof(int), sizeof fd);
      if (taken < fds.size()) {
        fds[taken++] = fd;
      } else {
        ::close(fd);  // more than asked for: never leak them
      }
    }
  }
  if ((msg.msg_flags & MSG_TRUNC) != 0) return -1;
  return static_cast<long>(n);
}

int serve(Reader read_one) {
  std::vector<char> buf(sizeof(Request) + kMaxRequestBytes);
  for (;;) {
    const long got = receive_message(kSocketFd, buf);
    if (got == 0) return 0;  // the worker closed the socket or died
    if (got < 0) return 1;
    if (static_cast<std::size_t>(got) < sizeof(Request)) continue;
    Request request;
    std::memcpy(&request, buf.data(), sizeof request);
    if (request.kind != Request::Kind::run) continue;  // a kill that came after the exit
    const std::span<const char> payload(buf.data() + sizeof request,
                                        static_cast<std::size_t>(got) - sizeof request);
    if (!run_one(read_one, request, payload)) return 0;
  }
}

}  // namespace tailor::extract::fork_server
