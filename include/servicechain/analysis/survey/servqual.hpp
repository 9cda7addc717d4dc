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
  std::string name;  ///< dimension name ("tangibles", ...)
  std::vector<int> items;  ///< its item numbers
  bool operator==(const ServqualDimension &) const = default;
};
/// The dimensions of a SERVQUAL questionnaire and their items.
using ServqualItemMap = std::vector<ServqualDimension>;

/// Parasuraman, Zeithaml & Berry (1988): 1–4 tangibles, 5–9 reliability,
/// 10–13 responsiveness, 14–17 assurance, 18–22 empathy.
const ServqualItemMap &parasuraman_1988();

/// The column of an item: servqual_column('E', 7) == "E7" (sides E, P, M).
std::string servqual_column(char side, int item);

/// Parses "name:1-4;other:5,6,9;..." (items as numbers or ranges). Throws
/// ArgumentError on a malformed map, an empty dimension, or an item listed twice.
ServqualItemMap parse_item_map(std::string_view text);

/// What SERVQUAL scores are grouped by (unit and level through each moment's owner).
enum class ServqualGroupBy : std::uint8_t { none, segment, moment, unit, level };
/// "none", "segment", "moment", "unit" or "level".
std::string_view to_string(ServqualGroupBy by);
/// The grouping named by `text`; nullopt otherwise.
std::optional<ServqualGroupBy> parse_servqual_group_by(std::string_view text);

/// Options of servqual().
struct ServqualOptions {
  Scale scale{1, 7};  ///< answer scale (default 1–7)
  ServqualItemMap items = parasuraman_1988();  ///< dimensions and their items (default Parasuraman et al. 1988)
  ServqualGroupBy by = ServqualGroupBy::none;  ///< grouping of the scores
  /// Needed for `unit` and `level` grouping (moment → owner unit → level).
  const Model *model = nullptr;
  /// Groups with fewer respondents (rows) than this are suppressed.
  std::size_t min_group = 5;
  /// When set, rows whose filter column is not one of the values are skipped entirely.
  std::optional<RowFilter> filter;
};

/// Scores of one SERVQUAL dimension.
struct ServqualDimensionScore {
  std::string name;  ///< dimension name
  std::size_t pairs = 0;  ///< answered (E, P) pairs, pooled over respondents and items
  std::optional<double> expectation;  ///< mean E over the answered pairs; null without pairs
  std::optional<double> perception;   ///< mean P over the answered pairs; null without pairs
  std::optional<double> gap;          ///< perception − expectation; null without pairs
};

/// SERVQUAL scores of a set of respondents (all, or one group).
struct ServqualScores {
  std::size_t n = 0;  ///< rows
  std::vector<ServqualDimensionScore> dimensions;  ///< per dimension, in item-map order
  /// Mean of the dimension gaps (over the dimensions that have pairs; null if none).
  std::optional<double> unweighted;
  /// Σ_d (w̄_d/100)·gap_d; null when no respondent gave usable weights.
  std::optional<double> weighted;
  /// Share of respondents with a negative own unweighted score, among those with any pair.
  std::optional<double> negative_share;
  std::size_t answered = 0;          ///< respondents with at least one answered pair
  std::size_t weighted_respondents = 0;  ///< respondents whose weights were used
  std::vector<double> mean_weights;  ///< w̄_d (points out of 100); empty when none
  /// Spread of the respondents' own values of a measure (the standard error of a
  /// trend, §4.13: sd/√n): how many respondents have one, and their sample sd.
  struct Spread {
    std::size_t n = 0;  ///< respondents with an own value
    std::optional<double> sd;  ///< sample standard deviation (n − 1); null for n < 2
  };
  /// Per dimension: each respondent's own mean of P − E over their pairs of it.
  std::vector<Spread> respondent_dimensions;
  Spread respondent_unweighted;  ///< each respondent's own unweighted score
  /// Each respondent's own weighted score Σ_d w_d·gap_d / Σ_d w_d (own normalized
  /// weights, over the dimensions they answered), for respondents with usable weights.
  Spread respondent_weighted;
};

/// The scores of one group (a segment, moment, unit or level).
struct ServqualGroup {
  std::string key;  ///< the group's id (segment, moment or unit id, or level name)
  ServqualScores scores;  ///< its scores
};

/// Result of servqual(): overall scores and the groups shown.
struct ServqualResult {
  ServqualScores overall;  ///< scores of every respondent
  ServqualGroupBy by = ServqualGroupBy::none;  ///< the grouping used
  std::size_t min_group = 5;  ///< smallest group shown
  std::vector<ServqualGroup> groups;  ///< shown groups, keys in byte order
  std::size_t suppressed_groups = 0;  ///< groups below min_group (omitted)
  std::size_t suppressed_respondents = 0;  ///< respondents of the suppressed groups
  std::size_t ungrouped = 0;  ///< rows with an empty grouping cell (counted in overall only)
  bool has_weights = false;   ///< the file has W_<dimension> columns
  Scale scale;  ///< the answer scale used
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

/// Options of gap1().
struct Gap1Options {
  Scale scale{1, 7};  ///< answer scale of both files (default 1–7)
  ServqualItemMap items = parasuraman_1988();  ///< dimensions and their items (default Parasuraman et al. 1988)
  /// Levels with fewer managers than this are suppressed (default: none).
  std::size_t min_group = 1;
};

/// Gap 1 of one dimension: managers' estimate against customers' expectation.
struct Gap1Dimension {
  std::string name;  ///< dimension name
  std::optional<double> estimate;     ///< managers' mean M
  std::optional<double> expectation;  ///< customers' mean E (every answered E cell)
  std::optional<double> gap1;         ///< estimate − expectation
};

/// Gap 1 for the managers of one organizational level.
struct Gap1Level {
  Level level = Level::operative;  ///< the managers' level
  std::size_t n = 0;  ///< managers of this level
  std::vector<Gap1Dimension> dimensions;  ///< per dimension, in item-map order
  std::optional<double> gap1;  ///< mean of the dimension gaps (over those defined)
};

/// Result of gap1().
struct Gap1Result {
  std::size_t customers = 0;  ///< customers' rows read
  std::size_t managers = 0;  ///< managers' rows read
  std::vector<Gap1Dimension> expectations;  ///< customers' mean E per dimension (estimate, gap1 unset)
  std::vector<Gap1Level> levels;            ///< directive, managerial, operative; levels without managers omitted
  std::size_t suppressed = 0;  ///< levels suppressed for having fewer than min_group managers
};

/// Gap 1 by level: managers' file (respondent, unit, `M<i>`) against customers'
/// file (respondent, `E<i>`); the model maps each manager's unit to its level.
Gap1Result gap1(CsvReader &customers, CsvReader &managers, const Model &model, const Gap1Options &options = {});
/// Writes the JSON of `servicechain survey gap1 --json`.
void write_json(JsonWriter &w, const Gap1Result &result);

}  // namespace servicechain
