#include "servicechain/analysis/survey/trend.hpp"

#include <boost/math/distributions/students_t.hpp>
#include <cmath>
#include <map>

#include "servicechain/error.hpp"
#include "servicechain/io/json_writer.hpp"
#include "servicechain/validate.hpp"

namespace servicechain {

std::string_view to_string(TrendKind kind) {
  switch (kind) {
    case TrendKind::servqual: return "servqual";
    case TrendKind::nps: return "nps";
    case TrendKind::csat: return "csat";
    case TrendKind::ces: return "ces";
    case TrendKind::internal: return "internal";
    case TrendKind::maturity: return "maturity";
  }
  return "nps";
}

std::optional<TrendKind> parse_trend_kind(std::string_view text) {
  for (auto k : {TrendKind::servqual, TrendKind::nps, TrendKind::csat, TrendKind::ces, TrendKind::internal, TrendKind::maturity})
    if (text == to_string(k)) return k;
  return std::nullopt;
}

double student_t_quantile(double p, double df) {
  if (!(df > 0) || !(p > 0 && p < 1)) throw ArgumentError("Student's t quantile needs 0 < p < 1 and df > 0");
  return boost::math::quantile(boost::math::students_t_distribution<double>(df), p);
}

TrendChange compare_waves(const TrendWave &a, const TrendWave &b, bool mean) {
  TrendChange c{a.date, b.date, std::nullopt, std::nullopt, std::nullopt, std::nullopt};
  if (!a.value || !b.value) return c;
  c.change = *b.value - *a.value;
  if (a.n < 2 || b.n < 2 || !a.se || !b.se || (*a.se == 0 && *b.se == 0)) return c;
  const double v1 = *a.se * *a.se, v2 = *b.se * *b.se, se = std::sqrt(v1 + v2);
  double critical = z95;
  if (mean && (a.n < 30 || b.n < 30)) {
    const double df = (v1 + v2) * (v1 + v2) / (v1 * v1 / static_cast<double>(a.n - 1) + v2 * v2 / static_cast<double>(b.n - 1));
    if (!std::isfinite(df) || !(df > 0)) return c;  // squares beyond a double's range
    c.df = df;
    critical = student_t_quantile(0.975, df);
  }
  c.ci = std::array<double, 2>{*c.change - critical * se, *c.change + critical * se};
  c.significant = (*c.ci)[0] > 0 || (*c.ci)[1] < 0;
  return c;
}

namespace {

struct DatedSource {
  std::string date, source;
};

/// Dates must parse and strictly increase in the order the waves are given.
void check_dates(const std::vector<DatedSource> &waves) {
  if (waves.empty()) throw ArgumentError("a trend needs at least one wave");
  auto name = [&](std::size_t i) {
    std::string text = "wave ";  // appended: GCC 12 warns falsely (-Wrestrict) on "x" + std::to_string(...)
    return text.append(std::to_string(i + 1)).append(" (").append(waves[i].source).append(")");
  };
  for (std::size_t i = 0; i < waves.size(); ++i) {
    const auto &date = waves[i].date;
    if (!is_iso_date(date)) throw InputError(name(i) + ": date \"" + date + "\" is not a date YYYY-MM-DD");
    if (i == 0) continue;
    const auto &before = waves[i - 1].date;
    if (date == before)
      throw InputError(name(i) + ": the same date " + date + " as " + name(i - 1) + ": two waves cannot share a date");
    if (date < before)
      throw InputError(name(i) + ": date " + date + " is before " + name(i - 1) + "'s " + before +
                       ": give the waves in date order");
  }
}

/// The one date of a wave's `date` column (every non-empty cell the same).
std::string column_date(const SurveyWaveInput &wave) {
  CsvReader reader = wave.open();
  auto column = reader.column("date");
  if (!column) throw InputError(wave.source + ": no date for this wave: give it as DATE=FILE or in a date column");
  std::string date;
  std::size_t first_line = 0;
  while (reader.next()) {
    std::string_view d = reader.text(*column);
    if (d.empty()) continue;
    if (!is_iso_date(d)) reader.fail(*column, "date \"" + std::string(d) + "\" is not a date YYYY-MM-DD");
    if (date.empty()) {
      date = d;
      first_line = reader.line();
    } else if (d != date) {
      reader.fail(*column, "a second date \"" + std::string(d) + "\" in one wave (" + date + " at line " +
                               std::to_string(first_line) + "): one file is one wave");
    }
  }
  if (date.empty()) throw InputError(wave.source + ": the date column has no date: give the wave as DATE=FILE");
  return date;
}

/// A wave of a mean-like value with its own interval value ± 1.96·sd/√n.
TrendWave wave_of(const std::string &date, std::size_t n, std::optional<double> value, std::optional<double> se) {
  TrendWave w{date, n, value, std::nullopt, std::nullopt, false};
  if (value && se) {
    w.se = se;
    w.ci = std::array<double, 2>{*value - z95 * *se, *value + z95 * *se};
  }
  return w;
}

std::optional<double> se_of(std::optional<double> sd, std::size_t n) {
  return sd && n > 0 ? std::optional<double>(*sd / std::sqrt(static_cast<double>(n))) : std::nullopt;
}

/// Measures by name, created in the order first asked for.
class MeasureTable {
 public:
  TrendMeasure &at(const std::string &name, bool mean, bool privacy = false) {
    auto it = index_.find(name);
    if (it != index_.end()) return measures_[it->second];
    index_.emplace(name, measures_.size());
    measures_.push_back({name, mean, privacy, {}, {}});
    return measures_.back();
  }
  std::vector<TrendMeasure> take() { return std::move(measures_); }

