#include "common/core/error.hpp"

namespace tailor {

namespace {
struct Mapping {
  std::string_view name;
  int http;
  Disposition disposition;
};

// The single table that decides how each error code surfaces to clients and to the queue.
constexpr Mapping mapping(Errc code) {
  switch (code) {
    case Errc::invalid_argument: return {"invalid_argument", 400, Disposition::dead_letter};
    case Errc::unauthenticated: return {"unauthenticated", 401, Disposition::dead_letter};
    case Errc::permission_denied: return {"permission_denied", 403, Disposition::dead_letter};
    case Errc::not_found: return {"not_found", 404, Disposition::ack};
    case Errc::already_exists: return {"already_exists", 409, Disposition::ack};
    case Errc::failed_precondition: return {"failed_precondition", 409, Disposition::dead_letter};
    case Errc::too_large: return {"too_large", 413, Disposition::dead_letter};
    case Errc::unsupported_media_type:
      return {"unsupported_media_type", 415, Disposition::dead_letter};
    case Errc::resource_exhausted: return {"resource_exhausted", 429, Disposition::retry};
    case Errc::unavailable: return {"unavailable", 503, Disposition::retry};
    case Errc::deadline_exceeded: return {"deadline_exceeded", 504, Disposition::retry};
    case Errc::internal: return {"internal", 500, Disposition::dead_letter};
  }
  return {"internal", 500, Disposition::dead_letter};
}
}  // namespace

std::string_view code_name(Errc code) { return mapping(code).name; }
int http_status(Errc code) { return mapping(code).http; }
Disposition disposition(Errc code) { return mapping(code).disposition; }

}  // namespace tailor
