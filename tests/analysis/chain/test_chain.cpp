// Chain analyses (§4.1–§4.3): propagation, CSI, impact, weakest link, distances,
// layers, ratings, span of control, DOT, and the analyze command. Small chains
// are checked against values worked out by hand; random models against
// independent references written here (a dense Gaussian elimination, central
// finite differences of the CSI, shuffled copies of the model).
#include <catch2/catch.hpp>

#include "support/command.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <map>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "servicechain/analysis/chain/analyze.hpp"
#include "servicechain/analysis/chain/dot.hpp"
#include "servicechain/analysis/chain/impact.hpp"
#include "servicechain/analysis/chain/metrics.hpp"
#include "servicechain/analysis/chain/propagation.hpp"
#include "servicechain/analysis/people/fit.hpp"
#include "servicechain/generate.hpp"
#include "servicechain/io/files.hpp"
#include "servicechain/io/model_json.hpp"

#include <filesystem>
#include <unistd.h>

using namespace servicechain;
using Catch::Matchers::WithinAbs;

namespace {

// ---- building small models ------------------------------------------------

struct Builder {
  Model model;
  Builder &unit(std::string id, double quality, std::optional<std::string> parent = std::nullopt) {
    Unit u;
    u.id = std::move(id);
    u.name = u.id;
    u.quality = quality;
    u.parent = std::move(parent);
    model.units.push_back(std::move(u));
    return *this;
  }
  Builder &service(std::string from, std::string to, double weight, std::optional<double> rating = std::nullopt) {
    Service s;
    s.from = std::move(from);
    s.to = std::move(to);
    s.weight = weight;
    s.rating = rating;
    model.services.push_back(std::move(s));
    return *this;
  }
  Builder &segment(std::string id, double size) {
    Segment c;
    c.id = std::move(id);
    c.size = size;
    model.segments.push_back(std::move(c));
    return *this;
  }
  Builder &moment(std::string id, std::string segment, std::string owner, double importance = 1) {
    MomentOfTruth m;
    m.id = std::move(id);
    m.segment = std::move(segment);
    m.owner = std::move(owner);
    m.importance = importance;
    model.moments.push_back(std::move(m));
    return *this;
  }
};

// a -> b -> c; c owns the only moment. s = (0.5, 0.8, 0.9), w_ab = 0.4, w_bc = 0.5.
Model line() {
  return Builder{}
      .unit("a", 0.5)
      .unit("b", 0.8)
      .unit("c", 0.9)
      .service("a", "b", 0.4)
      .service("b", "c", 0.5)
      .segment("guests", 1)
      .moment("m", "guests", "c")
      .model;
}

// a serves b and c, both serve d; b and d own moments; e serves nobody.
Model diamond() {
  return Builder{}
      .unit("a", 0.6)
      .unit("b", 0.9, "a")
      .unit("c", 0.7, "a")
      .unit("d", 0.8, "b")
      .unit("e", 0.3)
      .service("a", "b", 0.5, 0.9)
      .service("a", "c", 0.2, 0.6)
      .service("b", "d", 0.3)
      .service("c", "d", 0.3, 0.5)
      .segment("X", 2)
      .segment("Y", 1)
      .segment("empty", 5)
      .moment("x1", "X", "d")
      .moment("y1", "Y", "b", 3)
      .moment("y2", "Y", "d", 1)
      .model;
}

// a <-> b (w_ab = 0.5, w_ba = 0.4); b owns the moment.
Model two_cycle() {
  return Builder{}
      .unit("a", 0.6)
      .unit("b", 0.9)
      .service("a", "b", 0.5)
      .service("b", "a", 0.4)
      .segment("guests", 1)
      .moment("m", "guests", "b")
      .model;
}

// ---- random models ----------------------------------------------------------

// n units with s in [0.1, 0.9]; about `degree` inputs per unit with total weight
// at most 0.9 (so no loop is closed); cycles allowed; two segments.
Model random_model(std::uint64_t seed, std::size_t n, double degree) {
  std::mt19937_64 rng(seed);
  std::uniform_real_distribution<double> unit01(0.0, 1.0);
  Builder b;
  for (std::size_t v = 0; v < n; ++v) {
    std::string id = std::to_string(v);
    id.insert(id.begin(), 'u');
    b.unit(id, 0.1 + 0.8 * unit01(rng), v == 0 ? std::nullopt : std::optional<std::string>(b.model.units[rng() % v].id));
  }
  for (std::size_t v = 0; v < n; ++v) {
    std::size_t k = static_cast<std::size_t>(degree * 2 * unit01(rng));
    std::vector<double> w(k);
    double total = 0;
    for (auto &x : w) total += (x = 0.05 + unit01(rng));
    double cap = 0.9 * unit01(rng);
    for (std::size_t i = 0; i < k; ++i) {
      std::size_t u = rng() % n;
      if (u == v) continue;
      b.service(b.model.units[u].id, b.model.units[v].id, w[i] / total * cap,
                unit01(rng) < 0.3 ? std::optional<double>(unit01(rng)) : std::nullopt);
    }
  }
  b.segment("s0", 3).segment("s1", 1.5);
  for (std::size_t m = 0; m < std::max<std::size_t>(2, n / 4); ++m) {
    std::string id = std::to_string(m);
    id.insert(id.begin(), 'm');
    b.moment(id, m % 2 ? "s1" : "s0", b.model.units[rng() % n].id, 0.5 + unit01(rng));
  }
  return b.model;
}

// Dense reference for the linear model: (I - A) q = (1 - W) s by Gaussian
// elimination with partial pivoting over all units at once.
std::vector<double> dense_linear(const Model &model, const std::vector<double> &s) {
  const std::size_t n = model.units.size();
  std::map<std::string, std::size_t> index;
  for (std::size_t u = 0; u < n; ++u) index[model.units[u].id] = u;
  std::vector<std::vector<double>> a(n, std::vector<double>(n + 1, 0.0));
  std::vector<double> W(n, 0.0);
  for (const auto &x : model.services) W[index[x.to]] += x.weight;
  for (std::size_t v = 0; v < n; ++v) {
    a[v][v] = 1;
    a[v][n] = (1 - W[v]) * s[v];
  }
  for (const auto &x : model.services) a[index[x.to]][index[x.from]] -= x.weight;
  for (std::size_t col = 0; col < n; ++col) {
    std::size_t best = col;
    for (std::size_t r = col + 1; r < n; ++r)
      if (std::fabs(a[r][col]) > std::fabs(a[best][col])) best = r;
    std::swap(a[col], a[best]);
    for (std::size_t r = 0; r < n; ++r) {
      if (r == col || a[r][col] == 0) continue;
      double f = a[r][col] / a[col][col];
      for (std::size_t j = col; j <= n; ++j) a[r][j] -= f * a[col][j];
    }
  }
  std::vector<double> q(n);
  for (std::size_t v = 0; v < n; ++v) q[v] = a[v][n] / a[v][v];
  return q;
}

double csi_of(const ChainGraph &g, const std::vector<double> &s, PropagationModel m) {
  return *csi(g, propagate(g, s, m).delivered);
}

}  // namespace

