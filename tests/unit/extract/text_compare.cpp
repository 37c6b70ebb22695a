#include "tests/unit/extract/text_compare.hpp"

#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <sstream>

namespace tailor::testing {

std::string run_pdftotext(const std::string& path) {
  int fds[2];
  if (pipe(fds) != 0) return {};
  const pid_t pid = fork();
  if (pid == 0) {
    dup2(fds[1], STDOUT_FILENO);
    close(fds[0]);
    close(fds[1]);
    execlp("pdftotext", "pdftotext", "-q", "-enc", "UTF-8", path.c_str(), "-", static_cast<char*>(nullptr));
    _exit(127);
  }
  close(fds[1]);
  std::string out;
  std::array<char, 65536> buf;
  ssize_t n = 0;
  while ((n = read(fds[0], buf.data(), buf.size())) > 0) out.append(buf.data(), static_cast<std::size_t>(n));
  close(fds[0]);
  int status = 0;
  waitpid(pid, &status, 0);
  return out;
}

std::map<std::string, int> ngrams(const std::string& text, int n) {
  std::map<std::string, int> bag;
  std::istringstream in(text);
  std::string w, previous;
  bool first = true;
  while (in >> w) {
    if (n == 1) {
      ++bag[w];
    } else if (!first) {
      ++bag[previous + ' ' + w];
    }
    previous = w;
    first = false;
  }
  return bag;
}

double Overlap::f1() const {
  if (got == 0 && want == 0) return 1.0;
  if (common == 0) return 0.0;
  const double precision = static_cast<double>(common) / got;
  const double recall = static_cast<double>(common) / want;
  return 2 * precision * recall / (precision + recall);
}

Overlap overlap(const std::map<std::string, int>& got, const std::map<std::string, int>& want) {
  Overlap o;
  for (const auto& [w, count] : got) o.got += count;
  for (const auto& [w, count] : want) o.want += count;
  for (const auto& [w, count] : got) {
    if (auto it = want.find(w); it != want.end()) o.common += std::min(count, it->second);
  }
  return o;
}

double f1(const std::string& got, const std::string& want, int n) { return overlap(ngrams(got, n), ngrams(want, n)).f1(); }

}  // namespace tailor::testing
