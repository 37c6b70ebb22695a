#pragma once
// Internal to the pii library: what every detector reads (Context) and reports (Finding), and the
// detectors. detect() (pii.cpp) runs them all, settles overlaps and numbers the placeholders.
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "workers/analyze/pii/pii.hpp"
#include "workers/analyze/pii/word_lists.hpp"
#include "workers/analyze/text/text.hpp"

namespace tailor::analyze::pii::detail {

struct Finding {
  Kind kind{};
  std::size_t offset{};
  std::size_t length{};
  // The value normalised (a phone in E.164, an e-mail in lower case, …): findings of one kind
  // with equal keys share a placeholder. A name with an empty key is the résumé's owner.
  std::string key;
};

struct Line {
  std::size_t offset{};
  std::size_t length{};
};

// A name line below the header that heads contact details or a page's running header.
struct AnchoredName {
  std::vector<std::string> tokens;  // lower-case words
  std::size_t offset{};             // bytes [offset, end) of the text hold it
  std::size_t end{};
};

// Who the résumé belongs to, as far as it is known.
struct Owner {
  std::vector<std::vector<std::string>> full_names;  // each a list of lower-case words
  // Hints that do not read as a name ("Active Directory"): the person where all their words are
  // written as name words, never a part alone.
  std::vector<std::vector<std::string>> weak_names;
  WordSet parts;  // lower-case words that stand for the owner on their own ("jane", "smith")
};

struct Context {
  std::string_view text;
  const Hints* hints{};
  std::vector<text::Word> words;
  std::vector<Line> lines;
  std::size_t contact_end{};  // bytes [0, contact_end) are the contact block at the top
  // Names below the header that head contact details or a page's running header.
  std::vector<AnchoredName> anchored_names;
  Owner owner;
};

Context make_context(std::string_view text, const Hints& hints);

// Words of `text` glued to a field label after them ("SmithPhone:") split in two.
void split_labels(std::string_view text, std::vector<text::Word>& words);
// Words that hold one end of the owner's full name glued to something else ("JJane Smith") split
// in two.
void split_glued_owner(Context& ctx);

// Whether `line` (trimmed, an optional ":" after it) is a section heading ("Work Experience").
bool is_heading(std::string_view line);

// Name lines below the header that head contact details ("Jane Roe" over "Phone: …") or stand
// beside a page's running header ("Page 2", "Experience (Cont.)").
std::vector<AnchoredName> find_anchored_names(const Context& ctx);
// The owner's names: the hints, a "Name:" field, or the name line at the top.
Owner find_owner(const Context& ctx);
// The owner known by one name only (an anchored name, when find_owner found none).
Owner owner_named(std::vector<std::string> tokens);

void find_emails(const Context& ctx, std::vector<Finding>& out);
void find_phones(const Context& ctx, std::vector<Finding>& out);
void find_urls(const Context& ctx, std::vector<Finding>& out);
void find_addresses(const Context& ctx, std::vector<Finding>& out);
void find_birth_dates(const Context& ctx, std::vector<Finding>& out);
void find_national_ids(const Context& ctx, std::vector<Finding>& out);
void find_cards(const Context& ctx, std::vector<Finding>& out);
void find_ibans(const Context& ctx, std::vector<Finding>& out);
void find_names(const Context& ctx, std::vector<Finding>& out);

}  // namespace tailor::analyze::pii::detail
