#pragma once
// The one error vocabulary of Tailor: a small set of codes plus a message a person can act on.
// Each code maps to an HTTP status and to a message disposition here and nowhere else.
#include <expected>
#include <string>
#include <string_view>
#include <utility>

namespace tailor {

enum class Errc {
  invalid_argument,        // the caller sent something malformed
  unauthenticated,         // no or bad credentials
  permission_denied,       // authenticated, not allowed
  not_found,               // absent, or owned by someone else
  already_exists,          // unique conflict
  failed_precondition,     // the resource is not in a state that allows this
  too_large,               // a body or file over its limit
  unsupported_media_type,  // a file type we do not read
  resource_exhausted,      // rate limited, locked out, quota
  unavailable,             // a dependency is down; worth retrying
  deadline_exceeded,       // a timeout; worth retrying
  internal,                // a bug or an unexpected state
};

struct Error {
  Errc code = Errc::internal;
  std::string message;
};

template <class T>
using Result = std::expected<T, Error>;
using Status = std::expected<void, Error>;

inline std::unexpected<Error> fail(Errc code, std::string message) {
  return std::unexpected<Error>(Error{code, std::move(message)});
}

// What a queue consumer does with a message whose handler failed with this code.
enum class Disposition { ack, retry, dead_letter };

// "invalid_argument", "not_found", ... — the `code` field of JSON errors.
std::string_view code_name(Errc code);
int http_status(Errc code);
Disposition disposition(Errc code);

}  // namespace tailor
