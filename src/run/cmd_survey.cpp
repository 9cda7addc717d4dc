// Survey commands of run(): servqual, gap1, ipa, nps, csat, ces on CSV data given
// inline or as a file (docs/requests.md). The CSV is streamed, never held whole
// beyond the request's own text.
#include "handlers.hpp"
#include "servicechain/analysis/survey/internal.hpp"
#include "servicechain/analysis/survey/ipa.hpp"
#include "servicechain/analysis/survey/scores.hpp"
#include "servicechain/analysis/survey/servqual.hpp"
#include "servicechain/analysis/survey/trend.hpp"

namespace servicechain::detail {

namespace {

constexpr std::string_view group_choices[] = {"none", "segment", "moment", "unit", "level"};
constexpr std::string_view crosshair_choices[] = {"mean", "midpoint"};

constexpr OptionSpec data_spec{"data", OptionKind::input, "Survey CSV: inline text, {\"data\": text} or {\"path\": file}",
                               {}, 0, 0, {}, true};
constexpr OptionSpec delimiter_spec{"delimiter", OptionKind::text, "Field delimiter: \",\", \";\" or \"tab\"", ","};
constexpr OptionSpec decimal_comma_spec{"decimal-comma", OptionKind::flag, "Read 3,5 as 3.5 (with delimiter \";\" or tab)"};

Scale scale_option(const Options &options, Scale fallback) {
  if (!options.given("scale")) return fallback;
  const std::string text = options.text("scale");
  auto s = parse_scale(text);
  if (!s) bad_option("scale", "--scale must be MIN-MAX with MIN < MAX (e.g. 1-7), not \"" + text + "\"");
  return *s;
}

ServqualItemMap items_option(const Options &options, ServqualItemMap fallback) {
  if (!options.given("items") || options.text("items").empty()) return fallback;
  try {
    return parse_item_map(options.text("items"));
  } catch (const ArgumentError &e) {
    bad_option("items", e.what());
  }
}

CsvReader data_reader(const Context &c, std::string_view name = "data") {
  CsvOptions csv;
  apply_csv_dialect(c.options, csv);
  return c.options.input(name)->csv(csv);
}

/// The model of --by unit|level and gap1: the "model" option, else the request's model.
const Model *survey_model(Context &c, std::shared_ptr<const ModelAndGraph> &holder) {
  holder = model_input(c.options, "model");
  if (holder) return &holder->model;
  return c.model ? &c.model->model : nullptr;
}

template <class Result>
void write_result(Context &c, const Result &result) {
  c.json([&](JsonWriter &w) { write_json(w, result); });
}

constexpr OptionSpec servqual_options[] = {
    data_spec,
    {"scale", OptionKind::text, "Answer scale MIN-MAX", "1-7"},
    {"by", OptionKind::choice, "Group by segment, moment, unit or level", "none", 0, 0, group_choices},
    {"model", OptionKind::input, "Model for --by unit|level (default: the request's model)"},
    {"min-group", OptionKind::integer, "Privacy minimum: smaller groups are suppressed", "5"},
    {"items", OptionKind::text, "Item map, e.g. \"tangibles:1-4;reliability:5-9;...\"", "Parasuraman 1988"},
    delimiter_spec,
    decimal_comma_spec,
};
constexpr CommandSpec servqual_spec{"survey servqual", "SERVQUAL gaps per dimension, weighted and unweighted scores, groups",
                                    CommandSpec::Model::optional, "application/json", servqual_options};

void servqual_handler(Context &c) {
  ServqualOptions o;
  o.scale = scale_option(c.options, {1, 7});
  o.by = *parse_servqual_group_by(c.options.text("by", "none"));
  o.items = items_option(c.options, std::move(o.items));
  o.min_group = c.options.integer("min-group", 5);
  std::shared_ptr<const ModelAndGraph> holder;
  o.model = survey_model(c, holder);
  if ((o.by == ServqualGroupBy::unit || o.by == ServqualGroupBy::level) && !o.model)
    bad_option("by", "--by " + c.options.text("by") + " needs --model MODEL (moment -> owner unit -> level)");
  CsvReader reader = data_reader(c);
  write_result(c, servqual(reader, o));
}

constexpr OptionSpec gap1_options[] = {
    data_spec,
    {"managers", OptionKind::input, "Managers' CSV: respondent, unit, M1..M22", {}, 0, 0, {}, true},
    {"model", OptionKind::input, "Model (unit -> level; default: the request's model)"},
    {"scale", OptionKind::text, "Answer scale MIN-MAX", "1-7"},
    {"min-group", OptionKind::integer, "Suppress levels with fewer managers", "1"},
    {"items", OptionKind::text, "Item map", "Parasuraman 1988"},
    delimiter_spec,
    decimal_comma_spec,
};
constexpr CommandSpec gap1_spec{"survey gap1", "Gap 1 by level: managers' estimates (M1..M22) against customers' E",
                                CommandSpec::Model::optional, "application/json", gap1_options};

void gap1_handler(Context &c) {
  Gap1Options o;
  o.scale = scale_option(c.options, {1, 7});
  o.items = items_option(c.options, std::move(o.items));
  o.min_group = c.options.integer("min-group", 1);
  std::shared_ptr<const ModelAndGraph> holder;
  const Model *model = survey_model(c, holder);
  if (!model) bad_option("model", "survey gap1 needs a model (unit -> level)");
  CsvReader customers = data_reader(c);
  CsvReader managers = data_reader(c, "managers");
  write_result(c, gap1(customers, managers, *model, o));
}

constexpr OptionSpec ipa_options[] = {
    data_spec,
    {"scale", OptionKind::text, "Answer scale MIN-MAX", "1-5"},
    {"crosshair", OptionKind::choice, "Cross-hairs at the grand means or the scale midpoint", "mean", 0, 0, crosshair_choices},
    delimiter_spec,
    decimal_comma_spec,
};
constexpr CommandSpec ipa_spec{"survey ipa", "Importance-performance analysis: quadrants and CSI_ipa",
                               CommandSpec::Model::none, "application/json", ipa_options};

void ipa_handler(Context &c) {
  IpaOptions o;
  o.scale = scale_option(c.options, {1, 5});
  o.crosshair = *parse_crosshair(c.options.text("crosshair", "mean"));
  CsvReader reader = data_reader(c);
  write_result(c, ipa(reader, o));
}

constexpr OptionSpec score_options[] = {
    data_spec,
    {"column", OptionKind::text, "Column holding the answers", {}, 0, 0, {}, true},
    delimiter_spec,
    decimal_comma_spec,
};
constexpr OptionSpec ces_options[] = {
    data_spec,
    {"column", OptionKind::text, "Column holding the answers", {}, 0, 0, {}, true},
    {"scale", OptionKind::text, "Answer scale MIN-MAX", "1-7"},
    delimiter_spec,
    decimal_comma_spec,
};
constexpr CommandSpec nps_spec{"survey nps", "Net Promoter Score (0-10) with standard error and 95% interval",
                               CommandSpec::Model::none, "application/json", score_options};
constexpr CommandSpec csat_spec{"survey csat", "Customer satisfaction (1-5): share of 4-5 with a Wilson 95% interval",
                                CommandSpec::Model::none, "application/json", score_options};
constexpr CommandSpec ces_spec{"survey ces", "Customer effort score (1-7): mean with a normal 95% interval",
                               CommandSpec::Model::none, "application/json", ces_options};

ScoreOptions score_options_of(const Context &c) {
  ScoreOptions o;
  o.column = c.options.text("column");
  if (c.options.given("scale")) o.scale = scale_option(c.options, {1, 7});
  return o;
}

void nps_handler(Context &c) {
  CsvReader reader = data_reader(c);
  write_result(c, nps(reader, score_options_of(c)));
}
void csat_handler(Context &c) {
  CsvReader reader = data_reader(c);
  write_result(c, csat(reader, score_options_of(c)));
}
void ces_handler(Context &c) {
  ScoreOptions o = score_options_of(c);
  CsvReader reader = data_reader(c);
  write_result(c, ces(reader, o));
}

constexpr OptionSpec internal_options[] = {
    data_spec,
    {"model", OptionKind::input, "Model whose services the rows rate (default: the request's model)"},
    {"min-group", OptionKind::integer, "Privacy minimum: smaller groups are suppressed", "5"},
    {"propagation", OptionKind::choice, "Propagation of the model's delivered quality", "linear", 0, 0, propagation_choices},
    solver_iterations_spec,
    solver_direct_limit_spec,
    delimiter_spec,
    decimal_comma_spec,
};
constexpr CommandSpec internal_spec{"survey internal",
                                    "Internal customer survey: units rate the units that serve them, eNPS per unit",
                                    CommandSpec::Model::optional, "application/json", internal_options};

void internal_handler(Context &c) {
  InternalSurveyOptions o;
  o.min_group = c.options.integer("min-group", 5);
  o.propagation = propagation_option(c.options, "propagation");
  o.solver = solver_option(c.options);
  std::shared_ptr<const ModelAndGraph> holder = model_input(c.options, "model");
  const ModelAndGraph *loaded = holder ? holder.get() : c.model;
  if (!loaded) bad_option("model", "survey internal needs a model (the services the rows rate)");
  CsvReader reader = data_reader(c);
  write_result(c, internal_survey(reader, loaded->model, loaded->graph, o));
}

// ---- trend ----------------------------------------------------------------------

constexpr std::string_view trend_kind_choices[] = {"servqual", "nps", "csat", "ces", "internal", "maturity"};

constexpr OptionSpec trend_options[] = {
    {"kind", OptionKind::choice, "What to follow: servqual, nps, csat, ces, internal or maturity", {}, 0, 0, trend_kind_choices, true},
    {"wave", OptionKind::dated_inputs,
     "The waves in date order: {\"date\", \"path\" | \"data\"} or \"DATE=FILE\" (no date: the CSV's date column); "
     "maturity: models with a date",
     {}, 0, 0, {}, true},
    {"model", OptionKind::input, "internal: the model whose services the rows rate (default: the request's model)"},
    {"column", OptionKind::text, "nps, csat, ces: the column holding the answers"},
    {"scale", OptionKind::text, "servqual, ces: answer scale MIN-MAX", "1-7"},
    {"items", OptionKind::text, "servqual: item map", "Parasuraman 1988"},
    {"min-group", OptionKind::integer, "internal: privacy minimum", "5"},
    {"propagation", OptionKind::choice, "internal: propagation of the model's delivered quality", "linear", 0, 0, propagation_choices},
    delimiter_spec,
    decimal_comma_spec,
};
constexpr CommandSpec trend_spec{"trend", "A survey measure or the maturity index over dated waves, with significant changes",
                                 CommandSpec::Model::optional, "application/json", trend_options};

/// The options of the survey command each kind takes.
TrendOptions trend_options_of(const Context &c, TrendKind kind, const std::string &kind_name) {
  TrendOptions o;
  if (kind == TrendKind::nps || kind == TrendKind::csat || kind == TrendKind::ces) {
    o.score.column = c.options.text("column");
    if (o.score.column.empty())
      bad_option("column", "trend " + kind_name + " needs --column NAME (the column holding the answers)");
    if (kind == TrendKind::ces) o.score.scale = scale_option(c.options, {1, 7});
  }
  if (kind == TrendKind::servqual) {
    o.servqual.scale = scale_option(c.options, {1, 7});
    o.servqual.items = items_option(c.options, std::move(o.servqual.items));
  }
  o.internal.min_group = c.options.integer("min-group", 5);
  o.internal.propagation = propagation_option(c.options, "propagation");
  return o;
}

TrendResult maturity_waves(const Context &c) {
  std::vector<Model> models;
  std::vector<ModelWaveInput> waves;
  const std::vector<Input> &inputs = c.options.inputs("wave");
  models.reserve(inputs.size());  // waves point into it
  for (const Input &input : inputs) {
    if (input.date.empty())
      bad_option("wave", "--wave " + input.source + ": a maturity wave is DATE=MODEL (a model has no date column)");
    models.push_back(model_from_input(input));
    waves.push_back({input.date, input.source, &models.back()});
  }
  MaturityOptions o;
  o.language = c.language;
  return maturity_trend(waves, o);
}

TrendResult survey_waves(Context &c, TrendKind kind, const std::string &kind_name) {
  TrendOptions options = trend_options_of(c, kind, kind_name);
  std::shared_ptr<const ModelAndGraph> holder;
  if (kind == TrendKind::internal) {
    options.model = survey_model(c, holder);
    if (!options.model) bad_option("model", "trend internal needs --model MODEL (the services the rows rate)");
  }
  CsvOptions csv;
  apply_csv_dialect(c.options, csv);
  std::vector<SurveyWaveInput> waves;
  for (const Input &input : c.options.inputs("wave"))
    waves.push_back({input.date, input.source, [&input, csv] { return input.csv(csv); }});
  return survey_trend(kind, waves, options);
}

void trend_handler(Context &c) {
  const std::string kind_name = c.options.text("kind");
  const TrendKind kind = *parse_trend_kind(kind_name);
  write_result(c, kind == TrendKind::maturity ? maturity_waves(c) : survey_waves(c, kind, kind_name));
}

}  // namespace

const Command trend_command{&trend_spec, trend_handler};
const Command servqual_command{&servqual_spec, servqual_handler};
const Command gap1_command{&gap1_spec, gap1_handler};
const Command ipa_command{&ipa_spec, ipa_handler};
const Command nps_command{&nps_spec, nps_handler};
const Command csat_command{&csat_spec, csat_handler};
const Command ces_command{&ces_spec, ces_handler};
const Command internal_command{&internal_spec, internal_handler};

}  // namespace servicechain::detail
