#pragma once
// The matcher's tokenizer: text as atoms — runs of letters, runs of digits, and single
// punctuation marks — with the spacing between them, so that "C++17", "Node.js", "CI/CD" and
// "k8s" are sequences of atoms the lexicon's keys can be built from. Lexicon forms and résumé
// text go through the same tokenizer, so they normalize the same way.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace tailor::analyze::skills {

enum class AtomKind : std::uint8_t {
  letters,  // ASCII letters and any non-ASCII character that is not punctuation or space
  digits,
  punct,  // one ASCII punctuation mark or one non-ASCII separator (bullet, dash, quote, …)
};

struct Atom {
  std::size_t offset{};  // bytes into the tokenized text
  std::size_t length{};
  AtomKind kind{AtomKind::letters};
  bool space_before{};    // whitespace separates it from the previous atom
  bool newline_before{};  // that whitespace holds a line break (or it is the first atom)
  bool gap_before{};      // that whitespace is a tab or two spaces or more: a column gap
};

std::vector<Atom> atomize(std::string_view text);

inline bool is_word(const Atom& a) {
  return a.kind != AtomKind::punct;
}
// A hyphen glued to a word on both sides ("event-driven", "Objective-C") reads like a space.
bool is_joining_hyphen(std::string_view text, const std::vector<Atom>& atoms, std::size_t i);

// Appends atom `i`'s part of a lookup key to `key`: a single space where whitespace (or a
// joining hyphen) separates it from atom `first`…`i-1`, then its ASCII-lowercased text.
void append_key(std::string& key, std::string_view text, const std::vector<Atom>& atoms,
                std::size_t first, std::size_t i);

// The lookup key of a whole name ("Google  Cloud\nPlatform" → "google cloud platform") and
// the number of atoms it spans, joining hyphens not counted; empty when the name has no atoms.
struct Key {
  std::string text;
  std::size_t atoms{};
};
Key key_of(std::string_view name);

}  // namespace tailor::analyze::skills
