// The report at every scale: above the drawing limit the collapsed chain, the
// impact ranking by group (each group's impact the sum of its units' impacts,
// recomputed here by walking up the unit tree), and one subtree on request.
#include <catch2/catch.hpp>

#include <cmath>
#include <cstdio>
#include <map>
#include <regex>
#include <string>

#include "servicechain/bundled.hpp"
#include "servicechain/error.hpp"
#include "servicechain/generate.hpp"
#include "servicechain/io/model_json.hpp"
#include "servicechain/report/html.hpp"
#include "support/command.hpp"

using namespace servicechain;

namespace {

struct Analysed {
  Model model;
  ChainGraph graph;
  ChainAnalysis chain;
  explicit Analysed(Model m) : model(std::move(m)), graph(model), chain(analyze_chain(model, graph, options())) {}
  static ChainAnalysisOptions options() {
    ChainAnalysisOptions o;
    o.structure.betweenness = false;
    return o;
  }
  HtmlReportInput input(Language language = Language::en) const {
    HtmlReportInput in;
    in.model = &model;
    in.graph = &graph;
    in.chain = &chain;
    in.language = language;
    return in;
  }
};

Model generated(std::size_t units) {
  GenerateOptions o;
  o.units = units;
  o.seed = 3;
  o.people_per_unit = 2;
  o.services_per_unit = 4;
  return generate_organization(o);
}

std::string section(const std::string &html, const std::string &id) {
  auto start = html.find("<section id=\"" + id + "\"");
  REQUIRE(start != std::string::npos);
  return html.substr(start, html.find("</section>", start) - start);
}

std::string two_decimals(double v) {
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%.2f", v);
  return buffer;
}

}  // namespace

TEST_CASE("report at scale: the collapsed chain and the impact by group of 2,000 units", "[report][collapse]") {
  const Analysed org(generated(2000));
  const std::string html = html_report(org.input());
  const std::string chain = section(html, "chain");
  CHECK_THAT(chain, Catch::Contains("<strong>View:</strong> the chain collapsed by department: 9 groups at depth 1") &&
                        Catch::Contains("2,000 units in all") && Catch::Contains("limit 400 units"));
  if (graphviz_available()) {
    CHECK_THAT(chain, Catch::Contains("data-chart=\"chain-groups\"><svg"));
    for (const char *id : {"u0000", "u0001", "u0008"}) CHECK_THAT(chain, Catch::Contains(std::string("<title>") + id + "</title>"));
    CHECK(chain.find("<title>u0009</title>") == std::string::npos);  // depth 2: inside u0001's group
  }
  // Each group's impact in the table equals the sum of its units' impacts, found by
  // walking every unit up to depth 1.
  std::map<std::string, std::uint32_t> index;
  for (std::uint32_t u = 0; u < org.model.units.size(); ++u) index[org.model.units[u].id] = u;
  std::map<std::string, double> sums;
  for (std::uint32_t u = 0; u < org.model.units.size(); ++u) {
    std::uint32_t v = u;
    while (org.chain.layers[v] > 1) v = index.at(*org.model.units[v].parent);
    sums[org.model.units[v].id] += *org.chain.impact.impact[u];
  }
  REQUIRE(sums.size() == 9);
  const std::string groups = section(html, "impact-groups");
  const std::regex row(R"(<small>\((u\d+)\)</small></td><td class="num">[^<]*</td><td class="num">[^<]*</td><td class="num">[^<]*</td>)"
                       R"(<td class="num"[^>]*><span[^>]*></span>[^<]*</td><td class="num">([0-9.]+)</td>)");
  std::size_t rows = 0;
  for (std::sregex_iterator it(groups.begin(), groups.end(), row), end; it != end; ++it, ++rows) {
    INFO("group " << (*it)[1]);
    CHECK((*it)[2] == two_decimals(sums.at((*it)[1])));
  }
  CHECK(rows == 9);
  // the bars: one per group, highest first
  CHECK_THAT(groups, Catch::Contains("data-chart=\"impact-groups\"><svg") && Catch::Contains("All groups, highest impact first"));
}

TEST_CASE("report at scale: views on request, Spanish, subtrees and errors", "[report][collapse]") {
  const Analysed hotel(load_model_json(example_model_json(Language::es), "hotel"));
  HtmlReportInput in = hotel.input(Language::es);
  in.group_depth = 1;  // collapsed although small enough to draw in full
  in.detail = {"rooms", "gm"};
  in.max_drawn_units = 10;  // rooms (8 units) in full, gm (18) collapsed within
  in.max_groups = 6;
  const std::string html = html_report(in);
  CHECK_THAT(section(html, "chain"), Catch::Contains("<strong>Vista:</strong> la cadena agrupada por área: 5 grupos en la profundidad 1"));
  CHECK_THAT(section(html, "impact-groups"), Catch::Contains("Impacto por grupo"));
  const std::string rooms = section(html, "detail-rooms");
  CHECK_THAT(rooms, Catch::Contains("la cadena completa del subárbol de esta unidad, 8 unidades."));
  if (graphviz_available()) {
    for (const char *id : {"rooms", "front_desk", "call_centre", "security"}) CHECK_THAT(rooms, Catch::Contains(std::string("<title>") + id + "</title>"));
    CHECK(rooms.find("<title>kitchen</title>") == std::string::npos);
  }
  const std::string gm = section(html, "detail-gm");
  CHECK_THAT(gm, Catch::Contains("el subárbol de esta unidad agrupado: 5 grupos en la profundidad 1 de 18 unidades"));
  // Spanish numbers in the group table: a decimal comma
  CHECK(std::regex_search(section(html, "impact-groups"), std::regex(R"(<td class="num">\d+,\d\d</td>)")));

  in.detail = {"nowhere"};
  CHECK_THROWS_AS(html_report(in), ArgumentError);
}

TEST_CASE("report at scale: the CLI's --group-depth, --group-max and --detail", "[report][collapse][cli]") {
  const std::string hotel = std::string(SERVICECHAIN_SOURCE_DIR) + "/examples/hotel.json";
  auto full = test::run_servicechain("-q report " + hotel + " --full-chain", "2>/dev/null");
  REQUIRE(full.code == 0);
  CHECK_THAT(full.out, Catch::Contains("the full chain, 18 units.") && !Catch::Contains("impact-groups"));
  auto grouped = test::run_servicechain("-q report " + hotel + " --group-depth 1 --detail fnb", "2>/dev/null");
  REQUIRE(grouped.code == 0);
  CHECK_THAT(grouped.out, Catch::Contains("5 groups at depth 1") && Catch::Contains("<section id=\"detail-fnb\""));
  CHECK(test::run_servicechain("-q report " + hotel + " --detail nowhere").code == 2);
  CHECK(test::run_servicechain("-q report " + hotel + " --group-depth 1 --group-max 3").code == 2);
  CHECK(test::run_servicechain("-q report " + hotel + " --group-max 0").code == 2);
}
