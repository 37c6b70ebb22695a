# Writes OUT: a C++ file defining `std::string_view FUNCTION()` (FUNCTION may be qualified,
# e.g. tailor::analyze::skills::builtin_lexicon_text) that returns the bytes of IN.
# Run by tailor_embed_text() (TailorDeps.cmake) so data files ship inside the binaries.
file(READ "${IN}" body HEX)
string(LENGTH "${body}" hex_length)
math(EXPR size "${hex_length} / 2")
# Two hex digits per byte -> "0xNN," (sixteen to a line).
string(REGEX REPLACE "([0-9a-f][0-9a-f])" "0x\\1," bytes "${body}")
string(REGEX REPLACE "((0x[0-9a-f][0-9a-f],){16})" "\\1\n" bytes "${bytes}")
string(REGEX MATCH "^(.*)::([^:]+)$" qualified "${FUNCTION}")
if(qualified)
  set(ns "${CMAKE_MATCH_1}")
  set(fn "${CMAKE_MATCH_2}")
  set(open "namespace ${ns} {\n")
  set(close "}  // namespace ${ns}\n")
else()
  set(fn "${FUNCTION}")
  set(open "")
  set(close "")
endif()
get_filename_component(name "${IN}" NAME)
file(WRITE "${OUT}.tmp" "// Generated from ${name} by cmake/embed_text.cmake. Do not edit.\n#include <string_view>\n\n${open}\nnamespace {\n// unsigned: bytes above 0x7F (UTF-8) would narrow into a plain char array.\nconstexpr unsigned char kBytes[${size} + 1] = {\n${bytes}0};\n}  // namespace\n\nstd::string_view ${fn}() { return {reinterpret_cast<const char*>(kBytes), ${size}}; }\n\n${close}")
file(COPY_FILE "${OUT}.tmp" "${OUT}" ONLY_IF_DIFFERENT)
