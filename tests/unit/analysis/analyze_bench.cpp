// tailor-analyze-bench DATA_DIR [ROUNDS]: the analyze stage's time per résumé–job pair.
//
// Reads every PDF under DATA_DIR/pdfs (in-process, as the extract stage does) and every job
// description DATA_DIR/jds/*.txt, then times analyze() — parse, PII, skills, job, match, ATS:
// what the stage computes per message — on every PDF × JD pair, ROUNDS times (default 20).
// Prints the median and p95 per pair for the whole analysis and for each part, and the median
// JSON encoding time of the report. Not a test: a measurement (scripts/eval runs it in Release).
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "workers/analyze/analysis.hpp"
#include "workers/analyze/report_json.hpp"
#include "workers/analyze/resume/parser.hpp"
#include "workers/extract/extract_file.hpp"

namespace fs = std::filesystem;
using namespace tailor;
using Clock = std::chrono::steady_clock;

namespace {
double ms_since(Clock::time_point t0) {
  return std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
}

struct Series {
  const char* name;
  std::vector<double> ms;
  void print() {
    if (ms.empty()) return;
    std::sort(ms.begin(), ms.end());
    const double median = ms[ms.size() / 2];
    const double p95 = ms[std::min(ms.size() - 1, ms.size() * 95 / 100)];
    std::printf("%-28s median %.3f ms   p95 %.3f ms   (%zu runs)\n", name, median, p95, ms.size());
  }
};

template <class F>
void timed(Series& s, F&& f) {
  const auto t0 = Clock::now();
  f();
  s.ms.push_back(ms_since(t0));
}
}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: %s DATA_DIR [ROUNDS]\n", argv[0]);
    return 2;
  }
  const fs::path data = argv[1];
  const int rounds = argc > 2 ? std::max(1, std::atoi(argv[2])) : 20;

  std::vector<analyze::Document> resumes;
  for (const auto& e : fs::recursive_directory_iterator(data / "pdfs")) {
    if (e.path().extension() != ".pdf") continue;
    auto x = extract::extract_file(e.path().string(), files::MediaType::pdf, extract::ExtractLimits{});
    if (!x) {
      std::fprintf(stderr, "skipped %s: %s\n", e.path().c_str(), x.error().message.c_str());
      continue;
    }
    resumes.push_back(analyze::to_document(std::move(*x)));
  }
  std::vector<analyze::JobInput> jobs;
  for (const auto& e : fs::directory_iterator(data / "jds")) {
    if (e.path().extension() != ".txt") continue;
    std::ifstream in(e.path());
    std::ostringstream text;
    text << in.rdbuf();
    analyze::JobInput input;
    input.text = std::move(text).str();
    jobs.push_back(std::move(input));
  }
  if (resumes.empty() || jobs.empty()) {
    std::fprintf(stderr, "no PDFs or job descriptions under %s\n", data.c_str());
    return 1;
  }
  const auto& lexicon = analyze::skills::Lexicon::builtin();  // built once per process, not timed

  Series whole{"analysis (whole)", {}}, parse{"  parse", {}}, pii{"  PII redaction", {}},
      job{"  job description", {}}, match{"  match", {}}, ats{"  ATS review", {}}, json{"report JSON", {}};
  long long checksum = 0;
  for (int r = 0; r < rounds; ++r) {
    for (const auto& doc : resumes) {
      for (const auto& jd : jobs) {
        analyze::Analysis a;
        timed(whole, [&] { a = analyze::analyze(doc, jd, lexicon); });
        timed(json, [&] { checksum += static_cast<long long>(analyze::report_json(a).size()); });
        checksum += a.match.score;
        if (r == 0) {  // the parts, once per pair (the whole is what the stage pays)
          analyze::ParsedResume parsed;
          timed(parse, [&] { parsed = analyze::parse_resume(doc, lexicon); });
          analyze::pii::Hints hints;
          if (!parsed.resume.basics.name.empty()) hints.names.push_back(parsed.resume.basics.name);
          timed(pii, [&] { checksum += static_cast<long long>(analyze::pii::redact(doc.text, hints).spans.size()); });
          analyze::JobRequirements req;
          timed(job, [&] { req = analyze::parse_job(jd, lexicon); });
          timed(match, [&] { checksum += analyze::match(doc, parsed, req, lexicon).score; });
          timed(ats, [&] { checksum += static_cast<long long>(analyze::review(doc, parsed).flags.size()); });
        }
      }
    }
  }
  std::printf("%zu résumés × %zu job descriptions, %d rounds, %zu skills in the lexicon\n", resumes.size(),
              jobs.size(), rounds, lexicon.size());
  for (Series* s : {&whole, &parse, &pii, &job, &match, &ats, &json}) s->print();
  std::fprintf(stderr, "(checksum %lld)\n", checksum);
  return 0;
}
