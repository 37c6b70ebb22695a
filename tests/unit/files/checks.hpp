#pragma once
// Assertions the file-reading tests share.
#include <doctest/doctest.h>

#include <string>
#include <string_view>

#include "common/core/error.hpp"

namespace tailor::testing {

inline bool contains(std::string_view haystack, std::string_view needle) {
  return haystack.find(needle) != std::string_view::npos;
}

// The result is an error with this code whose message mentions `mentions`.
template <class T>
void check_error(const tailor::Result<T>& r, Errc code, std::string_view mentions) {
  REQUIRE_FALSE(r.has_value());
  CHECK(r.error().code == code);
  CHECK_MESSAGE(contains(r.error().message, mentions), r.error().message);
}

// The error's message for a failed assertion; doctest also evaluates it when a check passes
// (with -s), so it must be safe on a value.
template <class T>
std::string why(const tailor::Result<T>& r) {
  return r ? std::string("(no error)") : r.error().message;
}

}  // namespace tailor::testing
