// servicechain demo: the bundled example organization, summarized for a reader.
// Each capability adds its own section with SERVICECHAIN_DEMO_SECTION.
#include <iostream>

#include "cli.hpp"
#include "servicechain/io/model_json.hpp"

namespace servicechain::cli {
namespace {

void overview(const Model &m, Language, std::ostream &out) {
  std::size_t per_level[3] = {0, 0, 0};
  for (const auto &u : m.units) ++per_level[static_cast<int>(u.level)];
  out << (m.organization ? m.organization->name : std::string("(organization)")) << "\n"
      << std::string(60, '=') << "\n"
      << msg("cli.demo.units") << ": " << m.units.size() << " (" << msg("cli.demo.directive") << " " << per_level[0]
      << ", " << msg("cli.demo.managerial") << " " << per_level[1] << ", " << msg("cli.demo.operative") << " "
      << per_level[2] << ")\n"
      << msg("cli.demo.people") << ": " << m.people.size() << "   " << msg("cli.demo.positions") << ": "
      << m.positions.size() << "\n"
      << msg("cli.demo.internal_services") << ": " << m.services.size() << "   "
      << msg("cli.demo.customer_segments") << ": " << m.segments.size() << "   "
      << msg("cli.demo.moments_of_truth") << ": " << m.moments.size() << "\n"
      << msg("cli.demo.policies") << ": " << m.policies.size() << "   " << msg("cli.demo.improvement_plans")
      << ": " << m.plans.size() << "\n\n";
}
SERVICECHAIN_DEMO_SECTION(0, overview);

void setup(CLI::App &app) {
  auto *cmd = app.add_subcommand("demo");
  auto file = std::make_shared<std::string>();
  cmd->add_option("model", *file);
  cmd->callback([file] {
    Language language = global().language();
    Model model = file->empty() ? load_model_json(example_model_json(language), "bundled hotel example")
                                : load_model_file(*file);
    DemoRegistry::print_all(model, language, std::cout);
  });
}
SERVICECHAIN_COMMAND(10, setup);

}  // namespace
}  // namespace servicechain::cli
