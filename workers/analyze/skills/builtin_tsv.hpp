#pragma once
// The bytes of skills.tsv, compiled in by tailor_embed_text() (see CMakeLists.txt).
#include <string_view>

namespace tailor::analyze::skills {

std::string_view builtin_tsv();

}  // namespace tailor::analyze::skills
