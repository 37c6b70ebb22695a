// tailor-parse-eval DATA_DIR [--verbose] [--split N] [--only NAME]: how well parse_resume reads
// résumés. --only NAME scores the NER texts whose file name is NAME (e.g. "13.xml") alone and
// prints each one's lines and parse, to see why it was read as it was.
//
// (a) DATA_DIR/pdfs/**/*.truth.json: each PDF beside a truth file is extracted in-process
//     (extract_pdf, text + layout) and parsed; contact fields are compared after normalising
//     case, spaces and punctuation (phones by their digits), experience entries match when title
//     and company both match (dates scored apart, on matched entries), education entries when
//     degree (studyType + area) and institution match, skills by canonical name.
// (b) DATA_DIR/ner/cvs_train.zip: 310 résumé texts with inline <label type="…"> marks. Most
//     are flattened onto one line, newlines turned into runs of spaces; a run of N or more
//     spaces (--split, default 2) is taken as a line end. The labels are stripped, the text is
//     parsed without layout, and the parse is scored against them: Name and Email Address
//     (exact), Companies worked at vs work[].name (a legal form at the end, "Inc.", "Pvt. Ltd.",
//     not counted on either side), Designation vs work[].position, College Name
//     vs education[].institution (precision, recall, F1 over sets per résumé), Tech Tools vs the
//     skills keywords (recall).
// Prints a table with the aims beside it, and the median parse time. A measurement, not a test.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "common/files/zip_reader.hpp"
#include "common/json/value.hpp"
#include "workers/analyze/resume/dates.hpp"
#include "workers/analyze/resume/parser.hpp"
#include "workers/analyze/resume/resume_json.hpp"
#include "workers/extract/pdf_text.hpp"

namespace {

using namespace tailor;
using Clock = std::chrono::steady_clock;
namespace fs = std::filesystem;

bool g_verbose = false;
std::string g_only;  // --only: one NER file name

// Lower case, letters and digits only, words separated by one space; "in" and "the" dropped so
// "B.S. in Computer Science" equals studyType "B.S." + area "Computer Science".
std::string norm(std::string_view s) {
  std::string out;
  std::string word;
  auto flush = [&] {
    if (!word.empty() && word != "in" && word != "the") out += (out.empty() ? "" : " ") + word;
    word.clear();
  };
  for (char ch : s) {
    const auto c = static_cast<unsigned char>(ch);
    if (std::isalnum(c) != 0 || c >= 0x80)
      word += static_cast<char>(std::tolower(c));
    else if (c == '.' || c == '\'')
      continue;  // "B.S." = "BS"
    else
      flush();
  }
  flush();
  return out;
}

// The built-in lexicon; an empty one (with a warning: skill figures then mean nothing) when the
// built-in one does not load, so the other figures can still be read.
const analyze::skills::Lexicon& lexicon() {
  static const analyze::skills::Lexicon* lex = []() -> const analyze::skills::Lexicon* {
    try {
      return &analyze::skills::Lexicon::builtin();
    } catch (const std::exception& e) {
      std::printf("WARNING: the built-in skills lexicon does not load (%s); using an empty one\n",
                  e.what());
      return new analyze::skills::Lexicon();
    }
  }();
  return *lex;
}

// A skill by the lexicon's name for it when it knows it ("AWS" → "Amazon Web Services").
std::string canonical(const std::string& skill) {
  const auto* known = lexicon().find(skill);
  return known ? known->name : skill;
}

std::string digits(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (c >= '0' && c <= '9') out += c;
  }
  return out;
}

struct Score {
  int tp{};
  int fp{};
  int fn{};
  void add(const std::vector<std::string>& got, const std::vector<std::string>& want) {
    std::multiset<std::string> w(want.begin(), want.end());
    for (const auto& g : got) {
      if (auto it = w.find(g); it != w.end()) {
        ++tp;
        w.erase(it);
      } else {
        ++fp;
      }
    }
    fn += static_cast<int>(w.size());
  }
  double precision() const { return tp + fp == 0 ? 1 : static_cast<double>(tp) / (tp + fp); }
  double recall() const { return tp + fn == 0 ? 1 : static_cast<double>(tp) / (tp + fn); }
  double f1() const {
    const double p = precision();
    const double r = recall();
    return p + r == 0 ? 0 : 2 * p * r / (p + r);
  }
};

