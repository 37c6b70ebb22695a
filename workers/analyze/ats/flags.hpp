#pragma once
// The ATS checks, grouped by what they read, and the one table of how severe each flag is.
#include <string>
#include <string_view>
#include <vector>

#include "workers/analyze/ats/ats.hpp"
#include "workers/analyze/document.hpp"
#include "workers/analyze/resume/resume.hpp"

namespace tailor::analyze::ats {

// A flag with the severity the table in flags.cpp gives `code` (or `code` + ":" + `variant`,
// where one code has several severities, e.g. "missing_section:experience").
AtsFlag make_flag(std::string_view code, std::string message, std::string evidence, std::string fix,
                  std::string_view variant = {});
// 0 for "high", 1 for "medium", 2 for "low": the order flags are listed in.
int severity_rank(std::string_view severity);
// `text` in double quotes, cut to about 80 bytes (at a UTF-8 boundary) with "…".
std::string quote(std::string_view text);

// How the file was made: image_only_pdf, multiple_columns, tables, contact_in_header_footer,
// too_long, unmapped_glyphs, tiny_font.
void check_layout(const Document& document, const ParsedResume& resume,
                  std::vector<AtsFlag>& flags);
// What the résumé holds: missing_contact, missing_section, nonstandard_heading,
// inconsistent_dates.
void check_content(const ParsedResume& resume, std::vector<AtsFlag>& flags);
// How the bullets and the summary are written: unquantified_bullets, weak_verbs, first_person,
// overlong_bullets.
void check_writing(const ParsedResume& resume, const std::vector<BulletScore>& bullets,
                   std::vector<AtsFlag>& flags);

}  // namespace tailor::analyze::ats
