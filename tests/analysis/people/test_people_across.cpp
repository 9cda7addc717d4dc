// Alignment across units (against brute force on small pools, with and without
// a limit on moves), best positions of people below the threshold, and the
// curriculum coverage of required competencies.
#include <algorithm>
#include <catch2/catch.hpp>
#include <map>
#include <random>

#include "servicechain/analysis/people/across_units.hpp"
#include "servicechain/analysis/people/alignment.hpp"
#include "servicechain/analysis/people/fit.hpp"
#include "servicechain/analysis/people/training.hpp"
#include "servicechain/bundled.hpp"
#include "servicechain/io/model_json.hpp"
#include "servicechain/validate.hpp"

using namespace servicechain;

namespace {

Unit unit(std::string id, Level level) {
  Unit u;
  u.id = std::move(id);
  u.name = u.id;
  u.level = level;
  return u;
}

Position position(std::string id, std::string unit, CompetencyMap required, std::optional<Level> level = std::nullopt) {
  Position p;
  p.id = std::move(id);
  p.title = p.id;
  p.unit = std::move(unit);
  p.requires_levels = std::move(required);
  p.level = level;
  return p;
}

Person person(std::string id, std::string unit, std::string pos, CompetencyMap have) {
  Person p;
  p.id = std::move(id);
  p.name = p.id;
  p.unit = std::move(unit);
  p.position = std::move(pos);
  p.competencies = std::move(have);
  return p;
}

// A random pool: 2–3 operative units, 2–4 positions, 2–7 people holding any of them.
Model random_pool(std::mt19937 &rng) {
  auto pick = [&](int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng); };
  Model m;
  const int units = pick(2, 3), positions = pick(2, 4), people = pick(2, 7);
  for (int u = 0; u < units; ++u) m.units.push_back(unit("u" + std::to_string(u), Level::operative));
  const char *competencies[] = {"c1", "c2", "c3"};
  for (int p = 0; p < positions; ++p) {
    CompetencyMap required;
    for (const char *c : competencies)
      if (pick(0, 2)) required.emplace_back(c, pick(1, 10) / 2.0);
    m.positions.push_back(position("p" + std::to_string(p), "u" + std::to_string(pick(0, units - 1)), required));
  }
  for (int i = 0; i < people; ++i) {
    CompetencyMap have;
    for (const char *c : competencies) have.emplace_back(c, pick(0, 10) / 2.0);
    m.people.push_back(person("x" + std::to_string(i), "u" + std::to_string(pick(0, units - 1)),
                              "p" + std::to_string(pick(0, positions - 1)), have));
  }
  return m;
}

// Every assignment of the held multiset: (total fit, moves).
std::vector<std::pair<double, std::size_t>> all_assignments(const Model &m) {
  std::map<std::string, std::size_t> index;
  for (std::size_t p = 0; p < m.positions.size(); ++p) index[m.positions[p].id] = p;
  std::vector<std::size_t> held, slots;
  for (const auto &p : m.people) held.push_back(index.at(*p.position));
  slots = held;
  std::sort(slots.begin(), slots.end());
  std::vector<std::pair<double, std::size_t>> out;
  do {
    double total = 0;
    std::size_t moves = 0;
    for (std::size_t i = 0; i < held.size(); ++i) {
      total += fit(m.people[i], m.positions[slots[i]]);
      moves += slots[i] != held[i];
    }
    out.emplace_back(total, moves);
  } while (std::next_permutation(slots.begin(), slots.end()));
  return out;
}

}  // namespace

TEST_CASE("people across units: the unlimited optimum equals brute force, with the fewest moves") {
  std::mt19937 rng(20261205);
  for (int trial = 0; trial < 300; ++trial) {
    const Model m = random_pool(rng);
    REQUIRE(validate(m).ok());
    const auto all = all_assignments(m);
    double best = -1;
    for (auto &[t, moves] : all) best = std::max(best, t);
    std::size_t fewest = m.people.size() + 1;
    for (auto &[t, moves] : all)
      if (t >= best - 1e-9) fewest = std::min(fewest, moves);
    auto r = align_across_units(m);
    INFO("trial " << trial);
    REQUIRE(r.levels.size() == 1);
    CHECK(r.optimal == Approx(best).margin(1e-9));
    CHECK(r.aligned == Approx(best).margin(1e-9));
    CHECK(r.optimal_moves == fewest);
    CHECK(r.moves == fewest);
    // The moves keep the multiset of positions and only move to better totals.
    std::map<std::string, int> balance;
    for (const auto &mv : r.levels[0].moves) {
      ++balance[mv.to];
      --balance[mv.from];
      CHECK(mv.from != mv.to);
    }
    for (auto &[id, n] : balance) CHECK(n == 0);
    // It is at least as good as aligning each unit alone.
    CHECK(r.aligned >= align(m).optimal - 1e-9);
  }
}

