// People: fit, alignment (against brute force), intrinsic quality, training
// needs, culture maturity.
#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <random>

#include "servicechain/analysis/people/alignment.hpp"
#include "servicechain/analysis/people/fit.hpp"
#include "servicechain/analysis/people/maturity.hpp"
#include "servicechain/analysis/people/training.hpp"
#include "servicechain/bundled.hpp"
#include "servicechain/io/model_json.hpp"

using namespace servicechain;

namespace {

Model hotel() { return load_model(std::string(SERVICECHAIN_SOURCE_DIR) + "/examples/hotel.json"); }

Position position(std::string id, std::string unit, CompetencyMap required, CompetencyMap weights = {},
                  std::optional<Level> level = std::nullopt) {
  Position p;
  p.id = std::move(id);
  p.title = p.id;
  p.unit = std::move(unit);
  p.requires_levels = std::move(required);
  p.weights = std::move(weights);
  p.level = level;
  return p;
}

Person person(std::string id, std::string unit, std::optional<std::string> pos, CompetencyMap have,
              std::optional<double> morale = std::nullopt) {
  Person p;
  p.id = std::move(id);
  p.name = p.id;
  p.unit = std::move(unit);
  p.position = std::move(pos);
  p.competencies = std::move(have);
  p.morale = morale;
  return p;
}

Unit unit(std::string id, Level level, std::optional<double> quality = std::nullopt) {
  Unit u;
  u.id = std::move(id);
  u.name = u.id;
  u.level = level;
  u.quality = quality;
  return u;
}

// Brute force: the best total fit over all distinct orderings of the held
// multiset, then the fewest moves among assignments within `tie` of it.
struct Best {
  double fit;
  std::size_t moves;
};
Best brute_force(std::size_t k, const std::vector<std::uint32_t> &held, const std::vector<double> &fit, double tie) {
  std::vector<std::uint32_t> slots = held;
  std::sort(slots.begin(), slots.end());
  std::vector<std::pair<double, std::size_t>> all;
  do {
    double total = 0;
    std::size_t moves = 0;
    for (std::size_t i = 0; i < held.size(); ++i) {
      total += fit[i * k + slots[i]];
      moves += slots[i] != held[i];
    }
    all.emplace_back(total, moves);
  } while (std::next_permutation(slots.begin(), slots.end()));
  double best = -1;
  for (auto &[t, m] : all) best = std::max(best, t);
  std::size_t fewest = held.size() + 1;
  for (auto &[t, m] : all)
    if (t >= best - tie) fewest = std::min(fewest, m);
  return {best, fewest};
}

}  // namespace

TEST_CASE("people: fit by hand") {
  auto pos = position("p", "u", {{"a", 4}, {"b", 2}, {"c", 0}}, {{"a", 2}});
  // (2·min(3/4,1) + 1·min(5/2,1)) / (2+1); c is not required (0)
  CHECK(fit(person("x", "u", "p", {{"a", 3}, {"b", 5}, {"c", 1}}), pos) == Approx(2.5 / 3.0));
  CHECK(fit(person("y", "u", "p", {}), pos) == 0.0);
  CHECK(fit(person("z", "u", "p", {{"a", 5}, {"b", 2}}), pos) == 1.0);
  CHECK(fit(person("w", "u", "p", {}), position("q", "u", {{"a", 0}})) == 1.0);  // requires nothing
}

