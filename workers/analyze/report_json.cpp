#include "workers/analyze/report_json.hpp"

#include <cmath>

namespace tailor::analyze {

namespace {
double rounded(double v, int digits) {
  const double scale = std::pow(10.0, digits);
  return std::round(v * scale) / scale;
}

void write_strings(json::Writer& w, const std::vector<std::string>& values) {
  w.array_begin();
  for (const auto& v : values) w.value(v);
  w.array_end();
}

void write_skills(json::Writer& w, const std::vector<JobSkill>& skills) {
  w.array_begin();
  for (const auto& s : skills) {
    w.object_begin().field("name", s.name).field("category", s.category).field("mentions", s.mentions).object_end();
  }
  w.array_end();
}

void write_matches(json::Writer& w, const std::vector<SkillMatch>& skills) {
  w.array_begin();
  for (const auto& s : skills) {
    w.object_begin().field("name", s.name).field("category", s.category).field("required", s.required);
    w.key("found_in");
    write_strings(w, s.found_in);
    w.object_end();
  }
  w.array_end();
}
}  // namespace

void write_json(json::Writer& w, const JobRequirements& job) {
  w.object_begin().field("title", job.title).field("company", job.company).field("seniority", job.seniority);
  w.key("required_skills");
  write_skills(w, job.required);
  w.key("preferred_skills");
  write_skills(w, job.preferred);
  w.key("min_years");
  if (job.min_years) {
    w.value(rounded(*job.min_years, 1));
  } else {
    w.null();
  }
  w.field("education", job.education).field("education_required", job.education_required);
  w.key("keywords").array_begin();
  for (const auto& k : job.keywords) w.object_begin().field("term", k.term).field("weight", rounded(k.weight, 4)).object_end();
  w.array_end().object_end();
}

void write_json(json::Writer& w, const AtsReview& ats) {
  w.object_begin().key("flags").array_begin();
  for (const auto& f : ats.flags) {
    w.object_begin().field("code", f.code).field("severity", f.severity).field("message", f.message)
        .field("evidence", f.evidence).field("fix", f.fix).object_end();
  }
  w.array_end().key("bullets").array_begin();
  for (const auto& b : ats.bullets) {
    w.object_begin().field("text", b.text).field("section", b.section).field("entry", b.entry)
        .field("score", b.score).field("action_verb", b.action_verb).field("weak_verb", b.weak_verb)
        .field("quantified", b.quantified).field("first_person", b.first_person).field("words", b.words);
    w.key("issues");
    write_strings(w, b.issues);
    w.object_end();
  }
  w.array_end().key("weakest").array_begin();
  for (int i : ats.weakest) w.value(i);
  w.array_end().object_end();
}

std::string ats_json(const AtsReview& ats) {
  json::Writer w;
  write_json(w, ats);
  return std::move(w).str();
}

std::string report_json(const Analysis& a) {
  const MatchReport& m = a.match;
  json::Writer w;
  w.object_begin().field("score", m.score);
  w.key("breakdown").array_begin();
  for (const auto& part : m.breakdown) {
    w.object_begin().field("name", part.name).field("score", rounded(part.score, 3))
        .field("weight", rounded(part.weight, 3)).field("points", rounded(100.0 * part.score * part.weight, 1))
        .field("detail", part.detail).object_end();
  }
  w.array_end();
  w.key("skills").object_begin().key("matched");
  write_matches(w, m.matched);
  w.key("missing");
  write_matches(w, m.missing);
  w.object_end();
  w.key("keywords").array_begin();
  for (const auto& k : m.keywords) {
    w.object_begin().field("term", k.term).field("in_resume", k.in_resume).field("in_job", k.in_job)
        .field("weight", rounded(k.weight, 4)).object_end();
  }
  w.array_end();
  w.key("experience").object_begin().field("resume_years", rounded(m.resume_years, 1)).key("required_years");
  if (a.job.min_years) {
    w.value(rounded(*a.job.min_years, 1));
  } else {
    w.null();
  }
  w.object_end();
  w.key("education").object_begin().field("resume", m.resume_education).field("required", a.job.education)
      .object_end();
  w.key("job");
  write_json(w, a.job);
  w.key("ats");
  write_json(w, a.resume.ats);
  w.object_end();
  return std::move(w).str();
}

}  // namespace tailor::analyze
