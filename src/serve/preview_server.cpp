#include "serve/preview_server.h"

#include <httplib.h>

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <shared_mutex>
#include <thread>
#include <utility>

namespace scrutineer {
namespace {

// Each open page holds a worker for its event stream; cpp-httplib's
// default pool of 8 would leave a preview with many tabs unable to answer.
constexpr size_t kWorkerThreads = 64;
// Workers kept for pages and files however many event streams are open: a
// stream holds its worker for as long as its tab stays open.
constexpr size_t kMaxEventStreams = kWorkerThreads - 16;
// A comment line now and then finds connections the browser has closed.
constexpr auto kKeepAliveInterval = std::chrono::seconds(10);

}  // namespace

struct PreviewServer::State {
  httplib::Server server;
  std::thread thread;
  std::mutex mutex;
  std::condition_variable published;
  std::shared_ptr<PreviewBuild> build;  // guarded by mutex
  bool stopping = false;                // guarded by mutex
  size_t event_streams = 0;             // open now; guarded by mutex
  // Held shared by each request while it reads the build, and exclusively
  // by Patch while it changes the build.
  std::shared_mutex reading;

  std::shared_ptr<PreviewBuild> Current() {
    std::lock_guard<std::mutex> lock(mutex);
    return build;
  }

  void StreamEvents(httplib::Response& response) {
    response.set_header("Cache-Control", "no-store");
    {
      std::lock_guard<std::mutex> lock(mutex);
      if (event_streams >= kMaxEventStreams) {
        // That tab reloads by hand; every tab is still answered.
        response.status = 503;
        response.set_content("Too many pages are open for live reload.\n",
                             "text/plain; charset=utf-8");
        return;
      }
      ++event_streams;
    }
    // The generation this stream last announced; none yet.
    auto announced = std::make_shared<uint64_t>(UINT64_MAX);
    auto first = std::make_shared<bool>(true);
    response.set_chunked_content_provider(
        "text/event-stream",
        [this, announced, first](size_t, httplib::DataSink& sink) {
          std::string message;
          if (*first) {
            // Reconnect soon after the preview restarts.
            message = "retry: 1000\n\n";
            *first = false;
          }
          {
            std::unique_lock<std::mutex> lock(mutex);
            published.wait_for(lock, kKeepAliveInterval, [&] {
              return stopping || build->generation != *announced;
            });
            if (stopping) return false;
            if (build->generation != *announced) {
              *announced = build->generation;
              message +=
                  "event: build\ndata: " + std::to_string(*announced) + "\n\n";
            } else {
              message += ": keep-alive\n\n";
            }
          }
          return sink.write(message.data(), message.size());
        },
        // Called when the response goes, however the stream ended.
        [this](bool) {
          std::lock_guard<std::mutex> lock(mutex);
          --event_streams;
        });
  }
};

PreviewServer::PreviewServer(std::shared_ptr<PreviewBuild> first)
    : state_(std::make_shared<State>()) {
  state_->build = std::move(first);
  State* state = state_.get();
  httplib::Server& server = state->server;
  server.new_task_queue = [] {
    return new httplib::ThreadPool(kWorkerThreads);
  };
  server.set_tcp_nodelay(true);
  // cpp-httplib's default adds SO_REUSEPORT, with which a second preview on
  // the same port starts without complaint and shares the requests.
  server.set_socket_options([](socket_t socket) {
    int yes = 1;
    setsockopt(socket, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
  });
  server.set_keep_alive_timeout(2);
  server.set_read_timeout(5);
  // cpp-httplib answers a Range request with every range asked for, each
  // with its own header: "bytes=0-,0-,0-..." in one 6 KB header made a
  // 34 MB answer for a 40 KB stylesheet. A browser asks for one range, for
  // media; more than one is refused.
  server.set_pre_routing_handler(
      [](const httplib::Request& request, httplib::Response& response) {
        if (request.ranges.size() <= 1) {
          return httplib::Server::HandlerResponse::Unhandled;
        }
        response.status = 416;
        return httplib::Server::HandlerResponse::Handled;
      });
  server.Get(".*", [state](const httplib::Request& request,
                           httplib::Response& response) {
    if (request.path == kEventsPath) {
      state->StreamEvents(response);
      return;
    }
    PreviewResponse answer;
    {
      std::shared_lock<std::shared_mutex> reading(state->reading);
      std::shared_ptr<const PreviewBuild> build = state->Current();
      answer = RespondToPreviewRequest(*build, request.target);
    }
    // A success is left for cpp-httplib to set: it answers a Range request
    // with the bytes asked for, and then the status must be 206, not 200.
    if (answer.status != 200) response.status = answer.status;
    if (!answer.location.empty()) {
      response.set_header("Location", answer.location);
    }
    // A preview must never show a page from before the last edit.
    response.set_header("Cache-Control", "no-store");
    response.set_header("X-Content-Type-Options", "nosniff");
    response.set_content(std::move(answer.body), answer.content_type.c_str());
  });
}

PreviewServer::~PreviewServer() { Stop(); }

int PreviewServer::Bind(const std::string& host, int port, std::string* error) {
  int bound = -1;
  if (port == 0) {
    bound = state_->server.bind_to_any_port(host);
  } else if (state_->server.bind_to_port(host, port)) {
    bound = port;
  }
  if (bound <= 0) {
    *error = "cannot listen on " + host + ":" + std::to_string(port) +
             " (is another server using it, or is the address not this "
             "machine's?)";
    return -1;
  }
  return bound;
}

void PreviewServer::Start() {
  State* state = state_.get();
  state->thread = std::thread([state] { state->server.listen_after_bind(); });
  // stop() does nothing to a server that is not running yet: wait until it
  // is, so that a Stop() right after Start() cannot be lost.
  for (int i = 0; i < 1000 && !state->server.is_running(); ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
}

void PreviewServer::Publish(std::shared_ptr<PreviewBuild> build) {
  std::shared_ptr<const PreviewBuild> replaced;
  {
    std::lock_guard<std::mutex> lock(state_->mutex);
    if (build->SameAs(*state_->build)) return;
    build->generation = state_->build->generation + 1;
    replaced = std::exchange(state_->build, std::move(build));
  }
  state_->published.notify_all();
  // Freeing a large build takes a while: not while requests wait for the
  // lock, nor before open pages are told to reload.
  replaced.reset();
}

std::shared_ptr<PreviewBuild> PreviewServer::Current() const {
  return state_->Current();
}

void PreviewServer::Patch(const std::shared_ptr<PreviewBuild>& build,
                          const std::function<bool(PreviewBuild*)>& patch) {
  {
    // Requests already reading the build finish first; later ones wait.
    std::unique_lock<std::shared_mutex> reading(state_->reading);
    if (build != state_->Current() || !patch(build.get())) return;
    std::lock_guard<std::mutex> lock(state_->mutex);
    ++build->generation;
  }
  state_->published.notify_all();
}

void PreviewServer::Stop() {
  {
    std::lock_guard<std::mutex> lock(state_->mutex);
    state_->stopping = true;
  }
  state_->published.notify_all();
  state_->server.stop();
  if (state_->thread.joinable()) state_->thread.join();
}

}  // namespace scrutineer
