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
#include "servicechain/analysis/people/across_units.hpp"
#include "servicechain/analysis/people/people.hpp"
#include "servicechain/analysis/people/alignment.hpp"
#include "servicechain/analysis/people/fit.hpp"
#include "servicechain/analysis/people/training.hpp"
#include "servicechain/io/json_writer.hpp"

namespace servicechain::cli {
namespace {

const char *level_text(Level level) {
  switch (level) {
    case Level::directive: return msg("cli.demo.directive");
    case Level::managerial: return msg("cli.demo.managerial");
    default: return msg("cli.demo.operative");
  }
}

struct Names {
  std::unordered_map<std::string_view, std::string_view> person, position, unit, module, competency;
  Names(const Model &model, const std::vector<CurriculumModule> &curriculum) {
    for (const auto &p : model.people) person.emplace(p.id, p.name);
    for (const auto &p : model.positions) position.emplace(p.id, p.title);
    for (const auto &u : model.units) unit.emplace(u.id, u.name);
    for (const auto &m : curriculum) module.emplace(m.id, m.title);
    for (const auto &c : model.competencies) competency.emplace(c.id, c.name);
  }
  static std::string_view of(const std::unordered_map<std::string_view, std::string_view> &map, std::string_view id) {
    auto it = map.find(id);
    return it == map.end() ? id : it->second;
  }
};

// Fixed-point text (or the shortest with digits < 0) with the --lang decimal mark
// (0,57 in Spanish); leaves the stream's format alone.
std::string fixed(double x, int digits) {
  std::ostringstream s;
  if (digits >= 0) s << std::fixed << std::setprecision(digits);
  s << x;
  std::string out = s.str();
  if (global().language() == Language::es) std::replace(out.begin(), out.end(), '.', ',');
  return out;
}
std::string money(double x) { return fixed(x, 0); }
std::string hours(double x) { return (x == std::floor(x) ? fixed(x, 0) : fixed(x, 1)) + " h"; }
const char *people_word(std::size_t n) { return n == 1 ? msg("cli.people.person") : msg("cli.analyze.people"); }
const char *enrolments_word(std::size_t n) {
  return n == 1 ? msg("cli.people.enrolment") : msg("cli.people.enrolments");
}

void print_training_by_level(const TrainingResult &t, const Names &names, std::ostream &out) {
  for (const auto &level : t.by_level) {
    if (level.enrolments == 0) continue;
    out << "  " << level_text(level.level) << ": " << level.people << " " << people_word(level.people) << ", "
        << level.enrolments << " " << enrolments_word(level.enrolments) << ", " << hours(level.hours) << ", "
        << msg("cli.people.cost") << " " << money(level.cost) << "\n";
    for (const auto &[module, people] : level.modules)
      out << "    - " << Names::of(names.module, module) << " (" << people << " " << people_word(people) << ")\n";
  }
  out << "  " << msg("cli.people.total") << ": " << t.plan.size() << " " << enrolments_word(t.plan.size()) << ", "
      << hours(t.hours) << ", " << msg("cli.people.cost") << " " << money(t.cost);
  if (t.budget)
    out << " (" << msg("cli.people.budget") << " " << money(*t.budget) << "; " << msg("cli.people.without_limit")
        << ": " << t.full_enrolments << " " << enrolments_word(t.full_enrolments) << ", " << money(t.full_cost) << ")";
  out << "\n";
  if (t.uncovered)
    out << "  " << t.uncovered << " "
        << msg("cli.people.needs_have_no_module_at_the") << "\n";
  if (!t.uncovered_competencies.empty()) {
    out << "  " << msg("cli.people.required_competencies_no_module_of_the")
        << ":";
    const char *separator = " ";
    for (const auto &u : t.uncovered_competencies)
      out << std::exchange(separator, "; ") << Names::of(names.competency, u.competency) << " (" << level_text(u.level) << ")";
    out << "\n";
  }
}

void print_across_units(const AcrossUnitsResult &a, const Names &names, std::ostream &out) {
  out << "\n" << msg("cli.people.alignment_across_units") << ": " << msg("cli.people.total_fit") << " "
      << fixed(a.current, 3) << " → " << fixed(a.aligned, 3) << " (" << a.moves << " " << msg("cli.people.moves") << ", "
      << a.across << " " << msg("cli.people.into_another_unit");
  if (a.moves < a.optimal_moves)
    out << "; " << msg("cli.people.optimum") << " " << fixed(a.optimal, 3) << " " << msg("cli.people.with") << " " << a.optimal_moves
        << " " << msg("cli.people.moves");
  out << ")\n";
  for (const auto &level : a.levels)
    for (const auto &m : level.moves)
      out << "  " << Names::of(names.person, m.person) << ": " << Names::of(names.position, m.from) << " ("
          << Names::of(names.unit, m.from_unit) << ") → " << Names::of(names.position, m.to) << " ("
          << Names::of(names.unit, m.to_unit) << ") (" << fixed(m.fit_from, 2) << " → " << fixed(m.fit_to, 2) << ")\n";
  for (const auto &b : a.below_threshold)
    out << "  " << msg("cli.people.below_the_threshold") << ": " << Names::of(names.person, b.id) << " "
        << fixed(b.fit, 2) << "; " << msg("cli.people.best_position") << " " << Names::of(names.position, b.best_position)
        << " (" << Names::of(names.unit, b.best_unit) << ") " << fixed(b.best_fit, 2) << "\n";
}

void print_alignment(const AlignmentResult &a, const Names &names, std::ostream &out) {
  bool any = false;
  for (const auto &u : a.units) {
    if (u.moves.empty()) continue;
    any = true;
    out << "  " << Names::of(names.unit, u.unit) << ": " << msg("cli.people.total_fit") << " " << fixed(u.current, 3)
        << " → " << fixed(u.optimal, 3) << "\n";
    for (const auto &m : u.moves)
      out << "    " << Names::of(names.person, m.person) << ": " << Names::of(names.position, m.from) << " → "
          << Names::of(names.position, m.to) << " (" << fixed(m.fit_from, 2) << " → " << fixed(m.fit_to, 2) << ")\n";
  }
  if (!any) out << "  " << msg("cli.people.everyone_is_in_the_position_that") << "\n";
}

void setup(CLI::App &app) {
  auto *cmd = app.add_subcommand("people");
  struct Options {
    std::string file;
    bool json = false, no_morale_cap = false;
    double threshold = 0.6;
    std::optional<double> budget;
    std::string model = "linear";
    bool across_units = false;
    std::optional<std::size_t> max_moves;
  };
  auto o = std::make_shared<Options>();
  cmd->add_option("model", o->file)->required();
  cmd->add_flag("--json", o->json);
  cmd->add_option("--threshold", o->threshold);
  cmd->add_option("--budget", o->budget);
  cmd->add_option("--model", o->model)
      ->check(CLI::IsMember({"linear", "geometric"}));
  cmd->add_flag("--across-units", o->across_units);
  cmd->add_option("--max-moves", o->max_moves)
      ->check(whole_number());
  add_morale_cap_option(cmd, o->no_morale_cap);
  cmd->callback([cmd, o] {
    if (!std::isfinite(o->threshold)) throw usage_error("cli.usage.number", {"--threshold"});
    if (o->budget && !(*o->budget >= 0 && std::isfinite(*o->budget))) throw usage_error("cli.usage.nonnegative", {"--budget"});
    if (o->max_moves && !o->across_units) throw usage_error("cli.usage.needs", {"--max-moves", "--across-units"});
    const ModelAndGraph loaded = load_model_and_graph_file(o->file);
    if (o->json) return run_json(*cmd, "people", {.model = &loaded});
    const Model &model = loaded.model;
    PeopleReportOptions options;
    options.threshold = o->threshold;
    options.budget = o->budget;
    options.propagation = *parse_propagation_model(o->model);
    options.language = global().language();
    options.morale_cap = !o->no_morale_cap;
    options.across_units = o->across_units;
    options.max_moves = o->max_moves;
    options.solver = global().solver;
    const PeopleReport report = people_report(model, loaded.graph, options);
    const AlignmentResult &alignment = report.alignment;
    const TrainingResult &training = report.training;
    const std::optional<AcrossUnitsResult> &across = report.across;
    Names names(model, curriculum_of(model, global().language()));
    auto &out = std::cout;
    print_convergence(out, report.convergence);
    out << msg("cli.people.person_position_fit") << ": " << alignment.people.size() << " "
        << msg("cli.analyze.people") << ", " << alignment.below_threshold.size() << " "
        << msg("cli.people.below") << " " << fixed(o->threshold, -1) << "\n";
    for (const auto &p : alignment.people)
      if (p.below_threshold)
        out << "  " << Names::of(names.person, p.id) << " (" << Names::of(names.position, p.position.value_or(""))
            << ", " << Names::of(names.unit, p.unit) << "): " << fixed(p.fit, 2) << "\n";
    out << "\n" << msg("cli.people.alignment_suggestions") << " (" << alignment.moves << " "
        << msg("cli.people.moves") << ")\n";
    print_alignment(alignment, names, out);
    if (across) print_across_units(*across, names, out);
    out << "\n" << msg("cli.people.training_plan_by_level") << "\n";
    print_training_by_level(training, names, out);
    out << "\n" << msg("cli.people.highest_priority_needs") << "\n";
    for (std::size_t i = 0; i < training.needs.size() && i < 10; ++i) {
      const auto &n = training.needs[i];
      out << "  " << Names::of(names.person, n.person) << ": " << n.competency << " " << n.have << " → " << n.required
          << " (" << msg("cli.people.priority") << " " << fixed(n.priority, 2) << ")\n";
    }
  });
}
SERVICECHAIN_COMMAND(50, setup);

void training_section(const Model &model, Language language, std::ostream &out) {
  const ChainGraph graph(model);
  auto impact = unit_impact(model, graph, PropagationModel::linear);
  TrainingOptions options;
  options.language = language;
  auto training = training_needs(model, impact.values, options);
  Names names(model, curriculum_of(model, language));
  print_convergence(out, impact.convergence);
  out << msg("cli.people.training_plan_per_level_competency_gaps")
      << "\n";
  print_training_by_level(training, names, out);
  out << "\n";
}
SERVICECHAIN_DEMO_SECTION(400, training_section);

void alignment_section(const Model &model, Language, std::ostream &out) {
  auto alignment = align(model);
  Names names(model, {});
  out << msg("cli.people.alignment_the_right_person_in_the")
      << "\n";
  print_alignment(alignment, names, out);
  if (!alignment.below_threshold.empty()) {
    out << "  " << msg("cli.people.fit_below") << " " << alignment.threshold << ":";
    const char *separator = " ";
    for (const auto &id : alignment.below_threshold) out << std::exchange(separator, ", ") << Names::of(names.person, id);
    out << "\n";
  }
  out << "\n";
}
SERVICECHAIN_DEMO_SECTION(410, alignment_section);

}  // namespace
}  // namespace servicechain::cli
