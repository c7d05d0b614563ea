#include "model/calendar.h"

namespace scrutineer {
namespace {

// Days since 1970-01-01 of a full date, and back: the proleptic Gregorian
// calendar in closed form (the "days from civil" method), so no time zone
// or C library clock is involved.
int64_t UnixDays(const PartialDate& day) {
  int64_t year = day.year - (day.month <= 2 ? 1 : 0);
  int64_t era = (year >= 0 ? year : year - 399) / 400;
  int64_t year_of_era = year - era * 400;
  int64_t shifted_month = day.month > 2 ? day.month - 3 : day.month + 9;
  int64_t day_of_year = (153 * shifted_month + 2) / 5 + day.day - 1;
  int64_t day_of_era =
      year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
  return era * 146097 + day_of_era - 719468;
}

}  // namespace

int DaysInMonth(int year, int month) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30,
                                  31, 31, 30, 31, 30, 31};
  bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return month == 2 && leap ? 29 : kDays[month - 1];
}

PartialDate FirstDay(const PartialDate& date) {
  PartialDate day = date;
  if (day.month == 0) day.month = 1;
  if (day.day == 0) day.day = 1;
  return day;
}

PartialDate LastDay(const PartialDate& date) {
  PartialDate day = date;
  if (day.month == 0) day.month = 12;
  if (day.day == 0) day.day = DaysInMonth(day.year, day.month);
  return day;
}

PartialDate DayFromUnixDays(int64_t days) {
  int64_t shifted = days + 719468;
  int64_t era = (shifted >= 0 ? shifted : shifted - 146096) / 146097;
  int64_t day_of_era = shifted - era * 146097;
  int64_t year_of_era = (day_of_era - day_of_era / 1460 + day_of_era / 36524 -
                         day_of_era / 146096) /
                        365;
  int64_t day_of_year =
      day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
  int64_t shifted_month = (5 * day_of_year + 2) / 153;
  PartialDate day;
  day.day = static_cast<int>(day_of_year - (153 * shifted_month + 2) / 5 + 1);
  day.month = static_cast<int>(shifted_month < 10 ? shifted_month + 3
                                                  : shifted_month - 9);
  day.year = static_cast<int>(year_of_era + era * 400 + (day.month <= 2));
  return day;
}

PartialDate AddDays(const PartialDate& day, int64_t days) {
  return DayFromUnixDays(UnixDays(FirstDay(day)) + days);
}

PartialDate AddMonths(const PartialDate& day, int months) {
  PartialDate full = FirstDay(day);
  int index = full.year * 12 + (full.month - 1) + months;
  PartialDate result;
  result.year = index / 12;
  result.month = index % 12 + 1;
  int last = DaysInMonth(result.year, result.month);
  result.day = full.day > last ? last : full.day;
  return result;
}

bool SpansOverlap(const PartialDate& a_first, const PartialDate& a_last,
                  const PartialDate& b_first, const PartialDate& b_last) {
  return !(a_last < b_first) && !(b_last < a_first);
}

}  // namespace scrutineer
