// OutputTree: the rendered site, as the render stage adds it file by file.
// An in-memory tree keeps every file's bytes (serve reads them); a
// write-through tree hands each file to a FileSink as it is added (build's
// OutputFolder, which writes it; check's LinkScanner, which reads its
// links) and keeps only its path, so that memory does not grow with the
// pages. An in-memory tree may also hold deferred files, made the first
// time they are read: serve renders a page only when it is asked for.
// WriteOutput puts an in-memory tree on disk atomically.
//
// Consumes: the pages and assets the render stage produced.
// Produces: the output folder, swapped in whole or not at all.
#ifndef SCRUTINEER_WRITE_OUTPUT_TREE_H_
#define SCRUTINEER_WRITE_OUTPUT_TREE_H_

#include <atomic>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
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
  /// A write-through tree that hands each file to `sink` (check's link
  /// scanner) rather than to a folder: as above, but it cannot Publish().
  /// `sink` must outlive the tree.
  explicit OutputTree(FileSink* sink);

  /// Adds a file, or replaces the one at `path`. Returns false when it
  /// replaced one: two pages must never share an output file, and the
  /// render stage reports that as an error. A write-through tree keeps the
  /// first file's bytes instead (a clash fails the build anyway), or hands
  /// its sink both when the sink wants a failed build's files (the link
  /// scanner, which chooses between them); after a write has failed it
  /// writes nothing more: see WriteError(). Add() on
  /// a write-through tree is safe to call from several threads at once;
  /// every other call on any tree, and Add() on an in-memory one, is not.
  bool Add(const std::string& path, std::string contents);
  /// Add() from bytes the caller keeps: a write-through tree writes them
  /// without a copy (a build's pages are rendered into one buffer per
  /// thread); an in-memory tree copies them.
  bool AddView(const std::string& path, std::string_view contents);
  /// Add() of a file whose bytes are `pieces`, one after another: a
  /// write-through tree writes them as they are, so that a large file made
  /// in parts (the open data: 24 MB for the recommendations at 10,000) is
  /// never joined into one string; an in-memory tree joins them.
  bool AddPieces(const std::string& path,
                 const std::vector<std::string>& pieces);
  /// Adds a file whose bytes `make` returns the first time the file is
  /// read (Find), or replaces the one at `path`; returns
  /// false when it replaced one, as Add() does. In-memory trees only.
  /// `make` runs once for all readers, on whichever thread reads the file
  /// first (ReadEach alone runs it again, and keeps nothing), so it must be
  /// safe to run on any thread at any time while the tree lives, alongside
  /// other files' makers and itself.
  bool AddDeferred(const std::string& path, std::function<std::string()> make);
  /// The bytes at `path`, made first if the file is deferred; nullptr when
  /// there is no such file, and always on a write-through tree. Safe to
  /// call from several threads at once once nothing more is added.
  const std::string* Find(const std::string& path) const;
  /// Calls `read` with every file's path and bytes, on every core: the
  /// deferred files first, the deepest paths (single records' pages, each
  /// quick to make) before the site-wide ones. A file made already, or
  /// not deferred, is read where it is; a deferred file not made yet is made
  /// for the call alone and not kept, so that a caller reading every file
  /// once (serve's link check) holds only the files being read: the pages
  /// are 296 MB at 10,000 recommendations. Such a file's `make` runs again
  /// when the file is next read. Safe to call alongside Find(). Once
  /// `*stop` (when given) is true, it reads no more and returns false.
  bool ReadEach(
      const std::function<void(const std::string&, std::string_view)>& read,
      const std::atomic<bool>* stop = nullptr) const;
  /// Forgets every deferred file made so far, moving its bytes into `made`
  /// for the caller to free when it suits (a site's pages take a while):
  /// each file is made again, by the same function, the next time it is
  /// read. For when what the functions read has changed (serve's patch).
  /// Not safe alongside any other call.
  void ForgetMade(std::vector<std::string>* made);
  /// Every file and its bytes. In-memory trees only, and once every
  /// deferred file is made (Find).
  const std::map<std::string, std::string>& files() const;
  /// True when both trees have the same paths and the same bytes at every
  /// path that is deferred in neither (deferred files are not made to
  /// compare them). In-memory trees only. Safe to call alongside Find().
  bool SameEagerFiles(const OutputTree& other) const;
  /// Every path added so far, sorted.
  std::vector<std::string> Paths() const;
  /// True when a file is at `path`, made or deferred, in memory or written
  /// through; a deferred file is not made to answer. Safe to call from
  /// several threads at once once nothing more is added.
  bool Has(const std::string& path) const { return files_.count(path) > 0; }
  size_t size() const { return files_.size(); }
  bool writes_through() const { return through_ != nullptr; }

  /// For a write-through tree of a build that has failed already: from now
  /// on Add() writes nothing, but still keeps each path, so that clashes are
  /// reported all the same; Publish() then abandons the folder. A failed
  /// build is rendered only to report its template problems, and nothing of
  /// it is published: at 10,000 recommendations that spares writing 387 MB
  /// only to delete it again. A sink that wants the files of a failed build
  /// (FileSink::WantsFilesOfFailedBuilds: check's link scanner) is handed
  /// them all the same. Not safe alongside Add().
  void StopWriting();

  /// For a tree written through to a folder, once everything is added:
  /// when a write failed, reports it as WriteOutput would have ("cannot write
  /// output file '<path>': <reason>"; of two paths where one needs the other to
  /// be a folder, the deeper one, whichever was written first) and abandons the
  /// folder; otherwise publishes it (OutputFolder::Publish). Returns true when
  /// the output is in place.
  bool Publish(Diagnostics& diagnostics);

 private:
  // Add() and AddView() on a write-through tree.
  bool WriteOne(const std::string& path, const std::string_view* pieces,
                size_t count);
  struct WriteThrough {
    FileSink* sink;
    OutputFolder* folder = nullptr;  // the sink, when it is a folder
    std::mutex mutex;                // guards files_ and the failure below
    std::string failed_path;
    int error = 0;         // of the first write that failed, or 0
    bool stopped = false;  // StopWriting was called
  };

  struct Deferred {
    std::mutex making;              // held while the file is made
    std::atomic<bool> made{false};  // set, under `making`, once it is
    std::function<std::string()> make;
    std::string* contents;  // the file's entry in files_
  };

  // Contents are empty in a write-through tree: the bytes are on disk. A
  // deferred file's entry stays empty until it is made.
  std::map<std::string, std::string> files_;
  // The deferred files among files_; behind pointers, as a mutex cannot
  // move.
  std::map<std::string, std::unique_ptr<Deferred>> deferred_;
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
