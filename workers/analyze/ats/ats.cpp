// review(): the flags from every check, highest severity first, and the bullet scores.
#include "workers/analyze/ats/ats.hpp"

#include <algorithm>

#include "workers/analyze/ats/bullet_score.hpp"
#include "workers/analyze/ats/flags.hpp"

namespace tailor::analyze {
namespace {

constexpr std::size_t kMaxWeakest = 10;

// Bullets with at least one issue, lowest score first (résumé order among equals).
std::vector<int> weakest(const std::vector<BulletScore>& bullets) {
  std::vector<int> order;
  for (std::size_t i = 0; i < bullets.size(); ++i)
    if (!bullets[i].issues.empty()) order.push_back(static_cast<int>(i));
  std::stable_sort(order.begin(), order.end(), [&](int a, int b) {
    return bullets[static_cast<std::size_t>(a)].score < bullets[static_cast<std::size_t>(b)].score;
  });
  if (order.size() > kMaxWeakest) order.resize(kMaxWeakest);
  return order;
}

}  // namespace

AtsReview review(const Document& document, const ParsedResume& resume) {
  AtsReview out;
  out.bullets.reserve(resume.bullets.size());
  for (const auto& b : resume.bullets) out.bullets.push_back(ats::score_bullet(b));
  ats::check_layout(document, resume, out.flags);
  ats::check_content(resume, out.flags);
  ats::check_writing(resume, out.bullets, out.flags);
  std::stable_sort(out.flags.begin(), out.flags.end(), [](const AtsFlag& a, const AtsFlag& b) {
    return ats::severity_rank(a.severity) < ats::severity_rank(b.severity);
  });
  out.weakest = weakest(out.bullets);
  return out;
}

}  // namespace tailor::analyze
