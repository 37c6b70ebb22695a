# Writes OUT: a C++ file holding every sql/NNN_*.sql migration as a raw string, in file-name order.
# Run by a custom command in common/db so `tailor migrate` needs no files at run time.
file(GLOB files "${SQL_DIR}/*.sql")
list(SORT files)
set(body "// Generated from sql/*.sql by cmake/embed_sql.cmake. Do not edit.\n#include \"common/db/migrations.hpp\"\n\nnamespace tailor::db {\n\nconst std::vector<Migration>& migrations() {\n  static const std::vector<Migration> all = {\n")
foreach(f ${files})
  get_filename_component(name "${f}" NAME_WE)
  file(READ "${f}" sql)
  string(APPEND body "    {\"${name}\", R\"tailorsql(${sql})tailorsql\"},\n")
endforeach()
string(APPEND body "  };\n  return all;\n}\n\n}  // namespace tailor::db\n")
file(WRITE "${OUT}.tmp" "${body}")
file(COPY_FILE "${OUT}.tmp" "${OUT}" ONLY_IF_DIFFERENT)
