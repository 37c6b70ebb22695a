#pragma once
// PostgreSQL array literals for binding a whole column of values as one parameter, so a batch
// of rows goes in with one INSERT … SELECT FROM unnest(:a::uuid[], :b::text[], …).
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace tailor::db {

// '{"a","b\"c"}' — every element quoted, with " and \ escaped; NULL is never produced.
std::string array_literal(const std::vector<std::string>& values);
std::string array_literal(const std::vector<std::int64_t>& values);

}  // namespace tailor::db
