// servicechain report MODEL [--survey FILE...] [--plan ID...] [--model M] [--as-of DATE] -o report.html
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
};

std::string build_report(const Model &model, const ReportRequest &request, Language language) {
  ChainGraph graph(model);
  ChainAnalysisOptions chain_options;
  chain_options.model = request.propagation;
  chain_options.propagation = global().solver;
  ChainAnalysis chain = analyze_chain(model, graph, chain_options);
  HtmlReportInput input;
  input.model = &model;
  input.graph = &graph;
  input.chain = &chain;
  input.language = language;
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
    options.solver = global().solver;
    input.plans.push_back(plan_report(model, options));
  }
  return html_report(input);
}

void setup(CLI::App &app) {
  auto *cmd = app.add_subcommand("report", "Write a self-contained HTML report with charts");
  struct Options {
    std::string file, output, as_of, model = "linear";
    std::vector<std::string> plans, surveys;
  };
  auto o = std::make_shared<Options>();
  cmd->add_option("model", o->file, "Model file")->required();
  cmd->add_option("-o,--output", o->output, "HTML file to write (atomically); default: standard output");
  cmd->add_option("--survey", o->surveys, "SERVQUAL and/or importance-performance survey CSV files")->check(CLI::ExistingFile);
  cmd->add_option("--plan", o->plans, "Plan id to show (repeatable; default: every plan)");
  cmd->add_option("--as-of", o->as_of, "Date for overdue plan actions, YYYY-MM-DD (default: today, UTC)");
  cmd->add_option("--model", o->model, "Propagation model")->check(CLI::IsMember({"linear", "geometric"}));
  cmd->callback([o] {
    if (!o->as_of.empty() && !is_iso_date(o->as_of)) throw UsageError("--as-of must be a date YYYY-MM-DD");
    Model model = load_model_file(o->file);
    ReportRequest request;
    request.plans = o->plans;
    request.surveys = o->surveys;
    request.as_of = o->as_of;
    request.propagation = *parse_propagation_model(o->model);
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
