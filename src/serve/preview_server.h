// The preview's HTTP server (cpp-httplib): answers requests from the build
// it was last given (preview_site.h), and streams Server-Sent Events to open
// pages so that they reload when a new build is published.
#ifndef SCRUTINEER_SERVE_PREVIEW_SERVER_H_
#define SCRUTINEER_SERVE_PREVIEW_SERVER_H_

#include <functional>
#include <memory>
#include <string>

#include "serve/preview_site.h"

namespace scrutineer {

class PreviewServer {
 public:
  /// Serves `first` until a later Publish().
  explicit PreviewServer(std::shared_ptr<PreviewBuild> first);
  /// Stops the server if it is running.
  ~PreviewServer();
  PreviewServer(const PreviewServer&) = delete;
  PreviewServer& operator=(const PreviewServer&) = delete;

  /// Binds to `host`:`port` (0: any free port). Returns the port, or -1 with
  /// the reason in `error`.
  int Bind(const std::string& host, int port, std::string* error);
  /// Serves on a thread of its own until Stop(). Precondition: Bind
  /// succeeded.
  void Start();
  /// Swaps in `build` for every later request. When it differs from the
  /// build being served, it gets the next generation and open pages reload;
  /// otherwise it is dropped. Safe to call from any thread.
  void Publish(std::shared_ptr<PreviewBuild> build);
  /// The build being served.
  std::shared_ptr<PreviewBuild> Current() const;
  /// Changes `build`, when it is the one being served, in place with
  /// `patch`, while no request reads it. When `patch` returns true (it
  /// changed something), the build gets the next generation and open pages
  /// reload. Call from the thread that publishes, and only once nothing
  /// else reads the build outside requests (its link check is stopped).
  void Patch(const std::shared_ptr<PreviewBuild>& build,
             const std::function<bool(PreviewBuild*)>& patch);
  /// Ends every event stream, stops listening and joins the server's
  /// threads. Safe to call twice.
  void Stop();

 private:
  struct State;
  std::shared_ptr<State> state_;
};

}  // namespace scrutineer

#endif  // SCRUTINEER_SERVE_PREVIEW_SERVER_H_
