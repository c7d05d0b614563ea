#include "model/value.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <utility>

namespace scrutineer {
namespace {

Value Scalar(std::string text) {
  Value value;
  value.kind = Value::Kind::kScalar;
  value.text = std::move(text);
  return value;
}

Value MapOf(std::initializer_list<std::pair<const char*, const char*>> pairs) {
  Value map;
  map.kind = Value::Kind::kMap;
  for (const auto& [key, text] : pairs) {
    map.entries.push_back(MapEntry{key, SourceLocation{}, Scalar(text)});
  }
  return map;
}

TEST(ValueTest, AValueWithNoItemsOrEntriesHoldsNoneAndIsSmall) {
  Value scalar = Scalar("words");
  EXPECT_TRUE(scalar.items.empty());
  EXPECT_TRUE(scalar.entries.empty());
  EXPECT_EQ(scalar.items.begin(), scalar.items.end());
  int seen = 0;
  for (const MapEntry& entry : scalar.entries) seen += !entry.key.empty();
  EXPECT_EQ(seen, 0);
  EXPECT_EQ(scalar.Find("words"), nullptr);
  // Two empty vectors would be 48 bytes.
  EXPECT_LE(sizeof(Children<Value>), sizeof(void*));
}

TEST(ValueTest, CopiesOfItemsAndEntriesAreDeep) {
  Value map = MapOf({{"title", "A"}, {"date", "2024"}});
  Value copy = map;
  copy.entries[0].value.text = "B";
  copy.entries.push_back(MapEntry{"status", SourceLocation{}, Scalar("open")});
  EXPECT_EQ(map.Text("title"), "A");
  EXPECT_EQ(map.entries.size(), 2u);
  EXPECT_EQ(copy.Text("title"), "B");
  EXPECT_EQ(copy.Text("status"), "open");
  Value assigned;
  assigned = copy;
  EXPECT_EQ(DescribeTree(assigned), DescribeTree(copy));
  Value moved = std::move(assigned);
  EXPECT_EQ(DescribeTree(moved), DescribeTree(copy));
}

TEST(ValueTest, EntriesEraseAsAVectorsDo) {
  Value map = MapOf({{"a", "1"}, {"b", "2"}, {"c", "3"}, {"d", "4"}});
  map.entries.erase(std::remove_if(map.entries.begin(), map.entries.end(),
                                   [](const MapEntry& entry) {
                                     return entry.key == "b" ||
                                            entry.key == "d";
                                   }),
                    map.entries.end());
  ASSERT_EQ(map.entries.size(), 2u);
  EXPECT_EQ(map.entries.front().key, "a");
  EXPECT_EQ(map.entries.back().key, "c");
  map.entries.erase(map.entries.begin(), map.entries.end());
  EXPECT_TRUE(map.entries.empty());
  ShrinkToFit(&map);
  EXPECT_EQ(map.entries.begin(), nullptr);
  map.entries.emplace_back(MapEntry{"e", SourceLocation{}, Scalar("5")});
  EXPECT_EQ(map.Text("e"), "5");
}

}  // namespace
}  // namespace scrutineer
