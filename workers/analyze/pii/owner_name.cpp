// Who the résumé belongs to: the parser's hints, and the name at the top, read from a "Name:"
// field or from the first line of the header that is a name and nothing else.
#include <algorithm>
#include <array>

#include "workers/analyze/pii/detector.hpp"
#include "workers/analyze/pii/name_words.hpp"
#include "workers/analyze/pii/scan.hpp"

namespace tailor::analyze::pii::detail {

namespace {

// The owner's name is among the first lines with text; a name has at most this many words
// besides initials and particles.
constexpr std::size_t kTopLines = 12;
constexpr std::size_t kMaxNameWords = 5;
// A lone word heads the first line as a surname ("Halvorson") only on a short line without a
// field label, and only when none of the next lines holds a fuller name.
constexpr std::size_t kMinLoneNameBytes = 3;
constexpr std::size_t kMaxLoneLineWords = 4;
constexpr std::size_t kLinesAfterLoneName = 2;

// Words that may stand before the name on its line: "RESUME OF", "CV", "Name:", "3. Name:".
constexpr auto kLeadIns = std::to_array<std::string_view>(
    {"resume", "cv", "curriculum", "vitae", "vita", "of", "name", "full", "biodata", "candidate"});
// Words after which a line is a document's title, not a name ("Music Producer Resume Template").
constexpr auto kTitleWords =
    std::to_array<std::string_view>({"resume", "template", "sample", "example", "examples", "cv",
                                     "curriculum", "vitae", "vita", "biodata", "guide"});

// Words after which a run of capitalised words is a place, not a person ("Lucina Hall Room 220").
constexpr auto kPlaceWords = std::to_array<std::string_view>(
    {"room",       "hall",    "street", "st",        "road",       "rd",     "avenue",
     "ave",        "drive",   "lane",   "building",  "campus",     "center", "centre",
     "university", "college", "school", "institute", "department", "office", "inc",
     "ltd",        "limited", "llc",    "corp",      "company",    "bank",   "group"});

// Whether `w`, case and accents folded, is in `list` ("Résumé" is "resume").
bool listed(std::string_view w, auto const& list) {
  const auto f = folded(w);
  return std::any_of(list.begin(), list.end(), [&](std::string_view l) { return l == f; });
}

void add_name(Owner& owner, std::vector<std::string> tokens) {
  if (tokens.empty() ||
      std::find(owner.full_names.begin(), owner.full_names.end(), tokens) != owner.full_names.end())
    return;
  // A one-word name ("Von") is the person even where it looks like a particle.
  for (const auto& t : tokens)
    if (is_real_part(t) || (tokens.size() == 1 && t.size() >= 2)) owner.parts.insert(folded(t));
  owner.full_names.push_back(std::move(tokens));
}

bool same_line_after(const Context& ctx, std::size_t k) {
  return k + 1 < ctx.words.size() && gap_after(ctx, k).find('\n') == std::string_view::npos;
}

struct LineName {
  std::vector<std::string> tokens;
  bool lone{};  // one word only, on the first line: taken when no fuller name follows
};

// "Morris Plains, NJ 07950": a place followed by a state code, not a name.
bool place_line(const Context& ctx, std::size_t last) {
  if (!same_line_after(ctx, last) || !gap_after(ctx, last).starts_with(",")) return false;
  const auto state = ctx.words[last + 1].text;
  if (state.size() != 2 || !is_upper(state[0]) || !is_upper(state[1])) return false;
  return !same_line_after(ctx, last + 1) || is_digit(ctx.words[last + 2].text[0]);
}

// The name a line of the header gives, if it gives one.
std::optional<LineName> name_in_line(const Context& ctx, const Line& line, bool first_line) {
  const auto stop = line.offset + line.length;
  std::size_t k = word_at(ctx, line.offset);
  const std::size_t line_first = k;
  bool labelled = false;  // "Name:" came before
  for (; k < ctx.words.size() && ctx.words[k].offset < stop; ++k) {
    const auto w = ctx.words[k].text;
    const bool number =
        w.size() <= 2 && std::all_of(w.begin(), w.end(), [](char c) { return is_digit(c); });
    if (listed(w, kLeadIns) || number) {
      labelled = labelled || text::iequals_ascii(w, "name");
    } else if (classify(ctx, k) != NameWord::honorific) {
      break;
    }
  }
  // "Name:" alone on its line is followed by the name on the next one.
  if (k >= ctx.words.size() || (ctx.words[k].offset >= stop && !labelled)) return std::nullopt;
  const auto run = read_name_run(ctx, k);
  // The name line holds the name alone, or the name before punctuation, a number or a title.
  if (!run || run->real > kMaxNameWords || place_line(ctx, run->last)) return std::nullopt;
  const auto after = run->after;
  const bool alone = after == After::line_end || after == After::punctuation ||
                     after == After::digit || after == After::capitals;
  if (!alone && !(after == After::title_word && run->real == 1)) return std::nullopt;
  if (after == After::title_word && listed(ctx.words[run->last + 1].text, kPlaceWords))
    return std::nullopt;
  // A document's title runs on after the name-like words; an address after them does not count.
  std::size_t line_words = run->last + 1 - line_first;
  bool in_address = false;
  for (std::size_t j = run->last + 1; j < ctx.words.size() && ctx.words[j].offset < stop;
       ++j, ++line_words) {
    in_address = in_address || is_digit(ctx.words[j].text[0]);
    if (!in_address && listed(ctx.words[j].text, kTitleWords)) return std::nullopt;
  }
  auto tokens = run_tokens(ctx, *run);
  if (run->real >= 2 || labelled) return LineName{std::move(tokens), false};

  // "Smith, Jane"
  if (gap_after(ctx, run->last).starts_with(",") && same_line_after(ctx, run->last)) {
    const auto given = read_name_run(ctx, run->last + 1);
    if (given && given->real <= 2 && !same_line_after(ctx, given->last)) {
      auto full = run_tokens(ctx, *given);
      full.insert(full.end(), tokens.begin(), tokens.end());
      return LineName{std::move(full), false};
    }
  }
  const auto body = ctx.text.substr(line.offset, line.length);
  // A lone surname stands alone, or before a title ("Bernier Software Engineer") or a
  // placeholder ("Cassin XXXX"); it is written as a name ("Halvorson", "HALVORSON" in a line of
  // capitals), not as an acronym ("ACI-1448123").
  const auto lone = ctx.words[run->first].text;
  const bool lone_shape =
      after == After::line_end || after == After::title_word || after == After::capitals;
  if (first_line && lone.size() >= kMinLoneNameBytes && lone_shape &&
      line_words <= kMaxLoneLineWords && (has_lower(lone) || !has_lower(body)) &&
      body.find(':') == std::string_view::npos)
    return LineName{std::move(tokens), true};
  return std::nullopt;
}

std::optional<std::vector<std::string>> name_on_top(const Context& ctx) {
  std::size_t seen = 0;
  std::optional<std::vector<std::string>> lone;
  std::size_t lone_at = 0;
  for (const auto& line : ctx.lines) {
    if (line.offset >= ctx.contact_end) break;
    const auto body = ctx.text.substr(line.offset, line.length);
    if (text::trim(body).empty()) continue;
    if (++seen > kTopLines || is_heading(body) || (lone && seen > lone_at + kLinesAfterLoneName))
      break;
    auto name = name_in_line(ctx, line, seen == 1);
    if (!name) continue;
    if (!name->lone) return std::move(name->tokens);
    lone = std::move(name->tokens);
    lone_at = seen;
  }
  return lone;
}

}  // namespace

Owner find_owner(const Context& ctx) {
  Owner owner;
  for (const auto& hint : ctx.hints->names) {
    std::vector<std::string> tokens;
    for (const auto& w : text::words(hint)) tokens.push_back(text::lower_ascii(w.text));
    add_name(owner, std::move(tokens));
  }
  // The hints come first: a name read from the header joins them only when it shares a part
  // with them ("Jane A. Smith" beside "Jane Smith").
  if (auto found = name_on_top(ctx)) {
    const bool agrees =
        owner.parts.empty() || std::any_of(found->begin(), found->end(), [&](const std::string& t) {
          return contains_ci(owner.parts, t);
        });
    if (agrees) add_name(owner, std::move(*found));
  }
  return owner;
}

}  // namespace tailor::analyze::pii::detail
