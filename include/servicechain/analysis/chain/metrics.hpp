#pragma once
// Per-unit measures of the internal customer chain (§4.3): weakest link
// upstream, distance to the external customer, layers of the unit tree, message
// fidelity, internal ratings, and managers' span of control. Plain values, units
// and people in model order.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <vector>

#include "servicechain/analysis/chain/graph.hpp"
#include "servicechain/model.hpp"

namespace servicechain {

/// The weakest unit upstream of a unit (§4.3).
struct WeakestLink {
  std::uint32_t unit = 0;  ///< model index of the weakest unit
  double quality = 0;      ///< its intrinsic quality s
};

/// For each v: the minimum s over v and every unit from which v can be reached
/// along services; ties go to the smallest id in byte order. Linear time on the
/// condensation (each service looked at once).
std::vector<WeakestLink> weakest_upstream(const Model &model, const ChainGraph &graph, std::span<const double> intrinsic);

/// Fewest services from each unit to an owner of a moment of truth (owners: 0);
/// null when no owner is reachable. Breadth-first search from all owners at once
/// along reversed services.
std::vector<std::optional<std::uint32_t>> customer_distance(const ChainGraph &graph);

/// Depth of each unit in the unit tree (a root is 0).
std::vector<std::uint32_t> unit_layers(const Model &model);

/// f^h(v) with h(v) = layers(v) + customer_distance(v) for every unit from which a
/// customer can be reached (§4.3): the management layers the customers' voice
/// crosses down from the top plus the services it crosses back from the front
/// line. Null where no customer is reachable.
std::vector<std::optional<double>> message_fidelity(std::span<const std::optional<std::uint32_t>> customer_distance,
                                                    std::span<const std::uint32_t> layers, double f = 0.9);

/// Weight-weighted mean rating of the rated services each unit supplies (null if none).
std::vector<std::optional<double>> internal_rating(const Model &model);

/// internal_rating - q per unit (null where the rating is null).
std::vector<std::optional<double>> rating_gap(std::span<const std::optional<double>> internal_rating,
                                              std::span<const double> delivered);

/// People per unit.
std::vector<std::size_t> unit_headcount(const Model &model);

/// Direct reports of every manager and their spread.
struct SpanOfControl {
  /// One manager and their number of direct reports.
  struct Manager {
    std::uint32_t person = 0;      ///< model index of the manager
    std::size_t direct_reports = 0;  ///< people naming this person as manager
  };
  std::vector<Manager> managers;  ///< people who manage someone, model order
  std::optional<std::size_t> min;  ///< fewest direct reports; null when nobody manages anyone
  std::optional<std::size_t> max;  ///< most direct reports; null when nobody manages anyone
  std::optional<double> mean;  ///< mean direct reports; null when nobody manages anyone
};

/// Direct reports of every manager (a person named as someone's `manager`).
SpanOfControl span_of_control(const Model &model);

}  // namespace servicechain
