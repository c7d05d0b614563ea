// Day arithmetic on PartialDates, for accountability computed "as at" a
// date. A partial date stands for a span of days ("2017-02" is the 1st to
// the 28th of February 2017); flags are raised only when they hold for
// every day of the span, so an imprecise date never raises one early.
#ifndef SCRUTINEER_MODEL_CALENDAR_H_
#define SCRUTINEER_MODEL_CALENDAR_H_

#include <cstdint>

#include "model/partial_date.h"

namespace scrutineer {

/// Days in `month` (1-12) of `year`, leap years included.
int DaysInMonth(int year, int month);

/// The first and the last day of the span a date stands for: 2017 ->
/// 2017-01-01 and 2017-12-31. A full date is its own first and last day.
PartialDate FirstDay(const PartialDate& date);
PartialDate LastDay(const PartialDate& date);

/// A full date `days` days later (or earlier, when negative).
PartialDate AddDays(const PartialDate& day, int64_t days);
/// A full date `months` calendar months later, on the same day of the month
/// or the month's last day when it is shorter (31 January + 1 month = 28 or
/// 29 February).
PartialDate AddMonths(const PartialDate& day, int months);

/// The full date `days` days after 1970-01-01 (negative: before).
PartialDate DayFromUnixDays(int64_t days);

/// True when the spans of `a` and `b` share at least one day.
bool SpansOverlap(const PartialDate& a_first, const PartialDate& a_last,
                  const PartialDate& b_first, const PartialDate& b_last);

}  // namespace scrutineer

#endif  // SCRUTINEER_MODEL_CALENDAR_H_
