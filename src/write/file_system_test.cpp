// DiskFileSystem on a real folder: what a content folder may hold besides
// ordinary files (links, FIFOs, folders where files belong, huge files).
#include "write/file_system.h"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

namespace scrutineer {
namespace {

namespace fs = std::filesystem;

// "path: reason" for each refused entry, in order.
std::vector<std::string> Refused(const DirectoryListing& listing) {
  std::vector<std::string> lines;
  for (const RefusedEntry& entry : listing.refused) {
    lines.push_back(entry.path + ": " + entry.reason);
  }
  return lines;
}

class DiskFileSystemTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string pattern =
        (fs::temp_directory_path() / "scrutineer-fs-XXXXXX").string();
    ASSERT_NE(mkdtemp(pattern.data()), nullptr);
    base_ = pattern;
    site_ = base_ / "site";
    fs::create_directories(site_ / "content" / "people");
    Write(base_ / "outside.yaml", "id: outside\nname: Secret\n");
    fs::create_directories(base_ / "outside-folder");
    Write(base_ / "outside-folder" / "x.yaml", "id: x\n");
  }
  void TearDown() override { fs::remove_all(base_); }

  static void Write(const fs::path& path, const std::string& text) {
    std::ofstream(path, std::ios::binary) << text;
  }

  fs::path base_;
  fs::path site_;
};

TEST_F(DiskFileSystemTest, RefusesLinksLeadingOutOfTheSiteFolder) {
  const fs::path people = site_ / "content" / "people";
  Write(people / "a.yaml", "id: a\n");
  Write(site_ / "shared.yaml", "id: shared\n");
  fs::create_symlink(base_ / "outside.yaml", people / "out.yaml");
  fs::create_symlink("../../../outside.yaml", people / "relative-out.yaml");
  fs::create_directory_symlink(base_ / "outside-folder", people / "folder");
  fs::create_symlink("/etc/passwd", people / "passwd.yaml");
  fs::create_symlink(people / "loop.yaml", people / "loop.yaml");
  fs::create_symlink(people / "missing.yaml", people / "dangling.yaml");
  fs::create_symlink("../../shared.yaml", people / "inside.yaml");

  DiskFileSystem files(site_.string());
  DirectoryListing listing = files.ListFiles("content");
  EXPECT_EQ(listing.files,
            (std::vector<std::string>{"content/people/a.yaml",
                                      "content/people/inside.yaml"}));
  EXPECT_EQ(
      Refused(listing),
      (std::vector<std::string>{
          "content/people/dangling.yaml: a link that leads nowhere",
          "content/people/folder: a link to outside the site folder",
          "content/people/loop.yaml: a link that cannot be followed: Too many "
          "levels of symbolic links",
          "content/people/out.yaml: a link to outside the site folder",
          "content/people/passwd.yaml: a link to outside the site folder",
          "content/people/relative-out.yaml: a link to outside the site "
          "folder"}));

  std::string text;
  std::string error;
  EXPECT_TRUE(files.ReadFile("content/people/inside.yaml", &text, &error));
  EXPECT_EQ(text, "id: shared\n");
  EXPECT_FALSE(files.ReadFile("content/people/out.yaml", &text, &error));
  EXPECT_EQ(error, "it leads outside the site folder");
  EXPECT_FALSE(files.ReadFile("../outside.yaml", &text, &error));
  EXPECT_EQ(error, "it leads outside the site folder");
}

TEST_F(DiskFileSystemTest, RefusesWhatIsNotARegularFileWithoutWaiting) {
  const fs::path people = site_ / "content" / "people";
  ASSERT_EQ(mkfifo((people / "fifo.yaml").c_str(), 0644), 0);
  fs::create_directories(people / "folder.yaml");
  DiskFileSystem files(site_.string());
  EXPECT_EQ(Refused(files.ListFiles("content")),
            std::vector<std::string>{"content/people/fifo.yaml: not a regular "
                                     "file (a pipe, socket or device)"});
  std::string text;
  std::string error;
  // Opened without O_NONBLOCK, this would wait for a writer forever.
  EXPECT_FALSE(files.ReadFile("content/people/fifo.yaml", &text, &error));
  EXPECT_EQ(error, "it is not a regular file");
  EXPECT_FALSE(files.ReadFile("content/people/folder.yaml", &text, &error));
  EXPECT_EQ(error, "it is a folder, not a file");
  EXPECT_FALSE(files.ReadFile("content/people/none.yaml", &text, &error));
  EXPECT_EQ(error, "No such file or directory");
}

