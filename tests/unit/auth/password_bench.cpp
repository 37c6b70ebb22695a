// tailor-bench-password: prints the median wall time of hash_password and verify_password over
// 10 runs each, with the production parameters. Not a test: a figure to watch.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <string>
#include <vector>

#include "common/auth/password.hpp"

int main() {
  using Clock = std::chrono::steady_clock;
  constexpr int kRuns = 10;
  auto median_ms = [](std::vector<double> v) {
    std::sort(v.begin(), v.end());
    return (v[v.size() / 2 - 1] + v[v.size() / 2]) / 2;
  };
  std::vector<double> hash_ms, verify_ms;
  std::string encoded;
  for (int i = 0; i < kRuns; ++i) {
    auto t0 = Clock::now();
    encoded = tailor::auth::hash_password("Correct-Horse-7-battery");
    auto t1 = Clock::now();
    bool ok = tailor::auth::verify_password("Correct-Horse-7-battery", encoded);
    auto t2 = Clock::now();
    if (!ok) return 1;
    hash_ms.push_back(std::chrono::duration<double, std::milli>(t1 - t0).count());
    verify_ms.push_back(std::chrono::duration<double, std::milli>(t2 - t1).count());
  }
  std::printf("argon2id m=%u KiB t=%u p=%u: hash median %.1f ms, verify median %.1f ms (%d runs)\n",
              tailor::auth::kArgon2MemoryKiB, tailor::auth::kArgon2TimeCost,
              tailor::auth::kArgon2Parallelism, median_ms(hash_ms), median_ms(verify_ms), kRuns);
  return 0;
}
