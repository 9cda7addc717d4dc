// Betweenness with a guarantee (DESIGN §4.4, docs/structure.md): on generated
// charts of both shapes (local; a giant component around support units) up to
// 5,000 units, every estimated value is within epsilon of the exact one. The
// seeds are fixed, so the test is deterministic and cannot flake; the guarantee
// itself is probabilistic (delta), the measured errors are 2-5x below epsilon.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <vector>

#include "servicechain/analysis/chain/structure.hpp"
#include "servicechain/error.hpp"
#include "servicechain/generate.hpp"
#include "support/betweenness.hpp"

using namespace servicechain;
using servicechain::test::exact_betweenness;
using servicechain::test::max_error;

namespace {

/// The true vertex diameter: the most units on a shortest path (one BFS per unit).
std::size_t vertex_diameter(const ChainGraph &graph) {
  const std::size_t n = graph.unit_count();
  auto off = graph.out_offsets();
  auto out = graph.out_targets();
  std::size_t most = n > 0 ? 1 : 0;
  std::vector<std::int64_t> dist(n);
  std::vector<std::uint32_t> queue;
  for (std::uint32_t s = 0; s < n; ++s) {
    std::fill(dist.begin(), dist.end(), -1);
    queue.assign(1, s);
    dist[s] = 0;
    for (std::size_t head = 0; head < queue.size(); ++head)
      for (auto e = off[queue[head]]; e < off[queue[head] + 1]; ++e)
        if (dist[out[e]] < 0) {
          dist[out[e]] = dist[queue[head]] + 1;
          queue.push_back(out[e]);
        }
    most = std::max(most, static_cast<std::size_t>(dist[queue.back()] + 1));
  }
  return most;
}

/// A unit named prefix + v (appended: GCC 12 warns falsely on "x" + std::to_string).
Unit unit(const char *prefix, int v) {
  std::string id(prefix);
  id.append(std::to_string(v));
  return Unit{id, "", std::nullopt, Level::operative, 1.0, {}};
}

}  // namespace

TEST_CASE("guaranteed betweenness is within epsilon of the exact values on both shapes", "[structure][estimate]") {
  struct Case {
    std::size_t units;
    double support_share;
    std::uint64_t seed;
    double epsilon;
  };
  for (const Case c : {Case{5000, 0.0, 1, 0.01}, Case{5000, 0.3, 1, 0.01}, Case{1500, 0.5, 7, 0.01},
                       Case{1500, 0.0, 7, 0.005}, Case{800, 0.3, 3, 0.03}}) {
    const Model model = test::generated_chart(c.units, c.support_share, c.seed);
    const ChainGraph graph(model);
    const std::vector<double> truth = exact_betweenness(graph);
    for (BetweennessEstimate method : {BetweennessEstimate::paths, BetweennessEstimate::kadabra}) {
      INFO("units " << c.units << " support share " << c.support_share << " seed " << c.seed << " epsilon "
                    << c.epsilon << " method " << (method == BetweennessEstimate::paths ? "paths" : "kadabra"));
      BetweennessEstimateResult r = estimate_betweenness(graph, method, c.epsilon, 0.1, 42, 2);
      CHECK(max_error(r.betweenness, truth) <= c.epsilon);
      // The support units' paths come from the heavy-unit tables; a local chart has none.
      CHECK((r.heavy_units > 0) == (c.support_share > 0));
      CHECK(r.samples > 0);
      CHECK(r.samples >= r.first_phase);
    }
  }
}

