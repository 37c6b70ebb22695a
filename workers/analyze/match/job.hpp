#pragma once
// A job description, as pasted, and what Tailor reads out of it.
#include <optional>
#include <string>
#include <vector>

#include "workers/analyze/skills/lexicon.hpp"

namespace tailor::analyze {

struct JobInput {
  std::string text;
  std::string title;    // optional, as the user gave it; found in the text when empty
  std::string company;  // optional, likewise
};

struct JobSkill {
  std::string name;      // canonical lexicon name
  std::string category;  // lexicon category
  int mentions{};        // times the description names it
  // Skills the description accepts instead, when it only ever names this one as a choice
  // ("Kubernetes or ECS", "Amplitude, Mixpanel, or Looker"); empty when it is needed as such.
  std::vector<std::string> alternatives;
};

struct Keyword {
  std::string term;  // stemmed-free display form, lower case ("microservices", "on-call")
  double weight{};   // tf-idf weight in the description against the background corpus
  int count{};       // times the description uses it (any form: "microservice", "microservices")
};

struct JobRequirements {
  std::string title;
  std::string company;
  std::string seniority;           // "intern" | "junior" | "mid" | "senior" | "lead" | "" …
  std::vector<JobSkill> required;   // "must have", "requirements", "you have"
  std::vector<JobSkill> preferred;  // "nice to have", "bonus", "preferred"
  std::optional<double> min_years;  // "4+ years", "at least five years"
  // Lowest degree asked for: "" (none stated), "high_school", "associate", "bachelor",
  // "master", "doctorate"; `education_required` false when it is only preferred.
  std::string education;
  bool education_required{};
  std::vector<Keyword> keywords;  // the description's most telling terms, heaviest first
};

JobRequirements parse_job(const JobInput& input, const skills::Lexicon& lexicon);

}  // namespace tailor::analyze
