#include "serve/site_watcher.h"

#include <poll.h>
#include <sys/inotify.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>

#include "write/file_system.h"

namespace scrutineer {
namespace {

namespace fs = std::filesystem;

constexpr uint32_t kFolderEvents = IN_CLOSE_WRITE | IN_MODIFY | IN_ATTRIB |
                                   IN_CREATE | IN_DELETE | IN_MOVED_FROM |
                                   IN_MOVED_TO | IN_DELETE_SELF;
// However busy the folder, a rebuild comes within this long of the first
// change.
constexpr auto kLongestWait = std::chrono::seconds(2);

const char* const kWatchedFolders[] = {"content", "templates", "theme"};

bool IsWatchedFolder(std::string_view name) {
  for (const char* folder : kWatchedFolders) {
    if (name == folder) return true;
  }
  return false;
}

// What the build does not read cannot change it.
bool IsIgnoredName(std::string_view name) {
  return name.empty() || IsToolsOwnFile(name);
}

}  // namespace

SiteWatcher::SiteWatcher(std::string root) : root_(std::move(root)) {}

SiteWatcher::~SiteWatcher() {
  if (fd_ >= 0) close(fd_);
}

bool SiteWatcher::Start(std::string* error) {
  fd_ = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
  if (fd_ < 0) {
    *error = std::string("cannot watch files: ") + std::strerror(errno);
    return false;
  }
  // The root only for site.yaml and the folders appearing or going.
  int root = inotify_add_watch(fd_, root_.c_str(),
                               kFolderEvents | IN_ONLYDIR | IN_DONT_FOLLOW);
  if (root < 0) {
    *error = "cannot watch " + root_ + ": " + std::strerror(errno);
    return false;
  }
  folders_[root] = "";
  for (const char* folder : kWatchedFolders) WatchTree(folder);
  return true;
}

void SiteWatcher::WatchTree(const std::string& relative) {
  std::string path = root_ + "/" + relative;
  int watch = inotify_add_watch(fd_, path.c_str(),
                                kFolderEvents | IN_ONLYDIR | IN_DONT_FOLLOW);
  if (watch < 0) return;  // not a folder (or gone already): nothing to watch
  folders_[watch] = relative;
  std::error_code error;
  for (fs::directory_iterator it(path, error), end; !error && it != end;
       it.increment(error)) {
    std::string name = it->path().filename().string();
    // Symlinked folders are not followed: the loader refuses what they
    // lead to outside the site anyway.
    if (!IsIgnoredName(name) && it->is_directory(error) &&
        !it->is_symlink(error)) {
      WatchTree(relative + "/" + name);
    }
  }
}

bool SiteWatcher::ReadEvents(SiteChanges* changes, bool* settled) {
  alignas(inotify_event) char buffer[16 * 1024];
  bool relevant = false;
  while (true) {
    ssize_t length = read(fd_, buffer, sizeof buffer);
    if (length <= 0) break;  // EAGAIN: nothing more for now
    for (char* at = buffer; at < buffer + length;) {
      const auto* event = reinterpret_cast<const inotify_event*>(at);
      at += sizeof(inotify_event) + event->len;
      if (event->mask & IN_Q_OVERFLOW) {
        relevant = true;  // events were lost: rebuild to be safe
        changes->other = true;
        *settled = false;
        continue;
      }
      auto folder = folders_.find(event->wd);
      if (folder == folders_.end()) continue;
      if (event->mask & IN_IGNORED) {  // the folder was deleted or moved
        folders_.erase(folder);
        relevant = true;
        changes->other = true;
        *settled = false;
        continue;
      }
      std::string name = event->len > 0 ? event->name : "";
      bool at_root = folder->second.empty();
      if (at_root ? name != "site.yaml" && !IsWatchedFolder(name)
                  : IsIgnoredName(name)) {
        continue;
      }
      relevant = true;
      const std::string path = at_root ? name : folder->second + "/" + name;
      const bool is_folder = (event->mask & IN_ISDIR) != 0;
      if (is_folder && (event->mask & (IN_CREATE | IN_MOVED_TO))) {
        WatchTree(path);
      }
      if (!at_root && !is_folder && path.compare(0, 8, "content/") == 0) {
        changes->content_files.insert(path);
      } else {
        changes->other = true;
      }
      *settled = !is_folder && (event->mask & (IN_CLOSE_WRITE | IN_MOVED_TO));
    }
  }
  return relevant;
}

bool SiteWatcher::WaitForChange(int wake_fd, std::chrono::milliseconds quiet,
                                std::chrono::milliseconds settled,
                                SiteChanges* changes) {
  *changes = SiteChanges();
  bool landed = false;
  pollfd fds[2] = {{fd_, POLLIN, 0}, {wake_fd, POLLIN, 0}};
  // Wait for the first change that matters.
  while (true) {
    if (poll(fds, 2, -1) < 0 && errno != EINTR) return false;
    if (fds[1].revents & POLLIN) return false;
    if ((fds[0].revents & POLLIN) && ReadEvents(changes, &landed)) break;
  }
  // Then for quiet, so that a burst of writes makes one rebuild.
  auto deadline = std::chrono::steady_clock::now() + kLongestWait;
  while (std::chrono::steady_clock::now() < deadline) {
    int ready =
        poll(fds, 2, static_cast<int>((landed ? settled : quiet).count()));
    if (ready == 0) break;
    if (ready < 0 && errno != EINTR) break;
    if (fds[1].revents & POLLIN) return false;
    if (fds[0].revents & POLLIN) ReadEvents(changes, &landed);
  }
  return true;
}

}  // namespace scrutineer
