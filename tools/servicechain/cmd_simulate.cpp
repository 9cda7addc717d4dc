// servicechain simulate MODEL [--runs N] [--seed S] [--threads T] [--sigma σ] [--kappa κ]
//                             [--plan ID] [--budget X] [--model M] [--json]
// Monte Carlo simulation of customer encounters (§4.11, docs/simulation.md).
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <iomanip>
#include <iostream>
#include <sstream>
#include <thread>

#include "cli.hpp"
#include "servicechain/analysis/people/fit.hpp"
#include "servicechain/analysis/simulation/simulation.hpp"

namespace servicechain::cli {
namespace {


std::string fixed(std::optional<double> v, int precision) {
  if (!v) return "-";
  std::ostringstream s;
  s << std::fixed << std::setprecision(precision) << *v;
  return s.str();
}

void print_row(std::ostream &out, const std::string &label, const Summary &s, int precision) {
  out << "  " << pad(label, 24);
  for (const auto &v : {s.mean, s.sd, s.p5, s.p50, s.p95}) out << std::setw(9) << fixed(v, precision);
  out << "\n";
}

void print_readable(const Model &model, const SimulationResult &r, std::ostream &out) {
  print_convergence(out, r.convergence);
  out << r.runs << " " << msg("cli.simulate.runs") << ", " << msg("cli.simulate.seed") << " " << r.seed << ", " << r.encounters_per_run
      << " " << msg("cli.simulate.encounters_per_run") << "\n";
  out << "  " << pad("", 24);
  for (const char *h : {msg("cli.analyze.mean"), "sd", "p5", "p50", "p95"}) out << pad(h, 9, Align::right);
  out << "\n";
  print_row(out, msg("term.csi"), r.csi, 2);
  print_row(out, msg("cli.simulate.satisfied_share"), r.satisfied, 3);
  print_row(out, "NPS", r.nps, 1);
  for (std::size_t c = 0; c < r.segments.size(); ++c) {
    const auto &s = r.segments[c];
    if (!s.csi.mean) continue;
    out << "  " << model.segments[c].name << "\n";
    print_row(out, "  CSI", s.csi, 2);
    print_row(out, std::string("  ") + msg("cli.simulate.satisfied_share"), s.satisfied, 3);
    print_row(out, "  NPS", s.nps, 1);
  }
}

// A progress bar on stderr, only when stderr is a terminal.
std::function<void(std::size_t, std::size_t)> progress_bar() {
  if (!isatty(STDERR_FILENO)) return {};
  return [](std::size_t done, std::size_t total) {
    constexpr int width = 40;
    int filled = static_cast<int>(width * done / std::max<std::size_t>(total, 1));
    std::cerr << "\r[" << std::string(static_cast<std::size_t>(filled), '#') << std::string(static_cast<std::size_t>(width - filled), '.')
              << "] " << done << "/" << total << (done == total ? "\n" : "") << std::flush;
  };
}

struct Options {
  std::string file, plan, model = "linear";
  std::size_t runs = 1000;
  std::uint64_t seed = 1;
  unsigned threads = 0;
  double sigma = 0.05, kappa = 20, budget = 0;
  std::uint64_t max_memory_mib = SimulationOptions{}.max_memory_bytes >> 20;
  double max_work = SimulationOptions{}.max_work;
  bool json = false, no_morale_cap = false;
};

// A limit of the simulation names the model file it was asked for.
template <class F>
auto with_file_named(const std::string &file, F &&f) {
  try {
    return f();
  } catch (const LimitError &e) {
    throw LimitError(file + ": " + e.what());
  }
}

void run(const CLI::App &cmd, const Options &o, bool budget_given) {
  if (!(o.sigma >= 0) || !std::isfinite(o.sigma)) throw usage_error("cli.usage.nonnegative", {"--sigma"});
  if (!(o.kappa > 0) || !std::isfinite(o.kappa)) throw usage_error("cli.usage.positive", {"--kappa"});
  if (budget_given && !(o.budget >= 0 && std::isfinite(o.budget))) throw usage_error("cli.usage.nonnegative", {"--budget"});
  const ModelAndGraph loaded = load_model_and_graph_file(o.file);
  const Model &model = loaded.model;
  const ChainGraph &graph = loaded.graph;
  if (o.json) return run_json(cmd, "simulate", {.model = &loaded, .progress = progress_bar()});
  SimulationOptions options;
  options.runs = o.runs;
  options.seed = o.seed;
  options.threads = o.threads;
  options.sigma = o.sigma;
  options.kappa = o.kappa;
  options.propagation = *parse_propagation_model(o.model);
  options.solver = global().solver;
  options.max_memory_bytes = o.max_memory_mib << 20;
  options.max_work = o.max_work;
  options.morale_cap = !o.no_morale_cap;
  options.progress = progress_bar();
  if (o.plan.empty()) {
    auto result = with_file_named(o.file, [&] { return simulate(model, graph, intrinsic_quality(model, options.morale_cap), options); });
    print_readable(model, result, std::cout);
    return;
  }
  auto result = with_file_named(o.file, [&] {
    return simulate_plan(model, o.plan, budget_given ? std::optional<double>(o.budget) : std::nullopt, options);
  });
  std::cout << msg("cli.simulate.baseline") << "\n";
  print_readable(model, result.baseline, std::cout);
  std::cout << "\n" << msg("cli.simulate.with_plan") << " " << result.plan << " (";
  for (std::size_t i = 0; i < result.selected.size(); ++i) std::cout << (i ? ", " : "") << result.selected[i];
  std::cout << ")\n";
  print_readable(model, result.with_plan, std::cout);
}

void setup(CLI::App &app) {
  auto *cmd = app.add_subcommand("simulate");
  auto o = std::make_shared<Options>();
  cmd->add_option("model", o->file)->required();
  cmd->add_option("--runs", o->runs)->check(whole_number(1, max_simulation_runs));
  cmd->add_option("--seed", o->seed)->check(whole_number());
  cmd->add_option("--threads", o->threads)
      ->check(whole_number(0, std::numeric_limits<unsigned>::max()));
  cmd->add_option("--sigma", o->sigma);
  cmd->add_option("--kappa", o->kappa);
  cmd->add_option("--plan", o->plan);
  auto *budget = cmd->add_option("--budget", o->budget);
  cmd->add_option("--model", o->model)->check(CLI::IsMember({"linear", "geometric"}));
  cmd->add_option("--max-memory", o->max_memory_mib)
      ->check(whole_number(1, std::uint64_t{1} << 40));
  cmd->add_option("--max-work", o->max_work)
      ->check(CLI::PositiveNumber);
  cmd->add_flag("--json", o->json);
  add_morale_cap_option(cmd, o->no_morale_cap);
  cmd->callback([cmd, o, budget] { run(*cmd, *o, budget->count() > 0); });
}
SERVICECHAIN_COMMAND(80, setup);

void demo_section(const Model &model, Language, std::ostream &out) {
  if (model.moments.empty()) return;
  out << msg("cli.simulate.simulated_encounters_200_runs_seed_1") << "\n"
      << std::string(60, '-') << "\n";
  ChainGraph graph(model);
  SimulationOptions options;
  options.runs = 200;
  print_readable(model, simulate(model, graph, intrinsic_quality(model), options), out);
  out << "\n";
}
SERVICECHAIN_DEMO_SECTION(310, demo_section);

}  // namespace
}  // namespace servicechain::cli
