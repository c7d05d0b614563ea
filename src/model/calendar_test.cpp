#include "model/calendar.h"

#include <gtest/gtest.h>

namespace scrutineer {
namespace {

PartialDate Day(const char* iso) { return ParsePartialDate(iso).value(); }

TEST(CalendarTest, SpansOfPartialDates) {
  struct Case {
    const char* date;
    const char* first;
    const char* last;
  };
  const Case kCases[] = {
      {"2017", "2017-01-01", "2017-12-31"},
      {"2017-02", "2017-02-01", "2017-02-28"},
      {"2016-02", "2016-02-01", "2016-02-29"},
      {"1900-02", "1900-02-01", "1900-02-28"},
      {"2000-02", "2000-02-01", "2000-02-29"},
      {"2017-06-20", "2017-06-20", "2017-06-20"},
  };
  for (const Case& c : kCases) {
    EXPECT_EQ(FirstDay(Day(c.date)).Iso(), c.first) << c.date;
    EXPECT_EQ(LastDay(Day(c.date)).Iso(), c.last) << c.date;
  }
}

TEST(CalendarTest, AddsMonthsKeepingTheDayOrTheMonthsEnd) {
  struct Case {
    const char* day;
    int months;
    const char* expected;
  };
  const Case kCases[] = {
      {"2017-06-20", 6, "2017-12-20"},   {"2017-08-31", 6, "2018-02-28"},
      {"2015-08-31", 6, "2016-02-29"},   {"2017-01-31", 1, "2017-02-28"},
      {"2017-12-15", 1, "2018-01-15"},   {"2017-03-31", 12, "2018-03-31"},
      {"2017-01-15", 120, "2027-01-15"},
  };
  for (const Case& c : kCases) {
    EXPECT_EQ(AddMonths(Day(c.day), c.months).Iso(), c.expected)
        << c.day << " + " << c.months;
  }
}

TEST(CalendarTest, AddsDaysAcrossMonthsYearsAndLeapDays) {
  EXPECT_EQ(AddDays(Day("2017-06-30"), 1).Iso(), "2017-07-01");
  EXPECT_EQ(AddDays(Day("2017-12-31"), 1).Iso(), "2018-01-01");
  EXPECT_EQ(AddDays(Day("2016-02-28"), 1).Iso(), "2016-02-29");
  EXPECT_EQ(AddDays(Day("2016-03-01"), -1).Iso(), "2016-02-29");
  EXPECT_EQ(AddDays(Day("2017-01-01"), 365).Iso(), "2018-01-01");
}

TEST(CalendarTest, DaysSinceTheUnixEpoch) {
  // Seconds / 86400, as SOURCE_DATE_EPOCH gives them.
  EXPECT_EQ(DayFromUnixDays(0).Iso(), "1970-01-01");
  EXPECT_EQ(DayFromUnixDays(1548979200 / 86400).Iso(), "2019-02-01");
  EXPECT_EQ(DayFromUnixDays(951782400 / 86400).Iso(), "2000-02-29");
  EXPECT_EQ(DayFromUnixDays(1498867200 / 86400 - 1).Iso(), "2017-06-30");
  EXPECT_EQ(DayFromUnixDays(-1).Iso(), "1969-12-31");
}

TEST(CalendarTest, SpansOverlap) {
  PartialDate june = Day("2017-06"), year = Day("2017");
  EXPECT_TRUE(SpansOverlap(FirstDay(june), LastDay(june), FirstDay(year),
                           LastDay(year)));
  PartialDate july = Day("2017-07-01");
  EXPECT_FALSE(SpansOverlap(FirstDay(june), LastDay(june), july, july));
  EXPECT_TRUE(SpansOverlap(Day("2017-06-30"), Day("2017-06-30"), FirstDay(june),
                           LastDay(june)));
}

}  // namespace
}  // namespace scrutineer
