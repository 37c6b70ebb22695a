# Defines tailor_test_fixture_files (tests/unit/files/fixtures.cpp: DOCX via libzip, PDF via
# libharu) once, for whichever test folder includes this first. Sets TAILOR_HAVE_FIXTURES.
#
# libharu has neither a CMake config nor a .pc file. Only the tests use it so far; if the
# project adopts it (résumé export), move the hpdf::hpdf target to cmake/TailorDeps.cmake.
if(NOT TARGET hpdf::hpdf)
  find_path(HPDF_INCLUDE_DIR hpdf.h)
  find_library(HPDF_LIBRARY hpdf)
  if(HPDF_INCLUDE_DIR AND HPDF_LIBRARY)
    add_library(hpdf::hpdf UNKNOWN IMPORTED GLOBAL)
    set_target_properties(hpdf::hpdf PROPERTIES IMPORTED_LOCATION ${HPDF_LIBRARY}
                                                INTERFACE_INCLUDE_DIRECTORIES ${HPDF_INCLUDE_DIR})
  else()
    message(WARNING "libharu (libhpdf-dev) not found: the files and extract tests are not built")
  endif()
endif()

set(TAILOR_HAVE_FIXTURES OFF)
if(TARGET hpdf::hpdf)
  if(NOT TARGET tailor_test_fixture_files)
    add_library(tailor_test_fixture_files STATIC ${CMAKE_CURRENT_LIST_DIR}/fixtures.cpp)
    target_include_directories(tailor_test_fixture_files PUBLIC ${PROJECT_SOURCE_DIR})
    target_link_libraries(tailor_test_fixture_files PRIVATE PkgConfig::LIBZIP hpdf::hpdf)
  endif()
  set(TAILOR_HAVE_FIXTURES ON)
endif()