// ---- hand-computed chains ---------------------------------------------------

TEST_CASE("chain: a line, linear model", "[chain]") {
  Model model = line();
  ChainGraph g(model);
  auto s = intrinsic_quality(model);
  auto q = propagate(g, s);
  CHECK_THAT(q.delivered[0], WithinAbs(0.5, 1e-15));
  CHECK_THAT(q.delivered[1], WithinAbs(0.68, 1e-15));  // 0.6·0.8 + 0.4·0.5
  CHECK_THAT(q.delivered[2], WithinAbs(0.79, 1e-15));  // 0.5·0.9 + 0.5·0.68
  CHECK_THAT(*csi(g, q.delivered), WithinAbs(79, 1e-12));
  CHECK(q.iterations == 0);
  CHECK(q.cyclic_components == 0);
  // λ = (20, 50, 100); impact = (1 - W)·λ
  auto im = impact(g, s, q.delivered);
  CHECK_THAT(*im.impact[0], WithinAbs(20, 1e-12));
  CHECK_THAT(*im.impact[1], WithinAbs(30, 1e-12));
  CHECK_THAT(*im.impact[2], WithinAbs(50, 1e-12));
  auto weak = weakest_upstream(model, g, s);
  for (const auto &w : weak) {
    CHECK(w.unit == 0);
    CHECK(w.quality == 0.5);
  }
  auto d = customer_distance(g);
  CHECK(d == std::vector<std::optional<std::uint32_t>>{2u, 1u, 0u});
}

TEST_CASE("chain: a line, geometric model", "[chain]") {
  Model model = line();
  ChainGraph g(model);
  auto s = intrinsic_quality(model);
  auto q = propagate(g, s, PropagationModel::geometric);
  const double qa = 0.5, qb = std::pow(0.8, 0.6) * std::pow(0.5, 0.4), qc = std::pow(0.9, 0.5) * std::pow(qb, 0.5);
  CHECK_THAT(q.delivered[0], WithinAbs(qa, 1e-15));
  CHECK_THAT(q.delivered[1], WithinAbs(qb, 1e-15));
  CHECK_THAT(q.delivered[2], WithinAbs(qc, 1e-15));
  CHECK_THAT(*csi(g, q.delivered), WithinAbs(100 * qc, 1e-12));
  // ∂q_c/∂s_c = 0.5·q_c/0.9; ∂q_c/∂s_b = 0.5·q_c/q_b · 0.6·q_b/0.8; ∂q_c/∂s_a = 0.5·q_c/q_b · 0.4·q_b/q_a · q_a/0.5
  auto im = impact(g, s, q.delivered, PropagationModel::geometric);
  CHECK_THAT(*im.impact[2], WithinAbs(100 * 0.5 * qc / 0.9, 1e-12));
  CHECK_THAT(*im.impact[1], WithinAbs(100 * 0.5 * 0.6 * qc / 0.8, 1e-12));
  CHECK_THAT(*im.impact[0], WithinAbs(100 * 0.5 * 0.4 * qc / 0.5, 1e-12));
}

TEST_CASE("chain: geometric zero quality spreads downstream and has no impact", "[chain]") {
  Model model = line();
  model.units[0].quality = 0.0;
  ChainGraph g(model);
  auto s = intrinsic_quality(model);
  auto q = propagate(g, s, PropagationModel::geometric);
  CHECK(q.delivered == std::vector<double>{0, 0, 0});
  CHECK(*csi(g, q.delivered) == 0);
  auto im = impact(g, s, q.delivered, PropagationModel::geometric);
  CHECK(!im.impact[0]);  // s = 0
  CHECK(!im.impact[1]);  // q = 0
  CHECK(!im.impact[2]);
  // the linear model has no such rule: a zero supplier only lowers the others
  auto lin = propagate(g, s);
  CHECK_THAT(lin.delivered[1], WithinAbs(0.48, 1e-15));
}

