// How OutputFolder keeps its guarantee (a failed build never leaves a half-
// written or emptied output folder, and nothing is written outside it):
//
//  1. ResolveTarget turns out_dir into an absolute canonical path (its parent
//     must exist) and refuses folders whose replacement would destroy
//     something that is not build output: "/", $HOME or a folder holding it,
//     the source folder or a folder holding it, a symlink, a plain file, and
//     a folder with files in it but no .scrutineer-output, the marker each
//     published build holds.
//  2. Open makes a fresh sibling `.<name>.tmp-<pid>-<n>` (a long name cut
//     short, SiblingPrefix) with mkdir, so that
//     two builds never share one; WriteFile opens each file with O_EXCL
//     relative to that folder, after checking its path with
//     IsSafeOutputPath. A file the previous output holds unchanged is
//     hard-linked instead (LinkUnchanged): the old tree keeps it until the
//     swap, and removing the old tree then removes only a name.
//  3. Publish: SwapIn exchanges the new folder with out_dir in one renameat2
//     call (or renames it into place when out_dir does not exist), so a
//     reader sees the old tree or the new one, never a mix. Only then is the
//     old tree, now under the temporary name, removed.
//  4. Then the temporary folders that killed builds left beside out_dir
//     are removed: only ours by name, and only of processes that are gone.
//  5. A build stopped by a signal calls Interrupt, from its signal thread:
//     writes stop, the temporary folder goes, and out_dir is as it was
//     unless Publish had swapped it in already.
// Any failure before step 3 completes removes the temporary folder and
// leaves out_dir untouched; so does destroying an OutputFolder that was not
// published. Removal never follows symlinks.
#include "write/output_folder.h"

#include <dirent.h>
#include <fcntl.h>
#include <linux/openat2.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cassert>
#include <cerrno>
#include <cstdint>
#include <cstring>
#include <mutex>
#include <shared_mutex>
#include <string_view>
#include <system_error>
#include <thread>
#include <utility>
#include <vector>

#include "util/parallel_for.h"

namespace scrutineer {

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

// Whether `path` is missing, empty, or the output of a build: it holds
// kOutputMarker, or (an output written before there was a marker) its
// index.html names Scrutineer as its generator.
bool IsEmptyOrBuildOutput(const std::string& path) {
  DIR* dir = opendir(path.c_str());
  if (dir == nullptr) return true;  // missing, or not a folder: refused later
  bool empty = true;
  while (dirent* entry = readdir(dir)) {
    std::string_view name = entry->d_name;
    if (name != "." && name != "..") {
      empty = false;
      break;
    }
  }
  closedir(dir);
  if (empty) return true;
  struct stat marker;
  if (fstatat(AT_FDCWD, (path + "/" + kOutputMarker).c_str(), &marker,
              AT_SYMLINK_NOFOLLOW) == 0 &&
      S_ISREG(marker.st_mode)) {
    return true;
  }
  int fd = open((path + "/index.html").c_str(),
                O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK);
  if (fd < 0) return false;
  char head[4096];
  ssize_t got = read(fd, head, sizeof head);
  close(fd);
  return got > 0 &&
         std::string_view(head, static_cast<size_t>(got))
                 .find("<meta name=\"generator\" content=\"Scrutineer") !=
             std::string_view::npos;
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
  // The folders the build reads (wherever a symlink puts them): replacing
  // one would delete the records, templates or theme themselves.
  for (const char* input : {"content", "templates", "theme"}) {
    std::string folder;
    if (!Canonicalize(source + "/" + input, &folder)) continue;
    if (path == folder || IsInside(path, folder)) {
      return refuse("refusing to use '" + path + "' as the output folder: " +
                    (path == folder ? "it is" : "it is inside") +
                    " the site's " + input + " folder '" + folder +
                    "', which the build reads");
    }
  }
  // A hidden folder of the source, such as .git, is never build output.
  if (IsInside(path, source)) {
    std::string below = path.substr(source == "/" ? 1 : source.size() + 1);
    below = below.substr(0, below.find('/'));
    if (below.front() == '.') {
      return refuse("refusing to use '" + path + "' as the output folder: " +
                    "it is in the hidden folder '" + below +
                    "' of the source folder");
    }
  }
  // Anything else that holds files must hold a build's: a docs/ folder
  // beside content/, or the folder the command was run in, would
  // otherwise be deleted with everything in it.
  if (!IsEmptyOrBuildOutput(path)) {
    diagnostics.Error(
        where,
        "refusing to replace '" + path +
            "': it holds files that no Scrutineer build wrote (it has no " +
            kOutputMarker + ")",
        "a build deletes and replaces its whole output folder; choose a new "
        "or empty folder such as 'public', or move those files away first");
    return false;
  }
  return true;
}

// ".<name>.<kind>-": how the siblings of `kind` ("tmp", "old") begin. A
// name too long to take the rest within NAME_MAX (255 bytes) is cut, at a
// character, and followed by a hash of the whole, the same in every build.
std::string SiblingPrefix(const OutputTarget& target, const char* kind) {
  constexpr size_t kLongestKept = 180;
  std::string name = target.name;
  if (name.size() > kLongestKept + 20) {
    uint64_t hash = 14695981039346656037ULL;  // FNV-1a
    for (char c : target.name) {
      hash = (hash ^ static_cast<unsigned char>(c)) * 1099511628211ULL;
    }
    size_t cut = kLongestKept;
    while (cut > 0 && (static_cast<unsigned char>(name[cut]) & 0xC0) == 0x80) {
      --cut;
    }
    char hex[17];
    snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(hash));
    name = name.substr(0, cut) + "-" + hex;
  }
  return "." + name + "." + kind + "-";
}

