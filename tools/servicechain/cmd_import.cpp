// servicechain import orgchart FILE.csv -o MODEL|--json [--delimiter ;] [--column KEY=NAME ...] [--keep-ids]
//   builds a model from an HR org chart export (docs/people.md);
// servicechain import services FILE.csv --model MODEL -o OUT|--json [--replace] [--column KEY=NAME ...]
//   adds the services of a CSV file to a model (docs/model-format.md).
#include <iostream>
#include <utility>

#include "cli.hpp"
#include "servicechain/io/model_json.hpp"
#include "servicechain/io/orgchart.hpp"
#include "servicechain/io/services_csv.hpp"
#include "servicechain/validate.hpp"

namespace servicechain::cli {
namespace {

/// --column KEY=HEADER split in two; a usage error when it is not of that shape.
std::pair<std::string, std::string> column_mapping(const std::string &mapping) {
  auto eq = mapping.find('=');
  if (eq == std::string::npos || eq == 0 || eq + 1 == mapping.size())
    throw usage_error("cli.usage.column_mapping", {mapping});
  return {mapping.substr(0, eq), mapping.substr(eq + 1)};
}

/// Where an imported model goes: -o FILE (atomically), and/or --json (the model's
/// JSON on stdout, which is what the C API returns for an import request).
struct ImportOutput {
  std::string file;
  bool json = false;
  CLI::Option *add_to(CLI::App *cmd) {
    CLI::Option *option = output_file(cmd->add_option("-o,--output", file));
    cmd->add_flag("--json", json);
    return option;
  }
  void check() const {
    if (file.empty() && !json) throw usage_error("cli.usage.output_or_json");
  }
  void write(const Model &model) const {
    if (!file.empty()) save_model(model, file);
    if (json) emit(to_json(model) + "\n");
  }
};

void print_warnings(const std::vector<Diagnostic> &warnings) {
  if (global().quiet) return;
  for (const auto &w : warnings)
    std::cerr << msg("cli.warning") << ": " << w.path << ": " << text::diagnostic_message(w, global().language()) << "\n";
}

void setup_orgchart(CLI::App *import) {
  auto *cmd = import->add_subcommand("orgchart");
  struct Options {
    std::string in, delimiter = ",";
    std::vector<std::string> columns;
    bool keep_ids = false;
    ImportOutput output;
  };
  auto o = std::make_shared<Options>();
  cmd->add_option("file", o->in)->required();
  o->output.add_to(cmd);
  cmd->add_option("--delimiter", o->delimiter);
  cmd->add_option("--column", o->columns);
  cmd->add_flag("--keep-ids", o->keep_ids);
  cmd->callback([cmd, o] {
    o->output.check();
    OrgChartOptions options;
    auto delimiter = parse_csv_delimiter(o->delimiter);
    if (!delimiter) throw usage_error("cli.usage.delimiter", {o->delimiter});
    options.csv.delimiter = *delimiter;
    options.slug_ids = !o->keep_ids;
    for (const auto &mapping : o->columns) {
      auto [key, header] = column_mapping(mapping);
      auto &c = options.columns;
      if (key == "id") c.id = header;
      else if (key == "name") c.name = header;
      else if (key == "manager_id" || key == "manager") c.manager = header;
      else if (key == "unit") c.unit = header;
      else if (key == "position") c.position = header;
      else if (key == "level") c.level = header;
      else throw usage_error("cli.usage.column_key", {key, "id, name, manager_id, unit, position, level"});
    }
    if (o->output.file.empty()) return run_json(*cmd, "import orgchart");  // --json alone: run()'s model
    auto imported = import_orgchart(o->in, options);
    print_warnings(imported.warnings);
    Diagnostics diagnostics = validate(imported.model);
    if (!diagnostics.ok()) throw ValidationError(diagnostics);
    o->output.write(imported.model);
    if (!global().quiet)
      std::cerr << (o->output.file.empty() ? o->in : o->output.file) << ": " << imported.model.units.size() << " " << msg("cli.analyze.units") << ", "
                << imported.model.positions.size() << " " << msg("cli.import.positions") << ", "
                << imported.model.people.size() << " " << msg("cli.analyze.people") << "\n";
  });
}

void setup_services(CLI::App *import) {
  auto *cmd = import->add_subcommand("services");
  struct Options {
    std::string in, model;
    std::vector<std::string> columns;
    bool replace = false;
    CsvArgs csv;
    ImportOutput output;
  };
  auto o = std::make_shared<Options>();
  cmd->add_option("file", o->in)
      ->required();
  CLI::Option *model = cmd->add_option("--model", o->model)->required();
  allow_in_place(o->output.add_to(cmd), model);
  cmd->add_flag("--replace", o->replace);
  cmd->add_option("--column", o->columns);
  add_csv_options(cmd, o->csv);
  cmd->callback([cmd, o] {
    o->output.check();
    ServicesCsvOptions options;
    o->csv.apply(options.csv);  // the dialect only: the import's row bound stays
    for (const auto &mapping : o->columns) {
      auto [key, header] = column_mapping(mapping);
      auto &c = options.columns;
      if (key == "from") c.from = header;
      else if (key == "to") c.to = header;
      else if (key == "name") c.name = header;
      else if (key == "weight") c.weight = header;
      else if (key == "rating") c.rating = header;
      else throw usage_error("cli.usage.column_key", {key, "from, to, name, weight, rating"});
    }
    if (o->output.file.empty()) return run_json(*cmd, "import services");  // --json alone: run()'s model
    Model model = load_model_file(o->model);
    auto imported = import_services(o->in, model, options);
    print_warnings(imported.warnings);
    const std::size_t added = imported.services.size();
    if (o->replace) model.services.clear();
    model.services.insert(model.services.end(), std::make_move_iterator(imported.services.begin()),
                          std::make_move_iterator(imported.services.end()));
    // The file's rows are fine one by one; together with the model they may not be
    // (more than 1 of weight into a unit): nothing is written then.
    Diagnostics diagnostics = validate(model);
    if (!diagnostics.ok()) throw ValidationError(diagnostics);
    o->output.write(model);
    if (!global().quiet)
      std::cerr << (o->output.file.empty() ? o->in : o->output.file) << ": " << added << " " << msg("cli.import.services_imported") << ", "
                << model.services.size() << " " << msg("cli.import.in_all") << "\n";
  });
}

void setup(CLI::App &app) {
  auto *import = app.add_subcommand("import");
  import->require_subcommand(1);
  setup_orgchart(import);
  setup_services(import);
}
SERVICECHAIN_COMMAND(85, setup);

}  // namespace
}  // namespace servicechain::cli
