#pragma once
// Synthetic organizations for tests, demos and benchmarks (docs/generate.md):
// a unit tree, a mostly local internal customer chain with a few long-range
// services and small circular dependencies, segments and moments of truth,
// optionally people and an improvement plan. Deterministic for a seed on every
// platform (own integer sampling, no std distributions). The result passes
// validation without errors or warnings.
#include <cstddef>
#include <cstdint>

#include "servicechain/model.hpp"

namespace servicechain {

/// Size and shape of a generated model (generate_model).
struct GenerateOptions {
  std::size_t units = 1000;            ///< >= 1
  double services_per_unit = 5;        ///< mean incoming services per unit, in [0, 10]
  std::uint64_t seed = 1;  ///< random seed: the same options and seed give the same model
  double cycle_share = 0.02;           ///< share of units inside circular dependencies (SCCs of 2-50 units), [0, 1]
  double long_range_share = 0.05;      ///< share of services between units far apart in the tree, [0, 1]
  std::size_t branching = 8;           ///< children per unit in the unit tree, >= 2
  std::size_t people_per_unit = 0;     ///< 0: unit qualities are given instead of people
  std::size_t segments = 3;            ///< >= 1
  std::size_t moments = 0;             ///< moments of truth in all; 0: about one per 20 units (at least 2 per segment, at most 10,000)
  double rated_share = 0.3;            ///< share of services with an internal rating
  std::size_t plan_actions = 0;        ///< >0: one improvement plan with that many actions
};

/// Builds a synthetic organization. Throws ArgumentError on options out of range.
Model generate_organization(const GenerateOptions &options);

}  // namespace servicechain
