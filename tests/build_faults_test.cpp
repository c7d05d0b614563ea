// Faults around a real build on disk: the `scrutineer build` process killed
// at random moments, two builds at once, a full disk and a read-only one.
// In every case the output folder must hold one complete build, byte for
// byte, and nothing of ours may be left beside it once a build succeeds.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/mount.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <random>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

namespace scrutineer {
namespace {

namespace fs = std::filesystem;
using Manifest = std::map<std::string, std::string>;

std::string ReadAll(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

void WriteAll(const fs::path& path, const std::string& text) {
  fs::create_directories(path.parent_path());
  std::ofstream(path, std::ios::binary) << text;
}

// Every file under `root` and its bytes; folders as "<dir>".
Manifest Snapshot(const fs::path& root) {
  Manifest manifest;
  if (!fs::exists(root)) return manifest;
  for (const auto& entry : fs::recursive_directory_iterator(root)) {
    std::string relative = entry.path().lexically_relative(root).string();
    manifest[relative] = entry.is_directory() ? "<dir>" : ReadAll(entry.path());
  }
  return manifest;
}

// Names beside the output folder that a build of it may leave.
std::vector<std::string> Leftovers(const fs::path& out) {
  std::vector<std::string> names;
  std::string prefix = "." + out.filename().string() + ".";
  for (const auto& entry : fs::directory_iterator(out.parent_path())) {
    std::string name = entry.path().filename().string();
    if (name.compare(0, prefix.size(), prefix) == 0) names.push_back(name);
  }
  return names;
}

// Starts `scrutineer build` with stdout and stderr to `log`, and with no
// file it writes allowed past `max_file_bytes` when that is not 0.
pid_t StartBuild(const fs::path& site, const fs::path& out, const fs::path& log,
                 rlim_t max_file_bytes = 0) {
  pid_t pid = fork();
  if (pid == 0) {
    FILE* sink = freopen(log.c_str(), "w", stdout);
    if (sink == nullptr || dup2(fileno(stdout), 2) < 0) _exit(127);
    if (max_file_bytes != 0) {
      // Ignored, the signal makes write() fail with EFBIG instead.
      signal(SIGXFSZ, SIG_IGN);
      struct rlimit limit = {max_file_bytes, max_file_bytes};
      if (setrlimit(RLIMIT_FSIZE, &limit) != 0) _exit(127);
    }
    execl(SCRUTINEER_BINARY, SCRUTINEER_BINARY, "build", "--source",
          site.c_str(), "--out", out.c_str(), "--quiet",
          static_cast<char*>(nullptr));
    _exit(127);
  }
  return pid;
}

int Wait(pid_t pid) {
  int status = 0;
  waitpid(pid, &status, 0);
  return WIFEXITED(status) ? WEXITSTATUS(status) : -WTERMSIG(status);
}

class BuildFaultsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    char pattern[] = "/tmp/scrutineer-faults-XXXXXX";
    ASSERT_NE(mkdtemp(pattern), nullptr);
    scratch_ = pattern;
    out_ = scratch_ / "out" / "public";
    fs::create_directories(out_.parent_path());
  }
  void TearDown() override {
    if (mounted_) umount2(out_.parent_path().c_str(), MNT_DETACH);
    fs::remove_all(scratch_);
  }

  // A site of `people` person pages and `reviews` reviews of five
  // recommendations each, every page carrying `marker`.
  fs::path MakeSite(const std::string& name, const std::string& marker,
                    int people, int reviews) {
    fs::path site = scratch_ / name;
    fs::path repo = SCRUTINEER_SOURCE_DIR;
    fs::create_directories(site);
    fs::copy(repo / "templates", site / "templates",
             fs::copy_options::recursive);
    fs::copy(repo / "theme", site / "theme", fs::copy_options::recursive);
    WriteAll(site / "site.yaml", "title: Site " + marker + "\n");
    for (int i = 0; i < people; ++i) {
      std::string id = "person-" + std::to_string(i);
      WriteAll(site / "content/people" / (id + ".yaml"),
               "id: " + id + "\nname: Person " + std::to_string(i) + " " +
                   marker + "\n");
    }
    for (int i = 0; i < reviews; ++i) {
      std::string id = "review-" + std::to_string(i);
      std::string text = "---\nid: " + id + "\ntitle: Review " + marker +
                         "\nrecommendations:\n";
      for (int n = 1; n <= 5; ++n) {
        text += "  - number: " + std::to_string(n) + "\n    text: Do " +
                std::to_string(n) + " " + marker + "\n";
      }
      WriteAll(site / "content/reviews" / (id + ".md"),
               text + "---\n" + std::string(2000, 'x') + "\n");
    }
    return site;
  }

