// Waves and trends (§4.13) against hand computations: Student's t quantile
// (table values and an independent numerical integration of the density),
// Welch's degrees of freedom, z for shares, the null rules, SERVQUAL's
// respondent-level standard errors, NPS waves, maturity waves; wave dates that
// do not parse, repeat or go backwards; the CLI on the example waves.
#include <catch2/catch.hpp>

#include <cmath>
#include <nlohmann/json.hpp>

#include "servicechain/analysis/survey/trend.hpp"
#include "servicechain/error.hpp"
#include "servicechain/io/json_writer.hpp"
#include "servicechain/io/model_json.hpp"
#include "support/command.hpp"

using namespace servicechain;
using Catch::Matchers::Contains;

namespace {

TrendWave wave(const std::string &date, std::size_t n, double value, double se) {
  return TrendWave{date, n, value, se, std::array<double, 2>{value - 1.96 * se, value + 1.96 * se}, false};
}

// ∫₀^q of Student's t density by Simpson's rule: an independent check of the quantile.
double t_probability_from_zero(double q, double df) {
  const double c = std::tgamma((df + 1) / 2) / (std::sqrt(df * M_PI) * std::tgamma(df / 2));
  auto f = [&](double x) { return c * std::pow(1 + x * x / df, -(df + 1) / 2); };
  const int steps = 20000;
  const double h = q / steps;
  double sum = f(0) + f(q);
  for (int i = 1; i < steps; ++i) sum += f(i * h) * (i % 2 ? 4 : 2);
  return sum * h / 3;
}

SurveyWaveInput inline_wave(const std::string &date, const std::string &name, const std::string &csv) {
  return {date, name, [name, csv] { return CsvReader::from_text(csv, name); }};
}

std::string trend_error(TrendKind kind, const std::vector<SurveyWaveInput> &waves, const TrendOptions &options) {
  try {
    survey_trend(kind, waves, options);
  } catch (const Error &e) {
    return e.what();
  }
  return "no error";
}

}  // namespace

TEST_CASE("trend: Student's t quantile against tables and the integrated density") {
  CHECK(student_t_quantile(0.975, 1) == Approx(12.706204736).epsilon(1e-9));
  CHECK(student_t_quantile(0.975, 2) == Approx(0.95 * std::sqrt(2 / (4 * 0.975 * 0.025))).epsilon(1e-12));  // closed form
  CHECK(student_t_quantile(0.975, 4) == Approx(2.776445105).epsilon(1e-9));
  CHECK(student_t_quantile(0.975, 10) == Approx(2.228138852).epsilon(1e-9));
  CHECK(student_t_quantile(0.975, 18) == Approx(2.100922040).epsilon(1e-9));
  CHECK(student_t_quantile(0.975, 30) == Approx(2.042272456).epsilon(1e-9));
  for (double df : {3.7, 7.3, 18.4873, 55.5}) CHECK(t_probability_from_zero(student_t_quantile(0.975, df), df) == Approx(0.475).epsilon(1e-9));
  CHECK_THROWS_AS(student_t_quantile(0.975, 0), ArgumentError);
}

TEST_CASE("trend: a change of means uses Welch's t when either n < 30") {
  // Equal n = 10 and equal SE 0.2: ν = (2·0.04)² / (2·0.04²/9) = 18; t(18) = 2.100922040.
  auto c = compare_waves(wave("2026-01-01", 10, 3.0, 0.2), wave("2026-04-01", 10, 3.5, 0.2), true);
  CHECK(*c.change == Approx(0.5));
  CHECK(*c.df == Approx(18).epsilon(1e-12));
  const double half = 2.100922040 * std::sqrt(0.08);
  CHECK((*c.ci)[0] == Approx(0.5 - half).epsilon(1e-9));
  CHECK((*c.ci)[1] == Approx(0.5 + half).epsilon(1e-9));
  CHECK(*c.significant == false);
  // One SE 0: ν = n₁ − 1 = 4, t(4) = 2.776445105; 1.0 ± 0.2776 excludes 0.
  auto d = compare_waves(wave("2026-01-01", 5, 2.0, 0.1), wave("2026-04-01", 10, 3.0, 0.0), true);
  CHECK(*d.df == Approx(4).epsilon(1e-12));
  CHECK((*d.ci)[0] == Approx(1.0 - 0.2776445105).epsilon(1e-9));
  CHECK(*d.significant);
  // Unequal: SE 0.2 (n 10) and 0.3 (n 12): ν = 0.13² / (0.04²/9 + 0.09²/11).
  auto e = compare_waves(wave("a", 10, 0, 0.2), wave("b", 12, 0.5, 0.3), true);
  CHECK(*e.df == Approx(0.0169 / (0.0016 / 9 + 0.0081 / 11)).epsilon(1e-12));
  // Both n >= 30: z = 1.96, no df.
  auto z = compare_waves(wave("a", 30, 1, 0.1), wave("b", 40, 1.5, 0.1), true);
  CHECK_FALSE(z.df);
  CHECK((*z.ci)[1] == Approx(0.5 + 1.96 * std::sqrt(0.02)).epsilon(1e-12));
  // Not a mean (NPS, CSAT): z even with n < 30.
  auto share = compare_waves(wave("a", 10, 20, 27), wave("b", 10, 50, 21), false);
  CHECK_FALSE(share.df);
  CHECK((*share.ci)[0] == Approx(30 - 1.96 * std::sqrt(27.0 * 27 + 21 * 21)).epsilon(1e-12));
}

