#include "servicechain/analysis/survey/servqual.hpp"

#include <algorithm>
#include <charconv>
#include <map>
#include <unordered_map>

#include "servicechain/error.hpp"
#include "servicechain/io/json_writer.hpp"
#include "servicechain/log.hpp"
#include "survey_input.hpp"

namespace servicechain {

using survey_detail::AnswerUnits;
using survey_detail::require_full_row;
using survey_detail::scaled;

const ServqualItemMap &parasuraman_1988() {
  static const ServqualItemMap map{{"tangibles", {1, 2, 3, 4}},
                                   {"reliability", {5, 6, 7, 8, 9}},
                                   {"responsiveness", {10, 11, 12, 13}},
                                   {"assurance", {14, 15, 16, 17}},
                                   {"empathy", {18, 19, 20, 21, 22}}};
  return map;
}

std::string servqual_column(char side, int item) {
  char buffer[16];
  buffer[0] = side;
  auto end = std::to_chars(buffer + 1, buffer + sizeof buffer, item).ptr;
  return std::string(buffer, end);
}

ServqualItemMap parse_item_map(std::string_view text) {
  ServqualItemMap map;
  std::vector<int> seen;
  auto bad = [&](const std::string &why) -> ArgumentError {
    return ArgumentError("item map \"" + std::string(text) + "\": " + why +
                         " (expected e.g. \"tangibles:1-4;reliability:5-9\")");
  };
  auto integer = [&](std::string_view s) {
    int v = 0;
    auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (s.empty() || ec != std::errc() || ptr != s.data() + s.size() || v < 1) throw bad("\"" + std::string(s) + "\" is not an item number");
    return v;
  };
  while (!text.empty() && text.back() == ';') text.remove_suffix(1);
  std::string_view rest = text;
  while (!rest.empty()) {
    std::size_t end = rest.find(';');
    std::string_view part = rest.substr(0, end);
    rest = end == std::string_view::npos ? std::string_view() : rest.substr(end + 1);
    std::size_t colon = part.find(':');
    if (colon == std::string_view::npos || colon == 0) throw bad("\"" + std::string(part) + "\" has no \"name:\"");
    ServqualDimension d{std::string(part.substr(0, colon)), {}};
    for (const auto &other : map)
      if (other.name == d.name) throw bad("dimension " + d.name + " appears twice");
    std::string_view items = part.substr(colon + 1);
    while (!items.empty()) {
      std::size_t comma = items.find(',');
      std::string_view item = items.substr(0, comma);
      items = comma == std::string_view::npos ? std::string_view() : items.substr(comma + 1);
      std::size_t dash = item.find('-');
      int lo = integer(item.substr(0, dash));
      int hi = dash == std::string_view::npos ? lo : integer(item.substr(dash + 1));
      if (hi < lo || hi - lo > 10000) throw bad("bad range \"" + std::string(item) + "\"");
      for (int i = lo; i <= hi; ++i) {
        if (std::find(seen.begin(), seen.end(), i) != seen.end()) throw bad("item " + std::to_string(i) + " is listed twice");
        seen.push_back(i);
        d.items.push_back(i);
      }
    }
    if (d.items.empty()) throw bad("dimension " + d.name + " has no items");
    map.push_back(std::move(d));
  }
  if (map.empty()) throw bad("no dimensions");
  return map;
}

std::string_view to_string(ServqualGroupBy by) {
  switch (by) {
    case ServqualGroupBy::none: return "none";
    case ServqualGroupBy::segment: return "segment";
    case ServqualGroupBy::moment: return "moment";
    case ServqualGroupBy::unit: return "unit";
    case ServqualGroupBy::level: return "level";
  }
  return "none";
}

std::optional<ServqualGroupBy> parse_servqual_group_by(std::string_view text) {
  for (auto by : {ServqualGroupBy::none, ServqualGroupBy::segment, ServqualGroupBy::moment, ServqualGroupBy::unit,
                  ServqualGroupBy::level})
    if (text == to_string(by)) return by;
  return std::nullopt;
}

namespace {

// Sums of answers are in AnswerUnits; weights are points out of 100.
struct DimensionSums {
  std::size_t pairs = 0;
  double e = 0, p = 0, gap = 0;
};

// What one row adds: per dimension pair sums, normalized weights when usable.
struct RowContribution {
  std::vector<DimensionSums> dims;
  std::vector<double> weights;  // normalized to 100; empty when not usable
  bool answered = false, negative = false;
  // The respondent's own values (AnswerUnits): per dimension, unweighted, weighted.
  std::vector<std::optional<double>> own;
  std::optional<double> own_unweighted, own_weighted;
  void set_own_values(std::size_t dim_count, double own_sum, std::size_t own_dims) {
    own.assign(dim_count, std::nullopt);
    double weighted = 0, weight = 0;
    for (std::size_t d = 0; d < dim_count; ++d) {
      if (dims[d].pairs == 0) continue;
      own[d] = dims[d].gap / static_cast<double>(dims[d].pairs);
      if (!weights.empty()) {
        weighted += weights[d] * *own[d];
        weight += weights[d];
      }
    }
    own_unweighted = own_dims ? std::optional<double>(own_sum / static_cast<double>(own_dims)) : std::nullopt;
    own_weighted = weight > 0 ? std::optional<double>(weighted / weight) : std::nullopt;
  }
};

struct Accumulator {
  std::size_t n = 0, answered = 0, negative = 0, weighted = 0;
  std::vector<DimensionSums> dims;
  std::vector<double> weights;
  std::vector<survey_detail::MeanAccumulator> own;  // per dimension
  survey_detail::MeanAccumulator own_unweighted, own_weighted;
  explicit Accumulator(std::size_t d = 0) : dims(d), weights(d, 0.0), own(d) {}
  void add(const RowContribution &row) {
    ++n;
    for (std::size_t d = 0; d < dims.size(); ++d)
      if (row.own[d]) own[d].add(*row.own[d]);
    if (row.own_unweighted) own_unweighted.add(*row.own_unweighted);
    if (row.own_weighted) own_weighted.add(*row.own_weighted);
    for (std::size_t d = 0; d < dims.size(); ++d) {
      dims[d].pairs += row.dims[d].pairs;
      dims[d].e += row.dims[d].e;
      dims[d].p += row.dims[d].p;
      dims[d].gap += row.dims[d].gap;
    }
    if (!row.weights.empty()) {
      ++weighted;
      for (std::size_t d = 0; d < dims.size(); ++d) weights[d] += row.weights[d];
    }
    answered += row.answered;
    negative += row.negative;
  }
  ServqualScores scores(const ServqualItemMap &items, const AnswerUnits &units) const {
    ServqualScores s;
    s.n = n;
    s.answered = answered;
    s.weighted_respondents = weighted;
    double gap_sum = 0, weight_sum = 0, weighted_sum = 0;
    std::size_t defined = 0;
    for (std::size_t d = 0; d < dims.size(); ++d) {
      ServqualDimensionScore ds;
      ds.name = items[d].name;
      ds.pairs = dims[d].pairs;
      if (dims[d].pairs > 0) {
        double k = static_cast<double>(dims[d].pairs);
        const double gap = dims[d].gap / k;
        ds.expectation = units.out(dims[d].e / k);
        ds.perception = units.out(dims[d].p / k);
        ds.gap = units.out(gap);
        gap_sum += gap;
        ++defined;
        if (weighted > 0) {
          double w = weights[d] / static_cast<double>(weighted);
          weight_sum += w;
          weighted_sum += w * gap;
        }
      }
      s.dimensions.push_back(std::move(ds));
    }
    if (defined > 0) s.unweighted = units.out(gap_sum / static_cast<double>(defined));
    if (weighted > 0) {
      for (double w : weights) s.mean_weights.push_back(w / static_cast<double>(weighted));
      // With every dimension defined weight_sum is 100 and this is Σ (w̄_d/100)·gap_d;
      // otherwise the weights of the defined dimensions are renormalized.
      if (weight_sum > 0) s.weighted = units.out(weighted_sum / weight_sum);
    }
    if (answered > 0) s.negative_share = static_cast<double>(negative) / static_cast<double>(answered);
    auto spread = [&](const survey_detail::MeanAccumulator &a) { return ServqualScores::Spread{a.n, units.out(a.sd())}; };
    for (const auto &a : own) s.respondent_dimensions.push_back(spread(a));
    s.respondent_unweighted = spread(own_unweighted);
    s.respondent_weighted = spread(own_weighted);
    return s;
  }
};

struct ItemColumns {
  std::size_t e, p;
};

bool groups_by_model(ServqualGroupBy by) { return by == ServqualGroupBy::unit || by == ServqualGroupBy::level; }

void check_options(const ServqualOptions &options) {
  if (options.items.empty()) throw ArgumentError("SERVQUAL: the item map has no dimensions");
  if (groups_by_model(options.by) && !options.model)
    throw ArgumentError("SERVQUAL grouping by " + std::string(to_string(options.by)) + " needs the model (moment -> unit -> level)");
}

// The columns a SERVQUAL file must (or may) have, found in its header.
struct ServqualColumns {
  std::vector<std::vector<ItemColumns>> items;  // per dimension, E and P of each item
  std::vector<std::size_t> weights;             // W_<dimension> of each dimension, or none
  std::optional<std::size_t> group;             // segment or moment, when grouping
};

ServqualColumns locate_columns(CsvReader &reader, const ServqualOptions &options) {
  const ServqualItemMap &items = options.items;
  ServqualColumns columns;
  reader.require_column("respondent");
  columns.items.resize(items.size());
  for (std::size_t d = 0; d < items.size(); ++d)
    for (int i : items[d].items)
      columns.items[d].push_back({reader.require_column(servqual_column('E', i)), reader.require_column(servqual_column('P', i))});
  // Weights: all or none.
  for (const auto &dim : items)
    if (auto c = reader.column("W_" + dim.name)) columns.weights.push_back(*c);
  if (!columns.weights.empty() && columns.weights.size() != items.size())
    for (const auto &dim : items) reader.require_column("W_" + dim.name);  // names the first missing one
  switch (options.by) {
    case ServqualGroupBy::none: break;
    case ServqualGroupBy::segment: columns.group = reader.require_column("segment"); break;
    case ServqualGroupBy::moment:
    case ServqualGroupBy::unit:
    case ServqualGroupBy::level: columns.group = reader.require_column("moment"); break;
  }
  return columns;
}

// moment id -> group key (owner unit id or its level), when grouping by unit or level.
std::unordered_map<std::string, std::string> moment_keys(const ServqualOptions &options) {
  std::unordered_map<std::string, std::string> moment_key;
  if (!groups_by_model(options.by)) return moment_key;
  std::unordered_map<std::string_view, const Unit *> units;
  for (const auto &u : options.model->units) units.emplace(u.id, &u);
  for (const auto &m : options.model->moments) {
    auto it = units.find(m.owner);
    if (it == units.end()) continue;
    moment_key.emplace(m.id, options.by == ServqualGroupBy::unit ? it->second->id : std::string(to_string(it->second->level)));
  }
  return moment_key;
}

// The answers of the current row: per dimension pair sums, whether answered and negative.
void read_answers(const CsvReader &reader, const ServqualColumns &columns, const AnswerUnits &units, const Scale &scale,
                  RowContribution &row, double &own_sum, std::size_t &own_dims) {
  own_sum = 0;
  own_dims = 0;
  for (std::size_t d = 0; d < columns.items.size(); ++d) {
    DimensionSums s;
    for (const auto &c : columns.items[d]) {
      auto e = scaled(reader, c.e, scale);
      auto p = scaled(reader, c.p, scale);
      if (!e || !p) continue;
      ++s.pairs;
      s.e += units.in(*e);
      s.p += units.in(*p);
      s.gap += units.in(*p) - units.in(*e);
    }
    if (s.pairs > 0) {
      own_sum += s.gap / static_cast<double>(s.pairs);
      ++own_dims;
    }
    row.dims[d] = s;
  }
  row.answered = own_dims > 0;
  // Below zero by more than rounding: a sum of answers that is 0 in exact
  // arithmetic may come out a few units in the last place below it.
  row.negative = row.answered && own_sum / static_cast<double>(own_dims) < -units.noise();
}

// The row's weights normalized to 100, when all are given and their total is positive.
void read_weights(const CsvReader &reader, const std::vector<std::size_t> &weight_columns, std::vector<double> &raw_weights,
                  RowContribution &row) {
  row.weights.clear();
  if (weight_columns.empty()) return;
  bool complete = true;
  for (std::size_t d = 0; d < weight_columns.size(); ++d) {
    auto w = reader.number(weight_columns[d]);
    if (w && *w < 0) reader.fail(weight_columns[d], "a weight cannot be negative");
    if (!w) complete = false;
    raw_weights[d] = w.value_or(0);
  }
  // Summed in units of a power of two near the largest (exact), so that
  // weights near 1e308 cannot overflow the total.
  const double unit = survey_detail::power_of_two_near(*std::max_element(raw_weights.begin(), raw_weights.end()));
  double total = 0;
  for (double &w : raw_weights) {
    w /= unit;
    total += w;
  }
  if (complete && total > 0)
    for (double w : raw_weights) row.weights.push_back(100 * w / total);
}

// The group of the current row; nullopt when its group cell is empty.
std::optional<std::string_view> group_key(const CsvReader &reader, std::size_t column, ServqualGroupBy by,
                                          const std::unordered_map<std::string, std::string> &moment_key) {
  std::string_view cell = reader.field(column);
  if (cell.empty()) return std::nullopt;
  if (!groups_by_model(by)) return cell;
  auto it = moment_key.find(std::string(cell));
  if (it == moment_key.end()) reader.fail(column, "unknown moment of truth \"" + std::string(cell) + "\" (not in the model)");
  return it->second;
}

using GroupAccumulators = std::map<std::string, Accumulator, std::less<>>;

ServqualResult scores_of(const Accumulator &overall, const GroupAccumulators &groups, std::size_t ungrouped,
                         bool has_weights, const ServqualOptions &options, const AnswerUnits &units) {
  ServqualResult result;
  result.overall = overall.scores(options.items, units);
  result.by = options.by;
  result.min_group = options.min_group;
  result.ungrouped = ungrouped;
  result.has_weights = has_weights;
  result.scale = options.scale;
  for (const auto &[key, acc] : groups) {
    if (acc.n < options.min_group) {
      ++result.suppressed_groups;
      result.suppressed_respondents += acc.n;
      continue;
    }
    result.groups.push_back({key, acc.scores(options.items, units)});
  }
  return result;
}

}  // namespace

ServqualResult servqual(CsvReader &reader, const ServqualOptions &options) {
  check_options(options);
  const std::size_t dim_count = options.items.size();
  const ServqualColumns columns = locate_columns(reader, options);
  const auto moment_key = moment_keys(options);
  survey_detail::RowSelector selector(reader, options.filter);
  const AnswerUnits units(options.scale);

  Accumulator overall(dim_count);
  GroupAccumulators groups;
  std::size_t ungrouped = 0;
  RowContribution row;
  row.dims.resize(dim_count);
  std::vector<double> raw_weights(dim_count);
  while (reader.next()) {
    require_full_row(reader);
    if (!selector.keep(reader)) continue;
    double own_sum = 0;
    std::size_t own_dims = 0;
    read_answers(reader, columns, units, options.scale, row, own_sum, own_dims);
    read_weights(reader, columns.weights, raw_weights, row);
    row.set_own_values(dim_count, own_sum, own_dims);
    overall.add(row);
    if (!columns.group) continue;
    auto key = group_key(reader, *columns.group, options.by, moment_key);
    if (!key) {
      ++ungrouped;
      continue;
    }
    auto it = groups.find(*key);
    if (it == groups.end()) it = groups.emplace(std::string(*key), Accumulator(dim_count)).first;
    it->second.add(row);
  }
  ServqualResult result = scores_of(overall, groups, ungrouped, !columns.weights.empty(), options, units);
  logger()->debug("servqual: {} rows, {} groups ({} suppressed)", overall.n, groups.size(), result.suppressed_groups);
  return result;
}

namespace {
void write_dimensions(JsonWriter &w, const std::vector<ServqualDimensionScore> &dims) {
  w.key("dimensions").begin_array();
  for (const auto &d : dims)
    w.begin_object()
        .field("name", d.name)
        .field("expectation", d.expectation)
        .field("perception", d.perception)
        .field("gap", d.gap)
        .end_object();
  w.end_array();
}
}  // namespace

void write_json(JsonWriter &w, const ServqualResult &r) {
  w.begin_object();
  w.field("n", static_cast<std::uint64_t>(r.overall.n));
  write_dimensions(w, r.overall.dimensions);
  w.field("unweighted", r.overall.unweighted).field("weighted", r.overall.weighted);
  w.field("negative_share", r.overall.negative_share);
  w.key("groups").begin_array();
  for (const auto &g : r.groups) {
    w.begin_object().field("key", g.key).field("n", static_cast<std::uint64_t>(g.scores.n));
    write_dimensions(w, g.scores.dimensions);
    w.field("unweighted", g.scores.unweighted).field("weighted", g.scores.weighted).end_object();
  }
  w.end_array();
  w.field("by", to_string(r.by));
  w.field("min_group", static_cast<std::uint64_t>(r.min_group));
  w.field("suppressed", static_cast<std::uint64_t>(r.suppressed_groups));
  w.field("suppressed_respondents", static_cast<std::uint64_t>(r.suppressed_respondents));
  w.field("ungrouped", static_cast<std::uint64_t>(r.ungrouped));
  w.field("answered", static_cast<std::uint64_t>(r.overall.answered));
  w.field("weighted_respondents", static_cast<std::uint64_t>(r.overall.weighted_respondents));
  w.key("scale").begin_array().value(r.scale.min).value(r.scale.max).end_array();
  w.end_object();
}

// ---- gap 1 -------------------------------------------------------------------

namespace {
// A sum of answers in AnswerUnits.
struct MeanSums {
  std::size_t count = 0;
  double sum = 0;
  std::optional<double> mean() const {
    return count ? std::optional<double>(sum / static_cast<double>(count)) : std::nullopt;
  }
};

std::vector<std::vector<std::size_t>> item_columns(const CsvReader &reader, const ServqualItemMap &items, char prefix) {
  std::vector<std::vector<std::size_t>> columns(items.size());
  for (std::size_t d = 0; d < items.size(); ++d)
    for (int i : items[d].items) columns[d].push_back(reader.require_column(servqual_column(prefix, i)));
  return columns;
}
}  // namespace

Gap1Result gap1(CsvReader &customers, CsvReader &managers, const Model &model, const Gap1Options &options) {
  const auto &items = options.items;
  const std::size_t dim_count = items.size();
  if (dim_count == 0) throw ArgumentError("gap 1: the item map has no dimensions");
  Gap1Result result;
  const AnswerUnits units(options.scale);

  customers.require_column("respondent");
  auto e_columns = item_columns(customers, items, 'E');
  std::vector<MeanSums> expectation(dim_count);
  while (customers.next()) {
    require_full_row(customers);
    ++result.customers;
    for (std::size_t d = 0; d < dim_count; ++d)
      for (std::size_t c : e_columns[d])
        if (auto e = scaled(customers, c, options.scale)) {
          ++expectation[d].count;
          expectation[d].sum += units.in(*e);
        }
  }

  managers.require_column("respondent");
  std::size_t unit_column = managers.require_column("unit");
  auto m_columns = item_columns(managers, items, 'M');
  std::unordered_map<std::string, Level> unit_level;
  for (const auto &u : model.units) unit_level.emplace(u.id, u.level);
  struct LevelSums {
    std::size_t n = 0;
    std::vector<MeanSums> dims;
  };
  std::vector<LevelSums> levels(3, LevelSums{0, std::vector<MeanSums>(dim_count)});
  while (managers.next()) {
    require_full_row(managers);
    ++result.managers;
    auto it = unit_level.find(std::string(managers.field(unit_column)));
    if (it == unit_level.end())
      managers.fail(unit_column, "unknown unit \"" + std::string(managers.field(unit_column)) + "\" (not in the model)");
    LevelSums &level = levels[static_cast<std::size_t>(it->second)];
    ++level.n;
    for (std::size_t d = 0; d < dim_count; ++d)
      for (std::size_t c : m_columns[d])
        if (auto m = scaled(managers, c, options.scale)) {
          ++level.dims[d].count;
          level.dims[d].sum += units.in(*m);
        }
  }

  for (std::size_t d = 0; d < dim_count; ++d)
    result.expectations.push_back({items[d].name, std::nullopt, units.out(expectation[d].mean()), std::nullopt});
  for (std::size_t l = 0; l < 3; ++l) {
    if (levels[l].n == 0) continue;
    if (levels[l].n < options.min_group) {
      ++result.suppressed;
      continue;
    }
    Gap1Level level;
    level.level = static_cast<Level>(l);
    level.n = levels[l].n;
    double sum = 0;
    std::size_t defined = 0;
    for (std::size_t d = 0; d < dim_count; ++d) {
      const auto estimate = levels[l].dims[d].mean(), expected = expectation[d].mean();
      Gap1Dimension g{items[d].name, units.out(estimate), units.out(expected), std::nullopt};
      if (estimate && expected) {
        g.gap1 = units.out(*estimate - *expected);
        sum += *estimate - *expected;
        ++defined;
      }
      level.dimensions.push_back(std::move(g));
    }
    if (defined) level.gap1 = units.out(sum / static_cast<double>(defined));
    result.levels.push_back(std::move(level));
  }
  return result;
}

void write_json(JsonWriter &w, const Gap1Result &r) {
  w.begin_object();
  w.field("customers", static_cast<std::uint64_t>(r.customers)).field("managers", static_cast<std::uint64_t>(r.managers));
  w.key("expectations").begin_array();
  for (const auto &d : r.expectations) w.begin_object().field("name", d.name).field("expectation", d.expectation).end_object();
  w.end_array();
  w.key("levels").begin_array();
  for (const auto &l : r.levels) {
    w.begin_object().field("level", to_string(l.level)).field("n", static_cast<std::uint64_t>(l.n));
    w.key("dimensions").begin_array();
    for (const auto &d : l.dimensions)
      w.begin_object()
          .field("name", d.name)
          .field("estimate", d.estimate)
          .field("expectation", d.expectation)
          .field("gap1", d.gap1)
          .end_object();
    w.end_array();
    w.field("gap1", l.gap1).end_object();
  }
  w.end_array();
  w.field("suppressed", static_cast<std::uint64_t>(r.suppressed));
  w.end_object();
}

}  // namespace servicechain
