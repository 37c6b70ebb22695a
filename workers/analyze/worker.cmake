# The analyze stage bound to the pipeline, and the tailor-analyze worker binary.
tailor_library(analyze_stage
  SOURCES analyze_stage.cpp
  PUBLIC tailor::analysis tailor::jobs tailor::db
  PRIVATE tailor::extract_codec tailor::json fmt::fmt)
add_executable(tailor-analyze main.cpp)
target_link_libraries(tailor-analyze PRIVATE tailor::analyze_stage tailor::runtime)
