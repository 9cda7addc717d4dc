#include "servicechain/analysis/survey/scores.hpp"

#include <cmath>

#include "servicechain/error.hpp"
#include "servicechain/io/json_writer.hpp"
#include "survey_input.hpp"

namespace servicechain {

namespace {
// Calls `take` with each answered row's cell index of the score column.
template <class Take>
std::size_t each_answer(CsvReader &reader, const ScoreOptions &options, const char *measure, Take take) {
  if (options.column.empty()) throw ArgumentError(std::string(measure) + ": no column given");
  std::size_t column = reader.require_column(options.column);
  survey_detail::RowSelector selector(reader, options.filter);
  std::size_t n = 0;
  while (reader.next()) {
    survey_detail::require_full_row(reader);
    if (!selector.keep(reader)) continue;
    if (take(column)) ++n;
  }
  if (n == 0) throw InputError(reader.source() + ": " + measure + ": no answers in column \"" + options.column + "\"");
  return n;
}
}  // namespace

NpsResult nps(CsvReader &reader, const ScoreOptions &options) {
  NpsResult r;
  r.n = each_answer(reader, options, "NPS", [&](std::size_t c) {
    auto v = survey_detail::integer_answer(reader, c, 0, 10);
    if (!v) return false;
    if (*v >= 9) ++r.promoters;
    else if (*v <= 6) ++r.detractors;
    else ++r.passives;
    return true;
  });
  double n = static_cast<double>(r.n);
  double pp = static_cast<double>(r.promoters) / n, pd = static_cast<double>(r.detractors) / n;
  r.nps = 100 * (static_cast<double>(r.promoters) - static_cast<double>(r.detractors)) / n;
  r.se = 100 * std::sqrt(std::max(0.0, pp + pd - (pp - pd) * (pp - pd)) / n);
  r.ci_low = r.nps - z95 * r.se;
  r.ci_high = r.nps + z95 * r.se;
  return r;
}

CsatResult csat(CsvReader &reader, const ScoreOptions &options) {
  CsatResult r;
  r.n = each_answer(reader, options, "CSAT", [&](std::size_t c) {
    auto v = survey_detail::integer_answer(reader, c, 1, 5);
    if (!v) return false;
    if (*v >= 4) ++r.satisfied;
    return true;
  });
  double n = static_cast<double>(r.n), p = static_cast<double>(r.satisfied) / n, z2 = z95 * z95;
  r.csat = p;
  double denominator = 1 + z2 / n;
  double center = (p + z2 / (2 * n)) / denominator;
  double half = z95 / denominator * std::sqrt(p * (1 - p) / n + z2 / (4 * n * n));
  r.ci_low = center - half;
  r.ci_high = center + half;
  return r;
}

CesResult ces(CsvReader &reader, const ScoreOptions &options) {
  CesResult r;
  r.scale = options.scale.value_or(Scale{1, 7});
  const survey_detail::AnswerUnits units(r.scale);
  double mean = 0, m2 = 0;  // Welford: stable in one pass; in AnswerUnits, so squares cannot overflow
  std::size_t k = 0;
  r.n = each_answer(reader, options, "CES", [&](std::size_t c) {
    auto answer = survey_detail::scaled(reader, c, r.scale);
    if (!answer) return false;
    const double v = units.in(*answer);
    ++k;
    double delta = v - mean;
    mean += delta / static_cast<double>(k);
    m2 += delta * (v - mean);
    return true;
  });
  r.mean = units.out(mean);
  if (r.n >= 2) {
    const double sd = std::sqrt(m2 / static_cast<double>(r.n - 1)), se = sd / std::sqrt(static_cast<double>(r.n));
    r.sd = units.out(sd);
    r.se = units.out(se);
    r.ci_low = units.out(mean - z95 * se);
    r.ci_high = units.out(mean + z95 * se);
  }
  return r;
}

void write_json(JsonWriter &w, const NpsResult &r) {
  w.begin_object()
      .field("n", static_cast<std::uint64_t>(r.n))
      .field("nps", r.nps)
      .field("se", r.se)
      .key("ci")
      .begin_array()
      .value(r.ci_low)
      .value(r.ci_high)
      .end_array()
      .field("promoters", static_cast<std::uint64_t>(r.promoters))
      .field("passives", static_cast<std::uint64_t>(r.passives))
      .field("detractors", static_cast<std::uint64_t>(r.detractors))
      .end_object();
}

void write_json(JsonWriter &w, const CsatResult &r) {
  w.begin_object()
      .field("n", static_cast<std::uint64_t>(r.n))
      .field("csat", r.csat)
      .key("ci")
      .begin_array()
      .value(r.ci_low)
      .value(r.ci_high)
      .end_array()
      .field("satisfied", static_cast<std::uint64_t>(r.satisfied))
      .end_object();
}

void write_json(JsonWriter &w, const CesResult &r) {
  w.begin_object().field("n", static_cast<std::uint64_t>(r.n)).field("mean", r.mean).field("sd", r.sd).field("se", r.se);
  w.key("ci");
  if (r.ci_low) w.begin_array().value(*r.ci_low).value(*r.ci_high).end_array();
  else w.null();
  w.key("scale").begin_array().value(r.scale.min).value(r.scale.max).end_array();
  w.end_object();
}

}  // namespace servicechain