TEST_CASE("people: alignment equals the brute-force optimum on random units") {
  std::mt19937 rng(20261123);
  for (int trial = 0; trial < 600; ++trial) {
    const std::size_t n = 1 + rng() % 8;
    const std::size_t k = 1 + rng() % n;
    std::vector<std::uint32_t> held(n);
    for (std::size_t i = 0; i < n; ++i) held[i] = static_cast<std::uint32_t>(i < k ? i : rng() % k);
    std::shuffle(held.begin(), held.end(), rng);
    std::vector<double> fit(n * k);
    const bool coarse = trial % 2 == 0;  // coarse fits make many ties (moves decide)
    for (auto &f : fit) f = coarse ? static_cast<double>(rng() % 5) / 4.0 : std::uniform_real_distribution<>(0, 1)(rng);
    auto assigned = optimal_alignment(k, held, fit);
    REQUIRE(assigned.size() == n);
    auto a = assigned, h = held;
    std::sort(a.begin(), a.end());
    std::sort(h.begin(), h.end());
    REQUIRE(a == h);  // the same multiset of positions
    double total = 0;
    std::size_t moves = 0;
    for (std::size_t i = 0; i < n; ++i) {
      total += fit[i * k + assigned[i]];
      moves += assigned[i] != held[i];
    }
    auto best = brute_force(k, held, fit, 1e-9);
    INFO("trial " << trial << " n " << n << " k " << k);
    CHECK(total == Approx(best.fit).margin(1e-9));
    CHECK(moves == best.moves);
  }
}

TEST_CASE("people: alignment keeps people in place when nothing is better") {
  std::vector<std::uint32_t> held{0, 1, 1, 2};
  std::vector<double> fit(4 * 3, 1.0);  // everyone fits everywhere
  CHECK(optimal_alignment(3, held, fit) == held);
  CHECK(optimal_alignment(0, std::vector<std::uint32_t>{}, std::vector<double>{}).empty());
  CHECK_THROWS_AS(optimal_alignment(2, held, fit), ArgumentError);
}

TEST_CASE("people: alignment compares fits exactly on its grid, not with a loose tolerance") {
  std::vector<std::uint32_t> held{0, 1};
  // Swapping gains 2e-7 in total fit: a real gain, taken despite the two moves.
  std::vector<double> gain{0.5, 0.5 + 1e-7, 0.5 + 1e-7, 0.5};
  CHECK(optimal_alignment(2, held, gain) == std::vector<std::uint32_t>{1, 0});
  // 0.1 + 0.2 differs from 0.3 only by rounding noise: a tie, so nobody moves.
  std::vector<double> noise{0.3, 0.1 + 0.2, 0.7, 0.7};
  CHECK(optimal_alignment(2, held, noise) == held);
}

TEST_CASE("people: alignment of the hotel (one swap in hr, front_desk and kitchen)") {
  auto result = align(hotel());
  REQUIRE(result.units.size() == 18);
  std::vector<std::string> moved_units;
  for (const auto &u : result.units) {
    CHECK(u.optimal >= u.current - 1e-12);
    if (!u.moves.empty()) moved_units.push_back(u.unit);
  }
  CHECK(moved_units == std::vector<std::string>{"hr", "front_desk", "kitchen"});
  const auto &hr = result.units[4];
  REQUIRE(hr.unit == "hr");
  REQUIRE(hr.moves.size() == 2);
  CHECK(hr.moves[0].person == "nuria_pascual");
  CHECK(hr.moves[0].from == "hr_manager");
  CHECK(hr.moves[0].to == "hr_officer");
  CHECK(hr.optimal == Approx(2.0));
  CHECK(hr.current == Approx(1.7885).margin(1e-4));
  CHECK(result.below_threshold == std::vector<std::string>{"milagros_torres", "victor_serrano"});
  CHECK(result.moves == 6);
  CHECK_THROWS_AS(align(hotel(), AlignmentOptions{0.6, 5}), LimitError);  // front_desk has more than 5
}

