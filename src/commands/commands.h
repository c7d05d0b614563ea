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
  std::string source = ".";     // the site folder
  std::string out;              // build: the output folder (default
                                // <source>/public); schema: a folder to write
  bool strict = false;          // warnings count as errors
  bool quiet = false;           // no summary line
  bool timings = false;         // build: print each stage's wall time
  std::string format = "text";  // diagnostics: text, github or json
  std::string base_url;         // replaces site.yaml's base_url when set
  // serve
  std::string bind = "127.0.0.1";
  int port = 8000;
  // new and schema
  std::string kind;  // "review"; schema: empty for every kind
  std::string id;
};

/// Builds the site and swaps it into the output folder. Writes nothing when
/// any error was reported.
int RunBuild(const CommandOptions& options, std::ostream& out,
             std::ostream& err);

/// Loads, links and renders the site without writing anything, then checks
/// every internal link and anchor of the rendered pages, and reports every
/// problem.
int RunCheck(const CommandOptions& options, std::ostream& out,
             std::ostream& err);

/// Serves the site from memory on options.bind:options.port with live
/// reload, rebuilding when its files change, until SIGINT or SIGTERM.
int RunServe(const CommandOptions& options, std::ostream& out,
             std::ostream& err);

/// Writes content/<folder>/<id>.md or .yaml for a new record of
/// options.kind, every field described; never overwrites.
int RunNew(const CommandOptions& options, std::ostream& out, std::ostream& err);

/// Prints the JSON Schema of options.kind, or of every kind; with
/// options.out, writes <out>/<kind>.schema.json for every kind instead.
int RunSchema(const CommandOptions& options, std::ostream& out,
              std::ostream& err);

}  // namespace scrutineer

#endif  // SCRUTINEER_COMMANDS_COMMANDS_H_
