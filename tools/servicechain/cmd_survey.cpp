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
  if (!s) throw UsageError("--scale must be MIN-MAX with MIN < MAX (e.g. 1-7), not \"" + text + "\"");
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

// Readable name of a SERVQUAL dimension (the five default ones are translated).
std::string dimension_label(const std::string &name) {
  static const std::pair<const char *, const char *> es[] = {{"tangibles", "elementos tangibles"},
                                                             {"reliability", "fiabilidad"},
                                                             {"responsiveness", "capacidad de respuesta"},
                                                             {"assurance", "seguridad"},
                                                             {"empathy", "empatía"}};
  if (global().language() == Language::es)
    for (auto [en, text] : es)
      if (name == en) return text;
  return name;
}

std::string level_label(Level level) {
  switch (level) {
    case Level::directive: return tr("directive", "directivo");
    case Level::managerial: return tr("managerial", "gerencial");
    case Level::operative: return tr("operative", "operativo");
  }
  return "";
}

std::string quadrant_label(std::optional<Quadrant> q) {
  if (!q) return "-";
  switch (*q) {
    case Quadrant::concentrate_here: return tr("concentrate here", "concentrarse aquí");
    case Quadrant::keep_up_the_good_work: return tr("keep up the good work", "mantener el buen trabajo");
    case Quadrant::low_priority: return tr("low priority", "prioridad baja");
    case Quadrant::possible_overkill: return tr("possible overkill", "posible exceso");
  }
  return "";
}


void print_servqual(const ServqualResult &r) {
  std::ostream &out = std::cout;
  out << "SERVQUAL: " << r.overall.n << " " << tr("respondents", "encuestados") << " (" << tr("scale", "escala") << " "
      << to_string(r.scale) << ")\n\n";
  out << pad(tr("dimension", "dimensión"), 24) << pad(tr("expectation", "expectativa"), 13, Align::right)
      << pad(tr("perception", "percepción"), 13, Align::right) << pad(tr("gap", "brecha"), 9, Align::right) << pad("n", 8, Align::right) << "\n";
  for (const auto &d : r.overall.dimensions)
    out << pad(dimension_label(d.name), 24) << pad(num(d.expectation), 13, Align::right) << pad(num(d.perception), 13, Align::right)
        << pad(num(d.gap), 9, Align::right) << pad(std::to_string(d.pairs), 8, Align::right) << "\n";
  out << "\n"
      << tr("Unweighted score", "Puntuación no ponderada") << ": " << num(r.overall.unweighted) << "\n"
      << tr("Weighted score", "Puntuación ponderada") << ": "
      << (r.overall.weighted ? num(r.overall.weighted) : tr("- (no usable weights)", "- (sin pesos utilizables)")) << "\n"
      << tr("Respondents with a negative score", "Encuestados con puntuación negativa") << ": "
      << percent(r.overall.negative_share) << "\n";
  if (r.by == ServqualGroupBy::none) return;
  out << "\n"
      << tr("By", "Por") << " " << to_string(r.by) << " (" << tr("groups under", "grupos con menos de") << " "
      << r.min_group << " " << tr("respondents are suppressed", "encuestados se omiten") << ": " << r.suppressed_groups
      << ", " << r.suppressed_respondents << " " << tr("respondents", "encuestados") << "; "
      << tr("without a value", "sin valor") << ": " << r.ungrouped << ")\n";
  out << pad(tr("group", "grupo"), 22) << pad("n", 6, Align::right);
  for (const auto &d : r.overall.dimensions) out << pad(dimension_label(d.name).substr(0, 11), 12, Align::right);
  out << pad(tr("unweighted", "no pond."), 12, Align::right) << pad(tr("weighted", "ponderada"), 11, Align::right) << "\n";
  for (const auto &g : r.groups) {
    out << pad(g.key, 22) << pad(std::to_string(g.scores.n), 6, Align::right);
    for (const auto &d : g.scores.dimensions) out << pad(num(d.gap), 12, Align::right);
    out << pad(num(g.scores.unweighted), 12, Align::right) << pad(num(g.scores.weighted), 11, Align::right) << "\n";
  }
}

