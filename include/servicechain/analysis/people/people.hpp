#pragma once
// What `servicechain people` reports in one call: person-position fit,
// alignment per unit and the training plan weighted by each unit's impact on
// the CSI (§4.6, §4.8), and its JSON form (keys in docs/people.md).
#include <optional>
#include <vector>

#include "servicechain/analysis/chain/convergence.hpp"
#include "servicechain/analysis/chain/graph.hpp"
#include "servicechain/analysis/chain/propagation.hpp"
#include "servicechain/analysis/people/across_units.hpp"
#include "servicechain/analysis/people/alignment.hpp"
#include "servicechain/analysis/people/training.hpp"
#include "servicechain/io/json_writer.hpp"

namespace servicechain {

/// ∂CSI/∂s_u per unit for the training priority.
struct UnitImpact {
  /// from the adjoint sweep (§4.2), an undefined impact as 0; empty when the CSI
  /// is undefined (no segment has moments): every unit alike
  std::vector<double> values;
  const char *method = "uniform";  ///< "adjoint", or "uniform" when `values` is empty
  Convergence convergence;  ///< of the propagation and the adjoint (units named)
};

/// The impact of each unit's own quality on the CSI under `propagation`.
/// `morale_cap`: the §2 ceiling (false: --no-morale-cap).
/// `solver`: the chain solver's limits.
UnitImpact unit_impact(const Model &model, const ChainGraph &graph, PropagationModel propagation,
                       bool morale_cap = true, const PropagationOptions &solver = {});

/// Options of people_report().
struct PeopleReportOptions {
  double threshold = 0.6;  ///< list people whose fit is below this
  std::optional<double> budget;  ///< of the training plan; nullopt: no limit
  PropagationModel propagation = PropagationModel::linear;  ///< for the impact on the CSI
  Language language = Language::en;  ///< of the bundled curriculum
  bool morale_cap = true;  ///< the §2 ceiling in the impact (false: --no-morale-cap)
  bool across_units = false;  ///< also align across the units of each level (across_units.hpp)
  std::optional<std::size_t> max_moves;  ///< limit of the moves across units; nullopt: none
  PropagationOptions solver;  ///< the chain solver's limits (--solver-iterations, --solver-direct-limit)
};

/// Result of people_report().
struct PeopleReport {
  AlignmentResult alignment;  ///< fit and alignment per unit
  TrainingResult training;    ///< needs and plan
  const char *impact_method = "uniform";  ///< see UnitImpact
  PropagationModel propagation = PropagationModel::linear;  ///< used for the impact
  std::optional<AcrossUnitsResult> across;  ///< with PeopleReportOptions::across_units
  Convergence convergence;  ///< whether the impact's propagation and adjoint met the residual bound
};

/// Fit, alignment and training of a valid model and its chain graph.
PeopleReport people_report(const Model &model, const ChainGraph &graph, const PeopleReportOptions &options = {});

/// The report as JSON (`servicechain people --json`): {"threshold", "people",
/// "below_threshold", "alignment", "alignment_total", "across_units" (when
/// asked for), "training"}, then "converged": false and "warnings" when the
/// impact did not converge (convergence.hpp).
void write_json(JsonWriter &w, const PeopleReport &report);

}  // namespace servicechain