TEST_CASE("chain: a diamond and a unit with no customer", "[chain]") {
  Model model = diamond();
  ChainGraph g(model);
  auto s = intrinsic_quality(model);
  auto q = propagate(g, s);
  std::vector<double> expected{0.6, 0.75, 0.68, 0.749, 0.3};
  for (std::size_t u = 0; u < 5; ++u) CHECK_THAT(q.delivered[u], WithinAbs(expected[u], 1e-15));
  auto sat = satisfaction(g, q.delivered);
  CHECK_THAT(*sat.segment_satisfaction[0], WithinAbs(0.749, 1e-15));
  CHECK_THAT(*sat.segment_satisfaction[1], WithinAbs(0.74975, 1e-15));  // (3·0.75 + 0.749) / 4
  CHECK(!sat.segment_satisfaction[2]);                                  // no moments: left out of the CSI
  CHECK_THAT(*sat.csi, WithinAbs(74.925, 1e-12));                       // 100·(2·0.749 + 0.74975) / 3
  CHECK(sat.moment_quality == std::vector<double>{q.delivered[3], q.delivered[1], q.delivered[3]});
  // g_d = 100·(2/3 + 1/3·1/4) = 75, g_b = 100·1/3·3/4 = 25; λ = (28.25, 47.5, 22.5, 75, 0)
  auto im = impact(g, s, q.delivered);
  std::vector<double> expected_impact{28.25, 23.75, 18, 30, 0};
  for (std::size_t u = 0; u < 5; ++u) CHECK_THAT(*im.impact[u], WithinAbs(expected_impact[u], 1e-12));

  auto weak = weakest_upstream(model, g, s);
  CHECK(weak[3].unit == 0);  // a (0.6) feeds d through b and c
  CHECK(weak[2].unit == 0);
  CHECK(weak[4].unit == 4);  // e alone
  auto d = customer_distance(g);
  CHECK(d == std::vector<std::optional<std::uint32_t>>{1u, 0u, 1u, 0u, std::nullopt});
  auto layers = unit_layers(model);
  CHECK(layers == std::vector<std::uint32_t>{0, 1, 1, 2, 0});
  // f^(layers + distance) for every unit that reaches a customer: h = 1, 1, 2, 2, none
  auto fidelity = message_fidelity(d, layers, 0.9);
  CHECK_THAT(*fidelity[0], WithinAbs(0.9, 1e-15));
  CHECK_THAT(*fidelity[1], WithinAbs(0.9, 1e-15));
  CHECK_THAT(*fidelity[2], WithinAbs(0.81, 1e-15));
  CHECK_THAT(*fidelity[3], WithinAbs(0.81, 1e-15));
  CHECK(!fidelity[4]);  // e reaches no customer
  // a supplies b (0.5, rated 0.9) and c (0.2, rated 0.6): (0.45 + 0.12) / 0.7
  auto rating = internal_rating(model);
  CHECK_THAT(*rating[0], WithinAbs(0.57 / 0.7, 1e-15));
  CHECK(!rating[1]);  // b's service to d is not rated
  CHECK_THAT(*rating[2], WithinAbs(0.5, 1e-15));
  auto gap = rating_gap(rating, q.delivered);
  CHECK_THAT(*gap[0], WithinAbs(0.57 / 0.7 - 0.6, 1e-15));
  CHECK_THAT(*gap[2], WithinAbs(0.5 - 0.68, 1e-15));
}

TEST_CASE("chain: a 2-cycle, both models", "[chain]") {
  Model model = two_cycle();
  ChainGraph g(model);
  auto s = intrinsic_quality(model);
  auto q = propagate(g, s);
  // q_a = 0.36 + 0.4·q_b, q_b = 0.45 + 0.5·q_a  =>  q_a = 0.675, q_b = 0.7875
  CHECK_THAT(q.delivered[0], WithinAbs(0.675, 1e-14));
  CHECK_THAT(q.delivered[1], WithinAbs(0.7875, 1e-14));
  CHECK(q.cyclic_components == 1);
  CHECK(q.converged);
  // λ_a = 0.5·λ_b, λ_b = 100 + 0.4·λ_a  =>  λ_b = 125, λ_a = 62.5
  auto im = impact(g, s, q.delivered);
  CHECK_THAT(*im.impact[0], WithinAbs(0.6 * 62.5, 1e-11));
  CHECK_THAT(*im.impact[1], WithinAbs(0.5 * 125, 1e-11));

  // geometric: y = log q solves y_a = 0.6·ln 0.6 + 0.4·y_b, y_b = 0.5·ln 0.9 + 0.5·y_a
  const double ya = (0.6 * std::log(0.6) + 0.2 * std::log(0.9)) / 0.8, yb = 0.5 * std::log(0.9) + 0.5 * ya;
  auto gq = propagate(g, s, PropagationModel::geometric);
  CHECK_THAT(gq.delivered[0], WithinAbs(std::exp(ya), 1e-14));
  CHECK_THAT(gq.delivered[1], WithinAbs(std::exp(yb), 1e-14));
  // d y_b / d ln s_a = 0.6·0.5 / 0.8, d y_b / d ln s_b = 0.5 / 0.8; CSI = 100·e^{y_b}
  auto gi = impact(g, s, gq.delivered, PropagationModel::geometric);
  CHECK_THAT(*gi.impact[0], WithinAbs(100 * std::exp(yb) * 0.375 / 0.6, 1e-11));
  CHECK_THAT(*gi.impact[1], WithinAbs(100 * std::exp(yb) * 0.625 / 0.9, 1e-11));

  auto weak = weakest_upstream(model, g, s);
  CHECK(weak[0].unit == 0);
  CHECK(weak[1].unit == 0);
}

TEST_CASE("chain: weakest upstream breaks ties by id in byte order", "[chain]") {
  Model model = Builder{}
                    .unit("alpha", 0.5)
                    .unit("Zeta", 0.5)
                    .unit("t", 0.9)
                    .service("alpha", "t", 0.3)
                    .service("Zeta", "t", 0.3)
                    .model;
  ChainGraph g(model);
  auto weak = weakest_upstream(model, g, intrinsic_quality(model));
  CHECK(weak[2].unit == 1);  // "Zeta" < "alpha" in byte order
  CHECK(weak[0].unit == 0);
}

