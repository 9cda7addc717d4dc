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

enum class Crosshair : std::uint8_t { mean, midpoint };
std::string_view to_string(Crosshair c);
std::optional<Crosshair> parse_crosshair(std::string_view text);

enum class Quadrant : std::uint8_t { concentrate_here, keep_up_the_good_work, low_priority, possible_overkill };
std::string_view to_string(Quadrant q);

struct IpaOptions {
  Scale scale{1, 5};
  Crosshair crosshair = Crosshair::mean;
  std::optional<RowFilter> filter;
};

struct IpaAttribute {
  std::string name;
  std::size_t importance_n = 0, performance_n = 0;  ///< answered cells
  std::optional<double> importance, performance;    ///< means; null without answers
  std::optional<Quadrant> quadrant;                 ///< null when a mean is null
};

struct IpaResult {
  std::size_t n = 0;  ///< rows
  Scale scale;
  Crosshair crosshair = Crosshair::mean;
  /// Cross-hairs: the means of the attribute means (mean) or the scale midpoint.
  std::optional<double> crosshair_importance, crosshair_performance;
  std::vector<IpaAttribute> attributes;  ///< header order
  /// 100·Σ_i (Ī_i/ΣĪ)·P̄_i / scale_max over attributes with both means; null if none.
  std::optional<double> csi;
  double csi_floor = 0;  ///< 100·scale_min/scale_max: the lowest CSI_ipa possible
};

/// Attributes are the names x with both I_x and P_x columns (a lone I_x or P_x
/// is an error). Answers must lie on the scale. Streams the rows.
IpaResult ipa(CsvReader &reader, const IpaOptions &options = {});
void write_json(JsonWriter &w, const IpaResult &result);

}  // namespace servicechain