TEST_CASE("people: alignment prefers fewer moves among optimal assignments") {
  Model m;
  m.units = {unit("u", Level::operative)};
  m.positions = {position("a", "u", {{"x", 2}}), position("b", "u", {{"y", 2}}), position("c", "u", {{"z", 2}})};
  // fits (a, b, c): p1 (1, 1, 0) holds a; p2 (0, .5, 1) holds b; p3 (1, 1, .5) holds c.
  // Total 3 either with {p1 a, p2 c, p3 b} (2 moves) or {p1 b, p2 c, p3 a} (3 moves).
  m.people = {person("p1", "u", "a", {{"x", 2}, {"y", 2}}), person("p2", "u", "b", {{"y", 1}, {"z", 2}}),
              person("p3", "u", "c", {{"x", 2}, {"y", 2}, {"z", 1}})};
  auto r = align(m);
  CHECK(r.units[0].people == 3);
  CHECK(r.units[0].current == Approx(2.0));
  CHECK(r.units[0].optimal == Approx(3.0));
  REQUIRE(r.units[0].moves.size() == 2);
  CHECK(r.units[0].moves[0] == AlignmentMove{"p2", "b", "c", 0.5, 1.0});
  CHECK(r.units[0].moves[1] == AlignmentMove{"p3", "c", "b", 0.5, 1.0});
}

TEST_CASE("people: alignment of a unit of 300 people stays exact against a greedy lower bound") {
  // No brute force at this size: check feasibility and that it beats both the
  // current assignment and a sorted greedy one.
  std::mt19937 rng(7);
  const std::size_t n = 300, k = 12;
  std::vector<std::uint32_t> held(n);
  for (auto &h : held) h = static_cast<std::uint32_t>(rng() % k);
  std::vector<double> fit(n * k);
  for (auto &f : fit) f = std::uniform_real_distribution<>(0, 1)(rng);
  auto assigned = optimal_alignment(k, held, fit);
  double current = 0, optimal = 0;
  for (std::size_t i = 0; i < n; ++i) {
    current += fit[i * k + held[i]];
    optimal += fit[i * k + assigned[i]];
  }
  CHECK(optimal >= current);
  auto a = assigned, h = held;
  std::sort(a.begin(), a.end());
  std::sort(h.begin(), h.end());
  CHECK(a == h);
}

TEST_CASE("people: intrinsic quality matches its definition on random models") {
  std::mt19937 rng(99);
  std::uniform_real_distribution<> unif(0, 1);
  for (int trial = 0; trial < 50; ++trial) {
    Model m;
    const std::size_t units = 1 + rng() % 6, positions = 1 + rng() % 5, people = rng() % 25;
    const std::vector<std::string> comps{"c1", "c2", "c3", "c4"};
    for (std::size_t u = 0; u < units; ++u)
      m.units.push_back(unit("u" + std::to_string(u), Level::operative,
                             rng() % 3 == 0 ? std::optional<double>(unif(rng)) : std::nullopt));
    for (std::size_t p = 0; p < positions; ++p) {
      CompetencyMap req, w;
      for (const auto &c : comps) {
        if (rng() % 2) req.emplace_back(c, static_cast<double>(rng() % 6));
        if (rng() % 3 == 0) w.emplace_back(c, 0.5 + unif(rng) * 2);
      }
      m.positions.push_back(position("p" + std::to_string(p), "u" + std::to_string(rng() % units), req, w));
    }
    for (std::size_t i = 0; i < people; ++i) {
      CompetencyMap have;
      for (const auto &c : comps)
        if (rng() % 4) have.emplace_back(c, static_cast<double>(rng() % 6));
      m.people.push_back(person("e" + std::to_string(i), "u" + std::to_string(rng() % units),
                                rng() % 5 ? std::optional<std::string>("p" + std::to_string(rng() % positions)) : std::nullopt,
                                have, rng() % 4 ? std::optional<double>(unif(rng)) : std::nullopt));
    }
    auto s = intrinsic_quality(m);
    REQUIRE(s.size() == units);
    for (std::size_t u = 0; u < units; ++u) {
      double expected;
      if (m.units[u].quality) {
        expected = *m.units[u].quality;
      } else {
        double sum = 0;
        int count = 0;
        for (const auto &p : m.people) {
          if (p.unit != m.units[u].id) continue;
          double f = 1;
          if (p.position) {
            const Position &pos = m.positions[std::stoul(p.position->substr(1))];
            double num = 0, den = 0;
            for (const auto &[c, r] : pos.requires_levels) {
              if (r <= 0) continue;
              double w = 1, h = 0;
              for (const auto &[cw, v] : pos.weights)
                if (cw == c) w = v;
              for (const auto &[ch, v] : p.competencies)
                if (ch == c) h = v;
              num += w * std::min(h / r, 1.0);
              den += w;
            }
            f = den > 0 ? num / den : 1;
          }
          sum += p.morale.value_or(1.0) * f;
          ++count;
        }
        expected = count ? sum / count : 1.0;
      }
      CHECK(s[u] == Approx(expected).margin(1e-12));
    }
  }
}