 private:
  std::map<std::string, std::size_t> index_;
  std::vector<TrendMeasure> measures_;
};

void add_servqual(MeasureTable &table, const std::string &date, CsvReader &reader, const TrendOptions &options) {
  ServqualOptions o = options.servqual;
  o.by = ServqualGroupBy::none;
  const auto r = servqual(reader, o).overall;
  for (std::size_t d = 0; d < r.dimensions.size(); ++d) {
    const auto &s = r.respondent_dimensions[d];
    table.at(r.dimensions[d].name, true).waves.push_back(wave_of(date, s.n, r.dimensions[d].gap, se_of(s.sd, s.n)));
  }
  const auto &u = r.respondent_unweighted, &w = r.respondent_weighted;
  table.at("unweighted", true).waves.push_back(wave_of(date, u.n, r.unweighted, se_of(u.sd, u.n)));
  table.at("weighted", true).waves.push_back(wave_of(date, w.n, r.weighted, se_of(w.sd, w.n)));
}

void add_score(MeasureTable &table, TrendKind kind, const std::string &date, CsvReader &reader, const TrendOptions &options) {
  if (kind == TrendKind::nps) {
    const auto r = nps(reader, options.score);
    TrendWave w{date, r.n, r.nps, r.se, std::array<double, 2>{r.ci_low, r.ci_high}, false};
    table.at("nps", false).waves.push_back(w);
  } else if (kind == TrendKind::csat) {
    const auto r = csat(reader, options.score);
    const double se = std::sqrt(r.csat * (1 - r.csat) / static_cast<double>(r.n));  // unpooled
    TrendWave w{date, r.n, r.csat, se, std::array<double, 2>{r.ci_low, r.ci_high}, false};
    table.at("csat", false).waves.push_back(w);
  } else {
    const auto r = ces(reader, options.score);
    table.at("ces", true).waves.push_back(wave_of(date, r.n, r.mean, r.se));
  }
}

/// Internal survey measures: internal_rating:<unit> then enps:<unit>, each in
/// model order over the units any wave has; a wave without the unit has n 0.
std::vector<TrendMeasure> internal_measures(const std::vector<std::string> &dates,
                                            const std::vector<InternalSurveyResult> &results, const Model &model) {
  MeasureTable table;
  for (int part = 0; part < 2; ++part)
    for (const auto &unit : model.units) {
      bool any = false;
      std::vector<TrendWave> waves;
      for (std::size_t i = 0; i < results.size(); ++i) {
        TrendWave w{dates[i], 0, std::nullopt, std::nullopt, std::nullopt, false};
        if (part == 0) {
          for (const auto &s : results[i].suppliers)
            if (s.unit == unit.id) {
              any = true;
              w = wave_of(dates[i], s.n, s.internal_rating, se_of(s.sd, s.n));
              w.suppressed = s.suppressed;
            }
        } else {
          for (const auto &e : results[i].respondents)
            if (e.unit == unit.id) {
              any = true;
              w = TrendWave{dates[i], e.n, e.enps, e.se, e.ci, e.suppressed};
            }
        }
        waves.push_back(std::move(w));
      }
      if (any) table.at(std::string(part == 0 ? "internal_rating:" : "enps:").append(unit.id), part == 0, true).waves = std::move(waves);
    }
  return table.take();
}

void add_changes(std::vector<TrendMeasure> &measures) {
  for (auto &m : measures)
    for (std::size_t i = 1; i < m.waves.size(); ++i) m.changes.push_back(compare_waves(m.waves[i - 1], m.waves[i], m.mean));
}

}  // namespace

TrendResult survey_trend(TrendKind kind, std::span<const SurveyWaveInput> waves, const TrendOptions &options) {
  if (kind == TrendKind::maturity) throw ArgumentError("a maturity trend takes models with an assessment (maturity_trend)");
  if (kind == TrendKind::internal && !options.model) throw ArgumentError("an internal survey trend needs the model");
  std::vector<DatedSource> dated;
  for (const auto &wave : waves) dated.push_back({wave.date.empty() ? column_date(wave) : wave.date, wave.source});
  check_dates(dated);
  std::vector<std::string> dates;
  for (const auto &d : dated) dates.push_back(d.date);

  TrendResult result;
  result.kind = kind;
  if (kind == TrendKind::internal) {
    const ChainGraph graph(*options.model);
    std::vector<InternalSurveyResult> results;
    for (const auto &wave : waves) {
      CsvReader reader = wave.open();
      results.push_back(internal_survey(reader, *options.model, graph, options.internal));
    }
    result.measures = internal_measures(dates, results, *options.model);
  } else {
    MeasureTable table;
    for (std::size_t i = 0; i < waves.size(); ++i) {
      CsvReader reader = waves[i].open();
      if (kind == TrendKind::servqual) add_servqual(table, dates[i], reader, options);
      else add_score(table, kind, dates[i], reader, options);
    }
    result.measures = table.take();
  }
  add_changes(result.measures);
  return result;
}

TrendResult maturity_trend(std::span<const ModelWaveInput> waves, const MaturityOptions &options) {
  std::vector<DatedSource> dated;
  for (const auto &wave : waves) dated.push_back({wave.date, wave.source});
  check_dates(dated);
  TrendMeasure m{"maturity_index", false, false, {}, {}};
  for (const auto &wave : waves) {
    if (!wave.model) throw ArgumentError("maturity wave " + wave.date + " has no model");
    const auto r = assess_maturity(*wave.model, options);
    m.waves.push_back({wave.date, r.respondents, r.index, std::nullopt, std::nullopt, false});
  }
  TrendResult result;
  result.kind = TrendKind::maturity;
  result.measures.push_back(std::move(m));
  add_changes(result.measures);
  return result;
}

namespace {
void write_interval(JsonWriter &w, const ConfidenceInterval &ci) {
  w.key("ci");
  if (ci) w.begin_array().value((*ci)[0]).value((*ci)[1]).end_array();
  else w.null();
}

void write_measure_body(JsonWriter &w, const TrendMeasure &m) {
  w.key("waves").begin_array();
  for (const auto &x : m.waves) {
    w.begin_object().field("date", x.date).field("n", static_cast<std::uint64_t>(x.n)).field("value", x.value);
    write_interval(w, x.ci);
    w.field("se", x.se);
    if (m.privacy) w.field("suppressed", x.suppressed);
    w.end_object();
  }
  w.end_array().key("changes").begin_array();
  for (const auto &c : m.changes) {
    w.begin_object().field("from", c.from).field("to", c.to).field("change", c.change);
    write_interval(w, c.ci);
    w.field("significant", c.significant).field("df", c.df).end_object();
  }
  w.end_array();
}
}  // namespace

void write_json(JsonWriter &w, const TrendResult &r) {
  w.begin_object().field("kind", to_string(r.kind));
  const bool several = r.kind == TrendKind::servqual || r.kind == TrendKind::internal;
  if (!several && r.measures.size() == 1) {
    write_measure_body(w, r.measures.front());
  } else {
    w.key("measures").begin_array();
    for (const auto &m : r.measures) {
      w.begin_object().field("measure", m.measure);
      write_measure_body(w, m);
      w.end_object();
    }
    w.end_array();
  }
  w.end_object();
}

}  // namespace servicechain
