// Collapsed views of the chain (DESIGN §4.15): groups at a depth, their figures
// from the full analysis, links between groups, the depth for a maximum number
// of groups, the JSON and the analyze options. A hand-made tree is checked
// against values worked out by hand; generated organizations against a naive
// recomputation (ancestor walk per unit, a map of links).
#include <catch2/catch.hpp>

#include <cmath>
#include <map>
#include <string>
#include <unordered_map>

#include "servicechain/analysis/chain/collapse.hpp"
#include "servicechain/generate.hpp"
#include "servicechain/io/json_writer.hpp"
#include "support/command.hpp"

using namespace servicechain;
using Catch::Matchers::WithinAbs;
using Catch::Matchers::WithinRel;

namespace {

Unit unit(std::string id, double quality, std::optional<std::string> parent = std::nullopt) {
  Unit u;
  u.id = std::move(id);
  u.name = "Unit " + u.id;
  u.quality = quality;
  u.parent = std::move(parent);
  return u;
}

Service service(std::string from, std::string to, double weight) {
  Service s;
  s.from = std::move(from);
  s.to = std::move(to);
  s.weight = weight;
  return s;
}

Person person(std::string id, std::string unit_id) {
  Person p;
  p.id = std::move(id);
  p.unit = std::move(unit_id);
  return p;
}

// r has children b and a; a has a1 and a2, b has b1; Z is a second root. People only
// in a's subtree (a 1, a1 2, a2 1): group a is headcount-weighted, group b is not.
Model tree() {
  Model m;
  m.units = {unit("r", 0.9), unit("b", 0.6, "r"), unit("a", 0.8, "r"), unit("a1", 0.5, "a"),
             unit("b1", 0.7, "b"), unit("a2", 0.5, "a"), unit("Z", 0.4)};
  m.services = {service("r", "a", 0.3),   service("r", "b", 0.3),   service("a", "a1", 0.4),
                service("a1", "a2", 0.2), service("a2", "b1", 0.3), service("b", "b1", 0.2),
                service("a1", "b1", 0.1), service("a1", "b1", 0.05), service("Z", "r", 0.2)};
  m.people = {person("p1", "a"), person("p2", "a1"), person("p3", "a1"), person("p4", "a2")};
  Segment s;
  s.id = "guests";
  s.size = 1;
  m.segments = {s};
  MomentOfTruth mt;
  mt.id = "m1";
  mt.segment = "guests";
  mt.owner = "b1";
  m.moments = {mt};
  return m;
}

std::string id_of(const Model &m, const CollapsedChain &c, std::uint32_t g) { return m.units[c.groups[g].root].id; }

}  // namespace

TEST_CASE("collapse: a small tree at depth 1, worked out by hand", "[collapse]") {
  const Model m = tree();
  const ChainGraph graph(m);
  const ChainAnalysis a = analyze_chain(m, graph);
  const CollapsedChain c = collapse_chain(m, graph, a, 1);
  REQUIRE(c.groups.size() == 4);
  // model order of the roots: r, b, a, Z
  CHECK(id_of(m, c, 0) == "r");
  CHECK(id_of(m, c, 1) == "b");
  CHECK(id_of(m, c, 2) == "a");
  CHECK(id_of(m, c, 3) == "Z");
  CHECK(c.groups[0].depth == 0);
  CHECK(c.groups[2].depth == 1);
  CHECK(c.groups[3].depth == 0);
  CHECK(c.groups[1].units == 2);
  CHECK(c.groups[2].units == 3);
  CHECK(c.groups[2].headcount == 4);
  CHECK(c.groups[1].headcount == 0);
  // a: every unit has people, so s and q are headcount-weighted; b: plain means
  CHECK_THAT(c.groups[2].quality, WithinAbs((0.8 * 1 + 0.5 * 2 + 0.5 * 1) / 4, 1e-15));
  const auto &q = a.propagation.delivered;
  CHECK_THAT(c.groups[2].delivered, WithinAbs((q[2] * 1 + q[3] * 2 + q[5] * 1) / 4, 1e-15));
  CHECK_THAT(c.groups[1].quality, WithinAbs((0.6 + 0.7) / 2, 1e-15));
  CHECK_THAT(c.groups[1].delivered, WithinAbs((q[1] + q[4]) / 2, 1e-15));
  // impact: the sum of the units' impacts
  const auto &impact = a.impact.impact;
  REQUIRE(c.groups[2].impact);
  CHECK_THAT(*c.groups[2].impact, WithinAbs(*impact[2] + *impact[3] + *impact[5], 1e-12));
  CHECK_THAT(*c.groups[1].impact, WithinAbs(*impact[1] + *impact[4], 1e-12));
  // weakest: a1 and a2 tie at 0.5, a1 first in byte order
  CHECK(m.units[c.groups[2].weakest].id == "a1");
  CHECK(c.groups[2].weakest_quality == 0.5);
  CHECK(m.units[c.groups[3].weakest].id == "Z");
  // group of each unit
  CHECK(c.group_of == std::vector<std::uint32_t>{0, 1, 2, 2, 1, 2, 3});
  // links by group id in byte order: Z < a < b < r; parallel services counted one by one
  REQUIRE(c.links.size() == 6);
  const std::vector<std::tuple<std::string, std::string, std::size_t, double>> expected = {
      {"Z", "r", 1, 0.2}, {"a", "a", 2, 0.6}, {"a", "b", 3, 0.45}, {"b", "b", 1, 0.2}, {"r", "a", 1, 0.3}, {"r", "b", 1, 0.3}};
  for (std::size_t i = 0; i < expected.size(); ++i) {
    INFO("link " << i);
    CHECK(id_of(m, c, c.links[i].from) == std::get<0>(expected[i]));
    CHECK(id_of(m, c, c.links[i].to) == std::get<1>(expected[i]));
    CHECK(c.links[i].services == std::get<2>(expected[i]));
    CHECK_THAT(c.links[i].weight, WithinAbs(std::get<3>(expected[i]), 1e-15));
  }
}

