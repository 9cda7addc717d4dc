#pragma once
// Importance–performance analysis (§4.5): columns I_<attribute> and
// P_<attribute>, per attribute mean importance and performance, cross-hairs,
// quadrants, and the textbook index CSI_ipa.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "servicechain/analysis/survey/common.hpp"
#include "servicechain/io/csv.hpp"

namespace servicechain {

class JsonWriter;

/// Where the IPA cross-hairs lie: at the means of the attribute means, or at the scale midpoint.
enum class Crosshair : std::uint8_t { mean, midpoint };
/// "mean" or "midpoint".
std::string_view to_string(Crosshair c);
/// The cross-hair named by `text` ("mean", "midpoint"); nullopt otherwise.
std::optional<Crosshair> parse_crosshair(std::string_view text);

/// IPA quadrant of an attribute (Martilla & James): high importance and low performance is "concentrate here".
enum class Quadrant : std::uint8_t { concentrate_here, keep_up_the_good_work, low_priority, possible_overkill };
/// The quadrant's name as in the JSON ("concentrate_here", ...).
std::string_view to_string(Quadrant q);

/// Options of ipa().
struct IpaOptions {
  Scale scale{1, 5};  ///< answer scale of importance and performance (default 1–5)
  Crosshair crosshair = Crosshair::mean;  ///< where the cross-hairs lie
  std::optional<RowFilter> filter;  ///< rows kept (nullopt: all)
};

/// Means and quadrant of one IPA attribute.
struct IpaAttribute {
  std::string name;  ///< the attribute (x of the I_x and P_x columns)
  std::size_t importance_n = 0;   ///< answered importance cells
  std::size_t performance_n = 0;  ///< answered performance cells
  std::optional<double> importance;   ///< mean importance; null without answers
  std::optional<double> performance;  ///< mean performance; null without answers
  std::optional<Quadrant> quadrant;                 ///< null when a mean is null
};

/// Result of ipa(): per attribute means and quadrants, cross-hairs, CSI_ipa.
struct IpaResult {
  std::size_t n = 0;  ///< rows
  Scale scale;  ///< the answer scale used
  Crosshair crosshair = Crosshair::mean;  ///< how the cross-hairs were placed
  /// Cross-hairs: the means of the attribute means (mean) or the scale midpoint.
  std::optional<double> crosshair_importance;
  std::optional<double> crosshair_performance;  ///< the performance cross-hair, as crosshair_importance
  std::vector<IpaAttribute> attributes;  ///< header order
  /// 100·Σ_i (Ī_i/ΣĪ)·P̄_i / scale_max over attributes with both means; null if none.
  std::optional<double> csi;
  double csi_floor = 0;  ///< 100·scale_min/scale_max: the lowest CSI_ipa possible
};

/// Attributes are the names x with both I_x and P_x columns (a lone I_x or P_x
/// is an error). Answers must lie on the scale. Streams the rows.
IpaResult ipa(CsvReader &reader, const IpaOptions &options = {});
/// Writes the JSON of `servicechain survey ipa --json` (docs/survey.md).
void write_json(JsonWriter &w, const IpaResult &result);

}  // namespace servicechain
