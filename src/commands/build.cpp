#include <poll.h>
#include <signal.h>
#include <sys/eventfd.h>
#include <sys/signalfd.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>
#include <system_error>
#include <thread>

#include "commands/commands.h"
#include "commands/report_diagnostics.h"
#include "pipeline.h"
#include "util/keep_until_exit.h"
#include "util/stage_timer.h"
#include "write/output_folder.h"
#include "write/output_tree.h"

namespace scrutineer {
namespace {

// Copies every diagnostic of `from` into `to` (which must not be strict),
// so that a machine format prints one document.
void CopyDiagnostics(const Diagnostics& from, Diagnostics& to) {
  for (const Diagnostic& d : from.Sorted()) {
    to.Report(d.severity, SourceLocation{d.path, d.line, d.column}, d.message,
              d.hint);
  }
}

// While a build runs, SIGINT (Ctrl-C), SIGTERM and SIGHUP are read on a
// thread of their own rather than killing the process where it stands:
// that thread has the temporary folder removed (OutputFolder::Interrupt),
// says so, and then ends the process by the same signal, so that a shell
// or CI runner still sees the build interrupted. Killed where it stood, a
// build left its temporary folder beside the output until the next build.
class InterruptWatch {
 public:
  /// Blocks the signals in this thread and every thread started after it:
  /// made before the temporary folder, so that no signal comes between.
  InterruptWatch() {
    sigemptyset(&signals_);
    for (int number : {SIGINT, SIGTERM, SIGHUP}) sigaddset(&signals_, number);
    pthread_sigmask(SIG_BLOCK, &signals_, &previous_);
  }
  InterruptWatch(const InterruptWatch&) = delete;
  InterruptWatch& operator=(const InterruptWatch&) = delete;

  /// Stops watching; a signal that came meanwhile is handled as it would
  /// have been, and any later one acts as usual.
  ~InterruptWatch() {
    if (thread_.joinable()) {
      const uint64_t one = 1;
      if (write(stop_fd_, &one, sizeof one) != sizeof one) std::abort();
      thread_.join();
    }
    if (folder_ != nullptr) {
      timespec now{0, 0};
      const int pending = sigtimedwait(&signals_, nullptr, &now);
      if (pending > 0) Stop(pending);
    }
    if (signal_fd_ >= 0) close(signal_fd_);
    if (stop_fd_ >= 0) close(stop_fd_);
    pthread_sigmask(SIG_SETMASK, &previous_, nullptr);
  }

  /// Watches for the signals on behalf of `folder` (open), which must
  /// outlive this watch. Without the file descriptors the thread needs
  /// (a sandbox may refuse them), the signals act as usual again: a build
  /// killed where it stands is better than one that Ctrl-C cannot stop.
  void Start(OutputFolder* folder, std::ostream& err) {
    signal_fd_ = signalfd(-1, &signals_, SFD_CLOEXEC);
    stop_fd_ = eventfd(0, EFD_CLOEXEC);
    if (signal_fd_ >= 0 && stop_fd_ >= 0) {
      // Before the thread starts: a signal may be waiting already.
      folder_ = folder;
      err_ = &err;
      try {
        thread_ = std::thread([this] { Watch(); });
        return;
      } catch (const std::system_error&) {
        folder_ = nullptr;
      }
    }
    pthread_sigmask(SIG_SETMASK, &previous_, nullptr);
  }

 private:
  void Watch() {
    pollfd fds[2] = {{signal_fd_, POLLIN, 0}, {stop_fd_, POLLIN, 0}};
    for (;;) {
      if (poll(fds, 2, -1) < 0) {
        if (errno == EINTR) continue;
        return;
      }
      signalfd_siginfo info;
      if ((fds[0].revents & POLLIN) != 0 &&
          read(signal_fd_, &info, sizeof info) == sizeof info) {
        Stop(static_cast<int>(info.ssi_signo));
      }
      if ((fds[1].revents & POLLIN) != 0) return;
    }
  }

