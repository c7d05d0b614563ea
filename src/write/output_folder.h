// OutputFolder: a build's output folder, filled file by file in a fresh
// temporary folder beside it, then swapped into place whole.
//
// Consumes: the output folder's path, then the build's files one at a time.
// Produces: the output folder, replaced in one rename or left as it was.
#ifndef SCRUTINEER_WRITE_OUTPUT_FOLDER_H_
#define SCRUTINEER_WRITE_OUTPUT_FOLDER_H_

#include <sys/types.h>

#include <atomic>
#include <mutex>
#include <set>
#include <shared_mutex>
#include <string>
#include <string_view>

#include "diag/diagnostics.h"
#include "write/file_sink.h"

namespace scrutineer {

/// Creates the file `path` (relative to the folder `dir_fd`, or to the
/// working folder with AT_FDCWD), which must not exist yet, and writes all
/// of `contents` into it. Returns 0 or an errno; the file may be left
/// behind, partly written, on an error.
int WriteFileAt(int dir_fd, const std::string& path, std::string_view contents);
/// WriteFileAt() of the `count` pieces at `pieces`, one after another: a
/// large file made in parts is written without joining them first.
int WriteFileAt(int dir_fd, const std::string& path,
                const std::string_view* pieces, size_t count);

/// Written into every published output, so that a later build knows that
/// the folder it is about to replace is a build's and nothing else: a
/// folder with files in it but no marker is refused (see Open).
inline constexpr char kOutputMarker[] = ".scrutineer-output";
inline constexpr char kOutputMarkerText[] =
    "This folder was written by 'scrutineer build', which deletes and "
    "replaces it on every build.\n";

/// True when `path` is a safe relative output path: '/' separators, no
/// leading '/', no "." or ".." or empty segments, no control characters or
/// backslashes, and short enough for the system's limits.
bool IsSafeOutputPath(const std::string& path);

/// OutputFolder::Open's check alone, which creates nothing: reports and
/// returns false when `out_dir` would be refused, with Open's messages.
bool CheckOutputFolder(const std::string& out_dir,
                       const std::string& source_dir, Diagnostics& diagnostics);

/// Where the output goes, resolved once.
struct OutputTarget {
  std::string path;    // absolute and canonical
  std::string parent;  // absolute and canonical, ends with '/'
  std::string name;    // last segment of path
  bool exists = false;
};

/// One build's way to its output folder:
///  1. Open refuses an out_dir that is "/", the user's home, the source
///     folder or a folder containing it, or whose parent does not exist,
///     and makes a fresh sibling folder `.<name>.tmp-<pid>-<n>`;
///  2. WriteFile puts each file into that sibling: a hard link to the
///     previous output's file when that holds the very same bytes (see
///     LinkUnchanged), else a new file;
///  3. Publish swaps it with out_dir in one rename (renameat2
///     RENAME_EXCHANGE when out_dir exists, plain rename otherwise), then
///     deletes the old tree.
/// Until Publish succeeds out_dir is left exactly as it was: Abandon,
/// Interrupt, or destroying the OutputFolder, removes the sibling.
class OutputFolder : public FileSink {
 public:
  OutputFolder() = default;
  OutputFolder(const OutputFolder&) = delete;
  OutputFolder& operator=(const OutputFolder&) = delete;
  /// Removes the temporary folder unless Publish moved it into place.
  ~OutputFolder();

  /// Step 1. Reports and returns false when out_dir is refused or the
  /// temporary folder cannot be made; nothing is created then. A folder
  /// that holds files is replaced only if it holds kOutputMarker, or an
  /// index.html with Scrutineer's generator tag (an output written before
  /// the marker).
  bool Open(const std::string& out_dir, const std::string& source_dir,
            Diagnostics& diagnostics);
  bool is_open() const { return root_fd_ >= 0; }

  /// Step 2: writes `contents` to `path` (relative, see IsSafeOutputPath)
  /// inside the temporary folder, making the folders above it first; each
  /// folder is made once, each file with one openat (O_EXCL), one write and
  /// one close, or linked from the previous output when unchanged. Returns
  /// 0 or an errno: EINVAL for an unsafe path, EEXIST when the file was
  /// already written. Safe to call from several threads at once. Requires
  /// is_open().
  int WriteFile(const std::string& path, std::string_view contents);
  /// WriteFile() of a file whose bytes are the `count` pieces at `pieces`,
  /// one after another (see WriteFileAt).
  int WriteFile(const std::string& path, const std::string_view* pieces,
                size_t count) override;

  /// How many files WriteFile linked from the previous output.
  size_t linked_count() const { return linked_.load(); }

  /// Step 3, once every file is written. On failure reports an error naming
  /// the reason, removes the temporary folder and returns false. A previous
  /// output that cannot be removed is only a warning.
  bool Publish(Diagnostics& diagnostics);

  /// Gives up: removes the temporary folder and reports `message` as an
  /// error, with a note that out_dir was left as it was. For a file that
  /// could not be written. Returns false, for the caller to return.
  bool Abandon(const std::string& message, Diagnostics& diagnostics);

  /// For a build stopped by a signal: may be called from any thread, while
  /// others call WriteFile, Publish or Abandon. Every WriteFile from now on
  /// fails with ECANCELED, and once the writes already running have
  /// returned, the temporary folder is removed; a Publish or Abandon already
  /// running is waited for. Returns true and sets *note to what became of
  /// out_dir ("the previous output was left as it was") when the folder
  /// was removed here, false when there was none left to remove (published
  /// or abandoned already). The caller then ends the process.
  bool Interrupt(std::string* note);

 private:
  // Removes the temporary folder; the hint, extended when that failed.
  std::string RemoveTemporaryFolder(std::string hint);
  // Links the previous output's `path` into the temporary folder when it is
  // a file that a new one would be in every way: a regular file of ours,
  // with no other link, the mode a new file gets, and exactly `contents`.
  // False (and nothing done) otherwise, or when linking fails.
  bool LinkUnchanged(const std::string& path, const std::string_view* pieces,
                     size_t count);
  void ClosePrevious();
  std::string KeptNote() const;

  std::string out_dir_;  // as given, for messages
  OutputTarget target_;
  // Held shared by each WriteFile, alone by Publish, Abandon and Interrupt:
  // it guards folder_, root_fd_ and interrupted_ once the folder is open.
  std::shared_mutex state_mutex_;
  std::string folder_;  // the temporary folder; empty once gone or published
  int root_fd_ = -1;
  // The previous output, opened once, when there is one: an unchanged file
  // is linked from it, so that a rebuild neither writes it again nor makes
  // the file system allocate (and, with the old tree, free) its inode.
  int previous_fd_ = -1;
  mode_t new_file_mode_ = 0644;  // 0644 less the umask
  std::atomic<size_t> linked_{0};
  bool interrupted_ = false;
  // Set by Interrupt before it waits for state_mutex_, and read by
  // WriteFile before it takes the mutex: glibc hands a shared_mutex to
  // readers while any hold it, so writers that keep coming would keep
  // Interrupt waiting until the last page was written.
  std::atomic<bool> interrupting_{false};
  std::mutex folders_mutex_;
  std::set<std::string> made_folders_;  // guarded by folders_mutex_
};

}  // namespace scrutineer

#endif  // SCRUTINEER_WRITE_OUTPUT_FOLDER_H_