TEST_CASE("collapse: depths 0 and beyond the deepest, and the depth for a maximum of groups", "[collapse]") {
  const Model m = tree();
  const ChainGraph graph(m);
  const ChainAnalysis a = analyze_chain(m, graph);
  const CollapsedChain top = collapse_chain(m, graph, a, 0);
  REQUIRE(top.groups.size() == 2);  // the two roots
  CHECK(top.groups[0].units == 6);
  double all = 0;
  for (const auto &i : a.impact.impact) all += *i;
  CHECK_THAT(*top.groups[0].impact + *top.groups[1].impact, WithinAbs(all, 1e-12));
  const CollapsedChain every = collapse_chain(m, graph, a, 99);
  CHECK(every.groups.size() == 7);
  for (std::uint32_t u = 0; u < 7; ++u) CHECK(every.groups[every.group_of[u]].root == u);

  CHECK(groups_per_depth(a.layers) == std::vector<std::size_t>{2, 4, 7});
  CHECK_FALSE(depth_for_max_groups(a.layers, 1));
  CHECK(depth_for_max_groups(a.layers, 2) == 0u);
  CHECK(depth_for_max_groups(a.layers, 3) == 0u);
  CHECK(depth_for_max_groups(a.layers, 4) == 1u);
  CHECK(depth_for_max_groups(a.layers, 6) == 1u);
  CHECK(depth_for_max_groups(a.layers, 7) == 2u);
  CHECK(depth_for_max_groups(a.layers, 1000) == 2u);

  CHECK_FALSE(collapse_for_request(m, graph, a, {}));
  CHECK(collapse_for_request(m, graph, a, {std::nullopt, 5})->depth == 1);
  CHECK(collapse_for_request(m, graph, a, {2u, std::nullopt})->depth == 2);
  CHECK_THROWS_AS(collapse_for_request(m, graph, a, {1u, 5}), ArgumentError);
  CHECK_THROWS_AS(collapse_for_request(m, graph, a, {std::nullopt, 0}), ArgumentError);
  CHECK_THROWS_WITH(collapse_for_request(m, graph, a, {std::nullopt, 1}), Catch::Contains("2 roots"));
}

TEST_CASE("collapse: a null unit impact makes its group's impact null (geometric, s = 0)", "[collapse]") {
  Model m = tree();
  m.units[4].quality = 0;  // b1: s = 0, impact undefined in the geometric model
  const ChainGraph graph(m);
  ChainAnalysisOptions options;
  options.model = PropagationModel::geometric;
  const ChainAnalysis a = analyze_chain(m, graph, options);
  REQUIRE_FALSE(a.impact.impact[4]);
  const CollapsedChain c = collapse_chain(m, graph, a, 1);
  CHECK_FALSE(c.groups[1].impact);  // b holds b1
  CHECK(c.groups[0].impact);
}

