// Event-log commands of run(): mine handover, together, chain (docs/mining.md).
// The log is streamed from its file or from the request's text.
#include "handlers.hpp"
#include "servicechain/analysis/mining/chain.hpp"
#include "servicechain/analysis/mining/social.hpp"
#include "servicechain/io/model_json.hpp"
#include "servicechain/validate.hpp"

namespace servicechain::detail {

namespace {

constexpr std::string_view order_choices[] = {"detect", "grouped", "any"};

#define SC_LOG_OPTIONS                                                                                                \
  OptionSpec{"data", OptionKind::input, "Event log CSV (one row per event): inline text, {\"data\"} or {\"path\"}",   \
             {}, 0, 0, {}, true},                                                                                     \
      OptionSpec{"case-column", OptionKind::text, "Column of the case id", "case:concept:name"},                      \
      OptionSpec{"activity-column", OptionKind::text, "Column of the activity (required when given)", "concept:name"}, \
      OptionSpec{"resource-column", OptionKind::text, "Column of the resource", "org:resource"},                      \
      OptionSpec{"timestamp-column", OptionKind::text, "Column of the ISO 8601 timestamp", "time:timestamp"},         \
      OptionSpec{"delimiter", OptionKind::text, "Field delimiter: , ; or tab", ","},                                  \
      OptionSpec{"order", OptionKind::choice, "Rows of a case: detect, grouped or any (hold the whole log)",        \
                 "detect", 0, 0, order_choices},                                                                      \
      OptionSpec {                                                                                                    \
    "max-pairs", OptionKind::integer, "Most distinct resource pairs a result may hold (memory bound)", "1000000", 1,  \
        1099511627776.0                                                                                               \
  }

constexpr OptionSpec beta_spec{"beta", OptionKind::number, "0: direct handovers only; >0: also later ones, weighted beta^(distance-1)",
                               "0", 0, 1};

MiningResult mine(const Context &c, MiningRequest request) {
  request.max_pairs = static_cast<std::size_t>(c.options.integer("max-pairs", request.max_pairs));
  EventLogOptions options;
  options.columns.case_id = c.options.text("case-column", "case:concept:name");
  options.columns.activity = c.options.text("activity-column", "concept:name");
  options.columns.resource = c.options.text("resource-column", "org:resource");
  options.columns.timestamp = c.options.text("timestamp-column", "time:timestamp");
  options.columns.require_activity = c.options.given("activity-column");
  const std::string delimiter = c.options.text("delimiter", ",");
  auto d = parse_csv_delimiter(delimiter);
  if (!d) bad_option("delimiter", "--delimiter must be \",\", \";\" or \"tab\", got \"" + delimiter + "\"");
  options.csv.delimiter = *d;
  options.order = *parse_case_order(c.options.text("order", "detect"));
  const Input &log = *c.options.input("data");
  return mine_event_log(log.is_path ? EventLogSource::file(log.path) : EventLogSource::text(log.text, log.source), request, options);
}

constexpr OptionSpec handover_options[] = {SC_LOG_OPTIONS, beta_spec};
constexpr OptionSpec together_options[] = {SC_LOG_OPTIONS};
constexpr OptionSpec chain_options[] = {
    SC_LOG_OPTIONS,
    {"map", OptionKind::input, "resource,unit CSV: build the chain between units instead of resources"},
    {"alpha", OptionKind::number, "Share of a unit's quality that depends on its inputs, in (0, 1]", "0.5", 0, 1},
    beta_spec,
};
#undef SC_LOG_OPTIONS

constexpr CommandSpec handover_spec{"mine handover", "Handover of work between resources (PM4Py's definition)",
                                    CommandSpec::Model::none, "application/json", handover_options};
constexpr CommandSpec together_spec{"mine together", "Share of cases in which two resources both work",
                                    CommandSpec::Model::none, "application/json", together_options};
constexpr CommandSpec chain_spec{"mine chain", "Build a model whose services are the handovers of work (servicechain/1 JSON)",
                                 CommandSpec::Model::none, "application/json", chain_options};

void handover_handler(Context &c) {
  MiningRequest request;
  request.beta = c.options.number("beta", 0);
  MiningResult r = mine(c, request);
  c.json([&](JsonWriter &w) { write_handover_json(w, r); });
}

void together_handler(Context &c) {
  MiningRequest request;
  request.handover = false;
  request.together = true;
  MiningResult r = mine(c, request);
  c.json([&](JsonWriter &w) { write_together_json(w, r); });
}

void chain_handler(Context &c) {
  const double alpha = c.options.number("alpha", 0.5);
  if (!(alpha > 0)) bad_option("alpha", "--alpha must be in (0, 1]");
  ResourceUnitMap map;
  const Input *map_input = c.options.input("map");
  if (map_input) {  // before the log: a bad map fails fast
    CsvOptions csv;
    csv.delimiter = parse_csv_delimiter(c.options.text("delimiter", ",")).value_or(',');
    map = map_input->is_path ? read_resource_unit_map(map_input->path, csv)
                             : parse_resource_unit_map(map_input->text, map_input->source, csv);
  }
  MiningRequest request;
  request.beta = c.options.number("beta", 0);
  MiningResult r = mine(c, request);
  ChainMiningOptions chain;
  chain.alpha = alpha;
  Model model = chain_from_handover(r.handover_network(), chain, map_input ? &map : nullptr);
  Diagnostics diagnostics = validate(model);
  if (!diagnostics.ok()) {
    if (alpha == 1)
      throw InputError(ValidationError(diagnostics).what() + std::string("\n  with --alpha 1 a cycle of handovers is closed: use --alpha below 1"));
    throw ValidationError(diagnostics);
  }
  c.text(to_json(model));
}

}  // namespace

const Command mine_handover_command{&handover_spec, handover_handler};
const Command mine_together_command{&together_spec, together_handler};
const Command mine_chain_command{&chain_spec, chain_handler};

}  // namespace servicechain::detail
