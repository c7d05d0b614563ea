// Same input, same bytes: the repository's own site built twice, from two
// folders, and through the command line into two output folders, compares
// equal byte for byte; no output names the folder it was built from, nor
// carries the preview's reload script.
#include <gtest/gtest.h>

#include <string>

#include "pipeline.h"
#include "test_site.h"
#include "write/file_system.h"

namespace scrutineer {
namespace {

using testing_support::CopySite;
using testing_support::ReadFile;
using testing_support::RunScrutineer;
using testing_support::ScratchFolder;
namespace fs = std::filesystem;

OutputTree BuildFrom(const std::string& folder) {
  DiskFileSystem files(folder);
  Site site;
  OutputTree out;
  Diagnostics diagnostics;
  EXPECT_TRUE(BuildSite(files, &site, &out, diagnostics));
  EXPECT_FALSE(diagnostics.HasErrors()) << folder;
  return out;
}

// Names the first difference, rather than printing two whole sites.
std::string FirstDifference(const OutputTree& a, const OutputTree& b) {
  for (const auto& [path, contents] : a.files()) {
    const std::string* other = b.Find(path);
    if (other == nullptr) return path + " is missing from the second build";
    if (*other != contents) return path + " differs";
  }
  for (const auto& [path, contents] : b.files()) {
    if (a.Find(path) == nullptr) return path + " is new in the second build";
  }
  return "";
}

TEST(ReproducibleBuildTest, TheSameFolderBuildsToTheSameBytesTwice) {
  OutputTree first = BuildFrom(SCRUTINEER_SOURCE_DIR);
  OutputTree second = BuildFrom(SCRUTINEER_SOURCE_DIR);
  EXPECT_GT(first.size(), 100u);
  EXPECT_EQ(FirstDifference(first, second), "");
}

TEST(ReproducibleBuildTest, TwoFoldersBuildToTheSameBytesNamingNeither) {
  ScratchFolder scratch;
  fs::path near = scratch.path() / "a";
  fs::path far = scratch.path() / "a much longer/path to/another copy";
  CopySite(".", near);
  CopySite(".", far);
  OutputTree first = BuildFrom(near.string());
  OutputTree second = BuildFrom(far.string());
  EXPECT_EQ(FirstDifference(first, second), "");
  for (const auto& [path, contents] : first.files()) {
    EXPECT_EQ(contents.find(scratch.path().string()), std::string::npos)
        << path;
    EXPECT_EQ(contents.find(SCRUTINEER_SOURCE_DIR), std::string::npos) << path;
    // The live-reload script belongs to `serve` alone.
    EXPECT_EQ(contents.find("__scrutineer"), std::string::npos) << path;
  }
}

TEST(ReproducibleBuildTest, TheWrittenOutputIsTheSameByteForByte) {
  ScratchFolder scratch;
  fs::path site = scratch.path() / "site";
  CopySite(".", site);
  for (const char* out : {"one", "two"}) {
    auto result = RunScrutineer(std::string("build -q --out ../") + out, site,
                                scratch.path());
    ASSERT_EQ(result.exit_code, 0) << result.err;
  }
  size_t files = 0;
  for (const auto& entry :
       fs::recursive_directory_iterator(scratch.path() / "one")) {
    if (!entry.is_regular_file()) continue;
    fs::path relative = fs::relative(entry.path(), scratch.path() / "one");
    fs::path twin = scratch.path() / "two" / relative;
    ASSERT_TRUE(fs::is_regular_file(twin)) << relative;
    EXPECT_EQ(ReadFile(entry.path()), ReadFile(twin)) << relative;
    ++files;
  }
  size_t twins = 0;
  for (const auto& entry :
       fs::recursive_directory_iterator(scratch.path() / "two")) {
    twins += entry.is_regular_file();
  }
  EXPECT_EQ(files, twins);
  EXPECT_GT(files, 100u);
}

}  // namespace
}  // namespace scrutineer
