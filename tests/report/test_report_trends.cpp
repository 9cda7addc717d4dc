// The report's trends section (`--wave KIND:DATE=FILE`): hand-computed changes
// stated as significant or within noise in both languages, the CSI and maturity
// of model snapshots in the executive summary, the chart's intervals, the wave
// syntax and its errors, and the request's inline waves.
#include <catch2/catch.hpp>

#include <string>

#include "servicechain/bundled.hpp"
#include "servicechain/error.hpp"
#include "servicechain/io/model_json.hpp"
#include "servicechain/report/html.hpp"
#include "servicechain/report/html_request.hpp"
#include "servicechain/run.hpp"

using namespace servicechain;
using Catch::Matchers::Contains;

namespace {

const std::string waves_dir = std::string(SERVICECHAIN_SOURCE_DIR) + "/examples/waves/";

Model hotel(Language language) { return load_model_json(example_model_json(language), "hotel"); }

std::string report(const Model &model, const HtmlReportRequest &request) { return build_html_report(model, ChainGraph(model), request); }

std::string section_of(const std::string &html, const std::string &id) {
  const auto start = html.find("<section id=\"" + id + "\"");
  REQUIRE(start != std::string::npos);
  return html.substr(start, html.find("</section>", start) - start);
}

ReportWave inline_wave(TrendKind kind, const std::string &date, const std::string &csv) {
  return {kind, date, "<wave " + date + ">", csv};
}

// Wave 1: 5 promoters, 5 detractors (NPS 0, SE 100·√(1/10) = 31.62); wave 2: 10 promoters (NPS 100, SE 0).
// Change 100 ± 1.96·31.62 = [38.0, 162.0]: significant.
HtmlReportRequest nps_request(Language language) {
  HtmlReportRequest request;
  request.language = language;
  request.simulation_runs = 0;
  request.waves.push_back(inline_wave(TrendKind::nps, "2026-01-31", "score\n9\n9\n9\n9\n9\n0\n0\n0\n0\n0\n"));
  request.waves.push_back(inline_wave(TrendKind::nps, "2026-04-30", "score\n9\n9\n9\n9\n9\n10\n10\n10\n10\n10\n"));
  request.wave_columns[TrendKind::nps] = "score";
  return request;
}

HtmlReportRequest spanish_servqual() {
  HtmlReportRequest request;
  request.language = Language::es;
  request.simulation_runs = 0;
  request.waves.push_back(parse_report_wave("servqual:2026-03-31=" + waves_dir + "2026-q1-servqual.csv"));
  request.waves.push_back(parse_report_wave("servqual:2026-06-30=" + waves_dir + "2026-q2-servqual.csv"));
  return request;
}

std::string failure(const Model &model, const HtmlReportRequest &request) {
  try {
    report(model, request);
  } catch (const Error &e) {
    return e.what();
  }
  return "no error";
}

}  // namespace

TEST_CASE("report trends: a significant NPS change, stated in words in both languages", "[report][trend]") {
  const std::string en = report(hotel(Language::en), nps_request(Language::en));
  const std::string trends = section_of(en, "trends");
  CHECK_THAT(trends, Contains("data-chart=\"trend-nps-nps\""));
  CHECK_THAT(trends, Contains("31 Jan 2026 → 30 Apr 2026: 0.0 → 100.0, change +100.0 (95% interval 38.0 to 162.0): <strong>significant</strong>"));
  // The chart: a whisker with two caps for the first wave only (the second has SE 0, a zero-width interval drawn as such).
  CHECK_THAT(trends, Contains("<polyline"));
  CHECK_THAT(trends, Contains("<polygon"));
  CHECK_THAT(trends, Contains(">31 Jan 2026</text>"));
  const std::string summary = section_of(en, "executive-summary");
  CHECK_THAT(summary, Contains(" — 1 participant, "));  // the hotel's training to give first: one person, singular
  CHECK_THAT(summary, Contains("In the latest survey wave (30 April 2026, against 31 January 2026) 1 of 1 measures changed beyond the noise of the samples: NPS +100.0."));

  const std::string es = report(hotel(Language::es), nps_request(Language::es));
  CHECK_THAT(section_of(report(hotel(Language::es), spanish_servqual()), "trends"), Contains("Brecha de fiabilidad"));
  CHECK_THAT(section_of(es, "trends"), Contains("31 ene 2026 → 30 abr 2026: 0,0 → 100,0, cambio de +100,0 (intervalo del 95 %: 38,0 a 162,0): <strong>significativo</strong>"));
  CHECK_THAT(section_of(es, "executive-summary"), Contains("En la última medición (30 de abril de 2026, frente a la de 31 de enero de 2026) 1 de 1 medidas"));
}