struct Accuracy {
  int right{};
  int total{};
  void add(bool ok) {
    right += ok ? 1 : 0;
    ++total;
  }
  double value() const { return total == 0 ? 1 : static_cast<double>(right) / total; }
};

void row(const char* what, double value, const char* aim, int n) {
  std::printf("  %-34s %6.3f   aim %-6s  (n=%d)\n", what, value, aim, n);
}

void row_prf(const char* what, const Score& s, const char* aim) {
  std::printf("  %-34s P %.3f R %.3f F1 %.3f   aim %-6s (tp=%d fp=%d fn=%d)\n", what, s.precision(),
              s.recall(), s.f1(), aim, s.tp, s.fp, s.fn);
}

double median(std::vector<double> v) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

std::string read_file(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::string str(const json::Value& v, std::string_view key) {
  auto s = v.string_at(key);
  return s ? std::string(*s) : std::string();
}

// "2022 – Present" → (start, end) as the parser's own date reader sees them.
std::pair<std::string, std::string> truth_dates(const std::string& dates) {
  for (const auto& span : analyze::resume_parse::find_dates(dates))
    return {span.start, span.finish};
  return {"", ""};
}

analyze::ParsedResume timed_parse(const analyze::Document& doc, std::vector<double>& times) {
  analyze::ParsedResume parsed;
  for (int i = 0; i < 5; ++i) {
    const auto t0 = Clock::now();
    parsed = analyze::parse_resume(doc, lexicon());
    times.push_back(std::chrono::duration<double, std::milli>(Clock::now() - t0).count());
  }
  return parsed;
}

void evaluate_pdfs(const fs::path& dir) {
  Accuracy name, email, phone, location, dates;
  Score work, education, skills;
  std::vector<double> times;
  int files = 0;
  for (const auto& e : fs::recursive_directory_iterator(dir)) {
    const auto path = e.path().string();
    if (!path.ends_with(".truth.json")) continue;
    const auto pdf = path.substr(0, path.size() - 11) + ".pdf";
    auto truth = json::parse(read_file(e.path()));
    auto extraction = extract::extract_pdf(pdf, extract::ExtractLimits{});
    if (!truth || !extraction) {
      std::printf("  cannot read %s\n", pdf.c_str());
      continue;
    }
    ++files;
    analyze::Document doc{extraction->text, extraction->layout, extraction->method,
                          extraction->page_count, extraction->unmapped_glyphs};
    const auto parsed = timed_parse(doc, times);
    const auto& r = parsed.resume;
    std::vector<std::string> misses;
    auto check = [&](Accuracy& acc, const char* field, const std::string& want,
                     const std::string& got) {
      if (want.empty()) return;
      const bool ok = field == std::string_view("phone") ? digits(want) == digits(got)
                                                         : norm(want) == norm(got);
      acc.add(ok);
      if (!ok) misses.push_back(std::string(field) + ": want \"" + want + "\" got \"" + got + "\"");
    };
    const auto* contact = truth->find("contact");
    const auto& loc = r.basics.location;
    std::string got_location =
        loc.address + " " + loc.city + " " + loc.region + " " + loc.postalCode;
    if (contact) {
      check(name, "name", str(*contact, "full_name"), r.basics.name);
      check(email, "email", str(*contact, "email"), r.basics.email);
      check(phone, "phone", str(*contact, "phone"), r.basics.phone);
      check(location, "location", str(*contact, "location"), got_location);
    }
    std::vector<std::string> want, got;
    std::map<std::string, std::pair<std::string, std::string>> want_dates;
    if (const auto* arr = truth->find("experience"); arr && arr->as_array()) {
      for (const auto& x : *arr->as_array()) {
        const auto key = norm(str(x, "title")) + " @ " + norm(str(x, "company"));
        want.push_back(key);
        want_dates[key] = truth_dates(str(x, "dates"));
      }
    }
    for (const auto& w : r.work) {
      const auto key = norm(w.position) + " @ " + norm(w.name);
      got.push_back(key);
      if (auto it = want_dates.find(key); it != want_dates.end() && !it->second.first.empty()) {
        const bool ok = it->second.first == w.startDate && it->second.second == w.endDate;
        dates.add(ok);
        if (!ok)
          misses.push_back("dates of " + key + ": want " + it->second.first + ".." +
                           it->second.second + " got " + w.startDate + ".." + w.endDate);
      }
    }
    auto tally = [&](Score& s, const char* what) {
      Score one;
      one.add(got, want);
      s.tp += one.tp;
      s.fp += one.fp;
      s.fn += one.fn;
      std::multiset<std::string> w(want.begin(), want.end());
      for (const auto& g : got) {
        if (!w.contains(g)) misses.push_back(std::string(what) + " extra: " + g);
      }
      std::multiset<std::string> gs(got.begin(), got.end());
      for (const auto& x : want) {
        if (!gs.contains(x)) misses.push_back(std::string(what) + " missing: " + x);
      }
      want.clear();
      got.clear();
    };
    tally(work, "experience");
    if (const auto* arr = truth->find("education"); arr && arr->as_array()) {
      for (const auto& x : *arr->as_array())
        want.push_back(norm(str(x, "degree")) + " @ " + norm(str(x, "institution")));
    }
    for (const auto& ed : r.education)
      got.push_back(norm(ed.studyType + " " + ed.area) + " @ " + norm(ed.institution));
    tally(education, "education");
    if (const auto* arr = truth->find("skills"); arr && arr->as_array()) {
      for (const auto& x : *arr->as_array()) {
        if (const auto* s = x.as_string()) want.push_back(norm(canonical(*s)));
      }
    }
    for (const auto& group : r.skills) {
      for (const auto& k : group.keywords) got.push_back(norm(k));
    }
    tally(skills, "skills");
    if (g_verbose) std::printf("%s\n", analyze::to_json(r).c_str());
    if (g_verbose || !misses.empty()) {
      std::printf("  %s\n", fs::relative(pdf, dir).c_str());
      for (const auto& m : misses) std::printf("      %s\n", m.c_str());
    }
  }
  std::printf("\n(a) truth files: %d PDFs, extracted in-process with layout\n", files);
  row("contact name", name.value(), ">=0.95", name.total);
  row("contact email", email.value(), ">=0.95", email.total);
  row("contact phone", phone.value(), ">=0.95", phone.total);
  row("contact location", location.value(), ">=0.95", location.total);
  row_prf("experience entries (title+company)", work, ">=0.85");
  row("experience dates (matched entries)", dates.value(), "", dates.total);
  row_prf("education entries (degree+school)", education, ">=0.85");
  row_prf("skills", skills, ">=0.80");
  std::printf("  median parse time %.3f ms (this build)\n", median(times));
}

// One NER résumé: its text without the marks, and the marked spans by type.
struct Labelled {
  std::string text;
  std::map<std::string, std::vector<std::string>> labels;
};

std::string unescape(std::string_view s) {
  static constexpr std::pair<std::string_view, std::string_view> kEntities[] = {
      {"&amp;", "&"}, {"&lt;", "<"}, {"&gt;", ">"}, {"&quot;", "\""}, {"&apos;", "'"}};
  std::string out;
  for (std::size_t i = 0; i < s.size();) {
    bool done = false;
    for (const auto& [from, to] : kEntities) {
      if (s.substr(i).starts_with(from)) {
        out += to;
        i += from.size();
        done = true;
        break;
      }
    }
    if (!done) out += s[i++];
  }
  return out;
}

// Some texts carry their non-ASCII bytes as literal "\xe2\x80\xa2" escapes: back to bytes.
std::string hex_escapes(std::string_view s) {
  auto hex = [](char c) { return std::isxdigit(static_cast<unsigned char>(c)) != 0; };
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '\\' && i + 3 < s.size() && s[i + 1] == 'x' && hex(s[i + 2]) && hex(s[i + 3])) {
      out += static_cast<char>(std::stoi(std::string(s.substr(i + 2, 2)), nullptr, 16));
      i += 3;
    } else {
      out += s[i];
    }
  }
  return out;
}

