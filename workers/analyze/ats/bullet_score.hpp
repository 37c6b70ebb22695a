#pragma once
// How strong one résumé bullet is: opener, numbers, length, person. The points each earns are
// decided in bullet_score.cpp (kPoints) and nowhere else.
#include <string_view>

#include "workers/analyze/ats/ats.hpp"
#include "workers/analyze/resume/resume.hpp"

namespace tailor::analyze::ats {

// Bullets of this many words read well; shorter say too little, longer are skimmed.
inline constexpr int kGoodMinWords = 8;
inline constexpr int kGoodMaxWords = 30;

BulletScore score_bullet(const Bullet& bullet);

// Whether `text` speaks in the first person singular ("I", "me", "my", "I've", …).
bool first_person(std::string_view text);
// Whether `text` has a figure: a digit, %, $, €, £, × or a number word ("doubled", "dozens").
bool quantified(std::string_view text);
// Whitespace-separated tokens that hold a letter or digit.
int word_count(std::string_view text);

}  // namespace tailor::analyze::ats
