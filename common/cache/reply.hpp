#pragma once
// A Redis reply (RESP2) copied out of hiredis, so callers never see hiredis types.
#include <cstdint>
#include <string>
#include <vector>

namespace tailor::cache {

struct Reply {
  enum class Type { nil, integer, string, status, error, array };

  Type type = Type::nil;
  std::int64_t integer = 0;     // Type::integer
  std::string str;              // Type::string, status ("OK", "PONG") and error ("ERR ...")
  std::vector<Reply> elements;  // Type::array

  bool is_nil() const { return type == Type::nil; }
  bool is_integer() const { return type == Type::integer; }
  bool is_string() const { return type == Type::string; }
  bool is_status() const { return type == Type::status; }
  bool is_error() const { return type == Type::error; }
  bool is_array() const { return type == Type::array; }
};

}  // namespace tailor::cache