TEST_CASE("report trends: the example waves — NPS within noise, SERVQUAL reliability significant, CSAT as a share", "[report][trend]") {
  HtmlReportRequest request;
  request.simulation_runs = 0;
  request.waves.push_back(parse_report_wave("servqual:2026-03-31=" + waves_dir + "2026-q1-servqual.csv"));
  request.waves.push_back(parse_report_wave("servqual:2026-06-30=" + waves_dir + "2026-q2-servqual.csv"));
  for (const char *quarter : {"2026-q1-nps.csv", "2026-q2-nps.csv"}) {
    request.waves.push_back(parse_report_wave("nps:" + waves_dir + quarter));  // the date from the file's date column
    request.waves.push_back(parse_report_wave("csat:" + waves_dir + quarter));  // the column named as the kind
  }
  request.wave_columns.insert(parse_wave_column("nps=recommend"));
  const std::string trends = section_of(report(hotel(Language::en), request), "trends");
  // docs/trends.md: 30 [−2.1, 62.1], not significant; reliability 0.413 [0.064, 0.763], significant.
  CHECK_THAT(trends, Contains("15.0 → 45.0, change +30.0 (95% interval -2.1 to 62.1): <strong>within noise</strong>"));
  CHECK_THAT(trends, Contains("-0.87 → -0.45, change +0.41 (95% interval 0.06 to 0.76): <strong>significant</strong>"));
  CHECK_THAT(trends, Contains("Satisfied customers (%)"));
  CHECK_THAT(trends, Contains("75.0\u00a0% → 80.0\u00a0%, change +5.0 points (95% interval"));
  // Fixed order of kinds: SERVQUAL before NPS before CSAT, whatever the order of the waves.
  CHECK(trends.find("trend-servqual-reliability") < trends.find("trend-nps-nps"));
  CHECK(trends.find("trend-nps-nps") < trends.find("trend-csat-csat"));
}

TEST_CASE("report trends: model snapshots give the CSI's and the maturity index's change in the summary", "[report][trend]") {
  const Model q2 = load_model(waves_dir + "hotel-2026-q2.json");
  HtmlReportRequest request;
  request.simulation_runs = 0;
  request.waves.push_back(parse_report_wave("maturity:2026-03-31=" + std::string(SERVICECHAIN_SOURCE_DIR) + "/examples/hotel.json"));
  request.waves.push_back(parse_report_wave("maturity:2026-06-30=" + waves_dir + "hotel-2026-q2.json"));
  const std::string html = report(q2, request);
  const std::string summary = section_of(html, "executive-summary");
  // docs/trends.md: the CSI 68.16 → 70.29 (diff), the maturity index 50.5 → 53.4.
  CHECK_THAT(summary, Contains("Between the model's snapshots the CSI went from 68.2 (31 March 2026) to 70.3 (30 June 2026), +2.1 points."));
  CHECK_THAT(summary, Contains("The service culture's maturity index is 53 out of 100. Between the model's snapshots it went from 50.5 (31 March 2026) to 53.4 (30 June 2026), +2.9 points."));
  const std::string trends = section_of(html, "trends");
  CHECK_THAT(trends, Contains("a snapshot of the model has no sampling interval"));
  CHECK(trends.find("trend-maturity-csi") < trends.find("trend-maturity-maturity_index"));
  // --previous takes precedence for the headline's change.
  request.previous_csi = 60.0;
  CHECK_THAT(section_of(report(q2, request), "executive-summary"), !Contains("snapshots the CSI went"));
}

