#include "write/output_tree.h"

#include <gtest/gtest.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/mount.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <mutex>
#include <optional>
#include <set>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

namespace scrutineer {
namespace {

namespace fs = std::filesystem;

// Every diagnostic as printed: the headline, then "note: <hint>" if any.
std::vector<std::string> Printed(const Diagnostics& diagnostics) {
  std::vector<std::string> lines;
  for (const Diagnostic& d : diagnostics.Sorted()) {
    lines.push_back(FormatDiagnosticHeadline(d));
    if (!d.hint.empty()) lines.push_back("note: " + d.hint);
  }
  return lines;
}

std::string ReadFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

void WriteFile(const fs::path& path, const std::string& contents) {
  fs::create_directories(path.parent_path());
  std::ofstream(path, std::ios::binary) << contents;
}

// Relative path -> contents for regular files, "-> target" for symlinks and
// "<dir>" for folders, so a comparison catches anything added or lost.
std::map<std::string, std::string> Snapshot(const fs::path& root) {
  std::map<std::string, std::string> entries;
  for (const fs::directory_entry& entry :
       fs::recursive_directory_iterator(root)) {
    std::string relative = fs::relative(entry.path(), root).string();
    if (entry.is_symlink()) {
      entries[relative] = "-> " + fs::read_symlink(entry.path()).string();
    } else if (entry.is_directory()) {
      entries[relative] = "<dir>";
    } else {
      entries[relative] = ReadFile(entry.path());
    }
  }
  return entries;
}

std::set<std::string> Names(const fs::path& folder) {
  std::set<std::string> names;
  for (const fs::directory_entry& entry : fs::directory_iterator(folder)) {
    names.insert(entry.path().filename().string());
  }
  return names;
}

OutputTree SampleTree() {
  OutputTree tree;
  tree.Add("index.html", "<h1>Scrutiny</h1>\n");
  tree.Add("reviews/r-2024-07/index.html", "<p>review</p>\n");
  tree.Add("assets/css/site.css", "body { margin: 0 }\n");
  tree.Add("feed.bin", std::string("a\0b\xff", 4));
  tree.Add("big.txt", std::string(1 << 20, 'x'));
  return tree;
}

std::map<std::string, std::string> ExpectedSnapshot(const OutputTree& tree) {
  std::map<std::string, std::string> entries;
  entries[kOutputMarker] = kOutputMarkerText;
  for (const auto& [path, contents] : tree.files()) {
    entries[path] = contents;
    for (size_t slash = path.find('/'); slash != std::string::npos;
         slash = path.find('/', slash + 1)) {
      entries[path.substr(0, slash)] = "<dir>";
    }
  }
  return entries;
}

class WriteOutputTest : public ::testing::Test {
 protected:
  void SetUp() override {
    char pattern[] = "/tmp/scrutineer-write-test-XXXXXX";
    ASSERT_NE(mkdtemp(pattern), nullptr);
    // Canonical, so expected messages match what WriteOutput resolves.
    root_ = fs::canonical(pattern).string();
    site_ = root_ + "/site";
    out_ = site_ + "/public";
    fs::create_directories(site_ + "/content");
    WriteFile(site_ + "/site.yaml", "title: Scrutiny\n");
    if (const char* home = getenv("HOME")) saved_home_ = home;
    old_umask_ = umask(022);
  }

  void TearDown() override {
    umask(old_umask_);
    if (saved_home_) {
      setenv("HOME", saved_home_->c_str(), 1);
    } else {
      unsetenv("HOME");
    }
    std::error_code ignored;
    fs::remove_all(root_, ignored);
  }

  // Expects WriteOutput to refuse `out_dir` with exactly `message` and the
  // usual hint, without creating or changing anything.
  void ExpectRefused(const std::string& out_dir, const std::string& message) {
    SCOPED_TRACE(out_dir);
    auto before = Snapshot(root_);
    Diagnostics diagnostics;
    EXPECT_FALSE(WriteOutput(SampleTree(), out_dir, site_, diagnostics));
    EXPECT_EQ(Printed(diagnostics),
              (std::vector<std::string>{
                  out_dir + ": error: " + message,
                  "note: the output folder is deleted and replaced on every "
                  "build; choose a dedicated folder such as 'public'"}));
    EXPECT_EQ(Snapshot(root_), before);
  }

  // Expects `error` reported with the note that the output was kept, the
  // output folder as `before`, and nothing of the build beside it.
  void ExpectKeptAsItWas(const Diagnostics& diagnostics,
                         const std::string& error,
                         const std::map<std::string, std::string>& before) {
    EXPECT_EQ(Printed(diagnostics),
              (std::vector<std::string>{
                  out_ + ": error: " + error,
                  "note: the previous output was left as it was"}));
    EXPECT_EQ(Snapshot(out_), before);
    EXPECT_EQ(Names(site_),
              (std::set<std::string>{"content", "public", "site.yaml"}));
  }

