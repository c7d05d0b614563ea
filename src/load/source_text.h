// Source text: the checks every text file of a site folder passes before it
// is parsed. Records are pasted from Word and PDF documents, so a file may
// hold anything: another encoding, a NUL, invisible control characters,
// Windows or old Mac line ends, a byte-order mark, or megabytes of one line.
//
// Consumes: the bytes of one file. Produces: its text with line ends made
// "\n", or a diagnostic at the line and column of the first problem.
#ifndef SCRUTINEER_LOAD_SOURCE_TEXT_H_
#define SCRUTINEER_LOAD_SOURCE_TEXT_H_

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>

#include "diag/diagnostics.h"
#include "write/file_system.h"

namespace scrutineer {

/// The largest text file the load stage reads: fifty times the largest seed
/// record (21 KB). With the Markdown limits (render/markdown.h) the worst
/// file of this size renders in about a second (docs/security.md).
inline constexpr size_t kMaxSourceBytes = 1024 * 1024;

/// Drops a leading UTF-8 byte-order mark and turns "\r\n" and lone "\r" line
/// ends into "\n", so that lines and columns count the same everywhere.
std::string NormalizeLineEnds(std::string text);

/// Reports the first byte of `text` that is not text: invalid UTF-8
/// (overlong forms, surrogates and code points past U+10FFFF included), NUL,
/// or a control character other than tab and line ends (C0, DEL and the C1
/// range U+0080..U+009F, which is what cp1252 text read as Latin-1 leaves).
/// Lines are counted from `line_offset` + 1; columns are 1-based bytes.
/// Returns true when there was none.
bool CheckSourceText(std::string_view text, std::string_view path,
                     int line_offset, Diagnostics& diagnostics);

/// What CheckSourceText would report for `text`, without its position:
/// "invalid UTF-8 text", "NUL byte", "invisible control character U+000B",
/// or "" when `text` is clean. For values that escapes in quoted YAML
/// ("\\x0b", "\\0", "\\uD800") made after the file was checked.
std::string DescribeTextProblem(std::string_view text);

/// A file as read, before it is checked: everything CheckSourceFile's outcome
/// depends on, so that two reads of one path that compare equal load alike.
struct SourceFile {
  bool read = false;
  std::string error;  // why it could not be read, when !read
  bool too_large = false;
  /// The text with line ends normalized; null unless read and not too large.
  std::shared_ptr<const std::string> text;

  bool operator==(const SourceFile& other) const;
};

/// Reads the file `path` and normalizes its line ends; reports nothing.
SourceFile ReadSourceFile(const FileSystem& files, std::string_view path);

/// What the load stage does with a file once read: reports a file that
/// could not be read or is over kMaxSourceBytes, registers the text with
/// `diagnostics` so that problems can quote it, checks it with
/// CheckSourceText, and returns it; null when it cannot be used. `path`
/// must outlive the diagnostics.
std::shared_ptr<const std::string> CheckSourceFile(const SourceFile& file,
                                                   std::string_view path,
                                                   Diagnostics& diagnostics);

}  // namespace scrutineer

#endif  // SCRUTINEER_LOAD_SOURCE_TEXT_H_
