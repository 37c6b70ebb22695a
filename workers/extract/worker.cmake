# The extract stage bound to the pipeline, and the tailor-extract worker binary. The stage runs
# each file in tailor-extract-child (sandbox.cmake), so building the worker builds its child.
tailor_library(extract_stage
  SOURCES extract_stage.cpp
  PUBLIC tailor::extract tailor::extract_sandbox tailor::jobs tailor::db tailor::storage
  PRIVATE tailor::extract_codec tailor::json fmt::fmt)
add_executable(tailor-extract main.cpp)
target_link_libraries(tailor-extract PRIVATE tailor::extract_stage tailor::runtime)
add_dependencies(tailor-extract tailor-extract-child)
