// servicechain people MODEL [--json] [--threshold T] [--budget B] [--model linear|geometric]
// Person-position fit, alignment per unit and training needs (docs/people.md);
// demo sections 400 (training plan per level) and 410 (alignment suggestions).
#include <algorithm>
#include <cmath>
#include <iomanip>
#include <iostream>
#include <sstream>
#include <unordered_map>

#include <utility>

#include "cli.hpp"
#include "servicechain/analysis/chain/impact.hpp"
#include "servicechain/analysis/chain/propagation.hpp"
#include "servicechain/analysis/people/alignment.hpp"
#include "servicechain/analysis/people/fit.hpp"
#include "servicechain/analysis/people/training.hpp"
#include "servicechain/io/json_writer.hpp"

namespace servicechain::cli {
namespace {

// ∂CSI/∂s_u per unit for the training priority, from the adjoint sweep (§4.2);
// an undefined impact counts as 0; an undefined CSI (no segment has moments)
// gives an empty vector: every unit alike.
struct UnitImpact {
  std::vector<double> values;
  const char *method = "uniform";
  Convergence convergence;  // of the propagation and the adjoint
};
UnitImpact unit_impact(const Model &model, PropagationModel propagation) {
  ChainGraph graph(model);
  auto s = intrinsic_quality(model);
  auto q = propagate(graph, s, propagation, global().solver);
  UnitImpact result;
  result.convergence.merge(q);
  if (!csi(graph, q.delivered)) {
    result.convergence.name(model);
    return result;
  }
  auto adjoint = impact(graph, s, q.delivered, propagation, global().solver);
  result.convergence.merge(adjoint);
  result.convergence.name(model);
  result.method = "adjoint";
  result.values.reserve(adjoint.impact.size());
  for (const auto &d : adjoint.impact) result.values.push_back(d.value_or(0.0));
  return result;
}

const char *level_text(Level level) {
  switch (level) {
    case Level::directive: return tr("directive", "directivo");
    case Level::managerial: return tr("managerial", "gerencial");
    default: return tr("operative", "operativo");
  }
}

struct Names {
  std::unordered_map<std::string_view, std::string_view> person, position, unit, module;
  Names(const Model &model, const std::vector<CurriculumModule> &curriculum) {
    for (const auto &p : model.people) person.emplace(p.id, p.name);
    for (const auto &p : model.positions) position.emplace(p.id, p.title);
    for (const auto &u : model.units) unit.emplace(u.id, u.name);
    for (const auto &m : curriculum) module.emplace(m.id, m.title);
  }
  static std::string_view of(const std::unordered_map<std::string_view, std::string_view> &map, std::string_view id) {
    auto it = map.find(id);
    return it == map.end() ? id : it->second;
  }
};

// Fixed-point text; leaves the stream's format alone.
std::string fixed(double x, int digits) {
  std::ostringstream s;
  s << std::fixed << std::setprecision(digits) << x;
  return s.str();
}
std::string money(double x) { return fixed(x, 0); }
std::string hours(double x) { return (x == std::floor(x) ? fixed(x, 0) : fixed(x, 1)) + " h"; }
const char *people_word(std::size_t n) { return n == 1 ? tr("person", "persona") : tr("people", "personas"); }
const char *enrolments_word(std::size_t n) {
  return n == 1 ? tr("enrolment", "inscripción") : tr("enrolments", "inscripciones");
}

void print_training_by_level(const TrainingResult &t, const Names &names, std::ostream &out) {
  for (const auto &level : t.by_level) {
    if (level.enrolments == 0) continue;
    out << "  " << level_text(level.level) << ": " << level.people << " " << people_word(level.people) << ", "
        << level.enrolments << " " << enrolments_word(level.enrolments) << ", " << hours(level.hours) << ", "
        << tr("cost", "coste") << " " << money(level.cost) << "\n";
    for (const auto &[module, people] : level.modules)
      out << "    - " << Names::of(names.module, module) << " (" << people << " " << people_word(people) << ")\n";
  }
  out << "  " << tr("Total", "Total") << ": " << t.plan.size() << " " << enrolments_word(t.plan.size()) << ", "
      << hours(t.hours) << ", " << tr("cost", "coste") << " " << money(t.cost);
  if (t.budget)
    out << " (" << tr("budget", "presupuesto") << " " << money(*t.budget) << "; " << tr("without limit", "sin límite")
        << ": " << t.full_enrolments << " " << enrolments_word(t.full_enrolments) << ", " << money(t.full_cost) << ")";
  out << "\n";
  if (t.uncovered)
    out << "  " << t.uncovered << " "
        << tr("needs have no module at the person's level", "necesidades sin módulo del nivel de la persona") << "\n";
}

void print_alignment(const AlignmentResult &a, const Names &names, std::ostream &out) {
  bool any = false;
  for (const auto &u : a.units) {
    if (u.moves.empty()) continue;
    any = true;
    out << "  " << Names::of(names.unit, u.unit) << ": " << tr("total fit", "ajuste total") << " " << fixed(u.current, 3)
        << " → " << fixed(u.optimal, 3) << "\n";
    for (const auto &m : u.moves)
      out << "    " << Names::of(names.person, m.person) << ": " << Names::of(names.position, m.from) << " → "
          << Names::of(names.position, m.to) << " (" << fixed(m.fit_from, 2) << " → " << fixed(m.fit_to, 2) << ")\n";
  }
  if (!any) out << "  " << tr("Everyone is in the position that suits them best.", "Cada persona está en el puesto que mejor le encaja.") << "\n";
}

void write_json(const AlignmentResult &a, const TrainingResult &t, const UnitImpact &impact,
                PropagationModel propagation, std::string &text) {
  JsonWriter w(text);
  w.begin_object().field("threshold", a.threshold);
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
  w.key("training").begin_object();
  w.field("impact", impact.method).field("model", to_string(propagation)).field("budget", t.budget);
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
  w.key("plan").begin_array();
  for (const auto &e : t.plan) {
    w.begin_object().field("person", e.person).field("module", e.module).field("level", to_string(e.level))
        .field("hours", e.hours).field("cost", e.cost).field("value", e.value);
    w.key("competencies").begin_array();
    for (const auto &c : e.competencies) w.value(c);
    w.end_array().end_object();
  }
  w.end_array();
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
  write_convergence(w, impact.convergence);
  w.end_object();
  text.push_back('\n');
}

void setup(CLI::App &app) {
  auto *cmd = app.add_subcommand("people", "Person-position fit, alignment per unit and training needs");
  struct Options {
    std::string file;
    bool json = false;
    double threshold = 0.6;
    std::optional<double> budget;
    std::string model = "linear";
  };
  auto o = std::make_shared<Options>();
  cmd->add_option("model", o->file, "Model file (.json)")->required();
  cmd->add_flag("--json", o->json, "Machine output: {people, below_threshold, alignment, training}");
  cmd->add_option("--threshold", o->threshold, "List people whose fit is below this (default 0.6)");
  cmd->add_option("--budget", o->budget, "Limit the training plan to this cost");
  cmd->add_option("--model", o->model, "Propagation model for the impact on the CSI")
      ->check(CLI::IsMember({"linear", "geometric"}));
  cmd->callback([o] {
    if (!std::isfinite(o->threshold)) throw UsageError("--threshold must be a number");
    if (o->budget && !(*o->budget >= 0 && std::isfinite(*o->budget))) throw UsageError("--budget must be a number >= 0");
    Model model = load_model_file(o->file);
    auto propagation = *parse_propagation_model(o->model);
    AlignmentOptions ao;
    ao.threshold = o->threshold;
    AlignmentResult alignment = align(model, ao);
    UnitImpact impact = unit_impact(model, propagation);
    TrainingOptions to;
    to.budget = o->budget;
    to.language = global().language();
    TrainingResult training = training_needs(model, impact.values, to);
    if (o->json) {
      std::string text;
      write_json(alignment, training, impact, propagation, text);
      emit(text);
      return;
    }
    Names names(model, curriculum_of(model, global().language()));
    auto &out = std::cout;
    print_convergence(out, impact.convergence);
    out << tr("Person-position fit", "Ajuste persona-puesto") << ": " << alignment.people.size() << " "
        << tr("people", "personas") << ", " << alignment.below_threshold.size() << " "
        << tr("below", "por debajo de") << " " << o->threshold << "\n";
    for (const auto &p : alignment.people)
      if (p.below_threshold)
        out << "  " << Names::of(names.person, p.id) << " (" << Names::of(names.position, p.position.value_or(""))
            << ", " << Names::of(names.unit, p.unit) << "): " << fixed(p.fit, 2) << "\n";
    out << "\n" << tr("Alignment suggestions", "Sugerencias de alineamiento") << " (" << alignment.moves << " "
        << tr("moves", "cambios") << ")\n";
    print_alignment(alignment, names, out);
    out << "\n" << tr("Training plan by level", "Plan de formación por nivel") << "\n";
    print_training_by_level(training, names, out);
    out << "\n" << tr("Highest-priority needs", "Necesidades más prioritarias") << "\n";
    for (std::size_t i = 0; i < training.needs.size() && i < 10; ++i) {
      const auto &n = training.needs[i];
      out << "  " << Names::of(names.person, n.person) << ": " << n.competency << " " << n.have << " → " << n.required
          << " (" << tr("priority", "prioridad") << " " << fixed(n.priority, 2) << ")\n";
    }
  });
}
SERVICECHAIN_COMMAND(50, setup);

void training_section(const Model &model, Language language, std::ostream &out) {
  auto impact = unit_impact(model, PropagationModel::linear);
  TrainingOptions options;
  options.language = language;
  auto training = training_needs(model, impact.values, options);
  Names names(model, curriculum_of(model, language));
  print_convergence(out, impact.convergence);
  out << tr("Training plan per level (competency gaps, by impact on the CSI per person)",
            "Plan de formación por nivel (brechas de competencias, por impacto en el ICS por persona)")
      << "\n";
  print_training_by_level(training, names, out);
  out << "\n";
}
SERVICECHAIN_DEMO_SECTION(400, training_section);

void alignment_section(const Model &model, Language, std::ostream &out) {
  auto alignment = align(model);
  Names names(model, {});
  out << tr("Alignment: the right person in the right position", "Alineamiento: la persona adecuada en el puesto adecuado")
      << "\n";
  print_alignment(alignment, names, out);
  if (!alignment.below_threshold.empty()) {
    out << "  " << tr("Fit below", "Ajuste por debajo de") << " " << alignment.threshold << ":";
    const char *separator = " ";
    for (const auto &id : alignment.below_threshold) out << std::exchange(separator, ", ") << Names::of(names.person, id);
    out << "\n";
  }
  out << "\n";
}
SERVICECHAIN_DEMO_SECTION(410, alignment_section);

}  // namespace
}  // namespace servicechain::cli
