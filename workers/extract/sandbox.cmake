# The extraction sandbox (issue 3): the codec between worker and child, extract_sandboxed() and
# the worker's side of the fork server (tailor::extract_sandbox), the fork server's protocol and
# loop (tailor::extract_fork_server, linked into every reader binary), and the child binary
# tailor-extract-child, built next to tailor-extract because the worker looks for it beside
# /proc/self/exe.

tailor_library(extract_codec
  SOURCES extraction_codec.cpp
  PUBLIC tailor::core
  PRIVATE tailor::json fmt::fmt)

tailor_library(extract_fork_server
  SOURCES fork_server.cpp
  PRIVATE tailor::extract_codec fmt::fmt)

tailor_library(extract_sandbox
  SOURCES sandbox.cpp server_pool.cpp
  PUBLIC tailor::core tailor::files
  PRIVATE tailor::extract_codec tailor::extract_fork_server fmt::fmt)

add_executable(tailor-extract-child child_main.cpp)
target_link_libraries(tailor-extract-child PRIVATE tailor::extract tailor::extract_codec
                      tailor::extract_fork_server)
set_target_properties(tailor-extract-child PROPERTIES RUNTIME_OUTPUT_DIRECTORY ${CMAKE_CURRENT_BINARY_DIR})