namespace {

/// Three heavy units around a ring of 300 units: each ring unit serves some of
/// them and is served by some, and they serve one another (H0 -> H1 -> H2 -> H0).
/// Many pairs have shortest paths of the same length through the ring alone,
/// through one heavy unit or another, and through two heavy units in a row.
Model hub_and_ring() {
  Model m;
  constexpr int ring = 300;
  for (int v = 0; v < ring; ++v) m.units.push_back(unit("L", v));
  for (int h = 0; h < 3; ++h) m.units.push_back(unit("H", h));
  auto add = [&](const char *from, int f, const char *to, int t) {
    std::string a(from), b(to);
    a.append(std::to_string(f));
    b.append(std::to_string(t));
    m.services.push_back(Service{a, b, "", 0.5, {}, {}});
  };
  for (int v = 0; v < ring; ++v) {
    add("L", v, "L", (v + 1) % ring);
    if (v % 2 == 0) add("L", v, "H", 0);
    if (v % 3 == 0) add("H", 0, "L", v);
    if (v % 3 == 1) add("L", v, "H", 1);
    if (v % 2 == 1) add("H", 1, "L", v);
    if (v % 5 == 0) add("L", v, "H", 2);
    if (v % 4 == 2) add("H", 2, "L", v);
  }
  add("H", 0, "H", 1);
  add("H", 1, "H", 2);
  add("H", 2, "H", 0);
  return m;
}

/// Pairs whose shortest paths tie between light units and two heavy units in a
/// row: every X unit reaches every Y unit in four services, X -> P -> B -> Q -> Y
/// or X -> H0 -> H1 -> R -> Y (half each). H0 and H1 also serve, and are
/// served by, 100 filler units, so they are heavy; B has 20 services, no more.
Model bridge_and_heavy_units() {
  Model m;
  auto add_units = [&](const char *prefix, int count) {
    for (int v = 0; v < count; ++v) m.units.push_back(unit(prefix, v));
  };
  add_units("X", 100), add_units("Y", 100), add_units("P", 10), add_units("Q", 10), add_units("R", 10);
  add_units("F", 100), add_units("H", 2), add_units("B", 1);
  auto add = [&](const char *from, int f, const char *to, int t) {
    std::string a(from), b(to);
    a.append(std::to_string(f));
    b.append(std::to_string(t));
    m.services.push_back(Service{a, b, "", 0.5, {}, {}});
  };
  for (int v = 0; v < 100; ++v) {
    add("X", v, "P", v % 10), add("Q", v % 10, "Y", v);
    add("X", v, "H", 0), add("R", v % 10, "Y", v);
    add("F", v, "H", v % 2), add("H", v % 2, "F", v);
  }
  for (int k = 0; k < 10; ++k) add("P", k, "B", 0), add("B", 0, "Q", k), add("H", 1, "R", k);
  add("H", 0, "H", 1);
  return m;
}

}  // namespace

TEST_CASE("guaranteed betweenness: paths tied between light units and two heavy units in a row",
          "[structure][estimate]") {
  const Model model = bridge_and_heavy_units();
  const ChainGraph graph(model);
  const std::vector<double> truth = exact_betweenness(graph);
  const auto index = [&](const char *id) {  // graph units are in the model's order
    return static_cast<std::size_t>(
        std::find_if(model.units.begin(), model.units.end(), [&](const Unit &u) { return u.id == id; }) -
        model.units.begin());
  };
  // Half the X -> Y pairs through B: a sampler blind to the light paths tied
  // with heavy ones (or to the heavy ones) would be off by far more than epsilon.
  REQUIRE(truth[index("B0")] > 0.04);
  for (BetweennessEstimate method : {BetweennessEstimate::paths, BetweennessEstimate::kadabra}) {
    INFO("method " << (method == BetweennessEstimate::paths ? "paths" : "kadabra"));
    BetweennessEstimateResult r = estimate_betweenness(graph, method, 0.01, 0.1, 42, 2);
    CHECK(r.heavy_units == 2);
    CHECK(max_error(r.betweenness, truth) <= 0.01);
  }
}

