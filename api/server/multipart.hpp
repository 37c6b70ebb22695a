#pragma once
// A streaming multipart/form-data parser (RFC 7578 / RFC 2046). Pure: no I/O, no Boost.
// Feed it the body in chunks split anywhere; it calls the sink for each part's headers, data and
// end. It holds at most one part's header block (bounded) in memory, never the data: data is
// passed through as slices of the chunks fed in.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "common/core/error.hpp"

namespace tailor::http {

struct PartHeaders {
  std::string name;                     // Content-Disposition: form-data; name="…"
  std::optional<std::string> filename;  // filename="…" when present (may be "")
  std::string content_type;             // the part's Content-Type, "" when absent
};

class MultipartSink {
 public:
  virtual ~MultipartSink() = default;
  // An error from any of these stops the parser and is returned by feed() as is.
  virtual Status on_part_begin(const PartHeaders& headers) = 0;
  virtual Status on_part_data(std::string_view data) = 0;
  virtual Status on_part_end() = 0;
};

class MultipartParser {
 public:
  struct Limits {
    std::size_t max_header_bytes = 8 * 1024;  // one part's header block
    std::size_t max_parts = 64;
  };

  // `boundary` as given in the Content-Type (see boundary_from_content_type).
  MultipartParser(std::string_view boundary, MultipartSink& sink, Limits limits);
  MultipartParser(std::string_view boundary, MultipartSink& sink)
      : MultipartParser(boundary, sink, Limits{}) {}

  // Consumes a chunk. Fails with invalid_argument "malformed multipart body: …", or with the
  // sink's error; after a failure every call fails again.
  Status feed(std::string_view chunk);
  // Call once the body has ended. Fails when the closing boundary was never seen.
  Status finish();
  // True once the closing boundary has been seen (the rest of the body is ignored).
  bool done() const { return state_ == State::epilogue; }

 private:
  enum class State {
    preamble,
    after_delimiter,
    after_dash,
    after_cr,
    headers,
    data,
    epilogue,
    failed
  };
  Status fail_with(Status s);
  Status malformed(std::string_view why);
  Status parse_headers();

  std::string delimiter_;  // "\r\n--" + boundary
  MultipartSink& sink_;
  Limits limits_;
  State state_ = State::preamble;
  // How many bytes of delimiter_ the most recent input ended with. Those bytes are held back
  // (not yet passed to the sink) until we know whether the delimiter follows; since they equal
  // delimiter_'s prefix they need no buffer of their own.
  std::size_t matched_ = 0;
  std::string header_block_;
  std::size_t parts_ = 0;
  Error error_;
};

// The boundary parameter of a multipart/form-data Content-Type, unquoted; nullopt when the type is
// something else or the boundary is missing, empty, longer than 70 characters or holds CR/LF.
std::optional<std::string> boundary_from_content_type(std::string_view content_type);

}  // namespace tailor::http
