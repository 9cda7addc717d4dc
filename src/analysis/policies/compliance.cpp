#include "servicechain/analysis/policies/compliance.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <unordered_map>

#include "servicechain/analysis/chain/metrics.hpp"
#include "servicechain/analysis/people/fit.hpp"
#include "servicechain/analysis/people/maturity.hpp"
#include "servicechain/analysis/survey/internal.hpp"
#include "servicechain/analysis/survey/ipa.hpp"
#include "servicechain/analysis/survey/scores.hpp"
#include "servicechain/analysis/survey/servqual.hpp"
#include "servicechain/error.hpp"
#include "servicechain/io/json_writer.hpp"
#include "servicechain/log.hpp"
#include "servicechain/validate.hpp"

namespace servicechain {

std::string_view to_string(EntityKind kind) {
  switch (kind) {
    case EntityKind::unit: return "unit";
    case EntityKind::person: return "person";
    case EntityKind::manager: return "manager";
    case EntityKind::moment: return "moment";
    case EntityKind::segment: return "segment";
    case EntityKind::organization: return "organization";
    case EntityKind::survey: return "survey";
  }
  return "";
}

SurveyInput survey_file(const std::string &path, const CsvOptions &options) {
  return {path, [path, options] { return CsvReader::open(path, options); }};
}

SurveyInput survey_text(std::string text, std::string name, const CsvOptions &options) {
  auto shared = std::make_shared<const std::string>(std::move(text));
  return {name, [shared, name, options] { return CsvReader::from_text(*shared, name, options); }};
}

bool compare(double value, Comparison op, double target) {
  switch (op) {
    case Comparison::less: return value < target;
    case Comparison::less_equal: return value <= target;
    case Comparison::greater: return value > target;
    case Comparison::greater_equal: return value >= target;
    case Comparison::equal: return std::abs(value - target) <= 1e-9 * std::max(1.0, std::abs(target));
  }
  return false;
}

namespace {

// Everything the model metrics read, computed once per check.
struct Context {
  const Model &model;
  const ComplianceOptions &options;
  ChainGraph graph;
  std::vector<double> fit, intrinsic;
  PropagationResult propagation;
  std::vector<double> &delivered = propagation.delivered;
  Satisfaction satisfaction;
  std::vector<std::optional<Level>> level;  // of each person (people_levels)
  std::vector<std::optional<std::uint32_t>> distance;
  std::vector<std::uint32_t> layers;
  SpanOfControl span;
  std::vector<std::optional<double>> morale, ceiling, fidelity, rating, gap;  // per unit
  std::unordered_map<std::string_view, std::size_t> unit_index, moment_index, segment_index;
  std::vector<std::vector<std::size_t>> children;

  Context(const Model &m, const ComplianceOptions &o)
      : model(m), options(o), graph(m), fit(people_fit(m)), intrinsic(intrinsic_quality(m, fit, o.morale_cap)),
        propagation(propagate(graph, intrinsic, o.model, o.solver)), satisfaction(servicechain::satisfaction(graph, delivered)),
        level(people_levels(m)), distance(customer_distance(graph)), layers(unit_layers(m)), span(span_of_control(m)),
        morale(unit_morale(m)), ceiling(morale_ceiling(m, fit)), fidelity(message_fidelity(distance, layers, o.fidelity)),
        rating(internal_rating(m)), gap(rating_gap(rating, delivered)), children(m.units.size()) {
    for (std::size_t i = 0; i < m.units.size(); ++i) unit_index.emplace(m.units[i].id, i);
    for (std::size_t i = 0; i < m.moments.size(); ++i) moment_index.emplace(m.moments[i].id, i);
    for (std::size_t i = 0; i < m.segments.size(); ++i) segment_index.emplace(m.segments[i].id, i);
    for (std::size_t i = 0; i < m.units.size(); ++i)
      if (m.units[i].parent)
        if (auto it = unit_index.find(*m.units[i].parent); it != unit_index.end()) children[it->second].push_back(i);
  }