TEST_CASE("people across units: with a limit, the best exchange cycles that fit, never above the constrained optimum") {
  std::mt19937 rng(7);
  for (int trial = 0; trial < 200; ++trial) {
    const Model m = random_pool(rng);
    const auto all = all_assignments(m);
    const auto unlimited = align_across_units(m);
    // The unlimited optimum's cycles: their sizes and gains.
    std::map<std::size_t, std::pair<std::size_t, double>> cycles;
    for (const auto &mv : unlimited.levels[0].moves) {
      ++cycles[mv.cycle].first;
      cycles[mv.cycle].second += mv.fit_to - mv.fit_from;
    }
    for (auto &[c, sg] : cycles) CHECK(sg.second > 0);  // every cycle of the optimum gains
    std::vector<std::pair<std::size_t, double>> list;
    for (auto &[c, sg] : cycles) list.push_back(sg);
    for (std::size_t limit = 0; limit <= m.people.size(); ++limit) {
      AcrossUnitsOptions o;
      o.max_moves = limit;
      auto r = align_across_units(m, o);
      INFO("trial " << trial << ", limit " << limit);
      double constrained = -1;
      for (auto &[t, moves] : all)
        if (moves <= limit) constrained = std::max(constrained, t);
      double best_subset = 0;
      for (std::size_t mask = 0; mask < (std::size_t{1} << list.size()); ++mask) {
        std::size_t size = 0;
        double gain = 0;
        for (std::size_t i = 0; i < list.size(); ++i)
          if (mask >> i & 1) {
            size += list[i].first;
            gain += list[i].second;
          }
        if (size <= limit) best_subset = std::max(best_subset, gain);
      }
      CHECK(r.moves <= limit);
      CHECK(r.aligned <= constrained + 1e-9);
      CHECK(r.aligned >= r.current - 1e-12);
      CHECK(r.aligned - r.current == Approx(best_subset).margin(1e-9));
      if (limit >= unlimited.optimal_moves) CHECK(r.aligned == Approx(unlimited.optimal).margin(1e-9));
      CHECK(r.optimal == unlimited.optimal);
    }
  }
}

TEST_CASE("people across units: a swap between two units of the same level, never across levels") {
  Model m;
  m.units = {unit("a", Level::operative), unit("b", Level::operative), unit("boss", Level::managerial)};
  m.positions = {position("cook", "a", {{"kitchen", 4}}), position("clerk", "b", {{"numbers", 4}}),
                 position("chief", "boss", {{"kitchen", 5}, {"numbers", 5}})};
  // ann (unit a) cooks but is good with numbers; bob (unit b) is the opposite; the
  // chief (managerial unit) would fit the cook position better but is not pooled with them.
  m.people = {person("ann", "a", "cook", {{"numbers", 4}, {"kitchen", 1}}),
              person("bob", "b", "clerk", {{"kitchen", 4}, {"numbers", 2}}),
              person("chief", "boss", "chief", {{"kitchen", 5}, {"numbers", 1}})};
  REQUIRE(validate(m).ok());
  CHECK(align(m).moves == 0);  // each unit alone has nothing to swap
  auto r = align_across_units(m);
  CHECK(r.moves == 2);
  CHECK(r.across == 2);
  REQUIRE(r.levels.size() == 2);
  CHECK(r.levels[0].level == Level::managerial);
  CHECK(r.levels[0].moves.empty());
  REQUIRE(r.levels[1].moves.size() == 2);
  const auto &ann = r.levels[1].moves[0];
  CHECK(ann.person == "ann");
  CHECK(ann.from_unit == "a");
  CHECK(ann.to_unit == "b");
  CHECK(ann.to == "clerk");
  CHECK(ann.fit_from == 0.25);
  CHECK(ann.fit_to == 1);
  CHECK(r.current == Approx(0.25 + 0.5 + 0.6));
  CHECK(r.aligned == Approx(1 + 1 + 0.6));
  AcrossUnitsOptions one;
  one.max_moves = 1;  // a swap needs two moves
  CHECK(align_across_units(m, one).moves == 0);

  SECTION("people below the threshold with their best position anywhere") {
    AcrossUnitsOptions o;
    o.threshold = 0.7;
    auto below = align_across_units(m, o).below_threshold;
    REQUIRE(below.size() == 3);
    CHECK(below[0].id == "ann");
    CHECK(below[0].best_position == "clerk");
    CHECK(below[0].best_unit == "b");
    CHECK(below[0].best_fit == 1);
    CHECK(below[2].id == "chief");
    CHECK(below[2].fit == Approx(0.6));
    CHECK(below[2].best_position == "cook");  // a position of another level counts too
    CHECK(below[2].best_fit == 1);
  }
}

