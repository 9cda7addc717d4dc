#pragma once
// Internal: exact arithmetic where a result must not depend on rounding: the
// order of the training plan (docs/people.md). A double is read as the
// rational number it is (Rational(x)).
#include <boost/multiprecision/cpp_int.hpp>
#include <cmath>
#include <memory>

namespace servicechain::detail {

/// Constructed from a double, it holds the double's value exactly.
using Rational = boost::multiprecision::cpp_rational;

/// A non-negative quantity computed in binary64, with its exact value when the
/// binary64 result was rounded.
struct ExactValue {
  double value = 0;  ///< the binary64 result
  std::shared_ptr<const Rational> exact;  ///< null: `value` is exact
  Rational rational() const { return exact ? *exact : Rational(value); }
};

/// Σ a·b over the terms that `for_each_term(add)` passes to `add(a, b)`. The
/// binary64 sum is kept when every product and partial sum was exact (checked
/// with an fma and the two-sum error), else the terms are summed again as rationals.
template <class ForEachTerm>
ExactValue exact_sum_of_products(ForEachTerm for_each_term) {
  double sum = 0;
  bool exact = true;
  for_each_term([&](double a, double b) {
    const double p = a * b;
    const double s = sum + p;
    const double bv = s - sum;
    exact = exact && std::fma(a, b, -p) == 0 && (sum - (s - bv)) + (p - bv) == 0;
    sum = s;
  });
  if (exact) return {sum, nullptr};
  Rational r = 0;
  for_each_term([&](double a, double b) { r += Rational(a) * Rational(b); });
  return {sum, std::make_shared<const Rational>(std::move(r))};
}

/// The non-negative ratio amount·factor / (divisor1·divisor2) of non-negative
/// values, in exact arithmetic. A zero divisor makes it +∞ when the numerator is
/// positive and 0 when it is 0 too.
struct ExactRatio {
  ExactValue amount;
  double factor = 1;
  double divisor1 = 1, divisor2 = 1;
};

/// −1, 0 or 1 as `a` is below, equal to or above `b`, exactly: a binary64
/// comparison decides when the two differ by more than 2^-40 relative (far above
/// its rounding error), rational arithmetic otherwise. A total order on the
/// exact values, so a strict weak ordering for sorting and heaps.
int compare(const ExactRatio &a, const ExactRatio &b);

}  // namespace servicechain::detail
