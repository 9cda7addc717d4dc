// servicechain trend KIND --wave DATE=FILE --wave ... [--model M] [survey options] [--json]
// A survey measure (servqual, nps, csat, ces, internal) or the maturity index
// over dated waves, with the change between consecutive waves (§4.13, docs/trends.md).
#include <iostream>

#include "cli.hpp"
#include "readable_number.hpp"
#include "servicechain/analysis/survey/trend.hpp"

namespace servicechain::cli {
namespace {

struct Args {
  std::string kind, model, column, scale, items, propagation = "linear";
  std::vector<std::string> waves;
  std::size_t min_group = 5;
  bool json = false;
  CsvArgs csv;
};

/// "DATE=FILE" split at the first '='; without one the date is empty (from the file's date column).
std::pair<std::string, std::string> split_wave(const std::string &wave) {
  auto eq = wave.find('=');
  if (eq == std::string::npos) return {"", wave};
  if (eq + 1 == wave.size()) throw usage_error("cli.usage.wave_file", {wave});
  return {wave.substr(0, eq), wave.substr(eq + 1)};
}

Scale scale_of(const std::string &text, Scale fallback) {
  if (text.empty()) return fallback;
  auto s = parse_scale(text);
  if (!s) throw usage_error("cli.usage.scale", {text});
  return *s;
}

TrendOptions trend_options(const Args &a, TrendKind kind) {
  TrendOptions o;
  if (kind == TrendKind::nps || kind == TrendKind::csat || kind == TrendKind::ces) {
    if (a.column.empty()) throw usage_error("cli.usage.trend_column", {a.kind});
    o.score.column = a.column;
    if (kind == TrendKind::ces) o.score.scale = scale_of(a.scale, {1, 7});
  }
  if (kind == TrendKind::servqual) {
    o.servqual.scale = scale_of(a.scale, {1, 7});
    if (!a.items.empty()) {
      try {
        o.servqual.items = parse_item_map(a.items);
      } catch (const ArgumentError &e) {
        throw UsageError(e.what());
      }
    }
  }
  o.internal.min_group = a.min_group;
  o.internal.propagation = *parse_propagation_model(a.propagation);
  return o;
}

TrendResult run_trend(const Args &a) {
  const TrendKind kind = *parse_trend_kind(a.kind);
  if (kind == TrendKind::maturity) {
    std::vector<Model> models;
    std::vector<ModelWaveInput> waves;
    models.reserve(a.waves.size());
    for (const auto &wave : a.waves) {
      auto [date, file] = split_wave(wave);
      if (date.empty()) throw usage_error("cli.usage.wave_maturity", {wave});
      models.push_back(load_model_file(file));
      waves.push_back({date, file, &models.back()});
    }
    MaturityOptions o;
    o.language = global().language();
    return maturity_trend(waves, o);
  }
  TrendOptions options = trend_options(a, kind);
  std::optional<Model> model;
  if (kind == TrendKind::internal) {
    if (a.model.empty()) throw usage_error("cli.usage.trend_model");
    model = load_model_file(a.model);
    options.model = &*model;
  }
  std::vector<SurveyWaveInput> waves;
  const CsvOptions csv = a.csv.options();
  for (const auto &wave : a.waves) {
    auto [date, file] = split_wave(wave);
    waves.push_back({date, file, [file = file, csv] { return CsvReader::open(file, csv); }});
  }
  return survey_trend(kind, waves, options);
}

std::string measure_label(const std::string &measure) {
  if (global().language() != Language::es) return measure;
  if (measure.rfind("internal_rating:", 0) == 0) return "calificación interna: " + measure.substr(16);
  if (measure == "maturity_index") return "índice de madurez";
  if (measure == "unweighted") return "no ponderada";
  if (measure == "weighted") return "ponderada";
  return measure;
}

void print_trend(const TrendResult &r) {
  std::ostream &out = std::cout;
  const int digits = r.kind == TrendKind::nps || r.kind == TrendKind::maturity || r.kind == TrendKind::internal ? 1 : 3;
  std::string kind(to_string(r.kind));
  if (r.kind == TrendKind::internal) kind = msg("cli.trend.internal_customer_survey");
  if (r.kind == TrendKind::maturity) kind = msg("cli.trend.culture_maturity");
  out << msg("cli.trend.trend") << ": " << kind << "\n";
  for (const auto &m : r.measures) {
    const int d = m.measure.rfind("internal_rating:", 0) == 0 ? 3 : digits;
    out << "\n" << measure_label(m.measure) << "\n"
        << "  " << pad(msg("cli.trend.wave"), 12) << pad("n", 6, Align::right) << pad(msg("cli.trend.value"), 10, Align::right)
        << "  " << msg("cli.internal_survey.95_interval") << "\n";
    for (const auto &w : m.waves)
      out << "  " << pad(w.date, 12) << pad(std::to_string(w.n), 6, Align::right)
          << pad(w.suppressed ? msg("cli.internal_survey.suppressed") : readable_number(w.value, d), 10, Align::right) << "  "
          << readable_interval(w.ci, d) << "\n";
    for (const auto &c : m.changes) {
      out << "  " << c.from << " -> " << c.to << ": " << msg("cli.trend.change") << " " << readable_number(c.change, d);
      if (!c.ci) {
        out << " (" << msg("cli.trend.no_interval") << ")\n";
        continue;
      }
      out << " " << readable_interval(c.ci, d) << ", ";
      if (!c.significant) out << msg("cli.trend.significance_unknown");
      else if (*c.significant) out << msg("cli.trend.significant_at_5");
      else out << msg("cli.trend.not_significant");
      if (c.df) out << " (Welch t, " << msg("cli.trend.df") << " " << readable_number(c.df, 1) << ")";
      out << "\n";
    }
  }
}

void setup(CLI::App &app) {
  auto a = std::make_shared<Args>();
  auto *cmd = app.add_subcommand("trend");
  cmd->add_option("kind", a->kind)
      ->required()->check(CLI::IsMember({"servqual", "nps", "csat", "ces", "internal", "maturity"}));
  cmd->add_option("--wave", a->waves)
      ->required();
  cmd->add_option("--model", a->model);
  cmd->add_option("--column", a->column);
  cmd->add_option("--scale", a->scale);
  cmd->add_option("--items", a->items);
  cmd->add_option("--min-group", a->min_group)->check(whole_number());
  cmd->add_option("--propagation", a->propagation)
      ->check(CLI::IsMember({"linear", "geometric"}));
  cmd->add_flag("--json", a->json);
  add_csv_options(cmd, a->csv);
  cmd->callback([cmd, a] {
    if (a->json) return run_json(*cmd, "trend", {.positional = {{"kind", "kind"}}});
    print_trend(run_trend(*a));
  });
}
SERVICECHAIN_COMMAND(92, setup);

}  // namespace
}  // namespace servicechain::cli
