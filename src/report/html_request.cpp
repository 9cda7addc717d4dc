#include "servicechain/report/html_request.hpp"

#include <algorithm>
#include <cctype>

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

}  // namespace

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
  return html_report(input);
}

}  // namespace servicechain
