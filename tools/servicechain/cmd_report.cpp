// servicechain report MODEL [--survey FILE...] [--plan ID...] [--model M] [--as-of DATE]
//   [--group-depth D | --group-max N] [--detail UNIT...] -o report.html
// The self-contained HTML report (docs/report.md); the demo writes one too.
#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <iostream>

#include "cli.hpp"
#include "servicechain/io/csv.hpp"
#include "servicechain/io/files.hpp"
#include "servicechain/report/html.hpp"
#include "servicechain/validate.hpp"

namespace servicechain::cli {
namespace {

struct ReportRequest {
  std::vector<std::string> surveys;  ///< SERVQUAL or IPA files, told apart by their header
  std::vector<std::string> plans;  ///< plan ids; empty: every plan of the model
  std::string as_of;               ///< empty: today (UTC)
  PropagationModel propagation = PropagationModel::linear;
  std::optional<std::uint32_t> group_depth;  ///< collapse at this depth (default: only above the drawing limit)
  std::optional<std::size_t> group_max;      ///< at most this many groups when collapsing
  std::vector<std::string> detail;           ///< units whose subtree is drawn on its own
  bool morale_cap = true;  ///< §2 ceiling (--no-morale-cap turns it off)
};

std::string build_report(const Model &model, const ReportRequest &request, Language language) {
  ChainGraph graph(model);
  ChainAnalysisOptions chain_options;
  chain_options.model = request.propagation;
  chain_options.morale_cap = request.morale_cap;
  ChainAnalysis chain = analyze_chain(model, graph, chain_options);
  HtmlReportInput input;
  input.model = &model;
  input.graph = &graph;
  input.chain = &chain;
  input.language = language;
  input.group_depth = request.group_depth;
  if (request.group_max) input.max_groups = *request.group_max;
  for (const auto &id : request.detail)
    if (std::none_of(model.units.begin(), model.units.end(), [&](const Unit &u) { return u.id == id; }))
      throw UsageError("--detail: no unit \"" + id + "\" in the model");
  input.detail = request.detail;
  for (const auto &file : request.surveys) {
    CsvReader reader = CsvReader::open(file);
    const auto &header = reader.header();
    const bool is_servqual = reader.column("E1") && reader.column("P1");
    const bool is_ipa = std::any_of(header.begin(), header.end(), [](const std::string &h) { return h.starts_with("I_"); });
    if (is_servqual) {
      if (input.servqual) throw UsageError("--survey: give at most one SERVQUAL file");
      input.servqual = servqual(reader);
    } else if (is_ipa) {
      if (input.ipa) throw UsageError("--survey: give at most one importance-performance file");
      input.ipa = ipa(reader);
    } else {
      throw InputError(file + ": not a SERVQUAL survey (columns E1.., P1..) nor an importance-performance one (I_<attribute>, P_<attribute>)");
    }
  }
  if (!model.people.empty()) {
    // Impact on the CSI weighs the needs; an undefined impact counts as 0, no CSI weighs units alike.
    std::vector<double> impact;
    if (chain.satisfaction.csi)
      for (const auto &d : chain.impact.impact) impact.push_back(d.value_or(0.0));
    TrainingOptions options;
    options.language = language;
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
    input.plans.push_back(plan_report(model, options));
  }
  return html_report(input);
}

void setup(CLI::App &app) {
  auto *cmd = app.add_subcommand("report", "Write a self-contained HTML report with charts");
  struct Options {
    std::string file, output, as_of, model = "linear";
    std::vector<std::string> plans, surveys, detail;
    std::optional<std::uint32_t> group_depth;
    std::optional<std::size_t> group_max;
    bool no_morale_cap = false;
  };
  auto o = std::make_shared<Options>();
  cmd->add_option("model", o->file, "Model file")->required();
  output_file(cmd->add_option("-o,--output", o->output, "HTML file to write (atomically); default: standard output"));
  cmd->add_option("--survey", o->surveys, "SERVQUAL and/or importance-performance survey CSV files")->check(CLI::ExistingFile);
  cmd->add_option("--plan", o->plans, "Plan id to show (repeatable; default: every plan)");
  cmd->add_option("--as-of", o->as_of, "Date for overdue plan actions, YYYY-MM-DD (default: today, UTC)");
  cmd->add_option("--model", o->model, "Propagation model")->check(CLI::IsMember({"linear", "geometric"}));
  auto *depth = cmd->add_option("--group-depth", o->group_depth, "Draw the chain collapsed at this depth of the unit tree")
                     ->check(whole_number(0, UINT32_MAX));
  cmd->add_option("--group-max", o->group_max,
                  "Above the drawing limit, collapse at the deepest depth with at most this many groups (default 40)")
      ->check(whole_number(1))
      ->excludes(depth);
  cmd->add_option("--detail", o->detail, "Also draw this unit's subtree on its own (repeatable)");
  add_morale_cap_option(cmd, o->no_morale_cap);
  cmd->callback([o] {
    if (!o->as_of.empty() && !is_iso_date(o->as_of)) throw UsageError("--as-of must be a date YYYY-MM-DD");
    Model model = load_model_file(o->file);
    ReportRequest request;
    request.plans = o->plans;
    request.surveys = o->surveys;
    request.as_of = o->as_of;
    request.propagation = *parse_propagation_model(o->model);
    request.group_depth = o->group_depth;
    request.group_max = o->group_max;
    request.detail = o->detail;
    request.morale_cap = !o->no_morale_cap;
    emit(build_report(model, request, global().language()), o->output);
    if (!o->output.empty() && o->output != "-" && !global().quiet)
      std::cerr << tr("report written to ", "informe escrito en ") << o->output << "\n";
  });
}
SERVICECHAIN_COMMAND(140, setup);

// The demo writes the report of its model to ./report.html, or to $SERVICECHAIN_DEMO_REPORT.
void demo_section(const Model &model, Language language, std::ostream &out) {
  const char *env = std::getenv("SERVICECHAIN_DEMO_REPORT");
  std::filesystem::path path = env && *env ? env : "report.html";
  ReportRequest request;
  // Progress as at each plan's start, so the demo's report does not change with the date.
  std::string as_of;
  for (const auto &p : model.plans)
    if (p.start && as_of.empty()) as_of = *p.start;
  request.as_of = as_of;
  write_file_atomic(path, build_report(model, request, language));
  std::error_code ec;
  auto absolute = std::filesystem::absolute(path, ec);
  out << tr("HTML report", "Informe HTML") << ": " << (ec ? path : absolute).string() << "\n\n";
}
SERVICECHAIN_DEMO_SECTION(900, demo_section);

}  // namespace
}  // namespace servicechain::cli
