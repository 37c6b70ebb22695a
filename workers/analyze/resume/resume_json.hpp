#pragma once
// The Resume as a JSON Resume 1.0.0 document. Empty strings and empty lists are left out, as
// jsonresume.org's own tools do, so a consumer sees only what the résumé says.
#include <string>

#include "common/json/writer.hpp"
#include "workers/analyze/resume/resume.hpp"

namespace tailor::analyze {

void write_json(json::Writer& w, const Resume& resume);
std::string to_json(const Resume& resume);

}  // namespace tailor::analyze
