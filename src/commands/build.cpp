#include <chrono>

#include "commands/commands.h"
#include "pipeline.h"

namespace scrutineer {

int RunBuild(const CommandOptions& options, std::ostream& out,
             std::ostream& err) {
  auto start = std::chrono::steady_clock::now();
  std::string out_dir =
      options.out.empty() ? options.source + "/public" : options.out;
  DiskFileSystem files(options.source);
  Diagnostics diagnostics(options.strict);
  Site site;
  OutputTree output;
  bool loaded = BuildSite(files, &site, &output, diagnostics);
  PrintDiagnostics(diagnostics, err);
  if (!loaded) return kExitFailure;
  if (diagnostics.HasErrors()) {
    err << "build failed: nothing was written; " << out_dir
        << " is as it was\n";
    return kExitContentErrors;
  }
  Diagnostics write_diagnostics;
  if (!WriteOutput(output, out_dir, options.source, write_diagnostics)) {
    PrintDiagnostics(write_diagnostics, err);
    return kExitFailure;
  }
  PrintDiagnostics(write_diagnostics, err);  // warnings, e.g. leftovers
  if (!options.quiet) {
    auto elapsed = std::chrono::duration_cast<std::chrono::milliseconds>(
        std::chrono::steady_clock::now() - start);
    out << "Built " << site.records.size() << " records into " << output.size()
        << " files in " << out_dir << " (" << elapsed.count() << " ms)\n";
  }
  return kExitOk;
}

}  // namespace scrutineer
