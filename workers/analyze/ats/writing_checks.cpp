// ATS checks on how the bullets and the summary are written: figures, openers, person, length.
#include <fmt/format.h>
#include <string>

#include "workers/analyze/ats/bullet_score.hpp"
#include "workers/analyze/ats/flags.hpp"
#include "workers/analyze/text/text.hpp"

namespace tailor::analyze::ats {
namespace {

// Above this share of bullets without a figure, the résumé reads as a list of duties.
constexpr double kMaxUnquantifiedShare = 0.5;
// A bullet over this many printed lines is skimmed past.
constexpr int kMaxBulletLines = 2;
// Printed characters per line, for bullets whose lines the parser did not keep.
constexpr std::size_t kCharsPerLine = 100;

// How many of the parser's lines the bullet spans, starting at its own line.
int printed_lines(const ParsedResume& r, const Bullet& b) {
  const auto size = b.text.size();
  if (b.line < 0 || static_cast<std::size_t>(b.line) >= r.lines.size())
    return static_cast<int>((size + kCharsPerLine - 1) / kCharsPerLine);
  std::size_t covered = r.lines[static_cast<std::size_t>(b.line)].size();
  int n = 1;
  // Continuation lines were joined with one space.
  while (covered + 1 < size && static_cast<std::size_t>(b.line + n) < r.lines.size()) {
    covered += 1 + r.lines[static_cast<std::size_t>(b.line + n)].size();
    ++n;
  }
  return n;
}

void check_figures(const std::vector<BulletScore>& bullets, std::vector<AtsFlag>& flags) {
  std::size_t without = 0;
  for (const auto& b : bullets) without += b.quantified ? 0 : 1;
  if (bullets.empty() ||
      static_cast<double>(without) <= kMaxUnquantifiedShare * static_cast<double>(bullets.size()))
    return;
  flags.push_back(
      make_flag("unquantified_bullets", "Most bullets state duties, not results with figures.",
                fmt::format("{} of {} bullets have no number", without, bullets.size()),
                "Add a figure to each bullet you can: how many, how much, how fast, by what %."));
}

void check_openers(const std::vector<BulletScore>& bullets, std::vector<AtsFlag>& flags) {
  std::size_t weak = 0;
  const BulletScore* example = nullptr;
  for (const auto& b : bullets) {
    if (!b.weak_verb) continue;
    ++weak;
    if (example == nullptr) example = &b;
  }
  if (weak == 0) return;
  flags.push_back(
      make_flag("weak_verbs", "Bullets open with weak phrases that describe duties.",
                fmt::format("{} bullet(s), e.g. {}", weak, quote(example->text)),
                "Open each bullet with a strong verb for what you did: \"Led\", \"Built\", "
                "\"Reduced\"."));
}

void check_person(const ParsedResume& r, const std::vector<BulletScore>& bullets,
                  std::vector<AtsFlag>& flags) {
  std::size_t count = 0;
  std::string_view example;
  const auto note = [&](std::string_view text) {
    ++count;
    if (example.empty()) example = text;
  };
  if (first_person(r.resume.basics.summary)) note(r.resume.basics.summary);
  for (const auto& b : bullets)
    if (b.first_person) note(b.text);
  if (count == 0) return;
  flags.push_back(make_flag("first_person",
                            "The résumé speaks in the first person (\"I\", \"my\").",
                            fmt::format("{} place(s), e.g. {}", count, quote(example)),
                            "Drop the pronouns: \"Led a team of 5\", not \"I led my team of 5\"."));
}

void check_length(const ParsedResume& r, const std::vector<BulletScore>& bullets,
                  std::vector<AtsFlag>& flags) {
  std::size_t count = 0;
  const BulletScore* longest = nullptr;
  for (std::size_t i = 0; i < bullets.size() && i < r.bullets.size(); ++i) {
    const auto& b = bullets[i];
    if (b.words <= kGoodMaxWords && printed_lines(r, r.bullets[i]) <= kMaxBulletLines) continue;
    ++count;
    if (longest == nullptr || b.words > longest->words) longest = &b;
  }
  if (count == 0) return;
  flags.push_back(
      make_flag("overlong_bullets", "Some bullets run over 30 words or two lines.",
                fmt::format("{} bullet(s); the longest has {} words: {}", count, longest->words,
                            quote(longest->text)),
                "Keep one result per bullet, in one or two lines; split or cut the rest."));
}

}  // namespace

void check_writing(const ParsedResume& resume, const std::vector<BulletScore>& bullets,
                   std::vector<AtsFlag>& flags) {
  check_figures(bullets, flags);
  check_openers(bullets, flags);
  check_person(resume, bullets, flags);
  check_length(resume, bullets, flags);
}

}  // namespace tailor::analyze::ats