Labelled read_labelled(std::string_view xml, int split) {
  Labelled doc;
  const auto open = xml.find("<cv>");
  const auto close = xml.rfind("</cv>");
  if (open == std::string_view::npos || close == std::string_view::npos) return doc;
  auto body = xml.substr(open + 4, close - open - 4);
  std::string raw;
  for (std::size_t i = 0; i < body.size();) {
    if (body.substr(i).starts_with("<label type=\"")) {
      const auto type_end = body.find('"', i + 13);
      const auto text_start = body.find('>', type_end) + 1;
      const auto text_end = body.find("</label>", text_start);
      const std::string type(body.substr(i + 13, type_end - i - 13));
      const auto value = body.substr(text_start, text_end - text_start);
      doc.labels[type].push_back(unescape(value));
      raw += value;
      i = text_end + 8;
    } else {
      raw += body[i++];
    }
  }
  auto text = unescape(hex_escapes(raw));
  if (std::count(text.begin(), text.end(), '\n') < 8) {
    // Flattened: runs of `split` or more spaces were line ends.
    std::string lines;
    for (std::size_t i = 0; i < text.size();) {
      std::size_t j = i;
      while (j < text.size() && text[j] == ' ') ++j;
      if (j - i >= static_cast<std::size_t>(split)) {
        lines += '\n';
        i = j;
      } else if (j > i) {
        lines.append(j - i, ' ');
        i = j;
      } else {
        lines += text[i++];
      }
    }
    text = std::move(lines);
  }
  // The flattened texts are quoted: "…".
  const auto first = text.find_first_not_of(" \n");
  if (first != std::string::npos && text[first] == '"') text.erase(0, first + 1);
  if (const auto last = text.find_last_not_of(" \n");
      last != std::string::npos && text[last] == '"')
    text.erase(last);
  doc.text = std::move(text);
  return doc;
}

