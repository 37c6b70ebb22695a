#include "api/server/multipart.hpp"

#include <cstring>

namespace tailor::http {

namespace {

char lower(char c) {
  return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
}

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (lower(a[i]) != lower(b[i])) return false;
  }
  return true;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// Parses `; key=value; key="quoted"` parameters after a media type or disposition type and
// calls on_param(lower-cased key, value) for each. Returns false on a syntax error.
template <class F>
bool parse_params(std::string_view s, F&& on_param) {
  std::size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && (s[i] == ' ' || s[i] == '\t' || s[i] == ';')) ++i;
    if (i >= s.size()) break;
    const std::size_t key_start = i;
    while (i < s.size() && s[i] != '=' && s[i] != ';') ++i;
    std::string key(trim(s.substr(key_start, i - key_start)));
    for (char& c : key) c = lower(c);
    if (i >= s.size() || s[i] == ';') {  // a bare token without a value
      on_param(key, std::string());
      continue;
    }
    ++i;  // '='
    while (i < s.size() && (s[i] == ' ' || s[i] == '\t')) ++i;
    std::string value;
    if (i < s.size() && s[i] == '"') {
      ++i;
      bool closed = false;
      while (i < s.size()) {
        const char c = s[i++];
        if (c == '"') {
          closed = true;
          break;
        }
        // Browsers send backslashes in file names literally (they percent-encode '"'); only
        // treat a backslash as an escape where it must be one.
        if (c == '\\' && i < s.size() && (s[i] == '"' || s[i] == '\\')) {
          value.push_back(s[i++]);
          continue;
        }
        value.push_back(c);
      }
      if (!closed) return false;
    } else {
      const std::size_t start = i;
      while (i < s.size() && s[i] != ';') ++i;
      value = std::string(trim(s.substr(start, i - start)));
    }
    on_param(key, std::move(value));
  }
  return true;
}

}  // namespace

MultipartParser::MultipartParser(std::string_view boundary, MultipartSink& sink, Limits limits)
    : delimiter_("\r\n--"), sink_(sink), limits_(limits) {
  delimiter_.append(boundary);
  // The body may start with the boundary itself: pretend a CRLF came before it.
  matched_ = 2;
}

Status MultipartParser::fail_with(Status s) {
  if (!s) {
    state_ = State::failed;
    error_ = s.error();
  }
  return s;
}

Status MultipartParser::malformed(std::string_view why) {
  return fail_with(
      tailor::fail(Errc::invalid_argument, "malformed multipart body: " + std::string(why)));
}