TEST_CASE("trend: null rules: n < 2, both SEs 0, a missing value") {
  auto one = compare_waves(wave("a", 1, 2, 0.1), wave("b", 10, 3, 0.1), true);
  CHECK(*one.change == Approx(1));
  CHECK_FALSE(one.ci);
  CHECK_FALSE(one.significant);
  auto flat = compare_waves(wave("a", 10, 2, 0), wave("b", 10, 3, 0), true);
  CHECK((flat.change && !flat.ci && !flat.significant));
  TrendWave missing{"b", 0, std::nullopt, std::nullopt, std::nullopt, false};
  auto none = compare_waves(wave("a", 10, 2, 0.1), missing, true);
  CHECK((!none.change && !none.ci && !none.significant));
}

TEST_CASE("trend: NPS waves by hand, dates from --wave and from the date column") {
  // Wave 1: P = 5 (10,10,9,10,9), D = 3 (6,5,3) of 10: NPS 20, SE 100·sqrt((0.5 + 0.3 − 0.04)/10).
  // Wave 2: P = 6, D = 1: NPS 50, SE 100·sqrt((0.6 + 0.1 − 0.25)/10).
  std::string w1 = "r,date\n10,2026-03-31\n10,\n9,\n8,\n7,\n6,\n5,\n3,\n10,\n9,\n";
  std::string w2 = "r\n10\n10\n10\n9\n9\n9\n8\n8\n7\n6\n";
  TrendOptions o;
  o.score.column = "r";
  std::vector<SurveyWaveInput> waves{inline_wave("", "w1.csv", w1), inline_wave("2026-06-30", "w2.csv", w2)};
  auto r = survey_trend(TrendKind::nps, waves, o);
  REQUIRE(r.measures.size() == 1);
  const auto &m = r.measures[0];
  CHECK(m.waves[0].date == "2026-03-31");
  CHECK(*m.waves[0].value == Approx(20));
  const double se1 = 100 * std::sqrt(0.076), se2 = 100 * std::sqrt(0.045);
  CHECK(*m.waves[0].se == Approx(se1).epsilon(1e-12));
  CHECK(*m.waves[1].se == Approx(se2).epsilon(1e-12));
  REQUIRE(m.changes.size() == 1);
  CHECK(*m.changes[0].change == Approx(30));
  CHECK((*m.changes[0].ci)[0] == Approx(30 - 1.96 * std::sqrt(se1 * se1 + se2 * se2)).epsilon(1e-12));
  CHECK(*m.changes[0].significant == false);

  std::string text;
  JsonWriter w(text);
  write_json(w, r);
  auto j = nlohmann::json::parse(text);
  CHECK(j["kind"] == "nps");
  for (const char *key : {"date", "n", "value", "ci"}) CHECK(j["waves"][0].contains(key));
  for (const char *key : {"from", "to", "change", "ci", "significant"}) CHECK(j["changes"][0].contains(key));

  // CSAT: the unpooled SE sqrt(p(1 − p)/n) and z.
  std::string c1 = "c\n5\n4\n3\n2\n", c2 = "c\n5\n5\n4\n1\n";
  o.score.column = "c";
  auto csat = survey_trend(TrendKind::csat, std::vector<SurveyWaveInput>{inline_wave("2026-01-01", "c1", c1), inline_wave("2026-02-01", "c2", c2)}, o);
  CHECK(*csat.measures[0].waves[0].se == Approx(std::sqrt(0.25 / 4)));
  CHECK(*csat.measures[0].waves[1].se == Approx(std::sqrt(0.75 * 0.25 / 4)));
  CHECK_FALSE(csat.measures[0].changes[0].df);
}