TEST_CASE("chain: no moments make the CSI and the impact null", "[chain]") {
  Model model = Builder{}.unit("a", 0.5).unit("b", 0.7).service("a", "b", 0.5).model;
  ChainGraph g(model);
  auto s = intrinsic_quality(model);
  auto q = propagate(g, s);
  CHECK(!csi(g, q.delivered));
  auto im = impact(g, s, q.delivered);
  CHECK(!im.impact[0]);
  CHECK(!im.impact[1]);
  auto d = customer_distance(g);
  CHECK(!d[0]);
}

TEST_CASE("chain: impact per person and span of control", "[chain]") {
  Model model = diamond();
  auto person = [](std::string id, std::string unit, std::optional<std::string> manager) {
    Person p;
    p.id = std::move(id);
    p.unit = std::move(unit);
    p.manager = std::move(manager);
    return p;
  };
  model.people = {person("boss", "a", std::nullopt), person("x", "b", "boss"), person("y", "b", "boss"),
                  person("z", "d", "x"), person("w", "d", "boss")};
  auto headcount = unit_headcount(model);
  CHECK(headcount == std::vector<std::size_t>{1, 2, 0, 2, 0});
  std::vector<std::optional<double>> im{10.0, 4.0, 3.0, std::nullopt, 1.0};
  auto per = impact_per_person(im, headcount);
  CHECK(*per[0] == 10.0);
  CHECK(*per[1] == 2.0);
  CHECK(!per[2]);  // nobody there
  CHECK(!per[3]);  // null impact
  CHECK(!per[4]);
  auto span = span_of_control(model);
  REQUIRE(span.managers.size() == 2);
  CHECK(span.managers[0].person == 0);
  CHECK(span.managers[0].direct_reports == 3);
  CHECK(span.managers[1].person == 1);
  CHECK(span.managers[1].direct_reports == 1);
  CHECK(*span.min == 1);
  CHECK(*span.max == 3);
  CHECK(*span.mean == 2.0);
  CHECK(!span_of_control(line()).mean);
}

// ---- properties on random models ---------------------------------------------

TEST_CASE("chain: linear propagation equals a dense solve", "[chain][random]") {
  for (std::uint64_t seed = 1; seed <= 20; ++seed) {
    Model model = random_model(seed, 5 + seed * 3, 2.0);
    ChainGraph g(model);
    auto s = intrinsic_quality(model);
    auto q = propagate(g, s);
    auto reference = dense_linear(model, s);
    INFO("seed " << seed);
    REQUIRE(q.converged);
    for (std::size_t u = 0; u < reference.size(); ++u) CHECK_THAT(q.delivered[u], WithinAbs(reference[u], 1e-12));
  }
}

TEST_CASE("chain: impact equals a central finite difference of the CSI", "[chain][random]") {
  const double h = 1e-6;
  for (auto m : {PropagationModel::linear, PropagationModel::geometric}) {
    for (std::uint64_t seed = 1; seed <= 12; ++seed) {
      Model model = random_model(100 + seed, 4 + seed * 2, 1.5);
      ChainGraph g(model);
      auto s = intrinsic_quality(model);
      auto q = propagate(g, s, m);
      auto im = impact(g, s, q.delivered, m);
      INFO("model " << to_string(m) << " seed " << seed);
      for (std::size_t u = 0; u < s.size(); ++u) {
        auto up = s, down = s;
        up[u] += h;
        down[u] -= h;
        double fd = (csi_of(g, up, m) - csi_of(g, down, m)) / (2 * h);
        REQUIRE(im.impact[u]);
        CHECK_THAT(*im.impact[u], WithinAbs(fd, 1e-6));
      }
    }
  }
}

TEST_CASE("chain: results do not depend on the order of units and services", "[chain][random]") {
  for (std::uint64_t seed = 1; seed <= 8; ++seed) {
    Model model = random_model(200 + seed, 30, 2.0);
    Model shuffled = model;
    std::mt19937_64 rng(seed);
    std::shuffle(shuffled.units.begin(), shuffled.units.end(), rng);
    std::shuffle(shuffled.services.begin(), shuffled.services.end(), rng);
    for (auto m : {PropagationModel::linear, PropagationModel::geometric}) {
      ChainAnalysisOptions options;
      options.model = m;
      auto a = analyze_chain(model, options);
      auto b = analyze_chain(shuffled, options);
      INFO("seed " << seed << " model " << to_string(m));
      CHECK_THAT(*b.satisfaction.csi, WithinAbs(*a.satisfaction.csi, 1e-11));
      std::map<std::string, std::size_t> where;
      for (std::size_t u = 0; u < shuffled.units.size(); ++u) where[shuffled.units[u].id] = u;
      for (std::size_t u = 0; u < model.units.size(); ++u) {
        auto v = where[model.units[u].id];
        CHECK_THAT(b.propagation.delivered[v], WithinAbs(a.propagation.delivered[u], 1e-13));
        CHECK_THAT(*b.impact.impact[v], WithinAbs(*a.impact.impact[u], 1e-11));
        CHECK(shuffled.units[b.weakest_upstream[v].unit].id == model.units[a.weakest_upstream[u].unit].id);
        CHECK(b.customer_distance[v] == a.customer_distance[u]);
        CHECK(b.layers[v] == a.layers[u]);
        CHECK(b.structure.articulation[v] == a.structure.articulation[u]);
        CHECK_THAT(b.structure.betweenness[v], WithinAbs(a.structure.betweenness[u], 1e-12));
      }
      // the printed sets are in id order, so they match id for id
      auto ids = [](const Model &mo, const ChainAnalysis &x) {
        std::vector<std::vector<std::string>> out;
        for (const auto &c : x.cycles_by_id) {
          out.emplace_back();
          for (auto u : c) out.back().push_back(mo.units[u].id);
        }
        for (const auto &[p, r] : x.bridges_by_id) out.push_back({mo.units[p].id, mo.units[r].id});
        return out;
      };
      CHECK(ids(model, a) == ids(shuffled, b));
    }
  }
}