Status MultipartParser::feed(std::string_view chunk) {
  if (state_ == State::failed) return std::unexpected(error_);
  const char* const data = chunk.data();
  const std::size_t n = chunk.size();
  std::size_t i = 0;
  while (i < n) {
    switch (state_) {
      case State::preamble:
      case State::data: {
        const bool emit = state_ == State::data;
        if (matched_ == 0) {
          // Fast path: everything up to the next CR is part data.
          const void* cr = std::memchr(data + i, '\r', n - i);
          const std::size_t j =
              cr ? static_cast<std::size_t>(static_cast<const char*>(cr) - data) : n;
          if (emit && j > i) {
            if (auto s = sink_.on_part_data(std::string_view(data + i, j - i)); !s)
              return fail_with(s);
          }
          i = j;
          if (i < n) {
            matched_ = 1;
            ++i;
          }
          break;
        }
        if (data[i] == delimiter_[matched_]) {
          ++i;
          if (++matched_ == delimiter_.size()) {
            matched_ = 0;
            if (emit) {
              if (auto s = sink_.on_part_end(); !s) return fail_with(s);
            }
            state_ = State::after_delimiter;
          }
        } else {
          // Not the delimiter after all: the held-back bytes were data. CR occurs only at the
          // delimiter's start (boundaries hold no CR), so matching restarts at this same byte.
          if (emit) {
            if (auto s = sink_.on_part_data(std::string_view(delimiter_.data(), matched_)); !s) {
              return fail_with(s);
            }
          }
          matched_ = 0;
        }
        break;
      }
      case State::after_delimiter: {
        const char c = data[i++];
        if (c == '-') {
          state_ = State::after_dash;
        } else if (c == '\r') {
          state_ = State::after_cr;
        } else if (c != ' ' && c != '\t') {  // RFC 2046 allows padding before the CRLF
          return malformed("unexpected bytes after a boundary");
        }
        break;
      }
      case State::after_dash:
        if (data[i++] != '-') return malformed("unexpected bytes after a boundary");
        state_ = State::epilogue;
        break;
      case State::after_cr:
        if (data[i++] != '\n') return malformed("unexpected bytes after a boundary");
        if (++parts_ > limits_.max_parts) return malformed("too many parts");
        header_block_.clear();
        state_ = State::headers;
        break;
      case State::headers: {
        header_block_.push_back(data[i++]);
        if (header_block_.size() > limits_.max_header_bytes)
          return malformed("part headers too long");
        const bool empty_block = header_block_ == "\r\n";
        if (empty_block || header_block_.ends_with("\r\n\r\n")) {
          if (auto s = parse_headers(); !s) return s;
          state_ = State::data;
          matched_ = 0;
        }
        break;
      }
      case State::epilogue:
        return {};  // anything after the closing boundary is ignored
      case State::failed:
        return std::unexpected(error_);
    }
  }
  return {};
}

Status MultipartParser::parse_headers() {
  PartHeaders h;
  bool has_disposition = false;
  std::string_view block(header_block_);
  while (!block.empty()) {
    const std::size_t eol = block.find("\r\n");
    std::string_view line = block.substr(0, eol);
    block = eol == std::string_view::npos ? std::string_view{} : block.substr(eol + 2);
    if (line.empty()) continue;
    const std::size_t colon = line.find(':');
    if (colon == std::string_view::npos) return malformed("bad part header line");
    const std::string_view name = trim(line.substr(0, colon));
    const std::string_view value = trim(line.substr(colon + 1));
    if (iequals(name, "content-disposition")) {
      const std::size_t semi = value.find(';');
      if (!iequals(trim(value.substr(0, semi)), "form-data"))
        return malformed("a part is not form-data");
      has_disposition = true;
      bool has_name = false;
      const bool ok =
          parse_params(semi == std::string_view::npos ? std::string_view{} : value.substr(semi),
                       [&](const std::string& k, std::string v) {
                         if (k == "name") {
                           h.name = std::move(v);
                           has_name = true;
                         } else if (k == "filename") {
                           h.filename = std::move(v);
                         }
                       });
      if (!ok) return malformed("bad Content-Disposition");
      if (!has_name) return malformed("a part has no name");
    } else if (iequals(name, "content-type")) {
      h.content_type = std::string(value);
    }
  }
  if (!has_disposition) return malformed("a part has no Content-Disposition");
  return fail_with(sink_.on_part_begin(h));
}

Status MultipartParser::finish() {
  if (state_ == State::failed) return std::unexpected(error_);
  if (state_ != State::epilogue) return malformed("missing closing boundary");
  return {};
}

std::optional<std::string> boundary_from_content_type(std::string_view content_type) {
  const std::size_t semi = content_type.find(';');
  if (!iequals(trim(content_type.substr(0, semi)), "multipart/form-data")) return std::nullopt;
  if (semi == std::string_view::npos) return std::nullopt;
  std::optional<std::string> boundary;
  if (!parse_params(content_type.substr(semi), [&](const std::string& k, std::string v) {
        if (k == "boundary" && !boundary) boundary = std::move(v);
      })) {
    return std::nullopt;
  }
  if (!boundary || boundary->empty() || boundary->size() > 70) return std::nullopt;
  if (boundary->find_first_of("\r\n") != std::string::npos) return std::nullopt;
  return boundary;
}

}  // namespace tailor::http
