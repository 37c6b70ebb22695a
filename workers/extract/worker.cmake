# The extract stage (lead-owned): stage binding library and the tailor-extract binary.
tailor_library(extract_stage
  SOURCES extract_stage.cpp
  PUBLIC tailor::extract tailor::jobs tailor::db tailor::storage
  PRIVATE tailor::json fmt::fmt)
add_executable(tailor-extract main.cpp)
target_link_libraries(tailor-extract PRIVATE tailor::extract_stage tailor::runtime)
