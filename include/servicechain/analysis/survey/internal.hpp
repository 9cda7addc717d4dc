#pragma once
// The internal customer survey (§4.12): every unit rates the units that serve
// it. Per supplier the mean rating mapped to [0,1] with a 95% interval against
// the model's delivered quality, per service (from, to, name) the mean rating,
// per respondent unit the employee NPS; groups below a privacy minimum are
// suppressed. docs/survey.md ("Internal customer survey") has the details.
#include <array>
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "servicechain/analysis/chain/convergence.hpp"
#include "servicechain/analysis/chain/graph.hpp"
#include "servicechain/analysis/chain/propagation.hpp"
#include "servicechain/io/csv.hpp"
#include "servicechain/model.hpp"

namespace servicechain {

class JsonWriter;

/// Options of internal_survey().
struct InternalSurveyOptions {
  /// Groups (supplier, service, respondent unit) with fewer rows than this are
  /// suppressed (for eNPS: fewer rows with an enps value).
  std::size_t min_group = 5;
  /// How `delivered` (the model's q_u) is propagated.
  PropagationModel propagation = PropagationModel::linear;
  PropagationOptions solver;  ///< the chain solver's limits
};

/// A 95% interval [low, high]; null where it is undefined.
using ConfidenceInterval = std::optional<std::array<double, 2>>;

/// One supplier unit as its internal customers rate it.
struct InternalSupplier {
  std::string unit;  ///< the supplier's unit id
  std::size_t n = 0;  ///< rows rating it
  std::size_t respondent_units = 0;  ///< distinct respondent units among them
  std::optional<double> internal_rating;  ///< mean of (rating − 1)/4; null when suppressed
  std::optional<double> sd;  ///< sample standard deviation (n − 1) of the mapped ratings; null for n < 2 or suppressed
  ConfidenceInterval ci;  ///< internal_rating ± 1.96·sd/√n; null for n < 2 or suppressed
  double delivered = 0;  ///< the model's q_u (not survey data: shown even when suppressed)
  std::optional<double> rating_gap;  ///< internal_rating − delivered; null when suppressed
  bool suppressed = false;  ///< n < min_group
};

/// One service (from, to, name) as its internal customer rates it.
struct InternalService {
  std::string from;  ///< supplier unit id
  std::string to;  ///< respondent (internal customer) unit id
  std::string name;  ///< the service's name in the model
  std::size_t n = 0;  ///< rows attributed to this service
  std::optional<double> rating;  ///< mean of (rating − 1)/4; null when suppressed
  bool suppressed = false;  ///< n < min_group
};

/// One unit as respondent: its employee Net Promoter Score.
struct InternalRespondent {
  std::string unit;  ///< the respondent unit id
  std::size_t rows = 0;  ///< rows the unit answered
  std::size_t n = 0;  ///< rows with an enps value
  std::optional<double> enps;  ///< 100·(promoters − detractors)/n; null when n = 0 or suppressed
  std::optional<double> se;  ///< 100·sqrt((p_P + p_D − (p_P − p_D)²)/n), as NPS
  ConfidenceInterval ci;  ///< enps ± 1.96·se, not clamped
  bool suppressed = false;  ///< n < min_group
};

/// Result of internal_survey().
struct InternalSurveyResult {
  std::size_t n = 0;  ///< rows
  std::size_t min_group = 5;  ///< the privacy minimum used
  PropagationModel propagation = PropagationModel::linear;  ///< how `delivered` was computed
  std::vector<InternalSupplier> suppliers;  ///< units rated as suppliers, model order
  std::vector<InternalService> services;  ///< services with rows, by (from, to, name) in byte order
  std::vector<InternalRespondent> respondents;  ///< units that answered, model order
  Convergence convergence;  ///< whether the propagation behind `delivered` met the residual bound
};

/// Reads an internal survey (columns respondent_unit, supplier_unit, rating;
/// optional service, enps, date; others ignored) against a valid model and its
/// graph. Every row must match a model service (from = supplier_unit, to =
/// respondent_unit, name = service when given); a rating off 1–5, an enps off
/// 0–10 (integers), a date that is not YYYY-MM-DD, an unknown unit or a row
/// without a matching service is a ParseError at its row and column. Streams:
/// memory is a few sums per supplier, service and respondent unit.
InternalSurveyResult internal_survey(CsvReader &reader, const Model &model, const ChainGraph &graph,
                                     const InternalSurveyOptions &options = {});
/// The same, building the model's ChainGraph itself.
InternalSurveyResult internal_survey(CsvReader &reader, const Model &model, const InternalSurveyOptions &options = {});

/// JSON of `servicechain survey internal --json`: {"n", "min_group",
/// "propagation", "suppliers": [...], "services": [...], "respondents": [...]}.
void write_json(JsonWriter &w, const InternalSurveyResult &result);

/// Writes each unsuppressed service mean of `result` into the `rating` of the
/// model's services with the same (from, to, name) (`import internal-survey`);
/// other services keep their rating. Returns how many services were set.
std::size_t apply_internal_ratings(Model &model, const InternalSurveyResult &result);

}  // namespace servicechain
