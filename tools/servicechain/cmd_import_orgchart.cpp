// servicechain import orgchart FILE.csv -o MODEL [--delimiter ;] [--column KEY=NAME ...] [--keep-ids]
// Builds a model from an HR org chart export (docs/people.md).
#include <iostream>

#include "cli.hpp"
#include "servicechain/io/model_json.hpp"
#include "servicechain/io/orgchart.hpp"
#include "servicechain/validate.hpp"

namespace servicechain::cli {
namespace {

// The `import` command groups one subcommand per format; whichever file
// registers first creates it.
CLI::App *import_command(CLI::App &app) {
  auto found = app.get_subcommands([](CLI::App *sub) { return sub->get_name() == "import"; });
  if (!found.empty()) return found.front();
  auto *import = app.add_subcommand("import", "Build or extend a model from CSV exports");
  import->require_subcommand(1);
  return import;
}

void setup(CLI::App &app) {
  auto *cmd = import_command(app)->add_subcommand(
      "orgchart", "Org chart CSV (id,name,manager_id,unit,position,level) to a model file");
  struct Options {
    std::string in, out, delimiter = ",";
    std::vector<std::string> columns;
    bool keep_ids = false;
  };
  auto o = std::make_shared<Options>();
  cmd->add_option("file", o->in, "Org chart CSV file")->required();
  cmd->add_option("-o,--output", o->out, "Model file to write (.json, or an archive by extension)")->required();
  cmd->add_option("--delimiter", o->delimiter, "Field delimiter: , ; or tab");
  cmd->add_option("--column", o->columns,
                  "Map a column: KEY=HEADER with KEY one of id, name, manager_id, unit, position, level (repeatable)");
  cmd->add_flag("--keep-ids", o->keep_ids, "Use unit and position texts as ids as given (default: slugs)");
  cmd->callback([o] {
    OrgChartOptions options;
    auto delimiter = parse_csv_delimiter(o->delimiter);
    if (!delimiter) throw UsageError("--delimiter must be ',', ';' or tab, not \"" + o->delimiter + "\"");
    options.csv.delimiter = *delimiter;
    options.slug_ids = !o->keep_ids;
    for (const auto &mapping : o->columns) {
      auto eq = mapping.find('=');
      if (eq == std::string::npos || eq + 1 == mapping.size())
        throw UsageError("--column expects KEY=HEADER, got \"" + mapping + "\"");
      std::string key = mapping.substr(0, eq), header = mapping.substr(eq + 1);
      auto &c = options.columns;
      if (key == "id") c.id = header;
      else if (key == "name") c.name = header;
      else if (key == "manager_id" || key == "manager") c.manager = header;
      else if (key == "unit") c.unit = header;
      else if (key == "position") c.position = header;
      else if (key == "level") c.level = header;
      else throw UsageError("--column: unknown key \"" + key + "\" (id, name, manager_id, unit, position, level)");
    }
    auto imported = import_orgchart(o->in, options);
    if (!global().quiet)
      for (const auto &w : imported.warnings) std::cerr << "warning: " << w.path << ": " << w.message << "\n";
    Diagnostics diagnostics = validate(imported.model);
    if (!diagnostics.ok()) throw ValidationError(diagnostics);
    save_model(imported.model, o->out);
    if (!global().quiet)
      std::cerr << o->out << ": " << imported.model.units.size() << " " << tr("units", "unidades") << ", "
                << imported.model.positions.size() << " " << tr("positions", "puestos") << ", "
                << imported.model.people.size() << " " << tr("people", "personas") << "\n";
  });
}
SERVICECHAIN_COMMAND(85, setup);

}  // namespace
}  // namespace servicechain::cli