TEST_CASE("people across units: the pool limit") {
  Model m;
  m.units = {unit("a", Level::operative), unit("b", Level::operative)};
  m.positions = {position("p", "a", {{"c", 1}}), position("q", "b", {{"c", 2}})};
  for (int i = 0; i < 6; ++i)
    m.people.push_back(person("x" + std::to_string(i), i % 2 ? "a" : "b", i % 2 ? "p" : "q", {{"c", i % 3}}));
  AcrossUnitsOptions o;
  o.max_level_people = 5;
  CHECK_THROWS_AS(align_across_units(m, o), LimitError);
  o.max_level_people = 6;
  CHECK_NOTHROW(align_across_units(m, o));
}

TEST_CASE("people: required competencies no module of the level raises are listed") {
  Model m;
  m.units = {unit("mgmt", Level::managerial), unit("ops", Level::operative)};
  m.positions = {position("lead", "mgmt", {{"x", 3}, {"y", 0}}), position("agent", "ops", {{"y", 2}, {"x", 1}}),
                 position("senior", "ops", {{"z", 2}, {"y", 1}}, Level::managerial)};
  m.curriculum = std::vector<CurriculumModule>{{"m1", "M1", Level::operative, {{"x", 1}}, 4, 100, {}}};
  REQUIRE(validate(m).ok());
  auto u = uncovered_competencies(m, *m.curriculum);
  REQUIRE(u.size() == 4);
  CHECK(u[0].competency == "x");  // managerial first; y requires 0 and does not count
  CHECK(u[0].level == Level::managerial);
  CHECK(u[0].positions == std::vector<std::string>{"lead"});
  CHECK(u[1].competency == "z");  // "senior" is managerial although its unit is operative
  CHECK(u[1].positions == std::vector<std::string>{"senior"});
  CHECK(u[2].competency == "y");
  CHECK(u[2].level == Level::managerial);
  CHECK(u[2].positions == std::vector<std::string>{"senior"});
  CHECK(u[3].competency == "y");
  CHECK(u[3].level == Level::operative);
  CHECK(u[3].positions == std::vector<std::string>{"agent"});
  CHECK(training_needs(m, {}).uncovered_competencies.size() == 4);

  // The bundled curriculum covers every competency the hotel's positions require, at their level.
  const Model hotel = load_model(std::string(SERVICECHAIN_SOURCE_DIR) + "/examples/hotel.json");
  CHECK(uncovered_competencies(hotel, default_curriculum(Language::en)).empty());
  CHECK(uncovered_competencies(hotel, default_curriculum(Language::es)).empty());
  // Induction, technical/in-service skills, empowerment and recognition at every level that has staff.
  for (const char *id : {"op_induction", "mgr_induction", "dir_induction", "op_technical_skills", "mgr_technical_update",
                         "op_empowerment", "mgr_empowerment", "dir_empowerment", "op_recognition", "mgr_recognition",
                         "dir_recognition"}) {
    const auto &c = default_curriculum(Language::es);
    CHECK(std::any_of(c.begin(), c.end(), [&](const CurriculumModule &mod) { return mod.id == id; }));
  }
}
