// OutputTree: the rendered site as an in-memory map of relative paths to
// bytes, and WriteOutput, which puts it on disk atomically.
//
// Consumes: the pages and assets the render stage produced.
// Produces: the output folder, swapped in whole or not at all.
#ifndef SCRUTINEER_WRITE_OUTPUT_TREE_H_
#define SCRUTINEER_WRITE_OUTPUT_TREE_H_

#include <map>
#include <string>

#include "diag/diagnostics.h"

namespace scrutineer {

/// Relative output path ("reviews/x/index.html") -> file contents. Paths use
/// '/' separators, never start with '/', and never contain "." or ".."
/// segments or empty segments; Add() asserts this (the url rules in
/// render/urls.h only produce such paths).
class OutputTree {
 public:
  /// Adds a file, or replaces the one at `path`. Returns false when it
  /// replaced one: two pages must never share an output file, and the
  /// render stage reports that as an error.
  bool Add(const std::string& path, std::string contents);
  const std::string* Find(const std::string& path) const;
  const std::map<std::string, std::string>& files() const { return files_; }
  size_t size() const { return files_.size(); }

 private:
  std::map<std::string, std::string> files_;
};

/// True when `path` is a safe relative output path (see OutputTree).
bool IsSafeOutputPath(const std::string& path);

/// WriteOutput's step 1 alone, which needs no tree: reports and returns
/// false when `out_dir` would be refused, with WriteOutput's messages. A
/// command calls it before building, so that a mistyped output folder fails
/// at once rather than after the whole site is rendered. WriteOutput checks
/// again: the folders may change in between.
bool CheckOutputFolder(const std::string& out_dir,
                       const std::string& source_dir, Diagnostics& diagnostics);

/// Writes `tree` to `out_dir` atomically:
///  1. refuses an out_dir that is "/", the user's home, the source folder or
///     a folder containing it, or whose parent does not exist;
///  2. writes every file into a fresh sibling folder `.<name>.tmp-<pid>-<n>`;
///  3. swaps it with out_dir in one rename (renameat2 RENAME_EXCHANGE when
///     out_dir exists, plain rename otherwise), then deletes the old tree.
/// On any failure the sibling is removed, out_dir is left exactly as it was,
/// and an error naming the path and the system's reason is reported.
/// Returns true on success.
bool WriteOutput(const OutputTree& tree, const std::string& out_dir,
                 const std::string& source_dir, Diagnostics& diagnostics);

}  // namespace scrutineer

#endif  // SCRUTINEER_WRITE_OUTPUT_TREE_H_
