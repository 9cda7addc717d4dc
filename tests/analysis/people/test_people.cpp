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

// Brute force: the best total score over all distinct orderings of the held
// multiset, then the fewest moves among the assignments that reach it.
struct Best {
  std::int64_t score;
  std::size_t moves;
};
Best brute_force(std::size_t k, const std::vector<std::uint32_t> &held, const std::vector<std::int64_t> &score) {
  std::vector<std::uint32_t> slots = held;
  std::sort(slots.begin(), slots.end());
  std::vector<std::pair<std::int64_t, std::size_t>> all;
  do {
    std::int64_t total = 0;
    std::size_t moves = 0;
    for (std::size_t i = 0; i < held.size(); ++i) {
      total += score[i * k + slots[i]];
      moves += slots[i] != held[i];
    }
    all.emplace_back(total, moves);
  } while (std::next_permutation(slots.begin(), slots.end()));
  std::int64_t best = -1;
  for (auto &[t, m] : all) best = std::max(best, t);
  std::size_t fewest = held.size() + 1;
  for (auto &[t, m] : all)
    if (t == best) fewest = std::min(fewest, m);
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
    std::vector<std::int64_t> score(n * k);
    const bool coarse = trial % 2 == 0;  // coarse scores make many ties (moves decide)
    for (auto &f : score) f = coarse ? static_cast<std::int64_t>(rng() % 5) : static_cast<std::int64_t>(rng());
    if (trial % 3 == 0)  // large scores: the multiprecision path
      for (auto &f : score) f = (std::int64_t{1} << 59) - static_cast<std::int64_t>(rng() % 5);
    auto assigned = optimal_alignment(k, held, score);
    REQUIRE(assigned.size() == n);
    auto a = assigned, h = held;
    std::sort(a.begin(), a.end());
    std::sort(h.begin(), h.end());
    REQUIRE(a == h);  // the same multiset of positions
    std::int64_t total = 0;
    std::size_t moves = 0;
    for (std::size_t i = 0; i < n; ++i) {
      total += score[i * k + assigned[i]];
      moves += assigned[i] != held[i];
    }
    auto best = brute_force(k, held, score);
    INFO("trial " << trial << " n " << n << " k " << k);
    CHECK(total == best.score);
    CHECK(moves == best.moves);
  }
}

TEST_CASE("people: alignment keeps people in place when nothing is better") {
  std::vector<std::uint32_t> held{0, 1, 1, 2};
  std::vector<std::int64_t> score(4 * 3, 7);  // everyone fits everywhere
  CHECK(optimal_alignment(3, held, score) == held);
  CHECK(optimal_alignment(0, std::vector<std::uint32_t>{}, std::vector<std::int64_t>{}).empty());
  CHECK_THROWS_AS(optimal_alignment(2, held, score), ArgumentError);
  score[5] = -1;
  CHECK_THROWS_AS(optimal_alignment(3, held, score), ArgumentError);
}

TEST_CASE("people: alignment takes a gain of one score unit, however many moves it needs") {
  std::vector<std::uint32_t> held{0, 1};
  const std::int64_t big = std::int64_t{1} << 61;  // beyond 64-bit costs: multiprecision
  for (std::int64_t base : {std::int64_t{10}, big}) {
    // Swapping gains one unit in total: a real gain, taken despite the two moves.
    std::vector<std::int64_t> gain{base, base + 1, base, base};
    CHECK(optimal_alignment(2, held, gain) == std::vector<std::uint32_t>{1, 0});
    // The swap ties: nobody moves.
    std::vector<std::int64_t> tie{base + 1, base, base + 1, base};
    CHECK(optimal_alignment(2, held, tie) == held);
  }
}

