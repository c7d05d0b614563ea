// `serve`: the one pipeline built into memory, served with live reload.
//  1. Block SIGINT and SIGTERM in every thread and read them from a
//     signalfd, so Ctrl-C ends the watch loop in order.
//  2. Build, bind, serve (serve/preview_server.h).
//  3. Wait for changes (serve/site_watcher.h), rebuild the site in memory
//     and publish it: the build is one shared_ptr swap, so a request sees
//     the old site or the new one, never half of each. A build renders a
//     page when it is first asked for, so publishing waits for no page.
//  4. Check the links of each build once it is published, on a thread of
//     its own: a broken link changes nothing of what the preview shows,
//     and the next change stops the check rather than waiting for it: the
//     rebuild starts at once, and the check ends at its next page.
#include <signal.h>
#include <sys/resource.h>
#include <sys/signalfd.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <mutex>
#include <thread>

#include "commands/commands.h"
#include "pipeline.h"
#include "serve/preview_server.h"
#include "serve/preview_site.h"
#include "serve/site_watcher.h"

namespace scrutineer {
namespace {

// Long enough to catch an editor's write-rename-chmod burst (a few ms
// apart) as one change, short enough to stay a small part of the time from
// saving a file to seeing it in the browser (tests/browser/serve_check.mjs).
constexpr auto kQuietPeriod = std::chrono::milliseconds(50);

std::shared_ptr<PreviewBuild> Rebuild(const FileSystem& files,
                                      const BuildOptions& build_options,
                                      std::ostream& out, std::ostream& err,
                                      std::mutex& print_mutex) {
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
  out.flush();
  return build;
}

// How much the link check yields to requests (0 to 19, 19 most).
constexpr int kLinkCheckNice = 10;

// The link check of one build, on a thread of its own until it is done
// or the check is destroyed, which stops it first. It prints what it finds
// to `err` holding `print_mutex`, unless it was stopped by then: what it
// found is of a build already replaced.
class BackgroundLinkCheck {
 public:
  BackgroundLinkCheck(std::shared_ptr<const PreviewBuild> build,
                      std::ostream& err, std::mutex& print_mutex)
      : thread_([this, build = std::move(build), &err, &print_mutex] {
          // Pages asked for come first: on Linux the nice value is each
          // thread's own, and the threads that render pages for the check
          // inherit this one's.
          setpriority(PRIO_PROCESS, static_cast<id_t>(syscall(SYS_gettid)),
                      kLinkCheckNice);
          Diagnostics diagnostics;
          if (CheckPreviewLinks(*build, diagnostics, &stop_)) {
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
  void Stop() { stop_ = true; }
  BackgroundLinkCheck(const BackgroundLinkCheck&) = delete;
  BackgroundLinkCheck& operator=(const BackgroundLinkCheck&) = delete;

 private:
  std::atomic<bool> stop_{false};
  std::thread thread_;  // after stop_, which it reads
};

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
      Rebuild(files, build_options, out, err, print_mutex);
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
  while (watcher.WaitForChange(signal_fd, kQuietPeriod)) {
    // A page being rendered for the check may take a while (the tracker
    // lists every recommendation): the rebuild does not wait for it.
    check->Stop();
    std::shared_ptr<PreviewBuild> build =
        Rebuild(files, build_options, out, err, print_mutex);
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
