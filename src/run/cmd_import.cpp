// Import commands of run(): import orgchart and import services turn CSV exports
// into a model and return it as servicechain/1 JSON (docs/people.md,
// docs/model-format.md). The request's model, when given, is what services connect.
#include "handlers.hpp"
#include "servicechain/io/model_json.hpp"
#include "servicechain/io/orgchart.hpp"
#include "servicechain/io/services_csv.hpp"
#include "servicechain/validate.hpp"

namespace servicechain::detail {

namespace {

/// KEY=HEADER split in two; a bad_option error when it is not of that shape.
std::pair<std::string, std::string> column_mapping(const std::string &mapping) {
  auto eq = mapping.find('=');
  if (eq == std::string::npos || eq == 0 || eq + 1 == mapping.size())
    bad_option("column", "--column expects KEY=HEADER, got \"" + mapping + "\"");
  return {mapping.substr(0, eq), mapping.substr(eq + 1)};
}

constexpr OptionSpec orgchart_options[] = {
    {"data", OptionKind::input, "Org chart CSV (id,name,manager_id,unit,position,level)", {}, 0, 0, {}, true},
    {"delimiter", OptionKind::text, "Field delimiter: , ; or tab", ","},
    {"column", OptionKind::texts, "Map a column: KEY=HEADER, KEY one of id, name, manager_id, unit, position, level (repeatable)"},
    {"keep-ids", OptionKind::flag, "Use unit and position texts as ids as given (default: slugs)"},
};
constexpr CommandSpec orgchart_spec{"import orgchart", "Org chart CSV to a model (servicechain/1 JSON)",
                                    CommandSpec::Model::none, "application/json", orgchart_options};

void orgchart_handler(Context &c) {
  OrgChartOptions options;
  const std::string delimiter = c.options.text("delimiter", ",");
  auto d = parse_csv_delimiter(delimiter);
  if (!d) bad_option("delimiter", "--delimiter must be ',', ';' or tab, not \"" + delimiter + "\"");
  options.csv.delimiter = *d;
  options.slug_ids = !c.options.flag("keep-ids");
  for (const auto &mapping : c.options.texts("column")) {
    auto [key, header] = column_mapping(mapping);
    auto &col = options.columns;
    if (key == "id") col.id = header;
    else if (key == "name") col.name = header;
    else if (key == "manager_id" || key == "manager") col.manager = header;
    else if (key == "unit") col.unit = header;
    else if (key == "position") col.position = header;
    else if (key == "level") col.level = header;
    else bad_option("column", "--column: unknown key \"" + key + "\" (id, name, manager_id, unit, position, level)");
  }
  const Input &in = *c.options.input("data");
  auto imported = in.is_path ? import_orgchart(in.path, options) : import_orgchart_text(in.text, in.source, options);
  Diagnostics diagnostics = validate(imported.model);
  if (!diagnostics.ok()) throw ValidationError(diagnostics);
  c.text(to_json(imported.model) + "\n");
}

constexpr OptionSpec services_options[] = {
    {"data", OptionKind::input, "Services CSV: from, to (unit ids, names or their slugs), name, weight, rating", {}, 0, 0, {}, true},
    {"model", OptionKind::input, "Model whose units the services connect (default: the request's model)"},
    {"replace", OptionKind::flag, "Replace the model's services instead of adding to them"},
    {"column", OptionKind::texts, "Map a column: KEY=HEADER, KEY one of from, to, name, weight, rating (repeatable)"},
    {"delimiter", OptionKind::text, "Field delimiter: \",\", \";\" or \"tab\"", ","},
    {"decimal-comma", OptionKind::flag, "Read 3,5 as 3.5 (with delimiter \";\" or tab)"},
};
constexpr CommandSpec services_spec{"import services", "Services CSV added to a model (servicechain/1 JSON)",
                                    CommandSpec::Model::optional, "application/json", services_options};

void services_handler(Context &c) {
  ServicesCsvOptions options;
  apply_csv_dialect(c.options, options.csv);  // the dialect only: the import's row bound stays
  for (const auto &mapping : c.options.texts("column")) {
    auto [key, header] = column_mapping(mapping);
    auto &col = options.columns;
    if (key == "from") col.from = header;
    else if (key == "to") col.to = header;
    else if (key == "name") col.name = header;
    else if (key == "weight") col.weight = header;
    else if (key == "rating") col.rating = header;
    else bad_option("column", "--column: unknown key \"" + key + "\" (from, to, name, weight, rating)");
  }
  std::shared_ptr<const ModelAndGraph> given = model_input(c.options, "model");
  if (!given && !c.model) bad_option("model", "import services needs a model: \"model\" or the request's model");
  Model model = given ? given->model : c.model->model;  // a copy: the import changes it
  const Input &in = *c.options.input("data");
  auto imported = in.is_path ? import_services(in.path, model, options) : import_services_text(in.text, in.source, model, options);
  if (c.options.flag("replace")) model.services.clear();
  model.services.insert(model.services.end(), std::make_move_iterator(imported.services.begin()),
                        std::make_move_iterator(imported.services.end()));
  // The file's rows are fine one by one; together with the model they may not be.
  Diagnostics diagnostics = validate(model);
  if (!diagnostics.ok()) throw ValidationError(diagnostics);
  c.text(to_json(model) + "\n");
}

}  // namespace

const Command import_orgchart_command{&orgchart_spec, orgchart_handler};
const Command import_services_command{&services_spec, services_handler};

}  // namespace servicechain::detail
