#include "commands/commands.h"
#include "pipeline.h"

namespace scrutineer {

int RunCheck(const CommandOptions& options, std::ostream& out,
             std::ostream& err) {
  DiskFileSystem files(options.source);
  Diagnostics diagnostics(options.strict);
  Site site;
  OutputTree output;
  bool loaded = BuildSite(files, &site, &output, diagnostics);
  PrintDiagnostics(diagnostics, err);
  if (!loaded) return kExitFailure;
  if (diagnostics.HasErrors()) return kExitContentErrors;
  if (!options.quiet) {
    out << "Checked " << site.records.size() << " records and " << output.size()
        << " pages: no errors\n";
  }
  return kExitOk;
}

}  // namespace scrutineer