void print_gap1(const Gap1Result &r) {
  std::ostream &out = std::cout;
  out << tr("Gap 1 (managers' estimate of customers' expectations minus customers' expectations)",
            "Brecha 1 (estimación de los directivos de las expectativas de los clientes menos las expectativas de los clientes)")
      << "\n"
      << tr("Customers", "Clientes") << ": " << r.customers << "   " << tr("Managers", "Directivos") << ": " << r.managers
      << "\n\n";
  out << pad(tr("level", "nivel"), 14) << pad("n", 4, Align::right);
  for (const auto &d : r.expectations) out << pad(dimension_label(d.name).substr(0, 11), 12, Align::right);
  out << pad(tr("mean", "media"), 9, Align::right) << "\n";
  out << pad(tr("customers' E", "E de clientes"), 14) << pad(std::to_string(r.customers), 4, Align::right);
  for (const auto &d : r.expectations) out << pad(num(d.expectation), 12, Align::right);
  out << "\n";
  for (const auto &l : r.levels) {
    out << pad(level_label(l.level), 14) << pad(std::to_string(l.n), 4, Align::right);
    for (const auto &d : l.dimensions) out << pad(num(d.gap1), 12, Align::right);
    out << pad(num(l.gap1), 9, Align::right) << "\n";
  }
  if (r.suppressed) out << tr("Levels suppressed (too few managers)", "Niveles omitidos (pocos directivos)") << ": " << r.suppressed << "\n";
}

void print_ipa(const IpaResult &r) {
  std::ostream &out = std::cout;
  out << tr("Importance-performance analysis", "Análisis importancia-desempeño") << ": " << r.n << " "
      << tr("respondents", "encuestados") << " (" << tr("scale", "escala") << " " << to_string(r.scale) << ")\n"
      << tr("Cross-hairs", "Ejes") << " (" << to_string(r.crosshair) << "): " << tr("importance", "importancia") << " "
      << num(r.crosshair_importance) << ", " << tr("performance", "desempeño") << " " << num(r.crosshair_performance)
      << "\n\n";
  out << pad(tr("attribute", "atributo"), 22) << pad(tr("importance", "importancia"), 12, Align::right)
      << pad(tr("performance", "desempeño"), 12, Align::right) << "  " << tr("quadrant", "cuadrante") << "\n";
  for (const auto &a : r.attributes)
    out << pad(a.name, 22) << pad(num(a.importance), 12, Align::right) << pad(num(a.performance), 12, Align::right) << "  "
        << quadrant_label(a.quadrant) << "\n";
  out << "\nCSI_ipa: " << num(r.csi, 1) << " / 100 (" << tr("lowest possible", "mínimo posible") << " "
      << num(r.csi_floor, 1) << ")\n";
}

void print_nps(const NpsResult &r) {
  std::cout << "NPS: " << num(r.nps, 1) << "  (n = " << r.n << ", " << tr("promoters", "promotores") << " " << r.promoters
            << ", " << tr("passives", "pasivos") << " " << r.passives << ", " << tr("detractors", "detractores") << " "
            << r.detractors << ")\n"
            << tr("Standard error", "Error estándar") << ": " << num(r.se, 2) << "   " << tr("95% interval", "intervalo 95%")
            << ": [" << num(r.ci_low, 1) << ", " << num(r.ci_high, 1) << "]\n";
}

void print_csat(const CsatResult &r) {
  std::cout << "CSAT: " << percent(r.csat) << " " << tr("satisfied (4-5)", "satisfechos (4-5)") << "  (n = " << r.n
            << ")\n"
            << tr("95% Wilson interval", "Intervalo de Wilson 95%") << ": [" << percent(r.ci_low) << ", "
            << percent(r.ci_high) << "]\n";
}

void print_ces(const CesResult &r) {
  std::cout << "CES: " << num(r.mean) << " (" << tr("scale", "escala") << " " << to_string(r.scale) << ", n = " << r.n
            << ")\n"
            << tr("Standard deviation", "Desviación estándar") << ": " << num(r.sd) << "   "
            << tr("95% interval", "intervalo 95%") << ": [" << num(r.ci_low) << ", " << num(r.ci_high) << "]\n";
}

struct Args {
  std::string file, scale, by = "none", model, items, crosshair = "mean", column, managers;
  std::size_t min_group = 5;
  bool json = false;
  CsvArgs csv;
};

