// FieldConverter's dates: each made once per thread and shared, yet each
// caller's copy is its own to change.
#include "render/field_data.h"

#include <gtest/gtest.h>

#include <string>
#include <thread>
#include <vector>

#include "model/partial_date.h"

namespace scrutineer {
namespace {

std::string TextOf(const TemplateData& date, const char* key) {
  const TemplateData* value = date.get(key);
  return value != nullptr ? std::string(value->string_value()) : "(none)";
}

TEST(FieldConverterDateTest, GivesEachDateItsTextAndIso) {
  const struct {
    PartialDate date;
    const char* text;
    const char* iso;
  } cases[] = {
      {{2017, 2, 16}, "16 February 2017", "2017-02-16"},
      {{2017, 2, 0}, "February 2017", "2017-02"},
      {{2017, 0, 0}, "2017", "2017"},
      {{2017, 2, 6}, "6 February 2017", "2017-02-06"},
      {{2016, 2, 16}, "16 February 2016", "2016-02-16"},
  };
  for (int round = 0; round < 2; ++round) {  // made, then shared
    for (const auto& c : cases) {
      const TemplateData date = FieldConverter::Date(c.date);
      EXPECT_EQ(TextOf(date, "text"), c.text) << c.iso;
      EXPECT_EQ(TextOf(date, "iso"), c.iso) << c.iso;
      EXPECT_EQ(date.object_value().size(), 2u) << c.iso;
    }
  }
  EXPECT_TRUE(FieldConverter::Date({2017, 2, 16})
                  .shares_storage_with(FieldConverter::Date({2017, 2, 16})));
}

TEST(FieldConverterDateTest, ACopyChangedLeavesTheDateAsItWas) {
  TemplateData mine = FieldConverter::Date({2018, 3, 1});
  mine.set("text", std::string("changed"));
  mine.set("inferred", true);
  const TemplateData again = FieldConverter::Date({2018, 3, 1});
  EXPECT_EQ(TextOf(again, "text"), "1 March 2018");
  EXPECT_EQ(again.get("inferred"), nullptr);
  EXPECT_EQ(TextOf(mine, "text"), "changed");
}

TEST(FieldConverterDateTest, GivesEachThreadTheRightDates) {
  std::vector<std::string> seen(4);
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([t, &seen] {
      for (int i = 0; i < 200; ++i) {
        const int day = 1 + (i + t) % 28;
        const TemplateData date = FieldConverter::Date({2019, 1, day});
        if (TextOf(date, "text") != std::to_string(day) + " January 2019") {
          seen[t] = TextOf(date, "text");
          return;
        }
      }
      seen[t] = "ok";
    });
  }
  for (std::thread& thread : threads) thread.join();
  for (const std::string& result : seen) EXPECT_EQ(result, "ok");
}

}  // namespace
}  // namespace scrutineer
