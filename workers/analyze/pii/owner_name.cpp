// Who the résumé belongs to: the parser's hints, and the name at the top, read from a "Name:"
// field or from the first line of the header that is a name and nothing else. Below the header,
// a name line that heads contact details or a page's running header is a person's too: the
// owner's when nothing else names the owner (a résumé after a page of other text, a first page
// without the name), another person's (a pack of several résumés) otherwise.
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
// A form's column of labels ("Name:", "Birth:", …) before the values: at most this many lines,
// each of at most this many words.
constexpr std::size_t kFormLabelLines = 6;
constexpr std::size_t kFormLabelWords = 3;
// A lone word heads the first line as a surname ("Halvorson") only on a short line without a
// field label, and only when none of the next lines holds a fuller name.
constexpr std::size_t kMinLoneNameBytes = 3;
constexpr std::size_t kMaxLoneLineWords = 4;
constexpr std::size_t kLinesAfterLoneName = 2;

// Words that may stand before the name on its line: "RESUME OF", "CV", "Name:", "3. Name:".
constexpr auto kLeadIns = std::to_array<std::string_view>(
    {"resume", "cv", "curriculum", "vitae", "vita", "of", "name", "full", "biodata", "candidate"});
// Abbreviations that end a name ("John Roe Jr."); any other word with a "." after it is not a name.
constexpr auto kSuffixes = std::to_array<std::string_view>({"jr", "sr"});
// Words after which a line is a document's title, not a name ("Music Producer Resume Template").
constexpr auto kTitleWords =
    std::to_array<std::string_view>({"resume", "template", "sample", "example", "examples", "cv",
                                     "curriculum", "vitae", "vita", "biodata", "guide"});

// A name line heads contact details that start within this many lines below it.
constexpr std::size_t kContactLinesBelow = 4;
// Digit groups with this many digits in all are a phone number even without a cue ("2014-2016"
// has eight).
constexpr std::size_t kPhoneDigits = 10;
// Cues of contact details, as words before a ":" or a number ("Phone: …", "Tel 555 0100").
constexpr auto kContactCues = std::to_array<std::string_view>(
    {"phone", "mobile", "cell", "tel", "telephone", "email", "e-mail", "contact"});

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
  bool lone{};          // one word only, on the first line: taken when no fuller name follows
  After after{};        // what follows the name on its line
  std::size_t first{};  // index of its first word
};

// "Morris Plains, NJ 07950": a place followed by a state code, not a name.
bool place_line(const Context& ctx, std::size_t last) {
  if (!same_line_after(ctx, last) || !gap_after(ctx, last).starts_with(",")) return false;
  const auto state = ctx.words[last + 1].text;
  if (state.size() != 2 || !is_upper(state[0]) || !is_upper(state[1])) return false;
  return !same_line_after(ctx, last + 1) || is_digit(ctx.words[last + 2].text[0]);
}

