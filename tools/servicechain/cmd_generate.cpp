// servicechain generate --units N [--services-per-unit K] --seed S [...] -o FILE
// [--survey FILE [--respondents R]] [--event-log FILE [--cases C]] [--internal-survey FILE];
// or generate --from MODEL --seed S with survey files only:
// a synthetic organization (docs/generate.md), and optionally a SERVQUAL survey
// of its customers and an event log of its chain, each written atomically.
#include <iostream>

#include "cli.hpp"
#include "servicechain/generate.hpp"
#include "servicechain/analysis/survey/generate.hpp"
#include "servicechain/io/files.hpp"
#include "servicechain/io/model_json.hpp"

namespace servicechain::cli {
namespace {

void setup(CLI::App &app) {
  auto *cmd = app.add_subcommand("generate");
  auto o = std::make_shared<GenerateOptions>();
  auto out = std::make_shared<std::string>();
  struct Extras {
    std::string survey, event_log, internal_survey, from;
    GeneratedInternalSurveyOptions internal_options;
    GeneratedSurveyOptions survey_options;
    GeneratedEventLogOptions log_options;
  };
  auto extras = std::make_shared<Extras>();
  auto *units = cmd->add_option("--units", o->units)->check(whole_number(1, 50'000'000));
  cmd->add_option("--services-per-unit", o->services_per_unit)->capture_default_str()
      ->check(CLI::Range(0.0, 10.0));
  cmd->add_option("--seed", o->seed)->required()->check(whole_number());
  cmd->add_option("--people-per-unit", o->people_per_unit)->capture_default_str()
      ->check(whole_number(0, 1000));
  cmd->add_option("--cycle-share", o->cycle_share)->capture_default_str()
      ->check(CLI::Range(0.0, 1.0));
  cmd->add_option("--long-range-share", o->long_range_share)->capture_default_str()
      ->check(CLI::Range(0.0, 1.0));
  cmd->add_option("--support-share", o->support_share)
      ->capture_default_str()->check(CLI::Range(0.0, 1.0));
  cmd->add_option("--support-units", o->support_units)->capture_default_str()
      ->check(whole_number(1, 1000));
  cmd->add_option("--branching", o->branching)->capture_default_str()
      ->check(whole_number(2, 1000));
  cmd->add_option("--segments", o->segments)->capture_default_str()->check(whole_number(1, 1000));
  cmd->add_option("--moments", o->moments)->capture_default_str()
      ->check(whole_number(0, 10'000'000));
  cmd->add_option("--plan-actions", o->plan_actions)->capture_default_str()
      ->check(whole_number(0, 100'000));
  output_file(cmd->add_option("-o,--output", *out));
  output_file(cmd->add_option("--survey", extras->survey));
  cmd->add_option("--respondents", extras->survey_options.respondents)->capture_default_str()
      ->check(whole_number(1, 50'000'000));
  output_file(cmd->add_option("--event-log", extras->event_log));
  cmd->add_option("--cases", extras->log_options.cases)->capture_default_str()
      ->check(whole_number(1, 50'000'000));
  output_file(cmd->add_option("--internal-survey", extras->internal_survey));
  cmd->add_option("--internal-date", extras->internal_options.date);
  cmd->add_option("--respondents-per-unit", extras->internal_options.respondents_per_unit)->capture_default_str()->check(whole_number(0, 100'000));
  cmd->add_option("--from", extras->from)
      ->excludes(units);
  cmd->callback([o, out, extras, units] {
    Model model;
    std::string survey, event_log, internal_survey;
    if (extras->from.empty() && units->count() == 0) throw usage_error("cli.usage.generate_units");
    if (!extras->from.empty() && !out->empty()) throw usage_error("cli.usage.generate_from_output");
    if (!extras->from.empty()) model = load_model_file(extras->from);
    try {
      if (extras->from.empty()) model = generate_organization(*o);
      extras->internal_options.seed = o->seed;
      if (!extras->internal_survey.empty()) internal_survey = generate_internal_survey_csv(model, extras->internal_options);
      // Seeded from the model's seed, so one --seed fixes all three files.
      extras->survey_options.seed = o->seed;
      extras->log_options.seed = o->seed;
      if (!extras->survey.empty()) survey = generate_servqual_csv(model, extras->survey_options);
      if (!extras->event_log.empty()) event_log = generate_event_log_csv(model, extras->log_options);
    } catch (const ArgumentError &e) {
      throw UsageError(e.what());
    }
    if (!extras->survey.empty()) write_file_atomic(extras->survey, survey);
    if (!extras->event_log.empty()) write_file_atomic(extras->event_log, event_log);
    if (!extras->internal_survey.empty()) write_file_atomic(extras->internal_survey, internal_survey);
    if (!extras->from.empty()) return;
    if (out->empty() || *out == "-") {
      emit(to_json(model));
      return;
    }
    save_model(model, *out);
    if (!global().quiet)
      std::cerr << *out << ": " << model.units.size() << " " << msg("cli.analyze.units") << ", " << model.services.size()
                << " " << msg("cli.generate.services") << ", " << model.people.size() << " " << msg("cli.analyze.people")
                << ", " << model.moments.size() << " " << msg("cli.generate.moments_of_truth") << "\n";
  });
}

SERVICECHAIN_COMMAND(85, setup);

}  // namespace
}  // namespace servicechain::cli
