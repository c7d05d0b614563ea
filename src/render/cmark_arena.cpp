#include "render/cmark_arena.h"

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <vector>

#if defined(__SANITIZE_ADDRESS__)
#include <sanitizer/asan_interface.h>
// Memory given back stays poisoned until handed out again, so that
// AddressSanitizer reports a use of a node after its text's scope ended.
#define SCRUTINEER_POISON(at, size) ASAN_POISON_MEMORY_REGION(at, size)
#define SCRUTINEER_UNPOISON(at, size) ASAN_UNPOISON_MEMORY_REGION(at, size)
#else
#define SCRUTINEER_POISON(at, size) ((void)(at), (void)(size))
#define SCRUTINEER_UNPOISON(at, size) ((void)(at), (void)(size))
#endif

namespace scrutineer {
namespace {

// Each allocation follows a header that holds its size, for realloc to know
// how much to copy; 16 bytes keep allocations aligned as malloc's are.
constexpr size_t kHeader = 16;
constexpr size_t kAlign = 16;
// Holds the parse of a text of some tens of KB in one block.
constexpr size_t kBlockSize = 256 * 1024;
// What a thread keeps between texts after a rare large one.
constexpr size_t kKeptBytes = 4 * 1024 * 1024;

cmark_mem* DefaultMem() { return cmark_get_default_mem_allocator(); }

class Arena {
 public:
  void Enter(size_t* block, size_t* offset) {
    *block = block_;
    *offset = offset_;
    ++depth_;
    // Nothing from before the scope grows in place or is given back early:
    // only the scope's own allocations move the end.
    last_ = nullptr;
  }

  void Leave(size_t block, size_t offset) {
    if (!blocks_.empty()) {
      Block& first = blocks_[block];
      SCRUTINEER_POISON(first.data.get() + offset, first.size - offset);
      for (size_t i = block + 1; i <= block_ && i < blocks_.size(); ++i) {
        SCRUTINEER_POISON(blocks_[i].data.get(), blocks_[i].size);
      }
    }
    block_ = block;
    offset_ = offset;
    last_ = nullptr;
    if (--depth_ == 0) Trim();
  }

  void* Calloc(size_t count, size_t size) {
    if (depth_ == 0) return DefaultMem()->calloc(count, size);
    if (size != 0 && count > SIZE_MAX / size) std::abort();
    void* at = Allocate(count * size);
    std::memset(at, 0, count * size);
    return at;
  }

  void* Realloc(void* pointer, size_t size) {
    if (pointer == nullptr) {
      return depth_ == 0 ? DefaultMem()->realloc(nullptr, size)
                         : Allocate(size);
    }
    if (!Owns(pointer)) return DefaultMem()->realloc(pointer, size);
    char* at = static_cast<char*>(pointer);
    size_t old_size;
    std::memcpy(&old_size, at - kHeader, sizeof old_size);
    if (at == last_) {
      // The newest allocation grows (a buffer being appended to, as most
      // reallocs are) or shrinks where it is, when its block has room.
      Block& block = blocks_[block_];
      const size_t begin = static_cast<size_t>(at - kHeader - block.data.get());
      const size_t need = Needed(size);
      if (need <= block.size - begin) {
        SCRUTINEER_UNPOISON(at - kHeader, need);
        std::memcpy(at - kHeader, &size, sizeof size);
        offset_ = begin + need;
        return at;
      }
    }
    void* moved = Allocate(size);
    std::memcpy(moved, at, std::min(old_size, size));
    return moved;
  }

  void Free(void* pointer) {
    if (pointer == nullptr) return;
    if (pointer == last_) {
      // Given back at once: a parse frees many buffers right after use.
      offset_ = static_cast<size_t>(last_ - kHeader - blocks_[block_].data.get());
      SCRUTINEER_POISON(last_ - kHeader, blocks_[block_].size - offset_);
      last_ = nullptr;
      return;
    }
    if (!Owns(pointer)) DefaultMem()->free(pointer);
    // Otherwise given back when its scope ends.
  }

  size_t Capacity() const {
    size_t total = 0;
    for (const Block& block : blocks_) total += block.size;
    return total;
  }

 private:
  struct Block {
    std::unique_ptr<char[]> data;
    size_t size;
  };

  static size_t Needed(size_t size) {
    if (size > SIZE_MAX / 2) std::abort();
    return kHeader + ((std::max<size_t>(size, 1) + kAlign - 1) & ~(kAlign - 1));
  }

  void* Allocate(size_t size) {
    const size_t need = Needed(size);
    if (blocks_.empty() || need > blocks_[block_].size - offset_) {
      NextBlock(need);
    }
    char* start = blocks_[block_].data.get() + offset_;
    offset_ += need;
    SCRUTINEER_UNPOISON(start, need);
    std::memcpy(start, &size, sizeof size);
    last_ = start + kHeader;
    return last_;
  }

  // Moves on to the first later block with room for `need` bytes, making
  // one if there is none.
  void NextBlock(size_t need) {
    size_t next = blocks_.empty() ? 0 : block_ + 1;
    while (next < blocks_.size() && blocks_[next].size < need) ++next;
    if (next == blocks_.size()) {
      const size_t size = std::max(kBlockSize, need);
      blocks_.push_back({std::unique_ptr<char[]>(new char[size]), size});
      SCRUTINEER_POISON(blocks_.back().data.get(), size);
    }
    block_ = next;
    offset_ = 0;
  }

  bool Owns(const void* pointer) const {
    const char* at = static_cast<const char*>(pointer);
    for (const Block& block : blocks_) {
      const char* data = block.data.get();
      if (at >= data && at < data + block.size) return true;
    }
    return false;
  }

  // Lets go of all but a first block of usual size once no scope is open.
  void Trim() {
    if (Capacity() <= kKeptBytes) return;
    size_t keep = blocks_[0].size <= kKeptBytes ? 1 : 0;
    blocks_.resize(keep);
    block_ = 0;
    offset_ = 0;
  }

  std::vector<Block> blocks_;
  size_t block_ = 0;      // the block being filled
  size_t offset_ = 0;     // its first free byte
  char* last_ = nullptr;  // the newest allocation still at the end, if any
  int depth_ = 0;         // scopes open
};

Arena& ThisThreadArena() {
  thread_local Arena arena;
  return arena;
}

void* ArenaCalloc(size_t count, size_t size) {
  return ThisThreadArena().Calloc(count, size);
}
void* ArenaRealloc(void* pointer, size_t size) {
  return ThisThreadArena().Realloc(pointer, size);
}
void ArenaFree(void* pointer) { ThisThreadArena().Free(pointer); }

cmark_mem arena_mem = {ArenaCalloc, ArenaRealloc, ArenaFree};

}  // namespace

cmark_mem* CmarkArenaMem() { return &arena_mem; }

CmarkArenaScope::CmarkArenaScope() {
  ThisThreadArena().Enter(&block_, &offset_);
}

CmarkArenaScope::~CmarkArenaScope() {
  ThisThreadArena().Leave(block_, offset_);
}

size_t CmarkArenaCapacityForTesting() { return ThisThreadArena().Capacity(); }

}  // namespace scrutineer
