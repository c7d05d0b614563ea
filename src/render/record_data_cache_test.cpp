// A record's data is made once for each root and shared by every page at
// that root; FieldConverter makes it each time without a cache.
#include "render/record_data_cache.h"

#include <gtest/gtest.h>

#include <atomic>
#include <string>
#include <thread>
#include <vector>

#include "model/site.h"
#include "render/field_data.h"

namespace scrutineer {
namespace {

TEST(RecordDataCacheTest, MakesEachRecordsDataOncePerRoot) {
  RecordDataCache cache(3);
  int made = 0;
  auto make = [&made](std::string text) {
    return [&made, text] {
      ++made;
      return TemplateData(text);
    };
  };
  RecordDataCache::Table& top = cache.TableFor("");
  RecordDataCache::Table& below = cache.TableFor("../");
  EXPECT_EQ(&cache.TableFor(""), &top);
  EXPECT_NE(&below, &top);
  const auto kRow = RecordDataCache::Use::kTrackerRow;
  const auto kSummary = RecordDataCache::Use::kUpdateSummary;
  const TemplateData first = top.Get(1, kRow, make("one at the top"));
  EXPECT_EQ(top.Get(1, kRow, make("asked again")).string_value(),
            "one at the top");
  EXPECT_TRUE(top.Get(1, kRow, make("")).shares_storage_with(first));
  EXPECT_EQ(below.Get(1, kRow, make("one below")).string_value(), "one below");
  EXPECT_EQ(top.Get(2, kRow, make("two")).string_value(), "two");
  // Each use of a record is kept apart, and apart from the next record's.
  EXPECT_EQ(top.Get(1, kSummary, make("one's summary")).string_value(),
            "one's summary");
  EXPECT_EQ(top.Get(2, kSummary, make("two's summary")).string_value(),
            "two's summary");
  EXPECT_EQ(top.Get(0, kSummary, make("zero's summary")).string_value(),
            "zero's summary");
  EXPECT_EQ(top.Get(2, kRow, make("")).string_value(), "two");
  EXPECT_EQ(made, 6);

  cache.Clear();
  EXPECT_EQ(cache.TableFor("").Get(1, kRow, make("one again")).string_value(),
            "one again");
  EXPECT_EQ(made, 7);
}

TEST(RecordDataCacheTest, GivesEveryThreadTheOneItKept) {
  constexpr size_t kRecords = 200;
  RecordDataCache cache(kRecords);
  RecordDataCache::Table& table = cache.TableFor("../");
  std::atomic<int> made{0};
  std::vector<std::vector<TemplateData>> got(4);
  std::vector<std::thread> threads;
  for (size_t t = 0; t < got.size(); ++t) {
    threads.emplace_back([&, t] {
      for (size_t i = 0; i < kRecords; ++i) {
        got[t].push_back(
            table.Get(i, RecordDataCache::Use::kTrackerRow, [&made, i] {
              ++made;
              return TemplateData("record " + std::to_string(i));
            }));
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  EXPECT_GE(made.load(), static_cast<int>(kRecords));
  for (size_t i = 0; i < kRecords; ++i) {
    for (size_t t = 1; t < got.size(); ++t) {
      EXPECT_TRUE(got[t][i].shares_storage_with(got[0][i])) << i;
    }
  }
}

TEST(RecordDataCacheTest, FieldConverterSharesOnlyWithACache) {
  Site site;
  site.records.resize(2);
  RecordDataCache cache(site.records.size());
  int made = 0;
  auto make = [&made] {
    ++made;
    return TemplateData("row");
  };
  FieldConverter with(site, "../", nullptr, nullptr, &cache);
  FieldConverter also(site, "../", nullptr, nullptr, &cache);
  const auto kRow = RecordDataCache::Use::kTrackerRow;
  const TemplateData row = with.Shared(kRow, site.records[1], make);
  EXPECT_TRUE(
      also.Shared(kRow, site.records[1], make).shares_storage_with(row));
  EXPECT_EQ(made, 1);
  FieldConverter without(site, "../");
  EXPECT_FALSE(
      without.Shared(kRow, site.records[1], make).shares_storage_with(row));
  // A record that is not the site's is never kept.
  Record elsewhere;
  with.Shared(kRow, elsewhere, make);
  with.Shared(kRow, elsewhere, make);
  EXPECT_EQ(made, 4);
}

}  // namespace
}  // namespace scrutineer
