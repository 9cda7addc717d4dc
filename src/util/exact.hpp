#pragma once
// Internal: exact arithmetic where a result must not depend on rounding: the
// alignment's total fit and the order of the training plan (docs/people.md).
// A double is read either as the rational number it is (Rational(x)) or as
// the decimal it was written as (its shortest round-trip decimal: 0.1 is
// 1/10), for values that come from a model file.
#include <boost/multiprecision/cpp_int.hpp>
#include <cmath>
#include <cstdint>
#include <memory>

namespace servicechain::detail {

using BigInt = boost::multiprecision::cpp_int;
/// Constructed from a double, it holds the double's value exactly.
using Rational = boost::multiprecision::cpp_rational;

/// x = mantissa·10^exponent with the fewest digits that read back as x
/// (std::to_chars' shortest form); x finite.
struct Decimal {
  std::int64_t mantissa = 0;
  int exponent = 0;
};
Decimal shortest_decimal(double x);

/// The exact value of shortest_decimal(x): 0.1 gives 1/10, not 3602879701896397/2^55.
Rational decimal_rational(double x);

/// Thrown by the 64-bit exact arithmetic below when a value leaves its range;
/// the caller then computes again with Rational / BigInt.
struct Overflow {};

/// a·b, or Overflow.
std::int64_t checked_multiply(std::int64_t a, std::int64_t b);
/// The least common multiple of a, b > 0, or Overflow.
std::int64_t checked_lcm(std::int64_t a, std::int64_t b);

/// An exact fraction of 64-bit integers in lowest terms (denominator > 0): the
/// fast path of Rational for short decimals (integers, 0.5, 0.3). A result
/// outside int64 throws Overflow. Supports what the fit formula uses (+=, *, /,
/// comparisons).
class Fraction {
 public:
  Fraction(int value = 0) : num_(value) {}  // implicit, like Rational's
  /// decimal_rational(x) as a Fraction, or Overflow.
  static Fraction decimal(double x);
  std::int64_t numerator() const { return num_; }
  std::int64_t denominator() const { return den_; }
  Fraction &operator+=(const Fraction &b);
  friend Fraction operator*(const Fraction &a, const Fraction &b);
  friend Fraction operator/(const Fraction &a, const Fraction &b);
  friend bool operator<(const Fraction &a, const Fraction &b);
  friend bool operator>(const Fraction &a, const Fraction &b) { return b < a; }

 private:
  Fraction(std::int64_t num, std::int64_t den);  // reduces; den != 0
  std::int64_t num_ = 0, den_ = 1;
};
inline std::int64_t numerator(const Fraction &f) { return f.numerator(); }
inline std::int64_t denominator(const Fraction &f) { return f.denominator(); }

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
