// servicechain diff OLD NEW [--propagation linear|geometric] [--json]
// Two snapshots of one organization: the CSI of both, each common unit's
// contribution to the change, the residual, added and removed units and
// services (§4.13, docs/trends.md).
#include <cmath>
#include <iostream>

#include "cli.hpp"
#include "readable_number.hpp"
#include "servicechain/analysis/chain/diff.hpp"

namespace servicechain::cli {
namespace {

void print_side(const char *title, const ModelDiffSide &side) {
  std::ostream &out = std::cout;
  if (side.units.empty() && side.services.empty()) return;
  out << "\n" << title << "\n";
  for (const auto &u : side.units) out << "  " << msg("cli.analyze.unit") << " " << u << "\n";
  for (const auto &s : side.services)
    out << "  " << msg("cli.diff.service") << " " << s.from << " -> " << s.to << ": " << s.name << "\n";
}

std::string signed_number(std::optional<double> x, int digits) {
  // What rounds to zero at this precision is shown as +0.000, not as rounding noise's -0.000.
  if (x && std::abs(*x) < 0.5 * std::pow(10.0, -digits)) x = 0.0;
  std::string text = readable_number(x, digits);
  return x && *x >= 0 ? "+" + text : text;
}

void print_diff(const ModelDiff &d, const std::string &old_file, const std::string &new_file) {
  std::ostream &out = std::cout;
  print_convergence(out, d.convergence);
  out << msg("cli.diff.model_comparison") << ": " << old_file << " -> " << new_file << " ("
      << msg("cli.diff.propagation") << " "
      << (d.propagation == PropagationModel::linear ? msg("cli.diff.linear") : msg("cli.diff.geometric")) << ")\n"
      << msg("cli.analyze.customer_satisfaction_index") << ": " << readable_number(d.csi_old, 2)
      << " -> " << readable_number(d.csi_new, 2) << " (" << signed_number(d.csi_change, 2) << ")\n\n";
  out << pad(msg("cli.analyze.unit"), 20) << pad(msg("cli.analyze.quality"), 10, Align::right)
      << pad(msg("cli.diff.delivered"), 11, Align::right) << pad(msg("cli.diff.contribution"), 14, Align::right)
      << "\n";
  for (const auto &u : d.units) {
    if (u.s_change == 0 && u.q_change == 0) continue;  // unchanged units add nothing to read
    out << pad(u.id, 20) << pad(signed_number(u.s_change, 3), 10, Align::right)
        << pad(signed_number(u.q_change, 3), 11, Align::right) << pad(signed_number(u.contribution, 3), 14, Align::right)
        << "\n";
  }
  out << msg("cli.diff.residual_change_not_explained_by_the")
      << ": " << signed_number(d.residual, 3) << "\n";
  print_side(msg("cli.diff.only_in_the_new_model"), d.added);
  print_side(msg("cli.diff.only_in_the_old_model"), d.removed);
}

void setup(CLI::App &app) {
  struct Args {
    std::string old_file, new_file, propagation = "linear";
    bool json = false;
  };
  auto a = std::make_shared<Args>();
  auto *cmd = app.add_subcommand("diff");
  cmd->add_option("old", a->old_file)->required();
  cmd->add_option("new", a->new_file)->required();
  cmd->add_option("--propagation", a->propagation)
      ->check(CLI::IsMember({"linear", "geometric"}));
  cmd->add_flag("--json", a->json);
  cmd->callback([cmd, a] {
    if (a->json) {
      const ModelAndGraph old_model = load_model_and_graph_file(a->old_file);
      return run_json(*cmd, "diff", {.model = &old_model, .positional = {{"old", ""}, {"new", "new"}}});
    }
    const Model old_model = load_model_file(a->old_file), new_model = load_model_file(a->new_file);
    ModelDiffOptions options;
    options.propagation = *parse_propagation_model(a->propagation);
    options.solver = global().solver;
    ModelDiff diff;
    try {
      diff = diff_models(old_model, new_model, options);
    } catch (const InputError &e) {
      throw InputError(a->old_file + " and " + a->new_file + ": " + e.what());
    }
    print_diff(diff, a->old_file, a->new_file);
  });
}
SERVICECHAIN_COMMAND(93, setup);

}  // namespace
}  // namespace servicechain::cli
