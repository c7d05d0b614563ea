// `serve`: the one pipeline built into memory, served with live reload.
//  1. Block SIGINT and SIGTERM in every thread and read them from a
//     signalfd, so Ctrl-C ends the watch loop in order.
//  2. Build, bind, serve (serve/preview_server.h).
//  3. Wait for changes (serve/site_watcher.h). When only records' files
//     changed, and no id, patch the build being served in place while no
//     request reads it (serve/preview_patch.h): milliseconds, where a
//     rebuild takes a tenth of a second at 10,000 recommendations.
//     Otherwise (a new or deleted file, a template) rebuild the site in
//     memory and publish it: the build is one shared_ptr swap, so a request
//     sees the old site or the new one, never half of each. Either way a
//     page is rendered when it is first asked for, so neither waits for
//     pages.
//  4. Check the links of each build (or patch) once it is published, on a
//     thread of its own, a second later: a broken link changes nothing of
//     what the preview shows. The next change stops the check rather than
//     waiting for it: the rebuild starts at once, and the check ends at its
//     next page; a patch waits for that page, as the check reads the build,
//     but not for the check to free what it gathered.
#include <signal.h>
#include <sys/resource.h>
#include <sys/signalfd.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>

#include "commands/commands.h"
#include "pipeline.h"
#include "serve/preview_patch.h"
#include "serve/preview_server.h"
#include "serve/preview_site.h"
#include "serve/site_watcher.h"
#include "util/stage_timer.h"

namespace scrutineer {
namespace {

// Long enough to catch an editor's write-rename-chmod burst (a few ms
// apart) as one change, short enough to stay a small part of the time from
// saving a file to seeing it in the browser (tests/browser/serve_check.mjs).
constexpr auto kQuietPeriod = std::chrono::milliseconds(50);
// Once a file is written and closed, or moved into place, the save is
// done: what an editor still does (a chmod) follows within microseconds,
// and anything later is another change, patched or rebuilt in its turn.
constexpr auto kSettledPeriod = std::chrono::milliseconds(5);

std::shared_ptr<PreviewBuild> Rebuild(const FileSystem& files,
                                      const BuildOptions& build_options,
                                      bool timings, std::ostream& out,
                                      std::ostream& err,
                                      std::mutex& print_mutex) {
  EnableStageTimings(timings);  // and forget the last rebuild's
  auto start = std::chrono::steady_clock::now();
  Diagnostics diagnostics;
  std::shared_ptr<PreviewBuild> build =
      BuildPreview(files, build_options, diagnostics);
  auto elapsed = std::chrono::duration_cast<std::chrono::milliseconds>(
      std::chrono::steady_clock::now() - start);
  std::lock_guard<std::mutex> lock(print_mutex);
  PrintDiagnostics(diagnostics, err);
  if (build->has_errors()) {
    out << "Built with errors in " << elapsed.count()
        << " ms: the preview shows them until they are fixed\n";
  } else {
    out << "Built " << build->output.size() << " files in " << elapsed.count()
        << " ms\n";
  }
  if (timings) PrintStageTimings(err);
  out.flush();
  return build;
}

// How much the link check yields to requests (0 to 19, 19 most).
constexpr int kLinkCheckNice = 10;
// How long the link check waits before it starts. Someone saving again and
// again (a patch takes milliseconds) would otherwise have it start on
// every save, only to be stopped by the next, and each patch would wait
// for the pages it was rendering.
constexpr auto kLinkCheckDelay = std::chrono::milliseconds(1000);

// The link check of one build, on a thread of its own from kLinkCheckDelay
// after it is made until it is done or the check is destroyed, which stops
// it first. It prints what it finds to `err` holding `print_mutex`, unless
// it was stopped by then: what it found is of a build already replaced.
class BackgroundLinkCheck {
 public:
  BackgroundLinkCheck(std::shared_ptr<const PreviewBuild> build,
                      std::ostream& err, std::mutex& print_mutex)
      : thread_([this, build = std::move(build), &err, &print_mutex] {
          {
            std::unique_lock<std::mutex> lock(mutex_);
            if (stopped_.wait_for(lock, kLinkCheckDelay,
                                  [this] { return stop_.load(); })) {
              reading_ = false;
              done_reading_.notify_all();
              return;
            }
          }
          // Pages asked for come first: on Linux the nice value is each
          // thread's own, and the threads that render pages for the check
          // inherit this one's.
          setpriority(PRIO_PROCESS, static_cast<id_t>(syscall(SYS_gettid)),
                      kLinkCheckNice);
          Diagnostics diagnostics;
          if (CheckPreviewLinks(*build, diagnostics, &stop_,
                                [this] { DoneReading(); })) {
            std::lock_guard<std::mutex> lock(print_mutex);
            if (stop_) return;
            PrintDiagnostics(diagnostics, err);
            err.flush();
          }
        }) {}
  ~BackgroundLinkCheck() {
    Stop();
    thread_.join();
  }
  /// Asks the check to stop at its next page, without waiting for it.
  void Stop() {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      stop_ = true;
    }
    stopped_.notify_all();
  }
  /// Stops the check and waits until it reads the build no more, but not
  /// for it to free what it gathered: the build may then change.
  void StopReading() {
    Stop();
    std::unique_lock<std::mutex> lock(mutex_);
    done_reading_.wait(lock, [this] { return !reading_; });
  }
  BackgroundLinkCheck(const BackgroundLinkCheck&) = delete;
  BackgroundLinkCheck& operator=(const BackgroundLinkCheck&) = delete;

