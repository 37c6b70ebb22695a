// tailor: the command-line tool. `tailor migrate` applies the database migrations; parse, match,
// redact and ats run the analysis on local files in-process (analyze_commands.hpp).
#include <cstdio>
#include <cstring>
#include <string_view>

#include "common/core/config.hpp"
#include "common/core/log.hpp"
#include "common/db/migrations.hpp"
#include "common/db/pool.hpp"
#include "workers/cli/analyze_commands.hpp"

using namespace tailor;

namespace {
constexpr const char* kUsage =
    "usage: tailor <command>\n"
    "\n"
    "commands:\n"
    "  migrate               apply pending database migrations (DATABASE_URL); safe to run again\n"
    "  parse FILE            the résumé as JSON Resume (PDF, DOCX, PNG, JPEG, TIFF or text)\n"
    "  match RESUME JOB.txt  the résumé against a job description: the match report as JSON\n"
    "  redact FILE           the résumé's text with personal data replaced by placeholders\n"
    "  ats FILE              what an applicant tracking system will trip on, and bullet scores\n"
    "  help                  show this text\n"
    "\n"
    "parse, match, redact and ats need no servers. Exit status: 0 done, 1 the input could not be\n"
    "used (stderr says why), 2 wrong usage.\n";

int migrate() {
  const auto config = core::load_config(core::Env());
  log::init("tailor-migrate", log::parse_level(config.log_level));
  auto pool = db::Pool::connect(config.database_url, 1);
  if (!pool) {
    std::fprintf(stderr, "tailor migrate: %s\n", pool.error().message.c_str());
    return 1;
  }
  auto applied = db::migrate(**pool);
  if (!applied) {
    std::fprintf(stderr, "tailor migrate: %s\n", applied.error().message.c_str());
    return 1;
  }
  std::printf("%zu migration(s) applied; the schema is up to date\n", applied->size());
  return 0;
}
}  // namespace

int main(int argc, char** argv) {
  const std::string_view command = argc > 1 ? argv[1] : "";
  try {
    if (command == "migrate") return migrate();
    if (command == "parse") return cli::parse_command(argc, argv);
    if (command == "match") return cli::match_command(argc, argv);
    if (command == "redact") return cli::redact_command(argc, argv);
    if (command == "ats") return cli::ats_command(argc, argv);
    if (command == "help" || command == "--help" || command == "-h") {
      std::fputs(kUsage, stdout);
      return 0;
    }
  } catch (const std::exception& e) {
    std::fprintf(stderr, "tailor: %s\n", e.what());
    return 2;
  }
  std::fprintf(stderr, command.empty() ? "tailor: no command given\n\n%s" : "tailor: unknown command\n\n%s", kUsage);
  return 2;
}