TEST_CASE("people: alignment moves nobody for a swap that ties in exact arithmetic") {
  // A holds X (fit 0.7), B holds Y (0.4); swapped: 0.6 and 0.5. Both total 1.1
  // exactly, so nobody moves, though 0.7 and 0.4 round down and 0.6 up on a 2^-32 grid.
  Model m = load_model_json(R"({"format": "servicechain/1",
    "units": [{"id": "U", "level": "operative"}],
    "competencies": [{"id": "a"}, {"id": "b"}, {"id": "c"}],
    "positions": [{"id": "X", "unit": "U", "requires": {"a": 5, "b": 3}},
                  {"id": "Y", "unit": "U", "requires": {"a": 4, "b": 4, "c": 4}, "weights": {"a": 2, "b": 2, "c": 1}}],
    "people": [{"id": "A", "unit": "U", "position": "X", "competencies": {"a": 2, "b": 5}},
               {"id": "B", "unit": "U", "position": "Y", "competencies": {"b": 5}}]})",
                            "tie");
  CHECK(fit(m.people[0], m.positions[1]) == Approx(0.6));
  CHECK(fit(m.people[1], m.positions[0]) == Approx(0.5));
  auto r = align(m);
  CHECK(r.units[0].moves.empty());
  CHECK(r.moves == 0);
  CHECK(r.units[0].optimal == r.units[0].current);
}

