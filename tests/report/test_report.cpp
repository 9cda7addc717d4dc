// The HTML report: self-contained, every section present, values as computed, text escaped.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <sys/wait.h>

#include "servicechain/bundled.hpp"
#include "servicechain/error.hpp"
#include "servicechain/io/csv.hpp"
#include "servicechain/io/files.hpp"
#include "servicechain/io/model_json.hpp"
#include "servicechain/report/html.hpp"

using namespace servicechain;

namespace {

struct Hotel {
  Model model;
  ChainGraph graph;
  ChainAnalysis chain;
  explicit Hotel(Model m) : model(std::move(m)), graph(model), chain(analyze_chain(model, graph)) {}
};

Model hotel_model(Language language = Language::en) { return load_model_json(example_model_json(language), "hotel"); }

// A chain whose full drawing would have labels under 10 px at the page's width is split by
// department unless asked for in full (tests/report/test_report_sections.cpp); here it is asked for.
std::string report_of(const Hotel &h, Language language = Language::en, std::size_t max_drawn = 400, bool full_chain = true) {
  HtmlReportInput input;
  input.full_chain = full_chain;
  input.model = &h.model;
  input.graph = &h.graph;
  input.chain = &h.chain;
  input.language = language;
  input.max_drawn_units = max_drawn;
  for (const auto &p : h.model.plans) {
    PlanReportOptions options;
    options.plan = p.id;
    options.as_of = "2026-03-01";
    input.plans.push_back(plan_report(h.model, options));
  }
  return html_report(input);
}

std::string two_decimals(double v) {
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%.2f", v);
  return buffer;
}

std::string section(const std::string &html, const std::string &id) {
  auto start = html.find("<section id=\"" + id + "\"");
  REQUIRE(start != std::string::npos);
  return html.substr(start, html.find("</section>", start) - start);
}

}  // namespace

TEST_CASE("report: one self-contained document with every section") {
  Hotel h(hotel_model());
  const std::string html = report_of(h);
  CHECK_THAT(html, Catch::StartsWith("<!DOCTYPE html>\n<html lang=\"en\">") && Catch::EndsWith("</html>\n"));
  // Nothing fetched from anywhere: no script, no external resource of any kind.
  for (const char *forbidden : {"<script", " src=", "href=\"http", "url(", "@import", "<link", "<iframe"})
    CHECK(html.find(forbidden) == std::string::npos);
  for (const char *id : {"summary", "chain", "impact", "plans"}) CHECK_THAT(html, Catch::Contains(std::string("<section id=\"") + id + "\""));
  char csi[32];
  std::snprintf(csi, sizeof csi, "%.1f", *h.chain.satisfaction.csi);
  CHECK_THAT(section(html, "summary"), Catch::Contains(std::string("<div class=\"value\">") + csi + "</div>"));
  for (const auto &p : h.model.plans) CHECK_THAT(html, Catch::Contains("data-chart=\"gantt-" + p.id + "\"><svg"));
}

TEST_CASE("report: the chain drawn by Graphviz, or a note without it") {
  Hotel h(hotel_model());
  const std::string chain = section(report_of(h), "chain");
  if (graphviz_available()) {
    CHECK_THAT(chain, Catch::Contains("data-chart=\"chain\"><svg"));
    CHECK(chain.find("<?xml") == std::string::npos);
    CHECK(chain.find("<!DOCTYPE") == std::string::npos);
    // Graphviz names each node's group after the node: every unit and segment is drawn.
    for (const auto &u : h.model.units) CHECK_THAT(chain, Catch::Contains("<title>" + u.id + "</title>"));
    for (const auto &s : h.model.segments) CHECK_THAT(chain, Catch::Contains("<title>" + s.id + "</title>"));
  } else {
    CHECK_THAT(chain, Catch::Contains("unavailable") && Catch::Contains("SERVICECHAIN_WITH_GRAPHVIZ"));
  }
  // The legend uses the DOT export's scale: q = 0.5 is HSV (0, 0.55, 0.95) = #f26d6d, q = 1 is #6df26d.
  CHECK_THAT(chain, Catch::Contains("background:#f26d6d") || Catch::Contains("unavailable"));
  // Above the limit the chain is drawn collapsed (tests/report/test_report_collapsed.cpp).
  const std::string too_big = section(report_of(h, Language::en, 5), "chain");
  CHECK_THAT(too_big, Catch::Contains("too large to draw in full") && Catch::Contains("collapsed by department"));
  CHECK(too_big.find("data-chart=\"chain\"") == std::string::npos);
  CHECK_THAT(chain, Catch::Contains("<strong>View:</strong> the full chain, 18 units."));
  // The hotel's chain fits the page with labels of 10 px or more: drawn in full without asking.
  CHECK_THAT(section(report_of(h, Language::en, 400, false), "chain"), Catch::Contains("the full chain, 18 units."));
}

