// The Resume as JSON Resume 1.0.0, empty strings and lists left out.
#include "workers/analyze/resume/resume_json.hpp"

namespace tailor::analyze {

namespace {

void field(json::Writer& w, std::string_view key, const std::string& value) {
  if (!value.empty()) w.field(key, value);
}

void strings(json::Writer& w, std::string_view key, const std::vector<std::string>& values) {
  if (values.empty()) return;
  w.key(key).array_begin();
  for (const auto& v : values) w.value(v);
  w.array_end();
}

// An array of objects, left out when empty; `write` writes one element's fields.
template <class T, class F>
void objects(json::Writer& w, std::string_view key, const std::vector<T>& items, F write) {
  if (items.empty()) return;
  w.key(key).array_begin();
  for (const auto& item : items) {
    w.object_begin();
    write(item);
    w.object_end();
  }
  w.array_end();
}

bool empty(const Location& l) {
  return l.address.empty() && l.postalCode.empty() && l.city.empty() && l.region.empty() &&
         l.countryCode.empty();
}

void write_basics(json::Writer& w, const Basics& b) {
  w.key("basics").object_begin();
  field(w, "name", b.name);
  field(w, "label", b.label);
  field(w, "email", b.email);
  field(w, "phone", b.phone);
  field(w, "url", b.url);
  field(w, "summary", b.summary);
  if (!empty(b.location)) {
    w.key("location").object_begin();
    field(w, "address", b.location.address);
    field(w, "postalCode", b.location.postalCode);
    field(w, "city", b.location.city);
    field(w, "region", b.location.region);
    field(w, "countryCode", b.location.countryCode);
    w.object_end();
  }
  objects(w, "profiles", b.profiles, [&](const Profile& p) {
    field(w, "network", p.network);
    field(w, "username", p.username);
    field(w, "url", p.url);
  });
  w.object_end();
}

}  // namespace

void write_json(json::Writer& w, const Resume& r) {
  w.object_begin();
  write_basics(w, r.basics);
  objects(w, "work", r.work, [&](const Work& x) {
    field(w, "name", x.name);
    field(w, "position", x.position);
    field(w, "location", x.location);
    field(w, "url", x.url);
    field(w, "startDate", x.startDate);
    field(w, "endDate", x.endDate);
    field(w, "summary", x.summary);
    strings(w, "highlights", x.highlights);
  });
  objects(w, "volunteer", r.volunteer, [&](const Volunteer& x) {
    field(w, "organization", x.organization);
    field(w, "position", x.position);
    field(w, "url", x.url);
    field(w, "startDate", x.startDate);
    field(w, "endDate", x.endDate);
    field(w, "summary", x.summary);
    strings(w, "highlights", x.highlights);
  });
  objects(w, "education", r.education, [&](const Education& x) {
    field(w, "institution", x.institution);
    field(w, "url", x.url);
    field(w, "area", x.area);
    field(w, "studyType", x.studyType);
    field(w, "startDate", x.startDate);
    field(w, "endDate", x.endDate);
    field(w, "score", x.score);
    strings(w, "courses", x.courses);
  });
  objects(w, "awards", r.awards, [&](const Award& x) {
    field(w, "title", x.title);
    field(w, "date", x.date);
    field(w, "awarder", x.awarder);
    field(w, "summary", x.summary);
  });
  objects(w, "certificates", r.certificates, [&](const Certificate& x) {
    field(w, "name", x.name);
    field(w, "date", x.date);
    field(w, "issuer", x.issuer);
    field(w, "url", x.url);
  });
  objects(w, "publications", r.publications, [&](const Publication& x) {
    field(w, "name", x.name);
    field(w, "publisher", x.publisher);
    field(w, "releaseDate", x.releaseDate);
    field(w, "url", x.url);
    field(w, "summary", x.summary);
  });
  objects(w, "skills", r.skills, [&](const Skill& x) {
    field(w, "name", x.name);
    field(w, "level", x.level);
    strings(w, "keywords", x.keywords);
  });
  objects(w, "languages", r.languages, [&](const Language& x) {
    field(w, "language", x.language);
    field(w, "fluency", x.fluency);
  });
  objects(w, "projects", r.projects, [&](const Project& x) {
    field(w, "name", x.name);
    field(w, "description", x.description);
    strings(w, "highlights", x.highlights);
    strings(w, "keywords", x.keywords);
    field(w, "startDate", x.startDate);
    field(w, "endDate", x.endDate);
    field(w, "url", x.url);
  });
  w.object_end();
}

std::string to_json(const Resume& resume) {
  json::Writer w;
  write_json(w, resume);
  return std::move(w).str();
}

}  // namespace tailor::analyze
