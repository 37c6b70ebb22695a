# Every third-party library Tailor links, found once, as imported targets.
# Config packages where Debian ships them; pkg-config or find_path/find_library otherwise.
find_package(PkgConfig REQUIRED)
find_package(Threads REQUIRED)
find_package(Boost 1.74 REQUIRED)
find_package(fmt REQUIRED)
find_package(simdjson REQUIRED)
find_package(yaml-cpp REQUIRED)
find_package(rabbitmq-c REQUIRED)
find_package(CURL REQUIRED)
find_package(PostgreSQL REQUIRED)
find_package(OpenSSL REQUIRED)
find_package(pugixml REQUIRED)
find_package(doctest REQUIRED)

pkg_check_modules(HIREDIS REQUIRED IMPORTED_TARGET hiredis)
pkg_check_modules(ARGON2 REQUIRED IMPORTED_TARGET libargon2)
pkg_check_modules(POPPLER_CPP REQUIRED IMPORTED_TARGET poppler-cpp)
pkg_check_modules(LIBZIP REQUIRED IMPORTED_TARGET libzip)
pkg_check_modules(TESSERACT REQUIRED IMPORTED_TARGET tesseract lept)
pkg_check_modules(ICU REQUIRED IMPORTED_TARGET icu-uc icu-i18n)
pkg_check_modules(RE2 REQUIRED IMPORTED_TARGET re2)

# SOCI ships neither a CMake config nor a .pc file on Debian 12.
find_path(SOCI_INCLUDE_DIR soci/soci.h REQUIRED)
find_library(SOCI_CORE_LIBRARY soci_core REQUIRED)
find_library(SOCI_POSTGRESQL_LIBRARY soci_postgresql REQUIRED)
add_library(soci::postgresql INTERFACE IMPORTED)
target_include_directories(soci::postgresql INTERFACE ${SOCI_INCLUDE_DIR})
target_link_libraries(soci::postgresql INTERFACE ${SOCI_POSTGRESQL_LIBRARY} ${SOCI_CORE_LIBRARY} PostgreSQL::PostgreSQL)

# The yaml-cpp config on Debian names its target plainly.
if(TARGET yaml-cpp AND NOT TARGET yaml-cpp::yaml-cpp)
  add_library(yaml-cpp::yaml-cpp ALIAS yaml-cpp)
endif()

# tailor_library(NAME SOURCES... [PUBLIC deps...] [PRIVATE deps...]) — one library per common/ folder.
function(tailor_library name)
  cmake_parse_arguments(ARG "" "" "SOURCES;PUBLIC;PRIVATE" ${ARGN})
  add_library(tailor_${name} STATIC ${ARG_SOURCES})
  add_library(tailor::${name} ALIAS tailor_${name})
  target_include_directories(tailor_${name} PUBLIC ${PROJECT_SOURCE_DIR})
  target_link_libraries(tailor_${name} PUBLIC ${ARG_PUBLIC} PRIVATE ${ARG_PRIVATE})
endfunction()

# tailor_embed_text(TARGET FILE FUNCTION): compiles FILE into TARGET as the bytes returned by
# `std::string_view FUNCTION()` (declare it in a header; FUNCTION may be namespace-qualified).
# Rebuilt when FILE changes; nothing is read from disk at run time.
function(tailor_embed_text target file function)
  get_filename_component(abs "${file}" ABSOLUTE)
  get_filename_component(stem "${file}" NAME)
  string(MAKE_C_IDENTIFIER "${stem}" stem)
  set(out "${CMAKE_CURRENT_BINARY_DIR}/embedded_${stem}.cpp")
  add_custom_command(OUTPUT "${out}"
    COMMAND ${CMAKE_COMMAND} -DIN=${abs} -DOUT=${out} -DFUNCTION=${function}
            -P ${PROJECT_SOURCE_DIR}/cmake/embed_text.cmake
    DEPENDS "${abs}" ${PROJECT_SOURCE_DIR}/cmake/embed_text.cmake
    COMMENT "Embedding ${stem}")
  target_sources(${target} PRIVATE "${out}")
endfunction()

# libphonenumber ships neither a CMake config nor a .pc file on Debian 12; its headers include
# protobuf's, which libphonenumber-dev pulls in.
find_path(PHONENUMBER_INCLUDE_DIR phonenumbers/phonenumberutil.h REQUIRED)
find_library(PHONENUMBER_LIBRARY phonenumber REQUIRED)
add_library(phonenumber::phonenumber INTERFACE IMPORTED)
target_include_directories(phonenumber::phonenumber INTERFACE ${PHONENUMBER_INCLUDE_DIR})
target_link_libraries(phonenumber::phonenumber INTERFACE ${PHONENUMBER_LIBRARY})

# Snowball stemmers (libstemmer-dev): no CMake config or .pc file either.
find_path(STEMMER_INCLUDE_DIR libstemmer.h REQUIRED)
find_library(STEMMER_LIBRARY stemmer REQUIRED)
add_library(stemmer::stemmer INTERFACE IMPORTED)
target_include_directories(stemmer::stemmer INTERFACE ${STEMMER_INCLUDE_DIR})
target_link_libraries(stemmer::stemmer INTERFACE ${STEMMER_LIBRARY})
