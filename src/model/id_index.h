// IdIndex: the site's records by id (Site::index_by_id).
//
// Pages look records up by id some 400,000 times in a build of 10,000
// recommendations: a recommendation's review, an update's paper, a role's
// committee. In std::unordered_map<std::string, size_t> a lookup took a
// std::string of the id (an allocation when it is over 15 bytes), then
// followed pointers from a bucket to the node before, to the node, to the
// key's bytes, each a cache miss on a cold record: 3.5% of a build's
// samples. Here a lookup takes a string_view, probes one array of slots in
// a line, and compares the key's bytes, kept one after another in one
// string.
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

namespace scrutineer {

class IdIndex {
 public:
  static constexpr size_t kNone = static_cast<size_t>(-1);

  /// The index added under `id`, or kNone.
  size_t Find(std::string_view id) const {
    if (slots_.empty()) return kNone;
    const uint64_t hash = Hash(id);
    for (size_t i = Home(hash);; i = (i + 1) & mask_) {
      const Slot& slot = slots_[i];
      if (slot.index_plus_one == 0) return kNone;
      if (slot.hash == hash && slot.size == id.size() &&
          std::memcmp(keys_.data() + slot.offset, id.data(), id.size()) == 0) {
        return slot.index_plus_one - 1;
      }
    }
  }

  bool Contains(std::string_view id) const { return Find(id) != kNone; }

  /// Adds `index` under `id` and returns it; or, when `id` is there
  /// already, adds nothing and returns the index it has.
  size_t Add(std::string_view id, size_t index) {
    const size_t there = Find(id);
    if (there != kNone) return there;
    // At most half full, so that a search ends soon at an empty slot.
    if (2 * (size_ + 1) > slots_.size()) Grow(2 * (size_ + 1));
    Place(Slot{Hash(id), static_cast<uint32_t>(keys_.size()),
               static_cast<uint32_t>(id.size()),
               static_cast<uint32_t>(index + 1)});
    keys_.append(id.data(), id.size());
    ++size_;
    return index;
  }

  /// Room for `count` ids without growing.
  void reserve(size_t count) {
    if (2 * count > slots_.size()) Grow(2 * count);
  }

  size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }
  void clear() { *this = IdIndex(); }

 private:
  struct Slot {
    uint64_t hash = 0;
    uint32_t offset = 0;  // of the key's bytes in keys_
    uint32_t size = 0;
    uint32_t index_plus_one = 0;  // 0: empty
  };

  static uint64_t Hash(std::string_view id) {
    return std::hash<std::string_view>()(id);
  }

  // Fibonacci hashing: the top bits of hash * 2^64/phi.
  size_t Home(uint64_t hash) const {
    return static_cast<size_t>((hash * 0x9e3779b97f4a7c15ULL) >> shift_);
  }

  void Place(const Slot& placed) {
    size_t i = Home(placed.hash);
    while (slots_[i].index_plus_one != 0) i = (i + 1) & mask_;
    slots_[i] = placed;
  }

  // To a power of two of at least `minimum` slots (64 at least).
  void Grow(size_t minimum) {
    size_t capacity = 64;
    while (capacity < minimum) capacity *= 2;
    std::vector<Slot> old;
    old.swap(slots_);
    slots_.assign(capacity, Slot{});
    mask_ = capacity - 1;
    shift_ = 64;
    for (size_t c = capacity; c > 1; c >>= 1) --shift_;
    for (const Slot& slot : old) {
      if (slot.index_plus_one != 0) Place(slot);
    }
  }

  std::vector<Slot> slots_;
  std::string keys_;  // every id's bytes, one after another
  size_t mask_ = 0;
  int shift_ = 64;
  size_t size_ = 0;
};

}  // namespace scrutineer

#endif  // SCRUTINEER_MODEL_ID_INDEX_H_
