// tailor-sandbox-misbehaving-child: a stand-in for tailor-extract-child that breaks one limit on
// purpose, chosen by the first word of the file it is given. It serves like the real child
// (--serve, fork_server.hpp); sandbox_test.cpp runs it through extract_sandboxed() and checks
// that each misdeed maps to the error a person should read.
#include <dirent.h>
#include <fcntl.h>
#include <signal.h>
#include <unistd.h>

#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <new>
#include <string>
#include <string_view>
#include <vector>

#include "workers/extract/extraction_codec.hpp"
#include "workers/extract/fork_server.hpp"

namespace {

void print(const std::string& s) {
  std::fwrite(s.data(), 1, s.size(), stdout);
  std::fflush(stdout);
}

[[noreturn]] void spin() {
  volatile unsigned long n = 0;
  for (;;) n = n + 1;
}

// One instruction, as main() for it: the exit status.
int misbehave(int argc, char** argv) {
  if (argc < 3) return 64;
  std::string what;
  {
    std::ifstream in(argv[2]);
    in >> what;
  }

  if (what == "ok") {
    tailor::extract::Extraction x;
    x.text = "Jane Doe";
    x.method = "text-layer";
    x.page_count = 1;
    // What the child saw, for the test to check: its arguments, environment and descriptors.
    x.warnings.push_back(std::string("type=") + argv[1]);
    x.warnings.push_back("pid " + std::to_string(getpid()));
    if (argc > 3) x.warnings.push_back(argv[3]);
    for (char** e = environ; *e; ++e) x.warnings.push_back(std::string("env ") + *e);
    if (DIR* d = opendir("/proc/self/fd")) {
      while (dirent* entry = readdir(d)) {
        if (entry->d_name[0] != '.' && std::atoi(entry->d_name) != dirfd(d)) {
          x.warnings.push_back(std::string("fd ") + entry->d_name);
        }
      }
      closedir(d);
    }
    print(tailor::extract::encode_reply(x));
    return 0;
  }
  if (what == "error") {
    print(tailor::extract::encode_reply(
        tailor::fail(tailor::Errc::invalid_argument, "the PDF is damaged")));
    return 0;
  }
  if (what == "spin") spin();
  if (what == "spin-ignoring-sigxcpu") {
    signal(SIGXCPU, SIG_IGN);
    spin();
  }
  if (what == "allocate") {  // as the real child does: catch bad_alloc, say so
    try {
      std::vector<char*> blocks;
      for (;;) {
        char* b = new char[16 << 20];
        std::memset(b, 1, 16 << 20);
        blocks.push_back(b);
      }
    } catch (const std::bad_alloc&) {
      print(tailor::extract::encode_out_of_memory_reply());
      return 0;
    }
  }
  if (what == "allocate-and-abort") {  // as poppler's gmalloc does
    for (;;) {
      void* b = std::malloc(16 << 20);
      if (b == nullptr) {
        std::fputs("Out of memory\n", stderr);
        std::abort();
      }
      std::memset(b, 1, 16 << 20);
    }
  }
  if (what == "sleep") {  // leaves its pid beside the instruction, for the test to check it died
    std::ofstream(std::string(argv[2]) + ".pid") << getpid() << "\n";
    for (;;) pause();
  }
  if (what == "close-and-sleep") {  // no output to wait for, but it does not exit either
    close(1);
    close(2);
    for (;;) pause();
  }
  if (what == "flood") {
    const std::string chunk(1 << 20, 'x');
    for (int i = 0; i < 20; ++i) print(chunk);
    return 0;
  }
  if (what == "chatty-stderr") {  // a lot of diagnostics must not block it or the worker
    const std::string line(1000, 'e');
    for (int i = 0; i < 20000; ++i) std::fprintf(stderr, "%s\n", line.c_str());
    print(tailor::extract::encode_reply(tailor::fail(tailor::Errc::invalid_argument, "done")));
    return 0;
  }
  if (what == "segv") {
    // Die by the signal itself, as a crashing reader does; a sanitizer build's handler would
    // turn it into an exit status otherwise.
    std::signal(SIGSEGV, SIG_DFL);
    raise(SIGSEGV);
  }
  if (what == "garbage") {
    print("this is not JSON");
    return 0;
  }
  if (what == "exit3") return 3;
  if (what == "big-file") {
    const std::string big = std::string(argv[2]) + ".big";  // inside the test's own temp folder
    const int fd = open(big.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    const std::string chunk(1 << 20, 'x');
    for (int i = 0; i < 64; ++i) {
      if (write(fd, chunk.data(), chunk.size()) < 0) break;
    }
    unlink(big.c_str());
    return 0;
  }
  if (what == "many-files") {
    std::vector<int> fds;
    for (int fd; (fd = open("/dev/null", O_RDONLY)) >= 0;) fds.push_back(fd);
    // Give them back before printing and exiting (a sanitizer's exit checks need descriptors).
    for (int fd : fds) close(fd);
    print(tailor::extract::encode_reply(
        tailor::fail(tailor::Errc::invalid_argument, "opened " + std::to_string(fds.size()))));
    return 0;
  }
  std::fprintf(stderr, "misbehaving child: unknown instruction\n");
  return 64;
}

}  // namespace

int main(int argc, char** argv) {
  namespace fork_server = tailor::extract::fork_server;
  if (argc == 2 && std::string_view(argv[1]) == fork_server::kServeFlag)
    return fork_server::serve(misbehave);
  return misbehave(argc, argv);
}
