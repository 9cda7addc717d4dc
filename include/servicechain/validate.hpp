#pragma once
// Model validation (docs/validation.md lists every code).
#include "servicechain/error.hpp"
#include "servicechain/model.hpp"
#include <string_view>
#include <vector>

namespace servicechain {

/// Checks a model and appends every problem to `diagnostics`: errors (dangling
/// references, duplicate ids, cycles in the unit or manager tree, input weights
/// summing to more than 1, self-loops, values out of range, closed dependency
/// loops, unknown metrics, ...) and warnings (a segment without moments, a unit of
/// unknown quality, a unit with no path to a customer, ...). Each has a JSON path.
void validate(const Model &model, Diagnostics &diagnostics);

/// Convenience: validate and return the diagnostics.
Diagnostics validate(const Model &model);

/// Tolerance for comparisons of weight sums (0.7 + 0.2 + 0.1 sums to 1).
inline constexpr double weight_tolerance = 1e-9;

}  // namespace servicechain

namespace servicechain {
/// The metrics a standard may name (§4.7); survey metrics are evaluated only
/// when a survey is given.
const std::vector<std::string_view> &known_metrics();
/// Whether `metric` is one of known_metrics().
bool is_known_metric(std::string_view metric);
/// True for a valid calendar date written YYYY-MM-DD.
bool is_iso_date(std::string_view text);
}  // namespace servicechain
