// FileSystem: how the pipeline reads a site folder. DiskFileSystem reads a
// real folder; MemoryFileSystem holds a site built inline, for tests and for
// anything that wants a build without touching disk.
#ifndef SCRUTINEER_WRITE_FILE_SYSTEM_H_
#define SCRUTINEER_WRITE_FILE_SYSTEM_H_

#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "diag/diagnostics.h"

namespace scrutineer {

/// An entry of a folder that a listing leaves out, and why.
struct RefusedEntry {
  std::string path;    // relative to the site root
  std::string reason;  // "a link to outside the site folder", ...
  /// What to do about it, when the folder's hint (ReportRefused) does not
  /// fit: that one speaks of links and special files.
  std::string hint;

  bool operator<(const RefusedEntry& other) const { return path < other.path; }
};

/// How deep folders may nest below a listed folder. Each level lengthens
/// every path below it: a chain of thousands of empty folders would take
/// memory growing with the square of its depth.
constexpr int kMaxFolderDepth = 32;

struct DirectoryListing {
  /// Regular files under the folder, as paths relative to the site root
  /// ("content/reviews/x.md"), sorted.
  std::vector<std::string> files;
  /// What was left out, sorted by path: symlinks leading outside the site
  /// folder, entries that are not regular files, folders that cannot be
  /// read, and folders nested deeper than kMaxFolderDepth.
  std::vector<RefusedEntry> refused;
};

/// Reports each entry `listing` refused as an error at its path:
/// "refused: <reason>", with the entry's own hint or else `hint`.
void ReportRefused(const DirectoryListing& listing, const std::string& hint,
                   Diagnostics& diagnostics);

/// What a file's metadata says of its version: the same stamp twice means
/// the file was very likely not written in between. Not certain: a write
/// within the file system's clock granularity of the last one, at the same
/// size, leaves the stamp as it was (see load/record_cache.h for how that is
/// dealt with).
struct FileStamp {
  uint64_t device = 0;
  uint64_t inode = 0;
  int64_t size = 0;
  int64_t modified_ns = 0;  // mtime, since the epoch
  int64_t changed_ns = 0;   // ctime, since the epoch
  bool operator==(const FileStamp& other) const {
    return device == other.device && inode == other.inode &&
           size == other.size && modified_ns == other.modified_ns &&
           changed_ns == other.changed_ns;
  }
  bool operator!=(const FileStamp& other) const { return !(*this == other); }
};

/// No file is read whole past this size: a stray disk image in theme/ must
/// not take the build's memory. Records have a lower limit of their own
/// (load/source_text.h).
inline constexpr size_t kMaxFileReadBytes = 64 * 1024 * 1024;

/// Whether a file or folder name belongs to an editor or a tool, not to
/// the site: hidden (".git", ".site.css.swp", Emacs's lock link ".#x"), an
/// editor's backup ("x.yaml~") or Emacs's autosave ("#x.yaml#"). Such
/// files are never records, templates or theme files, and are not
/// published: a swap file holds the text being edited, and its owner's
/// user and host names.
bool IsToolsOwnFile(std::string_view name);

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
  /// lists as empty. Entries IsToolsOwnFile names are left out, and hidden
  /// folders are not entered.
  virtual DirectoryListing ListFiles(const std::string& dir) const = 0;
  virtual bool IsDirectory(const std::string& path) const = 0;
  /// Sets `stamp` to the stamp of the file at `path` (following a symbolic
  /// link) and returns true; false when it cannot, or when the file system
  /// keeps no stamps (then a caller must read the file to know it). Safe
  /// from several threads at once.
  virtual bool StampFile(const std::string& path, FileStamp* stamp) const {
    (void)path;
    (void)stamp;
    return false;
  }
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
  bool StampFile(const std::string& path, FileStamp* stamp) const override;
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
  /// Adds or replaces a file. Every call gives the file a new stamp, as a
  /// write on disk would, whether or not its bytes change.
  void AddFile(const std::string& path, std::string contents);
  /// Removes a file, if there is one.
  void RemoveFile(const std::string& path);
  bool ReadFile(const std::string& path, std::string* contents,
                std::string* error) const override;
  DirectoryListing ListFiles(const std::string& dir) const override;
  bool IsDirectory(const std::string& path) const override;
  /// The file's size, and the number of the AddFile call that wrote it as
  /// its inode; the times are the epoch.
  bool StampFile(const std::string& path, FileStamp* stamp) const override;

 private:
  struct File {
    std::string contents;
    uint64_t version = 0;
  };
  std::map<std::string, File> files_;
  uint64_t writes_ = 0;
};

}  // namespace scrutineer

#endif  // SCRUTINEER_WRITE_FILE_SYSTEM_H_