// Word k, or when it starts a run of form lines without values ("Birth:", "Marital Status:", "1."),
// the first word after them.
std::size_t past_form_labels(const Context& ctx, std::size_t k) {
  for (std::size_t lines = 0; lines < kFormLabelLines && k < ctx.words.size(); ++lines) {
    const auto from = line_start(ctx.text, ctx.words[k].offset);
    const auto to = line_end(ctx.text, from);
    const auto line = text::trim(ctx.text.substr(from, to - from));
    const bool label = line.ends_with(':') && text::words(line).size() <= kFormLabelWords;
    const bool number = std::all_of(line.begin(), line.end(),
                                    [](char c) { return is_digit(c) || c == '.' || c == ')'; });
    if (!label && !number) break;
    const auto next = word_at(ctx, to);
    if (next >= ctx.words.size()) break;
    k = next;
  }
  return k;
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
  // "Name:" alone on its line is followed by the name on the next one, or in a form, after the
  // other labels of its column ("Name:\nBirth:\nNationality:\nJane Roe\n1 May 1990\n…").
  if (k >= ctx.words.size() || (ctx.words[k].offset >= stop && !labelled)) return std::nullopt;
  if (ctx.words[k].offset >= stop) k = past_form_labels(ctx, k);
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
  if (run->real >= 2 || labelled) return LineName{std::move(tokens), false, after, run->first};

  // "Smith, Jane"
  if (gap_after(ctx, run->last).starts_with(",") && same_line_after(ctx, run->last)) {
    const auto given = read_name_run(ctx, run->last + 1);
    if (given && given->real <= 2 && !same_line_after(ctx, given->last)) {
      auto full = run_tokens(ctx, *given);
      full.insert(full.end(), tokens.begin(), tokens.end());
      // The surname stands before a comma: this name does not end its line.
      return LineName{std::move(full), false, After::punctuation, run->first};
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
    return LineName{std::move(tokens), true, after, run->first};
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

// Whether a hint reads as a person's name: two to kMaxNameWords words that are not initials or
// particles, none of them a word that is never a name or a skill, and no abbreviation ("Vill.").
bool reads_as_name(std::string_view hint) {
  std::size_t real = 0;
  for (const auto& w : text::words(hint)) {
    const auto lower = text::lower_ascii(w.text);
    if (!is_real_part(lower)) continue;
    const auto end = w.offset + w.text.size();
    const bool abbreviated = end < hint.size() && hint[end] == '.' && !listed(lower, kSuffixes);
    if (abbreviated || contains_ci(not_names(), lower) || contains_ci(skill_words(), lower) ||
        std::any_of(lower.begin(), lower.end(), [](char c) { return is_digit(c); }))
      return false;
    ++real;
  }
  return real >= 2 && real <= kMaxNameWords;
}

// Whether `line` gives contact details: an e-mail address, a phone cue, or a long phone number.
bool contact_line(std::string_view line) {
  for (std::size_t i = 1; i + 1 < line.size(); ++i)
    if (line[i] == '@' && is_word(line[i - 1]) && is_word(line[i + 1])) return true;
  // A cue word before ":" or a number.
  for (std::size_t i = 0; i < line.size();) {
    if (!is_alpha(line[i]) && line[i] != '-') {
      ++i;
      continue;
    }
    std::size_t end = i;
    while (end < line.size() && (is_alpha(line[end]) || line[end] == '-')) ++end;
    const auto word = line.substr(i, end - i);
    i = end;
    if (!boundary_before(line, static_cast<std::size_t>(word.data() - line.data())) ||
        !boundary_after(line, end) || !listed(word, kContactCues))
      continue;
    while (end < line.size() && (is_blank(line[end]) || line[end] == '.')) ++end;
    if (end < line.size() && (line[end] == ':' || is_digit(line[end]) || line[end] == '+'))
      return true;
  }
  // A phone number: digit groups joined by phone separators ("(123) 345-7890"), not one long
  // number (an ISBN, a patent's).
  std::size_t digits = 0, groups = 0;
  for (std::size_t i = 0; i < line.size(); ++i) {
    const char c = line[i];
    if (is_digit(c)) {
      groups += i == 0 || !is_digit(line[i - 1]) ? 1 : 0;
      if (++digits >= kPhoneDigits && groups >= 2) return true;
    } else if (!is_blank(c) && c != '-' && c != '.' && c != '(' && c != ')' && c != '+') {
      digits = groups = 0;
    }
  }
  return false;
}

// Whether `line` is a page's running header beside the name: "Page 2", "Page 2 of 3",
// "Experience (Cont.)", "Experience, continued".
bool page_header_line(std::string_view line) {
  line = text::trim(line);
  // "Page 1" ends the first page: the line before it is the page's text, not a header.
  if (text::starts_with_ci(line, "page ") && line.size() > 5 && is_digit(line[5]))
    return line[5] != '1' || (line.size() > 6 && is_digit(line[6]));
  const auto ends_with = [&](std::string_view tail) {
    return line.size() >= tail.size() &&
           text::iequals_ascii(line.substr(line.size() - tail.size()), tail);
  };
  return ends_with("(cont.)") || ends_with("(cont)") || ends_with("(cont'd)") ||
         ends_with("continued") || ends_with("continued)");
}

}  // namespace

std::vector<AnchoredName> find_anchored_names(const Context& ctx) {
  // The lines with text below the header, as indexes into ctx.lines. A text that opens with a
  // heading has no header: all its lines count.
  std::vector<std::size_t> below;
  bool seen_text = false, opens_with_heading = false;
  for (std::size_t i = 0; i < ctx.lines.size(); ++i) {
    const auto line = ctx.text.substr(ctx.lines[i].offset, ctx.lines[i].length);
    if (text::trim(line).empty()) continue;
    if (!seen_text) {
      seen_text = true;
      opens_with_heading = is_heading(line);
    } else if (opens_with_heading || ctx.lines[i].offset >= ctx.contact_end) {
      below.push_back(i);
    }
  }
  const auto body = [&](std::size_t n) {
    return ctx.text.substr(ctx.lines[below[n]].offset, ctx.lines[below[n]].length);
  };
  std::vector<AnchoredName> names;
  // A name that heads a block below the header stands alone on its line ("Jane Roe"; not
  // "Orientation Leader, 2014-2016").
  const auto take = [&](std::size_t n) {
    auto name = name_in_line(ctx, ctx.lines[below[n]], false);
    if (!name || name->after != After::line_end) return false;
    const auto& first = ctx.words[name->first];
    const auto& last = ctx.words[name->first + name->tokens.size() - 1];
    if (names.empty() || names.back().offset != first.offset)
      names.push_back({std::move(name->tokens), first.offset, last.offset + last.text.size()});
    return true;
  };
  for (std::size_t n = 0; n < below.size(); ++n) {
    const auto line = body(n);
    if (page_header_line(line)) {
      // The name stands on the line before the page's header, or after it.
      if (!(n > 0 && take(n - 1)) && n + 1 < below.size()) take(n + 1);
      continue;
    }
    if (!contact_line(line)) continue;
    // The topmost name line above, within reach and in the same section: a person's name heads
    // their contact block ("Jane Roe" above "San Jose" above "Phone: …").
    std::size_t from = n;
    while (from > 0 && n - from < kContactLinesBelow && !is_heading(body(from - 1))) --from;
    for (std::size_t m = from; m < n; ++m)
      if (!contact_line(body(m)) && take(m)) break;
  }
  return names;
}

Owner owner_named(std::vector<std::string> tokens) {
  Owner owner;
  add_name(owner, std::move(tokens));
  return owner;
}

Owner find_owner(const Context& ctx) {
  Owner owner, weak;
  for (const auto& hint : ctx.hints->names) {
    std::vector<std::string> tokens;
    for (const auto& w : text::words(hint)) tokens.push_back(text::lower_ascii(w.text));
    add_name(reads_as_name(hint) ? owner : weak, std::move(tokens));
  }
  // The hints that read as names come first: a name read from the header joins them only when
  // it shares a part with them ("Jane A. Smith" beside "Jane Smith"). The others ("Excellent
  // Java", "East Vill.") are likely the parser's mistakes: the header's name replaces them.
  auto found = name_on_top(ctx);
  const bool agrees =
      found && (owner.parts.empty() ||
                std::any_of(found->begin(), found->end(),
                            [&](const std::string& t) { return contains_ci(owner.parts, t); }));
  if (agrees) {
    add_name(owner, std::move(*found));
  } else if (owner.full_names.empty()) {
    owner.weak_names = std::move(weak.full_names);
  }
  return owner;
}

}  // namespace tailor::analyze::pii::detail