TEST_CASE("people: alignment is exact on the decimal values of levels and requirements") {
  // X requires a at r, Y requires b at 2r. A (a 0.3, b 0.9) holds X, B (a 0.2,
  // b 0.7) holds Y. Swapping changes the total by 0.1/r − 0.2/(2r) = 0 in decimal
  // arithmetic: nobody moves. With A's b at 0.9000000000000001 the swap gains
  // 1e-16/(2r), which is real: both move. Z (r = π) makes the common denominator
  // of the fits overflow 64 bits, so the multiprecision path decides too.
  for (bool with_z : {false, true})
    for (const char *b : {"0.9", "0.9000000000000001"}) {
      INFO("Z " << with_z << ", A's b " << b);
      std::string json = std::string(R"({"format": "servicechain/1", "units": [{"id": "U", "level": "operative"}],
        "competencies": [{"id": "a"}, {"id": "b"}, {"id": "c"}],
        "positions": [{"id": "X", "unit": "U", "requires": {"a": 1.234567890123457}},
                      {"id": "Y", "unit": "U", "requires": {"b": 2.469135780246914}},
                      {"id": "Z", "unit": "U", "requires": {"c": 3.141592653589793}}],
        "people": [{"id": "A", "unit": "U", "position": "X", "competencies": {"a": 0.3, "b": )") + b + R"(}},
                   {"id": "B", "unit": "U", "position": "Y", "competencies": {"a": 0.2, "b": 0.7}})" +
                         (with_z ? R"(, {"id": "C", "unit": "U", "position": "Z", "competencies": {"c": 1}}]})" : "]}");
      auto r = align(load_model_json(json, "decimal"));
      CHECK(r.moves == (std::string(b) == "0.9" ? 0u : 2u));
    }
}

TEST_CASE("people: alignment of the audit's cases needs no more moves than the exact optimum") {
  // Moves and optimal totals from exact rational arithmetic (Python fractions).
  struct Case {
    const char *file;
    std::vector<std::size_t> moves;  // per unit with people
    std::vector<double> optimal;
  };
  for (const Case &c : {Case{"x5.json", {4}, {3.7916666666666665}}, Case{"x55.json", {14}, {10.375}},
                        Case{"a18.json", {0, 2, 3}, {2, 1, 4.7}}}) {
    INFO(c.file);
    auto r = align(load_model(std::string(SERVICECHAIN_SOURCE_DIR) + "/tests/data/alignment/" + c.file));
    std::vector<std::size_t> moves;
    std::vector<double> optimal;
    for (const auto &u : r.units)
      if (u.people > 0) moves.push_back(u.moves.size()), optimal.push_back(u.optimal);
    CHECK(moves == c.moves);
    REQUIRE(optimal.size() == c.optimal.size());
    for (std::size_t i = 0; i < optimal.size(); ++i) CHECK(optimal[i] == Approx(c.optimal[i]).margin(1e-12));
  }
}

TEST_CASE("people: alignment equals the brute-force optimum on random models with integer levels") {
  // Levels 0-5 and weights 1-3: distinct totals of real fits differ by far more
  // than 1e-9, so a brute force on binary64 sums with that tolerance is exact.
  std::mt19937 rng(20260401);
  auto pick = [&](int lo, int hi) { return lo + static_cast<int>(rng() % static_cast<unsigned>(hi - lo + 1)); };
  const std::vector<std::string> competencies{"a", "b", "c", "d"};
  auto id = [](char prefix, int i) { return std::string(1, prefix).append(std::to_string(i)); };
  for (int trial = 0; trial < 400; ++trial) {
    Model m;
    m.units = {unit("U", Level::operative)};
    const int k = pick(2, 5);
    for (int p = 0; p < k; ++p) {
      CompetencyMap required, weights;
      for (const auto &c : competencies)
        if (rng() % 2) required.emplace_back(c, pick(1, 5));
      if (required.empty()) required.emplace_back("a", pick(1, 5));
      if (rng() % 2)
        for (const auto &[c, level] : required) weights.emplace_back(c, pick(1, 3));
      m.positions.push_back(position(id('P', p), "U", required, weights));
    }
    const int n = pick(2, 7);
    for (int i = 0; i < n; ++i) {
      CompetencyMap have;
      for (const auto &c : competencies)
        if (rng() % 3) have.emplace_back(c, pick(0, 5));
      m.people.push_back(person(id('h', i), "U", id('P', pick(0, k - 1)), have));
    }
    // Brute force over the orderings of the held multiset.
    std::vector<std::string> slots;
    for (const auto &p : m.people) slots.push_back(*p.position);
    std::sort(slots.begin(), slots.end());
    auto fit_in = [&](std::size_t i, const std::string &id) {
      return fit(m.people[i], *std::find_if(m.positions.begin(), m.positions.end(), [&](const Position &p) { return p.id == id; }));
    };
    double best = -1;
    std::size_t fewest = slots.size() + 1;
    do {
      double total = 0;
      std::size_t moves = 0;
      for (std::size_t i = 0; i < slots.size(); ++i) {
        total += fit_in(i, slots[i]);
        moves += slots[i] != *m.people[i].position;
      }
      if (total > best + 1e-9) best = total, fewest = moves;
      else if (total >= best - 1e-9) fewest = std::min(fewest, moves);
    } while (std::next_permutation(slots.begin(), slots.end()));
    auto r = align(m);
    INFO("trial " << trial);
    CHECK(r.units[0].optimal == Approx(best).margin(1e-9));
    CHECK(r.units[0].moves.size() == fewest);
  }
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
  std::vector<std::int64_t> score(n * k);
  for (auto &f : score) f = static_cast<std::int64_t>(rng());
  auto assigned = optimal_alignment(k, held, score);
  std::int64_t current = 0, optimal = 0;
  for (std::size_t i = 0; i < n; ++i) {
    current += score[i * k + held[i]];
    optimal += score[i * k + assigned[i]];
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
    const auto uncapped = intrinsic_quality(m, false);
    REQUIRE(s.size() == units);
    for (std::size_t u = 0; u < units; ++u) {
      double expected;
      {  // §2: the ceiling c = mean morale × fit; s = min(quality, c), quality, c, else 1
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
        const auto &quality = m.units[u].quality;
        if (quality && count) expected = std::min(*quality, sum / count);
        else if (quality) expected = *quality;
        else expected = count ? sum / count : 1.0;
        if (quality) CHECK(uncapped[u] == *quality);  // --no-morale-cap
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
  auto item = [](const char *id, const char *text) { return MaturityItem{id, text, {}}; };
  std::vector<MaturityProcess> processes{{"p1", "One", {item("a", "A"), item("b", "B")}, {}},
                                         {"p2", "Two", {item("c", "C")}, {}}};
  std::vector<MaturityResponse> responses{
      {"r1", Level::directive, {{"a", 5}, {"b", 4}, {"c", 3}}, {}},
      {"r2", Level::operative, {{"a", 2}, {"b", 1}, {"c", 3}}, {}},
      {"r3", Level::operative, {{"a", 3}, {"zz", 5}}, {}},  // unknown item ignored, c unanswered
      {"r4", Level::managerial, {{"c", 1}}, {}},
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
