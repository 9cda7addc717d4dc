#include "exact.hpp"

#include <algorithm>

namespace servicechain::detail {

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
