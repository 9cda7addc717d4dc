// Structure of the chain (§4.4) against NetworkX 2.8 reference values
// (tests/reference/make_structure_cases.py produced structure_cases.inc).
#include <catch2/catch.hpp>

#include <cmath>
#include <string>
#include <utility>
#include <vector>

#include "servicechain/analysis/chain/structure.hpp"

using namespace servicechain;

namespace {

struct StructureCase {
  const char *name;
  std::size_t n;
  std::vector<std::pair<int, int>> edges;
  std::vector<std::vector<std::uint32_t>> cycles;
  std::vector<std::uint32_t> articulation;
  std::vector<std::pair<std::uint32_t, std::uint32_t>> bridges;
  std::vector<double> betweenness;
};

const std::vector<StructureCase> &cases() {
  static const std::vector<StructureCase> all = {
#include "reference/structure_cases.inc"
  };
  return all;
}

std::string unit_id(std::size_t v) {
  std::string id = std::to_string(v);  // (not "u" + ...: GCC 12 warns falsely with -Wrestrict)
  id.insert(id.begin(), 'u');
  return id;
}

Model model_of(std::size_t n, const std::vector<std::pair<int, int>> &edges) {
  Model model;
  for (std::size_t v = 0; v < n; ++v) model.units.push_back(Unit{unit_id(v), "", std::nullopt, Level::operative, 1.0, {}});
  for (auto [from, to] : edges) {
    Service s;
    s.from = unit_id(static_cast<std::size_t>(from));
    s.to = unit_id(static_cast<std::size_t>(to));
    s.weight = 0.01;
    model.services.push_back(s);
  }
  return model;
}

}  // namespace

TEST_CASE("structure matches NetworkX on hand-made and random graphs", "[structure]") {
  for (const StructureCase &c : cases()) {
    INFO("case " << c.name);
    ChainGraph graph(model_of(c.n, c.edges));
    StructureResult r = analyze_structure(graph);
    CHECK(r.cycles == c.cycles);
    std::vector<std::uint32_t> arts;
    for (std::uint32_t v = 0; v < c.n; ++v)
      if (r.articulation[v]) arts.push_back(v);
    CHECK(arts == c.articulation);
    CHECK(r.bridges == c.bridges);
    CHECK(r.betweenness_method == "exact");
    CHECK(r.betweenness_sources == c.n);
    REQUIRE(r.betweenness.size() == c.n);
    for (std::size_t v = 0; v < c.n; ++v) {
      INFO("unit " << v);
      CHECK(r.betweenness[v] == Approx(c.betweenness[v]).margin(1e-12).epsilon(1e-12));
    }
  }
}

TEST_CASE("betweenness is all zero below three units, and can be skipped", "[structure]") {
  ChainGraph pair(model_of(2, {{0, 1}, {1, 0}}));
  StructureResult r = analyze_structure(pair);
  CHECK(r.betweenness == std::vector<double>{0.0, 0.0});
  CHECK(r.cycles == std::vector<std::vector<std::uint32_t>>{{0, 1}});
  CHECK(r.bridges == std::vector<std::pair<std::uint32_t, std::uint32_t>>{{0, 1}});

  StructureOptions off;
  off.betweenness = false;
  StructureResult skipped = analyze_structure(ChainGraph(model_of(5, {{0, 1}, {1, 2}})), off);
  CHECK(skipped.betweenness.empty());
  CHECK(skipped.betweenness_method == "none");

  ChainGraph empty(Model{});
  StructureResult e = analyze_structure(empty);
  CHECK(e.cycles.empty());
  CHECK(e.betweenness.empty());
}

TEST_CASE("sampled betweenness: k sources, scaled by n/k, fixed seed", "[structure]") {
  const StructureCase &c = cases().back();  // a random graph
  ChainGraph graph(model_of(c.n, c.edges));
  StructureOptions sampled;
  sampled.exact_limit = 0;
  sampled.estimate = BetweennessEstimate::sources;
  sampled.samples = 7;
  StructureResult a = analyze_structure(graph, sampled);
  StructureResult b = analyze_structure(graph, sampled);
  CHECK(a.betweenness_method == "sampled");
  CHECK(a.betweenness_sources == 7);
  CHECK(a.betweenness == b.betweenness);  // bitwise: same seed, same sample

  // The estimate is the per-source Brandes sum over the drawn sources,
  // normalized by 1/((n-1)(n-2)) and scaled by n/k.
  auto drawn = betweenness_sample(c.n, 7, sampled.seed);
  REQUIRE(drawn.size() == 7);
  for (std::size_t i = 1; i < drawn.size(); ++i) CHECK(drawn[i - 1] < drawn[i]);
  std::vector<double> expected(c.n, 0.0);
  for (std::uint32_t s : drawn) {
    auto single = betweenness_from_sources(graph, {s}, 1);
    for (std::size_t v = 0; v < c.n; ++v) expected[v] += single[v];
  }
  const double n = static_cast<double>(c.n);
  for (std::size_t v = 0; v < c.n; ++v)
    CHECK(a.betweenness[v] == Approx(expected[v] / ((n - 1) * (n - 2)) * n / 7.0).margin(1e-12));
  // Summing the single-source contributions over every source gives NetworkX's exact values.
  std::vector<double> all_sources(c.n, 0.0);
  for (std::uint32_t s = 0; s < c.n; ++s) {
    auto single = betweenness_from_sources(graph, {s}, 1);
    for (std::size_t v = 0; v < c.n; ++v) all_sources[v] += single[v];
  }
  for (std::size_t v = 0; v < c.n; ++v)
    CHECK(all_sources[v] / ((n - 1) * (n - 2)) == Approx(c.betweenness[v]).margin(1e-12));

  // Exact on request even above the limit.
  StructureOptions forced = sampled;
  forced.exact_betweenness = true;
  StructureResult f = analyze_structure(graph, forced);
  CHECK(f.betweenness_method == "exact");
  for (std::size_t v = 0; v < c.n; ++v) CHECK(f.betweenness[v] == Approx(c.betweenness[v]).margin(1e-12));

  // Sampling every source is exact (k >= n).
  StructureOptions all = sampled;
  all.samples = c.n;
  CHECK(analyze_structure(graph, all).betweenness_method == "exact");
}

TEST_CASE("betweenness does not depend on the number of threads", "[structure]") {
  const StructureCase &c = cases().back();
  ChainGraph graph(model_of(c.n, c.edges));
  std::vector<std::uint32_t> sources(c.n);
  for (std::uint32_t v = 0; v < c.n; ++v) sources[v] = v;
  auto one = betweenness_from_sources(graph, sources, 1);
  auto two = betweenness_from_sources(graph, sources, 2);
  auto five = betweenness_from_sources(graph, sources, 5);
  CHECK(one == two);
  CHECK(one == five);
}
