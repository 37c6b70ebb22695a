#pragma once
// `tailor parse|match|redact|ats`: the analysis run in-process on local files, with no servers.
// Each returns the process exit code: 0 done, 1 the input could not be used (the message on
// stderr says why), 2 wrong usage.
namespace tailor::cli {

int parse_command(int argc, char** argv);
int match_command(int argc, char** argv);
int redact_command(int argc, char** argv);
int ats_command(int argc, char** argv);

}  // namespace tailor::cli
