#include "render/cmark_arena.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <cstring>
#include <string>
#include <thread>
#include <vector>

namespace scrutineer {
namespace {

bool IsAligned(const void* pointer) {
  return reinterpret_cast<uintptr_t>(pointer) % 16 == 0;
}

bool AllZero(const void* pointer, size_t size) {
  const auto* bytes = static_cast<const unsigned char*>(pointer);
  for (size_t i = 0; i < size; ++i) {
    if (bytes[i] != 0) return false;
  }
  return true;
}

TEST(CmarkArenaTest, CallocGivesZeroedAlignedMemoryThatDoesNotOverlap) {
  CmarkArenaScope scope;
  cmark_mem* mem = CmarkArenaMem();
  std::vector<std::pair<char*, size_t>> taken;
  for (size_t size : {1, 7, 16, 17, 100, 4096, 3}) {
    auto* at = static_cast<char*>(mem->calloc(size, 1));
    ASSERT_TRUE(IsAligned(at));
    EXPECT_TRUE(AllZero(at, size));
    std::memset(at, static_cast<int>(size), size);
    taken.push_back({at, size});
  }
  // Each kept what was written into it: none overlaps another.
  for (auto [at, size] : taken) {
    for (size_t i = 0; i < size; ++i) {
      ASSERT_EQ(static_cast<unsigned char>(at[i]),
                static_cast<unsigned char>(size));
    }
  }
  // Memory used again is zeroed again.
  mem->free(taken.back().first);
  auto* again = static_cast<char*>(mem->calloc(3, 1));
  EXPECT_EQ(again, taken.back().first);
  EXPECT_TRUE(AllZero(again, 3));
}

TEST(CmarkArenaTest, ReallocGrowsTheNewestInPlaceAndCopiesAnyOther) {
  CmarkArenaScope scope;
  cmark_mem* mem = CmarkArenaMem();
  auto* first = static_cast<char*>(mem->calloc(1, 10));
  std::memcpy(first, "abcdefghi", 10);
  auto* grown = static_cast<char*>(mem->realloc(first, 1000));
  EXPECT_EQ(grown, first);  // the newest: grown where it is
  EXPECT_STREQ(grown, "abcdefghi");

  auto* second = static_cast<char*>(mem->calloc(1, 8));
  std::memcpy(second, "second", 7);
  auto* moved = static_cast<char*>(mem->realloc(grown, 5000));
  EXPECT_NE(moved, grown);  // not the newest: copied
  EXPECT_STREQ(moved, "abcdefghi");
  EXPECT_STREQ(second, "second");

  // Shrinking copies no more than the new size holds.
  auto* small = static_cast<char*>(mem->realloc(second, 3));
  EXPECT_EQ(std::string(small, 3), "sec");
}

TEST(CmarkArenaTest, ScopesTakeBackWhatWasHandedOutInThem) {
  cmark_mem* mem = CmarkArenaMem();
  void* first_of_outer;
  {
    CmarkArenaScope outer;
    auto* kept = static_cast<char*>(mem->calloc(1, 32));
    first_of_outer = kept;
    std::memcpy(kept, "outer", 6);
    void* inner_first;
    {
      CmarkArenaScope inner;
      inner_first = mem->calloc(1, 64);
      EXPECT_NE(inner_first, kept);
    }
    {
      CmarkArenaScope inner;
      // The first inner scope's memory is handed out again...
      EXPECT_EQ(mem->calloc(1, 64), inner_first);
    }
    // ...and the outer scope's is untouched.
    EXPECT_STREQ(kept, "outer");
  }
  CmarkArenaScope next;
  EXPECT_EQ(mem->calloc(1, 32), first_of_outer);
}

TEST(CmarkArenaTest, PointersItDidNotHandOutGoToTheDefaultAllocator) {
  cmark_mem* mem = CmarkArenaMem();
  cmark_mem* standard = cmark_get_default_mem_allocator();
  // Outside any scope the arena hands out the default allocator's memory,
  // which lives on after a later scope ends.
  auto* outside = static_cast<char*>(mem->calloc(1, 16));
  std::memcpy(outside, "outside", 8);
  {
    CmarkArenaScope scope;
    auto* foreign = static_cast<char*>(standard->calloc(1, 16));
    std::memcpy(foreign, "foreign", 8);
    foreign = static_cast<char*>(mem->realloc(foreign, 64 * 1024));
    EXPECT_STREQ(foreign, "foreign");
    mem->free(foreign);  // AddressSanitizer reports a leak or a bad free
    mem->calloc(1, 64);
  }
  EXPECT_STREQ(outside, "outside");
  mem->free(outside);
}

TEST(CmarkArenaTest, LargeAllocationsGetABlockAndAreLetGoAfterwards) {
  cmark_mem* mem = CmarkArenaMem();
  {
    CmarkArenaScope scope;
    const size_t big = 8 * 1024 * 1024;
    auto* at = static_cast<char*>(mem->calloc(1, big));
    at[0] = 'a';
    at[big - 1] = 'z';
    auto* after = static_cast<char*>(mem->calloc(1, 16));
    EXPECT_TRUE(after + 16 <= at || after >= at + big);
    EXPECT_GE(CmarkArenaCapacityForTesting(), big);
  }
  // A thread keeps a usual block between texts, not the large one.
  EXPECT_LE(CmarkArenaCapacityForTesting(), size_t{4} * 1024 * 1024);
}

TEST(CmarkArenaTest, EachThreadHasItsOwnArena) {
  constexpr int kThreads = 4;
  std::vector<std::thread> threads;
  std::vector<int> intact(kThreads, 0);
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([t, &intact] {
      CmarkArenaScope scope;
      cmark_mem* mem = CmarkArenaMem();
      std::vector<char*> taken;
      for (int i = 0; i < 2000; ++i) {
        auto* at = static_cast<char*>(mem->calloc(1, 24));
        std::memset(at, 'a' + t, 24);
        taken.push_back(at);
        if (i % 3 == 0) taken.back() = static_cast<char*>(
                            mem->realloc(taken.back(), 48 + i % 100));
      }
      bool ok = true;
      for (char* at : taken) {
        for (int i = 0; i < 24; ++i) ok = ok && at[i] == 'a' + t;
      }
      intact[t] = ok;
    });
  }
  for (std::thread& thread : threads) thread.join();
  for (int t = 0; t < kThreads; ++t) EXPECT_TRUE(intact[t]) << t;
}

}  // namespace
}  // namespace scrutineer