TEST_CASE("guaranteed betweenness: ties between ring paths and paths through one or several heavy units",
          "[structure][estimate]") {
  const Model model = hub_and_ring();
  const ChainGraph graph(model);
  const std::vector<double> truth = exact_betweenness(graph);
  for (BetweennessEstimate method : {BetweennessEstimate::paths, BetweennessEstimate::kadabra})
    for (std::uint64_t seed : {42, 43}) {
      INFO("method " << (method == BetweennessEstimate::paths ? "paths" : "kadabra") << " seed " << seed);
      BetweennessEstimateResult r = estimate_betweenness(graph, method, 0.01, 0.1, seed, 2);
      CHECK(r.heavy_units == 3);
      CHECK(max_error(r.betweenness, truth) <= 0.01);
    }
  // Without the ring, ring units are only reached through heavy units, several
  // in a row for some pairs: still within epsilon.
  Model spokes = model;
  std::erase_if(spokes.services, [](const Service &s) { return s.from[0] == 'L' && s.to[0] == 'L'; });
  const ChainGraph spoke_graph(spokes);
  BetweennessEstimateResult r = estimate_betweenness(spoke_graph, BetweennessEstimate::paths, 0.01, 0.1, 7, 2);
  CHECK(r.heavy_units == 3);
  CHECK(max_error(r.betweenness, exact_betweenness(spoke_graph)) <= 0.01);
}

TEST_CASE("guaranteed betweenness: the same for a seed whatever the threads, another seed another", "[structure][estimate]") {
  const Model model = test::generated_chart(3000, 0.3, 4);
  const ChainGraph graph(model);
  for (BetweennessEstimate method : {BetweennessEstimate::paths, BetweennessEstimate::kadabra}) {
    auto one = estimate_betweenness(graph, method, 0.02, 0.1, 9, 1);
    auto two = estimate_betweenness(graph, method, 0.02, 0.1, 9, 2);
    auto three = estimate_betweenness(graph, method, 0.02, 0.1, 9, 3);
    CHECK(one.betweenness == two.betweenness);  // bitwise
    CHECK(one.betweenness == three.betweenness);
    CHECK(one.samples == three.samples);
    auto other = estimate_betweenness(graph, method, 0.02, 0.1, 10, 2);
    CHECK_FALSE(other.betweenness == one.betweenness);
  }
}

TEST_CASE("the two-phase estimate: the first phase vouches for a layered chart, the giant component needs the second",
          "[structure][estimate]") {
  const Model local = test::generated_chart(4000, 0.0, 2), giant = test::generated_chart(4000, 0.3, 2);
  const ChainGraph lg(local), gg(giant);
  auto l = estimate_betweenness(lg, BetweennessEstimate::paths, 0.01, 0.1, 42, 2);
  auto g = estimate_betweenness(gg, BetweennessEstimate::paths, 0.01, 0.1, 42, 2);
  // Phase 1: ceil(2.5·ln(4n/delta)/eps') draws, eps' = eps·(n-2)/n.
  const double n = 4000, eps = 0.01 * (n - 2) / n;
  const auto first = static_cast<std::size_t>(std::ceil(2.5 * std::log(4 * n / 0.1) / eps));
  CHECK(l.first_phase == first);
  CHECK(g.first_phase == first);
  // The support units' betweenness (about 0.3) needs more draws than phase 1 has.
  CHECK(g.cap > 0);
  CHECK(g.samples == g.first_phase + g.cap);
  CHECK(*std::max_element(g.betweenness.begin(), g.betweenness.end()) > 0.2);
  CHECK(*std::max_element(l.betweenness.begin(), l.betweenness.end()) < 0.05);
  // A looser epsilon, fewer draws.
  CHECK(estimate_betweenness(gg, BetweennessEstimate::paths, 0.05, 0.1, 42, 2).samples < g.samples);
}

