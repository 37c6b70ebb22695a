#pragma once
// Lexicon's insides, shared by its files: every name and alias ("form") of every skill, and the
// hash map from normalized keys (atoms.hpp) to forms that the matcher walks. The map also holds
// every proper prefix of a key, in atoms, so the matcher can stop extending an n-gram as soon
// as no form starts with it.
#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "workers/analyze/skills/lexicon.hpp"

namespace tailor::analyze::skills {

struct Form {
  std::size_t skill{};
  std::string text;  // as written in the lexicon: "Go", "k8s"
  bool ambiguous{};  // also an ordinary word or name: needs evidence (see matcher.cpp)
};

struct KeyEntry {
  static constexpr std::uint32_t kNone = UINT32_MAX;
  std::uint32_t form{kNone};  // the form with exactly this key, if any
  bool prefix{};              // some longer key starts with this one
};

struct KeyHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};

// The data behind Lexicon::Impl, at namespace scope so the matcher and importer can name it
// (Lexicon::Impl itself is private).
struct LexiconData {
  std::vector<Skill> skills;
  std::vector<Form> forms;
  std::unordered_map<std::string, KeyEntry, KeyHash, std::equal_to<>> keys;
  std::size_t max_atoms{};  // the most atoms any form spans

  // The form a name or alias denotes, case-insensitively; nullptr when unknown.
  const Form* form_of(std::string_view text) const;

  enum class Added { added, duplicate, conflict, empty };
  // Adds `text` as a form of skill `skill`. `duplicate`: already a form of that skill;
  // `conflict`: already a form of another skill (`*other` tells which); `empty`: no atoms.
  Added add_form(std::size_t skill, std::string_view text, bool ambiguous,
                 std::size_t* other = nullptr);
};

struct Lexicon::Impl : LexiconData {};

}  // namespace tailor::analyze::skills
