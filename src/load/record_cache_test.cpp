#include "load/record_cache.h"

#include <gtest/gtest.h>

#include <string>

namespace scrutineer {
namespace {

constexpr int64_t kSecond = int64_t{1000} * 1000 * 1000;

// A file system whose one file has whatever stamp the test gives it.
class StampedFileSystem : public FileSystem {
 public:
  bool ReadFile(const std::string&, std::string*, std::string*) const override {
    return false;
  }
  DirectoryListing ListFiles(const std::string&) const override { return {}; }
  bool IsDirectory(const std::string&) const override { return false; }
  bool StampFile(const std::string& path, FileStamp* stamp) const override {
    if (path != "content/people/a.yaml" || !has_stamp) return false;
    *stamp = this->stamp;
    return true;
  }

  bool has_stamp = true;
  FileStamp stamp;
};

FileStamp StampChangedAt(int64_t ns) {
  FileStamp stamp;
  stamp.inode = 7;
  stamp.size = 12;
  stamp.modified_ns = ns;
  stamp.changed_ns = ns;
  return stamp;
}

// A file is taken as unchanged on its stamp alone only when the stamp is
// the same and the read came well after the file's last change: a second
// write within the clock's granularity of the first must not be missed.
TEST(RecordCacheTest, TrustsAStampOnlyWhenTheReadCameWellAfterTheChange) {
  const int64_t read = 1000 * kSecond;
  struct Case {
    const char* what;
    bool stamped_at_read;
    FileStamp at_read;
    bool has_stamp_now;
    FileStamp now;
    bool current;
  };
  const FileStamp old = StampChangedAt(read - 10 * kSecond);
  FileStamp other_inode = old;
  other_inode.inode = 8;
  FileStamp other_size = old;
  other_size.size = 13;
  FileStamp rewritten = old;
  rewritten.changed_ns += 1;
  const FileStamp racy = StampChangedAt(read - kSecond);
  const FileStamp future = StampChangedAt(read + kSecond);
  const Case cases[] = {
      {"unchanged, changed long before the read", true, old, true, old, true},
      {"another inode", true, old, true, other_inode, false},
      {"another size", true, old, true, other_size, false},
      {"changed again", true, old, true, rewritten, false},
      {"gone", true, old, false, old, false},
      {"no stamp when read", false, old, true, old, false},
      {"changed just before the read", true, racy, true, racy, false},
      {"changed after the read, by the clock", true, future, true, future,
       false},
  };
  for (const Case& test : cases) {
    StampedFileSystem files;
    files.has_stamp = test.has_stamp_now;
    files.stamp = test.now;
    CachedRecordFile entry;
    entry.path = std::make_shared<const std::string>("content/people/a.yaml");
    entry.stamped = test.stamped_at_read;
    entry.stamp = test.at_read;
    entry.read_ns = read;
    EXPECT_EQ(entry.StillCurrent(files), test.current) << test.what;
  }
}

TEST(RecordCacheTest, ForgetsFilesNoLongerLoadedAndSharesPaths) {
  RecordCache cache;
  auto entry = std::make_shared<CachedRecordFile>();
  entry->path = std::make_shared<const std::string>("content/people/a.yaml");
  entry->version = 3;
  entry->loaded = std::make_shared<LoadedRecordFile>();
  cache.Replace({entry});
  EXPECT_EQ(cache.Find("content/people/a.yaml"), entry);
  EXPECT_EQ(cache.SharedPath("content/people/a.yaml"), entry->path);
  EXPECT_NE(cache.SharedPath("content/people/b.yaml"), nullptr);
  EXPECT_EQ(*cache.SharedPath("content/people/b.yaml"),
            "content/people/b.yaml");
  EXPECT_EQ(cache.FileVersions(), (std::vector<std::pair<std::string, size_t>>{
                                      {"content/people/a.yaml", 3}}));
  cache.Replace({});
  EXPECT_EQ(cache.Find("content/people/a.yaml"), nullptr);
  EXPECT_EQ(cache.size(), 0u);
}

}  // namespace
}  // namespace scrutineer
