#include "servicechain/analysis/survey/internal.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <tuple>
#include <unordered_map>
#include <unordered_set>

#include "servicechain/analysis/people/fit.hpp"
#include "servicechain/analysis/survey/scores.hpp"
#include "servicechain/error.hpp"
#include "servicechain/io/json_writer.hpp"
#include "servicechain/validate.hpp"
#include "survey_input.hpp"

namespace servicechain {

namespace {

using survey_detail::MeanAccumulator;

struct NpsCount {
  std::size_t n = 0, promoters = 0, detractors = 0;
};

using ServiceKey = std::tuple<std::string, std::string, std::string>;  // from, to, name

/// The model's services between two units, by (supplier index, customer index).
class ServiceLookup {
 public:
  explicit ServiceLookup(const Model &model) {
    for (std::uint32_t i = 0; i < model.units.size(); ++i) unit_.emplace(model.units[i].id, i);
    for (const auto &s : model.services) {
      auto from = unit(s.from), to = unit(s.to);
      if (!from || !to) continue;
      auto &names = names_[pair(*from, *to)];
      if (std::find(names.begin(), names.end(), s.name) == names.end()) names.push_back(s.name);
    }
  }
  std::optional<std::uint32_t> unit(std::string_view id) const {
    auto it = unit_.find(id);
    return it == unit_.end() ? std::nullopt : std::optional<std::uint32_t>(it->second);
  }
  /// Distinct names of the services from → to (empty: none).
  const std::vector<std::string> &names(std::uint32_t from, std::uint32_t to) const {
    static const std::vector<std::string> none;
    auto it = names_.find(pair(from, to));
    return it == names_.end() ? none : it->second;
  }
  static std::uint64_t pair(std::uint32_t from, std::uint32_t to) { return (std::uint64_t{from} << 32) | to; }

