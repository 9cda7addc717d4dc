#pragma once
// Model comparison (§4.13): two snapshots of one organization, the CSI of both,
// and each common unit's contribution to the change ½(impact_old + impact_new)·Δs,
// with the residual ΔCSI − Σ contributions; added and removed units and services.
// docs/trends.md has the details.
#include <optional>
#include <string>
#include <vector>

#include "servicechain/analysis/chain/convergence.hpp"
#include "servicechain/analysis/chain/propagation.hpp"
#include "servicechain/model.hpp"

namespace servicechain {

class JsonWriter;

/// Options of diff_models().
struct ModelDiffOptions {
  PropagationModel propagation = PropagationModel::linear;  ///< for q, CSI and impact of both models
  PropagationOptions solver;  ///< the chain solver's limits
};

/// A unit present in both models.
struct UnitDiff {
  std::string id;  ///< the unit's id
  double s_change = 0;  ///< s_new − s_old (intrinsic quality, §2)
  double q_change = 0;  ///< q_new − q_old (delivered quality, §4.1)
  /// ½(impact_old + impact_new)·(s_new − s_old); null when either impact is null.
  std::optional<double> contribution;
};

/// A service as diff identifies it: (from, to, name).
struct ServiceId {
  std::string from;  ///< supplier unit id
  std::string to;  ///< customer unit id
  std::string name;  ///< the service's name
  auto operator<=>(const ServiceId &) const = default;  ///< by from, then to, then name (byte order)
};

/// Units and services only in one of the models.
struct ModelDiffSide {
  std::vector<std::string> units;  ///< ids, in that model's order
  std::vector<ServiceId> services;  ///< by (from, to, name) in byte order; a repeated key once per extra copy
};

/// Result of diff_models().
struct ModelDiff {
  PropagationModel propagation = PropagationModel::linear;  ///< the propagation model used
  std::optional<double> csi_old;  ///< CSI of OLD; null without segments that have moments
  std::optional<double> csi_new;  ///< CSI of NEW
  std::optional<double> csi_change;  ///< csi_new − csi_old; null when either is null
  std::vector<UnitDiff> units;  ///< units in both, in NEW's order
  /// ΔCSI − Σ contributions: 0 (up to rounding) in the linear model when services,
  /// moments and segments are unchanged. Null when ΔCSI or a contribution is null.
  std::optional<double> residual;
  ModelDiffSide added;  ///< only in NEW
  ModelDiffSide removed;  ///< only in OLD
  /// Whether both models' propagations and adjoints met the residual bound;
  /// unit_ids: the ids of either model's units that did not (sorted, unique).
  Convergence convergence;
};

/// Compares two valid models of the same organization; an InputError when their
/// organization ids differ.
ModelDiff diff_models(const Model &old_model, const Model &new_model, const ModelDiffOptions &options = {});

/// JSON of `servicechain diff --json`: {"csi": {"old", "new", "change"},
/// "units": [{"id", "s_change", "q_change", "contribution"}], "residual",
/// "added": {"units", "services"}, "removed": {...}, "propagation"}.
void write_json(JsonWriter &w, const ModelDiff &diff);

}  // namespace servicechain
