// ISO 8601 timestamps parsed by hand: the miner parses one per event, and a
// general date library (or std::get_time with its locale machinery) costs more
// than the rest of the event's processing together.
#include <cstdint>
#include <optional>
#include <string_view>

#include "servicechain/analysis/mining/event_log.hpp"

namespace servicechain {
namespace {

/// Reads exactly `n` decimal digits at p; false if any is not a digit.
bool read_digits(const char *p, int n, int &out) {
  int v = 0;
  for (int i = 0; i < n; ++i) {
    unsigned d = static_cast<unsigned char>(p[i]) - '0';
    if (d > 9) return false;
    v = v * 10 + static_cast<int>(d);
  }
  out = v;
  return true;
}

bool is_leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int days_in_month(int y, int m) {
  static constexpr int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && is_leap(y) ? 29 : days[m - 1];
}

/// Days since 1970-01-01 of a proleptic Gregorian date (years 0..9999).
std::int64_t days_from_civil(int y, int m, int d) {
  y -= m <= 2;
  const int era = (y >= 0 ? y : y - 399) / 400;
  const int yoe = y - era * 400;
  const int doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
  const int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return std::int64_t{era} * 146097 + doe - 719468;
}

}  // namespace

std::optional<std::int64_t> parse_timestamp(std::string_view text) {
  while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
  while (!text.empty() && text.back() == ' ') text.remove_suffix(1);
  const char *p = text.data();
  const char *end = p + text.size();
  if (text.size() < 10 || p[4] != '-' || p[7] != '-') return std::nullopt;
  int year, month, day;
  if (!read_digits(p, 4, year) || !read_digits(p + 5, 2, month) || !read_digits(p + 8, 2, day)) return std::nullopt;
  if (month < 1 || month > 12 || day < 1 || day > days_in_month(year, month)) return std::nullopt;
  p += 10;
  std::int64_t micros = 0;
  std::int64_t offset_minutes = 0;
  if (p != end) {
    if (*p != 'T' && *p != 't' && *p != ' ') return std::nullopt;
    ++p;
    int hour, minute, second = 0;
    if (end - p < 5 || p[2] != ':' || !read_digits(p, 2, hour) || !read_digits(p + 3, 2, minute)) return std::nullopt;
    p += 5;
    if (hour > 23 || minute > 59) return std::nullopt;
    if (p != end && *p == ':') {
      if (end - p < 3 || !read_digits(p + 1, 2, second) || second > 60) return std::nullopt;
      p += 3;
      if (p != end && (*p == '.' || *p == ',')) {
        ++p;
        const char *digits = p;
        int fraction = 0, scale = 100000;
        while (p != end && static_cast<unsigned>(static_cast<unsigned char>(*p) - '0') <= 9) {
          if (scale > 0) fraction += (*p - '0') * scale, scale /= 10;
          ++p;
        }
        if (p == digits) return std::nullopt;
        micros = fraction;
      }
    }
    micros += ((std::int64_t{hour} * 60 + minute) * 60 + second) * 1000000;
    if (p != end) {
      if (*p == 'Z' || *p == 'z') {
        ++p;
      } else if (*p == '+' || *p == '-') {
        const int sign = *p == '-' ? -1 : 1;
        ++p;
        int oh, om = 0;
        if (end - p < 2 || !read_digits(p, 2, oh)) return std::nullopt;
        p += 2;
        if (p != end) {
          if (*p == ':') ++p;
          if (end - p < 2 || !read_digits(p, 2, om)) return std::nullopt;
          p += 2;
        }
        if (oh > 23 || om > 59) return std::nullopt;
        offset_minutes = sign * (oh * 60 + om);
      }
    }
    if (p != end) return std::nullopt;
  }
  return days_from_civil(year, month, day) * 86400000000LL + micros - offset_minutes * 60000000LL;
}

}  // namespace servicechain
