// The forms a run's diagnostics can be printed in, chosen with --format:
// text for people and editors (PrintDiagnostics), GitHub Actions workflow
// commands for CI annotations, and JSON for other tools. The choice is made
// in one place, PrintDiagnosticsAs.
#ifndef SCRUTINEER_DIAG_DIAGNOSTIC_FORMATS_H_
#define SCRUTINEER_DIAG_DIAGNOSTIC_FORMATS_H_

#include <optional>
#include <ostream>
#include <string>
#include <string_view>

#include "diag/diagnostics.h"

namespace scrutineer {

enum class DiagnosticFormat { kText, kGithub, kJson };

/// "text", "github" or "json"; nullopt for anything else.
std::optional<DiagnosticFormat> ParseDiagnosticFormat(std::string_view name);

/// One GitHub Actions workflow command per diagnostic:
///   ::error file=content/x.md,line=4,col=12::unknown committee 'x'%0Anote: …
/// `path_prefix` (the site folder as given on the command line, "" for the
/// current folder) is put before each path, because GitHub resolves paths
/// from the repository root. Properties and messages are escaped as the
/// runner expects (%, CR, LF; and ':' and ',' in properties).
void PrintGithubAnnotations(const Diagnostics& diagnostics,
                            std::string_view path_prefix, std::ostream& out);

/// A JSON document: {"diagnostics": [{"severity", "file", "line", "column",
/// "message", "hint"}...], "errors": N, "warnings": N}, sorted as
/// Diagnostics::Sorted(). Paths are relative to the site folder.
void PrintDiagnosticsJson(const Diagnostics& diagnostics, std::ostream& out);

/// Prints every diagnostic in `format`. Text goes to `err` (it is a message
/// to a person); the machine formats go to `out`, so that they can be piped.
void PrintDiagnosticsAs(DiagnosticFormat format, const Diagnostics& diagnostics,
                        std::string_view path_prefix, std::ostream& out,
                        std::ostream& err);

}  // namespace scrutineer

#endif  // SCRUTINEER_DIAG_DIAGNOSTIC_FORMATS_H_
