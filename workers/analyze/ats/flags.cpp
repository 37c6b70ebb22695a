// How severe each ATS flag is, and the small helpers every check uses to write one.
#include "workers/analyze/ats/flags.hpp"

#include <fmt/format.h>

#include <stdexcept>

namespace tailor::analyze::ats {
namespace {

struct Severity {
  std::string_view code;
  std::string_view severity;
};

// high: an ATS may lose the text or the contact; medium: parsing or ranking suffers;
// low: style a recruiter notices.
constexpr Severity kSeverities[] = {
    {"image_only_pdf", "high"},
    {"unmapped_glyphs", "high"},
    {"contact_in_header_footer", "high"},
    {"missing_contact", "high"},
    {"missing_section:experience", "high"},
    {"missing_section", "medium"},
    {"multiple_columns", "medium"},
    {"tables", "medium"},
    {"too_long", "medium"},
    {"unquantified_bullets", "medium"},
    {"nonstandard_heading", "low"},
    {"inconsistent_dates", "low"},
    {"tiny_font", "low"},
    {"weak_verbs", "low"},
    {"first_person", "low"},
    {"overlong_bullets", "low"},
};

std::string_view severity_of(std::string_view code, std::string_view variant) {
  if (!variant.empty()) {
    const auto key = fmt::format("{}:{}", code, variant);
    for (const auto& s : kSeverities)
      if (s.code == key) return s.severity;
  }
  for (const auto& s : kSeverities)
    if (s.code == code) return s.severity;
  throw std::logic_error(fmt::format("ATS flag without a severity: {}", code));
}

}  // namespace

AtsFlag make_flag(std::string_view code, std::string message, std::string evidence, std::string fix,
                  std::string_view variant) {
  return AtsFlag{.code = std::string(code),
                 .severity = std::string(severity_of(code, variant)),
                 .message = std::move(message),
                 .evidence = std::move(evidence),
                 .fix = std::move(fix)};
}

int severity_rank(std::string_view severity) {
  if (severity == "high") return 0;
  if (severity == "medium") return 1;
  return 2;
}

std::string quote(std::string_view text) {
  constexpr std::size_t kMax = 80;
  if (text.size() <= kMax) return fmt::format("\"{}\"", text);
  std::size_t cut = kMax;
  // Back off to the first byte of a UTF-8 character.
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
  return fmt::format("\"{}…\"", text.substr(0, cut));
}

}  // namespace tailor::analyze::ats
