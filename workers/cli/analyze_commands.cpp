#include "workers/cli/analyze_commands.hpp"

#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>

#include "common/analyses/analyses.hpp"
#include "common/core/config.hpp"
#include "common/files/media_type.hpp"
#include "common/files/utf8.hpp"
#include "workers/analyze/analysis.hpp"
#include "workers/analyze/report_json.hpp"
#include "workers/analyze/resume/parser.hpp"
#include "workers/analyze/resume/resume_json.hpp"
#include "workers/extract/extract_file.hpp"

namespace tailor::cli {

namespace {
int usage(const char* command, const char* args) {
  std::fprintf(stderr, "usage: tailor %s %s\n", command, args);
  return 2;
}

int failed(const char* command, const std::string& what) {
  std::fprintf(stderr, "tailor %s: %s\n", command, what.c_str());
  return 1;
}

// A résumé file (PDF, DOCX, PNG/JPEG/TIFF, plain text) read as the extract stage reads it, with
// the same limits, in this process.
Result<analyze::Document> load_resume(const std::string& path) {
  auto type = files::sniff_file(path);
  if (!type) return std::unexpected(type.error());
  auto x = extract::extract_file(path, *type, extract::ExtractLimits{});
  if (!x) return std::unexpected(x.error());
  return analyze::to_document(std::move(*x));
}

// A job description: UTF-8 text of at most the API's limit.
Result<std::string> load_job_text(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return fail(Errc::not_found, "cannot open '" + path + "'");
  std::ostringstream text;
  text << in.rdbuf();
  std::string s = std::move(text).str();
  if (s.size() > analyses::kMaxJobDescriptionBytes) {
    return fail(Errc::invalid_argument, "the job description '" + path + "' is longer than " +
                                            std::to_string(analyses::kMaxJobDescriptionBytes) + " bytes");
  }
  if (files::find_invalid_utf8(s)) return fail(Errc::invalid_argument, "the job description '" + path + "' is not UTF-8 text");
  if (s.find_first_not_of(" \t\r\n") == std::string::npos) {
    return fail(Errc::invalid_argument, "the job description '" + path + "' is empty");
  }
  return s;
}

// The process's skills lexicon (the built-in one, plus TAILOR_SKILLS_CSV files when set).
Result<const analyze::skills::Lexicon*> lexicon() {
  return analyze::skills::Lexicon::for_process(core::Env());
}

void print_line(const std::string& s) {
  std::fwrite(s.data(), 1, s.size(), stdout);
  std::fputc('\n', stdout);
}
}  // namespace

int parse_command(int argc, char** argv) {
  if (argc != 3) return usage("parse", "FILE   (PDF, DOCX, PNG, JPEG, TIFF or text) → JSON Resume");
  auto doc = load_resume(argv[2]);
  if (!doc) return failed("parse", doc.error().message);
  auto skills = lexicon();
  if (!skills) return failed("parse", skills.error().message);
  print_line(analyze::to_json(analyze::parse_resume(*doc, **skills).resume));
  return 0;
}

int match_command(int argc, char** argv) {
  if (argc != 4) return usage("match", "RESUME JOB.txt   → the match report as JSON");
  auto doc = load_resume(argv[2]);
  if (!doc) return failed("match", doc.error().message);
  auto job = load_job_text(argv[3]);
  if (!job) return failed("match", job.error().message);
  auto skills = lexicon();
  if (!skills) return failed("match", skills.error().message);
  analyze::JobInput input;
  input.text = std::move(*job);
  print_line(analyze::report_json(analyze::analyze(*doc, input, **skills)));
  return 0;
}

int redact_command(int argc, char** argv) {
  if (argc != 3) return usage("redact", "FILE   → the text with personal data replaced");
  auto doc = load_resume(argv[2]);
  if (!doc) return failed("redact", doc.error().message);
  auto skills = lexicon();
  if (!skills) return failed("redact", skills.error().message);
  const std::string redacted = analyze::analyze_resume(*doc, **skills).redaction.text;
  std::fwrite(redacted.data(), 1, redacted.size(), stdout);
  return 0;
}

int ats_command(int argc, char** argv) {
  if (argc != 3) return usage("ats", "FILE   → ATS flags and bullet scores as JSON");
  auto doc = load_resume(argv[2]);
  if (!doc) return failed("ats", doc.error().message);
  auto skills = lexicon();
  if (!skills) return failed("ats", skills.error().message);
  print_line(analyze::ats_json(analyze::analyze_resume(*doc, **skills).ats));
  return 0;
}

}  // namespace tailor::cli
