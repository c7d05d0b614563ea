#include "util/flat_index.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <set>

namespace scrutineer {
namespace {

// Every index added under a hash, as Find shows them.
std::set<uint32_t> Under(const FlatIndex& index, uint64_t hash) {
  std::set<uint32_t> seen;
  index.Find(hash, [&](uint32_t i) {
    seen.insert(i);
    return false;
  });
  return seen;
}

TEST(FlatIndexTest, FindsWhatWasAddedAndNothingElse) {
  FlatIndex index;
  EXPECT_TRUE(Under(index, 7).empty());
  index.Add(7, 0);
  index.Add(8, 1);
  EXPECT_EQ(Under(index, 7), std::set<uint32_t>{0});
  EXPECT_EQ(Under(index, 8), std::set<uint32_t>{1});
  EXPECT_TRUE(Under(index, 9).empty());
  EXPECT_EQ(index.size(), 2u);
}

// Keys whose hashes collide are all kept, and the caller picks its own.
TEST(FlatIndexTest, ShowsEveryIndexUnderOneHash) {
  FlatIndex index;
  for (uint32_t i = 0; i < 5; ++i) index.Add(42, i);
  EXPECT_EQ(Under(index, 42), (std::set<uint32_t>{0, 1, 2, 3, 4}));
  // Find stops at the first visit that says so.
  int visits = 0;
  EXPECT_TRUE(index.Find(42, [&](uint32_t i) {
    ++visits;
    return i == 3;
  }));
  EXPECT_LE(visits, 5);
  EXPECT_FALSE(index.Find(42, [](uint32_t) { return false; }));
}

// Growing many times over moves no index from its hash, for keys that
// differ only in their low bits, as dates' do.
TEST(FlatIndexTest, KeepsEveryIndexAsItGrows) {
  FlatIndex index;
  const uint32_t count = 60000;  // below 1 << 16: every day its own
  for (uint32_t i = 0; i < count; ++i) {
    index.Add(uint64_t{2015} << 16 | i, i);
  }
  for (uint32_t i = 0; i < count; i += 997) {
    EXPECT_EQ(Under(index, uint64_t{2015} << 16 | i), std::set<uint32_t>{i});
  }
  EXPECT_TRUE(Under(index, uint64_t{2016} << 16).empty());
  EXPECT_EQ(index.size(), count);
}

}  // namespace
}  // namespace scrutineer
