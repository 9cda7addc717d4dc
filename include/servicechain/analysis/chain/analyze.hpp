#pragma once
// Everything `servicechain analyze` reports (§4.1–§4.4) in one call, and its
// JSON form (the CLI's --json and the C API's "analyze" request print this).
// JSON keys: docs/chain.md.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "servicechain/analysis/chain/graph.hpp"
#include "servicechain/analysis/chain/impact.hpp"
#include "servicechain/analysis/chain/metrics.hpp"
#include "servicechain/analysis/chain/propagation.hpp"
#include "servicechain/analysis/chain/structure.hpp"
#include "servicechain/io/json_writer.hpp"
#include "servicechain/model.hpp"

namespace servicechain {

struct ChainAnalysisOptions {
  PropagationModel model = PropagationModel::linear;
  double fidelity = 0.9;  ///< f of message_fidelity = f^layers
  PropagationOptions propagation;
  StructureOptions structure;
};

struct ChainAnalysis {
  PropagationModel model = PropagationModel::linear;
  std::vector<double> intrinsic;  ///< s
  PropagationResult propagation;  ///< q and solver figures
  Satisfaction satisfaction;      ///< moments, segments, CSI
  ImpactResult impact;
  std::vector<std::optional<double>> impact_per_person;
  std::vector<std::size_t> headcount;
  std::vector<WeakestLink> weakest_upstream;
  std::vector<std::optional<std::uint32_t>> customer_distance;
  std::vector<std::uint32_t> layers;
  std::vector<std::optional<double>> message_fidelity;
  std::vector<std::optional<double>> internal_rating, rating_gap;
  SpanOfControl span_of_control;
  StructureResult structure;
  /// The printed order of §4: cycles with ids in byte order, sorted by first id;
  /// bridges as sorted id pairs, sorted. Unit indices.
  std::vector<std::vector<std::uint32_t>> cycles_by_id;
  std::vector<std::pair<std::uint32_t, std::uint32_t>> bridges_by_id;
};

/// Runs every chain analysis on a valid model.
ChainAnalysis analyze_chain(const Model &model, const ChainGraph &graph, const ChainAnalysisOptions &options = {});
ChainAnalysis analyze_chain(const Model &model, const ChainAnalysisOptions &options = {});

/// Writes the analysis as one JSON object (the keys of DESIGN §5 plus extras).
void write_chain_analysis_json(JsonWriter &writer, const Model &model, const ChainAnalysis &analysis);
std::string chain_analysis_json(const Model &model, const ChainAnalysis &analysis);

}  // namespace servicechain