TEST_CASE("collapse: generated organizations against a naive recomputation at every depth", "[collapse]") {
  GenerateOptions o;
  o.units = 3000;
  o.seed = 5;
  o.branching = 5;
  o.people_per_unit = 2;
  o.services_per_unit = 4;
  const Model m = generate_organization(o);
  const ChainGraph graph(m);
  ChainAnalysisOptions options;
  options.structure.betweenness = false;
  const ChainAnalysis a = analyze_chain(m, graph, options);
  std::unordered_map<std::string, std::uint32_t> index;
  for (std::uint32_t u = 0; u < m.units.size(); ++u) index[m.units[u].id] = u;
  const auto per_depth = groups_per_depth(a.layers);
  for (std::uint32_t depth = 0; depth <= per_depth.size(); ++depth) {
    INFO("depth " << depth);
    const CollapsedChain c = collapse_chain(m, graph, a, depth);
    CHECK(c.groups.size() == per_depth[std::min<std::size_t>(depth, per_depth.size() - 1)]);
    // each unit's group: walk up to depth `depth`
    std::map<std::uint32_t, std::uint32_t> group_of_root;
    for (std::uint32_t g = 0; g < c.groups.size(); ++g) group_of_root[c.groups[g].root] = g;
    std::vector<double> impact(c.groups.size(), 0);
    std::vector<std::size_t> units(c.groups.size(), 0), people(c.groups.size(), 0);
    for (std::uint32_t u = 0; u < m.units.size(); ++u) {
      std::uint32_t v = u;
      while (a.layers[v] > depth) v = index.at(*m.units[v].parent);
      REQUIRE(group_of_root.count(v));
      const auto g = group_of_root[v];
      CHECK(c.group_of[u] == g);
      impact[g] += *a.impact.impact[u];
      ++units[g];
      people[g] += a.headcount[u];
    }
    for (std::uint32_t g = 0; g < c.groups.size(); ++g) {
      CHECK(c.groups[g].units == units[g]);
      CHECK(c.groups[g].headcount == people[g]);
      REQUIRE(c.groups[g].impact);
      CHECK_THAT(*c.groups[g].impact, WithinAbs(impact[g], 1e-9 * std::max(1.0, std::fabs(impact[g]))));
      if (g > 0) CHECK(c.groups[g - 1].root < c.groups[g].root);  // model order of the roots
    }
    std::map<std::pair<std::string, std::string>, std::pair<std::size_t, double>> links;
    for (const auto &s : m.services) {
      auto &l = links[{id_of(m, c, c.group_of[index.at(s.from)]), id_of(m, c, c.group_of[index.at(s.to)])}];
      ++l.first;
      l.second += s.weight;
    }
    REQUIRE(c.links.size() == links.size());
    std::size_t i = 0;
    for (const auto &[key, value] : links) {  // std::map: by (from id, to id) in byte order
      CHECK(id_of(m, c, c.links[i].from) == key.first);
      CHECK(id_of(m, c, c.links[i].to) == key.second);
      CHECK(c.links[i].services == value.first);
      CHECK_THAT(c.links[i].weight, WithinAbs(value.second, 1e-9));
      ++i;
    }
  }
}

TEST_CASE("collapse: JSON keys and analyze --group-depth / --group-max", "[collapse][cli]") {
  const Model m = tree();
  const ChainGraph graph(m);
  const ChainAnalysis a = analyze_chain(m, graph);
  std::string out;
  JsonWriter w(out);
  w.begin_object();
  write_collapsed_json_fields(w, m, collapse_chain(m, graph, a, 1));
  w.end_object();
  for (const char *key : {"\"group_depth\": 1", "\"groups\"", "\"links\"", "\"id\": \"a\"", "\"name\": \"Unit a\"", "\"depth\": 1",
                          "\"units\": 3", "\"headcount\": 4", "\"quality\"", "\"delivered\"", "\"impact\"",
                          "\"weakest\": {", "\"unit\": \"a1\"", "\"from\": \"a\"", "\"to\": \"b\"", "\"services\": 3", "\"weight\""})
    CHECK_THAT(out, Catch::Contains(key));
  const std::string dot = collapsed_to_dot(m, graph, collapse_chain(m, graph, a, 1));
  CHECK_THAT(dot, Catch::StartsWith("digraph servicechain_groups {") && Catch::Contains("\"a\" -> \"b\"") &&
                      Catch::Contains("\"b\" -> \"guests\"") && !Catch::Contains("\"a\" -> \"a\""));

  const std::string hotel = std::string(SERVICECHAIN_SOURCE_DIR) + "/examples/hotel.json";
  auto json = test::run_servicechain("-q analyze " + hotel + " --json --group-depth 1", "2>/dev/null");
  REQUIRE(json.code == 0);
  CHECK_THAT(json.out, Catch::Contains("\"group_depth\": 1") && Catch::Contains("\"id\": \"rooms\"") &&
                           Catch::Contains("\"links\": ["));
  auto picked = test::run_servicechain("-q analyze " + hotel + " --json --group-max 4", "2>/dev/null");
  CHECK_THAT(picked.out, Catch::Contains("\"group_depth\": 0"));  // depth 1 has 5 groups
  auto spanish = test::run_servicechain("-q --lang es analyze " + hotel + " --group-max 5", "2>/dev/null");
  CHECK_THAT(spanish.out, Catch::Contains("Grupos en la profundidad 1 (5 grupos de 18 unidades") &&
                              Catch::Contains("Rooms Division (rooms): 8 unidades, 33 personas, s 0,653"));
  CHECK(test::run_servicechain("-q analyze " + hotel + " --group-max 0").code == 2);
  CHECK(test::run_servicechain("-q analyze " + hotel + " --group-max 2 --group-depth 1").code == 2);
  CHECK(test::run_servicechain("-q analyze " + hotel + " --group-depth -1").code == 2);
}
