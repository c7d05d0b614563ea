// Watches what a site is built from — site.yaml, content/, templates/ and
// theme/ — with inotify, for `serve`: a watch on every folder (inotify is
// not recursive), added for new folders as they appear, and a quiet period
// so that an editor's burst of writes makes one rebuild.
#ifndef SCRUTINEER_SERVE_SITE_WATCHER_H_
#define SCRUTINEER_SERVE_SITE_WATCHER_H_

#include <chrono>
#include <map>
#include <set>
#include <string>

namespace scrutineer {

/// What changed since the last wait, as far as the watcher can tell.
struct SiteChanges {
  /// Files under content/ written, created, deleted or moved, relative to
  /// the site folder ("content/updates/x.md").
  std::set<std::string> content_files;
  /// Something else changed too (site.yaml, a template, the theme, a
  /// folder), or events were lost: only a full rebuild is sure to see it.
  bool other = false;
};

class SiteWatcher {
 public:
  /// `root` is the site folder.
  explicit SiteWatcher(std::string root);
  ~SiteWatcher();
  SiteWatcher(const SiteWatcher&) = delete;
  SiteWatcher& operator=(const SiteWatcher&) = delete;

  /// Starts watching. False, with the reason in `error`, when inotify is
  /// not available or the site folder cannot be watched.
  bool Start(std::string* error);

  /// Blocks until a watched file changes and no further change follows for
  /// `quiet`, or for `settled` once the last change was a file written and
  /// closed or moved into place (returns true, and what changed in
  /// `changes`); or until `wake_fd` becomes readable (returns false; the
  /// caller reads it). Hidden files (".x.swp") and backups ("x~") do not
  /// count as changes.
  bool WaitForChange(int wake_fd, std::chrono::milliseconds quiet,
                     std::chrono::milliseconds settled, SiteChanges* changes);

 private:
  /// Watches `relative` (a folder under the root) and every folder in it.
  void WatchTree(const std::string& relative);
  /// Reads the pending events into `changes`; true when any of them
  /// matters. `*settled`: whether the last that did was a file written and
  /// closed or moved into place.
  bool ReadEvents(SiteChanges* changes, bool* settled);

  std::string root_;
  int fd_ = -1;
  std::map<int, std::string> folders_;  // watch descriptor -> relative path
};

}  // namespace scrutineer

#endif  // SCRUTINEER_SERVE_SITE_WATCHER_H_