// A sibling name no other call in any process uses: pid + per-process count.
std::string SiblingName(const OutputTarget& target, const char* kind) {
  static std::atomic<unsigned long> counter{0};
  return target.parent + SiblingPrefix(target, kind) +
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

// Removing waits on the disk more than on the processor (every unlink and
// rmdir is journalled, and trimmed too on a file system mounted with
// discard), so it runs on more threads than there are cores: on this
// project's 2-core test machine, 8 removers took a 10,000-recommendation
// output from about 60 s to about 10 s.
constexpr unsigned kRemovers = 8;
// With fewer entries two levels down, one thread removes everything.
constexpr size_t kParallelRemoveMinEntries = 64;

// The names in the folder open as `fd` (which stays open), but "." and "..";
// 0 or an errno.
int ListFolder(int fd, std::vector<std::string>* names) {
  int copy = dup(fd);
  if (copy < 0) return errno;
  DIR* dir = fdopendir(copy);
  if (dir == nullptr) {
    int error = errno;
    close(copy);
    return error;
  }
  errno = 0;
  while (const dirent* entry = readdir(dir)) {
    std::string name = entry->d_name;
    if (name != "." && name != "..") names->push_back(std::move(name));
    errno = 0;
  }
  int error = errno;
  closedir(dir);
  return error;
}

// Empty on success, else "path: reason" for the first thing left behind.
// Does what RemoveTreeAt(AT_FDCWD, path, ...) does, with the entries two
// levels down shared out among threads, and the folders above them removed
// after; every folder is entered through an O_NOFOLLOW descriptor, so a
// symlink is still unlinked, never followed.
std::string RemoveTree(const std::string& path) {
  std::string error;
  int top = open(path.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
  if (top < 0) {  // not a folder, or gone: the simple way reports it right
    RemoveTreeAt(AT_FDCWD, path, path, &error);
    return error;
  }
  struct Entry {
    int dir_fd;  // the folder holding it
    std::string name;
    std::string shown;
    std::string error;
  };
  std::vector<Entry> entries;
  std::vector<Entry> folders;  // first level, opened; removed last
  std::vector<std::string> names;
  if (int listed = ListFolder(top, &names)) {
    NoteRemovalError(path, listed, &error);
  }
  for (const std::string& name : names) {
    std::string shown = path + "/" + name;
    int fd = openat(top, name.c_str(),
                    O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    if (fd < 0) {  // a file or a link (or gone): removed like any entry
      entries.push_back({top, name, shown, ""});
      continue;
    }
    std::vector<std::string> children;
    if (int listed = ListFolder(fd, &children)) {
      NoteRemovalError(shown, listed, &error);
    }
    for (const std::string& child : children) {
      entries.push_back({fd, child, shown + "/" + child, ""});
    }
    folders.push_back({fd, name, shown, ""});
  }

  // Dealt out from kRemovers stretches of the list: entries next to each
  // other share a folder, whose lock each unlink and rmdir in it holds, so
  // removers taking them in list order mostly waited on one another.
  const std::vector<size_t> order = DealtOut(entries.size(), kRemovers);
  std::atomic<size_t> next{0};
  auto work = [&] {
    for (size_t k = next++; k < order.size(); k = next++) {
      Entry& entry = entries[order[k]];
      RemoveTreeAt(entry.dir_fd, entry.name, entry.shown, &entry.error);
    }
  };
  std::vector<std::thread> threads;
  if (entries.size() >= kParallelRemoveMinEntries) {
    for (unsigned i = 1; i < kRemovers; ++i) {
      try {
        threads.emplace_back(work);
      } catch (const std::system_error&) {
        break;  // fewer removers do it all
      }
    }
  }
  work();
  for (std::thread& thread : threads) thread.join();

  for (const Entry& entry : entries) {
    if (!entry.error.empty() && error.empty()) error = entry.error;
  }
  for (Entry& folder : folders) {
    close(folder.dir_fd);
    if (unlinkat(top, folder.name.c_str(), AT_REMOVEDIR) != 0 &&
        errno != ENOENT) {
      NoteRemovalError(folder.shown, errno, &error);
    }
  }
  close(top);
  if (rmdir(path.c_str()) != 0 && errno != ENOENT) {
    NoteRemovalError(path, errno, &error);
  }
  return error;
}

// True when `name` is "<prefix><pid>-<n>" for a pid that no longer runs.
// A live pid, even one reused by another program, keeps its folder.
bool IsLeftoverOfDeadBuild(const std::string& name, const std::string& prefix) {
  if (name.compare(0, prefix.size(), prefix) != 0) return false;
  const std::string rest = name.substr(prefix.size());
  const size_t dash = rest.find('-');
  if (dash == 0 || dash == std::string::npos || dash + 1 == rest.size() ||
      rest.find_first_not_of("0123456789-") != std::string::npos ||
      rest.find('-', dash + 1) != std::string::npos || dash > 9) {
    return false;
  }
  const pid_t pid = static_cast<pid_t>(std::stol(rest.substr(0, dash)));
  return pid > 0 && pid != getpid() && kill(pid, 0) != 0 && errno == ESRCH;
}

// Removes the temporary folders that killed builds left beside the output
// folder: only our own names (".<name>.tmp-<pid>-<n>", ".<name>.old-..."),
// only real folders, and only of processes that are gone, so a build
// running at the same time keeps its own. Best effort: what cannot be
// removed now is tried again by the next build.
void RemoveLeftovers(const OutputTarget& target) {
  DIR* dir = opendir(target.parent.c_str());
  if (dir == nullptr) return;
  const std::string tmp = SiblingPrefix(target, "tmp");
  const std::string old = SiblingPrefix(target, "old");
  std::vector<std::string> leftovers;
  while (const dirent* entry = readdir(dir)) {
    const std::string name = entry->d_name;
    if (IsLeftoverOfDeadBuild(name, tmp) || IsLeftoverOfDeadBuild(name, old)) {
      leftovers.push_back(name);
    }
  }
  closedir(dir);
  for (const std::string& name : leftovers) {
    struct stat info;
    const std::string path = target.parent + name;
    if (lstat(path.c_str(), &info) == 0 && S_ISDIR(info.st_mode)) {
      RemoveTree(path);
    }
  }
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

int WriteFileAt(int root_fd, const std::string& path,
                std::string_view contents) {
  return WriteFileAt(root_fd, path, &contents, 1);
}

int WriteFileAt(int root_fd, const std::string& path,
                const std::string_view* pieces, size_t count) {
  int fd;
  do {
    fd = openat(root_fd, path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC,
                0644);
  } while (fd < 0 && errno == EINTR);
  if (fd < 0) return errno;
  for (size_t piece = 0; piece < count; ++piece) {
    const char* data = pieces[piece].data();
    size_t left = pieces[piece].size();
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
  }
  // Delayed write errors (NFS, quotas) surface at close. On Linux the fd is
  // gone even after EINTR, so retrying would close someone else's.
  if (close(fd) != 0 && errno != EINTR) return errno;
  return 0;
}

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

bool CheckOutputFolder(const std::string& out_dir,
                       const std::string& source_dir,
                       Diagnostics& diagnostics) {
  SourceLocation where{out_dir};
  OutputTarget target;
  return ResolveTarget(out_dir, where, diagnostics, &target) &&
         CheckReplaceable(target.path, source_dir, where, diagnostics);
}

OutputFolder::~OutputFolder() {
  if (root_fd_ >= 0) close(root_fd_);
  ClosePrevious();
  // Best effort: whatever stays behind, the next build's RemoveLeftovers
  // removes once this process is gone.
  if (!folder_.empty()) RemoveTree(folder_);
}

bool OutputFolder::Open(const std::string& out_dir,
                        const std::string& source_dir,
                        Diagnostics& diagnostics) {
  assert(!is_open());
  out_dir_ = out_dir;
  SourceLocation where{out_dir};
  if (!ResolveTarget(out_dir, where, diagnostics, &target_) ||
      !CheckReplaceable(target_.path, source_dir, where, diagnostics)) {
    return false;
  }
  std::string folder;
  int error = MakeTempFolder(target_, &folder);
  if (error != 0) {
    diagnostics.Error(
        where,
        "cannot write output: cannot create '" + folder + "': " + Reason(error),
        KeptNote());
    return false;
  }
  folder_ = folder;
  root_fd_ = open(folder_.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (root_fd_ < 0) {
    return Abandon(
        "cannot write output: cannot open '" + folder_ + "': " + Reason(errno),
        diagnostics);
  }
  if (target_.exists) {
    // Without it every file is written, as into a new folder.
    previous_fd_ = open(target_.path.c_str(),
                        O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    const mode_t mask = umask(0);
    umask(mask);
    new_file_mode_ = 0644 & ~mask;
  }
  return true;
}

void OutputFolder::ClosePrevious() {
  if (previous_fd_ >= 0) close(previous_fd_);
  previous_fd_ = -1;
}

bool OutputFolder::LinkUnchanged(const std::string& path,
                                 const std::string_view* pieces, size_t count) {
  // Within the previous output and through no link: a link planted there
  // is never followed. O_NONBLOCK: opening a FIFO must not wait.
  open_how how{};
  how.flags = O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_NOCTTY | O_CLOEXEC;
  how.resolve = RESOLVE_BENEATH | RESOLVE_NO_SYMLINKS | RESOLVE_NO_MAGICLINKS |
                RESOLVE_NO_XDEV;
  const int fd = static_cast<int>(
      syscall(SYS_openat2, previous_fd_, path.c_str(), &how, sizeof how));
  if (fd < 0) return false;
  uint64_t size = 0;
  for (size_t piece = 0; piece < count; ++piece) size += pieces[piece].size();
  struct stat info;
  bool same = fstat(fd, &info) == 0 && S_ISREG(info.st_mode) &&
              info.st_nlink == 1 && info.st_uid == geteuid() &&
              (info.st_mode & 07777) == new_file_mode_ &&
              static_cast<uint64_t>(info.st_size) == size;
  // Compared a block at a time: reading stops at the first difference.
  char buffer[64 * 1024];
  off_t at = 0;  // in the file
  for (size_t piece = 0; same && piece < count; ++piece) {
    const std::string_view contents = pieces[piece];
    for (size_t offset = 0; same && offset < contents.size();) {
      const size_t want = std::min(sizeof buffer, contents.size() - offset);
      const ssize_t got = pread(fd, buffer, want, at);
      if (got < 0 && errno == EINTR) continue;
      same = got > 0 && std::memcmp(buffer, contents.data() + offset,
                                    static_cast<size_t>(got)) == 0;
      offset += got > 0 ? static_cast<size_t>(got) : 0;
      at += got > 0 ? static_cast<off_t>(got) : 0;
    }
  }
  if (same) {
    // The very file opened above, not whatever its name means by now.
    const std::string self = "/proc/self/fd/" + std::to_string(fd);
    same = linkat(AT_FDCWD, self.c_str(), root_fd_, path.c_str(),
                  AT_SYMLINK_FOLLOW) == 0;
  }
  close(fd);
  if (same) linked_.fetch_add(1, std::memory_order_relaxed);
  return same;
}

int OutputFolder::WriteFile(const std::string& path,
                            std::string_view contents) {
  return WriteFile(path, &contents, 1);
}

int OutputFolder::WriteFile(const std::string& path,
                            const std::string_view* pieces, size_t count) {
  if (interrupting_.load(std::memory_order_acquire)) return ECANCELED;
  std::shared_lock<std::shared_mutex> state(state_mutex_);
  if (interrupted_) return ECANCELED;
  assert(is_open());
  // The one check that keeps every write inside the temporary folder; the
  // asserts before it vanish under NDEBUG.
  if (!IsSafeOutputPath(path)) return EINVAL;
  for (size_t slash = path.find('/'); slash != std::string::npos;
       slash = path.find('/', slash + 1)) {
    std::string folder = path.substr(0, slash);
    {
      std::lock_guard<std::mutex> lock(folders_mutex_);
      if (made_folders_.count(folder) > 0) continue;
    }
    // Made without the lock, which two threads writing pages in folders of
    // their own would otherwise take turns to hold through each mkdirat. A
    // folder is noted as made only once it exists; two threads making it
    // at once both find it there (EEXIST). EEXIST also means an output file
    // already took this name (the build has both "a" and "a/b"); opening
    // "a/b" then fails with ENOTDIR, which is the clearer reason to report.
    if (mkdirat(root_fd_, folder.c_str(), 0755) != 0 && errno != EEXIST) {
      return errno;
    }
    std::lock_guard<std::mutex> lock(folders_mutex_);
    made_folders_.insert(std::move(folder));
  }
  if (previous_fd_ >= 0 && LinkUnchanged(path, pieces, count)) return 0;
  return WriteFileAt(root_fd_, path, pieces, count);
}

std::string OutputFolder::KeptNote() const {
  return target_.exists ? "the previous output was left as it was"
                        : "no output folder was created";
}

std::string OutputFolder::RemoveTemporaryFolder(std::string hint) {
  if (root_fd_ >= 0) {
    close(root_fd_);
    root_fd_ = -1;
  }
  ClosePrevious();
  if (folder_.empty()) return hint;
  std::string leftover = RemoveTree(folder_);
  if (!leftover.empty()) {
    hint += "; the temporary folder '" + folder_ + "' could not be removed (" +
            leftover + "): delete it by hand";
  }
  folder_.clear();
  return hint;
}

bool OutputFolder::Abandon(const std::string& message,
                           Diagnostics& diagnostics) {
  std::unique_lock<std::shared_mutex> state(state_mutex_);
  std::string hint = RemoveTemporaryFolder(KeptNote());
  diagnostics.Error(SourceLocation{out_dir_}, message, std::move(hint));
  return false;
}

bool OutputFolder::Interrupt(std::string* note) {
  interrupting_.store(true, std::memory_order_release);
  std::unique_lock<std::shared_mutex> state(state_mutex_);
  interrupted_ = true;
  if (folder_.empty()) return false;
  *note = RemoveTemporaryFolder(KeptNote());
  return true;
}

bool OutputFolder::Publish(Diagnostics& diagnostics) {
  std::unique_lock<std::shared_mutex> state(state_mutex_);
  if (interrupted_) {
    // Interrupt removed the temporary folder: there is nothing to publish.
    diagnostics.Error(SourceLocation{out_dir_},
                      "cannot write output: the build was interrupted",
                      KeptNote());
    return false;
  }
  assert(is_open());
  if (int error = WriteFileAt(root_fd_, kOutputMarker, kOutputMarkerText)) {
    diagnostics.Error(SourceLocation{out_dir_},
                      std::string("cannot write output: cannot write ") +
                          kOutputMarker + ": " + Reason(error),
                      RemoveTemporaryFolder(KeptNote()));
    return false;
  }
  close(root_fd_);
  root_fd_ = -1;
  ClosePrevious();
  SwapResult swap = SwapIn(folder_, target_);
  if (swap.error != 0) {
    std::string hint = RemoveTemporaryFolder(
        swap.restored
            ? KeptNote()
            : "the previous output was moved to '" + swap.old_tree + "'");
    if (swap.error == EBUSY) {
      // Docker volumes and CI caches are often mounted at the output.
      hint +=
          "; the output folder is a mount point, or in use: a build "
          "writes the new output beside it and swaps the two, which a "
          "mount point cannot be. Build into a folder inside it (--out " +
          out_dir_ + "/site), or mount the folder above it";
    }
    diagnostics.Error(SourceLocation{out_dir_},
                      "cannot write output: cannot move the new output into "
                      "place: " +
                          Reason(swap.error),
                      std::move(hint));
    return false;
  }
  folder_.clear();  // now the output folder: never remove it
  if (!swap.old_tree.empty()) {
    std::string leftover = RemoveTree(swap.old_tree);
    if (!leftover.empty()) {
      diagnostics.Warning(SourceLocation{out_dir_},
                          "could not remove the previous output, now at '" +
                              swap.old_tree + "': " + leftover,
                          "the new output is in place; delete that folder by "
                          "hand");
    }
  }
  // Only now: until the new output was in place, a leftover ".old-" folder
  // could have been the one copy of a previous output.
  RemoveLeftovers(target_);
  return true;
}

}  // namespace scrutineer
