// servicechain generate --units N [--services-per-unit K] --seed S [...] -o FILE:
// a synthetic organization (docs/generate.md), written atomically.
#include <iostream>

#include "cli.hpp"
#include "servicechain/generate.hpp"
#include "servicechain/io/model_json.hpp"

namespace servicechain::cli {
namespace {

void setup(CLI::App &app) {
  auto *cmd = app.add_subcommand("generate", "Write a synthetic organization (for tests, demos and benchmarks)");
  auto o = std::make_shared<GenerateOptions>();
  auto out = std::make_shared<std::string>();
  cmd->add_option("--units", o->units, "Number of units")->required()->check(CLI::Range(std::size_t{1}, std::size_t{50'000'000}));
  cmd->add_option("--services-per-unit", o->services_per_unit, "Mean incoming services per unit (0-10)")->capture_default_str()
      ->check(CLI::Range(0.0, 10.0));
  cmd->add_option("--seed", o->seed, "Random seed: the same seed gives the same file")->required();
  cmd->add_option("--people-per-unit", o->people_per_unit, "People per unit (0: unit qualities instead)")->capture_default_str()
      ->check(CLI::Range(std::size_t{0}, std::size_t{1000}));
  cmd->add_option("--cycle-share", o->cycle_share, "Share of units inside circular dependencies (0-1)")->capture_default_str()
      ->check(CLI::Range(0.0, 1.0));
  cmd->add_option("--long-range-share", o->long_range_share, "Share of services between distant units (0-1)")->capture_default_str()
      ->check(CLI::Range(0.0, 1.0));
  cmd->add_option("--branching", o->branching, "Children per unit in the unit tree")->capture_default_str()
      ->check(CLI::Range(std::size_t{2}, std::size_t{1000}));
  cmd->add_option("--segments", o->segments, "Customer segments")->capture_default_str()->check(CLI::Range(std::size_t{1}, std::size_t{1000}));
  cmd->add_option("--moments", o->moments, "Moments of truth (0: about one per 20 units)")->capture_default_str();
  cmd->add_option("--plan-actions", o->plan_actions, "Actions of one improvement plan (0: no plan)")->capture_default_str()
      ->check(CLI::Range(std::size_t{0}, std::size_t{100'000}));
  cmd->add_option("-o,--output", *out, "File to write (.json, or an archive .xml/.txt/.bin); - or none: stdout");
  cmd->callback([o, out] {
    Model model;
    try {
      model = generate_organization(*o);
    } catch (const ArgumentError &e) {
      throw UsageError(e.what());
    }
    if (out->empty() || *out == "-") {
      emit(to_json(model));
      return;
    }
    save_model(model, *out);
    if (!global().quiet)
      std::cerr << *out << ": " << model.units.size() << " " << tr("units", "unidades") << ", " << model.services.size()
                << " " << tr("services", "servicios") << ", " << model.people.size() << " " << tr("people", "personas")
                << ", " << model.moments.size() << " " << tr("moments of truth", "momentos de verdad") << "\n";
  });
}

SERVICECHAIN_COMMAND(85, setup);

}  // namespace
}  // namespace servicechain::cli
