#include "model/partial_date.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <string>
#include <vector>

namespace scrutineer {
namespace {

TEST(PartialDateTest, ParsesYearMonthAndDayAndRefusesEverythingElse) {
  struct Case {
    const char* text;
    bool valid;
    int year, month, day;
  };
  const Case kCases[] = {
      {"2017", true, 2017, 0, 0},
      {"2017-02", true, 2017, 2, 0},
      {"2017-02-16", true, 2017, 2, 16},
      {"2016-02-29", true, 2016, 2, 29},  // leap year
      {"2000-02-29", true, 2000, 2, 29},  // divisible by 400: leap
      {"2017-12-31", true, 2017, 12, 31},
      {"2017-01-01", true, 2017, 1, 1},
      {"1000", true, 1000, 0, 0},
      {"2017-02-29", false, 0, 0, 0},  // not a leap year
      {"1900-02-29", false, 0, 0, 0},  // divisible by 100: not leap
      {"2017-04-31", false, 0, 0, 0},
      {"2017-13", false, 0, 0, 0},
      {"2017-00", false, 0, 0, 0},
      {"2017-02-00", false, 0, 0, 0},
      {"2017-02-32", false, 0, 0, 0},
      {"2017-1-05", false, 0, 0, 0},
      {"2017-01-5", false, 0, 0, 0},
      {"17", false, 0, 0, 0},
      {"", false, 0, 0, 0},
      {"0999", false, 0, 0, 0},
      {"20170", false, 0, 0, 0},
      {"2017-", false, 0, 0, 0},
      {"2017-02-", false, 0, 0, 0},
      {"2017/02/16", false, 0, 0, 0},
      {"2017-02-16T10:00", false, 0, 0, 0},
      {" 2017", false, 0, 0, 0},
      {"2017 ", false, 0, 0, 0},
      {"201a", false, 0, 0, 0},
      {"2017-0a", false, 0, 0, 0},
      {"+2017", false, 0, 0, 0},
      {"16 February 2017", false, 0, 0, 0},
  };
  for (const Case& c : kCases) {
    SCOPED_TRACE(std::string("'") + c.text + "'");
    std::optional<PartialDate> date = ParsePartialDate(c.text);
    ASSERT_EQ(date.has_value(), c.valid);
    if (!c.valid) continue;
    EXPECT_EQ(date->year, c.year);
    EXPECT_EQ(date->month, c.month);
    EXPECT_EQ(date->day, c.day);
  }
}

TEST(PartialDateTest, DisplaysAsPreciseAsWritten) {
  struct Case {
    const char* text;
    const char* display;
  };
  const Case kCases[] = {
      {"2017", "2017"},
      {"2017-02", "February 2017"},
      {"2017-02-16", "16 February 2017"},
      {"2017-02-06", "6 February 2017"},
      {"2019-01", "January 2019"},
      {"2019-12-25", "25 December 2019"},
  };
  for (const Case& c : kCases) {
    SCOPED_TRACE(c.text);
    std::optional<PartialDate> date = ParsePartialDate(c.text);
    ASSERT_TRUE(date.has_value());
    EXPECT_EQ(date->Display(), c.display);
  }
}

TEST(PartialDateTest, IsoRoundTripsEveryValidDate) {
  for (const char* text :
       {"2017", "2017-02", "2017-02-16", "2016-02-29", "1000-01-01"}) {
    SCOPED_TRACE(text);
    std::optional<PartialDate> date = ParsePartialDate(text);
    ASSERT_TRUE(date.has_value());
    EXPECT_EQ(date->Iso(), text);
  }
}

TEST(PartialDateTest, IsoPadsMonthAndDay) {
  EXPECT_EQ((PartialDate{2017, 2, 6}).Iso(), "2017-02-06");
  EXPECT_EQ((PartialDate{2017, 2, 0}).Iso(), "2017-02");
  EXPECT_EQ((PartialDate{2017, 0, 0}).Iso(), "2017");
}

TEST(PartialDateTest, IsoIsWhatPrintfGivesForAnyFields) {
  // Digit by digit in range, printf outside it: the same text either way.
  for (int year : {0, 7, 999, 1000, 2017, 9999, 10000, 123456, -1}) {
    for (int month : {0, 1, 9, 10, 12, 99, 100}) {
      for (int day : {0, 1, 9, 10, 31, 99, 100}) {
        if (month == 0 && day > 0) continue;  // no day without a month
        char expected[40];
        if (day > 0) {
          std::snprintf(expected, sizeof expected, "%04d-%02d-%02d", year,
                        month, day);
        } else if (month > 0) {
          std::snprintf(expected, sizeof expected, "%04d-%02d", year, month);
        } else {
          std::snprintf(expected, sizeof expected, "%04d", year);
        }
        EXPECT_EQ((PartialDate{year, month, day}).Iso(), expected)
            << year << " " << month << " " << day;
      }
    }
  }
}

TEST(PartialDateTest, OrdersByYearMonthDayWithLessPreciseFirst) {
  std::vector<std::string> texts = {"2017-02-16", "2016",       "2017",
                                    "2017-02",    "2017-01-31", "2017-02-01",
                                    "2018-01"};
  std::vector<PartialDate> dates;
  for (const std::string& text : texts)
    dates.push_back(*ParsePartialDate(text));
  std::sort(dates.begin(), dates.end());
  std::vector<std::string> sorted;
  for (const PartialDate& date : dates) sorted.push_back(date.Iso());
  EXPECT_EQ(sorted,
            (std::vector<std::string>{"2016", "2017", "2017-01-31", "2017-02",
                                      "2017-02-01", "2017-02-16", "2018-01"}));
}

TEST(PartialDateTest, EqualDatesAreNotLessThanEachOther) {
  PartialDate a = *ParsePartialDate("2017-02");
  PartialDate b = *ParsePartialDate("2017-02");
  EXPECT_FALSE(a < b);
  EXPECT_FALSE(b < a);
}

// A date in the right form but out of range is told what is wrong with it,
// not the form it already has.
TEST(PartialDateTest, SaysWhatIsOutOfRangeInADateOfTheRightForm) {
  EXPECT_EQ(PartialDateProblem("2017-02-30"), "February 2017 has 28 days");
  EXPECT_EQ(PartialDateProblem("2016-02-30"), "February 2016 has 29 days");
  EXPECT_EQ(PartialDateProblem("2017-04-31"), "April 2017 has 30 days");
  EXPECT_EQ(PartialDateProblem("2017-04-00"), "April 2017 has 30 days");
  EXPECT_EQ(PartialDateProblem("2017-13"), "months run from 01 to 12");
  EXPECT_EQ(PartialDateProblem("2017-00-10"), "months run from 01 to 12");
  EXPECT_EQ(PartialDateProblem("0999-01"), "years run from 1000 to 9999");
  EXPECT_EQ(PartialDateProblem("0999"), "years run from 1000 to 9999");
  for (const char* other :
       {"17-02-16", "2017/02/16", "2017-2-16", "2017-02-1", "16 February 2017",
        "20170216", "", "2017-02-16x"}) {
    EXPECT_EQ(PartialDateProblem(other), "") << other;
    EXPECT_FALSE(ParsePartialDate(other)) << other;
  }
}

}  // namespace
}  // namespace scrutineer
