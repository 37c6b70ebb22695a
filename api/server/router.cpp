#include "api/server/router.hpp"

#include <algorithm>
#include <cstdint>
#include <stdexcept>

#include "common/json/writer.hpp"

namespace tailor::http {

namespace {

// Iterates the '/'-separated segments of a path that starts with '/'.
// "/" has one empty segment; "/a/b" has "a", "b"; "/a/" has "a", "".
class SegmentCursor {
 public:
  explicit SegmentCursor(std::string_view path) : rest_(path.empty() ? path : path.substr(1)) {}
  bool next(std::string_view& out) {
    if (done_) return false;
    const std::size_t slash = rest_.find('/');
    if (slash == std::string_view::npos) {
      out = rest_;
      done_ = true;
    } else {
      out = rest_.substr(0, slash);
      rest_ = rest_.substr(slash + 1);
    }
    return true;
  }

 private:
  std::string_view rest_;
  bool done_ = false;
};

// Compares one wire segment with a literal without allocating in the common no-escape case.
bool literal_equals(std::string_view wire, const std::string& literal) {
  if (wire.find('%') == std::string_view::npos) return wire == literal;
  auto decoded = percent_decode(wire);
  return decoded && *decoded == literal;
}

}  // namespace

Router& Router::add(std::string method, std::string pattern, Handler handler,
                    RouteOptions options) {
  if (method.empty() || pattern.empty() || pattern.front() != '/') {
    throw std::invalid_argument("route pattern must start with '/': " + pattern);
  }
  if (!handler) throw std::invalid_argument("route without a handler: " + method + " " + pattern);
  Route route;
  SegmentCursor cursor(pattern);
  std::string_view seg;
  while (cursor.next(seg)) {
    Route::Segment s;
    if (seg.size() >= 2 && seg.front() == '{' && seg.back() == '}') {
      s.text = std::string(seg.substr(1, seg.size() - 2));
      s.capture = true;
      if (s.text.empty() || s.text.find_first_of("{}") != std::string::npos) {
        throw std::invalid_argument("bad capture in route pattern: " + pattern);
      }
    } else {
      if (seg.find_first_of("{}") != std::string_view::npos) {
        throw std::invalid_argument("a capture must be a whole segment: " + pattern);
      }
      s.text = std::string(seg);
    }
    route.segments.push_back(std::move(s));
  }
  for (const Route& r : routes_) {
    if (r.method == method && r.pattern == pattern) {
      throw std::invalid_argument("duplicate route: " + method + " " + pattern);
    }
  }
  route.method = std::move(method);
  route.pattern = std::move(pattern);
  route.handler = std::move(handler);
  route.options = std::move(options);
  routes_.push_back(std::move(route));
  return *this;
}

std::expected<RouteMatch, Response> Router::match(std::string_view method,
                                                  std::string_view raw_path) const {
  // Split once; a path deeper than this cannot match any route we would declare.
  constexpr std::size_t kMaxSegments = 16;
  std::string_view wire[kMaxSegments];
  std::size_t n = 0;
  {
    SegmentCursor cursor(raw_path);
    std::string_view seg;
    while (cursor.next(seg)) {
      if (n == kMaxSegments) {
        n = kMaxSegments + 1;
        break;
      }
      wire[n++] = seg;
    }
  }

  const Route* best = nullptr;
  // One bit per segment, first segment highest, set for a literal: comparing two shapes of
  // the same length as integers compares them lexicographically.
  std::uint32_t best_shape = 0;
  std::string allow;
  bool path_known = false;
  if (raw_path.empty() || raw_path.front() != '/') n = kMaxSegments + 1;
  for (const Route& r : routes_) {
    if (n > kMaxSegments || r.segments.size() != n) continue;
    bool ok = true;
    for (std::size_t i = 0; i < n && ok; ++i) {
      const Route::Segment& s = r.segments[i];
      ok = s.capture ? !wire[i].empty() : literal_equals(wire[i], s.text);
    }
    if (!ok) continue;
    path_known = true;
    if (r.method != method) {
      if (allow.find(r.method) == std::string::npos) {
        if (!allow.empty()) allow += ", ";
        allow += r.method;
      }
      continue;
    }
    std::uint32_t shape = 0;
    for (std::size_t i = 0; i < n; ++i) shape = (shape << 1) | (r.segments[i].capture ? 0u : 1u);
    // The route whose first differing segment is literal wins.
    if (best == nullptr || shape > best_shape) {
      best = &r;
      best_shape = shape;
    }
  }

  if (best == nullptr) {
    if (path_known) {
      // Errc has no "method not allowed"; 405 is purely an HTTP matter, so it is spelled here.
      json::Writer w;
      w.object_begin().key("error").object_begin();
      w.field("code", "method_not_allowed")
          .field("message",
                 std::string(method.substr(0, 16)) + " is not allowed here; allowed: " + allow);
      w.object_end().object_end();
      Response res = Response::json(405, std::move(w).str());
      res.headers.emplace_back("Allow", allow);
      return std::unexpected(std::move(res));
    }
    std::string shown(raw_path.substr(0, 200));
    return std::unexpected(Response::error(
        Errc::not_found, "no route for " + std::string(method.substr(0, 16)) + " " + shown));
  }

  RouteMatch m;
  m.route = best;
  for (std::size_t i = 0; i < n; ++i) {
    if (!best->segments[i].capture) continue;
    auto decoded = percent_decode(wire[i]);
    if (!decoded) return std::unexpected(Response::error(decoded.error()));
    m.params.emplace(best->segments[i].text, std::move(*decoded));
  }
  return m;
}

}  // namespace tailor::http
