#pragma once
// Everything `servicechain analyze` reports (§4.1–§4.4) in one call, and its
// JSON form (the CLI's --json and the C API's "analyze" request print this).
// JSON keys: docs/chain.md.
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "servicechain/analysis/chain/convergence.hpp"
#include "servicechain/analysis/chain/graph.hpp"
#include "servicechain/analysis/chain/impact.hpp"
#include "servicechain/analysis/chain/metrics.hpp"
#include "servicechain/analysis/chain/propagation.hpp"
#include "servicechain/analysis/chain/structure.hpp"
#include "servicechain/io/json_writer.hpp"
#include "servicechain/model.hpp"

namespace servicechain {

/// Options of analyze_chain.
struct ChainAnalysisOptions {
  PropagationModel model = PropagationModel::linear;  ///< propagation model (§4.1)
  double fidelity = 0.9;  ///< f of message_fidelity = f^(layers + customer_distance)
  bool morale_cap = true;  ///< §2: s_u = min(quality_u, c_u); false: s_u = quality_u whenever given
  PropagationOptions propagation;  ///< solver settings of propagate and impact
  StructureOptions structure;  ///< settings of analyze_structure (betweenness sampling)
};

/// One unit's results of a ChainAnalysis (its row of `analyze --json`'s "units").
struct UnitAnalysis {
  std::uint32_t index = 0;  ///< the unit's index in the model
  double quality = 0;  ///< s (after the morale ceiling)
  std::optional<double> morale_ceiling;  ///< c_u; null without people
  bool capped = false;  ///< the ceiling sets s below the given quality
  double delivered = 0;  ///< q
  std::optional<double> impact;  ///< ∂CSI/∂s_u
  std::optional<double> impact_per_person;  ///< impact / headcount
  WeakestLink weakest_upstream;  ///< the weakest unit upstream, itself included
  std::optional<std::uint32_t> customer_distance;  ///< services to a moment owner; null: none
  std::uint32_t layers = 0;  ///< depth in the unit tree
  std::optional<double> message_fidelity;  ///< f^(layers + customer_distance)
  std::optional<double> internal_rating;  ///< mean rating of its services
  std::optional<double> rating_gap;  ///< internal rating − q
};

struct ChainAnalysis;
/// The results of unit `index` (< the model's unit count).
UnitAnalysis unit_analysis(const ChainAnalysis &analysis, std::uint32_t index);

/// Every chain analysis of a model (§4.1–§4.4); vectors hold one value per unit in model order.
struct ChainAnalysis {
  /// One unit's results by index (unit_analysis).
  UnitAnalysis unit(std::uint32_t index) const { return unit_analysis(*this, index); }
  /// One unit's results by id, e.g. unit(model, "fb04") with the analysed
  /// model; nullopt when no unit has that id. Linear in the number of units.
  std::optional<UnitAnalysis> unit(const Model &model, std::string_view id) const;

  PropagationModel model = PropagationModel::linear;  ///< the propagation model used
  std::vector<double> intrinsic;  ///< s, after the morale ceiling (§2)
  std::vector<std::optional<double>> morale_ceiling;  ///< c_u; null for a unit without people
  std::vector<char> capped;  ///< quality and ceiling both exist, the cap is on and c_u < quality_u
  /// ∂CSI/∂c_u: impact_u where the ceiling sets s (capped, or people and no quality), else 0
  std::vector<std::optional<double>> morale_impact;
  PropagationResult propagation;  ///< q and solver figures
  Satisfaction satisfaction;      ///< moments, segments, CSI
  ImpactResult impact;  ///< ∂CSI/∂s_u per unit (§4.2)
  std::vector<std::optional<double>> impact_per_person;  ///< impact / headcount (null for a unit without people)
  std::vector<std::size_t> headcount;  ///< people per unit
  std::vector<WeakestLink> weakest_upstream;  ///< the weakest unit upstream of each unit, itself included
  /// fewest services to a moment-of-truth owner (null: none reachable)
  std::vector<std::optional<std::uint32_t>> customer_distance;
  std::vector<std::uint32_t> layers;  ///< depth in the unit tree (a root is 0)
  /// f^(layers + customer_distance); null where no customer is reachable
  std::vector<std::optional<double>> message_fidelity;
  std::vector<std::optional<double>> internal_rating;  ///< internal_rating(model)
  std::vector<std::optional<double>> rating_gap;       ///< internal rating − q
  SpanOfControl span_of_control;  ///< direct reports per manager
  StructureResult structure;  ///< cycles, articulation points, bridges, betweenness
  /// The printed order of §4: cycles with ids in byte order, sorted by first id;
  /// bridges as sorted id pairs, sorted. Unit indices.
  std::vector<std::vector<std::uint32_t>> cycles_by_id;
  /// bridges as id-sorted pairs of unit indices, sorted by id
  std::vector<std::pair<std::uint32_t, std::uint32_t>> bridges_by_id;

  /// Propagation and adjoint together: converged when both met the residual bound.
  Convergence convergence() const;
};

/// Runs every chain analysis on a valid model.
ChainAnalysis analyze_chain(const Model &model, const ChainGraph &graph, const ChainAnalysisOptions &options = {});
/// The same, building the ChainGraph itself.
ChainAnalysis analyze_chain(const Model &model, const ChainAnalysisOptions &options = {});
/// analyze_chain() on a model built in code: validates it first and throws
/// ValidationError with every problem (validate()) when it is not valid,
/// instead of an undefined result.
ChainAnalysis analyze_checked(const Model &model, const ChainAnalysisOptions &options = {});

/// Writes the analysis as one JSON object (the keys of docs/chain.md).
void write_chain_analysis_json(JsonWriter &writer, const Model &model, const ChainAnalysis &analysis);
/// The same, with the keys `more_fields` writes at the end of the object (e.g.
/// the collapsed view's "groups" and "links": write_collapsed_json_fields).
void write_chain_analysis_json(JsonWriter &writer, const Model &model, const ChainAnalysis &analysis,
                               const std::function<void(JsonWriter &)> &more_fields);
/// The same JSON as a string (what `servicechain analyze --json` prints).
std::string chain_analysis_json(const Model &model, const ChainAnalysis &analysis);

}  // namespace servicechain