TEST_CASE("report trends: without waves there is no section and the page keeps its bytes", "[report][trend]") {
  HtmlReportRequest request;
  request.simulation_runs = 0;
  const std::string html = report(hotel(Language::en), request);
  CHECK(html.find("id=\"trends\"") == std::string::npos);
  CHECK(html.find(".trends{") == std::string::npos);
}

TEST_CASE("report trends: the wave syntax and its errors", "[report][trend]") {
  const ReportWave dated = parse_report_wave("servqual:2026-03-31=a=b.csv");
  CHECK(dated.kind == TrendKind::servqual);
  CHECK(dated.date == "2026-03-31");
  CHECK(dated.source == "a=b.csv");  // split at the first '=' after the kind, as `trend` does
  const ReportWave undated = parse_report_wave("internal:q1.csv");
  CHECK(undated.date.empty());
  CHECK(undated.source == "q1.csv");
  CHECK_THROWS_WITH(parse_report_wave("2026-03-31=q1.csv"), Contains("start with what the wave measures"));
  CHECK_THROWS_WITH(parse_report_wave("loyalty:q1.csv"), Contains("KIND: servqual, nps, csat, ces, internal or maturity"));
  CHECK_THROWS_WITH(parse_report_wave("nps:2026-03-31="), Contains("no file after the date"));
  CHECK_THROWS_AS(parse_wave_column("servqual=x"), ArgumentError);
  CHECK_THROWS_AS(parse_wave_column("nps="), ArgumentError);
  CHECK(parse_wave_column("ces=effort").second == "effort");

  const Model model = hotel(Language::en);
  HtmlReportRequest one = nps_request(Language::en);
  one.waves.pop_back();
  CHECK_THAT(failure(model, one), Contains("at least two waves"));
  HtmlReportRequest no_column = nps_request(Language::en);
  no_column.wave_columns.clear();
  CHECK_THAT(failure(model, no_column), Contains("--wave-column nps=COLUMN"));
  HtmlReportRequest backwards = nps_request(Language::en);
  std::swap(backwards.waves[0], backwards.waves[1]);
  CHECK_THAT(failure(model, backwards), Contains("give the waves in date order"));
  HtmlReportRequest undated_model;
  undated_model.waves = {parse_report_wave("maturity:a.json"), parse_report_wave("maturity:b.json")};
  CHECK_THAT(failure(model, undated_model), Contains("maturity:DATE=MODEL"));
}

TEST_CASE("report trends: a request's inline waves give the library's bytes; a bad kind is a bad_option at its path", "[report][trend][run]") {
  Model model = hotel(Language::en);
  ChainGraph graph(model);
  const ModelAndGraph loaded{std::move(model), std::move(graph)};
  const std::string request = R"({"command": "report", "wave_column": ["nps=score"], "wave": [
      {"kind": "nps", "date": "2026-01-31", "data": "score\n9\n9\n9\n9\n9\n0\n0\n0\n0\n0\n"},
      {"kind": "nps", "date": "2026-04-30", "data": "score\n9\n9\n9\n9\n9\n10\n10\n10\n10\n10\n"}]})";
  const Response response = run(request, &loaded);
  REQUIRE(response.ok());
  HtmlReportRequest library = nps_request(Language::en);
  library.simulation_runs = 500;
  library.waves[0].source = "<wave 2026-01-31>";
  library.waves[1].source = "<wave 2026-04-30>";
  CHECK(response.body == build_html_report(loaded.model, loaded.graph, library));

  const Response bad = run(R"({"command": "report", "wave": ["loyalty:2026-01-31=q1.csv", "loyalty:2026-04-30=q2.csv"]})", &loaded);
  CHECK(bad.status == 2);
  CHECK_THAT(bad.body, Contains(R"("path": "/wave/0")"));
  const Response no_kind = run(R"({"command": "report", "wave": [{"date": "2026-01-31", "data": "score\n9\n"}]})", &loaded);
  CHECK(no_kind.status == 2);
  CHECK_THAT(no_kind.body, Contains("KIND:DATE=FILE"));
}