TEST_CASE("report: dot_to_svg rejects text Graphviz cannot read") {
  if (!graphviz_available()) {
    CHECK_FALSE(dot_to_svg("digraph { a -> b }").has_value());
    return;
  }
  auto svg = dot_to_svg("digraph { a -> b }", {{"label", "two nodes"}});
  REQUIRE(svg);
  CHECK_THAT(*svg, Catch::StartsWith("<svg") && Catch::Contains("two nodes") && Catch::Contains("<title>a&#45;&gt;b</title>"));
  CHECK_THROWS_AS(dot_to_svg("digraph { a -> }"), Error);
}

TEST_CASE("report: impact ranking from the highest impact down") {
  Hotel h(hotel_model());
  const std::string impact = section(report_of(h), "impact");
  std::vector<std::size_t> order(h.model.units.size());
  for (std::size_t u = 0; u < order.size(); ++u) order[u] = u;
  std::sort(order.begin(), order.end(), [&](auto a, auto b) {
    const double ia = *h.chain.impact.impact[a], ib = *h.chain.impact.impact[b];
    return ia != ib ? ia > ib : h.model.units[a].id < h.model.units[b].id;
  });
  auto escaped = [](std::string text) {  // the hotel's names hold '&' ("Food & Beverage")
    for (auto at = text.find('&'); at != std::string::npos; at = text.find('&', at + 1)) text.replace(at, 1, "&amp;");
    return text;
  };
  // Table rows in the same order, each with its impact to two decimals.
  std::size_t at = impact.find("<tbody>");
  for (auto u : order) {
    auto row = impact.find("<tr><td>" + escaped(h.model.units[u].name) + "</td>", at);
    REQUIRE(row != std::string::npos);
    CHECK_THAT(impact.substr(row, impact.find("</tr>", row) - row), Catch::Contains(">" + two_decimals(*h.chain.impact.impact[u]) + "</td>"));
    at = row;
  }
  CHECK_THAT(impact, Catch::Contains("data-chart=\"impact\"><svg"));
}

TEST_CASE("report: Gantt bars carry the critical-path schedule") {
  Hotel h(hotel_model());
  const std::string plans = section(report_of(h), "plans");
  const Plan &plan = h.model.plans.front();
  auto schedule = schedule_plan(plan);
  REQUIRE_FALSE(schedule.actions.empty());
  for (const auto &a : schedule.actions) {
    char expected[160];
    std::snprintf(expected, sizeof expected, "%s: ES %.0f, EF %.0f, LS %.0f, LF %.0f, slack %.0f", a.id.c_str(), a.es, a.ef, a.ls, a.lf, a.slack);
    CHECK_THAT(plans, Catch::Contains(expected));
  }
  char duration[64];
  std::snprintf(duration, sizeof duration, "duration: %.0f days", schedule.duration);
  CHECK_THAT(plans, Catch::Contains(duration));
}

TEST_CASE("report: names are escaped and Spanish is available") {
  Model model = hotel_model();
  model.organization->name = "Hotel <b>\"Sol\" & Mar</b>";
  model.units.front().name = "<script>alert(1)</script>";
  Hotel h(std::move(model));
  const std::string html = report_of(h);
  CHECK_THAT(html, Catch::Contains("Hotel &lt;b&gt;&quot;Sol&quot; &amp; Mar&lt;/b&gt;"));
  CHECK(html.find("<script") == std::string::npos);
  CHECK(html.find("<b>\"Sol\"") == std::string::npos);

  Hotel es(hotel_model(Language::es));
  const std::string spanish = report_of(es, Language::es);
  CHECK_THAT(spanish, Catch::StartsWith("<!DOCTYPE html>\n<html lang=\"es\">") && Catch::Contains("La cadena de clientes internos") &&
                          Catch::Contains("Ranking de impacto") && Catch::Contains("Planes de mejora"));
}