TEST_CASE("chain: a large component goes through the iterative path and matches the dense one", "[chain]") {
  // 300 units on a ring with chords: one strongly connected component.
  const std::size_t n = 300;
  std::mt19937_64 rng(7);
  std::uniform_real_distribution<double> unit01(0.0, 1.0);
  Builder b;
  auto id = [](std::size_t v) {
    std::string s = std::to_string(v);
    s.insert(s.begin(), 'r');
    return s;
  };
  for (std::size_t v = 0; v < n; ++v) b.unit(id(v), 0.2 + 0.7 * unit01(rng));
  for (std::size_t v = 0; v < n; ++v) {
    b.service(id((v + n - 1) % n), id(v), 0.3 + 0.3 * unit01(rng));
    std::size_t chord = rng() % n;
    if (chord != v) b.service(id(chord), id(v), 0.2 * unit01(rng) + 1e-3);  // no self-loops (validation refuses them)
  }
  b.segment("all", 1);
  for (std::size_t v = 0; v < n; v += 7) b.moment(id(v), "all", id(v));
  Model model = b.model;
  ChainGraph g(model);
  REQUIRE(g.components().count == 1);
  auto s = intrinsic_quality(model);
  PropagationOptions iterative, direct;
  iterative.direct_size = 64;
  direct.direct_size = 1000;
  for (auto m : {PropagationModel::linear, PropagationModel::geometric}) {
    auto qi = propagate(g, s, m, iterative);
    auto qd = propagate(g, s, m, direct);
    CHECK(qi.iterations > 0);
    CHECK(qd.iterations == 0);
    CHECK(qi.converged);
    CHECK(qi.residual <= 1e-12);
    auto ii = impact(g, s, qi.delivered, m, iterative);
    auto id_ = impact(g, s, qd.delivered, m, direct);
    CHECK(ii.iterations > 0);
    CHECK(ii.converged);
    for (std::size_t u = 0; u < n; ++u) {
      CHECK_THAT(qi.delivered[u], WithinAbs(qd.delivered[u], 1e-11));
      CHECK_THAT(*ii.impact[u], WithinAbs(*id_.impact[u], 1e-9));
    }
    if (m == PropagationModel::linear) {
      auto reference = dense_linear(model, s);
      for (std::size_t u = 0; u < n; ++u) CHECK_THAT(qi.delivered[u], WithinAbs(reference[u], 1e-11));
    }
  }
}

TEST_CASE("chain: a component that does not converge within the cap is reported as nearly closed", "[chain]") {
  // a ring of 10 units, each taking 0.999 of its quality from the previous one
  Builder b;
  for (int v = 0; v < 10; ++v) b.unit(std::string(1, static_cast<char>('a' + v)), 0.5 + 0.05 * v);
  for (int v = 0; v < 10; ++v)
    b.service(std::string(1, static_cast<char>('a' + (v + 9) % 10)), std::string(1, static_cast<char>('a' + v)), 0.999);
  b.segment("c", 1).moment("m", "c", "a");
  ChainGraph g(b.model);
  auto s = intrinsic_quality(b.model);
  PropagationOptions capped;
  capped.direct_size = 2;
  capped.max_iterations = 5;
  capped.fallback_direct_size = 0;  // no dense fallback; GMRES finds the budget spent
  auto q = propagate(g, s, PropagationModel::linear, capped);
  CHECK(!q.converged);
  CHECK(q.iterations == 5);
  CHECK(q.nearly_closed.size() == 10);
  CHECK(q.residual > 1e-12);
  auto im = impact(g, s, q.delivered, PropagationModel::linear, capped);
  CHECK(!im.converged);
  // without the cap both paths agree: q is the mean of s weighted by the ring
  PropagationOptions iterative;  // plain Gauss-Seidel: no stall detection, no fallback
  iterative.direct_size = 2;
  iterative.fallback_direct_size = 0;
  iterative.gmres = false;
  auto qi = propagate(g, s, PropagationModel::linear, iterative);
  auto qd = propagate(g, s);
  CHECK(qi.converged);
  CHECK(qi.iterations > 100);
  // residual 1e-12 and a condition number of 1/(1 - 0.999) bound the difference by 1e-9
  for (std::size_t u = 0; u < 10; ++u) CHECK_THAT(qi.delivered[u], WithinAbs(qd.delivered[u], 1e-9));
}

TEST_CASE("chain: the bundled hotel", "[chain]") {
  Model model = load_model(std::string(SERVICECHAIN_SOURCE_DIR) + "/examples/hotel.json");
  auto a = analyze_chain(model);
  // With the morale ceiling (§2); tests/reference/check_ceiling.py: 68.15903684418625
  CHECK_THAT(*a.satisfaction.csi, WithinAbs(68.15903684418625, 1e-9));
  // CSI is homogeneous of degree 1 in s in the linear model: Σ impact·s = CSI
  double total = 0;
  for (std::size_t u = 0; u < model.units.size(); ++u) total += *a.impact.impact[u] * a.intrinsic[u];
  CHECK_THAT(total, WithinAbs(*a.satisfaction.csi, 1e-9));
  ChainAnalysisOptions uncapped;
  uncapped.morale_cap = false;
  CHECK_THAT(*analyze_chain(model, uncapped).satisfaction.csi, WithinAbs(73.15229955223754, 1e-9));
}

namespace {
std::size_t index_of_unit(const Model &model, std::string_view id) {
  for (std::size_t u = 0; u < model.units.size(); ++u)
    if (model.units[u].id == id) return u;
  FAIL("no unit " << id);
  return 0;
}
}  // namespace

