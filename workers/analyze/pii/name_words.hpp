#pragma once
// Reading people's names out of the words of a line: which words can be part of a name, and
// runs of them ("Jane A. Smith", "Ludwig van Beethoven", "JANE SMITH") that the owner search and
// the search for other people share.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "workers/analyze/pii/detector.hpp"

namespace tailor::analyze::pii::detail {

enum class NameWord { none, name, initial, particle, honorific };

// What the word at index k can be in a name.
NameWord classify(const Context& ctx, std::size_t k);

// Whether `gap` (the bytes between two words) may sit inside a name: a blank or two, a hyphen,
// or a "." when one side is an initial ("J. Smith", "Dibbert.V").
bool name_gap(std::string_view gap, bool initial_beside);

// The bytes between word k and word k+1.
std::string_view gap_after(const Context& ctx, std::size_t k);

// What comes right after a run of name words on its line.
enum class After {
  line_end,
  colon,        // a field label ("Font Styles:"), not a name
  punctuation,  // "Jane Roe, PhD", "Jane Roe | Engineer", "Jane Roe (she/her)", "Jane RoePhone:"
  digit,        // "Ivan Keeling 87 Some Example Street"
  capitals,     // an all-capitals word ("Allen King ESB Developer")
  title_word,   // a capitalised word that is never a name ("Bernier Software Engineer")
  capitalised,  // more proper noun ("Princeton Primary School")
  prose,        // a lower-case word ("Noel Casper is an innovator")
};

struct NameRun {
  std::size_t first{};  // word indexes, inclusive
  std::size_t last{};
  std::size_t real{};  // words that are neither initials nor particles
  After after{};
};

// The name run that starts at word k (after any honorifics the caller skipped), if any: it stays
// on k's line, and an all-capitals word in a mixed-case line only ends it ("Trevor Keeling
// PROSPER").
std::optional<NameRun> read_name_run(const Context& ctx, std::size_t k);

// The lower-case words of a run, initials and particles included.
std::vector<std::string> run_tokens(const Context& ctx, const NameRun& run);

// The words of a name that stand for the person alone: no initials, particles or honorifics.
bool is_real_part(std::string_view lower_word);

// Index of the first word at or after `offset`.
std::size_t word_at(const Context& ctx, std::size_t offset);

}  // namespace tailor::analyze::pii::detail