 private:
  void DoneReading() {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      reading_ = false;
    }
    done_reading_.notify_all();
  }

  std::atomic<bool> stop_{false};
  std::mutex mutex_;  // for stopped_, reading_ and done_reading_
  std::condition_variable stopped_;
  // The check may read the build until it says it is done, or has ended.
  bool reading_ = true;
  std::condition_variable done_reading_;
  std::thread thread_;  // after what it reads
};

// Patches the build being served for `changes` (serve/preview_patch.h),
// when they allow it, and checks its links again; false when the changes
// need a full rebuild.
bool Patched(const FileSystem& files,
             const std::shared_ptr<PreviewBuild>& served, PreviewServer& server,
             std::unique_ptr<BackgroundLinkCheck>& check, RecordCache* cache,
             const CommandOptions& options, std::ostream& out,
             std::ostream& err, std::mutex& print_mutex,
             const SiteChanges& changes) {
  auto start = std::chrono::steady_clock::now();
  EnableStageTimings(options.timings);
  PreviewPatch patch;
  {
    StageTimer timer("plan the patch");
    std::vector<std::string> paths(changes.content_files.begin(),
                                   changes.content_files.end());
    if (!PlanPreviewPatch(*served, files, paths, &patch)) return false;
  }
  std::vector<std::string> patched = patch.paths;
  {
    // The check reads the build: it stops reading before the build
    // changes (it is joined once the build has changed).
    StageTimer timer("stop the link check");
    check->StopReading();
  }
  bool applied = true;
  {
    StageTimer timer("patch");
    server.Patch(served, [&patch, &applied, cache](PreviewBuild* build) {
      if (patch.empty()) return false;
      applied = ApplyPreviewPatch(&patch, build, cache);
      return applied;
    });
  }
  if (!applied) return false;  // the build is as it was
  auto elapsed = std::chrono::duration_cast<std::chrono::microseconds>(
      std::chrono::steady_clock::now() - start);
  {
    std::lock_guard<std::mutex> lock(print_mutex);
    if (patched.empty()) {
      out << "Nothing to update: what was saved changes nothing the site "
             "shows\n";
    } else {
      out << "Updated " << patched.front();
      if (patched.size() > 1) out << " and " << patched.size() - 1 << " more";
      out << " in " << elapsed.count() / 1000.0 << " ms\n";
    }
    if (options.timings) PrintStageTimings(err);
    out.flush();
  }
  check = std::make_unique<BackgroundLinkCheck>(served, err, print_mutex);
  return true;
}