TEST_CASE("trend: SERVQUAL measures take the SE of respondents' own values") {
  // Dimensions a (item 1), b (item 2). Own values: r1 a −1, b 0, score −0.5; r2 a 2, b −2, score 0; r3 a 0, score 0.
  std::string csv = "respondent,E1,P1,E2,P2\nr1,5,4,6,6\nr2,4,6,5,3\nr3,5,5,,\n";
  TrendOptions o;
  o.servqual.items = parse_item_map("a:1;b:2");
  auto r = survey_trend(TrendKind::servqual, std::vector<SurveyWaveInput>{inline_wave("2026-01-01", "s.csv", csv)}, o);
  REQUIRE(r.measures.size() == 4);
  CHECK(r.measures[0].measure == "a");
  CHECK(*r.measures[0].waves[0].value == Approx(1.0 / 3));  // pooled (−1 + 2 + 0)/3
  CHECK(r.measures[0].waves[0].n == 3);
  CHECK(*r.measures[0].waves[0].se == Approx(std::sqrt(7.0) / 3).epsilon(1e-12));  // sd sqrt(7/3) over √3
  CHECK(r.measures[1].measure == "b");
  CHECK(r.measures[1].waves[0].n == 2);
  CHECK(*r.measures[1].waves[0].se == Approx(1).epsilon(1e-12));  // sd √2 over √2
  CHECK(r.measures[2].measure == "unweighted");
  CHECK(*r.measures[2].waves[0].value == Approx(-1.0 / 3));  // (1/3 − 1)/2
  CHECK(*r.measures[2].waves[0].se == Approx(1.0 / 6).epsilon(1e-12));  // own −0.5, 0, 0: sd sqrt(1/12) over √3
  CHECK(r.measures[3].measure == "weighted");
  CHECK_FALSE(r.measures[3].waves[0].value);
  CHECK(r.measures[0].mean);
}

TEST_CASE("trend: wave dates that do not parse, repeat or go backwards are errors naming the wave") {
  TrendOptions o;
  o.score.column = "r";
  const std::string csv = "r\n9\n8\n";
  auto a = [&](const std::string &date, const std::string &name) { return inline_wave(date, name, csv); };
  CHECK_THAT(trend_error(TrendKind::nps, {a("2026-03-31", "q1.csv"), a("2026-03-31", "q2.csv")}, o),
             Contains("wave 2 (q2.csv)") && Contains("same date 2026-03-31") && Contains("wave 1 (q1.csv)"));
  CHECK_THAT(trend_error(TrendKind::nps, {a("2026-06-30", "q2.csv"), a("2026-03-31", "q1.csv")}, o),
             Contains("wave 2 (q1.csv)") && Contains("before") && Contains("date order"));
  CHECK_THAT(trend_error(TrendKind::nps, {a("2026-13-01", "q1.csv")}, o), Contains("wave 1 (q1.csv)") && Contains("not a date"));
  CHECK_THAT(trend_error(TrendKind::nps, {a("", "q1.csv")}, o), Contains("q1.csv: no date"));
  CHECK_THAT(trend_error(TrendKind::nps, {inline_wave("", "d.csv", "r,date\n9,2026-01-01\n8,2026-01-02\n")}, o),
             Contains("d.csv:3:3") && Contains("a second date \"2026-01-02\"") && Contains("line 2"));
  CHECK_THAT(trend_error(TrendKind::nps, {inline_wave("", "d.csv", "r,date\n9,01/01/2026\n")}, o), Contains("d.csv:2:3"));
  CHECK_THAT(trend_error(TrendKind::nps, {}, o), Contains("at least one wave"));
  CHECK_THAT(trend_error(TrendKind::internal, {a("2026-01-01", "i.csv")}, o), Contains("needs the model"));
}

