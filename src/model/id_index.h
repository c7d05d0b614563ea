// IdIndex: the site's records by id (Site::index_by_id).
//
// Pages look records up by id some 400,000 times in a build of 10,000
// recommendations: a recommendation's review, an update's paper, a role's
// committee. In std::unordered_map<std::string, size_t> a lookup took a
// std::string of the id (an allocation when it is over 15 bytes), then
// followed pointers from a bucket to the node before, to the node, to the
// key's bytes, each a cache miss on a cold record: 3% of a build's samples.
// Here a lookup takes a string_view and probes a FlatIndex, then compares
// the key's bytes, kept one after another in one string.
//
// Nothing is removed. Not thread-safe to change; safe to read from several
// threads at once.
#ifndef SCRUTINEER_MODEL_ID_INDEX_H_
#define SCRUTINEER_MODEL_ID_INDEX_H_

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "util/flat_index.h"

namespace scrutineer {

class IdIndex {
 public:
  static constexpr size_t kNone = static_cast<size_t>(-1);

  /// The index added under `id`, or kNone.
  size_t Find(std::string_view id) const {
    size_t found = kNone;
    index_.Find(Hash(id), [&](uint32_t i) {
      const Entry& entry = entries_[i];
      if (entry.size != id.size() ||
          std::memcmp(keys_.data() + entry.offset, id.data(), id.size()) != 0) {
        return false;
      }
      found = entry.index;
      return true;
    });
    return found;
  }

  bool Contains(std::string_view id) const { return Find(id) != kNone; }

  /// Adds `index` under `id` and returns it; or, when `id` is there
  /// already, adds nothing and returns the index it has.
  size_t Add(std::string_view id, size_t index) {
    const size_t there = Find(id);
    if (there != kNone) return there;
    index_.Add(Hash(id), static_cast<uint32_t>(entries_.size()));
    entries_.push_back(Entry{static_cast<uint32_t>(keys_.size()),
                             static_cast<uint32_t>(id.size()), index});
    keys_.append(id.data(), id.size());
    return index;
  }

  /// Room for `count` ids' entries.
  void reserve(size_t count) { entries_.reserve(count); }

  size_t size() const { return entries_.size(); }
  bool empty() const { return entries_.empty(); }
  void clear() { *this = IdIndex(); }

 private:
  struct Entry {
    uint32_t offset;  // of the id's bytes in keys_
    uint32_t size;
    size_t index;
  };

  static uint64_t Hash(std::string_view id) {
    return std::hash<std::string_view>()(id);
  }

  FlatIndex index_;  // entries_ by the hash of their id
  std::vector<Entry> entries_;
  std::string keys_;  // every id's bytes, one after another
};

}  // namespace scrutineer

#endif  // SCRUTINEER_MODEL_ID_INDEX_H_
