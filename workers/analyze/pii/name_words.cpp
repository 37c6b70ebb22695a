#include "workers/analyze/pii/name_words.hpp"

#include <algorithm>
#include <array>

#include "workers/analyze/pii/scan.hpp"

namespace tailor::analyze::pii::detail {

namespace {

constexpr auto kParticles = std::to_array<std::string_view>(
    {"de",  "da",    "del", "della", "der", "den", "di",  "du",  "la", "le", "van", "von",
     "bin", "binti", "al",  "el",    "ter", "ten", "dos", "das", "do", "y",  "zu"});
constexpr auto kHonorifics =
    std::to_array<std::string_view>({"mr", "mrs", "ms", "miss", "dr", "prof", "professor", "sir",
                                     "mx", "madam", "mme", "herr", "frau"});

bool in(std::string_view word, auto const& list) {
  return std::any_of(list.begin(), list.end(),
                     [&](std::string_view w) { return text::iequals_ascii(w, word); });
}

bool all_caps_line(const Context& ctx, std::size_t k) {
  const auto s = ctx.text;
  const auto from = line_start(s, ctx.words[k].offset), to = line_end(s, ctx.words[k].offset);
  return !has_lower(s.substr(from, to - from));
}

bool same_line(std::string_view gap) {
  return gap.find('\n') == std::string_view::npos && gap.find('\f') == std::string_view::npos;
}

}  // namespace

std::size_t word_at(const Context& ctx, std::size_t offset) {
  return static_cast<std::size_t>(
      std::lower_bound(ctx.words.begin(), ctx.words.end(), offset,
                       [](const text::Word& w, std::size_t off) { return w.offset < off; }) -
      ctx.words.begin());
}

std::string_view gap_after(const Context& ctx, std::size_t k) {
  const auto from = ctx.words[k].offset + ctx.words[k].text.size();
  const auto to = k + 1 < ctx.words.size() ? ctx.words[k + 1].offset : ctx.text.size();
  return ctx.text.substr(from, to - from);
}

NameWord classify(const Context& ctx, std::size_t k) {
  const auto w = ctx.words[k].text;
  if (std::any_of(w.begin(), w.end(), [](char c) { return is_digit(c); })) return NameWord::none;
  if (!starts_upper(w)) return in(w, kParticles) ? NameWord::particle : NameWord::none;
  if (w.size() == 1) return NameWord::initial;
  // "Ms" and "MR" are honorifics; "MS Access" and "MS-DOS" are not.
  if (in(w, kHonorifics) &&
      (has_lower(w) || (all_caps_line(ctx, k) && !text::iequals_ascii(w, "ms"))))
    return NameWord::honorific;
  if (contains_ci(not_names(), w)) return NameWord::none;
  return NameWord::name;
}

bool name_gap(std::string_view gap, bool initial_beside) {
  if (gap.empty() || gap.size() > 3 || !same_line(gap)) return false;
  if (gap == "-") return true;
  std::size_t k = 0;
  if (gap[0] == '.') {
    if (!initial_beside) return false;
    k = 1;
  }
  if (k == gap.size()) return true;
  return std::all_of(gap.begin() + static_cast<long>(k), gap.end(), is_blank) &&
         gap.size() - k <= 2;
}

std::optional<NameRun> read_name_run(const Context& ctx, std::size_t k) {
  if (k >= ctx.words.size()) return std::nullopt;
  const auto first_kind = classify(ctx, k);
  if (first_kind != NameWord::name && first_kind != NameWord::initial) return std::nullopt;
  const bool caps_line = all_caps_line(ctx, k);
  NameRun run{.first = k, .last = k, .real = 0, .after = After::line_end};
  std::size_t last_good = k;
  for (std::size_t j = k; j < ctx.words.size(); ++j) {
    const auto kind = classify(ctx, j);
    const auto w = ctx.words[j].text;
    if (kind == NameWord::name && !caps_line && !has_lower(w)) {
      // An all-capitals word in a mixed-case line is a surname only where it ends the name
      // ("Trevor Keeling PROSPER"), not an acronym before more words ("Allen King ESB Developer").
      const bool more_words = j + 1 < ctx.words.size() && name_gap(gap_after(ctx, j), false);
      if (j == k || more_words) break;
      ++run.real;
      run.last = last_good = j;
      break;
    }
    if (kind != NameWord::name && kind != NameWord::initial && kind != NameWord::particle) break;
    if (kind == NameWord::name) ++run.real;
    if (kind != NameWord::particle) last_good = j;
    run.last = j;
    if (j + 1 >= ctx.words.size()) break;
    const bool initial_beside =
        kind == NameWord::initial || classify(ctx, j + 1) == NameWord::initial;
    if (!name_gap(gap_after(ctx, j), initial_beside)) break;
  }
  run.last = last_good;  // a name does not end with "de" or "van"
  if (run.real == 0) return std::nullopt;

  const auto gap = gap_after(ctx, run.last);
  const auto body = text::trim(gap);
  if (run.last + 1 >= ctx.words.size() || !same_line(gap)) {
    run.after = body.starts_with(":") ? After::colon : After::line_end;
  } else if (!body.empty()) {
    run.after = body.starts_with(":") ? After::colon : After::punctuation;
  } else if (gap.empty()) {
    run.after = After::punctuation;  // a field label split off the name ("SmithPhone:")
  } else {
    const auto next = ctx.words[run.last + 1].text;
    if (is_digit(next[0])) {
      run.after = After::digit;
    } else if (!starts_upper(next)) {
      run.after = After::prose;
    } else if (!has_lower(next)) {
      run.after = After::capitals;
    } else {
      run.after = contains_ci(not_names(), next) ? After::title_word : After::capitalised;
    }
  }
  return run;
}

std::vector<std::string> run_tokens(const Context& ctx, const NameRun& run) {
  std::vector<std::string> tokens;
  for (std::size_t j = run.first; j <= run.last; ++j)
    tokens.push_back(text::lower_ascii(ctx.words[j].text));
  return tokens;
}

bool is_real_part(std::string_view lower_word) {
  return lower_word.size() >= 2 && !in(lower_word, kParticles) && !in(lower_word, kHonorifics);
}

}  // namespace tailor::analyze::pii::detail
