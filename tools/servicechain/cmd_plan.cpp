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

// Why a gain is 0, in words (the JSON's reason code).
const char *reason_text(GainReason reason) {
  switch (reason) {
    case GainReason::ceiling_binds:
      return tr("the unit's people's morale x fit caps its quality: raise morale or skills first",
                "la moral x ajuste del personal limita la calidad de la unidad: primero suba la moral o las competencias");
    case GainReason::ceiling_not_binding:
      return tr("the unit's quality, not its people's morale x fit, sets its level: morale or skills gain nothing there yet",
                "la calidad de la unidad, no la moral x ajuste de su personal, fija su nivel: moral o competencias aún no mejoran nada allí");
    case GainReason::no_path_to_customer:
      return tr("no customer can be reached from the units it changes",
                "desde las unidades que cambia no se llega a ningún cliente");
    case GainReason::clamped:
      return tr("what it raises is already at its maximum (or the change is absorbed on the way)",
                "lo que sube ya está en su máximo (o el cambio se pierde en el camino)");
  }
  return "";
}

void print_zero_gains(const PlanReport &r, std::ostream &out) {
  bool any = false;
  for (const auto &g : r.gains) {
    if (!g.reason) continue;
    if (!any) out << "\n" << tr("Actions that gain nothing, and why:", "Acciones que no mejoran nada, y por qué:") << "\n";
    any = true;
    out << "  " << g.id << ": " << reason_text(*g.reason) << " (" << to_string(*g.reason) << ")\n";
  }
  if (r.selection.reason)
    out << tr("The selected actions together gain nothing: ", "Las acciones elegidas juntas no mejoran nada: ")
        << reason_text(*r.selection.reason) << " (" << to_string(*r.selection.reason) << ")\n";
}

void print_readable(const PlanReport &r, std::ostream &out, bool brief) {
  const auto &s = r.selection;
  print_convergence(out, r.convergence);
  out << tr("Improvement plan", "Plan de mejora") << ": " << r.plan->name << " (" << r.plan->id << ")\n";
  out << tr("Budget", "Presupuesto") << ": " << number(s.budget) << "   " << tr("selected cost", "costo seleccionado") << ": "
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
  std::size_t id_width = 8;  // long ids (a roadmap's plan.template.unit) widen the first column
  for (const auto &a : r.plan->actions) id_width = std::max(id_width, a.id.size() + 2);
  out << pad(tr("action", "acción"), id_width) << pad(tr("stage", "etapa"), 8) << pad(tr("cost", "costo"), 10, Align::right)
      << pad(tr("gain", "mejora"), 9, Align::right) << pad("ES", 7, Align::right) << pad("EF", 7, Align::right) << pad(tr("slack", "holgura"), 8, Align::right)
      << "  " << tr("selected", "elegida") << "\n";
  std::size_t g = 0, k = 0;
  for (const auto &a : r.plan->actions) {
    out << pad(a.id, id_width) << pad(to_string(a.stage), 8) << pad(number(a.cost), 10, Align::right);
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
  print_zero_gains(r, out);
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
    bool json = false, no_morale_cap = false;
  };
  auto o = std::make_shared<Options>();
  cmd->add_option("model", o->file, "Model file")->required();
  cmd->add_option("--plan", o->plan, "Plan id")->required();
  auto *budget = cmd->add_option("--budget", o->budget, "Budget (default: the plan's)");
  cmd->add_option("--as-of", o->as_of, "Date for overdue actions, YYYY-MM-DD (default: today, UTC)");
  cmd->add_option("--model", o->model, "Propagation model")->check(CLI::IsMember({"linear", "geometric"}));
  cmd->add_flag("--json", o->json, "Machine output (docs/plans.md)");
  add_morale_cap_option(cmd, o->no_morale_cap);
  cmd->callback([cmd, o, budget] {
    if (budget->count() && !(o->budget >= 0 && std::isfinite(o->budget))) throw UsageError("--budget must be a number >= 0");
    if (!o->as_of.empty() && !is_iso_date(o->as_of)) throw UsageError("--as-of must be a date YYYY-MM-DD");
    if (o->json) {
      const ModelAndGraph loaded = load_model_and_graph_file(o->file);
      return run_json(*cmd, "plan", {.model = &loaded});
    }
    Model model = load_model_file(o->file);
    PlanReportOptions options;
    options.plan = o->plan;
    if (budget->count()) options.budget = o->budget;
    options.as_of = o->as_of;
    options.propagation = *parse_propagation_model(o->model);
    options.solver = global().solver;
    options.morale_cap = !o->no_morale_cap;
    auto report = plan_report(model, options);
    print_readable(report, std::cout, false);
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
