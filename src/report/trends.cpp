// The report's trends section (`--wave KIND:DATE=FILE`, docs/report.md): one small
// line chart per measure over the dated waves, each wave's 95% interval drawn as a
// whisker in a shaded band, and the change between the last two waves in words —
// significant or within the noise of the samples, as `servicechain trend` decides
// it (§4.13). The executive summary's sentences about the latest wave are here too.
#include <algorithm>
#include <cmath>

#include "context.hpp"
#include "svg.hpp"

namespace servicechain::report_detail {

namespace {

// Days since 1970-01-01 of a YYYY-MM-DD date (H. Hinnant's days_from_civil); the
// dates were checked when the waves were read.
double day_number(std::string_view iso) {
  const auto number = [&](std::size_t at, std::size_t n) {
    int v = 0;
    for (std::size_t i = at; i < at + n && i < iso.size(); ++i) v = v * 10 + (iso[i] - '0');
    return v;
  };
  int y = number(0, 4);
  const int m = number(5, 2), d = number(8, 2);
  y -= m <= 2;
  const int era = (y >= 0 ? y : y - 399) / 400;
  const int yoe = y - era * 400, doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  return era * 146097.0 + yoe * 365 + yoe / 4 - yoe / 100 + doy - 719468;
}

// "31 Mar 2026" / "31 mar 2026": the long date's day, the month's first three letters and the year.
std::string short_date(const Context &c, std::string_view iso) {
  const std::string full = c.date(iso);
  std::vector<std::string> words;
  for (std::size_t at = 0; at < full.size();) {
    const auto end = std::min(full.find(' ', at), full.size());
    if (const std::string word = full.substr(at, end - at); word != "de") words.push_back(word);
    at = end + 1;
  }
  if (words.size() != 3) return full;
  return words[0] + " " + words[1].substr(0, 3) + " " + words[2];
}

// How a measure's values are shown: CSAT as a percentage, scores and gaps with 2 decimals, indexes with 1.
struct Presentation {
  std::string name;  ///< not escaped (the charts escape their texts)
  double scale = 1;  ///< the chart's values are value × scale
  int decimals = 1;
  bool percent = false;
};

Presentation presentation(const Context &c, const std::string &measure) {
  const auto after = [&](std::string_view prefix) {
    const std::string id = measure.substr(prefix.size());
    const auto it = c.unit_index.find(id);
    return it == c.unit_index.end() || c.model.units[it->second].name.empty() ? id : c.model.units[it->second].name;
  };
  if (measure == "csi") return {c.msg("report.trends.measure_csi"), 1, 1, false};
  if (measure == "maturity_index") return {c.msg("report.trends.measure_maturity"), 1, 1, false};
  if (measure == "nps") return {c.msg("report.trends.measure_nps"), 1, 1, false};
  if (measure == "csat") return {c.msg("report.trends.measure_csat"), 100, 1, true};
  if (measure == "ces") return {c.msg("report.trends.measure_ces"), 1, 2, false};
  if (measure == "unweighted" || measure == "weighted") return {c.msg("report.trends.measure_" + measure), 1, 2, false};
  if (measure.starts_with("internal_rating:"))
    return {c.fmt("report.trends.measure_internal_rating", {after("internal_rating:")}), 1, 2, false};
  if (measure.starts_with("enps:")) return {c.fmt("report.trends.measure_enps", {after("enps:")}), 1, 1, false};
  std::string dimension = c.dimension_name(measure);
  // "Brecha de fiabilidad": in Spanish the dimension is a common noun inside the phrase.
  if (c.in.language == Language::es && !dimension.empty() && dimension[0] >= 'A' && dimension[0] <= 'Z') dimension[0] = static_cast<char>(dimension[0] - 'A' + 'a');
  return {c.fmt("report.trends.measure_gap", {dimension}), 1, 2, false};
}

std::string value_text(const Context &c, const Presentation &p, double value) {
  return p.percent ? c.percent(value, p.decimals) : c.num(value * p.scale, p.decimals);
}

std::string signed_text(const Context &c, const Presentation &p, double change) {
  const std::string text = p.percent ? c.num(change * p.scale, p.decimals) + " " + c.msg("report.trends.points") : c.num(change * p.scale, p.decimals);
  return change * p.scale >= 0.5 * std::pow(10.0, -p.decimals) ? "+" + text : text;
}

// The change between the last two waves, in words.
std::string change_sentence(const Context &c, const Presentation &p, const TrendMeasure &m) {
  if (m.changes.empty()) return "";
  const TrendChange &change = m.changes.back();
  const TrendWave &a = m.waves[m.waves.size() - 2], &b = m.waves.back();
  if (!change.change || !a.value || !b.value) return c.fmt("report.trends.change_missing", {short_date(c, change.from), short_date(c, change.to)});
  const std::string from = value_text(c, p, *a.value), to = value_text(c, p, *b.value), by = signed_text(c, p, *change.change);
  if (!change.ci) {
    const bool snapshot = m.measure == "csi" || m.measure == "maturity_index";
    return c.fmt(snapshot ? "report.trends.change_snapshot" : "report.trends.change_no_interval", {short_date(c, change.from), short_date(c, change.to), from, to, by});
  }
  const std::string low = c.num((*change.ci)[0] * p.scale, p.decimals), high = c.num((*change.ci)[1] * p.scale, p.decimals);
  const bool significant = change.significant.value_or(false);
  return c.fmt(significant ? "report.trends.change_significant" : "report.trends.change_noise", {short_date(c, change.from), short_date(c, change.to), from, to, by, low, high});
}

std::string wave_tooltip(const Context &c, const Presentation &p, const TrendWave &w) {
  std::string tip = p.name + ", " + c.date(w.date) + ": ";
  if (w.suppressed) return tip + c.msg("internal.suppressed");
  if (!w.value) return tip + "–";
  tip += value_text(c, p, *w.value) + " (n " + c.count(w.n) + ")";
  if (w.ci) tip += " [" + c.num((*w.ci)[0] * p.scale, p.decimals) + ", " + c.num((*w.ci)[1] * p.scale, p.decimals) + "]";
  return tip;
}

// A measure worth a chart: a value in at least two waves.
bool drawable(const TrendMeasure &m) {
  return std::count_if(m.waves.begin(), m.waves.end(), [](const TrendWave &w) { return w.value.has_value(); }) >= 2;
}

void measure_figure(std::string &out, const Context &c, const TrendResult &trend, const TrendMeasure &m) {
  const Presentation p = presentation(c, m.measure);
  std::vector<TrendPoint> points;
  const double first_day = day_number(m.waves.front().date);
  for (const TrendWave &w : m.waves) {
    TrendPoint point{day_number(w.date) - first_day, short_date(c, w.date), std::nullopt, std::nullopt, std::nullopt, wave_tooltip(c, p, w)};
    if (w.value) point.value = *w.value * p.scale;
    if (w.ci) point.low = (*w.ci)[0] * p.scale, point.high = (*w.ci)[1] * p.scale;
    points.push_back(std::move(point));
  }
  out += "<figure class=\"chart trend\" data-chart=\"trend-" + std::string(to_string(trend.kind)) + "-" + escape(m.measure) + "\"><div class=\"trend-title\">" +
         escape(p.name) + (p.percent ? " (%)" : "") + "</div>" + trend_chart(points, p.name, c.in.language) + "<figcaption>" + change_sentence(c, p, m) +
         "</figcaption></figure>\n";
}

void kind_block(std::string &out, const Context &c, const TrendResult &trend) {
  out += "<h3>" + c.msg("report.trends.kind_" + std::string(to_string(trend.kind))) + "</h3>\n<div class=\"trends\">\n";
  std::string missing;
  for (const TrendMeasure &m : trend.measures) {
    if (drawable(m)) measure_figure(out, c, trend, m);
    else missing += (missing.empty() ? "" : ", ") + escape(presentation(c, m.measure).name);
  }
  out += "</div>\n";
  if (!missing.empty()) out += "<p class=\"legend\">" + c.fmt("report.trends.not_drawn", {missing}) + "</p>\n";
}

}  // namespace

void trends_section(std::string &out, const Context &c) {
  if (c.in.trends.empty()) return;
  out += "<section id=\"trends\"><h2>" + c.msg("report.trends.title") + "</h2>\n" + lead(c, "report.trends.lead");
  for (const TrendResult &trend : c.in.trends) kind_block(out, c, trend);
  out += "</section>\n";
}

// --- what the executive summary says about the waves ---------------------------------

namespace {

const TrendMeasure *model_measure(const Context &c, std::string_view name) {
  for (const TrendResult &t : c.in.trends)
    for (const TrendMeasure &m : t.measures)
      if (t.kind == TrendKind::maturity && m.measure == name && !m.changes.empty() && m.changes.back().change) return &m;
  return nullptr;
}

std::string snapshot_change(const Context &c, const TrendMeasure &m, std::string_view id) {
  const Presentation p = presentation(c, m.measure);
  const TrendChange &change = m.changes.back();
  return c.fmt(id, {value_text(c, p, *m.waves[m.waves.size() - 2].value), c.date(change.from), value_text(c, p, *m.waves.back().value),
                    c.date(change.to), signed_text(c, p, *change.change)});
}

}  // namespace

std::string trends_csi_sentence(const Context &c) {
  const TrendMeasure *csi = model_measure(c, "csi");
  return csi ? " " + snapshot_change(c, *csi, "report.trends.summary_csi") : "";
}

std::string trends_maturity_sentence(const Context &c) {
  const TrendMeasure *maturity = model_measure(c, "maturity_index");
  return maturity ? " " + snapshot_change(c, *maturity, "report.trends.summary_maturity") : "";
}

std::string trends_summary(const Context &c) {
  std::string out;
  // The survey measures whose latest change ends at the latest wave and has an interval.
  std::string latest, before;
  for (const TrendResult &t : c.in.trends)
    for (const TrendMeasure &m : t.measures)
      if (t.kind != TrendKind::maturity && !m.changes.empty() && m.changes.back().to > latest) latest = m.changes.back().to, before = m.changes.back().from;
  if (latest.empty()) return out;
  std::size_t compared = 0, significant = 0;
  std::string names;
  for (const TrendResult &t : c.in.trends)
    for (const TrendMeasure &m : t.measures) {
      if (t.kind == TrendKind::maturity || m.changes.empty() || m.changes.back().to != latest || !m.changes.back().significant) continue;
      ++compared;
      if (!*m.changes.back().significant) continue;
      const Presentation p = presentation(c, m.measure);
      if (significant++ < 5) names += (names.empty() ? "" : "; ") + escape(p.name) + " " + signed_text(c, p, *m.changes.back().change);
    }
  if (compared == 0) return out;
  if (significant > 5) names += " " + c.fmt("summary.and_more", {c.count(significant - 5)});
  out += "<li>" + (significant ? c.fmt("report.trends.summary_changes", {c.date(latest), c.date(before), c.count(significant), c.count(compared), names})
                               : c.fmt("report.trends.summary_no_change", {c.date(latest), c.date(before), c.count(compared)})) +
         "</li>\n";
  return out;
}

}  // namespace servicechain::report_detail
