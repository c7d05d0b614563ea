// PartialDate: a year, a month or a day, as precise as the source and no
// more ("2017", "2017-02", "2017-02-16").
#ifndef SCRUTINEER_MODEL_PARTIAL_DATE_H_
#define SCRUTINEER_MODEL_PARTIAL_DATE_H_

#include <optional>
#include <string>
#include <string_view>

namespace scrutineer {

struct PartialDate {
  int year = 0;
  int month = 0;  // 0: not stated
  int day = 0;    // 0: not stated

  /// "2017-02-16", "2017-02" or "2017".
  std::string Iso() const;
  /// "16 February 2017", "February 2017" or "2017".
  std::string Display() const;
  /// Orders by year, month, day; a less precise date sorts first.
  bool operator<(const PartialDate& other) const;
};

/// Parses an ISO partial date, checking month and day ranges (leap years
/// included). nullopt when `text` is not one.
std::optional<PartialDate> ParsePartialDate(std::string_view text);

/// For `text` that ParsePartialDate refuses: what is out of range when it
/// has a date's form ("February 2017 has 28 days"), else "".
std::string PartialDateProblem(std::string_view text);

}  // namespace scrutineer

#endif  // SCRUTINEER_MODEL_PARTIAL_DATE_H_
