// servicechain plan MODEL --plan ID [--budget X] [--as-of DATE] [--model M] [--json]
// Improvement plans: predicted gains, selection under budget, schedule, progress.
#include <algorithm>
#include <cmath>
#include <iomanip>
#include <iostream>
#include <sstream>

#include "cli.hpp"
#include "servicechain/analysis/plans/plan.hpp"
#include "servicechain/validate.hpp"

namespace servicechain::cli {
namespace {


std::string number(std::optional<double> v, int precision = 2) {
  if (!v) return "-";
  std::ostringstream s;
  s << std::fixed << std::setprecision(precision) << *v;
  return s.str();
}

bool contains(const std::vector<std::string> &ids, const std::string &id) {
  return std::find(ids.begin(), ids.end(), id) != ids.end();
}

void print_readable(const PlanReport &r, std::ostream &out, bool brief) {
  const auto &s = r.selection;
  print_convergence(out, r.convergence);
  out << tr("Improvement plan", "Plan de mejora") << ": " << r.plan->name << " (" << r.plan->id << ")\n";
  out << tr("Budget", "Presupuesto") << ": " << number(s.budget) << "   " << tr("selected cost", "coste seleccionado") << ": "
      << number(s.cost) << (s.over_budget ? tr("  (committed actions exceed the budget)", "  (las acciones comprometidas superan el presupuesto)") : "")
      << "\n";
  out << "CSI: " << number(s.csi_before) << " -> " << number(s.csi_after) << "   (" << tr("selection", "selección") << ": "
      << (s.method == "exact" ? tr("exact", "exacta") : tr("greedy heuristic", "heurística voraz")) << ", "
      << (r.propagation == PropagationModel::linear ? tr("linear", "lineal") : tr("geometric", "geométrico"))
      << ")\n";
  if (s.exact_stopped)
    out << tr("The exact search stopped at its evaluation limit; the greedy heuristic chose.",
              "La búsqueda exacta se detuvo en su límite de evaluaciones; eligió la heurística voraz.")
        << "\n";
  out << "\n";
  out << pad(tr("action", "acción"), 8) << pad(tr("stage", "etapa"), 8) << pad(tr("cost", "coste"), 10, Align::right)
      << pad(tr("gain", "mejora"), 9, Align::right) << pad("ES", 7, Align::right) << pad("EF", 7, Align::right) << pad(tr("slack", "holgura"), 8, Align::right)
      << "  " << tr("selected", "elegida") << "\n";
  std::size_t g = 0, k = 0;
  for (const auto &a : r.plan->actions) {
    out << pad(a.id, 8) << pad(to_string(a.stage), 8) << pad(number(a.cost), 10, Align::right);
    if (a.stage == Stage::done) {
      out << std::setw(9) << "" << std::setw(7) << "" << std::setw(7) << "" << std::setw(8) << "" << "  " << tr("done", "hecha") << "\n";
      continue;
    }
    const auto &row = r.schedule.actions[k++];
    out << std::setw(9) << number(r.gains[g++].gain, 3) << std::setw(7) << number(row.es, 0) << std::setw(7) << number(row.ef, 0)
        << std::setw(8) << number(row.slack, 0) << "  " << (contains(s.selected, a.id) ? tr("yes", "sí") : "-") << "\n";
  }
  out << "\n" << tr("Duration", "Duración") << ": " << number(r.schedule.duration, 0) << " " << tr("days", "días") << "   "
      << tr("critical path", "ruta crítica") << ": ";
  for (std::size_t i = 0; i < r.schedule.critical_path.size(); ++i) out << (i ? " -> " : "") << r.schedule.critical_path[i];
  out << "\n";
  if (brief) return;
  out << tr("Progress", "Avance") << ": ";
  for (std::size_t i = 0; i < r.progress.by_stage.size(); ++i)
    out << (i ? ", " : "") << to_string(static_cast<Stage>(i)) << " " << r.progress.by_stage[i];
  out << "\n" << tr("Overdue at", "Vencidas al") << " " << r.as_of << ": ";
  if (r.progress.overdue.empty()) out << tr("none", "ninguna");
  for (std::size_t i = 0; i < r.progress.overdue.size(); ++i) out << (i ? ", " : "") << r.progress.overdue[i];
  out << "\n";
}

void setup(CLI::App &app) {
  auto *cmd = app.add_subcommand("plan", "Improvement plan: predicted gains, selection under budget, schedule, progress");
  struct Options {
    std::string file, plan, as_of, model = "linear";
    double budget = 0;
    bool json = false;
  };
  auto o = std::make_shared<Options>();
  cmd->add_option("model", o->file, "Model file")->required();
  cmd->add_option("--plan", o->plan, "Plan id")->required();
  auto *budget = cmd->add_option("--budget", o->budget, "Budget (default: the plan's)");
  cmd->add_option("--as-of", o->as_of, "Date for overdue actions, YYYY-MM-DD (default: today, UTC)");
  cmd->add_option("--model", o->model, "Propagation model")->check(CLI::IsMember({"linear", "geometric"}));
  cmd->add_flag("--json", o->json, "Machine output (docs/plans.md)");
  cmd->callback([o, budget] {
    if (budget->count() && !(o->budget >= 0 && std::isfinite(o->budget))) throw UsageError("--budget must be a number >= 0");
    if (!o->as_of.empty() && !is_iso_date(o->as_of)) throw UsageError("--as-of must be a date YYYY-MM-DD");
    Model model = load_model_file(o->file);
    PlanReportOptions options;
    options.plan = o->plan;
    if (budget->count()) options.budget = o->budget;
    options.as_of = o->as_of;
    options.propagation = *parse_propagation_model(o->model);
    options.solver = global().solver;
    auto report = plan_report(model, options);
    if (o->json) emit(to_json(report));
    else print_readable(report, std::cout, false);
  });
}
SERVICECHAIN_COMMAND(70, setup);

void demo_section(const Model &model, Language, std::ostream &out) {
  if (model.plans.empty()) return;
  const Plan &plan = model.plans.front();
  out << tr("Improvement plan (selection under budget, critical path)", "Plan de mejora (selección con presupuesto, ruta crítica)")
      << "\n" << std::string(60, '-') << "\n";
  PlanReportOptions options;
  options.plan = plan.id;
  options.as_of = plan.start.value_or("");
  auto report = plan_report(model, options);
  print_readable(report, out, true);
  out << "\n";
}
SERVICECHAIN_DEMO_SECTION(300, demo_section);

}  // namespace
}  // namespace servicechain::cli