// A chain of thousands of empty folders took memory growing with the
// square of its depth; the listing now stops at kMaxFolderDepth, says so,
// and goes on with the rest.
TEST_F(DiskFileSystemTest, RefusesFoldersNestedTooDeepAndListsTheRest) {
  fs::path deep = site_ / "content" / "people";
  std::string refused = "content/people";
  for (int depth = 1; depth <= kMaxFolderDepth + 5; ++depth) {
    deep /= "d";
    if (depth <= kMaxFolderDepth) refused += "/d";  // people is level 1
  }
  fs::create_directories(deep);
  Write(deep / "lost.yaml", "id: lost\n");
  Write(site_ / "content" / "people" / "a.yaml", "id: a\n");
  Write(site_ / "content" / "people" / "z.yaml", "id: z\n");
  DiskFileSystem files(site_.string());
  DirectoryListing listing = files.ListFiles("content");
  EXPECT_EQ(listing.files, (std::vector<std::string>{"content/people/a.yaml",
                                                     "content/people/z.yaml"}));
  EXPECT_EQ(Refused(listing),
            std::vector<std::string>{refused +
                                     ": a folder nested more than 32 deep"});

  Diagnostics diagnostics;
  ReportRefused(listing, "a hint about links", diagnostics);
  ASSERT_EQ(diagnostics.Sorted().size(), 1u);
  EXPECT_EQ(FormatDiagnosticHeadline(diagnostics.Sorted()[0]),
            refused + ": error: refused: a folder nested more than 32 deep");
  EXPECT_EQ(diagnostics.Sorted()[0].hint,
            "nothing under it is read: move what it holds up to a folder "
            "nearer the top");
}

// Editors leave swap files, backups, autosaves and (Emacs) lock links that
// lead nowhere beside the file being edited; none is the site's.
TEST_F(DiskFileSystemTest, LeavesOutFilesThatEditorsAndToolsKeep) {
  const fs::path people = site_ / "content" / "people";
  Write(people / "a.yaml", "id: a\n");
  Write(people / ".a.yaml.swp", "swap");
  Write(people / "a.yaml~", "backup");
  Write(people / "#a.yaml#", "autosave");
  fs::create_symlink("someone@host.1234:1700000000", people / ".#a.yaml");
  fs::create_directories(site_ / "content" / ".git" / "objects");
  Write(site_ / "content" / ".git" / "objects" / "x.yaml", "id: x\n");
  Write(people / "#hash.yaml", "id: hash\n");

  const DiskFileSystem disk(site_.string());
  const DirectoryListing listing = disk.ListFiles("content");
  EXPECT_EQ(listing.files,
            (std::vector<std::string>{"content/people/#hash.yaml",
                                      "content/people/a.yaml"}));
  EXPECT_EQ(Refused(listing), std::vector<std::string>{});

  MemoryFileSystem memory;
  for (const char* path :
       {"content/people/a.yaml", "content/people/.a.yaml.swp",
        "content/people/a.yaml~", "content/.git/objects/x.yaml",
        "content/people/#a.yaml#"}) {
    memory.AddFile(path, "id: a\n");
  }
  EXPECT_EQ(memory.ListFiles("content").files,
            std::vector<std::string>{"content/people/a.yaml"});
}

TEST_F(DiskFileSystemTest, RefusesFilesLargerThanTheReadLimit) {
  const fs::path big = site_ / "theme" / "disk-image.iso";
  fs::create_directories(big.parent_path());
  Write(big, "");
  fs::resize_file(big, kMaxFileReadBytes + 1);  // sparse: costs no disk
  Write(site_ / "theme" / "site.css", "body {}\n");
  DiskFileSystem files(site_.string());
  std::string text;
  std::string error;
  EXPECT_FALSE(files.ReadFile("theme/disk-image.iso", &text, &error));
  EXPECT_EQ(error, "it is larger than 64 MiB");
  EXPECT_TRUE(files.ReadFile("theme/site.css", &text, &error));
  EXPECT_EQ(text, "body {}\n");
}

TEST_F(DiskFileSystemTest, ReadsFilesOfEverySizeUpToTheLimitWhole) {
  DiskFileSystem files(site_.string());
  for (size_t size : {size_t{0}, size_t{1}, size_t{4095}, size_t{4096},
                      size_t{65537}, kMaxFileReadBytes}) {
    std::string written(size, 'x');
    for (size_t i = 0; i < size; i += 997) written[i] = static_cast<char>(i);
    Write(site_ / "content" / "people" / "a.md", written);
    std::string text;
    std::string error;
    ASSERT_TRUE(files.ReadFile("content/people/a.md", &text, &error)) << error;
    EXPECT_EQ(text.size(), size);
    EXPECT_TRUE(text == written) << "size " << size;
  }
}

}  // namespace
}  // namespace scrutineer