TEST_CASE("report: required inputs") {
  HtmlReportInput input;
  CHECK_THROWS_AS(html_report(input), ArgumentError);
}

namespace {
std::string example_survey(const char *name) { return std::string(SERVICECHAIN_SOURCE_DIR) + "/examples/surveys/" + name; }
std::size_t count(const std::string &text, const std::string &needle) {
  std::size_t n = 0;
  for (auto at = text.find(needle); at != std::string::npos; at = text.find(needle, at + 1)) ++n;
  return n;
}
}  // namespace

TEST_CASE("report: SERVQUAL gaps, IPA quadrants and training per level") {
  Hotel h(hotel_model());
  HtmlReportInput input;
  input.model = &h.model;
  input.graph = &h.graph;
  input.chain = &h.chain;
  auto servqual_file = CsvReader::open(example_survey("servqual.csv"));
  input.servqual = servqual(servqual_file);
  auto ipa_file = CsvReader::open(example_survey("ipa.csv"));
  input.ipa = ipa(ipa_file);
  std::vector<double> impact;
  for (const auto &d : h.chain.impact.impact) impact.push_back(d.value_or(0.0));
  input.training = training_needs(h.model, impact);
  const std::string html = html_report(input);

  const std::string servqual_html = section(html, "servqual");
  CHECK_THAT(servqual_html, Catch::Contains("data-chart=\"servqual-gaps\"><svg") && Catch::Contains("data-chart=\"servqual-scores\"><svg"));
  REQUIRE(input.servqual->overall.dimensions.size() == 5);
  for (const auto &d : input.servqual->overall.dimensions) {
    REQUIRE(d.gap);
    // The gap bar's value label and the table cell.
    CHECK(count(servqual_html, ">" + two_decimals(*d.gap) + "<") >= 2);
  }

  const std::string ipa_html = section(html, "ipa");
  std::size_t plotted = 0;
  for (const auto &a : input.ipa->attributes) {
    plotted += a.quadrant.has_value();
    // Attributes are shown by their words: "checkin_speed" as "Checkin speed".
    std::string label = a.name;
    std::replace(label.begin(), label.end(), '_', ' ');
    label[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(label[0])));
    CHECK_THAT(ipa_html, Catch::Contains("<tr><td>" + label + "</td><td class=\"num\">" + two_decimals(*a.importance) + "</td><td class=\"num\">" +
                                         two_decimals(*a.performance) + "</td>"));
  }
  CHECK(count(ipa_html, "<circle") == plotted);
  CHECK_THAT(ipa_html, Catch::Contains("Concentrate here") && Catch::Contains("Keep up the good work"));

  const std::string training_html = section(html, "training");
  CHECK_THAT(training_html, Catch::Contains("data-chart=\"training\"><svg"));
  for (const auto &level : input.training->by_level) {
    char hours[32];
    std::snprintf(hours, sizeof hours, ">%.0f</td>", level.hours);
    CHECK_THAT(training_html, Catch::Contains(hours));
  }
}

TEST_CASE("report: the CLI writes the file and tells survey kinds apart") {
  auto run = [](const std::string &args) {
    std::string cmd = std::string(SERVICECHAIN_CLI) + " -q " + args + " >/dev/null 2>&1";
    int status = std::system(cmd.c_str());
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  };
  const std::string dir = std::string(SERVICECHAIN_SOURCE_DIR) + "/examples/";
  auto out = std::filesystem::temp_directory_path() / "sc_report_cli" / "report.html";
  std::filesystem::create_directories(out.parent_path());
  std::filesystem::remove(out);
  CHECK(run("report " + dir + "hotel.json --as-of 2026-03-01 --survey " + dir + "surveys/servqual.csv " + dir + "surveys/ipa.csv -o " + out.string()) == 0);
  REQUIRE(std::filesystem::exists(out));
  const std::string html = read_file(out);
  CHECK_THAT(html, Catch::Contains("<section id=\"servqual\"") && Catch::Contains("<section id=\"ipa\"") && Catch::Contains("<section id=\"plans\""));
  CHECK(run("report " + dir + "hotel.json --survey " + dir + "surveys/nps.csv -o " + out.string()) == 1);  // neither kind
  CHECK(run("report " + dir + "hotel.json --survey " + dir + "surveys/ipa.csv " + dir + "surveys/ipa.csv -o " + out.string()) == 2);
  CHECK(run("report " + dir + "hotel.json --as-of 2026-13-45") == 2);
}
