#pragma once
// SERVQUAL (§4.5): expectations E_i and perceptions P_i of customers, gaps
// P − E per dimension, weighted and unweighted scores, groups with a privacy
// minimum; and gap 1 (managers' estimates of what customers expect against
// what customers say, by organizational level). docs/survey.md has the details.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "servicechain/analysis/survey/common.hpp"
#include "servicechain/io/csv.hpp"
#include "servicechain/model.hpp"

namespace servicechain {

class JsonWriter;

/// A SERVQUAL dimension and its items (1-based item numbers: `E<i>`, `P<i>`, `M<i>`).
struct ServqualDimension {
  std::string name;
  std::vector<int> items;
  bool operator==(const ServqualDimension &) const = default;
};
using ServqualItemMap = std::vector<ServqualDimension>;

/// Parasuraman, Zeithaml & Berry (1988): 1–4 tangibles, 5–9 reliability,
/// 10–13 responsiveness, 14–17 assurance, 18–22 empathy.
const ServqualItemMap &parasuraman_1988();

/// The column of an item: servqual_column('E', 7) == "E7" (sides E, P, M).
std::string servqual_column(char side, int item);

/// Parses "name:1-4;other:5,6,9;..." (items as numbers or ranges). Throws
/// ArgumentError on a malformed map, an empty dimension, or an item listed twice.
ServqualItemMap parse_item_map(std::string_view text);

enum class ServqualGroupBy : std::uint8_t { none, segment, moment, unit, level };
std::string_view to_string(ServqualGroupBy by);
std::optional<ServqualGroupBy> parse_servqual_group_by(std::string_view text);

struct ServqualOptions {
  Scale scale{1, 7};
  ServqualItemMap items = parasuraman_1988();
  ServqualGroupBy by = ServqualGroupBy::none;
  /// Needed for `unit` and `level` grouping (moment → owner unit → level).
  const Model *model = nullptr;
  /// Groups with fewer respondents (rows) than this are suppressed.
  std::size_t min_group = 5;
  /// When set, rows whose filter column is not one of the values are skipped entirely.
  std::optional<RowFilter> filter;
};

struct ServqualDimensionScore {
  std::string name;
  std::size_t pairs = 0;  ///< answered (E, P) pairs, pooled over respondents and items
  std::optional<double> expectation, perception, gap;  ///< null without pairs
};

struct ServqualScores {
  std::size_t n = 0;  ///< rows
  std::vector<ServqualDimensionScore> dimensions;
  /// Mean of the dimension gaps (over the dimensions that have pairs; null if none).
  std::optional<double> unweighted;
  /// Σ_d (w̄_d/100)·gap_d; null when no respondent gave usable weights.
  std::optional<double> weighted;
  /// Share of respondents with a negative own unweighted score, among those with any pair.
  std::optional<double> negative_share;
  std::size_t answered = 0;          ///< respondents with at least one answered pair
  std::size_t weighted_respondents = 0;  ///< respondents whose weights were used
  std::vector<double> mean_weights;  ///< w̄_d (points out of 100); empty when none
};

struct ServqualGroup {
  std::string key;
  ServqualScores scores;
};

struct ServqualResult {
  ServqualScores overall;
  ServqualGroupBy by = ServqualGroupBy::none;
  std::size_t min_group = 5;
  std::vector<ServqualGroup> groups;  ///< shown groups, keys in byte order
  std::size_t suppressed_groups = 0;  ///< groups below min_group (omitted)
  std::size_t suppressed_respondents = 0;
  std::size_t ungrouped = 0;  ///< rows with an empty grouping cell (counted in overall only)
  bool has_weights = false;   ///< the file has W_<dimension> columns
  Scale scale;
};

/// Reads a SERVQUAL file (header: respondent, `E<i>`, `P<i>` for every mapped item;
/// segment and moment when grouping needs them; optional W_<dimension> for every
/// dimension). Streams: memory is one accumulator per group, never the rows.
/// Throws ParseError (file:line:column) on a missing column, a ragged row, a
/// non-numeric or off-scale answer, a negative weight or an unknown moment;
/// ArgumentError when unit/level grouping has no model.
ServqualResult servqual(CsvReader &reader, const ServqualOptions &options = {});

/// JSON of §5: {"n", "dimensions", "unweighted", "weighted", "negative_share",
/// "groups": [{"key", "n", "dimensions", "unweighted", "weighted"}], ...}.
void write_json(JsonWriter &w, const ServqualResult &result);

struct Gap1Options {
  Scale scale{1, 7};
  ServqualItemMap items = parasuraman_1988();
  /// Levels with fewer managers than this are suppressed (default: none).
  std::size_t min_group = 1;
};

struct Gap1Dimension {
  std::string name;
  std::optional<double> estimate;     ///< managers' mean M
  std::optional<double> expectation;  ///< customers' mean E (every answered E cell)
  std::optional<double> gap1;         ///< estimate − expectation
};

struct Gap1Level {
  Level level = Level::operative;
  std::size_t n = 0;  ///< managers of this level
  std::vector<Gap1Dimension> dimensions;
  std::optional<double> gap1;  ///< mean of the dimension gaps (over those defined)
};

struct Gap1Result {
  std::size_t customers = 0, managers = 0;
  std::vector<Gap1Dimension> expectations;  ///< customers' mean E per dimension (estimate, gap1 unset)
  std::vector<Gap1Level> levels;            ///< directive, managerial, operative; levels without managers omitted
  std::size_t suppressed = 0;
};

/// Gap 1 by level: managers' file (respondent, unit, `M<i>`) against customers'
/// file (respondent, `E<i>`); the model maps each manager's unit to its level.
Gap1Result gap1(CsvReader &customers, CsvReader &managers, const Model &model, const Gap1Options &options = {});
void write_json(JsonWriter &w, const Gap1Result &result);

}  // namespace servicechain
