// What every detector reads: the words and lines of the text, where the contact block at the
// top ends, and the owner's names.
#include <array>

#include "workers/analyze/pii/detector.hpp"
#include "workers/analyze/pii/scan.hpp"

namespace tailor::analyze::pii::detail {

namespace {
// The contact block ends at the first section heading, and at the latest after this many lines
// with text: past them a URL or a name line is no longer part of the header.
constexpr std::size_t kContactLines = 15;
constexpr std::size_t kHeadingMaxBytes = 40;
}  // namespace

bool is_heading(std::string_view line) {
  line = text::trim(line);
  if (const auto colon = line.find(':'); colon != std::string_view::npos)
    line = line.substr(0, colon);
  while (!line.empty() && !is_word(line.back())) line.remove_suffix(1);
  line = text::trim(line);
  if (line.empty() || line.size() > kHeadingMaxBytes) return false;
  std::array<char, kHeadingMaxBytes> lower{};
  std::size_t n = 0;
  // Runs of spaces (and "&" for "and") fold so that "Skills  &  Abilities" finds "skills and
  // abilities".
  for (std::size_t i = 0; i < line.size(); ++i) {
    const char c = line[i];
    if (is_blank(c)) {
      if (n > 0 && lower[n - 1] != ' ') lower[n++] = ' ';
      continue;
    }
    if (c == '&') {
      if (n + 4 > lower.size()) return false;
      for (const char a : std::string_view("and ")) lower[n++] = a;
      continue;
    }
    if (n >= lower.size()) return false;
    lower[n++] = to_lower(c);
  }
  while (n > 0 && lower[n - 1] == ' ') --n;
  return headings().contains(std::string_view(lower.data(), n));
}

Context make_context(std::string_view text, const Hints& hints) {
  Context ctx;
  ctx.text = text;
  ctx.hints = &hints;
  ctx.words = text::words(text);
  split_labels(text, ctx.words);
  for (const auto line : text::split_lines(text))
    ctx.lines.push_back({static_cast<std::size_t>(line.data() - text.data()), line.size()});

  ctx.contact_end = text.size();
  std::size_t with_text = 0;
  for (const auto& line : ctx.lines) {
    const auto body = text.substr(line.offset, line.length);
    if (text::trim(body).empty()) continue;
    if ((with_text > 0 && is_heading(body)) || with_text == kContactLines) {
      ctx.contact_end = line.offset;
      break;
    }
    ++with_text;
  }
  ctx.owner = find_owner(ctx);
  split_glued_owner(ctx);
  ctx.anchored_names = find_anchored_names(ctx);
  // Nothing else names the owner: the first name that heads contact details or a page does (a
  // résumé below a page of other text, a first page without the name).
  if (ctx.owner.full_names.empty() && ctx.owner.weak_names.empty() && !ctx.anchored_names.empty()) {
    ctx.owner = owner_named(ctx.anchored_names.front().tokens);
    split_glued_owner(ctx);
  }
  return ctx;
}

}  // namespace tailor::analyze::pii::detail