TEST_CASE("trend: maturity waves are models and the index changes without an interval") {
  auto model = [](int score) {
    return load_model_json(R"({"format": "servicechain/1", "organization": {"id": "o"},
      "units": [{"id": "u", "level": "operative", "quality": 0.5}],
      "assessment": {"processes": [{"id": "p", "name": "P", "items": [{"id": "i1", "text": "x"}]}],
                     "responses": [{"respondent": "r1", "level": "operative", "scores": {"i1": 3}},
                                   {"respondent": "r2", "level": "directive", "scores": {"i1": )" +
                           std::to_string(score) + "}}]}}");
  };
  const Model q1 = model(5), q2 = model(5), q3 = model(3);  // means 4, 4, 3: index 75, 75, 50
  std::vector<ModelWaveInput> waves{{"2026-01-01", "q1.json", &q1}, {"2026-04-01", "q2.json", &q2}, {"2026-07-01", "q3.json", &q3}};
  auto r = maturity_trend(waves);
  const auto &m = r.measures.at(0);
  CHECK(*m.waves[0].value == Approx(75));
  CHECK(m.waves[0].n == 2);
  CHECK(*m.changes[1].change == Approx(-25));
  CHECK_FALSE(m.changes[1].ci);
  CHECK_FALSE(m.changes[1].significant);
  waves[2].date = "2026-04-01";
  CHECK_THROWS_WITH(maturity_trend(waves), Contains("wave 3 (q3.json)") && Contains("same date"));
}

namespace {
using servicechain::test::run_servicechain;
std::string waves_dir() { return std::string(SERVICECHAIN_SOURCE_DIR) + "/examples/waves/"; }
}  // namespace

TEST_CASE("cli: trend shows two waves with intervals on the example waves") {
  const std::string w = waves_dir();
  auto nps = run_servicechain("trend nps --wave " + w + "2026-q1-nps.csv --wave " + w + "2026-q2-nps.csv --column recommend --json");
  REQUIRE(nps.code == 0);
  auto j = nlohmann::json::parse(nps.out);
  REQUIRE(j["waves"].size() == 2);
  CHECK(j["waves"][0]["date"] == "2026-03-31");
  CHECK(j["waves"][1]["date"] == "2026-06-30");
  CHECK(j["waves"][0]["ci"].size() == 2);
  CHECK(j["changes"][0]["ci"].size() == 2);

  auto servqual = run_servicechain("trend servqual --wave 2026-03-31=" + w + "2026-q1-servqual.csv --wave 2026-06-30=" + w +
                                   "2026-q2-servqual.csv --json");
  REQUIRE(servqual.code == 0);
  auto s = nlohmann::json::parse(servqual.out);
  REQUIRE(s["measures"].size() == 7);
  CHECK(s["measures"][5]["measure"] == "unweighted");

  auto internal = run_servicechain("-q trend internal --model " + std::string(SERVICECHAIN_SOURCE_DIR) + "/examples/hotel.json --wave " +
                                   w + "2026-q1-internal.csv --wave " + w + "2026-q2-internal.csv --json");
  REQUIRE(internal.code == 0);
  auto i = nlohmann::json::parse(internal.out);
  bool rating = false, enps = false;
  for (const auto &m : i["measures"]) {
    rating |= m["measure"] == "internal_rating:hr";
    enps |= m["measure"] == "enps:housekeeping";
  }
  CHECK((rating && enps));

  auto maturity = run_servicechain("-q trend maturity --wave 2026-03-31=" + std::string(SERVICECHAIN_SOURCE_DIR) +
                                   "/examples/hotel.json --wave 2026-06-30=" + w + "hotel-2026-q2.json --json");
  REQUIRE(maturity.code == 0);
  CHECK(nlohmann::json::parse(maturity.out)["changes"][0]["ci"].is_null());

  auto es = run_servicechain("--lang es trend ces --wave " + w + "2026-q1-nps.csv --wave " + w + "2026-q2-nps.csv --column ces");
  CHECK(es.code == 0);
  CHECK_THAT(es.out, Contains("Tendencia") && Contains("intervalo 95%"));

  auto backwards = run_servicechain("trend nps --wave " + w + "2026-q2-nps.csv --wave " + w + "2026-q1-nps.csv --column recommend");
  CHECK(backwards.code == 1);
  CHECK_THAT(backwards.out, Contains("wave 2") && Contains("2026-q1-nps.csv") && Contains("date order"));
  auto same = run_servicechain("trend nps --wave 2026-03-31=" + w + "2026-q1-nps.csv --wave 2026-03-31=" + w +
                               "2026-q2-nps.csv --column recommend");
  CHECK(same.code == 1);
  CHECK_THAT(same.out, Contains("same date"));
  CHECK(run_servicechain("trend nps --wave " + w + "2026-q1-nps.csv").code == 2);  // no --column
  CHECK(run_servicechain("trend internal --wave " + w + "2026-q1-internal.csv").code == 2);  // no --model
  CHECK(run_servicechain("trend maturity --wave " + w + "hotel-2026-q2.json").code == 2);  // no DATE=
}
