#pragma once
// The skills lexicon: canonical skill names with aliases and categories, and the matcher that
// finds them in text. The built-in lexicon (skills.tsv, embedded at build time) is curated for
// the project; an ESCO or O*NET skills CSV can be imported on top of it.
#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "common/core/config.hpp"
#include "common/core/error.hpp"

namespace tailor::analyze::skills {

// Categories of the built-in lexicon; imported skills keep the category their file gives them
// (ESCO skillType, O*NET element) or "imported".
//   "language" "framework" "library" "database" "tool" "cloud" "data" "method" "soft"
//   "certification" "domain"
struct Skill {
  std::string name;      // canonical, as displayed: "JavaScript", "Kubernetes", "C++"
  std::string category;
  std::vector<std::string> aliases;  // "JS", "k8s", …; matched like the name
};

// One occurrence of a skill in a text.
struct Mention {
  std::size_t skill{};   // index into Lexicon::skills()
  std::size_t offset{};  // byte offset of the matched text
  std::size_t length{};  // bytes
};

class Lexicon {
 public:
  Lexicon();
  ~Lexicon();
  Lexicon(Lexicon&&) noexcept;
  Lexicon& operator=(Lexicon&&) noexcept;

  // The curated lexicon, parsed once per process (thread-safe).
  static const Lexicon& builtin();
  // The lexicon this process uses: builtin(), or — when TAILOR_SKILLS_CSV names ESCO/O*NET CSV
  // files (paths separated by ':') — the curated skills plus those files' skills, imported in
  // order. Built on the first call and kept for the process; invalid_argument names the file
  // and line of a file that cannot be read or imported.
  static Result<const Lexicon*> for_process(const core::Env& env);
  // Parses the project's TSV format (see skills.tsv's header); invalid_argument names the line.
  static Result<Lexicon> from_tsv(std::string_view tsv);
  // Reads an ESCO skills CSV (conceptType, conceptUri, preferredLabel, …, altLabels, …) or an
  // O*NET "Technology Skills"/"Skills" file and adds its skills; a name or alias already known
  // merges into the existing skill. Returns how many skills were added.
  Result<std::size_t> import_csv(std::string_view csv);

  const std::vector<Skill>& skills() const;
  std::size_t size() const;
  // The skill a name or alias denotes ("js", "Postgres", "k8s"), case-insensitively; nullptr
  // when unknown.
  const Skill* find(std::string_view name_or_alias) const;
  // Every skill mention in `text`, in order of offset, longest match first where they overlap
  // ("Google Cloud Platform", not "Google Cloud"). Ambiguous short names ("Go", "R", "C",
  // "Swift", "Rust" as words) need evidence that they mean the skill.
  std::vector<Mention> find_in(std::string_view text) const;
  // Distinct skills in `text`, by index, in order of first mention.
  std::vector<std::size_t> distinct_in(std::string_view text) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace tailor::analyze::skills