TEST_CASE("chain: the morale ceiling on the hotel (s = min(quality, c))", "[chain][morale]") {
  const Model model = load_model(std::string(SERVICECHAIN_SOURCE_DIR) + "/examples/hotel.json");
  const auto a = analyze_chain(model);
  const auto fits = people_fit(model);
  const auto call = index_of_unit(model, "call_centre");
  // Four agents: morale 0.70, 0.52, 0.64, 0.60 × fit 1, 61/84, 74/84, 67/84 (tests/reference/check_ceiling.py)
  const double ceiling = (0.7 * 1.0 + 0.52 * (61.0 / 84) + 0.64 * (74.0 / 84) + 0.6 * (67.0 / 84)) / 4;
  REQUIRE(a.morale_ceiling[call]);
  CHECK_THAT(*a.morale_ceiling[call], WithinAbs(ceiling, 1e-12));
  CHECK_THAT(a.intrinsic[call], WithinAbs(ceiling, 1e-12));  // capped below quality 0.70
  CHECK(a.capped[call]);
  CHECK(*a.morale_impact[call] == *a.impact.impact[call]);
  const auto front = index_of_unit(model, "front_desk");  // people, no quality: s = c, not "capped"
  CHECK(!a.capped[front]);
  CHECK(a.intrinsic[front] == *a.morale_ceiling[front]);
  CHECK(*a.morale_impact[front] == *a.impact.impact[front]);

  // Raising one agent's morale by Δ moves c by fit·Δ/headcount and the CSI by
  // morale_impact·Δc (first order; exact in the linear model while the cap binds).
  std::size_t person = 0;
  while (model.people[person].unit != "call_centre") ++person;
  for (double delta : {1e-6, 0.05}) {
    Model raised = model;
    raised.people[person].morale = *raised.people[person].morale + delta;
    const auto b = analyze_chain(raised);
    const double dc = fits[person] * delta / 4;
    CHECK_THAT(*b.morale_ceiling[call] - *a.morale_ceiling[call], WithinAbs(dc, 1e-12));
    CHECK_THAT(*b.satisfaction.csi - *a.satisfaction.csi, WithinAbs(*a.morale_impact[call] * dc, 1e-9));
  }
  // The exact re-propagation of the 0.05 step, from check_ceiling.py.
  Model raised = model;
  raised.people[person].morale = 0.75;
  CHECK_THAT(*analyze_chain(raised).satisfaction.csi - *a.satisfaction.csi, WithinAbs(0.09198618212293752, 1e-9));

  // Raising a capped unit's quality changes nothing; without the cap it does.
  Model better = model;
  better.units[call].quality = 0.8;
  CHECK(*analyze_chain(better).satisfaction.csi == *a.satisfaction.csi);
  ChainAnalysisOptions uncapped;
  uncapped.morale_cap = false;
  const auto u = analyze_chain(model, uncapped);
  CHECK(u.intrinsic[call] == 0.7);
  CHECK(!u.capped[call]);
  CHECK(*u.morale_impact[call] == 0.0);
  CHECK(*analyze_chain(better, uncapped).satisfaction.csi > *u.satisfaction.csi);
}

TEST_CASE("chain: intrinsic quality rule (§2) unit by unit", "[chain][morale]") {
  CHECK(capped_quality(0.8, 0.6) == 0.6);
  CHECK(capped_quality(0.5, 0.6) == 0.5);
  CHECK(capped_quality(0.8, 0.6, false) == 0.8);
  CHECK(capped_quality(0.8, std::nullopt) == 0.8);
  CHECK(capped_quality(std::nullopt, 0.6) == 0.6);
  CHECK(capped_quality(std::nullopt, 0.6, false) == 0.6);
  CHECK(capped_quality(std::nullopt, std::nullopt) == 1.0);
  CHECK(ceiling_binds(0.8, 0.6));
  CHECK(!ceiling_binds(0.6, 0.6));  // a tie: raising morale gains nothing
  CHECK(!ceiling_binds(0.8, 0.6, false));
  CHECK(ceiling_binds(std::nullopt, 0.6, false));
  CHECK(!ceiling_binds(0.8, std::nullopt));

  Model m;
  m.units.resize(2);
  m.units[0].id = "a";
  m.units[0].quality = 0.9;
  m.units[1].id = "b";
  Person p;
  p.id = "p";
  p.unit = "a";
  p.morale = 0.5;  // no position: fit 1
  Person q = p;
  q.id = "q";
  q.morale.reset();  // missing morale counts as 1
  m.people = {p, q};
  auto d = intrinsic_quality_detail(m, people_fit(m));
  CHECK(*d.ceiling[0] == 0.75);
  CHECK(!d.ceiling[1]);
  CHECK(d.s == std::vector<double>{0.75, 1.0});
  CHECK(d.capped == std::vector<char>{1, 0});
  CHECK(*unit_morale(m)[0] == 0.75);
  CHECK(intrinsic_quality(m, false) == std::vector<double>{0.9, 1.0});
}

// ---- DOT and the CLI --------------------------------------------------------------

TEST_CASE("chain: DOT export", "[chain][dot]") {
  Model model = diamond();
  ChainGraph g(model);
  auto q = propagate(g, intrinsic_quality(model));
  std::string dot = to_dot(model, g, q.delivered);
  CHECK(dot.rfind("digraph servicechain {", 0) == 0);
  CHECK(dot.find("\"a\" -> \"b\" [label=\"0.50\"") != std::string::npos);
  CHECK(dot.find("\"d\" -> \"X\" [style=dashed") != std::string::npos);  // moment: owner to segment
  CHECK(dot.find("rank=sink") != std::string::npos);
  CHECK(dot.find("\"d\" [label=\"d\\nq = 0.749\", fillcolor=\"0.166 0.55 0.95\"]") != std::string::npos);  // (0.749-0.5)/0.5/3
  CHECK(dot.find("\"e\" [label=\"e\\nq = 0.300\", fillcolor=\"0.000 0.55 0.95\"]") != std::string::npos);
  CHECK(dot.find("firebrick") == std::string::npos);  // the diamond has no loop
  Model loop = two_cycle();
  ChainGraph lg(loop);
  std::string loop_dot = to_dot(loop, lg, propagate(lg, intrinsic_quality(loop)).delivered);
  CHECK(loop_dot.find("\"a\" -> \"b\" [label=\"0.50\", penwidth=2.50, color=\"firebrick\"]") != std::string::npos);
  model.units[0].name = "say \"hi\"";
  CHECK(to_dot(model, g, q.delivered).find("say \\\"hi\\\"") != std::string::npos);
}

