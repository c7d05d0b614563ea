// OutputTree: the rendered site, as the render stage adds it file by file.
// An in-memory tree keeps every file's bytes (check and serve read them);
// a write-through tree writes each file into an OutputFolder as it is added
// and keeps only its path, so that a build's memory does not grow with its
// pages. WriteOutput puts an in-memory tree on disk atomically.
//
// Consumes: the pages and assets the render stage produced.
// Produces: the output folder, swapped in whole or not at all.
#ifndef SCRUTINEER_WRITE_OUTPUT_TREE_H_
#define SCRUTINEER_WRITE_OUTPUT_TREE_H_

#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "diag/diagnostics.h"
#include "write/output_folder.h"

namespace scrutineer {

/// Relative output path ("reviews/x/index.html") -> file contents. Paths use
/// '/' separators, never start with '/', and never contain "." or ".."
/// segments or empty segments; Add() asserts this (the url rules in
/// render/urls.h only produce such paths).
class OutputTree {
 public:
  /// An in-memory tree.
  OutputTree() = default;
  /// A write-through tree: Add() writes each file into `folder` at once and
  /// keeps its path only. `folder` must be open and outlive the tree.
  explicit OutputTree(OutputFolder* folder);

  /// Adds a file, or replaces the one at `path`. Returns false when it
  /// replaced one: two pages must never share an output file, and the
  /// render stage reports that as an error. A write-through tree keeps the
  /// first file's bytes instead (a clash fails the build anyway), and after
  /// a write has failed it writes nothing more: see WriteError(). Add() on
  /// a write-through tree is safe to call from several threads at once;
  /// every other call on any tree, and Add() on an in-memory one, is not.
  bool Add(const std::string& path, std::string contents);
  /// The bytes at `path`; nullptr when there is no such file, and always
  /// on a write-through tree.
  const std::string* Find(const std::string& path) const;
  /// Every file and its bytes. In-memory trees only.
  const std::map<std::string, std::string>& files() const;
  /// Every path added so far, sorted.
  std::vector<std::string> Paths() const;
  size_t size() const { return files_.size(); }
  bool writes_through() const { return through_ != nullptr; }

  /// For a write-through tree, once everything is added: when a write
  /// failed, reports it as WriteOutput would have ("cannot write output
  /// file '<path>': <reason>"; of two paths where one needs the other to be
  /// a folder, the deeper one, whichever was written first) and abandons
  /// the folder; otherwise publishes it (OutputFolder::Publish). Returns
  /// true when the output is in place.
  bool Publish(Diagnostics& diagnostics);

 private:
  struct WriteThrough {
    OutputFolder* folder;
    std::mutex mutex;  // guards files_ and the failure below
    std::string failed_path;
    int error = 0;  // of the first write that failed, or 0
  };

  // Contents are empty in a write-through tree: the bytes are on disk.
  std::map<std::string, std::string> files_;
  // Behind a pointer so that a tree stays movable.
  std::unique_ptr<WriteThrough> through_;
};

/// Writes an in-memory `tree` to `out_dir` atomically, through an
/// OutputFolder (see there for the steps, the checks and what is left on
/// failure): every file, then the swap. On failure an error naming the path
/// and the system's reason is reported. Returns true on success.
bool WriteOutput(const OutputTree& tree, const std::string& out_dir,
                 const std::string& source_dir, Diagnostics& diagnostics);

}  // namespace scrutineer

#endif  // SCRUTINEER_WRITE_OUTPUT_TREE_H_