TEST_CASE("vertex diameter bound is at least the true vertex diameter", "[structure][estimate]") {
  for (double share : {0.0, 0.3}) {
    for (std::uint64_t seed : {1, 2}) {
      const Model model = test::generated_chart(400, share, seed);
      const ChainGraph graph(model);
      INFO("support share " << share << " seed " << seed);
      const std::size_t bound = vertex_diameter_bound(graph), truth = vertex_diameter(graph);
      CHECK(bound >= truth);
      CHECK(bound <= graph.unit_count());
    }
  }
  // A line of 5 units and a cycle of 6: both exact.
  Model line;
  for (int v = 0; v < 5; ++v) line.units.push_back(unit("a", v));
  for (int v = 0; v + 1 < 5; ++v) line.services.push_back(Service{line.units[v].id, line.units[v + 1].id, "", 0.5, {}, {}});
  CHECK(vertex_diameter_bound(ChainGraph(line)) == 5);
  Model ring = line;
  ring.units.push_back(unit("a", 5));
  ring.services.push_back(Service{"a4", "a5", "", 0.5, {}, {}});
  ring.services.push_back(Service{"a5", "a0", "", 0.5, {}, {}});
  CHECK(vertex_diameter_bound(ChainGraph(ring)) == 6);
}

TEST_CASE("guaranteed betweenness: small and empty charts, bad options", "[structure][estimate]") {
  Model two;
  two.units = {unit("a", 0), unit("a", 1)};
  CHECK(estimate_betweenness(ChainGraph(two), BetweennessEstimate::paths, 0.01, 0.1, 1).betweenness ==
        std::vector<double>{0.0, 0.0});
  // No services: every pair is unreachable, every value 0.
  const Model loose = [] {
    Model m;
    for (int v = 0; v < 50; ++v) m.units.push_back(unit("u", v));
    return m;
  }();
  for (BetweennessEstimate method : {BetweennessEstimate::paths, BetweennessEstimate::kadabra}) {
    auto r = estimate_betweenness(ChainGraph(loose), method, 0.01, 0.1, 1);
    CHECK(r.betweenness == std::vector<double>(50, 0.0));
  }
  const ChainGraph graph(test::generated_chart(100, 0.3, 1));
  CHECK_THROWS_AS(estimate_betweenness(graph, BetweennessEstimate::paths, 0, 0.1, 1), ArgumentError);
  CHECK_THROWS_AS(estimate_betweenness(graph, BetweennessEstimate::paths, 0.01, 1, 1), ArgumentError);
  CHECK_THROWS_AS(estimate_betweenness(graph, BetweennessEstimate::kadabra, 1.5, 0.1, 1), ArgumentError);
  CHECK_THROWS_AS(estimate_betweenness(graph, BetweennessEstimate::sources, 0.01, 0.1, 1), ArgumentError);
}

TEST_CASE("analyze_structure uses the guaranteed estimate above the exact limit and says so", "[structure][estimate]") {
  const ChainGraph graph(test::generated_chart(600, 0.3, 5));
  StructureOptions o;
  o.exact_limit = 100;
  o.epsilon = 0.03;
  StructureResult r = analyze_structure(graph, o);
  CHECK(r.betweenness_method == "paths");
  CHECK(r.betweenness_epsilon == 0.03);
  CHECK(r.betweenness_delta == 0.1);
  CHECK(r.betweenness_sources == 0);
  CHECK(r.betweenness_samples == estimate_betweenness(graph, BetweennessEstimate::paths, 0.03, 0.1, o.seed).samples);
  CHECK(max_error(r.betweenness, exact_betweenness(graph)) <= 0.03);
  o.estimate = BetweennessEstimate::kadabra;
  CHECK(analyze_structure(graph, o).betweenness_method == "kadabra");
  o.estimate = BetweennessEstimate::sources;
  StructureResult s = analyze_structure(graph, o);
  CHECK(s.betweenness_method == "sampled");
  CHECK(s.betweenness_sources == 256);
  CHECK(s.betweenness_samples == 0);
  o.exact_betweenness = true;
  CHECK(analyze_structure(graph, o).betweenness_method == "exact");
}
