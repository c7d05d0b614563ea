// How WriteOutput keeps its guarantee (a failed build never leaves a half-
// written or emptied output folder, and nothing is written outside it):
//
//  1. ResolveTarget turns out_dir into an absolute canonical path (its parent
//     must exist) and refuses folders whose replacement would destroy
//     something that is not build output: "/", $HOME or a folder holding it,
//     the source folder or a folder holding it, a symlink, a plain file.
//  2. Every file goes into a fresh sibling `.<name>.tmp-<pid>-<n>`, made with
//     mkdir so that two builds never share one; each file is opened with
//     O_EXCL relative to that folder.
//  3. SwapIn exchanges the new folder with out_dir in one renameat2 call
//     (or renames it into place when out_dir does not exist), so a reader
//     sees the old tree or the new one, never a mix. Only then is the old
//     tree, now under the temporary name, removed.
// Any failure before step 3 completes removes the temporary folder and
// leaves out_dir untouched. Removal never follows symlinks.
#include "write/output_tree.h"

#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <atomic>
#include <cassert>
#include <cerrno>
#include <set>
#include <system_error>
#include <utility>
#include <vector>

namespace scrutineer {

void OutputTree::Add(const std::string& path, std::string contents) {
  assert(IsSafeOutputPath(path));
  files_[path] = std::move(contents);
}

const std::string* OutputTree::Find(const std::string& path) const {
  auto it = files_.find(path);
  return it == files_.end() ? nullptr : &it->second;
}

namespace {

// Fits PATH_MAX (4096, counting the NUL) for the paths passed to openat.
constexpr size_t kMaxOutputPathLength = 4095;
constexpr size_t kMaxSegmentLength = 255;  // NAME_MAX on Linux file systems

constexpr char kRefusalHint[] =
    "the output folder is deleted and replaced on every build; choose a "
    "dedicated folder such as 'public'";

std::string Reason(int error) { return std::generic_category().message(error); }

// `inner` is strictly inside `outer`; both absolute and canonical.
bool IsInside(const std::string& inner, const std::string& outer) {
  if (outer == "/") return inner.size() > 1 && inner[0] == '/';
  return inner.size() > outer.size() &&
         inner.compare(0, outer.size(), outer) == 0 &&
         inner[outer.size()] == '/';
}

// realpath() into a std::string; false with errno set on failure.
bool Canonicalize(const std::string& path, std::string* canonical) {
  char* resolved = realpath(path.c_str(), nullptr);
  if (resolved == nullptr) return false;
  *canonical = resolved;
  free(resolved);
  return true;
}

struct OutputTarget {
  std::string path;    // absolute and canonical
  std::string parent;  // absolute and canonical, ends with '/'
  std::string name;    // last segment of path
  bool exists = false;
};

// Fills *target from out_dir, which must be a folder or not exist yet, with
// an existing parent; reports and returns false otherwise.
bool ResolveTarget(const std::string& out_dir, const SourceLocation& where,
                   Diagnostics& diagnostics, OutputTarget* target) {
  if (out_dir.empty()) {
    diagnostics.Error(where, "cannot write output: no output folder given");
    return false;
  }
  // Without this, lstat("link/") would follow the link it must refuse.
  std::string trimmed = out_dir;
  while (trimmed.size() > 1 && trimmed.back() == '/') trimmed.pop_back();

  struct stat info;
  if (lstat(trimmed.c_str(), &info) == 0) {
    if (S_ISLNK(info.st_mode)) {
      diagnostics.Error(where,
                        "cannot write output: the output folder is a symbolic "
                        "link",
                        "give the folder it points to instead; the build "
                        "would replace the link with a folder");
      return false;
    }
    if (!S_ISDIR(info.st_mode)) {
      diagnostics.Error(where,
                        "cannot write output: the output folder exists and is "
                        "not a folder",
                        "move that file away, or choose another output folder");
      return false;
    }
    if (!Canonicalize(trimmed, &target->path)) {
      diagnostics.Error(where, "cannot write output: " + Reason(errno));
      return false;
    }
    target->exists = true;
  } else if (errno == ENOENT) {
    size_t slash = trimmed.rfind('/');
    std::string parent = slash == std::string::npos ? "."
                         : slash == 0               ? "/"
                                                    : trimmed.substr(0, slash);
    std::string name =
        slash == std::string::npos ? trimmed : trimmed.substr(slash + 1);
    std::string canonical_parent;
    if (!Canonicalize(parent, &canonical_parent)) {
      int error = errno;  // before any allocation below can change it
      if (error == ENOENT) {
        diagnostics.Error(where,
                          "cannot write output: parent folder '" + parent +
                              "' does not exist",
                          "create it first, or choose another output folder");
      } else {
        diagnostics.Error(where, "cannot write output: parent folder '" +
                                     parent + "': " + Reason(error));
      }
      return false;
    }
    // lstat found nothing, so name is neither "." nor ".." (those exist).
    target->path =
        canonical_parent == "/" ? "/" + name : canonical_parent + "/" + name;
  } else {
    diagnostics.Error(where, "cannot write output: " + Reason(errno));
    return false;
  }

  size_t slash = target->path.rfind('/');
  target->parent = target->path.substr(0, slash + 1);
  target->name = target->path.substr(slash + 1);
  return true;
}

// Refuses an output folder whose replacement would destroy more than build
// output. `path` is absolute and canonical.
bool CheckReplaceable(const std::string& path, const std::string& source_dir,
                      const SourceLocation& where, Diagnostics& diagnostics) {
  auto refuse = [&](const std::string& message) {
    diagnostics.Error(where, message, kRefusalHint);
    return false;
  };
  if (path == "/") return refuse("refusing to use '/' as the output folder");
  const char* home_env = getenv("HOME");
  std::string home;
  if (home_env != nullptr && *home_env != '\0' &&
      Canonicalize(home_env, &home)) {
    if (path == home) {
      return refuse("refusing to use your home folder '" + home +
                    "' as the output folder");
    }
    if (IsInside(home, path)) {
      return refuse("refusing to use '" + path + "' as the output folder: " +
                    "it contains your home folder '" + home + "'");
    }
  }
  std::string source;
  if (!Canonicalize(source_dir, &source)) {
    int error = errno;  // before any allocation below can change it
    std::string message =
        "cannot write output: cannot resolve the source "
        "folder '";
    message += source_dir + "': " + Reason(error);
    diagnostics.Error(where, message, "the output folder was not touched");
    return false;
  }
  if (path == source) {
    return refuse("refusing to use the source folder '" + source +
                  "' as the output folder");
  }
  if (IsInside(source, path)) {
    return refuse("refusing to use '" + path + "' as the output folder: " +
                  "it contains the source folder '" + source + "'");
  }
  return true;
}

// A sibling name no other call in any process uses: pid + per-process count.
std::string SiblingName(const OutputTarget& target, const char* kind) {
  static std::atomic<unsigned long> counter{0};
  return target.parent + "." + target.name + "." + kind + "-" +
         std::to_string(getpid()) + "-" + std::to_string(counter++);
}

// Returns 0 or an errno; *folder is set either way, for the message.
int MakeTempFolder(const OutputTarget& target, std::string* folder) {
  // A leftover from a crashed build may hold a name; never reuse it.
  for (int attempt = 0; attempt < 100; ++attempt) {
    *folder = SiblingName(target, "tmp");
    if (mkdir(folder->c_str(), 0755) == 0) return 0;
    if (errno != EEXIST) return errno;
  }
  return EEXIST;
}

void NoteRemovalError(const std::string& path, int error, std::string* first) {
  if (first->empty()) *first = path + ": " + Reason(error);
}

// Removes `name` (relative to dir_fd) and everything below it without
// following symlinks: a link is unlinked, never entered. Keeps going after
// an error and records the first in *error as "path: reason".
void RemoveTreeAt(int dir_fd, const std::string& name, const std::string& shown,
                  std::string* error) {
  struct stat info;
  if (fstatat(dir_fd, name.c_str(), &info, AT_SYMLINK_NOFOLLOW) != 0) {
    if (errno != ENOENT) NoteRemovalError(shown, errno, error);
    return;
  }
  if (!S_ISDIR(info.st_mode)) {
    if (unlinkat(dir_fd, name.c_str(), 0) != 0 && errno != ENOENT) {
      NoteRemovalError(shown, errno, error);
    }
    return;
  }
  // O_NOFOLLOW: if the folder was swapped for a link since fstatat, stop.
  int fd = openat(dir_fd, name.c_str(),
                  O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
  if (fd < 0) {
    NoteRemovalError(shown, errno, error);
    return;
  }
  DIR* dir = fdopendir(fd);
  if (dir == nullptr) {
    NoteRemovalError(shown, errno, error);
    close(fd);
    return;
  }
  std::vector<std::string> children;
  errno = 0;
  while (const dirent* entry = readdir(dir)) {
    std::string child = entry->d_name;
    if (child != "." && child != "..") children.push_back(std::move(child));
    errno = 0;
  }
  if (errno != 0) NoteRemovalError(shown, errno, error);
  for (const std::string& child : children) {
    RemoveTreeAt(dirfd(dir), child, shown + "/" + child, error);
  }
  closedir(dir);
  if (unlinkat(dir_fd, name.c_str(), AT_REMOVEDIR) != 0 && errno != ENOENT) {
    NoteRemovalError(shown, errno, error);
  }
}

// Empty on success, else "path: reason" for the first thing left behind.
std::string RemoveTree(const std::string& path) {
  std::string error;
  RemoveTreeAt(AT_FDCWD, path, path, &error);
  return error;
}

// Creates the folders above `path` inside root_fd; 0 or an errno.
int MakeParentFolders(int root_fd, const std::string& path,
                      std::set<std::string>* made) {
  for (size_t slash = path.find('/'); slash != std::string::npos;
       slash = path.find('/', slash + 1)) {
    std::string folder = path.substr(0, slash);
    if (!made->insert(folder).second) continue;
    // EEXIST here means an output file already took this name (the tree has
    // both "a" and "a/b"); opening "a/b" then fails with ENOTDIR, which is
    // the clearer reason to report.
    if (mkdirat(root_fd, folder.c_str(), 0755) != 0 && errno != EEXIST) {
      return errno;
    }
  }
  return 0;
}

int WriteFileAt(int root_fd, const std::string& path,
                const std::string& contents) {
  int fd;
  do {
    fd = openat(root_fd, path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC,
                0644);
  } while (fd < 0 && errno == EINTR);
  if (fd < 0) return errno;
  const char* data = contents.data();
  size_t left = contents.size();
  while (left > 0) {
    ssize_t written = write(fd, data, left);
    if (written < 0 && errno == EINTR) continue;
    if (written <= 0) {
      int error = written < 0 ? errno : EIO;
      close(fd);
      return error;
    }
    data += written;
    left -= static_cast<size_t>(written);
  }
  // Delayed write errors (NFS, quotas) surface at close. On Linux the fd is
  // gone even after EINTR, so retrying would close someone else's.
  if (close(fd) != 0 && errno != EINTR) return errno;
  return 0;
}

// Writes every file below `folder`; 0 or an errno, with *failed_path set to
// the output path being written when it failed.
int WriteTree(const std::string& folder, const OutputTree& tree,
              std::string* failed_path) {
  int root_fd = open(folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (root_fd < 0) return errno;
  std::set<std::string> made;
  int error = 0;
  for (const auto& [path, contents] : tree.files()) {
    error = MakeParentFolders(root_fd, path, &made);
    if (error == 0) error = WriteFileAt(root_fd, path, contents);
    if (error != 0) {
      *failed_path = path;
      break;
    }
  }
  close(root_fd);
  return error;
}

// Atomically swaps two paths; -1 with errno EINVAL/ENOSYS when the system or
// file system cannot.
int ExchangePaths(const std::string& a, const std::string& b) {
#if defined(__linux__) && defined(RENAME_EXCHANGE)
  return renameat2(AT_FDCWD, a.c_str(), AT_FDCWD, b.c_str(), RENAME_EXCHANGE);
#elif defined(__linux__) && defined(SYS_renameat2)
  constexpr unsigned int kRenameExchange = 1 << 1;
  return static_cast<int>(syscall(SYS_renameat2, AT_FDCWD, a.c_str(), AT_FDCWD,
                                  b.c_str(), kRenameExchange));
#else
  errno = ENOSYS;
  return -1;
#endif
}

struct SwapResult {
  int error = 0;         // 0 when the new tree is at the target path
  std::string old_tree;  // where the previous output now is, if any
  bool restored = true;  // false if a failed fallback stranded the old tree
};

// Fallback for file systems without RENAME_EXCHANGE: two renames, with a
// short window in which out_dir is missing, and a way back if the second
// fails.
SwapResult MoveAsideAndRename(const std::string& folder,
                              const OutputTarget& target) {
  SwapResult result;
  std::string aside = SiblingName(target, "old");
  if (rename(target.path.c_str(), aside.c_str()) != 0) {
    result.error = errno;
    return result;
  }
  if (rename(folder.c_str(), target.path.c_str()) != 0) {
    result.error = errno;
    if (rename(aside.c_str(), target.path.c_str()) != 0) {
      result.restored = false;
      result.old_tree = aside;
    }
    return result;
  }
  result.old_tree = aside;
  return result;
}

SwapResult SwapIn(const std::string& folder, const OutputTarget& target) {
  SwapResult result;
  bool target_exists = target.exists;
  // Another build may create or remove out_dir between our checks; follow
  // what the kernel reports rather than what we saw earlier.
  for (int attempt = 0; attempt < 4; ++attempt) {
    if (target_exists) {
      if (ExchangePaths(folder, target.path) == 0) {
        result.old_tree = folder;
        return result;
      }
      if (errno == ENOENT) {
        target_exists = false;
        continue;
      }
      if (errno == EINVAL || errno == ENOSYS) {
        return MoveAsideAndRename(folder, target);
      }
      result.error = errno;
      return result;
    }
    if (rename(folder.c_str(), target.path.c_str()) == 0) return result;
    if (errno == EEXIST || errno == ENOTEMPTY) {
      target_exists = true;
      continue;
    }
    result.error = errno;
    return result;
  }
  result.error = EBUSY;
  return result;
}

}  // namespace

bool IsSafeOutputPath(const std::string& path) {
  if (path.empty() || path.size() > kMaxOutputPathLength) return false;
  size_t start = 0;
  while (true) {
    size_t end = path.find('/', start);
    if (end == std::string::npos) end = path.size();
    size_t length = end - start;
    if (length == 0 || length > kMaxSegmentLength) return false;
    if (path.compare(start, length, ".") == 0 ||
        path.compare(start, length, "..") == 0) {
      return false;
    }
    if (end == path.size()) break;
    start = end + 1;
  }
  for (char c : path) {
    unsigned char byte = static_cast<unsigned char>(c);
    if (byte < 0x20 || byte == 0x7f || c == '\\') return false;
  }
  return true;
}

bool WriteOutput(const OutputTree& tree, const std::string& out_dir,
                 const std::string& source_dir, Diagnostics& diagnostics) {
  SourceLocation where{out_dir};
  OutputTarget target;
  if (!ResolveTarget(out_dir, where, diagnostics, &target) ||
      !CheckReplaceable(target.path, source_dir, where, diagnostics)) {
    return false;
  }
  // Add() asserts this, but asserts vanish under NDEBUG and this check is
  // what keeps writes inside the output folder.
  for (const auto& entry : tree.files()) {
    if (!IsSafeOutputPath(entry.first)) {
      diagnostics.Error(
          where,
          "cannot write output: unsafe output path '" + entry.first + "'",
          "this is a bug in scrutineer; nothing was written");
      return false;
    }
  }

  const std::string kept = target.exists
                               ? "the previous output was left as it was"
                               : "no output folder was created";
  std::string folder;
  int error = MakeTempFolder(target, &folder);
  if (error != 0) {
    diagnostics.Error(
        where,
        "cannot write output: cannot create '" + folder + "': " + Reason(error),
        kept);
    return false;
  }
  auto fail = [&](const std::string& message, std::string hint) {
    std::string leftover = RemoveTree(folder);
    if (!leftover.empty()) {
      hint += "; the temporary folder '" + folder + "' could not be removed (" +
              leftover + "): delete it by hand";
    }
    diagnostics.Error(where, message, std::move(hint));
    return false;
  };

  std::string failed_path;
  error = WriteTree(folder, tree, &failed_path);
  if (error != 0) {
    return fail(failed_path.empty() ? "cannot write output: " + Reason(error)
                                    : "cannot write output file '" +
                                          failed_path + "': " + Reason(error),
                kept);
  }

  SwapResult swap = SwapIn(folder, target);
  if (swap.error != 0) {
    return fail("cannot write output: cannot move the new output into place: " +
                    Reason(swap.error),
                swap.restored ? kept
                              : "the previous output was moved to '" +
                                    swap.old_tree + "'");
  }
  if (!swap.old_tree.empty()) {
    std::string leftover = RemoveTree(swap.old_tree);
    if (!leftover.empty()) {
      diagnostics.Warning(where,
                          "could not remove the previous output, now at '" +
                              swap.old_tree + "': " + leftover,
                          "the new output is in place; delete that folder by "
                          "hand");
    }
  }
  return true;
}

}  // namespace scrutineer
