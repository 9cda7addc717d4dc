// servicechain survey internal FILE --model M [--min-group N] [--propagation linear|geometric] [--json]
//   the internal customer survey (§4.12, docs/survey.md);
// servicechain import internal-survey FILE --model M -o OUT|--json [--min-group N]
//   writes the survey's unsuppressed service means into the model's services[].rating.
#include <filesystem>
#include <iostream>

#include "cli.hpp"
#include "readable_number.hpp"
#include "servicechain/analysis/survey/internal.hpp"
#include "servicechain/io/model_json.hpp"
#include "servicechain/validate.hpp"

namespace servicechain::cli {
namespace {

struct Args {
  std::string file, model, propagation = "linear", output;
  std::size_t min_group = 5;
  bool json = false;
  CsvArgs csv;
};

void add_common(CLI::App *cmd, Args &a) {
  cmd->add_option("file", a.file)
      ->required();
  cmd->add_option("--model", a.model)->required();
  cmd->add_option("--min-group", a.min_group)->check(whole_number());
  add_csv_options(cmd, a.csv);
}

InternalSurveyResult run_survey(const Args &a, const Model &model) {
  InternalSurveyOptions o;
  o.min_group = a.min_group;
  o.propagation = *parse_propagation_model(a.propagation);
  o.solver = global().solver;
  auto reader = CsvReader::open(a.file, a.csv.options());
  return internal_survey(reader, model, o);
}

std::string suppressed_or(bool suppressed, const std::string &text) {
  return suppressed ? msg("cli.internal_survey.suppressed") : text;
}

void print_internal(const InternalSurveyResult &r) {
  std::ostream &out = std::cout;
  print_convergence(out, r.convergence);
  out << msg("cli.internal_survey.internal_customer_survey") << ": " << r.n << " " << msg("cli.internal_survey.ratings")
      << " (" << msg("cli.internal_survey.privacy_minimum") << " " << r.min_group << "; "
      << msg("cli.internal_survey.ratings_1_5_mapped_to_0") << ")\n\n";
  out << msg("cli.internal_survey.suppliers_as_their_internal_customers_rate") << "\n"
      << pad(msg("cli.analyze.unit"), 18) << pad("n", 5, Align::right) << pad(msg("cli.internal_survey.raters"), 8, Align::right)
      << pad(msg("cli.internal_survey.rating"), 13, Align::right) << pad(msg("cli.internal_survey.95_interval"), 18, Align::right)
      << pad(msg("cli.diff.delivered"), 13, Align::right) << pad(msg("cli.internal_survey.gap"), 13, Align::right) << "\n";
  for (const auto &s : r.suppliers)
    out << pad(s.unit, 18) << pad(std::to_string(s.n), 5, Align::right) << pad(std::to_string(s.respondent_units), 8, Align::right)
        << pad(suppressed_or(s.suppressed, readable_number(s.internal_rating, 3)), 13, Align::right)
        << pad(suppressed_or(s.suppressed, readable_interval(s.ci, 3)), 18, Align::right)
        << pad(readable_number(s.delivered, 3), 13, Align::right)
        << pad(suppressed_or(s.suppressed, readable_number(s.rating_gap, 3)), 13, Align::right) << "\n";
  out << "\n" << msg("cli.internal_survey.services") << "\n";
  for (const auto &s : r.services)
    out << "  " << s.from << " -> " << s.to << ": " << s.name << "  n = " << s.n << "  "
        << suppressed_or(s.suppressed, readable_number(s.rating, 3)) << "\n";
  out << "\n" << msg("cli.internal_survey.employee_nps_by_unit_would_you")
      << "\n";
  for (const auto &e : r.respondents)
    out << "  " << pad(e.unit, 18) << " n = " << pad(std::to_string(e.n), 4) << " eNPS "
        << suppressed_or(e.suppressed, readable_number(e.enps, 1) + " " + readable_interval(e.ci, 1)) << "\n";
}

void setup_survey(CLI::App *survey) {
  auto a = std::make_shared<Args>();
  auto *cmd = survey->add_subcommand("internal");
  add_common(cmd, *a);
  cmd->add_option("--propagation", a->propagation)
      ->check(CLI::IsMember({"linear", "geometric"}));
  cmd->add_flag("--json", a->json);
  cmd->callback([cmd, a] {
    if (a->json) return run_json(*cmd, "survey internal");
    Model model = load_model_file(a->model);
    print_internal(run_survey(*a, model));
  });
}

void setup_import(CLI::App *import) {
  auto a = std::make_shared<Args>();
  auto *cmd = import->add_subcommand("internal-survey");
  add_common(cmd, *a);
  allow_in_place(output_file(cmd->add_option("-o,--output", a->output)),
                 cmd->get_option("--model"));
  cmd->add_flag("--json", a->json);
  cmd->callback([cmd, a] {
    if (a->output.empty() && !a->json) throw usage_error("cli.usage.output_or_json");
    std::error_code ec;
    if (!a->output.empty() && std::filesystem::exists(a->output) && std::filesystem::equivalent(a->output, a->file, ec))
      throw usage_error("cli.usage.overwrite_survey", {a->file});
    if (a->output.empty()) return run_json(*cmd, "import internal-survey");  // --json alone: run()'s model
    Model model = load_model_file(a->model);
    const auto result = run_survey(*a, model);
    const std::size_t set = apply_internal_ratings(model, result);
    Diagnostics diagnostics = validate(model);
    if (!diagnostics.ok()) throw ValidationError(diagnostics);
    if (!a->output.empty()) save_model(model, a->output);
    if (a->json) emit(to_json(model) + "\n");
    if (!global().quiet) {
      std::size_t suppressed = 0;
      for (const auto &s : result.services) suppressed += s.suppressed;
      std::cerr << (a->output.empty() ? a->file : a->output) << ": " << set << " "
                << msg("cli.internal_survey.service_ratings_written") << ", " << suppressed << " "
                << msg("cli.internal_survey.suppressed_services_left_as_they_were") << "\n";
    }
  });
}

void setup(CLI::App &app) {
  // After `survey` (order 40) and `import` (85) exist.
  if (auto *survey = app.get_subcommand("survey")) setup_survey(survey);
  if (auto *import = app.get_subcommand("import")) setup_import(import);
}
SERVICECHAIN_COMMAND(86, setup);

}  // namespace
}  // namespace servicechain::cli
