#include "model/partial_date.h"

#include <cstdio>
#include <tuple>

namespace scrutineer {
namespace {

constexpr const char* kMonths[] = {
    "January", "February", "March",     "April",   "May",      "June",
    "July",    "August",   "September", "October", "November", "December"};

bool ParseDigits(std::string_view text, size_t count, int* out) {
  if (text.size() != count) return false;
  int value = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return false;
    value = value * 10 + (c - '0');
  }
  *out = value;
  return true;
}

int DaysInMonth(int year, int month) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30,
                                  31, 31, 30, 31, 30, 31};
  bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return month == 2 && leap ? 29 : kDays[month - 1];
}

}  // namespace

std::string PartialDate::Iso() const {
  // Made for every date on every page: snprintf took 1,600 instructions a
  // call, 4% of a build. Dates as parsed (years 1000-9999, months 1-12,
  // days 1-31) are written digit by digit; anything else by snprintf.
  if (year >= 0 && year <= 9999 && month >= 0 && month <= 99 && day >= 0 &&
      day <= 99) {
    char digits[10] = {
        static_cast<char>('0' + year / 1000),
        static_cast<char>('0' + year / 100 % 10),
        static_cast<char>('0' + year / 10 % 10),
        static_cast<char>('0' + year % 10),
        '-',
        static_cast<char>('0' + month / 10),
        static_cast<char>('0' + month % 10),
        '-',
        static_cast<char>('0' + day / 10),
        static_cast<char>('0' + day % 10)};
    return std::string(digits, day > 0 ? 10 : month > 0 ? 7 : 4);
  }
  char buffer[40];
  if (day > 0) {
    std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02d", year, month, day);
  } else if (month > 0) {
    std::snprintf(buffer, sizeof buffer, "%04d-%02d", year, month);
  } else {
    std::snprintf(buffer, sizeof buffer, "%04d", year);
  }
  return buffer;
}

std::string PartialDate::Display() const {
  std::string out;
  out.reserve(20);
  if (day > 0) {
    out += std::to_string(day);
    out += ' ';
  }
  if (month > 0) {
    out += kMonths[month - 1];
    out += ' ';
  }
  out += std::to_string(year);
  return out;
}

bool PartialDate::operator<(const PartialDate& other) const {
  return std::tie(year, month, day) <
         std::tie(other.year, other.month, other.day);
}

std::string PartialDateProblem(std::string_view text) {
  PartialDate date;
  const bool has_month = text.size() >= 7;
  const bool has_day = text.size() == 10;
  if (!(text.size() == 4 || text.size() == 7 || has_day) ||
      !ParseDigits(text.substr(0, 4), 4, &date.year) ||
      (has_month &&
       (text[4] != '-' || !ParseDigits(text.substr(5, 2), 2, &date.month))) ||
      (has_day &&
       (text[7] != '-' || !ParseDigits(text.substr(8, 2), 2, &date.day)))) {
    return "";
  }
  if (date.year < 1000) return "years run from 1000 to 9999";
  if (has_month && (date.month < 1 || date.month > 12)) {
    return "months run from 01 to 12";
  }
  if (has_day &&
      (date.day < 1 || date.day > DaysInMonth(date.year, date.month))) {
    return std::string(kMonths[date.month - 1]) + " " +
           std::to_string(date.year) + " has " +
           std::to_string(DaysInMonth(date.year, date.month)) + " days";
  }
  return "";
}

std::optional<PartialDate> ParsePartialDate(std::string_view text) {
  PartialDate date;
  if (!ParseDigits(text.substr(0, 4), 4, &date.year) || date.year < 1000) {
    return std::nullopt;
  }
  if (text.size() == 4) return date;
  if (text.size() < 7 || text[4] != '-' ||
      !ParseDigits(text.substr(5, 2), 2, &date.month) || date.month < 1 ||
      date.month > 12) {
    return std::nullopt;
  }
  if (text.size() == 7) return date;
  if (text.size() != 10 || text[7] != '-' ||
      !ParseDigits(text.substr(8, 2), 2, &date.day) || date.day < 1 ||
      date.day > DaysInMonth(date.year, date.month)) {
    return std::nullopt;
  }
  return date;
}

}  // namespace scrutineer
