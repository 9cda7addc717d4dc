#pragma once
// The HTML report of a model built in one call from what `servicechain report`
// (and a "report" request) names: survey files, plans, date, propagation model.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "servicechain/analysis/chain/graph.hpp"
#include "servicechain/analysis/chain/propagation.hpp"
#include "servicechain/bundled.hpp"
#include "servicechain/io/csv.hpp"

namespace servicechain {

/// What build_html_report() puts in the report.
struct HtmlReportRequest {
  std::vector<CsvSource> surveys;  ///< SERVQUAL and/or IPA surveys, told apart by their header (at most one each)
  std::vector<std::string> plans;  ///< plan ids; empty: every plan of the model
  std::string as_of;               ///< date for overdue actions; empty: each plan's own date (plan_data_date)
  PropagationModel propagation = PropagationModel::linear;  ///< of the chain analysis and the plans
  Language language = Language::en;  ///< of the report's texts and bundled content
  bool morale_cap = true;  ///< the §2 ceiling (false: --no-morale-cap)
  std::optional<std::uint32_t> group_depth;  ///< collapse at this depth (default: only above the drawing limit)
  std::optional<std::size_t> group_max;      ///< at most this many groups when collapsing
  std::vector<std::string> detail;           ///< units whose subtree is drawn on its own
  PropagationOptions solver;  ///< the chain solver's limits (--solver-iterations, --solver-direct-limit)
  /// An internal customer survey (§4.12) shown in the internal customers section.
  std::optional<CsvSource> internal_survey;
  /// CSI of an earlier snapshot (e.g. `--previous OLD_MODEL`): the summary shows the change.
  std::optional<double> previous_csi;
  std::string currency;  ///< currency code after money; empty: the model's x-currency, else none
  bool full_chain = false;  ///< draw the whole chain, not split by department (HtmlReportInput::full_chain)
  bool all_warnings = false;  ///< list every validation warning (default: the first few and a count)
  std::size_t simulation_runs = 500;  ///< runs of the report's simulation section (0: leave it out)
};

/// Analyses the model and writes the self-contained HTML report (html.hpp).
/// Throws InputError for a survey that is neither SERVQUAL nor IPA, ArgumentError
/// for a second survey of one kind or an unknown plan.
std::string build_html_report(const Model &model, const ChainGraph &graph, const HtmlReportRequest &request);

}  // namespace servicechain
