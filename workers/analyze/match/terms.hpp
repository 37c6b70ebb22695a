#pragma once
// Terms for keyword matching: the words of a text, lower case, with a key that two forms of one
// word share (Snowball English stems: "microservices" and "microservice" → "microservic"), and
// their weight against the background corpus of job ads (background_df.tsv).
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace tailor::analyze::matching {

// The embedded data files (tailor_embed_text in CMakeLists.txt).
std::string_view background_df_tsv();
std::string_view stop_words_txt();

struct Term {
  std::string surface;  // lower case, as written: "on-call", "node.js", "microservices"
  // The stems of its hyphen-separated parts, space-separated: "on call", "node.js", "microservic".
  // Parts with '.', '/', '+' or '#' ("ci/cd", "c++") are kept whole.
  std::string key;
  std::size_t offset{};  // bytes into the text
  bool stop{};           // a stop word (or made of stop words only): no keyword, but kept so
                         // that "on call" in a résumé can match the key of "on-call"
};

// Every word of `text` with a letter in it, in order (numbers and single letters left out).
std::vector<Term> terms_of(std::string_view text);

// The key of a lower-case word or compound as terms_of() would give it ("on-call" → "on call"):
// its hyphen-separated parts, each stemmed unless it holds '.', '/', '\'', '+' or '#'.
std::string term_key(std::string_view surface);
// The parts of a key ("on call" → "on", "call").
std::vector<std::string_view> key_parts(std::string_view key);

// The Snowball English stem of a lower-case word (thread-safe).
std::string stem(std::string_view word);

// Inverse document frequency of a term key against the background corpus:
// ln((1000 + 1) / (df + 1)), df the ads per 1,000 that use it; a key not listed counts as
// df 0. A compound not listed ("high-throughput") takes the mean of its parts' values, stop
// words counting as used by every ad.
double idf(std::string_view key);

}  // namespace tailor::analyze::matching
