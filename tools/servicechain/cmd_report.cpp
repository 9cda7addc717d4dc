// servicechain report MODEL [--survey FILE...] [--plan ID...] [--model M] [--as-of DATE]
//   [--group-depth D | --group-max N] [--detail UNIT...] [--wave KIND:DATE=FILE...] -o report.html
// The self-contained HTML report (docs/report.md); the demo writes one too.
#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <iostream>

#include "cli.hpp"
#include "servicechain/io/csv.hpp"
#include "servicechain/io/files.hpp"
#include "servicechain/report/html.hpp"
#include "servicechain/report/html_request.hpp"
#include "servicechain/validate.hpp"

namespace servicechain::cli {
namespace {

/// The library's report (html_request.hpp), as run() builds it; a bad option
/// value is a usage error here.
std::string build_report(const Model &model, const HtmlReportRequest &request) {
  try {
    return build_html_report(model, ChainGraph(model), request);
  } catch (const ArgumentError &e) {
    throw UsageError(e.what());
  }
}

void setup(CLI::App &app) {
  auto *cmd = app.add_subcommand("report");
  struct Options {
    std::string file, output, as_of, model = "linear";
    std::string currency, internal_survey, previous;
    std::vector<std::string> plans, surveys, detail, waves, wave_columns;
    std::optional<std::uint32_t> group_depth;
    std::optional<std::size_t> group_max;
    bool no_morale_cap = false, full_chain = false;
  };
  auto o = std::make_shared<Options>();
  cmd->add_option("model", o->file)->required();
  output_file(cmd->add_option("-o,--output", o->output));
  cmd->add_option("--survey", o->surveys)->check(CLI::ExistingFile);
  cmd->add_option("--plan", o->plans);
  cmd->add_option("--as-of", o->as_of);
  cmd->add_option("--internal-survey", o->internal_survey)->check(CLI::ExistingFile);
  cmd->add_option("--previous", o->previous)->check(CLI::ExistingFile);
  cmd->add_flag("--full-chain", o->full_chain);
  cmd->add_option("--currency", o->currency);
  cmd->add_option("--model", o->model)->check(CLI::IsMember({"linear", "geometric"}));
  auto *depth = cmd->add_option("--group-depth", o->group_depth)
                     ->check(whole_number(0, UINT32_MAX));
  cmd->add_option("--group-max", o->group_max)
      ->check(whole_number(1))
      ->excludes(depth);
  cmd->add_option("--detail", o->detail);
  cmd->add_option("--wave", o->waves);
  cmd->add_option("--wave-column", o->wave_columns);
  add_morale_cap_option(cmd, o->no_morale_cap);
  cmd->callback([cmd, o] {
    if (!o->as_of.empty() && !is_iso_date(o->as_of)) throw usage_error("cli.usage.date", {"--as-of"});
    HtmlReportRequest request;
    try {  // usage errors before the model is read
      for (const auto &wave : o->waves) request.waves.push_back(parse_report_wave(wave));
      for (const auto &column : o->wave_columns) request.wave_columns.insert(parse_wave_column(column));
    } catch (const ArgumentError &e) {
      throw UsageError(e.what());
    }
    Model model = load_model_file(o->file);
    request.plans = o->plans;
    for (const auto &file : o->surveys) request.surveys.push_back(CsvSource::file(file));
    request.language = global().language();
    request.as_of = o->as_of;
    request.propagation = *parse_propagation_model(o->model);
    request.group_depth = o->group_depth;
    request.group_max = o->group_max;
    request.detail = o->detail;
    request.morale_cap = !o->no_morale_cap;
    request.currency = o->currency;
    request.all_warnings = global().all_warnings;
    request.full_chain = o->full_chain;
    request.solver = global().solver;
    if (!o->internal_survey.empty()) request.internal_survey = CsvSource::file(o->internal_survey);
    if (!o->previous.empty()) {
      const Model previous = load_model_file(o->previous);
      ChainAnalysisOptions options;
      options.model = request.propagation;
      options.morale_cap = request.morale_cap;
      request.previous_csi = analyze_chain(previous, options).satisfaction.csi;
    }
    emit(build_report(model, request), o->output);
    if (!o->output.empty() && o->output != "-" && !global().quiet)
      std::cerr << msg("cli.report.report_written_to") << o->output << "\n";
  });
}
SERVICECHAIN_COMMAND(140, setup);

// The demo writes the report of its model to ./report.html, or to $SERVICECHAIN_DEMO_REPORT.
void demo_section(const Model &model, Language language, std::ostream &out) {
  const char *env = std::getenv("SERVICECHAIN_DEMO_REPORT");
  std::filesystem::path path = env && *env ? env : "report.html";
  HtmlReportRequest request;
  request.language = language;
  // Progress as at each plan's start, so the demo's report does not change with the date.
  std::string as_of;
  for (const auto &p : model.plans)
    if (p.start && as_of.empty()) as_of = *p.start;
  request.as_of = as_of;
  write_file_atomic(path, build_report(model, request));
  std::error_code ec;
  auto absolute = std::filesystem::absolute(path, ec);
  out << msg("cli.report.html_report") << ": " << (ec ? path : absolute).string() << "\n\n";
}
SERVICECHAIN_DEMO_SECTION(900, demo_section);

}  // namespace
}  // namespace servicechain::cli
