#include "preview_client.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <regex>

namespace scrutineer {
namespace testing_support {
namespace {

using Clock = std::chrono::steady_clock;

}  // namespace

ServeProcess::ServeProcess(const std::filesystem::path& site,
                           std::vector<std::string> arguments,
                           const std::filesystem::path& err_file) {
  int out[2];
  if (pipe(out) != 0) return;
  pid_ = fork();
  if (pid_ == 0) {
    dup2(out[1], STDOUT_FILENO);
    int err = open(err_file.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    dup2(err, STDERR_FILENO);
    close(out[0]);
    if (chdir(site.c_str()) != 0) _exit(127);
    std::vector<std::string> all = {SCRUTINEER_BINARY, "serve"};
    all.insert(all.end(), arguments.begin(), arguments.end());
    std::vector<char*> argv;
    for (std::string& argument : all) argv.push_back(argument.data());
    argv.push_back(nullptr);
    execv(argv[0], argv.data());
    _exit(127);
  }
  close(out[1]);
  out_ = out[0];
  fcntl(out_, F_SETFL, O_NONBLOCK);
}

ServeProcess::~ServeProcess() {
  if (pid_ > 0 && exit_code_ < 0) {
    kill(pid_, SIGKILL);
    waitpid(pid_, nullptr, 0);
  }
  if (out_ >= 0) close(out_);
}

std::string ServeProcess::WaitForOutput(const std::string& pattern,
                                        std::chrono::seconds timeout) {
  std::regex regex(pattern);
  auto deadline = Clock::now() + timeout;
  while (true) {
    char buffer[4096];
    ssize_t length;
    while ((length = read(out_, buffer, sizeof buffer)) > 0) {
      output_.append(buffer, length);
    }
    std::smatch match;
    if (std::regex_search(output_, match, regex)) {
      return match.size() > 1 ? match[1].str() : match[0].str();
    }
    if (Clock::now() >= deadline) return "";
    pollfd fd{out_, POLLIN, 0};
    poll(&fd, 1, 100);
  }
}

int ServeProcess::Interrupt(std::chrono::seconds timeout) {
  kill(pid_, SIGINT);
  return Wait(timeout);
}

int ServeProcess::Wait(std::chrono::seconds timeout) {
  auto deadline = Clock::now() + timeout;
  while (Clock::now() < deadline) {
    int status = 0;
    if (waitpid(pid_, &status, WNOHANG) == pid_) {
      exit_code_ = WIFEXITED(status) ? WEXITSTATUS(status) : 128;
      return exit_code_;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return -1;
}

int ConnectLoopback(int port) {
  int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(static_cast<uint16_t>(port));
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address)) {
    close(fd);
    return -1;
  }
  timeval timeout{5, 0};
  setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
  return fd;
}

int RawStatus(int port, const std::string& target) {
  int fd = ConnectLoopback(port);
  if (fd < 0) return -1;
  std::string request = "GET " + target +
                        " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: "
                        "close\r\n\r\n";
  send(fd, request.data(), request.size(), MSG_NOSIGNAL);
  std::string response;
  char buffer[4096];
  ssize_t length;
  while ((length = recv(fd, buffer, sizeof buffer, 0)) > 0) {
    response.append(buffer, length);
  }
  close(fd);
  std::smatch match;
  if (!std::regex_search(response, match, std::regex("^HTTP/1\\.1 (\\d+)"))) {
    return -1;
  }
  return std::stoi(match[1]);
}

bool Eventually(const std::function<bool()>& done) {
  auto deadline = Clock::now() + std::chrono::seconds(10);
  while (Clock::now() < deadline) {
    if (done()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  return false;
}

EventStream::EventStream(int port) : fd_(ConnectLoopback(port)) {
  if (fd_ < 0) return;
  // Longer than the server's keep-alive interval: the stream is quiet
  // between builds.
  timeval timeout{30, 0};
  setsockopt(fd_, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
  std::string request =
      "GET /__scrutineer/events HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";
  send(fd_, request.data(), request.size(), MSG_NOSIGNAL);
  reader_ = std::thread([this] {
    char buffer[1024];
    for (;;) {
      ssize_t length = recv(fd_, buffer, sizeof buffer, 0);
      // A signal to the process (a test's child ending) may land on this
      // thread: that is no end of the stream.
      if (length < 0 && errno == EINTR) continue;
      if (length <= 0) break;
      std::lock_guard<std::mutex> lock(mutex_);
      text_.append(buffer, length);
    }
    std::lock_guard<std::mutex> lock(mutex_);
    ended_ = true;
  });
}

EventStream::~EventStream() {
  if (fd_ < 0) return;
  shutdown(fd_, SHUT_RDWR);
  reader_.join();
  close(fd_);
}

int EventStream::LastBuild() {
  std::lock_guard<std::mutex> lock(mutex_);
  int last = -1;
  std::regex event("event: build\ndata: (\\d+)\n");
  for (std::sregex_iterator it(text_.begin(), text_.end(), event), end;
       it != end; ++it) {
    last = std::stoi((*it)[1]);
  }
  return last;
}

bool EventStream::ended() {
  std::lock_guard<std::mutex> lock(mutex_);
  return ended_;
}

}  // namespace testing_support
}  // namespace scrutineer
