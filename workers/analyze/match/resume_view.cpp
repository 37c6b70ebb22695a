// The résumé laid out as one text with the section kind of each stretch.
#include "workers/analyze/match/resume_view.hpp"

#include <algorithm>

namespace tailor::analyze::matching {
namespace {

class Writer {
 public:
  explicit Writer(ResumeView& view) : view_(view) {}

  // Appends `s` as a line of a stretch of `kind`, extending the last stretch when it has the
  // same kind.
  void line(std::string_view kind, std::string_view s) {
    if (s.empty()) return;
    auto& text = view_.text;
    const auto begin = text.size();
    text.append(s).push_back('\n');
    auto& stretches = view_.stretches;
    if (!stretches.empty() && stretches.back().kind == kind && stretches.back().end == begin)
      stretches.back().end = text.size();
    else
      stretches.push_back({begin, text.size(), std::string(kind)});
  }
  template <class Strings>
  void lines(std::string_view kind, const Strings& list) {
    for (const auto& s : list) line(kind, s);
  }

 private:
  ResumeView& view_;
};

void from_lines(const ParsedResume& r, Writer& out) {
  std::vector<std::string_view> kinds(r.lines.size(), "other");
  for (const auto& s : r.sections)
    for (int i = std::max(0, s.first_line);
         i <= s.last_line && static_cast<std::size_t>(i) < r.lines.size(); ++i)
      kinds[static_cast<std::size_t>(i)] = s.kind;
  for (std::size_t i = 0; i < r.lines.size(); ++i) out.line(kinds[i], r.lines[i]);
}

void from_fields(const Resume& r, Writer& out) {
  out.line("summary", r.basics.label);
  out.line("summary", r.basics.summary);
  for (const auto& w : r.work) {
    out.line("experience", w.position);
    out.line("experience", w.summary);
    out.lines("experience", w.highlights);
  }
  for (const auto& p : r.projects) {
    out.line("projects", p.name);
    out.line("projects", p.description);
    out.lines("projects", p.highlights);
    out.lines("projects", p.keywords);
  }
  for (const auto& v : r.volunteer) {
    out.line("volunteer", v.position);
    out.line("volunteer", v.summary);
    out.lines("volunteer", v.highlights);
  }
  for (const auto& e : r.education) {
    out.line("education", e.studyType);
    out.line("education", e.area);
    out.lines("education", e.courses);
  }
  for (const auto& c : r.certificates) out.line("certificates", c.name);
  for (const auto& a : r.awards) out.line("awards", a.title);
  for (const auto& p : r.publications) out.line("publications", p.name);
}

}  // namespace

std::string_view ResumeView::kind_at(std::size_t offset) const {
  const auto it = std::upper_bound(stretches.begin(), stretches.end(), offset,
                                   [](std::size_t o, const Stretch& s) { return o < s.begin; });
  if (it == stretches.begin() || offset >= (it - 1)->end) return {};
  return (it - 1)->kind;
}

ResumeView view_resume(const Document& document, const ParsedResume& resume) {
  ResumeView view;
  Writer out(view);
  const auto& r = resume.resume;
  const bool has_lines = !resume.lines.empty();
  if (has_lines)
    from_lines(resume, out);
  else
    from_fields(r, out);
  const bool skills_section = std::any_of(resume.sections.begin(), resume.sections.end(),
                                          [](const Section& s) { return s.kind == "skills"; });
  if (!has_lines || !skills_section)
    for (const auto& s : r.skills) {
      out.line("skills", s.name);
      out.lines("skills", s.keywords);
    }
  if (view.text.empty()) out.line("other", document.text);
  return view;
}

}  // namespace tailor::analyze::matching
