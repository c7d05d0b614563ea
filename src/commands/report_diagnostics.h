// How the commands print a run's diagnostics: in the --format chosen, with
// paths a CI service can map to the repository.
#ifndef SCRUTINEER_COMMANDS_REPORT_DIAGNOSTICS_H_
#define SCRUTINEER_COMMANDS_REPORT_DIAGNOSTICS_H_

#include <ostream>

#include "commands/commands.h"
#include "diag/diagnostics.h"

namespace scrutineer {

/// Prints `diagnostics` as options.format says (text to `err`, github and
/// json to `out`). GitHub annotations name files from the current folder:
/// the site folder, made relative to it when it lies inside, is put in
/// front of each path.
void ReportDiagnostics(const CommandOptions& options,
                       const Diagnostics& diagnostics, std::ostream& out,
                       std::ostream& err);

}  // namespace scrutineer

#endif  // SCRUTINEER_COMMANDS_REPORT_DIAGNOSTICS_H_
