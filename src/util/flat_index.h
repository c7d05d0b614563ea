// FlatIndex: where things are kept, found by a 64-bit hash of their key.
//
// The Markdown cache and the per-thread date table look up 190,000 texts
// and 400,000 dates in a build of 10,000 recommendations. In
// std::unordered_map each lookup divided by a prime and followed two
// pointers into nodes scattered over the heap, which cost 4-5% of the
// build's samples. Here a lookup multiplies, and probes one array of
// (hash, index) slots in a line.
//
// It holds only indexes: the caller keeps what they point to, where it
// does not move (a deque, or a vector it only grows between lookups).
// Several indexes may share one hash (different keys that collide): Find
// shows each, in no particular order, and the caller compares keys.
// Nothing is ever removed. Not thread-safe.
#ifndef SCRUTINEER_UTIL_FLAT_INDEX_H_
#define SCRUTINEER_UTIL_FLAT_INDEX_H_

#include <cstddef>
#include <cstdint>
#include <vector>

namespace scrutineer {

class FlatIndex {
 public:
  /// Calls visit(index) for every index added under `hash` until one call
  /// returns true. Returns whether one did.
  template <typename Visit>
  bool Find(uint64_t hash, Visit&& visit) const {
    if (slots_.empty()) return false;
    for (size_t i = Home(hash);; i = (i + 1) & mask_) {
      const Slot& slot = slots_[i];
      if (slot.index_plus_one == 0) return false;
      if (slot.hash == hash && visit(slot.index_plus_one - 1)) return true;
    }
  }

  /// Adds `index` under `hash`.
  void Add(uint64_t hash, uint32_t index) {
    // At most half full, so that a search ends soon at an empty slot.
    if (2 * (size_ + 1) > slots_.size()) Grow();
    Place(hash, index);
    ++size_;
  }

  size_t size() const { return size_; }

 private:
  struct Slot {
    uint64_t hash = 0;
    uint32_t index_plus_one = 0;  // 0: empty
  };

  // Fibonacci hashing: the top bits of hash * 2^64/phi. Callers' hashes
  // need not be mixed (a date's is its year, month and day side by side).
  size_t Home(uint64_t hash) const {
    return static_cast<size_t>((hash * 0x9e3779b97f4a7c15ULL) >> shift_);
  }

  // Into the first empty slot from the hash's home.
  void Place(uint64_t hash, uint32_t index) {
    size_t i = Home(hash);
    while (slots_[i].index_plus_one != 0) i = (i + 1) & mask_;
    slots_[i] = Slot{hash, index + 1};
  }

  void Grow() {
    std::vector<Slot> old;
    old.swap(slots_);
    const size_t capacity = old.empty() ? 64 : 2 * old.size();
    slots_.assign(capacity, Slot{});
    mask_ = capacity - 1;
    shift_ = 64;
    for (size_t c = capacity; c > 1; c >>= 1) --shift_;
    for (const Slot& slot : old) {
      if (slot.index_plus_one != 0) Place(slot.hash, slot.index_plus_one - 1);
    }
  }

  std::vector<Slot> slots_;
  size_t mask_ = 0;
  int shift_ = 64;
  size_t size_ = 0;
};

}  // namespace scrutineer

#endif  // SCRUTINEER_UTIL_FLAT_INDEX_H_
