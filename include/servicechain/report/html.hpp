#pragma once
// The self-contained HTML report (docs/report.md): one file, inline CSS and SVG
// only (no script, no network), built from results already computed.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "servicechain/analysis/chain/analyze.hpp"
#include "servicechain/analysis/chain/graph.hpp"
#include "servicechain/analysis/people/alignment.hpp"
#include "servicechain/analysis/people/maturity.hpp"
#include "servicechain/analysis/people/roadmap.hpp"
#include "servicechain/analysis/people/training.hpp"
#include "servicechain/analysis/policies/compliance.hpp"
#include "servicechain/analysis/simulation/simulation.hpp"
#include "servicechain/analysis/survey/internal.hpp"
#include "servicechain/analysis/plans/plan.hpp"
#include "servicechain/analysis/survey/ipa.hpp"
#include "servicechain/analysis/survey/servqual.hpp"
#include "servicechain/analysis/survey/trend.hpp"
#include "servicechain/bundled.hpp"
#include "servicechain/model.hpp"

namespace servicechain {

/// What the report shows. `model`, `graph` and `chain` are required; every other
/// section is left out when its input is absent or empty.
struct HtmlReportInput {
  const Model *model = nullptr;  ///< the model reported on (required)
  const ChainGraph *graph = nullptr;  ///< its ChainGraph (required)
  const ChainAnalysis *chain = nullptr;  ///< analyze_chain(*model, *graph, ...)
  std::vector<PlanReport> plans;         ///< plan_report per plan to show
  std::optional<ServqualResult> servqual;  ///< SERVQUAL gaps by dimension
  std::optional<IpaResult> ipa;            ///< importance–performance scatter
  std::optional<TrainingResult> training;  ///< training plan per level (training_needs)
  std::optional<AlignmentResult> alignment;  ///< person–position fit and people below the threshold (align)
  std::optional<ComplianceResult> compliance;  ///< policies and standards (check_policies)
  std::optional<MaturityResult> maturity;  ///< culture maturity (assess_maturity)
  std::optional<RoadmapResult> roadmap;  ///< the culture roadmap's weak processes (culture_roadmap)
  std::optional<InternalSurveyResult> internal_survey;  ///< the internal customer survey (§4.12)
  std::optional<SimulationResult> simulation;  ///< Monte Carlo of the CSI (§4.11)
  /// Trends over dated waves (survey_trend, maturity_trend), one per kind; a maturity
  /// trend may carry a "csi" measure (the CSI of each wave's model) after "maturity_index".
  std::vector<TrendResult> trends;
  /// CSI of an earlier snapshot of the organization (`--previous`): the summary shows the change.
  std::optional<double> previous_csi;
  std::string currency;  ///< currency code shown after money ("USD"); empty: none
  /// Warnings of the model's validation, listed in the report (summarized when many).
  std::vector<std::string> warnings;
  /// List every warning instead of the first few (`--all-warnings`).
  bool all_warnings = false;
  Language language = Language::en;  ///< language of the report's text
  /// Largest chain drawn with Graphviz; a larger one gets a note instead.
  std::size_t max_drawn_units = 400;
  /// Rows of the impact ranking chart (the highest impacts).
  std::size_t max_ranked_units = 30;
  /// Collapsed view (docs/report.md, docs/chain.md): above max_drawn_units the
  /// chain is drawn collapsed at the deepest depth with at most max_groups
  /// groups, or at group_depth when set (then also below the limit).
  std::optional<std::uint32_t> group_depth;
  std::size_t max_groups = 40;  ///< see group_depth (>= 1)
  std::size_t max_drawn_links = 40;  ///< links between groups drawn (the heaviest); 0: all
  std::size_t top_units_per_group = 3;  ///< units listed inside each group of the group impact ranking
  /// Unit ids whose subtree gets a drawing of its own: in full up to
  /// max_drawn_units units, else collapsed within the subtree. An unknown id
  /// is an ArgumentError.
  std::vector<std::string> detail;
  /// Draw the whole chain even when its labels would be smaller than 10 px at the
  /// page's width (it then scrolls inside its box); by default such a chain is
  /// split by department: collapsed at the top-level units, each drawn on its own.
  bool full_chain = false;
};

/// The report as one HTML document (UTF-8). Throws ArgumentError when a required
/// input is missing.
std::string html_report(const HtmlReportInput &input);

/// True when the library was built with Graphviz (CMake SERVICECHAIN_WITH_GRAPHVIZ).
bool graphviz_available();

/// Graph attributes set on a DOT text before layout, e.g. {"rankdir", "TB"}.
using GraphAttributes = std::vector<std::pair<std::string, std::string>>;

/// Lays out a DOT digraph with Graphviz's "dot" engine and returns the `<svg>`
/// element (XML prolog and doctype removed). Nullopt when built without Graphviz;
/// throws Error when Graphviz rejects the text. `attributes` override the graph's
/// own (e.g. {"label", ""} removes its label). Graphviz messages go to the library's logger.
std::optional<std::string> dot_to_svg(std::string_view dot, const GraphAttributes &attributes = {});

}  // namespace servicechain
