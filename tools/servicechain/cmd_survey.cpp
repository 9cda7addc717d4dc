// servicechain survey servqual|gap1|ipa|nps|csat|ces FILE [options] [--json]
// Survey measures of §4.5 (docs/survey.md lists options and JSON keys).
#include <iomanip>
#include <iostream>
#include <sstream>

#include "cli.hpp"
#include "servicechain/analysis/survey/ipa.hpp"
#include "servicechain/analysis/survey/scores.hpp"
#include "servicechain/analysis/survey/servqual.hpp"

namespace servicechain::cli {
namespace {

Scale scale_option(const std::string &text, Scale fallback) {
  if (text.empty()) return fallback;
  auto s = parse_scale(text);
  if (!s) throw usage_error("cli.usage.scale", {text});
  return *s;
}

/// --items as an item map (the fallback when not given); a usage error when it does not parse.
ServqualItemMap items_option(const std::string &text, ServqualItemMap fallback) {
  if (text.empty()) return fallback;
  try {
    return parse_item_map(text);
  } catch (const ArgumentError &e) {
    throw UsageError(e.what());
  }
}


std::string num(std::optional<double> x, int precision = 2) {
  if (!x) return "-";
  std::ostringstream s;
  s << std::fixed << std::setprecision(precision) << *x;
  return s.str();
}
std::string percent(std::optional<double> share) { return share ? num(100 * *share, 1) + "%" : "-"; }

// Readable name of a SERVQUAL dimension: in Spanish the five default ones from
// the catalogue (the report's "servqual.*"); others, and English, as the data names them.
std::string dimension_label(const std::string &name) {
  const text::Message *m = global().language() == Language::es ? text::find_message("servqual." + name) : nullptr;
  return m ? std::string(m->es) : name;
}

std::string level_label(Level level) {
  switch (level) {
    case Level::directive: return msg("cli.demo.directive");
    case Level::managerial: return msg("cli.demo.managerial");
    case Level::operative: return msg("cli.demo.operative");
  }
  return "";
}

std::string quadrant_label(std::optional<Quadrant> q) {
  if (!q) return "-";
  switch (*q) {
    case Quadrant::concentrate_here: return msg("cli.survey.concentrate_here");
    case Quadrant::keep_up_the_good_work: return msg("cli.survey.keep_up_the_good_work");
    case Quadrant::low_priority: return msg("cli.survey.low_priority");
    case Quadrant::possible_overkill: return msg("cli.survey.possible_overkill");
  }
  return "";
}


void print_servqual(const ServqualResult &r) {
  std::ostream &out = std::cout;
  out << "SERVQUAL: " << r.overall.n << " " << msg("cli.maturity.respondents") << " (" << msg("cli.survey.scale") << " "
      << to_string(r.scale) << ")\n\n";
  out << pad(msg("cli.survey.dimension"), 24) << pad(msg("cli.survey.expectation"), 13, Align::right)
      << pad(msg("cli.survey.perception"), 13, Align::right) << pad(msg("cli.internal_survey.gap"), 9, Align::right) << pad("n", 8, Align::right) << "\n";
  for (const auto &d : r.overall.dimensions)
    out << pad(dimension_label(d.name), 24) << pad(num(d.expectation), 13, Align::right) << pad(num(d.perception), 13, Align::right)
        << pad(num(d.gap), 9, Align::right) << pad(std::to_string(d.pairs), 8, Align::right) << "\n";
  out << "\n"
      << msg("cli.survey.unweighted_score") << ": " << num(r.overall.unweighted) << "\n"
      << msg("cli.survey.weighted_score") << ": "
      << (r.overall.weighted ? num(r.overall.weighted) : msg("cli.survey.no_usable_weights")) << "\n"
      << msg("cli.survey.respondents_with_a_negative_score") << ": "
      << percent(r.overall.negative_share) << "\n";
  if (r.by == ServqualGroupBy::none) return;
  out << "\n"
      << msg("cli.survey.by") << " " << to_string(r.by) << " (" << msg("cli.survey.groups_under") << " "
      << r.min_group << " " << msg("cli.survey.respondents_are_suppressed") << ": " << r.suppressed_groups
      << ", " << r.suppressed_respondents << " " << msg("cli.maturity.respondents") << "; "
      << msg("cli.survey.without_a_value") << ": " << r.ungrouped << ")\n";
  out << pad(msg("cli.survey.group"), 22) << pad("n", 6, Align::right);
  for (const auto &d : r.overall.dimensions) out << pad(dimension_label(d.name).substr(0, 11), 12, Align::right);
  out << pad(msg("cli.survey.unweighted"), 12, Align::right) << pad(msg("cli.survey.weighted"), 11, Align::right) << "\n";
  for (const auto &g : r.groups) {
    out << pad(g.key, 22) << pad(std::to_string(g.scores.n), 6, Align::right);
    for (const auto &d : g.scores.dimensions) out << pad(num(d.gap), 12, Align::right);
    out << pad(num(g.scores.unweighted), 12, Align::right) << pad(num(g.scores.weighted), 11, Align::right) << "\n";
  }
}

void print_gap1(const Gap1Result &r) {
  std::ostream &out = std::cout;
  out << msg("cli.survey.gap_1_managers_estimate_of_customers")
      << "\n"
      << msg("cli.survey.customers") << ": " << r.customers << "   " << msg("cli.survey.managers") << ": " << r.managers
      << "\n\n";
  out << pad(msg("cli.check.level"), 14) << pad("n", 4, Align::right);
  for (const auto &d : r.expectations) out << pad(dimension_label(d.name).substr(0, 11), 12, Align::right);
  out << pad(msg("cli.analyze.mean"), 9, Align::right) << "\n";
  out << pad(msg("cli.survey.customers_e"), 14) << pad(std::to_string(r.customers), 4, Align::right);
  for (const auto &d : r.expectations) out << pad(num(d.expectation), 12, Align::right);
  out << "\n";
  for (const auto &l : r.levels) {
    out << pad(level_label(l.level), 14) << pad(std::to_string(l.n), 4, Align::right);
    for (const auto &d : l.dimensions) out << pad(num(d.gap1), 12, Align::right);
    out << pad(num(l.gap1), 9, Align::right) << "\n";
  }
  if (r.suppressed) out << msg("cli.survey.levels_suppressed_too_few_managers") << ": " << r.suppressed << "\n";
}

void print_ipa(const IpaResult &r) {
  std::ostream &out = std::cout;
  out << msg("cli.survey.importance_performance_analysis") << ": " << r.n << " "
      << msg("cli.maturity.respondents") << " (" << msg("cli.survey.scale") << " " << to_string(r.scale) << ")\n"
      << msg("cli.survey.cross_hairs") << " (" << to_string(r.crosshair) << "): " << msg("cli.survey.importance") << " "
      << num(r.crosshair_importance) << ", " << msg("cli.survey.performance") << " " << num(r.crosshair_performance)
      << "\n\n";
  out << pad(msg("cli.survey.attribute"), 22) << pad(msg("cli.survey.importance"), 12, Align::right)
      << pad(msg("cli.survey.performance"), 12, Align::right) << "  " << msg("cli.survey.quadrant") << "\n";
  for (const auto &a : r.attributes)
    out << pad(a.name, 22) << pad(num(a.importance), 12, Align::right) << pad(num(a.performance), 12, Align::right) << "  "
        << quadrant_label(a.quadrant) << "\n";
  out << "\nCSI_ipa: " << num(r.csi, 1) << " / 100 (" << msg("cli.survey.lowest_possible") << " "
      << num(r.csi_floor, 1) << ")\n";
}

void print_nps(const NpsResult &r) {
  std::cout << "NPS: " << num(r.nps, 1) << "  (n = " << r.n << ", " << msg("cli.survey.promoters") << " " << r.promoters
            << ", " << msg("cli.survey.passives") << " " << r.passives << ", " << msg("cli.survey.detractors") << " "
            << r.detractors << ")\n"
            << msg("cli.survey.standard_error") << ": " << num(r.se, 2) << "   " << msg("cli.internal_survey.95_interval")
            << ": [" << num(r.ci_low, 1) << ", " << num(r.ci_high, 1) << "]\n";
}

void print_csat(const CsatResult &r) {
  std::cout << "CSAT: " << percent(r.csat) << " " << msg("cli.survey.satisfied_4_5") << "  (n = " << r.n
            << ")\n"
            << msg("cli.survey.95_wilson_interval") << ": [" << percent(r.ci_low) << ", "
            << percent(r.ci_high) << "]\n";
}

void print_ces(const CesResult &r) {
  std::cout << "CES: " << num(r.mean) << " (" << msg("cli.survey.scale") << " " << to_string(r.scale) << ", n = " << r.n
            << ")\n"
            << msg("cli.survey.standard_deviation") << ": " << num(r.sd) << "   "
            << msg("cli.internal_survey.95_interval") << ": [" << num(r.ci_low) << ", " << num(r.ci_high) << "]\n";
}

struct Args {
  std::string file, scale, by = "none", model, items, crosshair = "mean", column, managers;
  std::size_t min_group = 5;
  bool json = false;
  CsvArgs csv;
};

void setup(CLI::App &app) {
  auto *survey = app.add_subcommand("survey");
  survey->require_subcommand(1);

  {
    auto a = std::make_shared<Args>();
    auto *cmd = survey->add_subcommand("servqual");
    cmd->add_option("file", a->file)->required();
    cmd->add_option("--scale", a->scale);
    cmd->add_option("--by", a->by)
        ->check(CLI::IsMember({"none", "segment", "moment", "unit", "level"}));
    cmd->add_option("--model", a->model);
    cmd->add_option("--min-group", a->min_group)->check(whole_number());
    cmd->add_option("--items", a->items);
    cmd->add_flag("--json", a->json);
    add_csv_options(cmd, a->csv);
    cmd->callback([cmd, a] {
      ServqualOptions o;
      o.scale = scale_option(a->scale, {1, 7});
      o.by = *parse_servqual_group_by(a->by);
      o.items = items_option(a->items, std::move(o.items));
      o.min_group = a->min_group;
      std::optional<Model> model;
      if (o.by == ServqualGroupBy::unit || o.by == ServqualGroupBy::level) {
        if (a->model.empty()) throw usage_error("cli.usage.by_model", {a->by});
      }
      if (a->json) return run_json(*cmd, "survey servqual");
      if (!a->model.empty()) model = load_model_file(a->model);
      if (model) o.model = &*model;
      auto reader = CsvReader::open(a->file, a->csv.options());
      print_servqual(servqual(reader, o));
    });
  }
  {
    auto a = std::make_shared<Args>();
    a->min_group = 1;
    auto *cmd = survey->add_subcommand("gap1");
    cmd->add_option("file", a->file)->required();
    cmd->add_option("--managers", a->managers)->required();
    cmd->add_option("--model", a->model)->required();
    cmd->add_option("--scale", a->scale);
    cmd->add_option("--min-group", a->min_group)->check(whole_number());
    cmd->add_option("--items", a->items);
    cmd->add_flag("--json", a->json);
    add_csv_options(cmd, a->csv);
    cmd->callback([cmd, a] {
      Gap1Options o;
      o.scale = scale_option(a->scale, {1, 7});
      o.items = items_option(a->items, std::move(o.items));
      o.min_group = a->min_group;
      if (a->json) return run_json(*cmd, "survey gap1");
      Model model = load_model_file(a->model);
      auto customers = CsvReader::open(a->file, a->csv.options());
      auto managers = CsvReader::open(a->managers, a->csv.options());
      print_gap1(gap1(customers, managers, model, o));
    });
  }
  {
    auto a = std::make_shared<Args>();
    auto *cmd = survey->add_subcommand("ipa");
    cmd->add_option("file", a->file)->required();
    cmd->add_option("--scale", a->scale);
    cmd->add_option("--crosshair", a->crosshair)
        ->check(CLI::IsMember({"mean", "midpoint"}));
    cmd->add_flag("--json", a->json);
    add_csv_options(cmd, a->csv);
    cmd->callback([cmd, a] {
      IpaOptions o;
      o.scale = scale_option(a->scale, {1, 5});
      o.crosshair = *parse_crosshair(a->crosshair);
      if (a->json) return run_json(*cmd, "survey ipa");
      auto reader = CsvReader::open(a->file, a->csv.options());
      print_ipa(ipa(reader, o));
    });
  }
  auto score_command = [survey](const char *name, auto measure, auto print, bool has_scale) {
    auto a = std::make_shared<Args>();
    auto *cmd = survey->add_subcommand(name);
    cmd->add_option("file", a->file)->required();
    cmd->add_option("--column", a->column)->required();
    if (has_scale) cmd->add_option("--scale", a->scale);
    cmd->add_flag("--json", a->json);
    add_csv_options(cmd, a->csv);
    cmd->callback([cmd, a, measure, print, name] {
      ScoreOptions o;
      o.column = a->column;
      if (!a->scale.empty()) o.scale = scale_option(a->scale, {1, 7});
      if (a->json) return run_json(*cmd, std::string("survey ") + name);
      auto reader = CsvReader::open(a->file, a->csv.options());
      print(measure(reader, o));
    });
  };
  score_command("nps", [](CsvReader &r, const ScoreOptions &o) { return nps(r, o); }, print_nps, false);
  score_command("csat", [](CsvReader &r, const ScoreOptions &o) { return csat(r, o); }, print_csat, false);
  score_command("ces", [](CsvReader &r, const ScoreOptions &o) { return ces(r, o); }, print_ces, true);
}

SERVICECHAIN_COMMAND(40, setup);

}  // namespace
}  // namespace servicechain::cli
