#include "servicechain/analysis/people/people.hpp"

#include "servicechain/analysis/chain/impact.hpp"
#include "servicechain/analysis/chain/metrics.hpp"
#include "servicechain/analysis/people/fit.hpp"

namespace servicechain {

UnitImpact unit_impact(const Model &model, const ChainGraph &graph, PropagationModel propagation, bool morale_cap,
                       const PropagationOptions &solver) {
  auto s = intrinsic_quality(model, morale_cap);
  auto q = propagate(graph, s, propagation, solver);
  UnitImpact result;
  result.convergence.merge(q);
  if (!csi(graph, q.delivered)) {
    result.convergence.name(model);
    return result;
  }
  auto adjoint = impact(graph, s, q.delivered, propagation, solver);
  result.convergence.merge(adjoint);
  result.convergence.name(model);
  result.method = "adjoint";
  result.values.reserve(adjoint.impact.size());
  for (const auto &d : adjoint.impact) result.values.push_back(d.value_or(0.0));
  return result;
}

PeopleReport people_report(const Model &model, const ChainGraph &graph, const PeopleReportOptions &options) {
  PeopleReport report;
  AlignmentOptions alignment;
  alignment.threshold = options.threshold;
  report.alignment = align(model, alignment);
  if (options.max_moves && !options.across_units) throw ArgumentError("max-moves needs across-units");
  if (options.across_units) {
    AcrossUnitsOptions across;
    across.threshold = options.threshold;
    across.max_moves = options.max_moves;
    report.across = align_across_units(model, across);
  }
  UnitImpact impact = unit_impact(model, graph, options.propagation, options.morale_cap, options.solver);
  TrainingOptions training;
  training.budget = options.budget;
  training.language = options.language;
  report.training = training_needs(model, impact.values, training);
  report.impact_method = impact.method;
  report.convergence = std::move(impact.convergence);
  report.propagation = options.propagation;
  return report;
}

namespace {

void write_alignment(JsonWriter &w, const AlignmentResult &a) {
  w.key("people").begin_array();
  for (const auto &p : a.people)
    w.begin_object().field("id", p.id).field("unit", p.unit).field("position", p.position).field("fit", p.fit)
        .field("below_threshold", p.below_threshold).end_object();
  w.end_array();
  w.key("below_threshold").begin_array();
  for (const auto &p : a.people)
    if (p.below_threshold)
      w.begin_object().field("id", p.id).field("unit", p.unit).field("position", p.position).field("fit", p.fit).end_object();
  w.end_array();
  w.key("alignment").begin_array();
  for (const auto &u : a.units) {
    w.begin_object().field("unit", u.unit).field("people", static_cast<std::uint64_t>(u.people))
        .field("current", u.current).field("optimal", u.optimal);
    w.key("moves").begin_array();
    for (const auto &m : u.moves)
      w.begin_object().field("person", m.person).field("from", m.from).field("to", m.to).field("fit_from", m.fit_from)
          .field("fit_to", m.fit_to).end_object();
    w.end_array().end_object();
  }
  w.end_array();
  w.key("alignment_total").begin_object().field("current", a.current).field("optimal", a.optimal)
      .field("moves", static_cast<std::uint64_t>(a.moves)).end_object();
}

void write_training_lists(JsonWriter &w, const TrainingResult &t) {
  w.key("needs").begin_array();
  for (const auto &n : t.needs) {
    w.begin_object().field("person", n.person).field("unit", n.unit).field("level", to_string(n.level))
        .field("competency", n.competency).field("required", n.required).field("have", n.have).field("gap", n.gap)
        .field("weight", n.weight).field("need", n.need).field("priority", n.priority);
    w.key("modules").begin_array();
    for (const auto &m : n.modules) w.value(m);
    w.end_array().end_object();
  }
  w.end_array();
  w.field("uncovered", static_cast<std::uint64_t>(t.uncovered));
  w.key("uncovered_competencies").begin_array();
  for (const auto &u : t.uncovered_competencies) {
    w.begin_object().field("competency", u.competency).field("level", to_string(u.level));
    w.key("positions").begin_array();
    for (const auto &p : u.positions) w.value(p);
    w.end_array().end_object();
  }
  w.end_array();
  w.key("plan").begin_array();
  for (const auto &e : t.plan) {
    w.begin_object().field("person", e.person).field("module", e.module).field("level", to_string(e.level))
        .field("hours", e.hours).field("cost", e.cost).field("value", e.value);
    w.key("competencies").begin_array();
    for (const auto &c : e.competencies) w.value(c);
    w.end_array().end_object();
  }
  w.end_array();
}

void write_training(JsonWriter &w, const PeopleReport &r) {
  const TrainingResult &t = r.training;
  w.key("training").begin_object();
  w.field("impact", r.impact_method).field("model", to_string(r.propagation)).field("budget", t.budget);
  write_training_lists(w, t);
  w.key("by_level").begin_array();
  for (const auto &l : t.by_level) {
    w.begin_object().field("level", to_string(l.level)).field("people", static_cast<std::uint64_t>(l.people))
        .field("enrolments", static_cast<std::uint64_t>(l.enrolments)).field("hours", l.hours).field("cost", l.cost);
    w.key("modules").begin_array();
    for (const auto &[id, people] : l.modules)
      w.begin_object().field("id", id).field("people", static_cast<std::uint64_t>(people)).end_object();
    w.end_array().end_object();
  }
  w.end_array();
  w.field("hours", t.hours).field("cost", t.cost).field("value", t.value);
  w.key("full").begin_object().field("enrolments", static_cast<std::uint64_t>(t.full_enrolments))
      .field("hours", t.full_hours).field("cost", t.full_cost).end_object();
  w.end_object();
}

}  // namespace

void write_json(JsonWriter &w, const PeopleReport &report) {
  w.begin_object().field("threshold", report.alignment.threshold);
  write_alignment(w, report.alignment);
  if (report.across) {
    w.key("across_units");
    write_json(w, *report.across);
  }
  write_training(w, report);
  write_convergence(w, report.convergence);
  w.end_object();
}

}  // namespace servicechain
