// strongly_connected_components (servicechain/detail/scc.hpp): the graph
// algorithm below every layer, used by model validation and the analyses.
#include <catch2/catch.hpp>

#include <cstdint>
#include <utility>
#include <vector>

#include "servicechain/detail/scc.hpp"

using namespace servicechain;

namespace {

struct Csr {
  std::vector<std::uint32_t> offsets, targets;
};

Csr csr(std::uint32_t n, const std::vector<std::pair<std::uint32_t, std::uint32_t>> &edges) {
  Csr g;
  g.offsets.assign(n + 1, 0);
  for (auto [from, to] : edges) ++g.offsets[from + 1];
  for (std::uint32_t v = 0; v < n; ++v) g.offsets[v + 1] += g.offsets[v];
  g.targets.resize(edges.size());
  std::vector<std::uint32_t> fill(g.offsets.begin(), g.offsets.end() - 1);
  for (auto [from, to] : edges) g.targets[fill[from]++] = to;
  return g;
}

// Every edge u->v has component[u] >= component[v] (reverse topological ids).
bool reverse_topological(const Csr &g, const SccResult &r) {
  for (std::uint32_t u = 0; u + 1 < g.offsets.size(); ++u)
    for (auto e = g.offsets[u]; e < g.offsets[u + 1]; ++e)
      if (r.component[u] < r.component[g.targets[e]]) return false;
  return true;
}

}  // namespace

TEST_CASE("scc: an empty graph has no components", "[scc]") {
  const std::vector<std::uint32_t> none;
  auto r = strongly_connected_components(none, none);
  CHECK(r.count == 0);
  CHECK(r.component.empty());
}

TEST_CASE("scc: a chain has one component per vertex, numbered against the edges", "[scc]") {
  auto g = csr(4, {{0, 1}, {1, 2}, {2, 3}});
  auto r = strongly_connected_components(g.offsets, g.targets);
  CHECK(r.count == 4);
  CHECK(reverse_topological(g, r));
  CHECK(r.component[0] > r.component[3]);
}

TEST_CASE("scc: a cycle with a tail and a self-loop", "[scc]") {
  // 0 -> 1 -> 2 -> 0 is one component; 2 -> 3, 3 -> 3 (self-loop), 4 alone.
  auto g = csr(5, {{0, 1}, {1, 2}, {2, 0}, {2, 3}, {3, 3}});
  auto r = strongly_connected_components(g.offsets, g.targets);
  CHECK(r.count == 3);
  CHECK(r.component[0] == r.component[1]);
  CHECK(r.component[1] == r.component[2]);
  CHECK(r.component[3] != r.component[0]);
  CHECK(r.component[4] != r.component[0]);
  CHECK(r.component[4] != r.component[3]);
  CHECK(reverse_topological(g, r));
}

TEST_CASE("scc: a path of 200,000 vertices and a ring of as many need no recursion", "[scc]") {
  const std::uint32_t n = 200000;
  std::vector<std::pair<std::uint32_t, std::uint32_t>> edges;
  for (std::uint32_t v = 0; v + 1 < n; ++v) edges.emplace_back(v, v + 1);
  auto path = csr(n, edges);
  auto r = strongly_connected_components(path.offsets, path.targets);
  CHECK(r.count == n);
  CHECK(reverse_topological(path, r));
  edges.emplace_back(n - 1, 0);
  auto ring = csr(n, edges);
  CHECK(strongly_connected_components(ring.offsets, ring.targets).count == 1);
}
