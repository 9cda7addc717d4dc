#pragma once
// Internal: the person-position fit (§4.6) in exact arithmetic on the decimal
// values of the levels and weights (0.1 is 1/10), for the alignment's exact
// optimum (docs/people.md). Same formula as fit().
#include "../../util/exact.hpp"
#include "servicechain/model.hpp"

namespace servicechain {

/// fit(person, position) computed exactly on detail::decimal_rational of its inputs.
detail::Rational exact_fit(const Person &person, const Position &position);
/// The same in 64-bit fractions (fast); throws detail::Overflow when an input or
/// an intermediate value does not fit one.
detail::Fraction small_exact_fit(const Person &person, const Position &position);

}  // namespace servicechain