std::vector<std::string> normed(const std::vector<std::string>& v) {
  std::set<std::string> s;
  for (const auto& x : v) {
    if (auto n = norm(x); !n.empty()) s.insert(std::move(n));
  }
  return {s.begin(), s.end()};
}

// An employer's name without its legal form at the end ("Acme India Pvt. Ltd." = "Acme India"):
// the same employer whether the résumé or the label writes the suffix.
std::vector<std::string> without_legal_form(std::vector<std::string> v) {
  static constexpr std::string_view kForms[] = {
      "inc", "incorporated", "llc",     "llp", "ltd",  "limited", "corp", "corporation",
      "co",  "pvt",          "private", "plc", "gmbh", "pty",     "ag",   "sa"};
  for (auto& n : v) {
    n = norm(n);
    bool cut = true;
    while (cut) {
      cut = false;
      const auto space = n.rfind(' ');
      if (space == std::string::npos) break;
      const auto last = std::string_view(n).substr(space + 1);
      for (auto form : kForms) {
        if (last == form) {
          n.resize(space);
          cut = true;
          break;
        }
      }
    }
  }
  return v;
}

void evaluate_ner(const fs::path& zip_path, int split) {
  auto zip = files::ZipReader::open(zip_path.string(), "the NER set");
  if (!zip) {
    std::printf("\n(b) %s: cannot open\n", zip_path.c_str());
    return;
  }
  auto entries = zip->entries();
  if (!entries) return;
  Accuracy name, email;
  Score companies, titles, colleges, tools;
  std::vector<double> times;
  int files = 0;
  for (const auto& entry : *entries) {
    if (!entry.name.ends_with(".xml")) continue;
    if (!g_only.empty() && fs::path(entry.name).filename() != g_only) continue;
    auto bytes = zip->read(entry, 10 << 20);
    if (!bytes) continue;
    const auto doc = read_labelled(*bytes, split);
    ++files;
    analyze::Document input;
    input.text = doc.text;
    input.method = "plain";
    const auto parsed = timed_parse(input, times);
    const auto& r = parsed.resume;
    if (!g_only.empty()) {
      for (std::size_t i = 0; i < parsed.lines.size(); ++i)
        std::printf("%4zu  %s\n", i, parsed.lines[i].c_str());
      for (const auto& s : parsed.sections)
        std::printf("section %s \"%s\" %d..%d\n", s.kind.c_str(), s.heading.c_str(), s.first_line,
                    s.last_line);
      std::printf("%s\n", analyze::to_json(r).c_str());
    }
    auto labels = [&](const char* type) {
      auto it = doc.labels.find(type);
      return it == doc.labels.end() ? std::vector<std::string>{} : it->second;
    };
    std::vector<std::string> misses;
    if (auto want = labels("Name"); !want.empty()) {
      const bool ok = norm(want.front()) == norm(r.basics.name);
      name.add(ok);
      if (!ok)
        misses.push_back("name: want \"" + want.front() + "\" got \"" + r.basics.name + "\"");
    }
    if (auto want = labels("Email Address"); !want.empty()) {
      const bool ok = norm(want.front()) == norm(r.basics.email);
      email.add(ok);
      if (!ok)
        misses.push_back("email: want \"" + want.front() + "\" got \"" + r.basics.email + "\"");
    }
    std::vector<std::string> got_companies, got_titles, got_colleges, got_skills;
    for (const auto& w : r.work) {
      got_companies.push_back(w.name);
      got_titles.push_back(w.position);
    }
    for (const auto& e : r.education) got_colleges.push_back(e.institution);
    for (const auto& g : r.skills) {
      for (const auto& k : g.keywords) got_skills.push_back(k);
    }
    auto score = [&](Score& s, const char* what, std::vector<std::string> got,
                     std::vector<std::string> want) {
      got = normed(got);
      want = normed(want);
      s.add(got, want);
      if (g_verbose) {
        std::set<std::string> w(want.begin(), want.end()), gs(got.begin(), got.end());
        for (const auto& x : got)
          if (!w.contains(x)) misses.push_back(std::string(what) + " extra: " + x);
        for (const auto& x : want)
          if (!gs.contains(x)) misses.push_back(std::string(what) + " missing: " + x);
      }
    };
    score(companies, "company", without_legal_form(got_companies),
          without_legal_form(labels("Companies worked at")));
    score(titles, "title", got_titles, labels("Designation"));
    score(colleges, "college", got_colleges, labels("College Name"));
    // Tools: the label's canonical name where the lexicon knows it; recall only.
    std::vector<std::string> want_tools;
    for (const auto& t : labels("Tech Tools")) want_tools.push_back(canonical(t));
    Score one;
    one.add(normed(got_skills), normed(want_tools));
    tools.tp += one.tp;
    tools.fn += one.fn;
    if (g_verbose && !misses.empty()) {
      std::printf("  %s\n", entry.name.c_str());
      for (const auto& m : misses) std::printf("      %s\n", m.c_str());
    }
  }
  std::printf("\n(b) NER set: %d texts, no layout, lines recovered at runs of %d+ spaces\n", files,
              split);
  row("name", name.value(), ">=0.95", name.total);
  row("email", email.value(), ">=0.95", email.total);
  row_prf("companies (work[].name)", companies, ">=0.85");
  row_prf("titles (work[].position)", titles, ">=0.85");
  row_prf("colleges (education[].institution)", colleges, ">=0.85");
  std::printf("  %-34s R %.3f   aim >=0.80 (found %d of %d)\n", "tools (skills keywords)",
              tools.recall(), tools.tp, tools.tp + tools.fn);
  std::printf("  median parse time %.3f ms (this build)\n", median(times));
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: tailor-parse-eval DATA_DIR [--verbose] [--split N]\n");
    return 2;
  }
  int split = 2;
  for (int i = 2; i < argc; ++i) {
    if (std::strcmp(argv[i], "--verbose") == 0) g_verbose = true;
    if (std::strcmp(argv[i], "--split") == 0 && i + 1 < argc) split = std::atoi(argv[++i]);
    if (std::strcmp(argv[i], "--only") == 0 && i + 1 < argc) {
      g_only = argv[++i];
      g_verbose = true;
    }
  }
  const fs::path data = argv[1];
  if (g_only.empty()) evaluate_pdfs(data / "pdfs");
  evaluate_ner(data / "ner" / "cvs_train.zip", split);
  return 0;
}
