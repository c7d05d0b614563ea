#include "model/id_index.h"

#include <gtest/gtest.h>

#include <map>
#include <random>
#include <string>

namespace scrutineer {
namespace {

TEST(IdIndexTest, FindsWhatWasAddedAndNothingElse) {
  IdIndex index;
  EXPECT_EQ(index.Find("anything"), IdIndex::kNone);
  EXPECT_TRUE(index.empty());
  EXPECT_EQ(index.Add("care-leavers-2014/r17", 5), 5u);
  EXPECT_EQ(index.Add("jo-bloggs", 0), 0u);
  EXPECT_EQ(index.Add("", 9), 9u);
  EXPECT_EQ(index.size(), 3u);
  EXPECT_EQ(index.Find("care-leavers-2014/r17"), 5u);
  EXPECT_EQ(index.Find("jo-bloggs"), 0u);
  EXPECT_EQ(index.Find(""), 9u);
  EXPECT_TRUE(index.Contains("jo-bloggs"));
  // Prefixes, extensions and ids of the same length are other ids.
  EXPECT_EQ(index.Find("care-leavers-2014/r1"), IdIndex::kNone);
  EXPECT_EQ(index.Find("care-leavers-2014/r170"), IdIndex::kNone);
  EXPECT_EQ(index.Find("jo-bloggz"), IdIndex::kNone);
  EXPECT_FALSE(index.Contains("jo"));
}

TEST(IdIndexTest, KeepsTheFirstIndexOfAnIdAddedTwice) {
  IdIndex index;
  EXPECT_EQ(index.Add("meeting-1", 3), 3u);
  EXPECT_EQ(index.Add("meeting-1", 7), 3u);
  EXPECT_EQ(index.size(), 1u);
  EXPECT_EQ(index.Find("meeting-1"), 3u);
  index.clear();
  EXPECT_EQ(index.Find("meeting-1"), IdIndex::kNone);
  EXPECT_EQ(index.Add("meeting-1", 7), 7u);
}

// Many ids, added with and without room reserved, across several growths,
// against std::map; a copy finds the same.
TEST(IdIndexTest, AgreesWithAMapOverManyIdsAndGrowths) {
  std::mt19937 random(7);
  for (bool reserve : {false, true}) {
    IdIndex index;
    std::map<std::string, size_t> expected;
    if (reserve) index.reserve(5000);
    for (size_t i = 0; i < 20000; ++i) {
      std::string id = "r-" + std::to_string(random() % 12000);
      if (random() % 3 == 0) id += "/r" + std::to_string(random() % 20);
      const size_t first = expected.emplace(id, i).first->second;
      EXPECT_EQ(index.Add(id, i), first) << id;
    }
    EXPECT_EQ(index.size(), expected.size());
    const IdIndex copy = index;
    for (const auto& [id, at] : expected) {
      EXPECT_EQ(index.Find(id), at) << id;
      EXPECT_EQ(copy.Find(id), at) << id;
      EXPECT_EQ(index.Find(id + "x"), IdIndex::kNone) << id;
    }
  }
}

}  // namespace
}  // namespace scrutineer
