// servicechain roadmap MODEL [--json] [--threshold T] [--gap G] [--plan-out FILE]
//   [--plan-id ID] [--start DATE] [--budget X]
// The culture roadmap (§4.14, docs/roadmap.md): weak culture processes in the
// maturity model's order, suggested actions per level, the levers that serve
// them; --plan-out writes the model plus the roadmap as an improvement plan.
#include <cmath>
#include <filesystem>
#include <iomanip>
#include <iostream>
#include <sstream>
#include <unordered_map>

#include "cli.hpp"
#include "servicechain/analysis/people/roadmap.hpp"
#include "servicechain/analysis/plans/plan.hpp"
#include "servicechain/io/model_json.hpp"
#include "servicechain/validate.hpp"

namespace servicechain::cli {
namespace {

// Fixed-point text with the language's decimal separator (73.2 / 73,2).
std::string number(double x, int digits) {
  std::ostringstream s;
  s << std::fixed << std::setprecision(digits) << x;
  std::string text = s.str();
  if (global().language() == Language::es)
    if (auto dot = text.find('.'); dot != std::string::npos) text[dot] = ',';
  return text;
}
std::string number(const std::optional<double> &x, int digits) { return x ? number(*x, digits) : "-"; }

const char *level_text(Level level) {
  switch (level) {
    case Level::directive: return msg("cli.demo.directive");
    case Level::managerial: return msg("cli.demo.managerial");
    default: return msg("cli.demo.operative");
  }
}

void print_header(const RoadmapResult &r, std::size_t processes, std::ostream &out) {
  out << msg("cli.roadmap.culture_roadmap") << ": " << r.processes.size() << " "
      << msg("cli.roadmap.of") << " " << processes << " " << msg("cli.roadmap.processes_are_weak") << " ("
      << msg("cli.roadmap.mean_below") << " " << number(r.threshold, 1) << " "
      << msg("cli.roadmap.or_directive_and_operative_levels") << " " << number(r.gap_threshold, 1)
      << " " << msg("cli.roadmap.or_more_apart") << ")\n";
  out << "  " << msg("cli.roadmap.maturity_index") << " " << number(r.index, 1) << " / 100, " << r.respondents
      << " " << msg("cli.maturity.respondents") << "\n";
  if (r.respondents == 0)
    out << "  " << msg("cli.roadmap.the_model_has_no_assessment_responses") << "\n";
}

using NameOf = std::unordered_map<std::string_view, std::string_view>;
std::string_view name_of(const NameOf &names, std::string_view id) {
  auto it = names.find(id);
  return it == names.end() ? id : it->second;
}

void print_process(const RoadmapProcess &p, std::size_t rank, const NameOf &unit_names, const NameOf &process_names,
                   std::ostream &out) {
  out << "\n" << rank << ". " << p.name << " — " << msg("cli.maturity.score") << " " << number(p.score, 2);
  if (p.gap)
    out << "; " << msg("cli.demo.directive") << " " << number(p.by_level[0], 2) << ", " << msg("cli.demo.operative")
        << " " << number(p.by_level[2], 2) << " (" << msg("cli.internal_survey.gap") << " " << number(p.gap, 2) << ")";
  out << "\n";
  if (p.after) out << "   " << msg("cli.roadmap.after") << ": " << name_of(process_names, *p.after) << "\n";
  if (!p.levers.empty()) {
    out << "   " << msg("cli.roadmap.levers") << ": ";
    for (std::size_t i = 0; i < p.levers.size(); ++i) out << (i ? "; " : "") << p.levers[i].name;
    out << "\n";
  }
  if (p.kind == "other")
    out << "   " << msg("cli.roadmap.no_bundled_actions_for_this_process") << "\n";
  for (const auto &step : p.actions) {
    double cost = 0;
    for (const auto &u : step.units) cost += u.cost;
    out << "   - [" << level_text(step.action.level) << "] " << step.action.title << ": ";
    if (step.skipped == "unknown_competency") {
      out << msg("cli.roadmap.skipped_competency_not_in_the_catalogue") << " ("
          << step.action.effect.competency << ")\n";
      continue;
    }
    if (step.units.empty()) {
      out << msg("cli.roadmap.no_unit_of_this_level") << "\n";
      continue;
    }
    out << step.units.size() << " " << (step.units.size() == 1 ? msg("cli.analyze.unit") : msg("cli.analyze.units"));
    if (step.units.size() <= 3) {
      out << " (";
      for (std::size_t i = 0; i < step.units.size(); ++i) {
        out << (i ? ", " : "") << name_of(unit_names, step.units[i].unit);
      }
      out << ")";
    }
    out << ", " << number(step.action.duration_days, 0) << " " << msg("cli.plan.days") << ", " << msg("cli.people.cost") << " "
        << number(cost, 0) << "\n";
  }
}

void print(const Model &model, const RoadmapResult &r, std::ostream &out) {
  NameOf unit_names, process_names;
  for (const auto &u : model.units) unit_names.emplace(u.id, u.name);
  for (const auto &p : r.processes) process_names.emplace(p.id, p.name);
  print_header(r, maturity_model_of(model, global().language()).size(), out);
  for (std::size_t i = 0; i < r.processes.size(); ++i) print_process(r.processes[i], i + 1, unit_names, process_names, out);
  out << "\n" << msg("cli.people.total") << ": " << r.actions << " " << msg("cli.roadmap.actions") << ", "
      << msg("cli.people.cost") << " " << number(r.cost, 0) << "\n";
}

void setup(CLI::App &app) {
  auto *cmd = app.add_subcommand("roadmap");
  struct Options {
    std::string file, plan_out, plan_id = "roadmap", start;
    double threshold = 3.0, gap = 1.0;
    std::optional<double> budget;
    bool json = false;
  };
  auto o = std::make_shared<Options>();
  cmd->add_option("model", o->file)->required();
  cmd->add_flag("--json", o->json);
  cmd->add_option("--threshold", o->threshold);
  cmd->add_option("--gap", o->gap);
  output_file(cmd->add_option("--plan-out", o->plan_out));
  cmd->add_option("--plan-id", o->plan_id);
  cmd->add_option("--start", o->start);
  cmd->add_option("--budget", o->budget);
  cmd->callback([cmd, o] {
    if (!std::isfinite(o->threshold)) throw usage_error("cli.usage.number", {"--threshold"});
    if (!(o->gap >= 0 && std::isfinite(o->gap))) throw usage_error("cli.usage.nonnegative", {"--gap"});
    if (o->plan_id.empty()) throw usage_error("cli.usage.empty", {"--plan-id"});
    if (!o->start.empty() && !is_iso_date(o->start)) throw usage_error("cli.usage.date", {"--start"});
    if (o->budget && !(*o->budget >= 0 && std::isfinite(*o->budget))) throw usage_error("cli.usage.nonnegative", {"--budget"});
    std::error_code ec;
    if (!o->plan_out.empty() && std::filesystem::exists(o->plan_out) && std::filesystem::equivalent(o->file, o->plan_out, ec))
      throw usage_error("cli.usage.overwrite_plan_input", {o->file});
    const ModelAndGraph loaded = load_model_and_graph_file(o->file);
    const Model &model = loaded.model;
    RoadmapOptions options;
    options.threshold = o->threshold;
    options.gap_threshold = o->gap;
    options.plan_id = o->plan_id;
    options.language = global().language();
    const RoadmapResult result = culture_roadmap(model, options);
    if (!o->plan_out.empty()) {
      RoadmapPlanOptions po;
      po.start = o->start.empty() ? today_utc() : o->start;
      po.budget = o->budget;
      po.language = global().language();
      save_model(with_roadmap_plan(model, result, po), o->plan_out);
    }
    if (o->json) return run_json(*cmd, "roadmap", {.model = &loaded});  // the JSON is run()'s; --plan-out the CLI's
    print(model, result, std::cout);
    if (!o->plan_out.empty())
      std::cout << msg("cli.roadmap.plan") << " \"" << result.plan_id << "\" " << msg("cli.roadmap.written_to") << " "
                << o->plan_out << "\n";
  });
}
SERVICECHAIN_COMMAND(56, setup);

// Demo: after the maturity table, the weak processes in sequence and their levers.
void roadmap_section(const Model &model, Language language, std::ostream &out) {
  RoadmapOptions options;
  options.language = language;
  const RoadmapResult r = culture_roadmap(model, options);
  if (r.respondents == 0) return;
  out << msg("cli.roadmap.culture_roadmap_weak_processes_in_sequence")
      << "\n";
  for (std::size_t i = 0; i < r.processes.size(); ++i) {
    const auto &p = r.processes[i];
    out << "  " << i + 1 << ". " << p.name << " (" << number(p.score, 2) << ")";
    if (p.kind == "process" && !p.levers.empty()) {  // a lever serves itself: nothing to add
      out << " — ";
      for (std::size_t l = 0; l < p.levers.size(); ++l) out << (l ? "; " : "") << p.levers[l].name;
    }
    out << "\n";
  }
  out << "  " << r.actions << " " << msg("cli.roadmap.actions") << ", " << msg("cli.people.cost") << " " << number(r.cost, 0)
      << "\n\n";
}
SERVICECHAIN_DEMO_SECTION(425, roadmap_section);

}  // namespace
}  // namespace servicechain::cli