  // Removes the temporary folder, then ends the process by signal `number`.
  [[noreturn]] void Stop(int number) {
    const char* by = number == SIGINT    ? "Ctrl-C (SIGINT)"
                     : number == SIGTERM ? "SIGTERM"
                                         : "SIGHUP";
    std::string note;
    if (folder_->Interrupt(&note)) {
      *err_ << "build interrupted by " << by << ": nothing was written; "
            << note << '\n';
    } else {
      // Publish or Abandon had finished: the build had said what it did.
      *err_ << "build interrupted by " << by << '\n';
    }
    err_->flush();
    std::signal(number, SIG_DFL);
    sigset_t only;
    sigemptyset(&only);
    sigaddset(&only, number);
    pthread_sigmask(SIG_UNBLOCK, &only, nullptr);
    raise(number);
    _exit(128 + number);  // were the signal ignored after all
  }

  sigset_t signals_;
  sigset_t previous_;
  OutputFolder* folder_ = nullptr;
  std::ostream* err_ = nullptr;
  int signal_fd_ = -1;
  int stop_fd_ = -1;
  std::thread thread_;
};

}  // namespace

int RunBuild(const CommandOptions& options, std::ostream& out,
             std::ostream& err) {
  auto start = std::chrono::steady_clock::now();
  EnableStageTimings(options.timings);
  std::string out_dir =
      options.out.empty() ? options.source + "/public" : options.out;
  // The output folder is checked, and the temporary folder beside it made,
  // before the build, which takes a minute on a large site: a mistyped or
  // unwritable output folder fails at once, and each page is written as
  // soon as it is rendered, so that the build never holds the whole site
  // in memory. Without a source folder there is nothing to check against:
  // the load stage then reports the missing site.yaml, as it always has.
  OutputFolder folder;
  InterruptWatch interrupts;  // ends before `folder` does
  std::error_code source_error;
  if (std::filesystem::is_directory(options.source, source_error)) {
    Diagnostics folder_diagnostics;
    if (!folder.Open(out_dir, options.source, folder_diagnostics)) {
      ReportDiagnostics(options, folder_diagnostics, out, err);
      return kExitFailure;
    }
    interrupts.Start(&folder, err);
  }
  DiskFileSystem files(options.source);
  Diagnostics diagnostics(options.strict);
  // The site, and what its pages were rendered from, are kept until the
  // process exits: freeing them one allocation at a time only delays it.
  auto kept_site = std::make_shared<Site>();
  KeepUntilExit(kept_site);
  Site& site = *kept_site;
  OutputTree output = folder.is_open() ? OutputTree(&folder) : OutputTree();
  BuildOptions build_options;
  build_options.base_url = options.base_url;
  build_options.keep_source_texts = false;
  build_options.pages.keep_until_exit = true;
  bool loaded = BuildSite(files, &site, &output, diagnostics, build_options);
  if (!loaded || diagnostics.HasErrors()) {
    // `folder` removes what was written when it goes.
    ReportDiagnostics(options, diagnostics, out, err);
    if (!loaded) return kExitFailure;
    err << "build failed: nothing was written; " << out_dir
        << " is as it was\n";
    return kExitContentErrors;
  }
  // Not strict: a leftover in the output folder is a warning, never a
  // reason to fail a build that was written.
  Diagnostics write_diagnostics;
  bool written;
  {
    StageTimer timer("write");
    written =
        output.writes_through()
            ? output.Publish(write_diagnostics)
            : WriteOutput(output, out_dir, options.source, write_diagnostics);
  }
  if (options.format == "text") {
    ReportDiagnostics(options, diagnostics, out, err);
    ReportDiagnostics(options, write_diagnostics, out, err);
  } else {
    Diagnostics all;  // not strict: each severity is already decided
    CopyDiagnostics(diagnostics, all);
    CopyDiagnostics(write_diagnostics, all);
    ReportDiagnostics(options, all, out, err);
  }
  if (options.timings) PrintStageTimings(err);
  if (!written) return kExitFailure;
  if (!options.quiet && options.format == "text") {
    auto elapsed = std::chrono::duration_cast<std::chrono::milliseconds>(
        std::chrono::steady_clock::now() - start);
    out << "Built " << site.records.size() << " records into " << output.size()
        << " files in " << out_dir;
    // Linked from the previous output rather than written again.
    if (folder.linked_count() > 0) {
      out << ", " << folder.linked_count() << " of them unchanged";
    }
    out << " (" << elapsed.count() << " ms)\n";
    // Not a warning: a site previewed from a folder needs no address.
    if (site.config.base_url.empty()) {
      out << "Note: no base_url (site.yaml or --base-url), so no sitemap.xml "
             "or Atom feeds were written: both need absolute addresses\n";
    }
  }
  return kExitOk;
}

}  // namespace scrutineer
