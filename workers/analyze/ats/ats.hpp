#pragma once
// What will trip an applicant tracking system, and how strong each experience bullet is.
#include <string>
#include <vector>

#include "workers/analyze/document.hpp"
#include "workers/analyze/resume/resume.hpp"

namespace tailor::analyze {

struct AtsFlag {
  // "image_only_pdf" "multiple_columns" "tables" "contact_in_header_footer" "missing_contact"
  // "missing_section" "nonstandard_heading" "inconsistent_dates" "too_long" "unmapped_glyphs"
  // "tiny_font" "unquantified_bullets" "weak_verbs" "first_person" "overlong_bullets"
  std::string code;
  std::string severity;  // "high" | "medium" | "low"
  std::string message;   // what is wrong, in a sentence
  std::string evidence;  // where: the heading, the line, the count
  std::string fix;       // what to do about it
};

struct BulletScore {
  std::string text;
  std::string section;  // as in Bullet
  int entry{-1};
  int score{};  // 0–100
  bool action_verb{};  // starts with a strong action verb
  bool weak_verb{};    // starts with "responsible for", "helped", "worked on", …
  bool quantified{};   // has a number, a percentage, a sum of money
  bool first_person{};
  int words{};
  std::vector<std::string> issues;  // "no action verb", "no number", "too long (41 words)", …
};

struct AtsReview {
  std::vector<AtsFlag> flags;        // highest severity first
  std::vector<BulletScore> bullets;  // in résumé order
  std::vector<int> weakest;          // indices into `bullets`, weakest first (at most 10)
};

AtsReview review(const Document& document, const ParsedResume& resume);

}  // namespace tailor::analyze
