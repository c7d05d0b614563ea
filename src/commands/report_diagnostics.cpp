#include "commands/report_diagnostics.h"

#include <filesystem>

#include "diag/diagnostic_formats.h"

namespace scrutineer {
namespace {

namespace fs = std::filesystem;

// "site" for --source site or --source /abs/repo/site run from /abs/repo;
// "" for the current folder; the absolute path when outside it.
std::string SourceFromCurrentFolder(const std::string& source) {
  std::error_code error;
  fs::path absolute = fs::weakly_canonical(fs::absolute(source, error), error);
  fs::path current = fs::current_path(error);
  if (error) return source;
  fs::path relative = absolute.lexically_relative(current);
  std::string text = relative.generic_string();
  if (text.empty() || text == ".") return "";
  if (text.compare(0, 2, "..") == 0) return absolute.generic_string();
  return text;
}

}  // namespace

void ReportDiagnostics(const CommandOptions& options,
                       const Diagnostics& diagnostics, std::ostream& out,
                       std::ostream& err) {
  DiagnosticFormat format =
      ParseDiagnosticFormat(options.format).value_or(DiagnosticFormat::kText);
  std::string prefix = format == DiagnosticFormat::kGithub
                           ? SourceFromCurrentFolder(options.source)
                           : "";
  PrintDiagnosticsAs(format, diagnostics, prefix, out, err);
}

}  // namespace scrutineer
