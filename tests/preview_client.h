// The test side of `scrutineer serve`: the server as a child process, raw
// HTTP requests that no client library tidies up, and an open page's
// live-reload event stream. Every wait is bounded.
#ifndef SCRUTINEER_TESTS_PREVIEW_CLIENT_H_
#define SCRUTINEER_TESTS_PREVIEW_CLIENT_H_

#include <sys/types.h>

#include <chrono>
#include <filesystem>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace scrutineer {
namespace testing_support {

/// `scrutineer serve <arguments>` run in `site` as a child process, its
/// stdout read through a pipe and its stderr written to `err_file`. Killed
/// on destruction if still running.
class ServeProcess {
 public:
  ServeProcess(const std::filesystem::path& site,
               std::vector<std::string> arguments,
               const std::filesystem::path& err_file);
  ~ServeProcess();
  ServeProcess(const ServeProcess&) = delete;
  ServeProcess& operator=(const ServeProcess&) = delete;

  /// Reads stdout until `pattern` matches it, returning the first group (or
  /// the whole match); "" after `timeout`.
  std::string WaitForOutput(const std::string& pattern,
                            std::chrono::seconds timeout);
  /// Sends SIGINT and returns the exit code; -1 if the process is still
  /// running after `timeout`.
  int Interrupt(std::chrono::seconds timeout);
  /// Waits for the process to exit by itself; -1 after `timeout`.
  int Wait(std::chrono::seconds timeout);

 private:
  pid_t pid_ = -1;
  int out_ = -1;
  int exit_code_ = -1;
  std::string output_;
};

/// A TCP connection to 127.0.0.1:`port` (5 s receive timeout), or -1.
int ConnectLoopback(int port);

/// Sends "GET <target>" exactly as given and returns the status code, or
/// -1 when there is no HTTP answer.
int RawStatus(int port, const std::string& target);

/// Polls `done` every 50 ms until it holds (true) or 10 s pass (false).
bool Eventually(const std::function<bool()>& done);

/// An open tab's event stream (/__scrutineer/events), read on a thread of
/// its own until the server ends it or the object is destroyed.
class EventStream {
 public:
  explicit EventStream(int port);
  ~EventStream();
  EventStream(const EventStream&) = delete;
  EventStream& operator=(const EventStream&) = delete;

  bool connected() const { return fd_ >= 0; }
  /// The generation of the last "build" event, or -1.
  int LastBuild();
  /// True once the server has closed the stream.
  bool ended();

 private:
  int fd_;
  std::thread reader_;
  std::mutex mutex_;
  std::string text_;
  bool ended_ = false;
};

}  // namespace testing_support
}  // namespace scrutineer

#endif  // SCRUTINEER_TESTS_PREVIEW_CLIENT_H_
