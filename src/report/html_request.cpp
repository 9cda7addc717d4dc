#include "servicechain/report/html_request.hpp"

#include <algorithm>
#include <cctype>

#include "servicechain/io/model_json.hpp"
#include "servicechain/report/html.hpp"
#include "servicechain/text/messages.hpp"
#include "servicechain/validate.hpp"

namespace servicechain {

namespace {

void add_survey(HtmlReportInput &input, const CsvSource &source) {
  CsvReader reader = source.open();
  const auto &header = reader.header();
  const bool is_servqual = reader.column("E1") && reader.column("P1");
  const bool is_ipa = std::any_of(header.begin(), header.end(), [](const std::string &h) { return h.starts_with("I_"); });
  if (is_servqual) {
    if (input.servqual) throw ArgumentError("--survey: give at most one SERVQUAL file");
    input.servqual = servqual(reader);
  } else if (is_ipa) {
    if (input.ipa) throw ArgumentError("--survey: give at most one importance-performance file");
    input.ipa = ipa(reader);
  } else {
    throw InputError(source.name() + ": not a SERVQUAL survey (columns E1.., P1..) nor an importance-performance one (I_<attribute>, P_<attribute>)");
  }
}

constexpr std::size_t max_simulated_units = 5000;

// A currency code is shown inside the HTML as it is: letters and currency signs only.
std::string checked_currency(const std::string &currency) {
  if (currency.size() > 12) throw ArgumentError("--currency: at most 12 characters");
  for (unsigned char ch : currency)
    if (!(std::isalpha(ch) || ch == '$' || ch >= 0x80)) throw ArgumentError("--currency: letters and currency signs only, e.g. USD");
  return currency;
}

// The analyses of the seeds' areas that the model has data for (each section is left out otherwise).
void add_areas(HtmlReportInput &input, const Model &model, const ChainGraph &graph, const HtmlReportRequest &request) {
  if (!model.people.empty()) {
    try {
      input.alignment = align(model);
    } catch (const LimitError &e) {
      input.warnings.push_back(std::string("alignment: ") + e.what());
    }
  }
  if (!model.policies.empty()) {
    ComplianceOptions options;
    options.model = request.propagation;
    options.morale_cap = request.morale_cap;
    input.compliance = check_policies(model, options);
  }
  if (model.assessment && !model.assessment->responses.empty()) {
    MaturityOptions maturity;
    maturity.language = request.language;
    input.maturity = assess_maturity(model, maturity);
    RoadmapOptions roadmap;
    roadmap.language = request.language;
    input.roadmap = culture_roadmap(model, roadmap);
  }
  if (request.internal_survey) {
    CsvReader reader = request.internal_survey->open();
    InternalSurveyOptions options;
    options.propagation = request.propagation;
    input.internal_survey = internal_survey(reader, model, graph, options);
  }
  // The simulation re-propagates the chain once per run: left out of very large charts.
  if (request.simulation_runs > 0 && !model.moments.empty() && model.units.size() <= max_simulated_units) {
    SimulationOptions options;
    options.runs = request.simulation_runs;
    options.propagation = request.propagation;
    options.threads = 1;  // a report is one of many requests a service may be serving
    input.simulation = simulate(model, graph, input.chain->intrinsic, options);
  }
  for (const auto &w : validate(model).warnings) input.warnings.push_back(w.path + ": " + text::diagnostic_message(w, request.language));
  input.all_warnings = request.all_warnings;
  input.full_chain = request.full_chain;
  input.previous_csi = request.previous_csi;
  input.currency = checked_currency(request.currency.empty() ? text::model_currency(model).value_or("") : request.currency);
}

// ---- trends over waves (--wave KIND:DATE=FILE) -------------------------------------

constexpr TrendKind trend_kinds[] = {TrendKind::servqual, TrendKind::nps, TrendKind::csat,
                                     TrendKind::ces, TrendKind::internal, TrendKind::maturity};

CsvReader open_wave(const ReportWave &wave) {
  return wave.text ? CsvReader::from_text(*wave.text, wave.source) : CsvReader::open(wave.source);
}

// The answers' column of nps, csat and ces waves: --wave-column, else a column named as the kind.
std::string answers_column(const HtmlReportRequest &request, TrendKind kind, const ReportWave &first) {
  if (const auto it = request.wave_columns.find(kind); it != request.wave_columns.end()) return it->second;
  const std::string name(to_string(kind));
  if (!open_wave(first).column(name))
    throw ArgumentError("--wave " + name + ": " + first.source + " has no column \"" + name +
                        "\": name the column of the answers with --wave-column " + name + "=COLUMN");
  return name;
}

TrendResult survey_waves(const Model &model, const HtmlReportRequest &request, TrendKind kind, const std::vector<const ReportWave *> &given) {
  TrendOptions options;
  if (kind == TrendKind::nps || kind == TrendKind::csat || kind == TrendKind::ces) options.score.column = answers_column(request, kind, *given.front());
  options.internal.propagation = request.propagation;
  options.model = &model;
  std::vector<SurveyWaveInput> waves;
  for (const ReportWave *w : given) waves.push_back({w->date, w->source, [w] { return open_wave(*w); }});
  return survey_trend(kind, waves, options);
}

// Model snapshots: their maturity index (maturity_trend) and their CSI, neither with a sampling interval.
TrendResult model_waves(const HtmlReportRequest &request, const std::vector<const ReportWave *> &given) {
  std::vector<Model> models;
  models.reserve(given.size());  // the waves point into it
  std::vector<ModelWaveInput> waves;
  TrendMeasure csi{"csi", false, false, {}, {}};
  ChainAnalysisOptions chain;
  chain.model = request.propagation;
  chain.morale_cap = request.morale_cap;
  for (const ReportWave *w : given) {
    if (w->date.empty()) throw ArgumentError("--wave maturity:" + w->source + ": a model has no date column: give it as maturity:DATE=MODEL");
    models.push_back(w->text ? load_model_json(*w->text, w->source) : load_model(w->source));
    waves.push_back({w->date, w->source, &models.back()});
    csi.waves.push_back({w->date, 0, analyze_chain(models.back(), chain).satisfaction.csi, std::nullopt, std::nullopt, false});
  }
  MaturityOptions maturity;
  maturity.language = request.language;
  TrendResult result = maturity_trend(waves, maturity);
  for (std::size_t i = 1; i < csi.waves.size(); ++i) csi.changes.push_back(compare_waves(csi.waves[i - 1], csi.waves[i], false));
  result.measures.insert(result.measures.begin(), std::move(csi));
  return result;
}

// One trend per kind with waves, in the fixed order of trend_kinds.
std::vector<TrendResult> report_trends(const Model &model, const HtmlReportRequest &request) {
  std::vector<TrendResult> trends;
  for (const TrendKind kind : trend_kinds) {
    std::vector<const ReportWave *> given;
    for (const auto &w : request.waves)
      if (w.kind == kind) given.push_back(&w);
    if (given.empty()) continue;
    if (given.size() < 2)
      throw ArgumentError("--wave " + std::string(to_string(kind)) + ": a trend needs at least two waves of a kind (one given: " + given.front()->source + ")");
    trends.push_back(kind == TrendKind::maturity ? model_waves(request, given) : survey_waves(model, request, kind, given));
  }
  return trends;
}

}  // namespace

ReportWave parse_report_wave(std::string_view text) {
  const std::string shown(text);
  const auto colon = text.find(':');
  const auto kind = colon == std::string_view::npos ? std::nullopt : parse_trend_kind(text.substr(0, colon));
  if (!kind)
    throw ArgumentError("--wave " + shown + ": start with what the wave measures: KIND:DATE=FILE or KIND:FILE "
                        "(KIND: servqual, nps, csat, ces, internal or maturity)");
  ReportWave wave;
  wave.kind = *kind;
  std::string_view rest = text.substr(colon + 1);
  if (const auto eq = rest.find('='); eq != std::string_view::npos) {
    wave.date = rest.substr(0, eq);
    rest.remove_prefix(eq + 1);
  }
  if (rest.empty()) throw ArgumentError("--wave " + shown + ": no file after the date (KIND:DATE=FILE)");
  wave.source = rest;
  return wave;
}

std::pair<TrendKind, std::string> parse_wave_column(std::string_view text) {
  const auto eq = text.find('=');
  const auto kind = eq == std::string_view::npos ? std::nullopt : parse_trend_kind(text.substr(0, eq));
  if (!kind || (*kind != TrendKind::nps && *kind != TrendKind::csat && *kind != TrendKind::ces) || eq + 1 == text.size())
    throw ArgumentError("--wave-column " + std::string(text) + ": give KIND=COLUMN with KIND nps, csat or ces, e.g. nps=recommend");
  return {*kind, std::string(text.substr(eq + 1))};
}

std::string build_html_report(const Model &model, const ChainGraph &graph, const HtmlReportRequest &request) {
  ChainAnalysisOptions chain_options;
  chain_options.model = request.propagation;
  chain_options.morale_cap = request.morale_cap;
  chain_options.propagation = request.solver;
  ChainAnalysis chain = analyze_chain(model, graph, chain_options);
  HtmlReportInput input;
  input.model = &model;
  input.graph = &graph;
  input.chain = &chain;
  input.language = request.language;
  input.group_depth = request.group_depth;
  if (request.group_max) input.max_groups = *request.group_max;
  for (const auto &id : request.detail)
    if (std::none_of(model.units.begin(), model.units.end(), [&](const Unit &u) { return u.id == id; }))
      throw ArgumentError("--detail: no unit \"" + id + "\" in the model");
  input.detail = request.detail;
  for (const auto &survey : request.surveys) add_survey(input, survey);
  if (!model.people.empty()) {
    // Impact on the CSI weighs the needs; an undefined impact counts as 0, no CSI weighs units alike.
    std::vector<double> impact;
    if (chain.satisfaction.csi)
      for (const auto &d : chain.impact.impact) impact.push_back(d.value_or(0.0));
    TrainingOptions options;
    options.language = request.language;
    input.training = training_needs(model, impact, options);
  }
  std::vector<std::string> plan_ids = request.plans;
  if (plan_ids.empty())
    for (const auto &p : model.plans) plan_ids.push_back(p.id);
  for (const auto &id : plan_ids) {
    PlanReportOptions options;
    options.plan = id;
    options.as_of = request.as_of;
    options.propagation = request.propagation;
    options.morale_cap = request.morale_cap;
    options.solver = request.solver;
    input.plans.push_back(plan_report(model, options));
  }
  add_areas(input, model, graph, request);
  input.trends = report_trends(model, request);
  return html_report(input);
}

}  // namespace servicechain