namespace {
CurriculumModule module(std::string id, Level level, CompetencyMap raises, double hours, double cost) {
  CurriculumModule m;
  m.id = std::move(id);
  m.title = m.id;
  m.level = level;
  m.raises = std::move(raises);
  m.hours = hours;
  m.cost = cost;
  return m;
}

Model training_model() {
  Model m;
  m.units = {unit("desk", Level::operative), unit("office", Level::managerial)};
  m.positions = {position("clerk", "desk", {{"talk", 4}, {"calm", 3}}, {{"talk", 2}}),
                 position("boss", "office", {{"lead", 5}, {"talk", 2}})};
  m.people = {person("ann", "desk", "clerk", {{"talk", 2}, {"calm", 3}}),
              person("bob", "desk", "clerk", {{"talk", 3}, {"calm", 1}}),
              person("cy", "office", "boss", {{"lead", 3}, {"talk", 2}})};
  m.curriculum = std::vector<CurriculumModule>{
      module("op_talk", Level::operative, {{"talk", 1}}, 8, 100),
      module("op_talk_calm", Level::operative, {{"talk", 1}, {"calm", 1}}, 12, 150),
      module("mgr_lead", Level::managerial, {{"lead", 2}}, 16, 800),
      module("mgr_talk", Level::managerial, {{"talk", 1}}, 4, 50)};
  return m;
}
}  // namespace

TEST_CASE("people: training needs, priorities and module mapping by hand") {
  Model m = training_model();
  std::vector<double> impact{10, 30};  // ∂CSI/∂s: desk (2 people) 10, office (1 person) 30
  auto t = training_needs(m, impact);
  // needs: ann talk gap 2 × w2 = 4, prio 4·10/2 = 20; bob talk 1×2 = 2 → 10; bob calm 2×1 = 2 → 10;
  // cy lead 2×1 = 2 → 60.
  REQUIRE(t.needs.size() == 4);
  CHECK(t.needs[0].person == "cy");
  CHECK(t.needs[0].competency == "lead");
  CHECK(t.needs[0].priority == Approx(60));
  CHECK(t.needs[0].modules == std::vector<std::string>{"mgr_lead"});
  CHECK(t.needs[1].person == "ann");
  CHECK(t.needs[1].gap == 2);
  CHECK(t.needs[1].need == 4);
  CHECK(t.needs[1].priority == Approx(20));
  CHECK(t.needs[1].modules == std::vector<std::string>{"op_talk", "op_talk_calm"});
  CHECK(t.needs[2].person == "bob");
  CHECK(t.needs[2].competency == "talk");
  CHECK(t.needs[3].competency == "calm");
  CHECK(t.needs[3].modules == std::vector<std::string>{"op_talk_calm"});
  CHECK(t.uncovered == 0);

  // Unlimited plan, greedy by value per cost with remaining gaps:
  // ann op_talk 1·2·5 = 10/100 = .1; ann op_talk_calm 10/150; bob op_talk 1·2·5 = 10/100;
  // bob op_talk_calm (10 + 5)/150 = .1; cy mgr_lead 2·30 = 60/800 = .075.
  // Ties at .1 go to candidate order: ann op_talk, then ann op_talk again is op_talk_calm (10/150),
  // bob op_talk (.1) before bob op_talk_calm (.1); after bob op_talk, bob op_talk_calm is worth
  // only calm 1·1·5 = 5/150; then cy mgr_lead .075; ann op_talk_calm 10/150 = .0667; bob op_talk_calm .0333.
  std::vector<std::pair<std::string, std::string>> plan;
  for (const auto &e : t.plan) plan.emplace_back(e.person, e.module);
  CHECK(plan == std::vector<std::pair<std::string, std::string>>{{"ann", "op_talk"},
                                                                 {"bob", "op_talk"},
                                                                 {"cy", "mgr_lead"},
                                                                 {"ann", "op_talk_calm"},
                                                                 {"bob", "op_talk_calm"}});
  CHECK(t.cost == 100 + 100 + 800 + 150 + 150);
  CHECK(t.hours == 8 + 8 + 16 + 12 + 12);
  CHECK(t.by_level[2].people == 2);
  CHECK(t.by_level[2].enrolments == 4);
  CHECK(t.by_level[2].cost == 500);
  CHECK(t.by_level[1].hours == 16);
  CHECK(t.by_level[1].modules == std::vector<std::pair<std::string, std::size_t>>{{"mgr_lead", 1}});
  CHECK(t.plan[4].competencies == std::vector<std::string>{"calm"});  // bob's talk gap is closed already

  // Budget 250: ann op_talk (100), bob op_talk (100); mgr_lead (800) and the 150s do not fit.
  TrainingOptions o;
  o.budget = 250;
  auto b = training_needs(m, impact, o);
  REQUIRE(b.plan.size() == 2);
  CHECK(b.cost == 200);
  CHECK(b.full_cost == t.cost);
  CHECK(b.full_enrolments == 5);
}

