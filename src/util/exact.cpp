#include "exact.hpp"

#include <algorithm>
#include <charconv>
#include <cstdlib>
#include <numeric>

namespace servicechain::detail {

std::int64_t checked_multiply(std::int64_t a, std::int64_t b) {
  std::int64_t r = 0;
  if (__builtin_mul_overflow(a, b, &r)) throw Overflow{};
  return r;
}

std::int64_t checked_lcm(std::int64_t a, std::int64_t b) { return checked_multiply(a / std::gcd(a, b), b); }

Decimal shortest_decimal(double x) {
  char text[64];
  auto end = std::to_chars(text, text + sizeof text, x, std::chars_format::scientific).ptr;  // d.ddde±x, shortest
  Decimal d;
  bool negative = false;
  const char *c = text;
  if (*c == '-') negative = true, ++c;
  for (; c < end && *c != 'e'; ++c)
    if (*c != '.') d.mantissa = d.mantissa * 10 + (*c - '0'), d.exponent -= (c > text + negative + 1);
  if (c < end) {  // "e+05" or "e-05": to_chars writes no terminating NUL, so parse within [c + 1, end)
    const char *digits = c + 1 < end && c[1] == '+' ? c + 2 : c + 1;
    int exponent = 0;
    std::from_chars(digits, end, exponent);
    d.exponent += exponent;
  }
  if (negative) d.mantissa = -d.mantissa;
  return d;
}

Rational decimal_rational(double x) {
  const Decimal d = shortest_decimal(x);
  const BigInt power = boost::multiprecision::pow(BigInt(10), static_cast<unsigned>(std::abs(d.exponent)));
  return d.exponent >= 0 ? Rational(BigInt(d.mantissa) * power) : Rational(BigInt(d.mantissa), power);
}

Fraction Fraction::decimal(double x) {
  if (!std::isfinite(x)) throw Overflow{};
  const Decimal d = shortest_decimal(x);
  std::int64_t power = 1;
  for (int i = 0; i < std::abs(d.exponent); ++i) power = checked_multiply(power, 10);
  return d.exponent >= 0 ? Fraction(checked_multiply(d.mantissa, power), 1) : Fraction(d.mantissa, power);
}

Fraction::Fraction(std::int64_t num, std::int64_t den) {
  if (den < 0) num = -num, den = -den;  // den is never INT64_MIN: always a product of positive values
  const std::int64_t g = std::gcd(num, den);
  num_ = num / g;
  den_ = den / g;
}

Fraction &Fraction::operator+=(const Fraction &b) {
  const std::int64_t g = std::gcd(den_, b.den_);
  std::int64_t sum = 0;
  if (__builtin_add_overflow(checked_multiply(num_, b.den_ / g), checked_multiply(b.num_, den_ / g), &sum))
    throw Overflow{};
  return *this = Fraction(sum, checked_multiply(den_ / g, b.den_));
}

Fraction operator*(const Fraction &a, const Fraction &b) {
  const std::int64_t g1 = std::gcd(a.num_, b.den_), g2 = std::gcd(b.num_, a.den_);
  return Fraction(checked_multiply(a.num_ / g1, b.num_ / g2), checked_multiply(a.den_ / g2, b.den_ / g1));
}

Fraction operator/(const Fraction &a, const Fraction &b) {
  if (b.num_ == 0) throw Overflow{};
  return a * Fraction(b.den_, b.num_);
}

bool operator<(const Fraction &a, const Fraction &b) {
  return checked_multiply(a.num_, b.den_) < checked_multiply(b.num_, a.den_);
}

namespace {

enum class Kind { zero, finite, infinite };

Kind kind(const ExactRatio &r) {
  if (r.amount.value == 0 && !r.amount.exact) return Kind::zero;
  if (r.factor == 0) return Kind::zero;
  if (r.amount.exact && *r.amount.exact == 0) return Kind::zero;
  return r.divisor1 == 0 || r.divisor2 == 0 ? Kind::infinite : Kind::finite;
}

int sign(const Rational &x) { return x < 0 ? -1 : x > 0 ? 1 : 0; }

}  // namespace

int compare(const ExactRatio &a, const ExactRatio &b) {
  const Kind ka = kind(a), kb = kind(b);
  if (ka != Kind::finite || kb != Kind::finite) return ka < kb ? -1 : ka > kb ? 1 : 0;
  if (a.amount.value == b.amount.value && !a.amount.exact && !b.amount.exact && a.factor == b.factor &&
      a.divisor1 == b.divisor1 && a.divisor2 == b.divisor2)
    return 0;
  // Binary64 first: a handful of roundings (relative error below 2^-48) cannot
  // reorder values 2^-40 apart. Not for values outside the normal range.
  auto approx = [](const ExactRatio &r, double &out) {
    const double num = r.amount.value * r.factor, den = r.divisor1 * r.divisor2;
    out = num / den;
    return std::isnormal(r.amount.value) && std::isnormal(num) && std::isnormal(den) && std::isnormal(out);
  };
  double x = 0, y = 0;
  if (approx(a, x) && approx(b, y)) {
    constexpr double margin = 0x1p-40;
    const double gap = margin * std::max(std::fabs(x), std::fabs(y));
    if (x - y > gap) return 1;
    if (y - x > gap) return -1;
  }
  // Cross-multiplied: a.amount·a.factor·b.divisor1·b.divisor2 − b.amount·b.factor·a.divisor1·a.divisor2.
  return sign(a.amount.rational() * Rational(a.factor) * Rational(b.divisor1) * Rational(b.divisor2) -
              b.amount.rational() * Rational(b.factor) * Rational(a.divisor1) * Rational(a.divisor2));
}

}  // namespace servicechain::detail
