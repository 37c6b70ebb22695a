#pragma once
// PostgreSQL through SOCI: a fixed pool of sessions and the one place where SOCI's exceptions
// become tailor::Error. Callers run a lambda on a leased session:
//   auto r = pool.transact([&](soci::session& s) { s << "INSERT ...", soci::use(x); return 1; });
#include <soci/soci.h>

#include <chrono>
#include <condition_variable>
#include <exception>
#include <memory>
#include <mutex>
#include <string>
#include <type_traits>
#include <vector>

#include "common/core/error.hpp"

namespace tailor::db {

// Thrown inside run()/transact() to roll back and return `error` as it is: how a BatchWriter
// flush fails one item (say, a résumé that is not the caller's) without a generic message.
class Abort : public std::exception {
 public:
  explicit Abort(Error error) : error_(std::move(error)) {}
  const Error& error() const { return error_; }
  const char* what() const noexcept override { return error_.message.c_str(); }

 private:
  Error error_;
};

// Maps a SOCI/PostgreSQL exception to an Error (an Abort to its own error): connection trouble → unavailable, a unique
// violation → already_exists, serialization failure/deadlock → unavailable (retry), else internal.
Error to_error(const std::exception& e);

namespace detail {
template <class T>
struct unwrap {
  using type = T;
};
template <class T>
struct unwrap<Result<T>> {
  using type = T;
};
}  // namespace detail
// The value type a lambda's result carries: T for T, and T for Result<T>.
template <class T>
using unwrap_t = typename detail::unwrap<T>::type;

class Pool {
 public:
  // Opens `size` connections; fails with unavailable when PostgreSQL cannot be reached.
  static Result<std::unique_ptr<Pool>> connect(const std::string& url, std::size_t size);
  ~Pool();

  // Runs fn(session) and returns its value; SOCI exceptions become Errors. fn may also return
  // a Result<T>, which is passed through.
  template <class F>
  auto run(F&& fn) -> Result<unwrap_t<std::invoke_result_t<F, soci::session&>>> {
    return call(std::forward<F>(fn), false);
  }
  // As run(), inside BEGIN/COMMIT; rolls back when fn throws or returns an error.
  template <class F>
  auto transact(F&& fn) -> Result<unwrap_t<std::invoke_result_t<F, soci::session&>>> {
    return call(std::forward<F>(fn), true);
  }

  // True when a trivial query succeeds within the pool's timeout (for /health/ready).
  bool ping();

 private:
  explicit Pool(std::string url) : url_(std::move(url)) {}
  std::unique_ptr<soci::session> acquire();
  void release(std::unique_ptr<soci::session> s, bool broken);

  template <class F>
  auto call(F&& fn, bool tx) -> Result<unwrap_t<std::invoke_result_t<F, soci::session&>>>;

  std::string url_;
  std::mutex mu_;
  std::condition_variable cv_;
  std::vector<std::unique_ptr<soci::session>> idle_;
};

template <class F>
auto Pool::call(F&& fn, bool tx) -> Result<unwrap_t<std::invoke_result_t<F, soci::session&>>> {
  using R = std::invoke_result_t<F, soci::session&>;
  using T = unwrap_t<R>;
  auto session = acquire();
  if (!session) return fail(Errc::unavailable, "the database is unavailable");
  bool broken = false;
  Result<T> out = fail(Errc::internal, "unreachable");
  try {
    if (tx) session->begin();
    if constexpr (std::is_void_v<R>) {
      fn(*session);
      out = Result<T>();
    } else {
      out = Result<T>(fn(*session));
    }
    if (tx) {
      if (out) {
        session->commit();
      } else {
        session->rollback();
      }
    }
  } catch (const std::exception& e) {
    out = std::unexpected(to_error(e));
    broken = !session->is_connected();
    if (tx && !broken) {
      try {
        session->rollback();
      } catch (const std::exception&) {
        broken = true;
      }
    }
  }
  release(std::move(session), broken);
  return out;
}

}  // namespace tailor::db
