#pragma once
// Degrees on one scale, from a résumé's degree field or from job-description prose.
#include <cstddef>
#include <string_view>
#include <vector>

namespace tailor::analyze::matching {

enum class Degree { none, high_school, associate, bachelor, master, doctorate };

// "", "high_school", "associate", "bachelor", "master", "doctorate" (JobRequirements::education).
std::string_view to_string(Degree degree);
// "a bachelor's degree", "a master's degree", … for sentences; "no degree" for none.
std::string_view describe(Degree degree);

// The highest degree a résumé field names: "B.S.", "Bachelor of Science", "MSc", "Ph.D.",
// "Associate of Arts", "High School Diploma", "MBA"; none when it names none.
Degree degree_of(std::string_view field);

struct DegreeMention {
  Degree degree{};
  std::size_t offset{};  // bytes into the prose
};
// Degrees a job description asks for, in order. Abbreviations count only where they read as a
// degree ("BS in", "MS/PhD", not "MS Office"); a bare "degree in …" or "college degree" is a
// bachelor's, "advanced degree" or "graduate degree" a master's.
std::vector<DegreeMention> degrees_in(std::string_view prose);

}  // namespace tailor::analyze::matching
