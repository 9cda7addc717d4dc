// servicechain plan MODEL --plan ID [--budget X] [--as-of DATE] [--model M] [--json]
// Improvement plans: predicted gains, selection under budget, schedule, progress.
#include <algorithm>
#include <cmath>
#include <iomanip>
#include <iostream>
#include <sstream>

#include "cli.hpp"
#include "readable_number.hpp"
#include "servicechain/analysis/plans/plan.hpp"
#include "servicechain/validate.hpp"

namespace servicechain::cli {
namespace {

// A PDCA stage in the --lang language (Spanish: planificar, hacer, verificar, actuar, hecho).
const char *stage_text(Stage stage) {
  static constexpr const char *ids[] = {"stage.plan", "stage.do", "stage.check", "stage.act", "stage.done"};
  return msg(ids[static_cast<std::size_t>(stage)]);
}

std::string number(std::optional<double> v, int precision = 2) {
  return readable_number(v, precision);  // the one number formatter: 8,700.00 / 8.700,00
}

bool contains(const std::vector<std::string> &ids, const std::string &id) {
  return std::find(ids.begin(), ids.end(), id) != ids.end();
}

// Why a gain is 0, in words (the JSON's reason code).
const char *reason_text(GainReason reason) {
  switch (reason) {
    case GainReason::ceiling_binds:
      return msg("cli.plan.the_unit_s_people_s_morale");
    case GainReason::ceiling_not_binding:
      return msg("cli.plan.the_unit_s_quality_not_its");
    case GainReason::no_path_to_customer:
      return msg("cli.plan.no_customer_can_be_reached_from");
    case GainReason::clamped:
      return msg("cli.plan.what_it_raises_is_already_at");
  }
  return "";
}

void print_zero_gains(const PlanReport &r, std::ostream &out) {
  bool any = false;
  for (const auto &g : r.gains) {
    if (!g.reason) continue;
    if (!any) out << "\n" << msg("cli.plan.actions_that_gain_nothing_and_why") << "\n";
    any = true;
    out << "  " << g.id << ": " << reason_text(*g.reason) << " (" << to_string(*g.reason) << ")\n";
  }
  if (r.selection.reason)
    out << msg("cli.plan.the_selected_actions_together_gain_nothing")
        << reason_text(*r.selection.reason) << " (" << to_string(*r.selection.reason) << ")\n";
}

void print_readable(const PlanReport &r, std::ostream &out, bool brief) {
  const auto &s = r.selection;
  print_convergence(out, r.convergence);
  out << msg("cli.plan.improvement_plan") << ": " << r.plan->name << " (" << r.plan->id << ")\n";
  out << msg("cli.plan.budget") << ": " << number(s.budget) << "   " << msg("cli.plan.selected_cost") << ": "
      << number(s.cost) << (s.over_budget ? msg("cli.plan.committed_actions_exceed_the_budget") : "")
      << "\n";
  out << msg("term.csi") << ": " << number(s.csi_before) << " -> " << number(s.csi_after) << "   (" << msg("cli.plan.selection") << ": "
      << (s.method == "exact" ? msg("cli.plan.exact") : msg("cli.plan.greedy_heuristic")) << ", "
      << (r.propagation == PropagationModel::linear ? msg("cli.diff.linear") : msg("cli.plan.geometric"))
      << ")\n";
  if (s.exact_stopped) out << msg("cli.plan.exact_search_stopped") << "\n";
  out << "\n";
  std::size_t id_width = 8;  // long ids (a roadmap's plan.template.unit) widen the first column
  for (const auto &a : r.plan->actions) id_width = std::max(id_width, a.id.size() + 2);
  out << pad(msg("cli.plan.action"), id_width) << pad(msg("cli.plan.stage"), 8) << pad(msg("cli.people.cost"), 10, Align::right)
      << pad(msg("cli.plan.gain"), 9, Align::right) << pad("ES", 7, Align::right) << pad("EF", 7, Align::right) << pad(msg("cli.plan.slack"), 8, Align::right)
      << "  " << msg("cli.plan.selected") << "\n";
  std::size_t g = 0, k = 0;
  for (const auto &a : r.plan->actions) {
    out << pad(a.id, id_width) << pad(stage_text(a.stage), 8) << pad(number(a.cost), 10, Align::right);
    if (a.stage == Stage::done) {
      out << std::setw(9) << "" << std::setw(7) << "" << std::setw(7) << "" << std::setw(8) << "" << "  " << msg("cli.plan.done") << "\n";
      continue;
    }
    const auto &row = r.schedule.actions[k++];
    out << std::setw(9) << number(r.gains[g++].gain, 3) << std::setw(7) << number(row.es, 0) << std::setw(7) << number(row.ef, 0)
        << std::setw(8) << number(row.slack, 0) << "  " << (contains(s.selected, a.id) ? msg("cli.plan.yes") : "-") << "\n";
  }
  out << "\n" << msg("cli.plan.duration") << ": " << number(r.schedule.duration, 0) << " " << msg("cli.plan.days") << "   "
      << msg("cli.plan.critical_path") << ": ";
  for (std::size_t i = 0; i < r.schedule.critical_path.size(); ++i) out << (i ? " -> " : "") << r.schedule.critical_path[i];
  out << "\n";
  print_zero_gains(r, out);
  if (brief) return;
  out << msg("cli.plan.progress") << ": ";
  for (std::size_t i = 0; i < r.progress.by_stage.size(); ++i)
    out << (i ? ", " : "") << stage_text(static_cast<Stage>(i)) << " " << r.progress.by_stage[i];
  out << "\n" << msg("cli.plan.overdue_at") << " " << r.as_of << ": ";
  if (r.progress.overdue.empty()) out << msg("cli.analyze.none_2");
  for (std::size_t i = 0; i < r.progress.overdue.size(); ++i) out << (i ? ", " : "") << r.progress.overdue[i];
  out << "\n";
}

void setup(CLI::App &app) {
  auto *cmd = app.add_subcommand("plan");
  struct Options {
    std::string file, plan, as_of, model = "linear";
    double budget = 0;
    bool json = false, no_morale_cap = false;
  };
  auto o = std::make_shared<Options>();
  cmd->add_option("model", o->file)->required();
  cmd->add_option("--plan", o->plan)->required();
  auto *budget = cmd->add_option("--budget", o->budget);
  cmd->add_option("--as-of", o->as_of);
  cmd->add_option("--model", o->model)->check(CLI::IsMember({"linear", "geometric"}));
  cmd->add_flag("--json", o->json);
  add_morale_cap_option(cmd, o->no_morale_cap);
  cmd->callback([cmd, o, budget] {
    if (budget->count() && !(o->budget >= 0 && std::isfinite(o->budget))) throw usage_error("cli.usage.nonnegative", {"--budget"});
    if (!o->as_of.empty() && !is_iso_date(o->as_of)) throw usage_error("cli.usage.date", {"--as-of"});
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
  out << msg("cli.plan.improvement_plan_selection_under_budget_critical")
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
