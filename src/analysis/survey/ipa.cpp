#include "servicechain/analysis/survey/ipa.hpp"

#include <algorithm>
#include <cmath>
#include <unordered_map>

#include "servicechain/error.hpp"
#include "servicechain/io/json_writer.hpp"
#include "survey_input.hpp"

namespace servicechain {

std::string_view to_string(Crosshair c) { return c == Crosshair::mean ? "mean" : "midpoint"; }
std::optional<Crosshair> parse_crosshair(std::string_view text) {
  if (text == "mean") return Crosshair::mean;
  if (text == "midpoint") return Crosshair::midpoint;
  return std::nullopt;
}

std::string_view to_string(Quadrant q) {
  switch (q) {
    case Quadrant::concentrate_here: return "concentrate_here";
    case Quadrant::keep_up_the_good_work: return "keep_up_the_good_work";
    case Quadrant::low_priority: return "low_priority";
    case Quadrant::possible_overkill: return "possible_overkill";
  }
  return "";
}

namespace {

using survey_detail::AnswerUnits;

// An attribute's columns, and its sums and means in AnswerUnits.
struct AttributeColumns {
  std::size_t i, p;
  double i_sum = 0, p_sum = 0;
  std::optional<double> i_mean{}, p_mean{};
};

// The I_<attribute> / P_<attribute> pairs of the header, in header order; each
// attribute is added to `result`. Either column without the other is an error.
std::vector<AttributeColumns> attribute_columns(CsvReader &reader, IpaResult &result) {
  std::vector<AttributeColumns> columns;
  // One index of the header (the reader's column() scans it, which made 50,000
  // attributes quadratic); a repeated name is left to column(), which reports it.
  std::unordered_map<std::string_view, std::size_t> index;
  const auto &header = reader.header();
  for (std::size_t c = 0; c < header.size(); ++c)
    if (!index.emplace(header[c], c).second) reader.column(header[c]);
  auto find = [&](const std::string &name) -> std::optional<std::size_t> {
    auto it = index.find(name);
    return it == index.end() ? std::nullopt : std::optional<std::size_t>(it->second);
  };
  for (std::string_view h : header) {
    if (h.size() > 2 && h.substr(0, 2) == "I_") {
      std::string name(h.substr(2));
      const std::size_t i = index.at(h);
      const auto p = find("P_" + name);
      if (!p) reader.require_column("P_" + name);  // throws: missing column
      result.attributes.push_back({name, 0, 0, std::nullopt, std::nullopt, std::nullopt});
      columns.push_back({i, *p});
    } else if (h.size() > 2 && h.substr(0, 2) == "P_" && !find("I_" + std::string(h.substr(2)))) {
      reader.require_column("I_" + std::string(h.substr(2)));
    }
  }
  if (columns.empty()) throw ParseError(reader.source(), 1, 1, "no I_<attribute> / P_<attribute> columns in the header");
  return columns;
}

// Sums every kept row's answers into the columns and counts them in `result`.
void sum_answers(CsvReader &reader, const IpaOptions &options, const AnswerUnits &units,
                 std::vector<AttributeColumns> &columns, IpaResult &result) {
  survey_detail::RowSelector selector(reader, options.filter);
  while (reader.next()) {
    survey_detail::require_full_row(reader);
    if (!selector.keep(reader)) continue;
    ++result.n;
    for (std::size_t a = 0; a < columns.size(); ++a) {
      if (auto i = survey_detail::scaled(reader, columns[a].i, options.scale)) {
        ++result.attributes[a].importance_n;
        columns[a].i_sum += units.in(*i);
      }
      if (auto p = survey_detail::scaled(reader, columns[a].p, options.scale)) {
        ++result.attributes[a].performance_n;
        columns[a].p_sum += units.in(*p);
      }
    }
  }
}

// Each attribute's means; then the cross-hair (the scale's midpoint, or the
// mean of the attribute means), in AnswerUnits.
std::pair<std::optional<double>, std::optional<double>> means_and_crosshair(const IpaOptions &options, const AnswerUnits &units,
                                                                            std::vector<AttributeColumns> &columns,
                                                                            IpaResult &result) {
  double i_total = 0, p_total = 0;
  std::size_t i_count = 0, p_count = 0;
  for (std::size_t a = 0; a < columns.size(); ++a) {
    auto &attr = result.attributes[a];
    auto &c = columns[a];
    if (attr.importance_n) {
      c.i_mean = c.i_sum / static_cast<double>(attr.importance_n);
      i_total += *c.i_mean;
      ++i_count;
    }
    if (attr.performance_n) {
      c.p_mean = c.p_sum / static_cast<double>(attr.performance_n);
      p_total += *c.p_mean;
      ++p_count;
    }
    attr.importance = units.out(c.i_mean);
    attr.performance = units.out(c.p_mean);
  }
  std::optional<double> cross_i, cross_p;
  if (options.crosshair == Crosshair::midpoint) {
    cross_i = cross_p = units.in(options.scale.midpoint());
  } else {
    if (i_count) cross_i = i_total / static_cast<double>(i_count);
    if (p_count) cross_p = p_total / static_cast<double>(p_count);
  }
  return {cross_i, cross_p};
}

// Each attribute's quadrant, then CSI_ipa and its floor.
void quadrants_and_csi(const IpaOptions &options, const AnswerUnits &units, const std::vector<AttributeColumns> &columns,
                       double cross_i, double cross_p, IpaResult &result) {
  double weight_sum = 0, weighted = 0;
  for (std::size_t a = 0; a < columns.size(); ++a) {
    const auto &c = columns[a];
    if (!c.i_mean || !c.p_mean) continue;
    // A mean below the cross-hair by no more than rounding counts as on it (">="):
    // the mean of means may differ from an equal attribute mean in the last bits.
    bool important = *c.i_mean >= cross_i - units.noise();
    bool performs = *c.p_mean >= cross_p - units.noise();
    result.attributes[a].quadrant = important ? (performs ? Quadrant::keep_up_the_good_work : Quadrant::concentrate_here)
                                              : (performs ? Quadrant::possible_overkill : Quadrant::low_priority);
    weight_sum += *c.i_mean;
    weighted += *c.i_mean * *c.p_mean;
  }
  // 100·a/b as (100·a)/b, both divided first by a power of two near the larger
  // (exact), so that 100·a cannot overflow when a is near 1.8e308.
  const auto percent = [](double a, double b) {
    const double unit = survey_detail::power_of_two_near(std::max(std::abs(a), std::abs(b)));
    return 100 * (a / unit) / (b / unit);
  };
  if (weight_sum > 0)
    result.csi = units.finite(percent(units.out(weighted / weight_sum), options.scale.max), "CSI_ipa");
  result.csi_floor = units.finite(percent(options.scale.min, options.scale.max), "the floor of CSI_ipa, 100·MIN/MAX,");
}

}  // namespace

IpaResult ipa(CsvReader &reader, const IpaOptions &options) {
  IpaResult result;
  result.scale = options.scale;
  result.crosshair = options.crosshair;
  if (options.scale.max == 0) throw ArgumentError("IPA: the scale maximum must not be 0 (CSI_ipa divides by it)");
  const AnswerUnits units(options.scale);
  std::vector<AttributeColumns> columns = attribute_columns(reader, result);
  sum_answers(reader, options, units, columns, result);
  const auto [cross_i, cross_p] = means_and_crosshair(options, units, columns, result);
  result.crosshair_importance = units.out(cross_i);
  result.crosshair_performance = units.out(cross_p);
  // Both cross-hairs exist whenever an attribute has both means (the only case quadrants_and_csi reads them).
  quadrants_and_csi(options, units, columns, cross_i.value_or(0), cross_p.value_or(0), result);
  return result;
}

void write_json(JsonWriter &w, const IpaResult &r) {
  w.begin_object().field("n", static_cast<std::uint64_t>(r.n));
  w.key("scale").begin_array().value(r.scale.min).value(r.scale.max).end_array();
  w.key("crosshair")
      .begin_object()
      .field("method", to_string(r.crosshair))
      .field("importance", r.crosshair_importance)
      .field("performance", r.crosshair_performance)
      .end_object();
  w.key("attributes").begin_array();
  for (const auto &a : r.attributes) {
    w.begin_object()
        .field("name", a.name)
        .field("importance", a.importance)
        .field("performance", a.performance)
        .key("quadrant");
    if (a.quadrant) w.value(to_string(*a.quadrant));
    else w.null();
    w.field("importance_n", static_cast<std::uint64_t>(a.importance_n))
        .field("performance_n", static_cast<std::uint64_t>(a.performance_n))
        .end_object();
  }
  w.end_array();
  w.field("csi_ipa", r.csi).field("csi_floor", r.csi_floor);
  w.end_object();
}

}  // namespace servicechain
