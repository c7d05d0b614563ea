// Diagnostics: the sink every stage reports problems to, and the printer.
//
// Stages report and keep going; the pipeline decides at the end whether a
// build may write. Whether a problem is a warning or an error is decided here,
// in one place (Diagnostics::Report with a Severity, and --strict).
#ifndef SCRUTINEER_DIAG_DIAGNOSTICS_H_
#define SCRUTINEER_DIAG_DIAGNOSTICS_H_

#include <map>
#include <memory>
#include <mutex>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "diag/source_location.h"

namespace scrutineer {

enum class Severity { kWarning, kError };

struct Diagnostic {
  Severity severity = Severity::kError;
  std::string path;  // copied: a diagnostic outlives the content it names
  int line = 0;
  int column = 0;
  std::string message;
  std::string hint;  // printed as "note: <hint>" when not empty
};

/// Every member may be called from several threads at once: the load and
/// render stages report from their worker threads. Insertion order is not
/// kept (Sorted() decides the order), so a parallel stage reports the same
/// diagnostics as a sequential one.
class Diagnostics {
 public:
  /// With strict set, warnings are recorded as errors.
  explicit Diagnostics(bool strict = false) : strict_(strict) {}
  /// Copies take `other`'s lock: a copy is never half of a report.
  Diagnostics(const Diagnostics& other);
  Diagnostics& operator=(const Diagnostics& other);

  void Error(const SourceLocation& where, std::string message,
             std::string hint = "");
  void Warning(const SourceLocation& where, std::string message,
               std::string hint = "");
  void Report(Severity severity, const SourceLocation& where,
              std::string message, std::string hint);

  /// Remembers a file's text so the printer can quote the offending line.
  void AddSource(std::string_view path,
                 std::shared_ptr<const std::string> text);

  /// Forgets the text of each of `paths` that no diagnostic reported so far
  /// points into: a build keeps its records once they are linked, and need
  /// not keep their files (a tenth of its memory) just in case.
  void ForgetSourcesWithoutDiagnostics(
      const std::vector<std::string_view>& paths);

  bool HasErrors() const;
  /// Counts of the diagnostics Sorted() returns (duplicates counted once).
  int error_count() const;
  int warning_count() const;
  /// Every diagnostic, sorted by path, line, column, then message, without
  /// duplicates.
  std::vector<Diagnostic> Sorted() const;

  /// The text of line `line` (1-based) of `path`, if its source was added.
  /// Valid until the source of `path` is added again.
  std::string_view SourceLine(const std::string& path, int line) const;

 private:
  bool strict_ = false;
  // One lock for everything below: reports are rare next to the work that
  // finds them, so it is almost never contended.
  mutable std::mutex mutex_;
  int error_count_ = 0;
  std::vector<Diagnostic> items_;
  std::map<std::string, std::shared_ptr<const std::string>, std::less<>>
      sources_;
  // Where each line of each source quoted so far starts, so that quoting
  // the lines of many diagnostics in a large file does not rescan it for
  // each one.
  mutable std::map<std::string, std::vector<size_t>, std::less<>> line_starts_;
};

/// `text` safe to print to a terminal: control characters, which could end
/// a line early, move the cursor or retitle the window, are shown as \x1b,
/// and C1 controls (U+0080 to U+009F) as \u009b; tabs are kept. File names,
/// messages that quote content, and source lines all go through it.
std::string ForTerminal(std::string_view text);

/// "path:line:column: error: message" (line/column omitted when 0), for a
/// terminal (see ForTerminal).
std::string FormatDiagnosticHeadline(const Diagnostic& diagnostic);

/// Prints every diagnostic with the source line and a caret when known, and
/// a closing count line ("2 errors, 1 warning").
void PrintDiagnostics(const Diagnostics& diagnostics, std::ostream& out);

/// Closest candidate by edit distance, for "did you mean" hints; empty when
/// nothing is close enough to help.
std::string SuggestClosest(std::string_view word,
                           const std::vector<std::string_view>& candidates);

}  // namespace scrutineer

#endif  // SCRUTINEER_DIAG_DIAGNOSTICS_H_