  std::string root_;
  std::string site_;
  std::string out_;
  std::optional<std::string> saved_home_;
  mode_t old_umask_ = 0;
};

TEST(OutputTreeTest, AddReplacesSaysSoAndFindLooksUp) {
  OutputTree tree;
  EXPECT_TRUE(tree.Add("index.html", "old"));
  EXPECT_FALSE(tree.Add("index.html", "new"));
  EXPECT_TRUE(tree.Add("a/b.html", "b"));
  EXPECT_EQ(tree.size(), 2u);
  ASSERT_NE(tree.Find("index.html"), nullptr);
  EXPECT_EQ(*tree.Find("index.html"), "new");
  EXPECT_EQ(tree.Find("missing.html"), nullptr);
}

// AddView keeps a copy in memory: the caller's buffer is used again.
TEST(OutputTreeTest, AddViewCopiesTheBytesItIsGiven) {
  OutputTree tree;
  std::string buffer = "first page";
  EXPECT_TRUE(tree.AddView("a/index.html", buffer));
  buffer = "second page";
  EXPECT_FALSE(tree.AddView("a/index.html", buffer));
  buffer = "clobbered";
  ASSERT_NE(tree.Find("a/index.html"), nullptr);
  EXPECT_EQ(*tree.Find("a/index.html"), "second page");
}

// AddPieces keeps the pieces joined, in order, and clashes as Add does.
TEST(OutputTreeTest, AddPiecesJoinsThePiecesInOrder) {
  OutputTree tree;
  EXPECT_TRUE(
      tree.AddPieces("data/a.json", {"{\"records\":[", "1,", "2", "]}"}));
  EXPECT_TRUE(tree.AddPieces("data/empty.csv", {}));
  EXPECT_FALSE(tree.AddPieces("data/a.json", {"[]", ""}));
  ASSERT_NE(tree.Find("data/a.json"), nullptr);
  EXPECT_EQ(*tree.Find("data/a.json"), "[]");
  ASSERT_NE(tree.Find("data/empty.csv"), nullptr);
  EXPECT_EQ(*tree.Find("data/empty.csv"), "");
}

// A deferred file is made once, by whichever reader comes first, and is
// then like any other; Add and AddDeferred replace each other, saying so.
TEST(OutputTreeTest, MakesADeferredFileOnceWhenFirstRead) {
  OutputTree tree;
  std::atomic<int> made{0};
  auto page = [&made](std::string html) {
    return [&made, html] {
      ++made;
      return html;
    };
  };
  EXPECT_TRUE(tree.AddDeferred("index.html", page("home")));
  EXPECT_TRUE(tree.AddDeferred("a/index.html", page("a")));
  EXPECT_TRUE(tree.Add("site.css", "p{}"));
  EXPECT_EQ(tree.size(), 3u);
  EXPECT_EQ(tree.Paths(), (std::vector<std::string>{"a/index.html",
                                                    "index.html", "site.css"}));
  EXPECT_EQ(made, 0);

  std::vector<std::thread> readers;
  for (int i = 0; i < 8; ++i) {
    readers.emplace_back(
        [&tree] { EXPECT_EQ(*tree.Find("index.html"), "home"); });
  }
  for (std::thread& reader : readers) reader.join();
  EXPECT_EQ(made, 1);
  EXPECT_EQ(*tree.Find("a/index.html"), "a");
  EXPECT_EQ(made, 2);
  EXPECT_EQ(tree.files().at("a/index.html"), "a");
  EXPECT_EQ(*tree.Find("a/index.html"), "a");
  EXPECT_EQ(made, 2);

  EXPECT_FALSE(tree.AddDeferred("site.css", page("deferred")));
  EXPECT_EQ(*tree.Find("site.css"), "deferred");
  EXPECT_FALSE(tree.Add("index.html", "eager"));
  EXPECT_EQ(*tree.Find("index.html"), "eager");
  EXPECT_EQ(made, 3);
}

// Serve's patch: what was made is handed back and made again, by the same
// function, when next read; what was not made yet is left as it is.
TEST(OutputTreeTest, ForgetsWhatWasMadeAndMakesItAgain) {
  OutputTree tree;
  int version = 1;
  std::atomic<int> made{0};
  tree.AddDeferred("a/index.html", [&] {
    ++made;
    return "a" + std::to_string(version);
  });
  tree.AddDeferred("b/index.html", [&] {
    ++made;
    return "b" + std::to_string(version);
  });
  tree.Add("site.css", "p{}");
  EXPECT_EQ(*tree.Find("a/index.html"), "a1");
  version = 2;
  std::vector<std::string> forgotten;
  tree.ForgetMade(&forgotten);
  EXPECT_EQ(forgotten, std::vector<std::string>{"a1"});
  EXPECT_EQ(*tree.Find("a/index.html"), "a2");
  EXPECT_EQ(*tree.Find("b/index.html"), "b2");
  EXPECT_EQ(*tree.Find("site.css"), "p{}");
  EXPECT_EQ(made, 3);
  EXPECT_EQ(*tree.Find("a/index.html"), "a2");
  EXPECT_EQ(made, 3);
}

// ReadEach makes the deepest paths first (records' pages, each quick), and
// the site-wide files, each a long job, last.
TEST(OutputTreeTest, MakesTheDeepestFilesFirst) {
  OutputTree tree;
  std::mutex mutex;
  std::vector<std::string> order;
  for (const char* path :
       {"index.html", "feeds/all.atom", "reviews/r/index.html",
        "tracker/index.html", "recommendations/r/r1/index.html"}) {
    tree.AddDeferred(path, [&mutex, &order, path] {
      std::lock_guard<std::mutex> lock(mutex);
      order.push_back(path);
      return std::string(path);
    });
  }
  // So few files are made on one thread (kMinItemsPerThread), in order.
  EXPECT_TRUE(tree.ReadEach([](const std::string&, std::string_view) {}));
  EXPECT_EQ(order,
            (std::vector<std::string>{"recommendations/r/r1/index.html",
                                      "reviews/r/index.html", "feeds/all.atom",
                                      "tracker/index.html", "index.html"}));
}

// ReadEach reads every file once, the deepest first; a deferred file no
// reader has made is made for it alone and not kept, and one made already
// is read as it is.
TEST(OutputTreeTest, ReadsEachFileAndKeepsNoneItMade) {
  OutputTree tree;
  std::atomic<int> made{0};
  for (const char* path : {"index.html", "reviews/r/index.html"}) {
    tree.AddDeferred(path, [&made, path] {
      ++made;
      return "made " + std::string(path);
    });
  }
  tree.Add("site.css", "p{}");
  EXPECT_EQ(*tree.Find("index.html"), "made index.html");
  EXPECT_EQ(made, 1);
  std::vector<std::string> read;
  EXPECT_TRUE(
      tree.ReadEach([&read](const std::string& path, std::string_view bytes) {
        read.push_back(path + ": " + std::string(bytes));
      }));
  // So few files are read on one thread (kMinItemsPerThread), in order.
  EXPECT_EQ(read, (std::vector<std::string>{
                      "reviews/r/index.html: made reviews/r/index.html",
                      "index.html: made index.html", "site.css: p{}"}));
  EXPECT_EQ(made, 2);
  // Not kept: the next reader makes it again, and keeps it.
  EXPECT_EQ(*tree.Find("reviews/r/index.html"), "made reviews/r/index.html");
  EXPECT_EQ(made, 3);
  std::atomic<bool> stop{true};
  EXPECT_FALSE(tree.ReadEach(
      [](const std::string&, std::string_view) { ADD_FAILURE(); }, &stop));
}

// Deferred files are not made to be compared; the rest are compared.
TEST(OutputTreeTest, ComparesTheFilesThatAreNotDeferred) {
  auto build = [](const std::string& css) {
    OutputTree tree;
    tree.AddDeferred("index.html", [] { return std::string("home"); });
    tree.Add("site.css", css);
    return tree;
  };
  OutputTree a = build("p{}");
  OutputTree b = build("p{}");
  a.Find("index.html");
  EXPECT_TRUE(a.SameEagerFiles(b));
  EXPECT_FALSE(a.SameEagerFiles(build("b{}")));
  OutputTree c = build("p{}");
  c.Add("more.css", "");
  EXPECT_FALSE(a.SameEagerFiles(c));
}

#ifndef NDEBUG
TEST(OutputTreeDeathTest, AddAssertsSafePath) {
  OutputTree tree;
  EXPECT_DEATH(tree.Add("../escape.html", "x"), "IsSafeOutputPath");
}
#endif

TEST(OutputTreeTest, IsSafeOutputPath) {
  struct Case {
    std::string path;
    bool safe;
  };
  const std::string segment255(255, 's');
  std::string longest;  // 4095 bytes: sixteen 255-byte segments
  for (int i = 0; i < 15; ++i) longest += segment255 + "/";
  longest += segment255;
  const std::vector<Case> cases = {
      {"index.html", true},
      {"reviews/r-2024-07/index.html", true},
      {".well-known/security.txt", true},
      {"..hidden/x", true},
      {"a/...", true},
      {"caf\xc3\xa9/menu.html", true},
      {"with space.html", true},
      {segment255, true},
      {longest, true},
      {"", false},
      {"/", false},
      {"/etc/passwd", false},
      {"a//b", false},
      {"a/", false},
      {".", false},
      {"..", false},
      {"./a", false},
      {"a/./b", false},
      {"../a", false},
      {"a/../b", false},
      {"a/..", false},
      {"a\\b", false},
      {"..\\a", false},
      {std::string("a\0b", 3), false},
      {"a\nb", false},
      {"a\tb", false},
      {"a\x1f", false},
      {"a\x7f", false},
      {segment255 + "s", false},
      {longest.substr(1) + "/t", false},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(IsSafeOutputPath(c.path), c.safe) << "path: '" << c.path << "'";
  }
}

TEST_F(WriteOutputTest, WritesTreeAndReadsItBack) {
  OutputTree tree = SampleTree();
  Diagnostics diagnostics;
  ASSERT_TRUE(WriteOutput(tree, out_, site_, diagnostics));
  EXPECT_TRUE(Printed(diagnostics).empty());
  EXPECT_EQ(Snapshot(out_), ExpectedSnapshot(tree));

  struct stat info;
  ASSERT_EQ(stat((out_ + "/index.html").c_str(), &info), 0);
  EXPECT_EQ(info.st_mode & 07777, 0644u);
  ASSERT_EQ(stat((out_ + "/reviews/r-2024-07").c_str(), &info), 0);
  EXPECT_EQ(info.st_mode & 07777, 0755u);
  EXPECT_EQ(Names(site_),
            (std::set<std::string>{"content", "public", "site.yaml"}));
}

// Builds killed mid-way leave their temporary folders; the next build that
// succeeds removes those of processes that are gone, and nothing else.
TEST_F(WriteOutputTest, RemovesWhatKilledBuildsLeftAndNothingElse) {
  pid_t child = fork();
  if (child == 0) _exit(0);
  ASSERT_EQ(waitpid(child, nullptr, 0), child);
  const std::string dead = std::to_string(child);
  const std::string live = std::to_string(getppid());
  WriteFile(site_ + "/.public.tmp-" + dead + "-0/index.html", "half");
  WriteFile(site_ + "/.public.old-" + dead + "-7/index.html", "old");
  WriteFile(site_ + "/.public.tmp-" + live + "-0/index.html", "running");
  WriteFile(site_ + "/.public.tmp-notes/keep.txt", "not a build's");
  WriteFile(site_ + "/.other.tmp-" + dead + "-0/keep.txt", "another output's");
  WriteFile(site_ + "/.public.tmp-" + dead + "-1", "a file, not a folder");
  WriteFile(root_ + "/elsewhere/keep.txt", "behind a link");
  fs::create_directory_symlink(root_ + "/elsewhere",
                               site_ + "/.public.tmp-" + dead + "-2");

  Diagnostics diagnostics;
  ASSERT_TRUE(WriteOutput(SampleTree(), out_, site_, diagnostics));
  EXPECT_EQ(Names(site_),
            (std::set<std::string>{
                "content", "public", "site.yaml", ".public.tmp-" + live + "-0",
                ".public.tmp-notes", ".other.tmp-" + dead + "-0",
                ".public.tmp-" + dead + "-1", ".public.tmp-" + dead + "-2"}));
  EXPECT_EQ(ReadFile(root_ + "/elsewhere/keep.txt"), "behind a link");
}

// The temporary folder's name adds to the output's; a name near the
// system's limit of 255 bytes must still have room.
TEST_F(WriteOutputTest, WritesAnOutputWhoseNameIsAsLongAsAllowed) {
  const std::string name =
      std::string(200, 'p') + "\xc3\xa9" + std::string(53, 'q');  // 255 bytes
  const std::string out = root_ + "/" + name;
  OutputTree tree = SampleTree();
  for (int build = 0; build < 2; ++build) {
    Diagnostics diagnostics;
    ASSERT_TRUE(WriteOutput(tree, out, site_, diagnostics))
        << Printed(diagnostics).front();
  }
  EXPECT_EQ(Snapshot(out), ExpectedSnapshot(tree));
  EXPECT_EQ(Names(root_), (std::set<std::string>{"site", name}));
}

TEST_F(WriteOutputTest, WritesEmptyTreeAsAFolderWithOnlyTheMarker) {
  Diagnostics diagnostics;
  ASSERT_TRUE(WriteOutput(OutputTree(), out_, site_, diagnostics));
  EXPECT_TRUE(fs::is_directory(out_));
  EXPECT_EQ(
      Snapshot(out_),
      (std::map<std::string, std::string>{{kOutputMarker, kOutputMarkerText}}));
}

TEST_F(WriteOutputTest, AcceptsTrailingSlashAndSiblingOfSource) {
  std::string sibling = root_ + "/public";
  Diagnostics diagnostics;
  ASSERT_TRUE(WriteOutput(SampleTree(), sibling + "/", site_, diagnostics));
  EXPECT_EQ(Snapshot(sibling), ExpectedSnapshot(SampleTree()));
  ASSERT_TRUE(WriteOutput(SampleTree(), sibling + "//", site_, diagnostics));
  EXPECT_EQ(Snapshot(sibling), ExpectedSnapshot(SampleTree()));
  EXPECT_TRUE(Printed(diagnostics).empty());
}

TEST_F(WriteOutputTest, ReplacesOnlyAFolderThatIsEmptyOrABuilds) {
  // A docs/ folder beside content/, or the folder the command ran in:
  // replacing it would delete the user's own files.
  const std::string docs = site_ + "/docs";
  WriteFile(docs + "/manual.md", "the only copy");
  Diagnostics diagnostics;
  EXPECT_FALSE(WriteOutput(SampleTree(), docs, site_, diagnostics));
  EXPECT_EQ(Printed(diagnostics),
            (std::vector<std::string>{
                docs + ": error: refusing to replace '" + docs +
                    "': it holds files that no Scrutineer build wrote (it "
                    "has no .scrutineer-output)",
                "note: a build deletes and replaces its whole output folder; "
                "choose a new or empty folder such as 'public', or move those "
                "files away first"}));
  EXPECT_EQ(
      Snapshot(docs),
      (std::map<std::string, std::string>{{"manual.md", "the only copy"}}));
  EXPECT_EQ(Names(site_),
            (std::set<std::string>{"content", "docs", "site.yaml"}));

  // An empty folder, and an output written before there was a marker
  // (its index.html names Scrutineer as its generator), are replaced.
  const std::string empty = site_ + "/empty";
  fs::create_directories(empty);
  Diagnostics quiet;
  EXPECT_TRUE(WriteOutput(SampleTree(), empty, site_, quiet));
  EXPECT_EQ(Snapshot(empty), ExpectedSnapshot(SampleTree()));
  WriteFile(out_ + "/index.html",
            "<!DOCTYPE html>\n<meta name=\"generator\" content=\"Scrutineer "
            "0.1.0\">\n");
  EXPECT_TRUE(WriteOutput(SampleTree(), out_, site_, quiet));
  EXPECT_EQ(Snapshot(out_), ExpectedSnapshot(SampleTree()));
  EXPECT_TRUE(Printed(quiet).empty());
}

TEST_F(WriteOutputTest, ReplacesPreviousOutputCompletely) {
  WriteFile(out_ + "/" + kOutputMarker, kOutputMarkerText);
  WriteFile(out_ + "/stale.html", "stale");
  WriteFile(out_ + "/old/deep/page.html", "old");
  WriteFile(out_ + "/index.html", "previous index");
  // Removing the old tree must delete the link, not what it points to.
  WriteFile(root_ + "/outside/keep.txt", "keep me");
  fs::create_directory_symlink(root_ + "/outside", out_ + "/link-to-outside");
  fs::create_symlink(root_ + "/outside/keep.txt", out_ + "/old/link-to-file");

  OutputTree tree = SampleTree();
  Diagnostics diagnostics;
  ASSERT_TRUE(WriteOutput(tree, out_, site_, diagnostics));
  EXPECT_TRUE(Printed(diagnostics).empty());
  EXPECT_EQ(Snapshot(out_), ExpectedSnapshot(tree));
  EXPECT_EQ(ReadFile(root_ + "/outside/keep.txt"), "keep me");
  EXPECT_EQ(Names(site_),
            (std::set<std::string>{"content", "public", "site.yaml"}));
}

ino_t InodeOf(const std::string& path) {
  struct stat info;
  return lstat(path.c_str(), &info) == 0 ? info.st_ino : 0;
}

// A rebuild links each file that the previous output holds unchanged, and
// writes every other one: changed, edited by hand, linked from elsewhere,
// or reached through a link planted in the previous output.
TEST_F(WriteOutputTest, LinksOnlyTrulyUnchangedFilesFromThePreviousOutput) {
  Diagnostics first;
  ASSERT_TRUE(WriteOutput(SampleTree(), out_, site_, first));
  const ino_t big = InodeOf(out_ + "/big.txt");
  const ino_t index = InodeOf(out_ + "/index.html");
  // Edited by hand, keeping its size.
  WriteFile(out_ + "/assets/css/site.css", "body { margin: 9 }\n");
  const ino_t css = InodeOf(out_ + "/assets/css/site.css");
  // Linked from elsewhere too.
  fs::create_hard_link(out_ + "/feed.bin", root_ + "/elsewhere.bin");
  // A folder replaced by a link to an outside copy of the same page.
  WriteFile(root_ + "/outside/r-2024-07/index.html", "<p>review</p>\n");
  fs::remove_all(out_ + "/reviews");
  fs::create_directory_symlink(root_ + "/outside", out_ + "/reviews");

  OutputTree tree = SampleTree();
  tree.Add("index.html", "<h1>Scrutiny, again</h1>\n");
  Diagnostics second;
  ASSERT_TRUE(WriteOutput(tree, out_, site_, second));
  EXPECT_TRUE(Printed(second).empty());
  EXPECT_EQ(Snapshot(out_), ExpectedSnapshot(tree));
  struct stat info;
  ASSERT_EQ(stat((out_ + "/big.txt").c_str(), &info), 0);
  EXPECT_EQ(info.st_ino, big);  // linked: the same file
  EXPECT_EQ(info.st_nlink, 1u);
  EXPECT_NE(InodeOf(out_ + "/index.html"), index);
  EXPECT_NE(InodeOf(out_ + "/assets/css/site.css"), css);
  EXPECT_NE(InodeOf(out_ + "/feed.bin"), InodeOf(root_ + "/elsewhere.bin"));
  EXPECT_NE(InodeOf(out_ + "/reviews/r-2024-07/index.html"),
            InodeOf(root_ + "/outside/r-2024-07/index.html"));
  EXPECT_EQ(ReadFile(root_ + "/outside/r-2024-07/index.html"),
            "<p>review</p>\n");
  EXPECT_EQ(ReadFile(root_ + "/elsewhere.bin"), std::string("a\0b\xff", 4));
}

TEST_F(WriteOutputTest, FailedWriteLeavesPreviousOutputAsItWas) {
  WriteFile(out_ + "/" + kOutputMarker, kOutputMarkerText);
  WriteFile(out_ + "/index.html", "previous index");
  WriteFile(out_ + "/reviews/r-1/index.html", "previous review");
  auto before = Snapshot(out_);

  OutputTree tree;
  tree.Add("index.html", "new index");
  tree.Add("a", "a file");
  tree.Add("a/b", "needs 'a' to be a folder");
  tree.Add("z.html", "never reached");
  Diagnostics diagnostics;
  EXPECT_FALSE(WriteOutput(tree, out_, site_, diagnostics));
  EXPECT_EQ(Printed(diagnostics),
            (std::vector<std::string>{
                out_ + ": error: cannot write output file 'a/b': Not a "
                       "directory",
                "note: the previous output was left as it was"}));
  EXPECT_EQ(Snapshot(out_), before);
  EXPECT_EQ(Names(site_),
            (std::set<std::string>{"content", "public", "site.yaml"}));
}

// A Docker volume or CI cache mounted at the output folder cannot be
// swapped: the error says so, and what to do. Needs the right to mount.
TEST_F(WriteOutputTest, AMountPointIsExplainedWhenItCannotBeSwapped) {
  fs::create_directories(out_);
  if (geteuid() != 0 ||
      mount("tmpfs", out_.c_str(), "tmpfs", 0, "size=1m") != 0) {
    GTEST_SKIP() << "cannot mount a tmpfs here";
  }
  Diagnostics diagnostics;
  const bool written = WriteOutput(SampleTree(), out_, site_, diagnostics);
  const std::vector<std::string> printed = Printed(diagnostics);
  umount(out_.c_str());
  EXPECT_FALSE(written);
  ASSERT_EQ(printed.size(), 2u);
  EXPECT_EQ(printed[0], out_ +
                            ": error: cannot write output: cannot move the "
                            "new output into place: Device or resource busy");
  EXPECT_NE(printed[1].find("the output folder is a mount point"),
            std::string::npos);
  EXPECT_NE(printed[1].find("--out " + out_ + "/site"), std::string::npos);
  EXPECT_EQ(Names(site_),
            (std::set<std::string>{"content", "public", "site.yaml"}));
}

TEST_F(WriteOutputTest, FailedFirstWriteCreatesNothing) {
  OutputTree tree;
  tree.Add("a", "a file");
  tree.Add("a/b", "needs 'a' to be a folder");
  Diagnostics diagnostics;
  EXPECT_FALSE(WriteOutput(tree, out_, site_, diagnostics));
  EXPECT_EQ(Printed(diagnostics),
            (std::vector<std::string>{
                out_ + ": error: cannot write output file 'a/b': Not a "
                       "directory",
                "note: no output folder was created"}));
  EXPECT_EQ(Names(site_), (std::set<std::string>{"content", "site.yaml"}));
}

TEST_F(WriteOutputTest, ReportsSystemReasonWhenAFileCannotBeWritten) {
  WriteFile(out_ + "/" + kOutputMarker, kOutputMarkerText);
  WriteFile(out_ + "/index.html", "previous index");
  auto before = Snapshot(out_);
  // A file size limit makes write() stop short and then fail with EFBIG,
  // standing in for a full disk.
  struct rlimit old_limit;
  ASSERT_EQ(getrlimit(RLIMIT_FSIZE, &old_limit), 0);
  struct rlimit limit = old_limit;
  limit.rlim_cur = 4096;
  sighandler_t old_handler = signal(SIGXFSZ, SIG_IGN);
  ASSERT_EQ(setrlimit(RLIMIT_FSIZE, &limit), 0);
  Diagnostics diagnostics;
  bool written = WriteOutput(SampleTree(), out_, site_, diagnostics);
  setrlimit(RLIMIT_FSIZE, &old_limit);
  signal(SIGXFSZ, old_handler);

  EXPECT_FALSE(written);
  EXPECT_EQ(Printed(diagnostics),
            (std::vector<std::string>{
                out_ + ": error: cannot write output file 'big.txt': File "
                       "too large",
                "note: the previous output was left as it was"}));
  EXPECT_EQ(Snapshot(out_), before);
  EXPECT_EQ(Names(site_),
            (std::set<std::string>{"content", "public", "site.yaml"}));
}

TEST_F(WriteOutputTest, RefusesRootFolder) {
  ExpectRefused("/", "refusing to use '/' as the output folder");
  ExpectRefused(root_ + "/../../../..",
                "refusing to use '/' as the output folder");
}

TEST_F(WriteOutputTest, RefusesHomeFolderAndFoldersHoldingIt) {
  std::string home = root_ + "/home/someone";
  fs::create_directories(home);
  setenv("HOME", home.c_str(), 1);
  ExpectRefused(home, "refusing to use your home folder '" + home +
                          "' as the output folder");
  ExpectRefused(home + "/", "refusing to use your home folder '" + home +
                                "' as the output folder");
  ExpectRefused(root_ + "/home",
                "refusing to use '" + root_ + "/home' as the output folder: " +
                    "it contains your home folder '" + home + "'");
  // A folder inside home is fine.
  Diagnostics diagnostics;
  EXPECT_TRUE(WriteOutput(SampleTree(), home + "/public", site_, diagnostics));
}

TEST_F(WriteOutputTest, RefusesSourceFolderAndFoldersHoldingIt) {
  ExpectRefused(site_, "refusing to use the source folder '" + site_ +
                           "' as the output folder");
  ExpectRefused(site_ + "/content/..", "refusing to use the source folder '" +
                                           site_ + "' as the output folder");
  const std::string holds_source =
      "refusing to use '" + root_ +
      "' as the output folder: " + "it contains the source folder '" + site_ +
      "'";
  ExpectRefused(root_, holds_source);
  ExpectRefused(site_ + "/..", holds_source);
}

TEST_F(WriteOutputTest, RefusesTheFoldersTheBuildReadsAndHiddenOnes) {
  WriteFile(site_ + "/content/people/p.yaml", "id: p\n");
  WriteFile(site_ + "/templates/layout.mustache", "{{{content}}}");
  WriteFile(root_ + "/shared-theme/site.css", "body {}");
  fs::create_directory_symlink(root_ + "/shared-theme", site_ + "/theme");
  WriteFile(site_ + "/.git/HEAD", "ref: refs/heads/main\n");
  ExpectRefused(site_ + "/content",
                "refusing to use '" + site_ +
                    "/content' as the output folder: it is the site's content "
                    "folder '" +
                    site_ + "/content', which the build reads");
  ExpectRefused(site_ + "/content/people",
                "refusing to use '" + site_ +
                    "/content/people' as the output folder: it is inside the "
                    "site's content folder '" +
                    site_ + "/content', which the build reads");
  ExpectRefused(site_ + "/templates",
                "refusing to use '" + site_ +
                    "/templates' as the output folder: it is the site's "
                    "templates folder '" +
                    site_ + "/templates', which the build reads");
  // Named by where the symlink leads, as well as through it.
  const std::string theme = "refusing to use '" + root_ +
                            "/shared-theme' as the output folder: it is the "
                            "site's theme folder '" +
                            root_ + "/shared-theme', which the build reads";
  ExpectRefused(root_ + "/shared-theme", theme);
  ExpectRefused(site_ + "/.git",
                "refusing to use '" + site_ +
                    "/.git' as the output folder: it is in the hidden folder "
                    "'.git' of the source folder");
  ExpectRefused(site_ + "/.git/out",
                "refusing to use '" + site_ +
                    "/.git/out' as the output folder: it is in the hidden "
                    "folder '.git' of the source folder");
  // A folder of the source that is none of these is still fine.
  Diagnostics diagnostics;
  EXPECT_TRUE(WriteOutput(SampleTree(), site_ + "/public", site_, diagnostics));
  EXPECT_EQ(ReadFile(site_ + "/content/people/p.yaml"), "id: p\n");
}

TEST_F(WriteOutputTest, RefusesSymlinkedOutputFolder) {
  fs::create_directories(root_ + "/real");
  WriteFile(root_ + "/real/keep.html", "keep");
  std::string link = root_ + "/public";
  fs::create_directory_symlink(root_ + "/real", link);
  for (const std::string& out_dir : {link, link + "/"}) {
    Diagnostics diagnostics;
    EXPECT_FALSE(WriteOutput(SampleTree(), out_dir, site_, diagnostics));
    EXPECT_EQ(Printed(diagnostics),
              (std::vector<std::string>{
                  out_dir + ": error: cannot write output: the output folder "
                            "is a symbolic link",
                  "note: give the folder it points to instead; the build "
                  "would replace the link with a folder"}));
  }
  EXPECT_TRUE(fs::is_symlink(link));
  EXPECT_EQ(Names(root_ + "/real"), (std::set<std::string>{"keep.html"}));
  EXPECT_EQ(Names(root_), (std::set<std::string>{"public", "real", "site"}));
}

TEST_F(WriteOutputTest, RefusesOutputPathThatIsAFile) {
  WriteFile(out_, "not a folder");
  Diagnostics diagnostics;
  EXPECT_FALSE(WriteOutput(SampleTree(), out_, site_, diagnostics));
  EXPECT_EQ(Printed(diagnostics),
            (std::vector<std::string>{
                out_ + ": error: cannot write output: the output folder "
                       "exists and is not a folder",
                "note: move that file away, or choose another output "
                "folder"}));
  EXPECT_EQ(ReadFile(out_), "not a folder");
}

TEST_F(WriteOutputTest, RefusesMissingParentFolder) {
  std::string out_dir = root_ + "/missing/public";
  Diagnostics diagnostics;
  EXPECT_FALSE(WriteOutput(SampleTree(), out_dir, site_, diagnostics));
  EXPECT_EQ(Printed(diagnostics),
            (std::vector<std::string>{
                out_dir + ": error: cannot write output: parent folder '" +
                    root_ + "/missing' does not exist",
                "note: create it first, or choose another output folder"}));
  EXPECT_FALSE(fs::exists(root_ + "/missing"));
}

TEST_F(WriteOutputTest, ConcurrentBuildsEachLeaveOneWholeTree) {
  OutputTree first;
  first.Add("index.html", "first");
  first.Add("only-first/page.html", std::string(100000, '1'));
  OutputTree second;
  second.Add("index.html", "second");
  second.Add("only-second/page.html", std::string(100000, '2'));

  auto build = [&](const OutputTree& tree, bool* ok) {
    for (int i = 0; i < 25; ++i) {
      Diagnostics diagnostics;
      if (!WriteOutput(tree, out_, site_, diagnostics)) *ok = false;
    }
  };
  bool first_ok = true;
  bool second_ok = true;
  std::thread a(build, std::cref(first), &first_ok);
  std::thread b(build, std::cref(second), &second_ok);
  a.join();
  b.join();
  EXPECT_TRUE(first_ok);
  EXPECT_TRUE(second_ok);
  auto result = Snapshot(out_);
  EXPECT_TRUE(result == ExpectedSnapshot(first) ||
              result == ExpectedSnapshot(second));
  EXPECT_EQ(Names(site_),
            (std::set<std::string>{"content", "public", "site.yaml"}));
}

// Large trees are written and removed by several threads (output_tree.cpp):
// the output must be the same, and removing the previous output must still
// unlink symlinks, at any depth, without following them.
TEST_F(WriteOutputTest, WritesAndReplacesLargeTreesWithSeveralThreads) {
  auto large_tree = [](const std::string& prefix, int files) {
    OutputTree tree;
    for (int i = 0; i < files; ++i) {
      tree.Add(prefix + "/r" + std::to_string(i % 40) + "/" +
                   std::to_string(i) + "/index.html",
               prefix + " " + std::to_string(i));
    }
    tree.Add("index.html", prefix);
    return tree;
  };
  OutputTree first = large_tree("recommendations", 1500);
  Diagnostics diagnostics;
  ASSERT_TRUE(WriteOutput(first, out_, site_, diagnostics));
  EXPECT_EQ(Snapshot(out_), ExpectedSnapshot(first));

  WriteFile(root_ + "/outside/keep.txt", "keep");
  for (const char* link :
       {"link", "recommendations/link", "recommendations/r0/link",
        "recommendations/r0/0/link"}) {
    fs::create_directory_symlink(root_ + "/outside", out_ + "/" + link);
  }
  OutputTree second = large_tree("reviews", 1200);
  ASSERT_TRUE(WriteOutput(second, out_, site_, diagnostics));
  EXPECT_TRUE(diagnostics.Sorted().empty());
  EXPECT_EQ(Snapshot(out_), ExpectedSnapshot(second));
  EXPECT_EQ(Snapshot(root_ + "/outside"),
            (std::map<std::string, std::string>{{"keep.txt", "keep"}}));
  EXPECT_EQ(Names(site_),
            (std::set<std::string>{"content", "public", "site.yaml"}));
}

// The temporary folders beside the output folder.
std::vector<std::string> TemporaryFolders(const std::string& site) {
  std::vector<std::string> names;
  for (const std::string& name : Names(site)) {
    if (name.rfind(".public.tmp-", 0) == 0) names.push_back(name);
  }
  return names;
}

TEST_F(WriteOutputTest, WriteThroughTreeWritesEachFileWhenAddedThenPublishes) {
  WriteFile(out_ + "/" + kOutputMarker, kOutputMarkerText);
  WriteFile(out_ + "/old.html", "previous");
  OutputFolder folder;
  Diagnostics diagnostics;
  ASSERT_TRUE(folder.Open(out_, site_, diagnostics));
  OutputTree tree(&folder);
  EXPECT_TRUE(tree.Add("reviews/r-1/index.html", "<p>review</p>\n"));
  // On disk at once, beside the output folder, which is as it was; the
  // tree keeps no bytes.
  std::vector<std::string> temporary = TemporaryFolders(site_);
  ASSERT_EQ(temporary.size(), 1u);
  EXPECT_EQ(ReadFile(site_ + "/" + temporary[0] + "/reviews/r-1/index.html"),
            "<p>review</p>\n");
  EXPECT_EQ(tree.Find("reviews/r-1/index.html"), nullptr);
  EXPECT_EQ(ReadFile(out_ + "/old.html"), "previous");

  // AddView writes what it is given at once, and clashes as Add does.
  std::string buffer = "home";
  EXPECT_TRUE(tree.AddView("index.html", buffer));
  buffer = "a clash keeps the first";
  EXPECT_FALSE(tree.AddView("index.html", buffer));
  EXPECT_FALSE(tree.Add("index.html", buffer));
  EXPECT_EQ(tree.size(), 2u);
  EXPECT_EQ(tree.Paths(),
            (std::vector<std::string>{"index.html", "reviews/r-1/index.html"}));
  ASSERT_TRUE(tree.Publish(diagnostics));
  EXPECT_TRUE(Printed(diagnostics).empty());
  EXPECT_EQ(Snapshot(out_),
            (std::map<std::string, std::string>{
                {kOutputMarker, kOutputMarkerText},
                {"index.html", "home"},
                {"reviews", "<dir>"},
                {"reviews/r-1", "<dir>"},
                {"reviews/r-1/index.html", "<p>review</p>\n"}}));
  EXPECT_EQ(Names(site_),
            (std::set<std::string>{"content", "public", "site.yaml"}));
}

// A file written in pieces is their bytes one after another, and is
// linked from the previous output only when those bytes are the file's,
// wherever the pieces break (the open data, WriteOutputTest above).
TEST_F(WriteOutputTest, WriteThroughTreeWritesPiecesAndLinksThemWhenUnchanged) {
  const std::string kept = std::string(100 * 1024, 'k') + "end";
  {
    OutputFolder folder;
    Diagnostics diagnostics;
    ASSERT_TRUE(folder.Open(out_, site_, diagnostics));
    OutputTree tree(&folder);
    EXPECT_TRUE(tree.AddPieces("data/kept.json", {kept}));
    EXPECT_TRUE(tree.AddPieces("data/changed.csv", {"a,b\r\n", "1,2\r\n"}));
    EXPECT_FALSE(tree.AddPieces("data/kept.json", {"a clash"}));
    ASSERT_TRUE(tree.Publish(diagnostics));
  }
  EXPECT_EQ(ReadFile(out_ + "/data/kept.json"), kept);
  EXPECT_EQ(ReadFile(out_ + "/data/changed.csv"), "a,b\r\n1,2\r\n");
  const ino_t kept_inode = InodeOf(out_ + "/data/kept.json");
  const ino_t changed_inode = InodeOf(out_ + "/data/changed.csv");

  OutputFolder folder;
  Diagnostics diagnostics;
  ASSERT_TRUE(folder.Open(out_, site_, diagnostics));
  OutputTree tree(&folder);
  // The same bytes, broken elsewhere (across the 64 KB blocks compared).
  EXPECT_TRUE(tree.AddPieces(
      "data/kept.json",
      {kept.substr(0, 3), "", kept.substr(3, 70000), kept.substr(70003)}));
  // As long as before, but not the same bytes.
  EXPECT_TRUE(tree.AddPieces("data/changed.csv", {"a,b\r\n", "1,3\r\n"}));
  ASSERT_TRUE(tree.Publish(diagnostics));
  EXPECT_TRUE(Printed(diagnostics).empty());
  EXPECT_EQ(folder.linked_count(), 1u);
  EXPECT_EQ(InodeOf(out_ + "/data/kept.json"), kept_inode);
  EXPECT_NE(InodeOf(out_ + "/data/changed.csv"), changed_inode);
  EXPECT_EQ(ReadFile(out_ + "/data/kept.json"), kept);
  EXPECT_EQ(ReadFile(out_ + "/data/changed.csv"), "a,b\r\n1,3\r\n");
}

TEST_F(WriteOutputTest, WriteThroughTreeTakesFilesFromSeveralThreads) {
  OutputFolder folder;
  Diagnostics diagnostics;
  ASSERT_TRUE(folder.Open(out_, site_, diagnostics));
  OutputTree tree(&folder);
  OutputTree expected;
  auto path = [](int writer, int i) {
    // Writers share folders, so that they race to make them.
    return "r" + std::to_string(i % 7) + "/" + std::to_string(i) + "-" +
           std::to_string(writer) + "/index.html";
  };
  for (int writer = 0; writer < 4; ++writer) {
    for (int i = 0; i < 300; ++i) {
      expected.Add(path(writer, i), std::to_string(writer * i));
    }
  }
  std::vector<std::thread> writers;
  for (int writer = 0; writer < 4; ++writer) {
    writers.emplace_back([&, writer] {
      for (int i = 0; i < 300; ++i) {
        tree.Add(path(writer, i), std::to_string(writer * i));
      }
    });
  }
  for (std::thread& writer : writers) writer.join();
  ASSERT_TRUE(tree.Publish(diagnostics));
  EXPECT_EQ(Snapshot(out_), ExpectedSnapshot(expected));
}

TEST_F(WriteOutputTest, WriteThroughTreeReportsAFailedWriteAndKeepsTheOutput) {
  WriteFile(out_ + "/" + kOutputMarker, kOutputMarkerText);
  WriteFile(out_ + "/index.html", "previous index");
  auto before = Snapshot(out_);
  OutputFolder folder;
  Diagnostics diagnostics;
  ASSERT_TRUE(folder.Open(out_, site_, diagnostics));
  OutputTree tree(&folder);
  // As in ReportsSystemReasonWhenAFileCannotBeWritten: a file size limit
  // stands in for a full disk.
  struct rlimit old_limit;
  ASSERT_EQ(getrlimit(RLIMIT_FSIZE, &old_limit), 0);
  struct rlimit limit = old_limit;
  limit.rlim_cur = 4096;
  sighandler_t old_handler = signal(SIGXFSZ, SIG_IGN);
  ASSERT_EQ(setrlimit(RLIMIT_FSIZE, &limit), 0);
  tree.Add("index.html", "new index");
  tree.Add("big.txt", std::string(1 << 20, 'x'));
  tree.Add("after.html", "not written once a write failed");
  setrlimit(RLIMIT_FSIZE, &old_limit);
  signal(SIGXFSZ, old_handler);

  EXPECT_FALSE(tree.Publish(diagnostics));
  ExpectKeptAsItWas(diagnostics,
                    "cannot write output file 'big.txt': File too large",
                    before);
}

// Whichever of "a" and "a/b" is written first, the failure reported is the
// one WriteOutput reports: the deeper path.
TEST_F(WriteOutputTest,
       WriteThroughTreeReportsTheDeeperPathOfAFileFolderClash) {
  for (bool file_first : {true, false}) {
    SCOPED_TRACE(file_first);
    OutputFolder folder;
    Diagnostics diagnostics;
    ASSERT_TRUE(folder.Open(out_, site_, diagnostics));
    OutputTree tree(&folder);
    tree.Add(file_first ? "a" : "a/b", "one");
    tree.Add(file_first ? "a/b" : "a", "two");
    EXPECT_FALSE(tree.Publish(diagnostics));
    EXPECT_EQ(Printed(diagnostics),
              (std::vector<std::string>{
                  out_ + ": error: cannot write output file 'a/b': Not a "
                         "directory",
                  "note: no output folder was created"}));
    EXPECT_EQ(Names(site_), (std::set<std::string>{"content", "site.yaml"}));
  }
}

// A build that fails, or returns early, never publishes its folder.
TEST_F(WriteOutputTest, AnUnpublishedOutputFolderLeavesNothingBehind) {
  WriteFile(out_ + "/" + kOutputMarker, kOutputMarkerText);
  WriteFile(out_ + "/index.html", "previous index");
  auto before = Snapshot(out_);
  {
    OutputFolder folder;
    Diagnostics diagnostics;
    ASSERT_TRUE(folder.Open(out_, site_, diagnostics));
    OutputTree tree(&folder);
    tree.Add("index.html", "new index");
    tree.Add("reviews/r-1/index.html", "new review");
    EXPECT_EQ(TemporaryFolders(site_).size(), 1u);
  }
  EXPECT_EQ(Snapshot(out_), before);
  EXPECT_EQ(Names(site_),
            (std::set<std::string>{"content", "public", "site.yaml"}));
}

// A signal during the build: Interrupt, from another thread while writers
// run, removes the temporary folder; no write lands after it, and there is
// nothing left to publish.
TEST_F(WriteOutputTest, AnInterruptedOutputFolderStopsWritesAndLeavesNothing) {
  WriteFile(out_ + "/" + kOutputMarker, kOutputMarkerText);
  WriteFile(out_ + "/index.html", "previous index");
  auto before = Snapshot(out_);
  OutputFolder folder;
  Diagnostics diagnostics;
  ASSERT_TRUE(folder.Open(out_, site_, diagnostics));
  std::atomic<int> written{0};
  std::atomic<int> cancelled{0};
  // Each writer goes on until it has been cancelled, and then tries a few
  // more writes. With a fixed number of writes, the writers could all finish
  // before this thread got to interrupt them (as on a busy machine in CI),
  // and nothing would be tested; and writers that never stop show whether
  // Interrupt waits for them to (it did, while they kept the lock shared).
  constexpr int kWriters = 3;
  constexpr int kWritesAfterCancel = 20;
  constexpr int kMostWrites = 50000;  // Interrupt never came: fail
  std::vector<std::thread> writers;
  for (int writer = 0; writer < kWriters; ++writer) {
    writers.emplace_back([&, writer] {
      int cancels = 0;
      for (int i = 0; cancels < kWritesAfterCancel; ++i) {
        if (i == kMostWrites) {
          ADD_FAILURE() << "writer " << writer << " was never cancelled";
          return;
        }
        const int error = folder.WriteFile("r" + std::to_string(i % 5) + "/" +
                                               std::to_string(writer) + "-" +
                                               std::to_string(i) + ".html",
                                           "page");
        if (error == 0) {
          if (cancels > 0) ADD_FAILURE() << "written after a cancel";
          ++written;
        } else {
          EXPECT_EQ(error, ECANCELED);
          ++cancels;
          ++cancelled;
        }
      }
    });
  }
  while (written < 300) std::this_thread::yield();
  std::string note;
  EXPECT_TRUE(folder.Interrupt(&note));
  EXPECT_EQ(note, "the previous output was left as it was");
  for (std::thread& writer : writers) writer.join();
  EXPECT_EQ(cancelled, kWriters * kWritesAfterCancel);
  EXPECT_EQ(Names(site_),
            (std::set<std::string>{"content", "public", "site.yaml"}));
  EXPECT_FALSE(folder.Interrupt(&note));  // nothing left to remove

  EXPECT_FALSE(folder.Publish(diagnostics));
  ExpectKeptAsItWas(diagnostics,
                    "cannot write output: the build was interrupted", before);
}

// A build that has failed stops writing: paths are still kept, so that a
// clash is still found, and the folder is never published.
TEST_F(WriteOutputTest, AWriteThroughTreeThatStoppedWritingKeepsPathsOnly) {
  WriteFile(out_ + "/" + kOutputMarker, kOutputMarkerText);
  WriteFile(out_ + "/index.html", "previous index");
  auto before = Snapshot(out_);
  OutputFolder folder;
  Diagnostics diagnostics;
  ASSERT_TRUE(folder.Open(out_, site_, diagnostics));
  OutputTree tree(&folder);
  EXPECT_TRUE(tree.Add("written.html", "before the build failed"));
  tree.StopWriting();
  EXPECT_TRUE(tree.Add("reviews/r-1/index.html", "after"));
  EXPECT_FALSE(tree.Add("reviews/r-1/index.html", "again"));  // a clash
  EXPECT_EQ(tree.Paths(), (std::vector<std::string>{"reviews/r-1/index.html",
                                                    "written.html"}));
  const std::vector<std::string> temporary = TemporaryFolders(site_);
  ASSERT_EQ(temporary.size(), 1u);
  EXPECT_EQ(Snapshot(site_ + "/" + temporary[0]),
            (std::map<std::string, std::string>{
                {"written.html", "before the build failed"}}));

  EXPECT_FALSE(tree.Publish(diagnostics));
  ExpectKeptAsItWas(
      diagnostics,
      "cannot write output: the build had errors, so nothing was written",
      before);
}

// Once the output is published, Interrupt has nothing to remove.
TEST_F(WriteOutputTest, InterruptAfterPublishChangesNothing) {
  OutputFolder folder;
  Diagnostics diagnostics;
  ASSERT_TRUE(folder.Open(out_, site_, diagnostics));
  ASSERT_EQ(folder.WriteFile("index.html", "new index"), 0);
  ASSERT_TRUE(folder.Publish(diagnostics));
  std::string note;
  EXPECT_FALSE(folder.Interrupt(&note));
  EXPECT_EQ(ReadFile(out_ + "/index.html"), "new index");
}

}  // namespace
}  // namespace scrutineer
