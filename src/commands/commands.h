// The commands: thin drivers of the pipeline (pipeline.h). Each returns the
// process exit code: 0 success, 1 content errors, 2 usage or internal
// failure.
#ifndef SCRUTINEER_COMMANDS_COMMANDS_H_
#define SCRUTINEER_COMMANDS_COMMANDS_H_

#include <ostream>
#include <string>

namespace scrutineer {

constexpr int kExitOk = 0;
constexpr int kExitContentErrors = 1;
constexpr int kExitFailure = 2;

struct CommandOptions {
  std::string source = ".";  // the site folder
  std::string out;           // build only; empty: <source>/public
  bool strict = false;       // warnings count as errors
  bool quiet = false;        // no summary line
};

/// Builds the site and swaps it into the output folder. Writes nothing when
/// any error was reported.
int RunBuild(const CommandOptions& options, std::ostream& out,
             std::ostream& err);

/// Loads, links and renders the site without writing anything, and reports
/// every problem.
int RunCheck(const CommandOptions& options, std::ostream& out,
             std::ostream& err);

}  // namespace scrutineer

#endif  // SCRUTINEER_COMMANDS_COMMANDS_H_