  // Builds `site` to completion into a folder of its own; its manifest.
  Manifest CompleteBuild(const fs::path& site) {
    fs::path out = scratch_ / ("reference-" + site.filename().string());
    EXPECT_EQ(Wait(StartBuild(site, out, scratch_ / "log")), 0)
        << ReadAll(scratch_ / "log");
    return Snapshot(out);
  }

  bool MountSmallDisk(const std::string& options) {
    if (mount("tmpfs", out_.parent_path().c_str(), "tmpfs", 0,
              options.c_str()) != 0) {
      return false;
    }
    mounted_ = true;
    return true;
  }

  fs::path scratch_;
  fs::path out_;
  bool mounted_ = false;
};

TEST_F(BuildFaultsTest, KillingABuildAtAnyMomentLeavesACompleteOutput) {
  fs::path one = MakeSite("one", "ONE", 150, 30);
  fs::path two = MakeSite("two", "TWO", 150, 30);
  const Manifest manifest_one = CompleteBuild(one);
  const Manifest manifest_two = CompleteBuild(two);
  ASSERT_GT(manifest_one.size(), 350u);
  ASSERT_NE(manifest_one, manifest_two);

  auto start = std::chrono::steady_clock::now();
  ASSERT_EQ(Wait(StartBuild(one, out_, scratch_ / "log")), 0);
  const auto build_time = std::chrono::steady_clock::now() - start;
  ASSERT_EQ(Snapshot(out_), manifest_one);

  std::mt19937 random(20240917);
  std::uniform_int_distribution<long> moment(
      0, std::chrono::duration_cast<std::chrono::microseconds>(build_time)
                 .count() *
             5 / 4);
  // Rounds until 9 builds were killed mid-way: on a busy machine the
  // reference build may have been slow, and more kills come too late (a
  // fixed 16 rounds killed only 4 with two other processes spinning).
  const int kWanted = 9;
  int killed = 0;
  for (int round = 0; round < 48 && killed < kWanted; ++round) {
    const fs::path& site = round % 2 == 0 ? two : one;
    pid_t pid = StartBuild(site, out_, scratch_ / "log");
    std::this_thread::sleep_for(std::chrono::microseconds(moment(random)));
    kill(pid, SIGKILL);
    int status = Wait(pid);
    killed += status == -SIGKILL;
    const Manifest now = Snapshot(out_);
    ASSERT_TRUE(now == manifest_one || now == manifest_two)
        << "round " << round << ": the output is not one complete build ("
        << now.size() << " entries)";
  }
  EXPECT_EQ(killed, kWanted);

  // The next build that succeeds removes what the killed ones left.
  ASSERT_EQ(Wait(StartBuild(two, out_, scratch_ / "log")), 0);
  EXPECT_EQ(Snapshot(out_), manifest_two);
  EXPECT_EQ(Leftovers(out_), std::vector<std::string>{});
}

TEST_F(BuildFaultsTest, CtrlCOrSigtermAtAnyMomentLeavesNothingBehind) {
  fs::path one = MakeSite("one", "ONE", 150, 30);
  fs::path two = MakeSite("two", "TWO", 150, 30);
  const Manifest manifest_one = CompleteBuild(one);
  const Manifest manifest_two = CompleteBuild(two);
  ASSERT_NE(manifest_one, manifest_two);

  auto start = std::chrono::steady_clock::now();
  ASSERT_EQ(Wait(StartBuild(one, out_, scratch_ / "log")), 0);
  const auto build_time = std::chrono::steady_clock::now() - start;

  // Moments from the start of the build to a little past its end, so that
  // some signals come while the new output is swapped in, or after.
  std::mt19937 random(20261126);
  std::uniform_int_distribution<long> moment(
      0, std::chrono::duration_cast<std::chrono::microseconds>(build_time)
                 .count() *
             5 / 4);
  const int kSignals[] = {SIGINT, SIGTERM, SIGHUP};
  // Rounds until 9 builds were stopped mid-way: on a busy machine the
  // reference build may have been slow, and more signals come too late.
  const int kWanted = 9;
  int interrupted = 0;
  for (int round = 0; round < 40 && interrupted < kWanted; ++round) {
    const int signal = kSignals[round % 3];
    const fs::path& site = round % 2 == 0 ? two : one;
    pid_t pid = StartBuild(site, out_, scratch_ / "log");
    std::this_thread::sleep_for(std::chrono::microseconds(moment(random)));
    kill(pid, signal);
    const int status = Wait(pid);
    const std::string log = ReadAll(scratch_ / "log");
    // Ended by the signal itself, as a shell expects of an interrupted
    // program, unless the build had ended first.
    ASSERT_TRUE(status == -signal || status == 0)
        << "round " << round << ": status " << status << "\n" << log;
    if (status == -signal) ++interrupted;
    // Nothing beside the output folder, at once: no temporary folder
    // waiting for the next build to remove it.
    EXPECT_EQ(Leftovers(out_), std::vector<std::string>{})
        << "round " << round << "\n" << log;
    const Manifest now = Snapshot(out_);
    ASSERT_TRUE(now == manifest_one || now == manifest_two)
        << "round " << round << ": the output is not one complete build ("
        << now.size() << " entries)";
    if (log.find("build interrupted") != std::string::npos &&
        log.find("nothing was written") != std::string::npos) {
      EXPECT_NE(log.find("the previous output was left as it was"),
                std::string::npos)
          << log;
    }
  }
  EXPECT_EQ(interrupted, kWanted);
}

TEST_F(BuildFaultsTest, TwoBuildsAtOnceEachLeaveACompleteOutput) {
  fs::path one = MakeSite("one", "ONE", 100, 20);
  fs::path two = MakeSite("two", "TWO", 100, 20);
  const Manifest manifest_one = CompleteBuild(one);
  const Manifest manifest_two = CompleteBuild(two);
  for (int round = 0; round < 3; ++round) {
    pid_t a = StartBuild(one, out_, scratch_ / "log-a");
    pid_t b = StartBuild(two, out_, scratch_ / "log-b");
    EXPECT_EQ(Wait(a), 0) << ReadAll(scratch_ / "log-a");
    EXPECT_EQ(Wait(b), 0) << ReadAll(scratch_ / "log-b");
    const Manifest now = Snapshot(out_);
    ASSERT_TRUE(now == manifest_one || now == manifest_two) << round;
    EXPECT_EQ(Leftovers(out_), std::vector<std::string>{});
  }
}

TEST_F(BuildFaultsTest, AFullDiskIsAClearErrorAndKeepsThePreviousOutput) {
  if (!MountSmallDisk("size=600k")) {
    GTEST_SKIP() << "cannot mount a small tmpfs here (needs root)";
  }
  fs::path small = MakeSite("small", "SMALL", 3, 1);
  fs::path big = MakeSite("big", "BIG", 200, 40);
  ASSERT_EQ(Wait(StartBuild(small, out_, scratch_ / "log")), 0)
      << ReadAll(scratch_ / "log");
  const Manifest before = Snapshot(out_);

  EXPECT_EQ(Wait(StartBuild(big, out_, scratch_ / "log")), 2);
  const std::string log = ReadAll(scratch_ / "log");
  EXPECT_NE(log.find(out_.string() + ": error: cannot write output file '"),
            std::string::npos)
      << log;
  EXPECT_NE(log.find("': No space left on device\nnote: the previous output "
                     "was left as it was"),
            std::string::npos)
      << log;
  EXPECT_EQ(Snapshot(out_), before);
  EXPECT_EQ(Leftovers(out_), std::vector<std::string>{});
}

TEST_F(BuildFaultsTest, AReadOnlyFolderIsAClearErrorAndKeepsThePreviousOutput) {
  if (!MountSmallDisk("size=4m")) {
    GTEST_SKIP() << "cannot mount a small tmpfs here (needs root)";
  }
  fs::path site = MakeSite("site", "SITE", 3, 1);
  ASSERT_EQ(Wait(StartBuild(site, out_, scratch_ / "log")), 0);
  const Manifest before = Snapshot(out_);
  ASSERT_EQ(mount(nullptr, out_.parent_path().c_str(), nullptr,
                  MS_REMOUNT | MS_RDONLY, nullptr),
            0);

  EXPECT_EQ(Wait(StartBuild(site, out_, scratch_ / "log")), 2);
  const std::string log = ReadAll(scratch_ / "log");
  EXPECT_NE(log.find(out_.string() + ": error: cannot write output: cannot "
                                     "create '"),
            std::string::npos)
      << log;
  EXPECT_NE(log.find("': Read-only file system\nnote: the previous output "
                     "was left as it was"),
            std::string::npos)
      << log;
  EXPECT_EQ(Snapshot(out_), before);
}

// The build writes each page as soon as it is rendered, into a temporary
// folder. A write that fails midway (here a page past a file size limit,
// standing in for a disk that fills up, with no root needed) names the file
// and the reason, and leaves the previous output as it was and nothing
// beside it.
TEST_F(BuildFaultsTest, AWriteFailingMidwayKeepsThePreviousOutput) {
  fs::path site = MakeSite("site", "SITE", 100, 20);
  ASSERT_EQ(Wait(StartBuild(site, out_, scratch_ / "log")), 0)
      << ReadAll(scratch_ / "log");
  const Manifest before = Snapshot(out_);
  ASSERT_GT(before.size(), 250u);
  for (const auto& [path, contents] : before) {
    ASSERT_LT(contents.size(), 100000u) << path;
  }
  // Every page is far below the limit but this review's, and those that
  // carry its text.
  WriteAll(site / "content/reviews/review-7.md",
           "---\nid: review-7\ntitle: Review BIG\n---\n" +
               std::string(300000, 'y') + "\n");

  EXPECT_EQ(Wait(StartBuild(site, out_, scratch_ / "log", 200000)), 2);
  const std::string log = ReadAll(scratch_ / "log");
  EXPECT_NE(log.find(out_.string() + ": error: cannot write output file '"),
            std::string::npos)
      << log;
  EXPECT_NE(log.find("': File too large\nnote: the previous output was left "
                     "as it was"),
            std::string::npos)
      << log;
  EXPECT_EQ(Snapshot(out_), before);
  EXPECT_EQ(Leftovers(out_), std::vector<std::string>{});
}

// Content errors are found while the pages are already being written: the
// build still leaves the previous output, and nothing beside it.
TEST_F(BuildFaultsTest, AContentErrorKeepsThePreviousOutput) {
  fs::path site = MakeSite("site", "SITE", 100, 20);
  ASSERT_EQ(Wait(StartBuild(site, out_, scratch_ / "log")), 0)
      << ReadAll(scratch_ / "log");
  const Manifest before = Snapshot(out_);
  WriteAll(site / "content/people/person-3.yaml", "id: person-3\n");

  EXPECT_EQ(Wait(StartBuild(site, out_, scratch_ / "log")), 1);
  EXPECT_NE(ReadAll(scratch_ / "log").find("build failed: nothing was written"),
            std::string::npos)
      << ReadAll(scratch_ / "log");
  EXPECT_EQ(Snapshot(out_), before);
  EXPECT_EQ(Leftovers(out_), std::vector<std::string>{});
}

}  // namespace
}  // namespace scrutineer