TEST_CASE("people: training without impact weighs units alike; bundled curriculum on the hotel") {
  auto t = training_needs(training_model(), {});
  CHECK_FALSE(t.impact_given);
  CHECK(t.needs[0].priority == Approx(2.0));  // cy: 2 × 1 / 1 person
  CHECK_THROWS_AS(training_needs(training_model(), std::vector<double>{1.0}), ArgumentError);

  Model h = hotel();
  auto ht = training_needs(h, {});
  REQUIRE(!ht.needs.empty());
  const auto &curriculum = default_curriculum();
  for (const auto &need : ht.needs)
    for (const auto &id : need.modules) {
      auto it = std::find_if(curriculum.begin(), curriculum.end(), [&](const auto &m) { return m.id == id; });
      REQUIRE(it != curriculum.end());
      CHECK(it->level == need.level);
      CHECK(find_value(it->raises, need.competency).value_or(0) > 0);
    }
  double cost = 0;
  for (const auto &l : ht.by_level) cost += l.cost;
  CHECK(cost == Approx(ht.cost));
  CHECK(ht.full_cost == ht.cost);
}

TEST_CASE("people: training plan ties in exact arithmetic go to person order, not rounding noise") {
  // A/big closes 1·3 + 2·1 = 5 weighted levels for 500, B/small 2·0.5 = 1 for
  // 100: both value per cost 5·ipp/500 = ipp/100 and weighted gap per cost 1/100.
  // A comes first in person order, so a budget of 500 buys A/big.
  Model m = load_model_json(R"({"format": "servicechain/1",
    "units": [{"id": "U", "level": "operative"}],
    "competencies": [{"id": "c1"}, {"id": "c3"}, {"id": "c4"}],
    "positions": [{"id": "X", "unit": "U", "requires": {"c4": 3, "c3": 4, "c1": 4}, "weights": {"c3": 0.5, "c4": 3}}],
    "people": [{"id": "A", "unit": "U", "position": "X", "competencies": {"c3": 4, "c4": 0}},
               {"id": "B", "unit": "U", "position": "X", "competencies": {"c4": 3, "c1": 4}},
               {"id": "f0", "unit": "U"}, {"id": "f1", "unit": "U"}, {"id": "f2", "unit": "U"},
               {"id": "f3", "unit": "U"}, {"id": "f4", "unit": "U"}],
    "curriculum": [{"id": "big", "level": "operative", "raises": {"c4": 1, "c1": 2}, "hours": 1, "cost": 500},
                   {"id": "small", "level": "operative", "raises": {"c3": 2}, "hours": 1, "cost": 100}]})",
                            "training tie");
  TrainingOptions options;
  options.budget = 500;
  for (double impact : {0.0, 0.3, 0.7, 1e-3, 2.0 / 3}) {  // 0: no impact given, every unit counts 1
    INFO("impact " << impact);
    auto t = training_needs(m, impact == 0 ? std::vector<double>{} : std::vector<double>{impact}, options);
    REQUIRE(t.plan.size() == 1);
    CHECK(t.plan[0].person == "A");
    CHECK(t.plan[0].module == "big");
    CHECK(t.value == Approx(5 * (impact == 0 ? 1 : impact) / 7));
    // Without a budget both are taken, A first.
    auto all = training_needs(m, impact == 0 ? std::vector<double>{} : std::vector<double>{impact});
    REQUIRE(all.plan.size() == 2);
    CHECK(all.plan[0].person == "A");
    CHECK(all.plan[1].person == "B");
  }
}

