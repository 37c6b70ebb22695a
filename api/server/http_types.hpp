#pragma once
// The request and response types handlers see. Plain structs with no Boost in sight, so that
// handler files do not pay Beast's compile time; api/server/server.cpp converts to and from Beast.
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "common/core/error.hpp"

namespace tailor::http {

using HeaderList = std::vector<std::pair<std::string, std::string>>;

// One multipart/form-data file field, already streamed to disk by the server.
struct Upload {
  std::string field_name;
  std::string filename;               // as the client sent it: untrusted, never a path to use
  std::string declared_content_type;  // as the client sent it: untrusted, sniff `head` instead
  // A file in the spool dir. The handler may rename() it away; the server unlinks it after the
  // handler returns if it is still there.
  std::string temp_path;
  std::uint64_t size = 0;
  std::string head;  // the first bytes of the file (up to kHeadBytes), for magic-byte sniffing
  // The form's other text fields, in order; each bounded (see server.hpp).
  std::vector<std::pair<std::string, std::string>> fields;

  static constexpr std::size_t kHeadBytes = 4096;
  // The value of the first text field called `name`, if any.
  std::optional<std::string_view> field(std::string_view name) const;
};

struct Request {
  std::string method;  // "GET"
  std::string target;  // the raw request target, e.g. "/v1/jobs/7?x=1"
  std::string path;    // percent-decoded path without the query
  std::vector<std::pair<std::string, std::string>> query;  // decoded, in order
  HeaderList headers;                                      // names lower-cased, in order
  std::string body;  // the whole body on non-upload routes (bounded by the route's max_body)
  std::map<std::string, std::string> params;  // from the route pattern: "/v1/jobs/{id}" → {"id", …}
  // X-Request-Id when the client sent a sane one (<= 64 chars of [A-Za-z0-9_-]), else generated.
  std::string request_id;
  std::string remote_address;
  std::optional<Upload> upload;  // set on upload routes

  // The first header with this (lower-case) name.
  std::optional<std::string_view> header(std::string_view lower_name) const;
  // The first query parameter with this name.
  std::optional<std::string_view> query_param(std::string_view name) const;
  // A path parameter; "" when the route has none of that name.
  const std::string& param(const std::string& name) const;
};

struct SseEvent {
  std::string id;     // becomes the client's Last-Event-ID; "" sends no id line
  std::string event;  // "" sends no event line (the client sees "message")
  std::string data;   // may hold newlines: each line goes out as its own "data:" line
};

struct EventBatch {
  std::vector<SseEvent> events;
  bool end = false;  // the stream is complete: the server closes after sending `events`
};

struct EventStream {
  // Runs on the blocking pool with the id of the last event the client has (its Last-Event-ID
  // at first, then the last id sent; "" when none). Returns the events after it. An error is
  // sent to the client as an "error" event and ends the stream.
  std::function<tailor::Result<EventBatch>(const std::string& last_id)> poll;
  // Server::notify(topic) makes every stream with this topic poll again at once; "" polls only
  // at the keepalive interval.
  std::string topic;
};

struct Response {
  int status = 200;
  std::string content_type = "application/json";
  std::string body;
  HeaderList headers;                 // extra headers; names and values with CR or LF are dropped
  std::optional<EventStream> stream;  // when set: a Server-Sent Events response

  static Response json(int status, std::string body);
  // Status from tailor::http_status; body {"error":{"code":…,"message":…}}.
  static Response error(const tailor::Error& e);
  static Response error(tailor::Errc code, std::string message) {
    return error(tailor::Error{code, std::move(message)});
  }
  static Response no_content();  // 204
  static Response events(EventStream s);
};

// Percent-decodes `in` ('+' stays '+' unless plus_is_space). Fails on a bad escape or on a
// decoded NUL byte.
tailor::Result<std::string> percent_decode(std::string_view in, bool plus_is_space = false);
// Splits and decodes an application/x-www-form-urlencoded query string ("a=1&b=x%20y").
tailor::Result<std::vector<std::pair<std::string, std::string>>> parse_query(std::string_view q);
// True when a client-supplied request id may be echoed and logged as is.
bool is_sane_request_id(std::string_view id);
// 32 random hex characters; fast, not for secrets.
std::string generate_request_id();

}  // namespace tailor::http
