#include "write/file_system.h"

#include <fcntl.h>
#include <linux/openat2.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <filesystem>
#include <string>
#include <system_error>
#include <utility>
#include <vector>

namespace scrutineer {

namespace fs = std::filesystem;

namespace {

bool IsInside(const fs::path& path, const fs::path& root) {
  auto root_it = root.begin();
  auto path_it = path.begin();
  for (; root_it != root.end(); ++root_it, ++path_it) {
    if (path_it == path.end() || *path_it != *root_it) return false;
  }
  return true;
}

}  // namespace

DiskFileSystem::DiskFileSystem(std::string root) : root_(std::move(root)) {
  std::error_code error;
  fs::path canonical = fs::weakly_canonical(fs::absolute(root_, error), error);
  canonical_root_ = canonical.string();
  root_fd_ = open(root_.c_str(), O_PATH | O_DIRECTORY | O_CLOEXEC);
}

DiskFileSystem::~DiskFileSystem() {
  if (root_fd_ >= 0) close(root_fd_);
}

int DiskFileSystem::OpenInside(const std::string& path,
                               std::string* error) const {
  // O_NONBLOCK: opening a FIFO someone left in the folder must not wait for
  // a writer forever; ReadFile refuses it as not a regular file.
  constexpr int kFlags = O_RDONLY | O_CLOEXEC | O_NONBLOCK;
  // Like ListFiles, never follow a link out of the site folder: site.yaml
  // or a template linked to /etc/passwd would be quoted in error messages.
  // openat2 checks that in the one system call that opens the file. It
  // refuses a link that leaves the folder even on its way back in, and
  // absolute links; those, and kernels older than 5.6, take the slower way
  // below, which resolves the path first and then opens it.
  if (root_fd_ >= 0) {
    open_how how{};
    how.flags = kFlags;
    how.resolve = RESOLVE_BENEATH | RESOLVE_NO_MAGICLINKS;
    int fd = static_cast<int>(
        syscall(SYS_openat2, root_fd_, path.c_str(), &how, sizeof how));
    if (fd >= 0) return fd;
    if (errno != EXDEV && errno != ELOOP && errno != ENOSYS &&
        errno != EAGAIN && errno != EPERM) {
      *error = std::generic_category().message(errno);
      return -1;
    }
  }
  const fs::path full = fs::path(root_) / path;
  std::error_code code;
  fs::path target = fs::weakly_canonical(full, code);
  if (code || !IsInside(target, canonical_root_)) {
    *error = code ? code.message() : "it leads outside the site folder";
    return -1;
  }
  int fd = open(full.c_str(), kFlags);
  if (fd < 0) *error = std::generic_category().message(errno);
  return fd;
}

bool DiskFileSystem::ReadFile(const std::string& path, std::string* contents,
                              std::string* error) const {
  int fd = OpenInside(path, error);
  if (fd < 0) return false;
  struct stat info;
  if (fstat(fd, &info) != 0) {
    *error = std::generic_category().message(errno);
    close(fd);
    return false;
  }
  if (!S_ISREG(info.st_mode)) {
    *error = S_ISDIR(info.st_mode) ? "it is a folder, not a file"
                                   : "it is not a regular file";
    close(fd);
    return false;
  }
  if (static_cast<unsigned long long>(info.st_size) > kMaxFileReadBytes) {
    *error = "it is larger than " +
             std::to_string(kMaxFileReadBytes / (1024 * 1024)) + " MiB";
    close(fd);
    return false;
  }
  // One byte more than the file holds, so that the read which finds its
  // end needs no larger buffer: growing it would copy the whole text.
  std::string buffer(
      std::min(static_cast<size_t>(info.st_size) + 1, kMaxFileReadBytes), '\0');
  size_t filled = 0;
  while (true) {
    if (filled == buffer.size()) {
      // The file may have grown since fstat; read on, within the limit.
      if (buffer.size() >= kMaxFileReadBytes) break;
      buffer.resize(std::min(kMaxFileReadBytes, buffer.size() * 2 + 4096));
    }
    ssize_t got = read(fd, &buffer[filled], buffer.size() - filled);
    if (got < 0 && errno == EINTR) continue;
    if (got < 0) {
      *error = std::generic_category().message(errno);
      close(fd);
      return false;
    }
    if (got == 0) break;
    filled += static_cast<size_t>(got);
  }
  close(fd);
  buffer.resize(filled);
  *contents = std::move(buffer);
  return true;
}

void ReportRefused(const DirectoryListing& listing, const std::string& hint,
                   Diagnostics& diagnostics) {
  for (const RefusedEntry& entry : listing.refused) {
    diagnostics.Error(SourceLocation{entry.path, 0, 0},
                      "refused: " + entry.reason,
                      entry.hint.empty() ? hint : entry.hint);
  }
}

bool IsToolsOwnFile(std::string_view name) {
  if (name.empty()) return false;
  return name.front() == '.' || name.back() == '~' ||
         (name.size() >= 2 && name.front() == '#' && name.back() == '#');
}

DirectoryListing DiskFileSystem::ListFiles(const std::string& dir) const {
  DirectoryListing listing;
  std::error_code error;
  fs::path base = fs::path(root_) / dir;
  if (!fs::is_directory(base, error)) return listing;
  // Depth first, with a stack of the folders still to list, each with its
  // path relative to the root (an entry's is its folder's and its name:
  // working it out with lexically_relative took a quarter of the
  // listing's time). Every entry is either listed or refused with its reason:
  // nothing is skipped without a word, and one unreadable folder does not
  // end the listing.
  struct Folder {
    fs::path path;
    std::string relative;
    int depth;
  };
  std::vector<Folder> folders;
  folders.push_back({base, base.lexically_relative(root_).generic_string(), 0});
  while (!folders.empty()) {
    Folder folder = std::move(folders.back());
    folders.pop_back();
    fs::directory_iterator it(folder.path, error);
    for (; !error && it != fs::directory_iterator(); it.increment(error)) {
      const fs::directory_entry& entry = *it;
      const std::string& full = entry.path().native();
      const std::string_view name =
          std::string_view(full).substr(full.rfind('/') + 1);
      // Before anything else: an editor's lock link may lead nowhere.
      if (IsToolsOwnFile(name)) continue;
      std::string relative = folder.relative + '/';
      relative += name;
      std::error_code type_error;
      if (entry.is_symlink(type_error)) {
        // A symlink may point anywhere; follow it only to a file inside
        // the site.
        std::error_code target_error;
        fs::path target = fs::weakly_canonical(entry.path(), target_error);
        if (target_error) {
          listing.refused.push_back(
              {std::move(relative),
               "a link that cannot be followed: " + target_error.message()});
        } else if (!IsInside(target, canonical_root_)) {
          listing.refused.push_back(
              {std::move(relative), "a link to outside the site folder"});
        } else if (!fs::exists(target, target_error)) {
          listing.refused.push_back(
              {std::move(relative), "a link that leads nowhere"});
        } else if (!fs::is_regular_file(target, target_error)) {
          listing.refused.push_back(
              {std::move(relative), "a link to something not a file"});
        } else {
          listing.files.push_back(std::move(relative));
        }
      } else if (entry.is_directory(type_error)) {
        if (folder.depth + 1 > kMaxFolderDepth) {
          listing.refused.push_back(
              {std::move(relative),
               "a folder nested more than " + std::to_string(kMaxFolderDepth) +
                   " deep",
               "nothing under it is read: move what it holds up to a folder "
               "nearer the top"});
        } else {
          folders.push_back(
              {entry.path(), std::move(relative), folder.depth + 1});
        }
      } else if (entry.is_regular_file(type_error)) {
        listing.files.push_back(std::move(relative));
      } else {
        listing.refused.push_back(
            {std::move(relative),
             "not a regular file (a pipe, socket or device)"});
      }
    }
    if (error) {
      listing.refused.push_back(
          {folder.relative, "cannot read this folder: " + error.message()});
      error.clear();
    }
  }
  std::sort(listing.files.begin(), listing.files.end());
  std::sort(listing.refused.begin(), listing.refused.end());
  return listing;
}

bool DiskFileSystem::IsDirectory(const std::string& path) const {
  std::error_code error;
  return fs::is_directory(fs::path(root_) / path, error);
}

bool DiskFileSystem::StampFile(const std::string& path,
                               FileStamp* stamp) const {
  struct stat info;
  // From the folder's descriptor when there is one: serve stamps every
  // content file on each rebuild, and building each full path cost as much
  // as the stat.
  const int result = root_fd_ >= 0
                         ? fstatat(root_fd_, path.c_str(), &info, 0)
                         : stat((fs::path(root_) / path).c_str(), &info);
  if (result != 0) return false;
  stamp->device = static_cast<uint64_t>(info.st_dev);
  stamp->inode = static_cast<uint64_t>(info.st_ino);
  stamp->size = static_cast<int64_t>(info.st_size);
  stamp->modified_ns = static_cast<int64_t>(info.st_mtim.tv_sec) * 1000000000 +
                       info.st_mtim.tv_nsec;
  stamp->changed_ns = static_cast<int64_t>(info.st_ctim.tv_sec) * 1000000000 +
                      info.st_ctim.tv_nsec;
  return true;
}

void MemoryFileSystem::AddFile(const std::string& path, std::string contents) {
  files_[path] = File{std::move(contents), ++writes_};
}

void MemoryFileSystem::RemoveFile(const std::string& path) {
  files_.erase(path);
}

bool MemoryFileSystem::ReadFile(const std::string& path, std::string* contents,
                                std::string* error) const {
  auto it = files_.find(path);
  if (it == files_.end()) {
    *error = "No such file or directory";
    return false;
  }
  *contents = it->second.contents;
  return true;
}

DirectoryListing MemoryFileSystem::ListFiles(const std::string& dir) const {
  DirectoryListing listing;
  std::string prefix = dir.empty() || dir.back() == '/' ? dir : dir + '/';
  for (auto it = files_.lower_bound(prefix);
       it != files_.end() && it->first.compare(0, prefix.size(), prefix) == 0;
       ++it) {
    bool tools_own = false;
    std::string_view rest = std::string_view(it->first).substr(prefix.size());
    while (!rest.empty() && !tools_own) {
      const size_t slash = rest.find('/');
      tools_own = IsToolsOwnFile(rest.substr(0, slash));
      rest = slash == std::string_view::npos ? "" : rest.substr(slash + 1);
    }
    if (!tools_own) listing.files.push_back(it->first);
  }
  return listing;
}

bool MemoryFileSystem::IsDirectory(const std::string& path) const {
  std::string prefix = path + '/';
  auto it = files_.lower_bound(prefix);
  return it != files_.end() && it->first.compare(0, prefix.size(), prefix) == 0;
}

bool MemoryFileSystem::StampFile(const std::string& path,
                                 FileStamp* stamp) const {
  auto it = files_.find(path);
  if (it == files_.end()) return false;
  *stamp = FileStamp{};
  stamp->inode = it->second.version;
  stamp->size = static_cast<int64_t>(it->second.contents.size());
  return true;
}

}  // namespace scrutineer
