#include <doctest/doctest.h>

#include "common/core/error.hpp"

using namespace tailor;

TEST_CASE("each error code maps to its HTTP status, name and queue disposition") {
  CHECK(http_status(Errc::invalid_argument) == 400);
  CHECK(http_status(Errc::unauthenticated) == 401);
  CHECK(http_status(Errc::permission_denied) == 403);
  CHECK(http_status(Errc::not_found) == 404);
  CHECK(http_status(Errc::already_exists) == 409);
  CHECK(http_status(Errc::too_large) == 413);
  CHECK(http_status(Errc::unsupported_media_type) == 415);
  CHECK(http_status(Errc::resource_exhausted) == 429);
  CHECK(http_status(Errc::internal) == 500);
  CHECK(http_status(Errc::unavailable) == 503);
  CHECK(http_status(Errc::deadline_exceeded) == 504);
  CHECK(code_name(Errc::unsupported_media_type) == "unsupported_media_type");
  // Transient failures are retried; a damaged file or a bug is not worth retrying.
  CHECK(disposition(Errc::unavailable) == Disposition::retry);
  CHECK(disposition(Errc::deadline_exceeded) == Disposition::retry);
  CHECK(disposition(Errc::invalid_argument) == Disposition::dead_letter);
  CHECK(disposition(Errc::internal) == Disposition::dead_letter);
  CHECK(disposition(Errc::not_found) == Disposition::ack);
}

TEST_CASE("fail() builds an unexpected Result carrying code and message") {
  Result<int> r = fail(Errc::not_found, "no such thing");
  REQUIRE_FALSE(r.has_value());
  CHECK(r.error().code == Errc::not_found);
  CHECK(r.error().message == "no such thing");
}