bool IsLoopback(const std::string& host) {
  return host == "localhost" || host == "::1" || host.rfind("127.", 0) == 0;
}

}  // namespace

int RunServe(const CommandOptions& options, std::ostream& out,
             std::ostream& err) {
  // Before any thread starts, so that every thread inherits the mask. A
  // closed connection must not kill the process either: SIGPIPE is blocked
  // too, and the write that caused it just fails.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGINT);
  sigaddset(&stop_signals, SIGTERM);
  sigset_t blocked = stop_signals;
  sigaddset(&blocked, SIGPIPE);
  sigset_t previous;
  pthread_sigmask(SIG_BLOCK, &blocked, &previous);
  int signal_fd = signalfd(-1, &stop_signals, SFD_CLOEXEC | SFD_NONBLOCK);
  auto restore = [&] {
    if (signal_fd >= 0) close(signal_fd);
    // Take the Ctrl-C that ended the loop, so that unblocking it does not
    // deliver it again.
    timespec now{0, 0};
    while (sigtimedwait(&blocked, nullptr, &now) > 0) {
    }
    pthread_sigmask(SIG_SETMASK, &previous, nullptr);
  };
  if (signal_fd < 0) {
    err << "error: cannot wait for Ctrl-C (signalfd failed)\n";
    restore();
    return kExitFailure;
  }

  DiskFileSystem files(options.source);
  // Each rebuild parses only the content files that changed.
  RecordCache record_cache;
  BuildOptions build_options;
  build_options.base_url = options.base_url;
  build_options.record_cache = &record_cache;
  // The rebuild and the link check of the build before it may both print.
  std::mutex print_mutex;
  std::shared_ptr<PreviewBuild> first =
      Rebuild(files, build_options, options.timings, out, err, print_mutex);
  std::string base_path = first->base_path;
  PreviewServer server(first);
  std::string error;
  int port = server.Bind(options.bind, options.port, &error);
  SiteWatcher watcher(options.source);
  if (port < 0 || !watcher.Start(&error)) {
    err << "error: " << error << '\n';
    if (port < 0) err << "note: choose another port with --port N\n";
    restore();
    return kExitFailure;
  }
  server.Start();
  if (!IsLoopback(options.bind)) {
    err << "warning: serving on " << options.bind
        << ": anyone who can reach this machine can read the preview\n";
  }
  std::string host = options.bind.find(':') == std::string::npos
                         ? options.bind
                         : "[" + options.bind + "]";
  out << "Serving " << options.source << " at http://" << host << ':' << port
      << base_path << "\nWatching site.yaml, content/, templates/ and theme/;"
      << " press Ctrl-C to stop\n";
  out.flush();

  auto check =
      std::make_unique<BackgroundLinkCheck>(std::move(first), err, print_mutex);
  SiteChanges changes;
  while (watcher.WaitForChange(signal_fd, kQuietPeriod, kSettledPeriod,
                               &changes)) {
    // A page being rendered for the check may take a while (the tracker
    // lists every recommendation): the rebuild does not wait for it.
    check->Stop();
    // Only records' files changed: patch the build being served.
    std::shared_ptr<PreviewBuild> served = server.Current();
    if (!changes.other && Patched(files, served, server, check, &record_cache,
                                  options, out, err, print_mutex, changes)) {
      continue;
    }
    // What the build being served resolved is taken for what has not
    // changed; it is only read, as requests read it meanwhile.
    BuildOptions rebuild_options = build_options;
    rebuild_options.previous_site = &served->site;
    std::shared_ptr<PreviewBuild> build =
        Rebuild(files, rebuild_options, options.timings, out, err, print_mutex);
    served.reset();
    server.Publish(build);
    check.reset();
    check = std::make_unique<BackgroundLinkCheck>(std::move(build), err,
                                                  print_mutex);
  }
  check.reset();
  server.Stop();
  out << "Stopped\n";
  out.flush();
  restore();
  return kExitOk;
}

}  // namespace scrutineer