  std::optional<std::size_t> unit_of(std::string_view id) const {
    auto it = unit_index.find(id);
    return it == unit_index.end() ? std::nullopt : std::optional(it->second);
  }

  // Moments in a scope.
  std::vector<char> moments_in(const Scope &scope) const {
    std::vector<char> in(model.moments.size(), 0);
    std::vector<char> subtree;
    if (scope.kind == Scope::Kind::unit) subtree = unit_subtree(scope.id);
    for (std::size_t i = 0; i < model.moments.size(); ++i) {
      const auto &m = model.moments[i];
      auto owner = unit_of(m.owner);
      switch (scope.kind) {
        case Scope::Kind::all: in[i] = 1; break;
        case Scope::Kind::level: in[i] = owner && to_string(model.units[*owner].level) == scope.id; break;
        case Scope::Kind::unit: in[i] = owner && subtree[*owner]; break;
        case Scope::Kind::segment: in[i] = m.segment == scope.id; break;
        case Scope::Kind::moment: in[i] = m.id == scope.id; break;
      }
    }
    return in;
  }

  std::vector<char> unit_subtree(std::string_view id) const {
    std::vector<char> in(model.units.size(), 0);
    auto root = unit_of(id);
    if (!root) return in;
    std::vector<std::size_t> stack{*root};
    while (!stack.empty()) {
      std::size_t u = stack.back();
      stack.pop_back();
      if (in[u]) continue;
      in[u] = 1;
      for (std::size_t c : children[u]) stack.push_back(c);
    }
    return in;
  }

  // Units in a scope: all, a level, a subtree, or the owners of a segment's / a moment's moments.
  std::vector<char> units_in(const Scope &scope) const {
    switch (scope.kind) {
      case Scope::Kind::all: return std::vector<char>(model.units.size(), 1);
      case Scope::Kind::unit: return unit_subtree(scope.id);
      case Scope::Kind::level: {
        std::vector<char> in(model.units.size(), 0);
        for (std::size_t i = 0; i < model.units.size(); ++i) in[i] = to_string(model.units[i].level) == scope.id;
        return in;
      }
      case Scope::Kind::segment:
      case Scope::Kind::moment: {
        std::vector<char> in(model.units.size(), 0);
        auto moments = moments_in(scope);
        for (std::size_t i = 0; i < model.moments.size(); ++i)
          if (moments[i])
            if (auto u = unit_of(model.moments[i].owner)) in[*u] = 1;
        return in;
      }
    }
    return {};
  }

  std::vector<char> people_in(const Scope &scope) const {
    std::vector<char> in(model.people.size(), 0);
    std::vector<char> units;
    if (scope.kind != Scope::Kind::all && scope.kind != Scope::Kind::level) units = units_in(scope);
    for (std::size_t i = 0; i < model.people.size(); ++i) {
      const Person &p = model.people[i];
      switch (scope.kind) {
        case Scope::Kind::all: in[i] = 1; break;
        case Scope::Kind::level: in[i] = level[i] && to_string(*level[i]) == scope.id; break;
        default: {
          auto u = unit_of(p.unit);
          in[i] = u && units[*u];
        }
      }
    }
    return in;
  }

  std::vector<char> segments_in(const Scope &scope) const {
    std::vector<char> in(model.segments.size(), 0);
    if (scope.kind == Scope::Kind::all) return std::vector<char>(model.segments.size(), 1);
    if (scope.kind == Scope::Kind::segment) {
      for (std::size_t i = 0; i < model.segments.size(); ++i) in[i] = model.segments[i].id == scope.id;
      return in;
    }
    auto moments = moments_in(scope);  // level, unit, moment: the segments of those moments
    for (std::size_t i = 0; i < model.moments.size(); ++i)
      if (moments[i])
        if (auto it = segment_index.find(model.moments[i].segment); it != segment_index.end()) in[it->second] = 1;
    return in;
  }

