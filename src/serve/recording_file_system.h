// RecordingFileSystem: a FileSystem that passes every call on to another
// and remembers what each answered, so that `serve` can tell whether a new
// build read anything different from the last (and open pages need to
// reload) without rendering and comparing every page.
//
// Consumes: the FileSystem a build reads.
// Produces: the same answers, and a fingerprint of them (InputFingerprint).
#ifndef SCRUTINEER_SERVE_RECORDING_FILE_SYSTEM_H_
#define SCRUTINEER_SERVE_RECORDING_FILE_SYSTEM_H_

#include <cstddef>
#include <map>
#include <mutex>
#include <string>

#include "write/file_system.h"

namespace scrutineer {

/// Each call a build made ("read content/x.md", "list theme") -> a hash of
/// its answer (the bytes or the error, the listing). Two builds that made
/// the same calls and got the same answers built the same site.
using InputFingerprint = std::map<std::string, size_t>;

class RecordingFileSystem : public FileSystem {
 public:
  /// `files` must outlive this.
  explicit RecordingFileSystem(const FileSystem& files) : files_(files) {}

  /// As `files` does; safe from several threads at once, as the load stage
  /// needs.
  bool ReadFile(const std::string& path, std::string* contents,
                std::string* error) const override;
  DirectoryListing ListFiles(const std::string& dir) const override;
  bool IsDirectory(const std::string& path) const override;
  /// Passed on, not recorded: a stamp says nothing of what a file holds.
  bool StampFile(const std::string& path, FileStamp* stamp) const override {
    return files_.StampFile(path, stamp);
  }

  /// Every call so far and what it answered.
  InputFingerprint fingerprint() const;

 private:
  void Record(std::string call, size_t answer) const;

  const FileSystem& files_;
  mutable std::mutex mutex_;
  mutable InputFingerprint fingerprint_;  // guarded by mutex_
};

}  // namespace scrutineer

#endif  // SCRUTINEER_SERVE_RECORDING_FILE_SYSTEM_H_
