#include "load/record_cache.h"

#include <algorithm>

namespace scrutineer {

bool CachedRecordFile::StillCurrent(const FileSystem& files) const {
  if (!stamped) return false;
  // The last change must be older than the read by the margin; a time in
  // the future (another machine's clock) never is.
  const int64_t changed = std::max(stamp.modified_ns, stamp.changed_ns);
  if (changed > read_ns - kRacyMarginNs) return false;
  FileStamp now;
  return files.StampFile(*path, &now) && now == stamp;
}

std::shared_ptr<const CachedRecordFile> RecordCache::Find(
    std::string_view path) const {
  auto it = entries_.find(path);
  return it == entries_.end() ? nullptr : it->second;
}

std::shared_ptr<const std::string> RecordCache::SharedPath(
    std::string_view path) const {
  auto it = entries_.find(path);
  if (it != entries_.end()) return it->second->path;
  return std::make_shared<const std::string>(path);
}

void RecordCache::Forget(std::string_view path) {
  auto it = entries_.find(path);
  if (it != entries_.end()) entries_.erase(it);
}

void RecordCache::Replace(
    std::vector<std::shared_ptr<const CachedRecordFile>> entries) {
  entries_.clear();
  for (std::shared_ptr<const CachedRecordFile>& entry : entries) {
    const std::string& path = *entry->path;
    entries_.emplace(path, std::move(entry));
  }
}

std::vector<std::pair<std::string, size_t>> RecordCache::FileVersions() const {
  std::vector<std::pair<std::string, size_t>> versions;
  versions.reserve(entries_.size());
  for (const auto& [path, entry] : entries_) {
    versions.emplace_back(path, entry->version);
  }
  return versions;
}

}  // namespace scrutineer
