// OutputFolder: a build's output folder, filled file by file in a fresh
// temporary folder beside it, then swapped into place whole.
//
// Consumes: the output folder's path, then the build's files one at a time.
// Produces: the output folder, replaced in one rename or left as it was.
#ifndef SCRUTINEER_WRITE_OUTPUT_FOLDER_H_
#define SCRUTINEER_WRITE_OUTPUT_FOLDER_H_

#include <mutex>
#include <set>
#include <string>

#include "diag/diagnostics.h"

namespace scrutineer {

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
///  2. WriteFile puts each file into that sibling;
///  3. Publish swaps it with out_dir in one rename (renameat2
///     RENAME_EXCHANGE when out_dir exists, plain rename otherwise), then
///     deletes the old tree.
/// Until Publish succeeds out_dir is left exactly as it was: Abandon, or
/// destroying the OutputFolder, removes the sibling.
class OutputFolder {
 public:
  OutputFolder() = default;
  OutputFolder(const OutputFolder&) = delete;
  OutputFolder& operator=(const OutputFolder&) = delete;
  /// Removes the temporary folder unless Publish moved it into place.
  ~OutputFolder();

  /// Step 1. Reports and returns false when out_dir is refused or the
  /// temporary folder cannot be made; nothing is created then.
  bool Open(const std::string& out_dir, const std::string& source_dir,
            Diagnostics& diagnostics);
  bool is_open() const { return root_fd_ >= 0; }

  /// Step 2: writes `contents` to `path` (relative, see IsSafeOutputPath)
  /// inside the temporary folder, making the folders above it first; each
  /// folder is made once, each file with one openat (O_EXCL), one write and
  /// one close. Returns 0 or an errno: EINVAL for an unsafe path, EEXIST
  /// when the file was already written. Safe to call from several threads
  /// at once. Requires is_open().
  int WriteFile(const std::string& path, const std::string& contents);

  /// Step 3, once every file is written. On failure reports an error naming
  /// the reason, removes the temporary folder and returns false. A previous
  /// output that cannot be removed is only a warning.
  bool Publish(Diagnostics& diagnostics);

  /// Gives up: removes the temporary folder and reports `message` as an
  /// error, with a note that out_dir was left as it was. For a file that
  /// could not be written. Returns false, for the caller to return.
  bool Abandon(const std::string& message, Diagnostics& diagnostics);

 private:
  // Removes the temporary folder; the hint, extended when that failed.
  std::string RemoveTemporaryFolder(std::string hint);
  std::string KeptNote() const;

  std::string out_dir_;  // as given, for messages
  OutputTarget target_;
  std::string folder_;  // the temporary folder; empty once gone or published
  int root_fd_ = -1;
  std::mutex folders_mutex_;
  std::set<std::string> made_folders_;  // guarded by folders_mutex_
};

}  // namespace scrutineer

#endif  // SCRUTINEER_WRITE_OUTPUT_FOLDER_H_