namespace {
std::string run(const std::string &command, int &status) {
  auto result = servicechain::test::run_command(command);
  status = result.code;
  return result.out;
}
double number_after(const std::string &text, const std::string &key) {
  auto at = text.find("\"" + key + "\": ");
  REQUIRE(at != std::string::npos);
  return std::strtod(text.c_str() + at + key.size() + 4, nullptr);
}
}  // namespace

TEST_CASE("chain: servicechain analyze --json on the hotel", "[chain][cli]") {
  const std::string cli = SERVICECHAIN_CLI;
  const std::string hotel = std::string(SERVICECHAIN_SOURCE_DIR) + "/examples/hotel.json";
  int status = 0;
  std::string out = run("\"" + cli + "\" -q analyze \"" + hotel + "\" --json", status);
  REQUIRE(status == 0);
  for (const char *key : {"\"model\": \"linear\"", "\"csi\"", "\"units\"", "\"id\"", "\"quality\"", "\"delivered\"",
                          "\"impact\"", "\"impact_per_person\"", "\"weakest_upstream\"", "\"unit\"", "\"customer_distance\"",
                          "\"layers\"", "\"betweenness\"", "\"articulation\"", "\"internal_rating\"", "\"rating_gap\"",
                          "\"moments\"", "\"segments\"", "\"satisfaction\"", "\"cycles\"", "\"bridges\"",
                          "\"betweenness_method\": \"exact\"", "\"iterations\"", "\"converged\": true",
                          "\"span_of_control\"", "\"message_fidelity\"", "\"morale_ceiling\"", "\"capped\": true",
                          "\"morale_impact\""})
    CHECK(out.find(key) != std::string::npos);
  CHECK_THAT(number_after(out, "csi"), WithinAbs(68.15903684418625, 1e-9));
  std::string uncapped = run("\"" + cli + "\" -q analyze \"" + hotel + "\" --json --no-morale-cap", status);
  REQUIRE(status == 0);
  CHECK_THAT(number_after(uncapped, "csi"), WithinAbs(73.15229955223754, 1e-9));
  CHECK(uncapped.find("\"capped\": true") == std::string::npos);
  // the three circular dependencies, ids sorted inside and between cycles
  CHECK(out.find("\"call_centre\",\n      \"reservations\"") != std::string::npos);
  CHECK(out.find("\"records\"") != std::string::npos);
  CHECK(out.find("\"customer_distance\": null") != std::string::npos);  // records reaches no customer

  std::string geometric = run("\"" + cli + "\" -q analyze \"" + hotel + "\" --json --model geometric", status);
  REQUIRE(status == 0);
  CHECK(geometric.find("\"model\": \"geometric\"") != std::string::npos);
  CHECK(number_after(geometric, "csi") < number_after(out, "csi"));  // weighted geometric mean <= arithmetic

  // --no-betweenness: the same results, betweenness null, method "none"
  std::string skipped = run("\"" + cli + "\" -q analyze \"" + hotel + "\" --json --no-betweenness", status);
  REQUIRE(status == 0);
  CHECK(skipped.find("\"betweenness_method\": \"none\"") != std::string::npos);
  CHECK(skipped.find("\"betweenness\": null") != std::string::npos);
  CHECK(skipped.find("\"betweenness\": 0") == std::string::npos);
  CHECK(number_after(skipped, "csi") == number_after(out, "csi"));
  run("\"" + cli + "\" -q analyze \"" + hotel + "\" --no-betweenness --exact-betweenness 2>&1", status);
  CHECK(status == 2);
  // Exact on the hotel: no error bound to state.
  CHECK(out.find("\"betweenness_epsilon\": null") != std::string::npos);
  CHECK(out.find("\"betweenness_samples\": 0") != std::string::npos);
  run("\"" + cli + "\" -q analyze \"" + hotel + "\" --exact-betweenness --betweenness-epsilon 0.05 2>&1", status);
  CHECK(status == 2);
  run("\"" + cli + "\" -q analyze \"" + hotel + "\" --betweenness-estimate guess 2>&1", status);
  CHECK(status == 2);
  run("\"" + cli + "\" -q analyze \"" + hotel + "\" --betweenness-epsilon 0 2>&1", status);
  CHECK(status == 2);

  run("\"" + cli + "\" -q analyze \"" + hotel + "\" --fidelity 2 2>&1", status);
  CHECK(status == 2);
  run("\"" + cli + "\" -q analyze \"" + hotel + "\" --model cubic 2>&1", status);
  CHECK(status == 2);
  run("\"" + cli + "\" -q analyze /nonexistent/model.json 2>&1", status);
  CHECK(status == 1);

  std::string readable = run("\"" + cli + "\" -q analyze \"" + hotel + "\"", status);
  CHECK(readable.find("Customer satisfaction index (linear): 68.2 / 100") != std::string::npos);
  CHECK(readable.find("Morale ceiling (units whose quality is capped") != std::string::npos);
  CHECK(readable.find("Call Centre (call_centre): quality 0.700, ceiling 0.530") != std::string::npos);
  CHECK(readable.find("Records & Archive (records)") != std::string::npos);
  std::string spanish = run("\"" + cli + "\" -q --lang es analyze \"" + hotel + "\"", status);
  CHECK(spanish.find("Índice de satisfacción del cliente (lineal): 68,2 / 100") != std::string::npos);  // the model's name and the decimal comma in Spanish
  CHECK(spanish.find("Techo de la moral") != std::string::npos);
}