void setup(CLI::App &app) {
  auto *survey = app.add_subcommand("survey", "Survey measures: SERVQUAL, gap 1, IPA, NPS, CSAT, CES");
  survey->require_subcommand(1);

  {
    auto a = std::make_shared<Args>();
    auto *cmd = survey->add_subcommand("servqual", "SERVQUAL gaps per dimension, weighted and unweighted scores, groups");
    cmd->add_option("file", a->file, "Survey CSV: respondent, segment, moment, E1..E22, P1..P22, W_<dimension>")->required();
    cmd->add_option("--scale", a->scale, "Answer scale MIN-MAX (default 1-7)");
    cmd->add_option("--by", a->by, "Group by segment, moment, unit or level")
        ->check(CLI::IsMember({"none", "segment", "moment", "unit", "level"}));
    cmd->add_option("--model", a->model, "Model file (needed by --by unit|level: moment -> owner unit -> level)");
    cmd->add_option("--min-group", a->min_group, "Privacy minimum: smaller groups are suppressed (default 5)")->check(whole_number());
    cmd->add_option("--items", a->items, "Item map, e.g. \"tangibles:1-4;reliability:5-9;...\" (default Parasuraman 1988)");
    cmd->add_flag("--json", a->json, "Machine output");
    add_csv_options(cmd, a->csv);
    cmd->callback([cmd, a] {
      ServqualOptions o;
      o.scale = scale_option(a->scale, {1, 7});
      o.by = *parse_servqual_group_by(a->by);
      o.items = items_option(a->items, std::move(o.items));
      o.min_group = a->min_group;
      std::optional<Model> model;
      if (o.by == ServqualGroupBy::unit || o.by == ServqualGroupBy::level) {
        if (a->model.empty()) throw UsageError("--by " + a->by + " needs --model MODEL (moment -> owner unit -> level)");
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
    auto *cmd = survey->add_subcommand("gap1", "Gap 1 by level: managers' estimates (M1..M22) against customers' E");
    cmd->add_option("file", a->file, "Customers' SERVQUAL CSV (respondent, E1..E22, ...)")->required();
    cmd->add_option("--managers", a->managers, "Managers' CSV: respondent, unit, M1..M22")->required();
    cmd->add_option("--model", a->model, "Model file (unit -> level)")->required();
    cmd->add_option("--scale", a->scale, "Answer scale MIN-MAX (default 1-7)");
    cmd->add_option("--min-group", a->min_group, "Suppress levels with fewer managers (default 1: none)")->check(whole_number());
    cmd->add_option("--items", a->items, "Item map (default Parasuraman 1988)");
    cmd->add_flag("--json", a->json, "Machine output");
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
    auto *cmd = survey->add_subcommand("ipa", "Importance-performance analysis: quadrants and CSI_ipa");
    cmd->add_option("file", a->file, "CSV with I_<attribute> and P_<attribute> columns")->required();
    cmd->add_option("--scale", a->scale, "Answer scale MIN-MAX (default 1-5)");
    cmd->add_option("--crosshair", a->crosshair, "Cross-hairs at the grand means (mean, default) or the scale midpoint")
        ->check(CLI::IsMember({"mean", "midpoint"}));
    cmd->add_flag("--json", a->json, "Machine output");
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
  auto score_command = [survey](const char *name, const char *help, auto measure, auto print, bool has_scale) {
    auto a = std::make_shared<Args>();
    auto *cmd = survey->add_subcommand(name, help);
    cmd->add_option("file", a->file, "Survey CSV")->required();
    cmd->add_option("--column", a->column, "Column holding the answers")->required();
    if (has_scale) cmd->add_option("--scale", a->scale, "Answer scale MIN-MAX (default 1-7)");
    cmd->add_flag("--json", a->json, "Machine output");
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
  score_command("nps", "Net Promoter Score (0-10) with standard error and 95% interval",
                [](CsvReader &r, const ScoreOptions &o) { return nps(r, o); }, print_nps, false);
  score_command("csat", "Customer satisfaction (1-5): share of 4-5 with a Wilson 95% interval",
                [](CsvReader &r, const ScoreOptions &o) { return csat(r, o); }, print_csat, false);
  score_command("ces", "Customer effort score (1-7): mean with a normal 95% interval",
                [](CsvReader &r, const ScoreOptions &o) { return ces(r, o); }, print_ces, true);
}

SERVICECHAIN_COMMAND(40, setup);

}  // namespace
}  // namespace servicechain::cli
