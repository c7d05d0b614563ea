// RecordCache: what the load stage keeps of each record file from one load
// of a site folder to the next, so that `serve` parses again only the files
// that changed since its last build.
//
// Consumes: the files a load read, and what loading each of them gave.
// Produces: for a file that has not changed, what loading it gave last
// time: the record as loaded (before linking, which works on a copy) and
// the diagnostics it reported, so that a load through the cache gives the
// site and the diagnostics a load without it gives.
//
// A file has not changed when either
//  1. its stamp (FileStamp: inode, size, times) is the one it had when it
//     was last read, and that read came kRacyMargin or more after the
//     file's last change: a later write sets the file's times to the time
//     of the write, so it changes the stamp. A file read sooner after a
//     change could be written again within the clock's granularity, the
//     stamp staying the same (git's "racily clean" files): such a file is
//     read again, and compared;
//  2. or it is read again and its bytes are what they were.
#ifndef SCRUTINEER_LOAD_RECORD_CACHE_H_
#define SCRUTINEER_LOAD_RECORD_CACHE_H_

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "diag/diagnostics.h"
#include "load/source_text.h"
#include "model/site.h"
#include "write/file_system.h"

namespace scrutineer {

/// How long after a file's last change a read of it must come for its stamp
/// to be trusted: more than any file system's time granularity (FAT's two
/// seconds) and the lag of the kernel's coarse clock.
inline constexpr int64_t kRacyMarginNs = int64_t{3} * 1000 * 1000 * 1000;

/// What loading one record file gave.
struct LoadedRecordFile {
  bool loaded = false;  // false: the file gave no record
  Record record;        // when loaded; its locations point into the path
  std::vector<Diagnostic> diagnostics;  // what loading it reported, sorted
};

/// One record file as the cache knows it. Immutable once made: a load
/// shares it with the cache and with the builds that copied its record.
struct CachedRecordFile {
  /// The file's path, which the record's locations point into.
  std::shared_ptr<const std::string> path;
  SourceFile source;  // as read
  /// The file's stamp just before it was read, when the file system has
  /// stamps, and the time (CLOCK_REALTIME, ns) just before that.
  bool stamped = false;
  FileStamp stamp;
  int64_t read_ns = 0;
  /// Changes when what the file holds does: a hash of its text, or of why
  /// it could not be read.
  size_t version = 0;
  std::shared_ptr<const LoadedRecordFile> loaded;

  /// True when the stamp alone shows that the file holds what it did: see
  /// the file comment, case 1.
  bool StillCurrent(const FileSystem& files) const;
};

/// The cache of one site folder. Not safe to change from several threads at
/// once; Find and SharedPath are safe to call from several threads at once
/// while nothing changes it (the load stage looks entries up on every core).
class RecordCache {
 public:
  /// The entry of `path`, or null.
  std::shared_ptr<const CachedRecordFile> Find(std::string_view path) const;
  /// The entry's path string when there is an entry of `path`; otherwise a
  /// new one. Records keep pointing into the one string.
  std::shared_ptr<const std::string> SharedPath(std::string_view path) const;
  /// Forgets `path`: the next load parses it again.
  void Forget(std::string_view path);
  /// Makes `entries` the whole cache: a file no longer loaded is forgotten.
  void Replace(std::vector<std::shared_ptr<const CachedRecordFile>> entries);
  /// Each file in the cache and its version (CachedRecordFile::version).
  std::vector<std::pair<std::string, size_t>> FileVersions() const;
  size_t size() const { return entries_.size(); }

 private:
  std::map<std::string, std::shared_ptr<const CachedRecordFile>, std::less<>>
      entries_;
};

}  // namespace scrutineer

#endif  // SCRUTINEER_LOAD_RECORD_CACHE_H_