 private:
  std::unordered_map<std::string_view, std::uint32_t> unit_;
  std::unordered_map<std::uint64_t, std::vector<std::string>> names_;
};

struct Columns {
  std::size_t respondent, supplier, rating;
  std::optional<std::size_t> service, enps, date;
  explicit Columns(const CsvReader &r)
      : respondent(r.require_column("respondent_unit")), supplier(r.require_column("supplier_unit")),
        rating(r.require_column("rating")), service(r.column("service")), enps(r.column("enps")), date(r.column("date")) {}
};

std::uint32_t unit_cell(const CsvReader &reader, std::size_t column, const ServiceLookup &lookup) {
  std::string_view id = reader.text(column);
  if (id.empty()) reader.fail(column, "empty " + reader.header()[column] + ": every row names a unit");
  auto u = lookup.unit(id);
  if (!u) reader.fail(column, "unknown unit \"" + std::string(id) + "\" in column " + reader.header()[column] + " (not in the model)");
  return *u;
}

/// The service name a row is attributed to: its `service` cell, or the only
/// service between the two units; nullopt when the row names none and there are several.
std::optional<std::string> row_service(const CsvReader &reader, const Columns &c, const Model &model,
                                       const ServiceLookup &lookup, std::uint32_t from, std::uint32_t to) {
  const auto &names = lookup.names(from, to);
  const std::string &supplier = model.units[from].id, &customer = model.units[to].id;
  if (names.empty())
    reader.fail(c.supplier, "no service from \"" + supplier + "\" to \"" + customer +
                                "\" in the model: a unit rates only the units that serve it");
  std::string_view name = c.service ? reader.text(*c.service) : std::string_view();
  if (name.empty()) return names.size() == 1 ? std::optional<std::string>(names.front()) : std::nullopt;
  if (std::find(names.begin(), names.end(), name) == names.end()) {
    std::string known;
    for (const auto &n : names) known.append(known.empty() ? "\"" : ", \"").append(n).append("\"");
    reader.fail(*c.service, "no service \"" + std::string(name) + "\" from \"" + supplier + "\" to \"" + customer +
                                "\" in the model (its services: " + known + ")");
  }
  return std::string(name);
}

ConfidenceInterval interval(double value, double se) { return std::array<double, 2>{value - z95 * se, value + z95 * se}; }

}  // namespace

InternalSurveyResult internal_survey(CsvReader &reader, const Model &model, const ChainGraph &graph,
                                     const InternalSurveyOptions &options) {
  const Columns c(reader);
  const ServiceLookup lookup(model);
  const Scale scale{1, 5};
  const std::size_t units = model.units.size();
  std::vector<MeanAccumulator> supplier(units);
  std::unordered_set<std::uint64_t> pairs;  // (supplier, respondent) seen
  std::vector<std::size_t> respondent_rows(units, 0);
  std::vector<NpsCount> enps(units);
  std::map<ServiceKey, MeanAccumulator> services;
  InternalSurveyResult result;
  while (reader.next()) {
    survey_detail::require_full_row(reader);
    const std::uint32_t to = unit_cell(reader, c.respondent, lookup), from = unit_cell(reader, c.supplier, lookup);
    auto name = row_service(reader, c, model, lookup, from, to);
    auto rating = survey_detail::scaled(reader, c.rating, scale);
    if (!rating) reader.fail(c.rating, "missing rating (1-5)");
    std::optional<int> recommend;
    if (c.enps) recommend = survey_detail::integer_answer(reader, *c.enps, 0, 10);
    if (c.date) {
      std::string_view date = reader.text(*c.date);
      if (!date.empty() && !is_iso_date(date)) reader.fail(*c.date, "date \"" + std::string(date) + "\" is not a date YYYY-MM-DD");
    }
    ++result.n;
    const double mapped = (*rating - 1) / 4;
    supplier[from].add(mapped);
    pairs.insert(ServiceLookup::pair(from, to));
    if (name) services[{model.units[from].id, model.units[to].id, *name}].add(mapped);
    ++respondent_rows[to];
    if (recommend) {
      auto &e = enps[to];
      ++e.n;
      e.promoters += *recommend >= 9;
      e.detractors += *recommend <= 6;
    }
  }

  result.min_group = options.min_group;
  result.propagation = options.propagation;
  const auto propagated = propagate(graph, intrinsic_quality(model), options.propagation, options.solver);
  const auto &delivered = propagated.delivered;
  result.convergence.merge(propagated);
  result.convergence.name(model);
  std::vector<std::size_t> respondent_units(units, 0);
  for (std::uint64_t p : pairs) ++respondent_units[p >> 32];
  for (std::uint32_t u = 0; u < units; ++u) {
    const auto &a = supplier[u];
    if (a.n == 0) continue;
    InternalSupplier s;
    s.unit = model.units[u].id;
    s.n = a.n;
    s.respondent_units = respondent_units[u];
    s.delivered = delivered[u];
    s.suppressed = a.n < options.min_group;
    if (!s.suppressed) {
      s.internal_rating = a.mean;
      s.rating_gap = a.mean - delivered[u];
      s.sd = a.sd();
      if (s.sd) s.ci = interval(a.mean, *s.sd / std::sqrt(static_cast<double>(a.n)));
    }
    result.suppliers.push_back(std::move(s));
  }
  for (const auto &[key, a] : services) {
    InternalService s{std::get<0>(key), std::get<1>(key), std::get<2>(key), a.n, std::nullopt, a.n < options.min_group};
    if (!s.suppressed) s.rating = a.mean;
    result.services.push_back(std::move(s));
  }
  for (std::uint32_t u = 0; u < units; ++u) {
    if (respondent_rows[u] == 0) continue;
    const auto &e = enps[u];
    InternalRespondent r;
    r.unit = model.units[u].id;
    r.rows = respondent_rows[u];
    r.n = e.n;
    r.suppressed = e.n < options.min_group;
    if (!r.suppressed && e.n > 0) {
      const double n = static_cast<double>(e.n), pp = static_cast<double>(e.promoters) / n,
                   pd = static_cast<double>(e.detractors) / n;
      r.enps = 100 * (static_cast<double>(e.promoters) - static_cast<double>(e.detractors)) / n;
      r.se = 100 * std::sqrt(std::max(0.0, pp + pd - (pp - pd) * (pp - pd)) / n);
      r.ci = interval(*r.enps, *r.se);
    }
    result.respondents.push_back(std::move(r));
  }
  return result;
}

InternalSurveyResult internal_survey(CsvReader &reader, const Model &model, const InternalSurveyOptions &options) {
  const ChainGraph graph(model);
  return internal_survey(reader, model, graph, options);
}

namespace {
void write_interval(JsonWriter &w, const ConfidenceInterval &ci) {
  w.key("ci");
  if (ci) w.begin_array().value((*ci)[0]).value((*ci)[1]).end_array();
  else w.null();
}
}  // namespace

void write_json(JsonWriter &w, const InternalSurveyResult &r) {
  w.begin_object().field("n", static_cast<std::uint64_t>(r.n));
  w.key("suppliers").begin_array();
  for (const auto &s : r.suppliers) {
    w.begin_object().field("unit", s.unit).field("n", static_cast<std::uint64_t>(s.n));
    w.field("respondent_units", static_cast<std::uint64_t>(s.respondent_units)).field("internal_rating", s.internal_rating);
    write_interval(w, s.ci);
    w.field("delivered", s.delivered).field("rating_gap", s.rating_gap).field("suppressed", s.suppressed);
    w.field("sd", s.sd).end_object();
  }
  w.end_array().key("services").begin_array();
  for (const auto &s : r.services)
    w.begin_object().field("from", s.from).field("to", s.to).field("name", s.name).field("n", static_cast<std::uint64_t>(s.n))
        .field("rating", s.rating).field("suppressed", s.suppressed).end_object();
  w.end_array().key("respondents").begin_array();
  for (const auto &e : r.respondents) {
    w.begin_object().field("unit", e.unit).field("n", static_cast<std::uint64_t>(e.n)).field("enps", e.enps);
    write_interval(w, e.ci);
    w.field("suppressed", e.suppressed).field("se", e.se).field("rows", static_cast<std::uint64_t>(e.rows)).end_object();
  }
  w.end_array();
  w.field("min_group", static_cast<std::uint64_t>(r.min_group)).field("propagation", to_string(r.propagation));
  write_convergence(w, r.convergence);
  w.end_object();
}

std::size_t apply_internal_ratings(Model &model, const InternalSurveyResult &result) {
  std::map<std::tuple<std::string_view, std::string_view, std::string_view>, double> rating;
  for (const auto &s : result.services)
    if (s.rating) rating.emplace(std::tuple<std::string_view, std::string_view, std::string_view>{s.from, s.to, s.name}, *s.rating);
  std::size_t set = 0;
  for (auto &s : model.services) {
    auto it = rating.find({s.from, s.to, s.name});
    if (it == rating.end()) continue;
    s.rating = it->second;
    ++set;
  }
  return set;
}

}  // namespace servicechain
