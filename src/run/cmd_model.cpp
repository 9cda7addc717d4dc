// Commands of run() on the request's model: validate, analyze, people, maturity,
// check, plan, simulate, report (docs/requests.md).
#include <cmath>

#include "handlers.hpp"
#include "servicechain/analysis/chain/analyze.hpp"
#include "servicechain/analysis/chain/collapse.hpp"
#include "servicechain/analysis/chain/diff.hpp"
#include "servicechain/analysis/people/roadmap.hpp"
#include "servicechain/analysis/people/fit.hpp"
#include "servicechain/analysis/people/maturity.hpp"
#include "servicechain/analysis/people/people.hpp"
#include "servicechain/analysis/plans/plan.hpp"
#include "servicechain/analysis/policies/compliance.hpp"
#include "servicechain/analysis/simulation/simulation.hpp"
#include "servicechain/analysis/survey/common.hpp"
#include "servicechain/io/model_json.hpp"
#include "servicechain/report/html_request.hpp"
#include "servicechain/report/validation.hpp"
#include "servicechain/validate.hpp"

namespace servicechain::detail {

const std::string_view propagation_choices[2] = {"linear", "geometric"};

PropagationModel propagation_option(const Options &options, std::string_view name) {
  return *parse_propagation_model(options.text(name, "linear"));
}

PropagationOptions solver_option(const Options &options) {
  PropagationOptions solver;
  solver.max_iterations = static_cast<std::size_t>(options.integer("solver-iterations", solver.max_iterations));
  solver.fallback_direct_size =
      static_cast<std::size_t>(options.integer("solver-direct-limit", solver.fallback_direct_size));
  return solver;
}

namespace {

constexpr OptionSpec propagation_spec{"model", OptionKind::choice, "Propagation model", "linear", 0, 0, propagation_choices};
constexpr OptionSpec morale_cap_spec{"no-morale-cap", OptionKind::flag,
                                     "s_u = quality_u whenever quality is given (no morale ceiling, DESIGN §2)"};
constexpr OptionSpec group_depth_spec{"group-depth", OptionKind::integer, "Collapse the unit tree at this depth", {}, 0,
                                      4294967295.0};
constexpr OptionSpec group_max_spec{"group-max", OptionKind::integer,
                                    "Collapse at the deepest depth with at most this many groups", {}, 1, 1e18};

bool morale_cap_option(const Options &options) { return !options.flag("no-morale-cap"); }

/// --group-depth / --group-max (exclusive).
CollapseRequest collapse_option(const Options &options) {
  CollapseRequest request;
  if (auto depth = options.integer("group-depth")) request.depth = static_cast<std::uint32_t>(*depth);
  if (auto max = options.integer("group-max")) request.max_groups = static_cast<std::size_t>(*max);
  if (request.depth && request.max_groups) bad_option("group-max", "--group-max excludes --group-depth");
  return request;
}

/// --as-of: a date YYYY-MM-DD, or empty (today).
std::string as_of_option(const Options &options) {
  std::string as_of = options.text("as-of");
  if (!as_of.empty() && !is_iso_date(as_of)) bad_option("as-of", "--as-of must be a date YYYY-MM-DD");
  return as_of;
}

/// --budget: a number >= 0, or nullopt.
std::optional<double> budget_option(const Options &options) {
  auto budget = options.number("budget");
  if (budget && !(*budget >= 0)) bad_option("budget", "--budget must be a number >= 0");
  return budget;
}

// ---- validate ------------------------------------------------------------------

constexpr OptionSpec validate_options[] = {
    {"model", OptionKind::input, "Model JSON to validate instead of the request's model: {\"data\": text} or {\"path\": file}"},
};
constexpr CommandSpec validate_spec{"validate", "Check a model and list every problem", CommandSpec::Model::optional,
                                    "application/json", validate_options};

void validate_handler(Context &c) {
  Diagnostics diagnostics;
  if (const Input *input = c.options.input("model")) {
    if (input->is_path) check_model_file(input->path, diagnostics);
    else check_model_json(input->text, diagnostics, input->source);
  } else {
    validate(c.require_model().model, diagnostics);  // a loaded model is valid: its warnings
  }
  c.text(validation_report_json(diagnostics));
  if (!diagnostics.ok()) c.response.status = 1;
}

// ---- analyze -------------------------------------------------------------------

const std::string_view estimate_choices[3] = {"paths", "kadabra", "sampled"};

constexpr OptionSpec analyze_options[] = {
    propagation_spec,
    {"fidelity", OptionKind::number, "Message fidelity per management layer", "0.9", 0, 1},
    {"exact-betweenness", OptionKind::flag, "Exact betweenness even above 5,000 units"},
    {"no-betweenness", OptionKind::flag, "Skip betweenness (\"betweenness\": null, method \"none\")"},
    {"betweenness-estimate", OptionKind::choice, "Above 5,000 units: paths (error <= epsilon with probability >= 1 - delta), kadabra or sampled",
     "paths", 0, 0, estimate_choices},
    {"betweenness-epsilon", OptionKind::number, "paths, kadabra: largest absolute error of a normalized value", "0.01", 1e-3, 0.5},
    {"betweenness-delta", OptionKind::number, "paths, kadabra: probability that some value misses by more than epsilon", "0.1", 1e-9, 0.5},
    group_depth_spec,
    group_max_spec,
    morale_cap_spec,
    solver_iterations_spec,
    solver_direct_limit_spec,
};
constexpr CommandSpec analyze_spec{"analyze", "Propagate quality along the internal customer chain: CSI, impact, weak links, structure",
                                   CommandSpec::Model::required, "application/json", analyze_options};

void analyze_handler(Context &c) {
  if (c.options.flag("exact-betweenness") && c.options.flag("no-betweenness"))
    bad_option("no-betweenness", "--no-betweenness excludes --exact-betweenness");
  const ModelAndGraph &loaded = c.require_model();
  ChainAnalysisOptions options;
  options.model = propagation_option(c.options);
  options.fidelity = c.options.number("fidelity", 0.9);
  options.structure.exact_betweenness = c.options.flag("exact-betweenness");
  options.structure.betweenness = !c.options.flag("no-betweenness");
  const std::string estimate = c.options.text("betweenness-estimate", "paths");
  options.structure.estimate = estimate == "sampled"   ? BetweennessEstimate::sources
                               : estimate == "kadabra" ? BetweennessEstimate::kadabra
                                                       : BetweennessEstimate::paths;
  options.structure.epsilon = c.options.number("betweenness-epsilon", 0.01);
  options.structure.delta = c.options.number("betweenness-delta", 0.1);
  options.morale_cap = morale_cap_option(c.options);
  options.propagation = solver_option(c.options);
  const CollapseRequest collapse = collapse_option(c.options);
  ChainAnalysis analysis = analyze_chain(loaded.model, loaded.graph, options);
  std::optional<CollapsedChain> collapsed;
  try {
    collapsed = collapse_for_request(loaded.model, loaded.graph, analysis, collapse);
  } catch (const ArgumentError &e) {
    bad_option("group-max", e.what());
  }
  c.json([&](JsonWriter &w) {
    write_chain_analysis_json(w, loaded.model, analysis, [&](JsonWriter &fields) {
      if (collapsed) write_collapsed_json_fields(fields, loaded.model, *collapsed);
    });
  });
}

// ---- people, maturity ------------------------------------------------------------

constexpr OptionSpec people_options[] = {
    {"threshold", OptionKind::number, "List people whose fit is below this", "0.6"},
    {"budget", OptionKind::number, "Limit the training plan to this cost (>= 0)"},
    propagation_spec,
    {"across-units", OptionKind::flag, "Also align across the units of each level"},
    {"max-moves", OptionKind::integer, "Limit the moves of across-units (default: no limit)", {}, 0, 1e18},
    morale_cap_spec,
    solver_iterations_spec,
    solver_direct_limit_spec,
};
constexpr CommandSpec people_spec{"people", "Person-position fit, alignment per unit and training needs",
                                  CommandSpec::Model::required, "application/json", people_options};

void people_handler(Context &c) {
  const ModelAndGraph &loaded = c.require_model();
  PeopleReportOptions options;
  options.threshold = c.options.number("threshold", 0.6);
  options.budget = budget_option(c.options);
  options.propagation = propagation_option(c.options);
  options.language = c.language;
  options.morale_cap = morale_cap_option(c.options);
  options.across_units = c.options.flag("across-units");
  if (auto moves = c.options.integer("max-moves")) options.max_moves = static_cast<std::size_t>(*moves);
  options.solver = solver_option(c.options);
  if (options.max_moves && !options.across_units) bad_option("max-moves", "--max-moves needs --across-units");
  PeopleReport report = people_report(loaded.model, loaded.graph, options);
  c.json([&](JsonWriter &w) { write_json(w, report); });
}

constexpr OptionSpec maturity_options[] = {
    {"weakest", OptionKind::integer, "How many weakest processes to list", "3", 0, 1e9},
};
constexpr CommandSpec maturity_spec{"maturity", "Culture maturity: scores per process and level, index 0-100",
                                    CommandSpec::Model::required, "application/json", maturity_options};

void maturity_handler(Context &c) {
  MaturityOptions options;
  options.weakest = c.options.integer("weakest", 3);
  options.language = c.language;
  MaturityResult result = assess_maturity(c.require_model().model, options);
  c.json([&](JsonWriter &w) { write_json(w, result); });
}

// ---- roadmap, diff ----------------------------------------------------------------

constexpr OptionSpec roadmap_options[] = {
    {"threshold", OptionKind::number, "Weak when the mean item score is below this", "3.0"},
    {"gap", OptionKind::number, "Weak when directive and operative means are this far apart (>= 0)", "1.0"},
    {"plan-id", OptionKind::text, "Id of the roadmap's plan and prefix of its actions' ids", "roadmap"},
};
constexpr CommandSpec roadmap_spec{"roadmap", "Culture roadmap: the weak processes in sequence, with actions per level",
                                   CommandSpec::Model::required, "application/json", roadmap_options};

void roadmap_handler(Context &c) {
  RoadmapOptions options;
  options.threshold = c.options.number("threshold", 3.0);
  options.gap_threshold = c.options.number("gap", 1.0);
  options.plan_id = c.options.text("plan-id", "roadmap");
  options.language = c.language;
  if (!(options.gap_threshold >= 0)) bad_option("gap", "--gap must be a number >= 0");
  if (options.plan_id.empty()) bad_option("plan-id", "--plan-id must not be empty");
  const RoadmapResult result = culture_roadmap(c.require_model().model, options);
  c.json([&](JsonWriter &w) { write_json(w, result); });
}

constexpr OptionSpec diff_options[] = {
    {"new", OptionKind::input, "The newer model (the request's model is the older): {\"path\": file} or {\"data\": JSON}", {}, 0, 0, {}, true},
    {"propagation", OptionKind::choice, "Propagation model of both", "linear", 0, 0, propagation_choices},
    solver_iterations_spec,
    solver_direct_limit_spec,
};
constexpr CommandSpec diff_spec{"diff", "Compare two snapshots of a model: each unit's contribution to the CSI change",
                                CommandSpec::Model::required, "application/json", diff_options};

void diff_handler(Context &c) {
  const Input &input = *c.options.input("new");
  const Model newer = model_from_input(input);
  ModelDiffOptions options;
  options.propagation = propagation_option(c.options, "propagation");
  options.solver = solver_option(c.options);
  ModelDiff diff;
  try {
    diff = diff_models(c.require_model().model, newer, options);
  } catch (const InputError &e) {  // e.g. two organizations: name the newer model's file
    throw InputError(input.source + ": " + e.what());
  }
  c.json([&](JsonWriter &w) { write_json(w, diff); });
}

// ---- check ----------------------------------------------------------------------

constexpr OptionSpec check_options[] = {
    {"survey", OptionKind::inputs, "Survey CSVs for the survey.* metrics (repeatable)"},
    propagation_spec,
    {"servqual-scale", OptionKind::text, "SERVQUAL answer scale MIN-MAX", "1-7"},
    {"ipa-scale", OptionKind::text, "IPA answer scale MIN-MAX", "1-5"},
    {"delimiter", OptionKind::text, "Survey field delimiter: \",\", \";\" or \"tab\"", ","},
    {"decimal-comma", OptionKind::flag, "Survey numbers use a decimal comma"},
    {"fidelity", OptionKind::number, "f of unit.message_fidelity", "0.9", 0, 1},
    morale_cap_spec,
    solver_iterations_spec,
    solver_direct_limit_spec,
};
constexpr CommandSpec check_spec{"check", "Evaluate the model's policies and standards of service",
                                 CommandSpec::Model::required, "application/json", check_options};

void check_handler(Context &c) {
  ComplianceOptions o;
  o.model = propagation_option(c.options);
  o.morale_cap = morale_cap_option(c.options);
  o.fidelity = c.options.number("fidelity", 0.9);
  o.solver = solver_option(c.options);
  auto sq = parse_scale(c.options.text("servqual-scale", "1-7")), ip = parse_scale(c.options.text("ipa-scale", "1-5"));
  if (!sq || !ip) bad_option(sq ? "ipa-scale" : "servqual-scale", "a scale must be MIN-MAX with MIN < MAX (e.g. 1-7)");
  o.servqual_scale = *sq;
  o.ipa_scale = *ip;
  CsvOptions csv;
  apply_csv_dialect(c.options, csv);
  for (const Input &input : c.options.inputs("survey")) {
    input.csv(csv);  // fail early on a missing file or a bad header
    o.surveys.push_back(input.is_path ? survey_file(input.path, csv) : survey_text(input.text, input.source, csv));
  }
  ComplianceResult result = check_policies(c.require_model().model, o);
  c.json([&](JsonWriter &w) { write_json(w, result); });
}

// ---- plan, simulate -------------------------------------------------------------

constexpr OptionSpec plan_options[] = {
    {"plan", OptionKind::text, "Plan id", {}, 0, 0, {}, true},
    {"budget", OptionKind::number, "Budget (>= 0; default: the plan's)"},
    {"as-of", OptionKind::text, "Date for overdue actions, YYYY-MM-DD (default: today, UTC)"},
    propagation_spec,
    morale_cap_spec,
    solver_iterations_spec,
    solver_direct_limit_spec,
};
constexpr CommandSpec plan_spec{"plan", "Improvement plan: predicted gains, selection under budget, schedule, progress",
                                CommandSpec::Model::required, "application/json", plan_options};

void plan_handler(Context &c) {
  PlanReportOptions options;
  options.plan = c.options.text("plan");
  options.budget = budget_option(c.options);
  options.as_of = as_of_option(c.options);
  options.propagation = propagation_option(c.options);
  options.morale_cap = morale_cap_option(c.options);
  options.solver = solver_option(c.options);
  c.text(to_json(plan_report(c.require_model().model, options)));
}

constexpr OptionSpec simulate_options[] = {
    {"runs", OptionKind::integer, "Number of runs", "1000", 1, static_cast<double>(max_simulation_runs)},
    {"seed", OptionKind::integer, "Seed", "1"},
    {"threads", OptionKind::integer, "Threads (0: hardware concurrency); results do not depend on it", "0", 0, 4294967295.0},
    {"sigma", OptionKind::number, "sd of the perturbation of each unit's quality (>= 0)", "0.05"},
    {"kappa", OptionKind::number, "Concentration of the Beta score distribution (> 0)", "20"},
    {"plan", OptionKind::text, "Also simulate with this plan's selection applied"},
    {"budget", OptionKind::number, "Budget for the plan's selection (>= 0; default: the plan's)"},
    {"max-memory", OptionKind::integer, "Most MiB of kept per-run results", "1024", 1, 1099511627776.0},
    {"max-work", OptionKind::number, "Most work, runs × (encounters + units + services)", "5e9", 1, 1e300},
    propagation_spec,
    morale_cap_spec,
    solver_iterations_spec,
    solver_direct_limit_spec,
};
constexpr CommandSpec simulate_spec{"simulate", "Monte Carlo simulation of customer encounters along the chain",
                                    CommandSpec::Model::required, "application/json", simulate_options};

void simulate_handler(Context &c) {
  SimulationOptions options;
  options.runs = c.options.integer("runs", 1000);
  options.seed = c.options.integer("seed", 1);
  options.threads = static_cast<unsigned>(c.options.integer("threads", 0));
  options.sigma = c.options.number("sigma", 0.05);
  options.kappa = c.options.number("kappa", 20);
  options.propagation = propagation_option(c.options);
  options.morale_cap = morale_cap_option(c.options);
  if (c.progress) options.progress = *c.progress;
  options.solver = solver_option(c.options);
  options.max_memory_bytes = c.options.integer("max-memory", options.max_memory_bytes >> 20) << 20;
  options.max_work = c.options.number("max-work", options.max_work);
  if (!(options.sigma >= 0)) bad_option("sigma", "--sigma must be a number >= 0");
  if (!(options.kappa > 0)) bad_option("kappa", "--kappa must be a number > 0");
  const std::optional<double> budget = budget_option(c.options);
  const ModelAndGraph &loaded = c.require_model();
  const std::string plan = c.options.text("plan");
  if (plan.empty()) {
    auto result = simulate(loaded.model, loaded.graph, intrinsic_quality(loaded.model, options.morale_cap), options);
    c.text(to_json(result, options) + "\n");
  } else {
    c.text(to_json(simulate_plan(loaded.model, plan, budget, options), options) + "\n");
  }
}

// ---- report ---------------------------------------------------------------------

constexpr OptionSpec report_options[] = {
    {"survey", OptionKind::inputs, "SERVQUAL and/or importance-performance survey CSVs"},
    {"plan", OptionKind::texts, "Plan ids to show (default: every plan)"},
    {"as-of", OptionKind::text, "Date for overdue plan actions, YYYY-MM-DD (default: the plan's latest date)"},
    propagation_spec,
    {"currency", OptionKind::text, "Currency code shown after money, e.g. USD (default: the model's x-currency)"},
    {"all-warnings", OptionKind::flag, "List every warning about the model (default: the first few and a count)"},
    {"full-chain", OptionKind::flag, "Draw the whole chain even when too wide for the page (default: split by department)"},
    group_depth_spec,
    group_max_spec,
    {"detail", OptionKind::texts, "Also draw this unit's subtree on its own (repeatable)"},
    {"wave", OptionKind::dated_inputs,
     "A wave of the trends section: KIND:DATE=FILE or KIND:FILE (KIND servqual, nps, csat, ces, internal; maturity:DATE=MODEL), "
     "at least two per kind, in date order",
     {}, 0, 0, {}, false, true},
    {"wave-column", OptionKind::texts, "nps, csat, ces waves: KIND=COLUMN, the column of the answers (default: the column named as the kind)"},
    morale_cap_spec,
    solver_iterations_spec,
    solver_direct_limit_spec,
};
constexpr CommandSpec report_spec{"report", "The self-contained HTML report with charts", CommandSpec::Model::required,
                                  "text/html", report_options};

/// The report's waves (--wave KIND:DATE=FILE) and their columns (--wave-column KIND=COLUMN).
void report_waves(const Options &options, HtmlReportRequest &request) {
  for (const Input &input : options.inputs("wave")) {
    const auto kind = parse_trend_kind(input.kind);
    if (!kind)
      throw RequestError("bad_option", "--wave: \"" + input.kind + "\" is not one of servqual, nps, csat, ces, internal, maturity", input.where);
    request.waves.push_back({*kind, input.date, input.source, input.is_path ? std::nullopt : std::optional<std::string>(input.text)});
  }
  for (const std::string &text : options.texts("wave-column")) {
    try {
      request.wave_columns.insert(parse_wave_column(text));
    } catch (const ArgumentError &e) {
      bad_option("wave-column", e.what());
    }
  }
}

void report_handler(Context &c) {
  HtmlReportRequest request;
  report_waves(c.options, request);
  for (const Input &input : c.options.inputs("survey"))
    request.surveys.push_back(input.is_path ? CsvSource::file(input.path) : CsvSource::text(input.text, input.source));
  request.plans = c.options.texts("plan");
  request.as_of = as_of_option(c.options);
  request.propagation = propagation_option(c.options);
  request.language = c.language;
  request.morale_cap = morale_cap_option(c.options);
  const CollapseRequest collapse = collapse_option(c.options);
  request.group_depth = collapse.depth;
  request.group_max = collapse.max_groups;
  request.detail = c.options.texts("detail");
  request.solver = solver_option(c.options);
  request.currency = c.options.text("currency");
  request.all_warnings = c.options.flag("all-warnings");
  request.full_chain = c.options.flag("full-chain");
  const ModelAndGraph &loaded = c.require_model();
  try {
    c.text(build_html_report(loaded.model, loaded.graph, request), "text/html");
  } catch (const ArgumentError &e) {  // two surveys of one kind, a group limit too small: the request's fault
    throw RequestError("bad_option", e.what());
  }
}

}  // namespace

const Command validate_command{&validate_spec, validate_handler};
const Command analyze_command{&analyze_spec, analyze_handler};
const Command people_command{&people_spec, people_handler};
const Command maturity_command{&maturity_spec, maturity_handler};
const Command roadmap_command{&roadmap_spec, roadmap_handler};
const Command diff_command{&diff_spec, diff_handler};
const Command check_command{&check_spec, check_handler};
const Command plan_command{&plan_spec, plan_handler};
const Command simulate_command{&simulate_spec, simulate_handler};
const Command report_command{&report_spec, report_handler};

}  // namespace servicechain::detail