TEST_CASE("people: culture maturity by hand") {
  std::vector<MaturityProcess> processes{{"p1", "One", {{"a", "A"}, {"b", "B"}}}, {"p2", "Two", {{"c", "C"}}}};
  std::vector<MaturityResponse> responses{
      {"r1", Level::directive, {{"a", 5}, {"b", 4}, {"c", 3}}},
      {"r2", Level::operative, {{"a", 2}, {"b", 1}, {"c", 3}}},
      {"r3", Level::operative, {{"a", 3}, {"zz", 5}}},  // unknown item ignored, c unanswered
      {"r4", Level::managerial, {{"c", 1}}},
  };
  auto r = assess_maturity(processes, responses, {1});
  CHECK(r.respondents == 4);
  CHECK(r.respondents_by_level == std::array<std::size_t, 3>{1, 1, 2});
  const auto &p1 = r.processes[0];
  CHECK(p1.scores == 5);
  CHECK(*p1.score == Approx(15.0 / 5));  // 5+4+2+1+3
  CHECK(*p1.index == Approx(50));
  CHECK(*p1.by_level[0] == Approx(4.5));
  CHECK_FALSE(p1.by_level[1]);
  CHECK(*p1.by_level[2] == Approx(2.0));  // (2+1+3)/3
  CHECK(*p1.gap == Approx(2.5));
  const auto &p2 = r.processes[1];
  CHECK(*p2.score == Approx(7.0 / 3));
  CHECK(*p2.by_level[1] == 1);
  CHECK(*p2.gap == Approx(0));
  CHECK(*r.score == Approx((3.0 + 7.0 / 3) / 2));
  CHECK(*r.index == Approx(100 * ((3.0 + 7.0 / 3) / 2 - 1) / 4));
  CHECK(*r.level_score[0] == Approx((4.5 + 3) / 2));
  CHECK(*r.level_score[1] == Approx(1));
  CHECK(*r.gap == Approx(1.25));
  CHECK(r.weakest == std::vector<std::string>{"p2"});
  CHECK(maturity_index(1) == 0);
  CHECK(maturity_index(5) == 100);

  auto empty = assess_maturity(processes, {}, {});
  CHECK_FALSE(empty.score);
  CHECK_FALSE(empty.index);
  CHECK(empty.weakest.empty());
}

TEST_CASE("people: hotel maturity uses the bundled model and its responses") {
  auto r = assess_maturity(hotel());
  CHECK(r.respondents == 20);
  CHECK(r.processes.size() == 13);
  REQUIRE(r.index);
  CHECK(*r.index > 0);
  CHECK(*r.index < 100);
  CHECK(r.weakest.size() == 3);
}
