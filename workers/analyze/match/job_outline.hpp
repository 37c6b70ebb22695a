#pragma once
// A job description cut into clauses, each marked as a requirement, a nice-to-have or neither,
// from the section it sits in ("Requirements", "Nice to have") and the words of the clause
// itself ("… is a plus", "must have …").
#include <cstddef>
#include <string_view>
#include <vector>

namespace tailor::analyze::matching {

enum class Need { neutral, required, preferred };

struct Clause {
  std::size_t begin{};  // byte range in the description
  std::size_t end{};
  Need need{};
};

struct JobOutline {
  std::vector<Clause> clauses;  // in text order, not overlapping
};

JobOutline outline_job(std::string_view text);

// The embedded job_phrases.tsv: the headings and cue words that mark required and preferred
// parts (tailor_embed_text in CMakeLists.txt).
std::string_view job_phrases_tsv();

// The clause that holds `offset`, nullptr for text outside every clause (headings, blank lines).
const Clause* clause_at(const JobOutline& outline, std::size_t offset);

// What a heading or a label before ':' announces ("Nice to have" → preferred, "Requirements" →
// required, "Benefits" → neutral); `known` false when it is no heading we know.
struct HeadingKind {
  bool known{};
  Need need{};
  int key_words{};  // words of the key that decided it ("nice to have": 3)
};
HeadingKind classify_heading(std::string_view heading);

}  // namespace tailor::analyze::matching