TEST_CASE("chain: analyze --json above 5,000 units states the betweenness guarantee", "[chain][cli]") {
  const std::string cli = SERVICECHAIN_CLI;
  const std::string dir = std::string(std::getenv("TMPDIR") ? std::getenv("TMPDIR") : "/tmp");
  const std::string file = dir + "/sc_chain_test_giant.json";
  int status = 0;
  run("\"" + cli + "\" -q generate --units 6000 --seed 2 --support-share 0.3 -o \"" + file + "\"", status);
  REQUIRE(status == 0);
  std::string out = run("\"" + cli + "\" -q analyze \"" + file + "\" --json --betweenness-epsilon 0.05", status);
  REQUIRE(status == 0);
  CHECK(out.find("\"betweenness_method\": \"paths\"") != std::string::npos);
  CHECK(number_after(out, "betweenness_epsilon") == 0.05);
  CHECK(number_after(out, "betweenness_delta") == 0.1);
  CHECK(number_after(out, "betweenness_samples") > 0);
  CHECK(number_after(out, "betweenness_sources") == 0);
  // The same file and options give the same bytes (fixed seed, any thread count).
  CHECK(run("\"" + cli + "\" -q analyze \"" + file + "\" --json --betweenness-epsilon 0.05", status) == out);
  std::string kadabra = run("\"" + cli + "\" -q analyze \"" + file + "\" --json --betweenness-estimate kadabra "
                            "--betweenness-epsilon 0.05 --betweenness-delta 0.2", status);
  REQUIRE(status == 0);
  CHECK(kadabra.find("\"betweenness_method\": \"kadabra\"") != std::string::npos);
  CHECK(number_after(kadabra, "betweenness_delta") == 0.2);
  std::string sampled = run("\"" + cli + "\" -q analyze \"" + file + "\" --json --betweenness-estimate sampled", status);
  REQUIRE(status == 0);
  CHECK(sampled.find("\"betweenness_method\": \"sampled\"") != std::string::npos);
  CHECK(number_after(sampled, "betweenness_sources") == 256);
  CHECK(sampled.find("\"betweenness_epsilon\": null") != std::string::npos);
  std::remove(file.c_str());
}

TEST_CASE("chain: analyze --dot and convert to .dot", "[chain][cli][dot]") {
  const std::string cli = SERVICECHAIN_CLI;
  const std::string hotel = std::string(SERVICECHAIN_SOURCE_DIR) + "/examples/hotel.json";
  const std::string dir = std::string(std::getenv("TMPDIR") ? std::getenv("TMPDIR") : "/tmp");
  const std::string a = dir + "/sc_chain_test_analyze.dot", b = dir + "/sc_chain_test_convert.dot";
  int status = 0;
  run("\"" + cli + "\" -q analyze \"" + hotel + "\" --json --dot \"" + a + "\" > /dev/null", status);
  REQUIRE(status == 0);
  run("\"" + cli + "\" -q convert \"" + hotel + "\" \"" + b + "\"", status);
  REQUIRE(status == 0);
  auto slurp = [](const std::string &path) {
    std::ifstream in(path);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
  };
  std::string from_analyze = slurp(a), from_convert = slurp(b);
  CHECK(from_analyze.rfind("digraph servicechain {", 0) == 0);
  CHECK(from_analyze == from_convert);  // both colour by linear delivered quality
  CHECK(from_analyze.find("\"front_desk\" -> \"business\"") != std::string::npos);
  std::remove(a.c_str());
  std::remove(b.c_str());
}

TEST_CASE("chain graph: load_model_and_graph builds the graph while validating, and drops it for an invalid model") {
  namespace fs = std::filesystem;
  const auto dir = fs::temp_directory_path() / ("sc_load_graph_" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  GenerateOptions generate;
  generate.units = 3000;
  generate.seed = 5;
  const Model original = generate_organization(generate);

  auto same_graph = [](const ChainGraph &a, const ChainGraph &b) {
    auto eq = [](auto x, auto y) { return std::equal(x.begin(), x.end(), y.begin(), y.end()); };
    return eq(a.in_offsets(), b.in_offsets()) && eq(a.in_sources(), b.in_sources()) && eq(a.in_weights(), b.in_weights()) &&
           eq(a.out_offsets(), b.out_offsets()) && eq(a.out_targets(), b.out_targets()) &&
           eq(a.solver().csi.gradient, b.solver().csi.gradient);
  };
  SECTION("JSON and archive files give the model load_model gives and its ChainGraph") {
    for (const char *name : {"m.json", "m.bin"}) {
      save_model(original, dir / name);
      Diagnostics warnings;
      ModelAndGraph loaded = load_model_and_graph(dir / name, &warnings, true);
      CHECK(loaded.model == original);
      CHECK(loaded.graph.unit_count() == original.units.size());
      CHECK(same_graph(loaded.graph, ChainGraph(original)));
    }
  }
  SECTION("an invalid model throws ValidationError with every error, as load_model does") {
    Model bad = original;
    bad.services.at(10).to = "no-such-unit";
    bad.units.at(3).quality = 1.5;
    save_model(bad, dir / "bad.json");
    try {
      load_model_and_graph(dir / "bad.json");
      FAIL("no error");
    } catch (const ValidationError &e) {
      CHECK(e.diagnostics().errors.size() == 2);
    }
    CHECK_THROWS_AS(load_model_and_graph(dir / "missing.json"), InputError);
    write_file_atomic(dir / "syntax.json", "{\"format\": ");
    CHECK_THROWS_AS(load_model_and_graph(dir / "syntax.json"), ParseError);
    save_model(original, dir / "m.bin");
    CHECK_THROWS_AS(load_model_and_graph(dir / "m.bin"), InputError);  // archives only when trusted
  }
  fs::remove_all(dir);
}