  std::string organization_id() const {
    return model.organization && !model.organization->id.empty() ? model.organization->id : std::string("organization");
  }
};

using Checks = std::vector<EntityCheck>;
using ModelMetric = Checks (*)(const Context &, const Scope &);

// The items of one model list that are in scope (`in`), each with value(i).
template <class Items, class Value>
Checks in_scope(EntityKind kind, const std::vector<char> &in, const Items &items, Value value) {
  Checks out;
  for (std::size_t i = 0; i < items.size(); ++i)
    if (in[i]) out.push_back({kind, items[i].id, value(i), std::nullopt});
  return out;
}

template <class Value>
Checks per_unit(const Context &c, const Scope &scope, Value value) {
  return in_scope(EntityKind::unit, c.units_in(scope), c.model.units, value);
}

template <class Value>
Checks per_person(const Context &c, const Scope &scope, Value value) {
  return in_scope(EntityKind::person, c.people_in(scope), c.model.people, value);
}

// Units in scope with their internal-survey value (null: no rows, or suppressed).
Checks internal_survey_checks(const Context &c, const Scope &scope, const std::vector<InternalSurveyValue> &values) {
  std::unordered_map<std::string_view, std::optional<double>> by_unit;
  for (const auto &v : values) by_unit[v.unit] = v.suppressed ? std::nullopt : v.value;
  return per_unit(c, scope, [&](std::size_t i) {
    auto it = by_unit.find(c.model.units[i].id);
    return it == by_unit.end() ? std::nullopt : it->second;
  });
}

// Why a model metric cannot be measured on this input (nullopt: it can).
std::optional<std::string> not_evaluated_reason(const Context &c, std::string_view metric) {
  if ((metric == "unit.enps" || metric == "unit.survey_internal_rating") && !c.options.internal_survey)
    return "no internal customer survey given";
  if (metric == "org.maturity_index" && (!c.model.assessment || c.model.assessment->responses.empty()))
    return "the model has no maturity assessment";
  return std::nullopt;
}

// A per-unit array of the context as a metric (a missing value stays null).
template <auto Values>
Checks unit_array(const Context &c, const Scope &s) {
  return per_unit(c, s, [&](std::size_t i) -> std::optional<double> {
    const auto &v = (c.*Values)[i];
    if constexpr (requires { v.has_value(); }) return v ? std::optional<double>(static_cast<double>(*v)) : std::nullopt;
    else return static_cast<double>(v);
  });
}

// A number of each person in the model as a metric.
template <auto Field>
Checks person_field(const Context &c, const Scope &s) {
  return per_person(c, s, [&](std::size_t i) { return std::optional<double>(c.model.people[i].*Field); });
}

Checks moment_quality(const Context &c, const Scope &s) {
  return in_scope(EntityKind::moment, c.moments_in(s), c.model.moments,
                  [&](std::size_t i) { return c.satisfaction.moment_quality[i]; });
}

Checks segment_satisfaction(const Context &c, const Scope &s) {
  return in_scope(EntityKind::segment, c.segments_in(s), c.model.segments,
                  [&](std::size_t i) { return c.satisfaction.segment_satisfaction[i]; });
}

Checks span_of_control_checks(const Context &c, const Scope &s) {
  Checks out;
  auto in = c.people_in(s);
  for (const auto &m : c.span.managers)
    if (in[m.person])
      out.push_back({EntityKind::manager, c.model.people[m.person].id, static_cast<double>(m.direct_reports), std::nullopt});
  return out;
}

const std::map<std::string_view, std::pair<ModelMetric, EntityKind>> &model_metrics() {
  static const std::map<std::string_view, std::pair<ModelMetric, EntityKind>> metrics{
      {"unit.quality", {unit_array<&Context::intrinsic>, EntityKind::unit}},
      {"unit.delivered_quality",
       {[](const Context &c, const Scope &s) {
          return per_unit(c, s, [&](std::size_t i) { return std::optional<double>(c.delivered[i]); });
        },
        EntityKind::unit}},
      {"unit.customer_distance", {unit_array<&Context::distance>, EntityKind::unit}},
      {"unit.layers", {unit_array<&Context::layers>, EntityKind::unit}},
      {"moment.quality", {moment_quality, EntityKind::moment}},
      {"segment.satisfaction", {segment_satisfaction, EntityKind::segment}},
      {"org.csi",
       {[](const Context &c, const Scope &) {
          return Checks{{EntityKind::organization, c.organization_id(), c.satisfaction.csi, std::nullopt}};
        },
        EntityKind::organization}},
      {"person.customer_contacts_per_year", {person_field<&Person::customer_contacts_per_year>, EntityKind::person}},
      {"person.training_hours", {person_field<&Person::training_hours>, EntityKind::person}},
      {"person.fit",
       {[](const Context &c, const Scope &s) {
          // people_fit: 1 for a person without a position (§2), as `people` reports.
          return per_person(c, s, [&](std::size_t i) { return std::optional<double>(c.fit[i]); });
        },
        EntityKind::person}},
      {"person.morale",
       {[](const Context &c, const Scope &s) {
          // A missing morale counts as 1, as in the morale ceiling (§2).
          return per_person(c, s, [&](std::size_t i) { return std::optional<double>(c.model.people[i].morale.value_or(1.0)); });
        },
        EntityKind::person}},
      {"unit.morale", {unit_array<&Context::morale>, EntityKind::unit}},
      {"unit.morale_ceiling", {unit_array<&Context::ceiling>, EntityKind::unit}},
      {"unit.internal_rating", {unit_array<&Context::rating>, EntityKind::unit}},
      {"unit.rating_gap", {unit_array<&Context::gap>, EntityKind::unit}},
      {"unit.message_fidelity", {unit_array<&Context::fidelity>, EntityKind::unit}},
      {"org.maturity_index",
       {[](const Context &c, const Scope &) {
          return Checks{{EntityKind::organization, c.organization_id(), assess_maturity(c.model).index, std::nullopt}};
        },
        EntityKind::organization}},
      {"unit.enps",
       {[](const Context &c, const Scope &s) { return internal_survey_checks(c, s, c.options.internal_survey->enps); },
        EntityKind::unit}},
      {"unit.survey_internal_rating",
       {[](const Context &c, const Scope &s) {
          return internal_survey_checks(c, s, c.options.internal_survey->internal_rating);
        },
        EntityKind::unit}},
      {"manager.span_of_control", {span_of_control_checks, EntityKind::manager}},
  };
  return metrics;
}

// ---- survey metrics -------------------------------------------------------------

enum class SurveyKind { servqual, nps, csat, ces, ipa };

struct SurveyMetric {
  SurveyKind kind;
  std::string_view part;  // servqual: unweighted, weighted, negative_share or a dimension name
};

std::optional<SurveyMetric> survey_metric(std::string_view name) {
  constexpr std::string_view gap = "survey.servqual.gap.", servqual = "survey.servqual.";
  if (name.substr(0, gap.size()) == gap) return SurveyMetric{SurveyKind::servqual, name.substr(gap.size())};
  if (name.substr(0, servqual.size()) == servqual) return SurveyMetric{SurveyKind::servqual, name.substr(servqual.size())};
  if (name == "survey.nps") return SurveyMetric{SurveyKind::nps, {}};
  if (name == "survey.csat") return SurveyMetric{SurveyKind::csat, {}};
  if (name == "survey.ces") return SurveyMetric{SurveyKind::ces, {}};
  if (name == "survey.ipa.csi") return SurveyMetric{SurveyKind::ipa, {}};
  return std::nullopt;
}

// The column a score metric reads in a file, if the file has it.
std::optional<std::string> score_column(const CsvReader &r, SurveyKind kind) {
  switch (kind) {
    case SurveyKind::nps:
      for (const char *name : {"nps", "recommend"})
        if (r.column(name)) return std::string(name);
      return std::nullopt;
    case SurveyKind::csat: return r.column("csat") ? std::optional<std::string>("csat") : std::nullopt;
    case SurveyKind::ces: return r.column("ces") ? std::optional<std::string>("ces") : std::nullopt;
    default: return std::nullopt;
  }
}

bool has_columns(const CsvReader &r, SurveyKind kind) {
  switch (kind) {
    case SurveyKind::servqual:
      for (const auto &d : parasuraman_1988())
        for (int i : d.items)
          if (!r.column(servqual_column('E', i)) || !r.column(servqual_column('P', i))) return false;
      return true;
    case SurveyKind::ipa:
      for (const auto &h : r.header())
        if (h.size() > 2 && h.compare(0, 2, "I_") == 0) return true;
      return false;
    default: return score_column(r, kind).has_value();
  }
}

std::string_view columns_needed(SurveyKind kind) {
  switch (kind) {
    case SurveyKind::servqual: return "E1..E22 and P1..P22";
    case SurveyKind::nps: return "nps or recommend";
    case SurveyKind::csat: return "csat";
    case SurveyKind::ces: return "ces";
    case SurveyKind::ipa: return "I_<attribute> and P_<attribute>";
  }
  return "";
}

std::optional<double> servqual_part(const ServqualScores &s, std::string_view part) {
  if (part == "unweighted") return s.unweighted;
  if (part == "weighted") return s.weighted;
  if (part == "negative_share") return s.negative_share;
  for (const auto &d : s.dimensions)
    if (d.name == part) return d.gap;
  return std::nullopt;
}

void evaluate_survey(const Context &c, const Standard &standard, StandardResult &out) {
  auto metric = survey_metric(standard.metric);
  if (!metric) throw AnalysisError("metric " + standard.metric + " has no evaluator");
  if (c.options.surveys.empty()) {
    out.status = StandardStatus::not_evaluated;
    out.reason = "no survey given";
    return;
  }
  const SurveyInput *input = nullptr;
  for (const auto &s : c.options.surveys) {
    auto reader = s.open();
    if (has_columns(reader, metric->kind)) {
      input = &s;
      break;
    }
  }
  if (!input) {
    out.status = StandardStatus::not_evaluated;
    out.reason = "no survey has the columns " + std::string(columns_needed(metric->kind));
    return;
  }
  // Scope → row filter on the segment or moment column.
  std::optional<RowFilter> filter;
  switch (standard.scope.kind) {
    case Scope::Kind::all: break;
    case Scope::Kind::segment: filter = RowFilter{"segment", {standard.scope.id}}; break;
    case Scope::Kind::moment: filter = RowFilter{"moment", {standard.scope.id}}; break;
    case Scope::Kind::unit:
    case Scope::Kind::level: {
      filter = RowFilter{"moment", {}};
      auto in = c.moments_in(standard.scope);
      for (std::size_t i = 0; i < c.model.moments.size(); ++i)
        if (in[i]) filter->values.push_back(c.model.moments[i].id);
      break;
    }
  }
  auto reader = input->open();
  if (filter && !reader.column(filter->column)) {
    out.status = StandardStatus::not_evaluated;
    out.reason = input->name + " has no " + filter->column + " column for this scope";
    return;
  }
  std::optional<double> value;
  switch (metric->kind) {
    case SurveyKind::servqual: {
      ServqualOptions o;
      o.scale = c.options.servqual_scale;
      o.filter = filter;
      value = servqual_part(servqual(reader, o).overall, metric->part);
      break;
    }
    case SurveyKind::ipa: {
      IpaOptions o;
      o.scale = c.options.ipa_scale;
      o.filter = filter;
      value = ipa(reader, o).csi;
      break;
    }
    default: {
      ScoreOptions o;
      o.column = *score_column(reader, metric->kind);
      o.filter = filter;
      try {
        if (metric->kind == SurveyKind::nps) value = nps(reader, o).nps;
        else if (metric->kind == SurveyKind::csat) value = csat(reader, o).csat;
        else value = ces(reader, o).mean;
      } catch (const ParseError &) {
        throw;
      } catch (const InputError &) {
        value.reset();  // no answers in this scope: no value
      }
    }
  }
  out.entities.push_back({EntityKind::survey, input->name, value, std::nullopt});
}

void tally(StandardResult &s) {
  for (auto &e : s.entities) {
    if (e.value) e.pass = compare(*e.value, s.op, s.target);
    // An unreachable customer is infinitely far: it fails "<" and "<=", passes ">" and ">=".
    else if (s.metric == "unit.customer_distance") e.pass = compare(std::numeric_limits<double>::infinity(), s.op, s.target);
    if (e.pass) ++(*e.pass ? s.passed : s.failed);
  }
  if (s.passed + s.failed) s.compliance = static_cast<double>(s.passed) / static_cast<double>(s.passed + s.failed);
}

}  // namespace

const std::vector<MetricInfo> &metric_catalogue() {
  static const std::vector<MetricInfo> catalogue = [] {
    std::vector<MetricInfo> out;
    for (auto name : known_metrics()) {
      if (auto it = model_metrics().find(name); it != model_metrics().end()) out.push_back({name, it->second.second, ""});
      else if (survey_metric(name)) out.push_back({name, EntityKind::survey, ""});
      else throw AnalysisError("metric " + std::string(name) + " is known to validation but has no evaluator");
    }
    return out;
  }();
  return catalogue;
}

namespace {

/// Whether a survey file is an internal customer survey (§4.12) by its header.
bool is_internal_survey(const CsvReader &reader) {
  return reader.column("respondent_unit") && reader.column("supplier_unit");
}

/// unit.enps and unit.survey_internal_rating of the first internal customer
/// survey among `options.surveys`, or none; a second one is an ArgumentError.
std::optional<InternalSurveyMeasures> internal_survey_in(const Model &model, const ChainGraph &graph,
                                                         const ComplianceOptions &options) {
  std::optional<InternalSurveyMeasures> measures;
  for (const SurveyInput &survey : options.surveys) {
    CsvReader reader = survey.open();
    if (!is_internal_survey(reader)) continue;
    if (measures) throw ArgumentError("--survey: give at most one internal customer survey (" + measures->name + ", " + survey.name + ")");
    InternalSurveyOptions o;
    o.min_group = options.internal_min_group;
    o.propagation = options.model;
    const InternalSurveyResult r = internal_survey(reader, model, graph, o);
    InternalSurveyMeasures m{survey.name, {}, {}};
    for (const auto &u : r.respondents) m.enps.push_back({u.unit, u.enps, u.suppressed});
    for (const auto &u : r.suppliers) m.internal_rating.push_back({u.unit, u.internal_rating, u.suppressed});
    measures = std::move(m);
  }
  return measures;
}

}  // namespace

ComplianceResult check_policies(const Model &model, const ComplianceOptions &options) {
  ComplianceOptions effective = options;  // the context reads the internal survey found below
  Context context(model, effective);
  if (!effective.internal_survey) effective.internal_survey = internal_survey_in(model, context.graph, options);
  ComplianceResult result;
  result.convergence.merge(context.propagation);
  result.convergence.name(model);
  for (const Policy &policy : model.policies) {
    PolicyResult pr;
    pr.id = policy.id;
    pr.statement = policy.statement;
    for (const Standard &standard : policy.standards) {
      StandardResult sr;
      sr.id = standard.id;
      sr.metric = standard.metric;
      sr.scope = standard.scope;
      sr.op = standard.op;
      sr.target = standard.target;
      if (auto it = model_metrics().find(standard.metric); it != model_metrics().end()) {
        if (auto reason = not_evaluated_reason(context, standard.metric)) {
          sr.status = StandardStatus::not_evaluated;
          sr.reason = *reason;
        } else {
          sr.entities = it->second.first(context, standard.scope);
        }
      }
      else if (survey_metric(standard.metric))
        evaluate_survey(context, standard, sr);
      else
        throw ArgumentError("unknown metric \"" + standard.metric + "\" in standard " + standard.id);
      ++result.standards;
      if (sr.status == StandardStatus::evaluated) {
        tally(sr);
        ++pr.standards_evaluated;
        if (sr.failed == 0 && sr.passed > 0) ++pr.standards_met;
        pr.passed += sr.passed;
        pr.failed += sr.failed;
      } else {
        ++result.standards_not_evaluated;
      }
      pr.standards.push_back(std::move(sr));
    }
    if (pr.passed + pr.failed) pr.compliance = static_cast<double>(pr.passed) / static_cast<double>(pr.passed + pr.failed);
    result.passed += pr.passed;
    result.failed += pr.failed;
    result.standards_met += pr.standards_met;
    result.policies.push_back(std::move(pr));
  }
  if (result.passed + result.failed)
    result.compliance = static_cast<double>(result.passed) / static_cast<double>(result.passed + result.failed);
  logger()->debug("policies: {} standards, {} met, {} not evaluated", result.standards, result.standards_met,
                  result.standards_not_evaluated);
  return result;
}

void write_json(JsonWriter &w, const ComplianceResult &r) {
  auto scope_json = [&](const Scope &s) {
    w.key("scope").begin_object();
    switch (s.kind) {
      case Scope::Kind::all: break;
      case Scope::Kind::level: w.field("level", s.id); break;
      case Scope::Kind::unit: w.field("unit", s.id); break;
      case Scope::Kind::segment: w.field("segment", s.id); break;
      case Scope::Kind::moment: w.field("moment", s.id); break;
    }
    w.end_object();
  };
  auto u64 = [](std::size_t n) { return static_cast<std::uint64_t>(n); };
  w.begin_object()
      .field("compliance", r.compliance)
      .field("passed", u64(r.passed))
      .field("failed", u64(r.failed))
      .field("standards", u64(r.standards))
      .field("standards_met", u64(r.standards_met))
      .field("standards_not_evaluated", u64(r.standards_not_evaluated));
  w.key("policies").begin_array();
  for (const auto &p : r.policies) {
    w.begin_object()
        .field("id", p.id)
        .field("statement", p.statement)
        .field("compliance", p.compliance)
        .field("passed", u64(p.passed))
        .field("failed", u64(p.failed))
        .field("standards_met", u64(p.standards_met))
        .field("standards_evaluated", u64(p.standards_evaluated));
    w.key("standards").begin_array();
    for (const auto &s : p.standards) {
      w.begin_object().field("id", s.id).field("metric", s.metric);
      scope_json(s.scope);
      w.field("op", to_string(s.op)).field("target", s.target);
      w.field("status", s.status == StandardStatus::evaluated ? "evaluated" : "not_evaluated");
      w.key("reason");
      if (s.reason.empty()) w.null();
      else w.value(s.reason);
      w.field("compliance", s.compliance).field("passed", u64(s.passed)).field("failed", u64(s.failed));
      w.key("entities").begin_array();
      for (const auto &e : s.entities) {
        w.begin_object().field("kind", to_string(e.kind)).field("id", e.id).field("value", e.value).key("pass");
        if (e.pass) w.value(*e.pass);
        else w.null();
        w.end_object();
      }
      w.end_array().end_object();
    }
    w.end_array().end_object();
  }
  w.end_array();
  write_convergence(w, r.convergence);
  w.end_object();
}

}  // namespace servicechain
