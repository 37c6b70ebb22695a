// Words that flattened text glued together: a name and the field label after it ("Jane
// SmithPhone: …"), and the owner's full name against a stray letter or word ("JJane Smith",
// "Jane SmithPage 2"). Each is split where the case changes, so that the name is a word of its own.
#include <algorithm>
#include <array>

#include "workers/analyze/pii/detector.hpp"
#include "workers/analyze/pii/scan.hpp"

namespace tailor::analyze::pii::detail {

namespace {

// Field labels of a contact line that a name runs into when the line break is lost.
constexpr auto kLabels = std::to_array<std::string_view>(
    {"Phone", "Mobile", "Cell", "Tel", "Telephone", "Fax", "Email", "Mail", "Address", "Contact",
     "Website", "Linkedin", "Nationality", "Gender"});

// Byte offsets inside `w` where a new capitalised part starts: "SmithPhone" at 5, "JJane" at 1.
template <class Visit>
void case_boundaries(std::string_view w, Visit&& visit) {
  for (std::size_t i = 1; i < w.size(); ++i) {
    if (!is_upper(w[i])) continue;
    const bool after_lower = is_lower(w[i - 1]);
    const bool after_capital = is_upper(w[i - 1]) && i + 1 < w.size() && is_lower(w[i + 1]);
    if (after_lower || after_capital) visit(i);
  }
}

// The words with word k cut at byte `at` into two.
void split_word(std::vector<text::Word>& words, std::size_t k, std::size_t at) {
  const auto w = words[k];
  words[k].text = w.text.substr(0, at);
  words.insert(words.begin() + static_cast<long>(k) + 1,
               text::Word{w.text.substr(at), w.offset + at});
}

// "Smith" + "Phone" followed by ":" or by the value itself.
bool label_follows(std::string_view text, const text::Word& w, std::size_t at) {
  const auto label = w.text.substr(at);
  if (std::find(kLabels.begin(), kLabels.end(), label) == kLabels.end()) return false;
  auto p = w.offset + w.text.size();
  while (p < text.size() && is_blank(text[p])) ++p;
  return p < text.size() && (text[p] == ':' || is_digit(text[p]) || text[p] == '+');
}

}  // namespace

void split_labels(std::string_view text, std::vector<text::Word>& words) {
  for (std::size_t k = 0; k < words.size(); ++k) {
    std::size_t cut = 0;
    case_boundaries(words[k].text, [&](std::size_t at) {
      if (cut == 0 && is_lower(words[k].text[at - 1]) && label_follows(text, words[k], at))
        cut = at;
    });
    if (cut != 0) split_word(words, k, cut);
  }
}

void split_glued_owner(Context& ctx) {
  auto& words = ctx.words;
  // Whether the name's words other than the glued one sit before (`before`) or after word k.
  const auto rest_matches = [&](const std::vector<std::string>& name, std::size_t k, bool before) {
    const std::size_t others = name.size() - 1;
    if (before ? k < others : k + others >= words.size()) return false;
    for (std::size_t t = 0; t < others; ++t) {
      const auto j = before ? k - others + t : k + 1 + t;
      if (!text::iequals_ascii(words[j].text, before ? name[t] : name[t + 1])) return false;
    }
    return true;
  };
  for (const auto& name : ctx.owner.full_names) {
    if (name.size() < 2) continue;
    for (std::size_t k = 0; k < words.size(); ++k) {
      const auto w = words[k].text;
      std::size_t cut = 0;
      case_boundaries(w, [&](std::size_t at) {
        if (cut != 0) return;
        const bool glued_front =
            text::iequals_ascii(w.substr(at), name.front()) && rest_matches(name, k, false);
        const bool glued_back =
            text::iequals_ascii(w.substr(0, at), name.back()) && rest_matches(name, k, true);
        if (glued_front || glued_back) cut = at;
      });
      if (cut != 0) split_word(words, k, cut);
    }
  }
}

}  // namespace tailor::analyze::pii::detail
