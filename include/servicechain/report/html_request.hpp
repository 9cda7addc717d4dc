#pragma once
// The HTML report of a model built in one call from what `servicechain report`
// (and a "report" request) names: survey files, plans, date, propagation model.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "servicechain/analysis/chain/graph.hpp"
#include "servicechain/analysis/chain/propagation.hpp"
#include "servicechain/analysis/survey/trend.hpp"
#include "servicechain/bundled.hpp"
#include "servicechain/io/csv.hpp"

namespace servicechain {

/// One wave of a trend shown in the report (`--wave KIND:DATE=FILE`, docs/report.md):
/// a survey CSV, or for kind maturity a model (its CSI and maturity index).
struct ReportWave {
  TrendKind kind = TrendKind::nps;  ///< what the wave measures
  std::string date;  ///< YYYY-MM-DD; empty: the CSV's `date` column (survey kinds only)
  std::string source;  ///< the file, or the inline text's name in messages
  std::optional<std::string> text;  ///< inline content; nullopt: read the file `source`
};

/// "KIND:DATE=FILE" or "KIND:FILE" (the date from the file's `date` column) as the
/// CLI and a request's string form give a wave; kinds as `servicechain trend`.
/// Throws ArgumentError naming the text when the kind is missing or unknown or no file follows.
ReportWave parse_report_wave(std::string_view text);

/// "KIND=COLUMN" (`--wave-column nps=recommend`): the answers' column of nps, csat
/// or ces waves. Throws ArgumentError otherwise.
std::pair<TrendKind, std::string> parse_wave_column(std::string_view text);

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
  /// Waves of the trends section, in date order within each kind (at least two per kind).
  std::vector<ReportWave> waves;
  /// The answers' column of nps, csat and ces waves; default: a column named as the kind.
  std::map<TrendKind, std::string> wave_columns;
};

/// Analyses the model and writes the self-contained HTML report (html.hpp).
/// Throws InputError for a survey that is neither SERVQUAL nor IPA, ArgumentError
/// for a second survey of one kind, an unknown plan, a kind with one wave only or
/// an nps, csat or ces wave without its column; a wave's errors as survey_trend's.
std::string build_html_report(const Model &model, const ChainGraph &graph, const HtmlReportRequest &request);

}  // namespace servicechain
