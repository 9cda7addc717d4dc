#pragma once
// Waves and trends (§4.13): the same survey measure over dated waves, each
// wave's value with its 95% interval, and each change against the previous
// wave with its interval (Welch's t for means when either wave has n < 30) and
// whether it is significant at 5%. docs/trends.md has the details.
#include <cstddef>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "servicechain/analysis/people/maturity.hpp"
#include "servicechain/analysis/survey/internal.hpp"
#include "servicechain/analysis/survey/scores.hpp"
#include "servicechain/analysis/survey/servqual.hpp"
#include "servicechain/io/csv.hpp"
#include "servicechain/model.hpp"

namespace servicechain {

class JsonWriter;

/// What a trend follows: a survey measure, or the culture maturity index.
enum class TrendKind : std::uint8_t { servqual, nps, csat, ces, internal, maturity };
/// "servqual", "nps", "csat", "ces", "internal" or "maturity".
std::string_view to_string(TrendKind kind);
/// The kind named by `text`; nullopt otherwise.
std::optional<TrendKind> parse_trend_kind(std::string_view text);

/// One wave's value of one measure.
struct TrendWave {
  std::string date;  ///< YYYY-MM-DD
  std::size_t n = 0;  ///< answers (or respondents) behind the value
  std::optional<double> value;  ///< null when the wave has no value (no answers, suppressed)
  std::optional<double> se;  ///< standard error; null when undefined (n < 2, no interval)
  ConfidenceInterval ci;  ///< the wave's own 95% interval (z = 1.96, as the survey command gives it)
  bool suppressed = false;  ///< below the privacy minimum (internal survey only)
};

/// The change of a measure from one wave to the next.
struct TrendChange {
  std::string from;  ///< date of the earlier wave
  std::string to;  ///< date of the later wave
  std::optional<double> change;  ///< value(to) − value(from); null when either is null
  ConfidenceInterval ci;  ///< change ± crit·√(SE₁² + SE₂²); null when either n < 2 or both SEs are 0
  std::optional<bool> significant;  ///< the interval excludes 0; null with the interval
  std::optional<double> df;  ///< Welch's degrees of freedom when Student's t was used; null for z = 1.96
};

/// One measure over the waves.
struct TrendMeasure {
  std::string measure;  ///< e.g. "nps", "tangibles", "internal_rating:kitchen"
  bool mean = false;  ///< a mean (Welch's t when either n < 30), not a share or NPS (z)
  bool privacy = false;  ///< its waves carry "suppressed" (internal survey)
  std::vector<TrendWave> waves;  ///< in date order
  std::vector<TrendChange> changes;  ///< one per consecutive pair of waves
};

/// Result of survey_trend() and maturity_trend().
struct TrendResult {
  TrendKind kind = TrendKind::nps;  ///< what was followed
  std::vector<TrendMeasure> measures;  ///< one for nps, csat, ces, maturity; several for servqual, internal
};

/// The p-quantile of Student's t with `df` > 0 degrees of freedom (Boost.Math).
double student_t_quantile(double p, double df);

/// §4.13's change from wave `a` to wave `b` of a measure (`mean`: Welch's t when
/// either n < 30, else z = 1.96).
TrendChange compare_waves(const TrendWave &a, const TrendWave &b, bool mean);

/// One survey wave: a date (empty: the file's `date` column gives it) and its
/// rows; `open` is called once per pass over them (twice when the date comes
/// from the column), so a file is streamed and inline CSV text read in place.
struct SurveyWaveInput {
  std::string date;  ///< YYYY-MM-DD, or empty
  std::string source;  ///< the file (or text) name, for messages
  std::function<CsvReader()> open;  ///< a reader over the wave's rows, from the header
};

/// The options of the survey command each kind takes.
struct TrendOptions {
  ServqualOptions servqual;  ///< kind servqual (scale, items; grouping is ignored)
  ScoreOptions score;  ///< kinds nps, csat, ces (column, CES scale)
  InternalSurveyOptions internal;  ///< kind internal (min_group, propagation)
  const Model *model = nullptr;  ///< kind internal: the model the rows must match
};

/// Each wave's measures and the changes between consecutive waves. Wave dates
/// must parse (YYYY-MM-DD) and strictly increase: a bad, repeated or
/// out-of-order date is an InputError naming the wave and its file; a date
/// column with two dates in one file a ParseError at the cell. Kind maturity is
/// an ArgumentError here (its waves are models: maturity_trend).
TrendResult survey_trend(TrendKind kind, std::span<const SurveyWaveInput> waves, const TrendOptions &options);

/// One maturity wave: a model with an assessment.
struct ModelWaveInput {
  std::string date;  ///< YYYY-MM-DD
  std::string source;  ///< the model's file name, for messages
  const Model *model = nullptr;  ///< the snapshot
};

/// The maturity index (§4.9) of each wave and its changes (no interval: ci and
/// significant are null). Dates as in survey_trend.
TrendResult maturity_trend(std::span<const ModelWaveInput> waves, const MaturityOptions &options = {});

/// JSON of `servicechain trend --json`: {"kind", "waves", "changes"} for kinds
/// with one measure, {"kind", "measures": [{"measure", "waves", "changes"}]} otherwise.
void write_json(JsonWriter &w, const TrendResult &result);

}  // namespace servicechain
