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
      << tr("Units", "Unidades") << ": " << m.units.size() << " (" << tr("directive", "directivo") << " " << per_level[0]
      << ", " << tr("managerial", "gerencial") << " " << per_level[1] << ", " << tr("operative", "operativo") << " "
      << per_level[2] << ")\n"
      << tr("People", "Personas") << ": " << m.people.size() << "   " << tr("Positions", "Puestos") << ": "
      << m.positions.size() << "\n"
      << tr("Internal services", "Servicios internos") << ": " << m.services.size() << "   "
      << tr("Customer segments", "Segmentos de clientes") << ": " << m.segments.size() << "   "
      << tr("Moments of truth", "Momentos de verdad") << ": " << m.moments.size() << "\n"
      << tr("Policies", "Políticas") << ": " << m.policies.size() << "   " << tr("Improvement plans", "Planes de mejora")
      << ": " << m.plans.size() << "\n\n";
}
SERVICECHAIN_DEMO_SECTION(0, overview);

void setup(CLI::App &app) {
  auto *cmd = app.add_subcommand("demo", "Analyse the bundled example organization and print a summary");
  auto file = std::make_shared<std::string>();
  cmd->add_option("model", *file, "Model file (default: the bundled hotel)");
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
