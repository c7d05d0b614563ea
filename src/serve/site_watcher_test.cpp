#include "serve/site_watcher.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>

namespace scrutineer {
namespace {

namespace fs = std::filesystem;
using std::chrono::milliseconds;

class SiteWatcherTest : public ::testing::Test {
 protected:
  void SetUp() override {
    root_ = fs::temp_directory_path() /
            ("scrutineer-watch-" + std::to_string(std::random_device{}()));
    fs::create_directories(root_ / "content/updates");
    fs::create_directories(root_ / "templates");
    Write("site.yaml", "title: T\n");
    Write("content/updates/u.md", "---\nid: u\n---\n");
    ASSERT_EQ(pipe(wake_), 0);
  }
  void TearDown() override {
    close(wake_[0]);
    close(wake_[1]);
    fs::remove_all(root_);
  }
  void Write(const std::string& path, const std::string& text) {
    std::ofstream(root_ / path, std::ios::binary | std::ios::app) << text;
  }
  // The changes of the next wait, which must see one.
  SiteChanges Next(SiteWatcher& watcher) {
    SiteChanges changes;
    EXPECT_TRUE(watcher.WaitForChange(wake_[0], milliseconds(50),
                                      milliseconds(5), &changes));
    return changes;
  }

  fs::path root_;
  int wake_[2] = {-1, -1};
};

// Serve patches edits of content files and rebuilds for anything else: the
// watcher says which files of content/ changed, and whether anything else
// did.
TEST_F(SiteWatcherTest, NamesTheContentFilesChangedAndFlagsTheRest) {
  SiteWatcher watcher(root_.string());
  std::string error;
  ASSERT_TRUE(watcher.Start(&error)) << error;

  Write("content/updates/u.md", "More text.\n");
  SiteChanges changes = Next(watcher);
  EXPECT_EQ(changes.content_files,
            std::set<std::string>{"content/updates/u.md"});
  EXPECT_FALSE(changes.other);

  Write("content/updates/v.md", "---\nid: v\n---\n");
  Write("content/updates/u.md", "Again.\n");
  changes = Next(watcher);
  EXPECT_EQ(
      changes.content_files,
      (std::set<std::string>{"content/updates/u.md", "content/updates/v.md"}));
  EXPECT_FALSE(changes.other);

  Write("templates/layout.mustache", "{{{body}}}");
  EXPECT_TRUE(Next(watcher).other);
  Write("site.yaml", "base_url: /x/\n");
  EXPECT_TRUE(Next(watcher).other);
  fs::create_directories(root_ / "content/people");
  EXPECT_TRUE(Next(watcher).other);

  // An editor's swap file is no change: only the wake-up ends the wait.
  Write("content/updates/.u.md.swp", "x");
  ASSERT_EQ(write(wake_[1], "x", 1), 1);
  EXPECT_FALSE(watcher.WaitForChange(wake_[0], milliseconds(50),
                                     milliseconds(5), &changes));
}

}  // namespace
}  // namespace scrutineer
