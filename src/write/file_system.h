// FileSystem: how the pipeline reads a site folder. DiskFileSystem reads a
// real folder; MemoryFileSystem holds a site built inline, for tests and for
// anything that wants a build without touching disk.
#ifndef SCRUTINEER_WRITE_FILE_SYSTEM_H_
#define SCRUTINEER_WRITE_FILE_SYSTEM_H_

#include <cstddef>
#include <map>
#include <string>
#include <vector>

namespace scrutineer {

struct DirectoryListing {
  /// Regular files under the folder, as paths relative to the site root
  /// ("content/reviews/x.md"), sorted.
  std::vector<std::string> files;
  /// Entries that were skipped because they are symlinks leading outside
  /// the site folder, or not regular files.
  std::vector<std::string> refused;
};

/// No file is read whole past this size: a stray disk image in theme/ must
/// not take the build's memory. Records have a lower limit of their own
/// (load/source_text.h).
inline constexpr size_t kMaxFileReadBytes = 64 * 1024 * 1024;

class FileSystem {
 public:
  virtual ~FileSystem() = default;
  /// Reads the file at `path` (relative to the site root). On failure sets
  /// `error` to the reason and returns false. DiskFileSystem reads regular
  /// files only, of at most kMaxFileReadBytes, and none that a symbolic
  /// link puts outside the site folder.
  virtual bool ReadFile(const std::string& path, std::string* contents,
                        std::string* error) const = 0;
  /// Lists `dir` (relative to the site root) recursively. A missing folder
  /// lists as empty.
  virtual DirectoryListing ListFiles(const std::string& dir) const = 0;
  virtual bool IsDirectory(const std::string& path) const = 0;
};

class DiskFileSystem : public FileSystem {
 public:
  /// `root` is the site folder.
  explicit DiskFileSystem(std::string root);
  ~DiskFileSystem() override;
  DiskFileSystem(const DiskFileSystem&) = delete;
  DiskFileSystem& operator=(const DiskFileSystem&) = delete;
  bool ReadFile(const std::string& path, std::string* contents,
                std::string* error) const override;
  DirectoryListing ListFiles(const std::string& dir) const override;
  bool IsDirectory(const std::string& path) const override;
  const std::string& root() const { return root_; }

 private:
  // Opens `path` for reading if it lies inside the site folder, following
  // no link out of it; -1 with *error set otherwise.
  int OpenInside(const std::string& path, std::string* error) const;

  std::string root_;
  std::string canonical_root_;
  int root_fd_;  // the site folder, for openat2; -1 if it cannot be opened
};

class MemoryFileSystem : public FileSystem {
 public:
  void AddFile(const std::string& path, std::string contents);
  bool ReadFile(const std::string& path, std::string* contents,
                std::string* error) const override;
  DirectoryListing ListFiles(const std::string& dir) const override;
  bool IsDirectory(const std::string& path) const override;

 private:
  std::map<std::string, std::string> files_;
};

}  // namespace scrutineer

#endif  // SCRUTINEER_WRITE_FILE_SYSTEM_H_
