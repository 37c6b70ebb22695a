#pragma once
// The word lists the résumé parser reads (vocabulary.txt, compiled in): job-title words,
// employer and school cues, degree openings, sentence-opening verbs, words that are no part of a
// name, regions, countries, section headings.
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace tailor::analyze::resume_parse {

struct Region {
  std::string country;  // "US"
  std::string code;     // "IL"
  std::string name;     // "Illinois"
};

struct Vocabulary {
  std::unordered_set<std::string> title_words;        // lower case
  std::unordered_set<std::string> company_words;      // lower case
  std::unordered_set<std::string> institution_words;  // lower case
  std::unordered_set<std::string> degree_openings;    // lower case, dots kept
  std::unordered_set<std::string> verbs;              // lower case: sentence openers
  std::unordered_set<std::string> not_name;           // lower case: never in a person's name
  // Lower-case code and lower-case name → region.
  std::unordered_map<std::string, Region> regions;
  // Lower-case country name or code → ISO code.
  std::unordered_map<std::string, std::string> countries;
  // Normalised heading (heading_key()) → kind, for the standard headings.
  std::unordered_map<std::string, std::string> headings;
  // Label of an entry line (heading_key(), "job title") → "position" | "employer" | "dates" |
  // "body".
  std::unordered_map<std::string, std::string> entry_labels;
  // Lower-case word → kind, for headings not in the list.
  std::unordered_map<std::string, std::string> heading_words;

  // Parsed once per process from vocabulary.txt.
  static const Vocabulary& get();
};

// A heading as the lexicon keys it: lower case ASCII, "&" → "and", punctuation dropped, single
// spaces ("WORK EXPERIENCE:" → "work experience").
std::string heading_key(std::string_view line);

}  // namespace tailor::analyze::resume_parse
