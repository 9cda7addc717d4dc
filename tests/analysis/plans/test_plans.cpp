// Improvement plans: effects, CPM schedule, progress, and selection under budget
// checked against brute force on random plans.
#include <catch2/catch.hpp>

#include "support/command.hpp"

#include <algorithm>
#include <cstdio>
#include <random>
#include <set>
#include <sys/wait.h>

#include "servicechain/analysis/chain/propagation.hpp"
#include "servicechain/analysis/people/fit.hpp"
#include "servicechain/analysis/plans/effects.hpp"
#include "servicechain/analysis/plans/plan.hpp"
#include "servicechain/error.hpp"
#include "servicechain/validate.hpp"

using namespace servicechain;

namespace {

Action action(std::string id, double duration, std::vector<std::string> after = {}, Stage stage = Stage::plan) {
  Action a;
  a.id = std::move(id);
  a.duration_days = duration;
  a.after = std::move(after);
  a.stage = stage;
  return a;
}

const ScheduledAction &row(const Schedule &s, const std::string &id) {
  for (const auto &r : s.actions)
    if (r.id == id) return r;
  FAIL("no schedule row " << id);
  return s.actions.front();
}

// Reference: CSI of the model with the given actions applied, by the plain path
// (model copy, intrinsic quality, propagation).
double reference_csi(const Model &model, const std::vector<const Action *> &actions, PropagationModel pm) {
  Model copy = apply_effects(model, actions);
  ChainGraph g(copy);
  return csi(g, propagate(g, intrinsic_quality(copy), pm).delivered).value_or(0.0);
}

Model random_model(std::mt19937 &rng) {
  std::uniform_real_distribution<double> u01(0.0, 1.0);
  auto chance = [&](double p) { return u01(rng) < p; };
  Model m;
  const int units = 3 + static_cast<int>(rng() % 4);
  for (const char *c : {"c0", "c1", "c2"}) m.competencies.push_back({c, c, {}});
  for (int u = 0; u < units; ++u) {
    Unit unit;
    unit.id = "u" + std::to_string(u);
    unit.name = unit.id;
    if (chance(0.4)) unit.quality = 0.3 + 0.7 * u01(rng);
    m.units.push_back(unit);
    Position pos;
    pos.id = "p" + std::to_string(u);
    pos.title = pos.id;
    pos.unit = unit.id;
    for (const char *c : {"c0", "c1", "c2"})
      if (chance(0.6)) {
        pos.requires_levels.emplace_back(c, 1 + static_cast<double>(rng() % 5));
        if (chance(0.5)) pos.weights.emplace_back(c, 0.5 + u01(rng));
      }
    m.positions.push_back(pos);
    const int people = static_cast<int>(rng() % 3);
    for (int k = 0; k < people; ++k) {
      Person p;
      p.id = unit.id + "_person" + std::to_string(k);
      p.name = p.id;
      p.unit = unit.id;
      if (chance(0.8)) p.position = pos.id;
      if (chance(0.7)) p.morale = 0.4 + 0.6 * u01(rng);
      for (const char *c : {"c0", "c1", "c2"})
        if (chance(0.6)) p.competencies.emplace_back(c, static_cast<double>(rng() % 6));
      m.people.push_back(p);
    }
  }
  for (int v = 0; v < units; ++v) {
    double room = 0.9;
    for (int u = 0; u < units; ++u) {
      if (u == v || !chance(u < v ? 0.5 : 0.15)) continue;  // later -> earlier makes some cycles
      double w = std::min(room, 0.05 + 0.4 * u01(rng));
      if (w <= 0.01) continue;
      room -= w;
      m.services.push_back({"u" + std::to_string(u), "u" + std::to_string(v), "s", w, std::nullopt, {}});
    }
  }
  for (int c = 0; c < 2; ++c) m.segments.push_back({"seg" + std::to_string(c), "seg", 1 + static_cast<double>(rng() % 3), {}});
  const int moments = 2 + static_cast<int>(rng() % 3);
  for (int k = 0; k < moments; ++k) {
    MomentOfTruth x;
    x.id = "m" + std::to_string(k);
    x.segment = "seg" + std::to_string(k % 2);
    x.owner = "u" + std::to_string(rng() % static_cast<unsigned>(units));
    x.importance = 0.5 + u01(rng);
    m.moments.push_back(x);
  }
  return m;
}

Plan random_plan(const Model &m, std::mt19937 &rng, int n) {
  std::uniform_real_distribution<double> u01(0.0, 1.0);
  Plan plan;
  plan.id = "plan";
  plan.budget = static_cast<double>(rng() % 40);
  for (int i = 0; i < n; ++i) {
    Action a;
    a.id = "a" + std::string(i < 10 ? "0" : "") + std::to_string(i);
    double r = u01(rng);
    a.stage = r < 0.65 ? Stage::plan : r < 0.75 ? Stage::do_ : r < 0.8 ? Stage::check : r < 0.85 ? Stage::act : Stage::done;
    a.cost = static_cast<double>(rng() % 11);
    a.duration_days = static_cast<double>(rng() % 20);
    for (int j = 0; j < i; ++j)
      if (u01(rng) < 0.2) a.after.push_back(plan.actions[static_cast<std::size_t>(j)].id);
    int kind = static_cast<int>(rng() % 3);
    bool on_person = kind != 0 && !m.people.empty() && u01(rng) < 0.4;
    a.target.kind = on_person ? ActionTarget::Kind::person : ActionTarget::Kind::unit;
    a.target.id = on_person ? m.people[rng() % m.people.size()].id : m.units[rng() % m.units.size()].id;
    if (kind == 0) a.effect = {ActionEffect::Kind::quality, 0.3 * u01(rng), ""};
    else if (kind == 1) a.effect = {ActionEffect::Kind::morale, 0.4 * u01(rng), ""};
    else a.effect = {ActionEffect::Kind::competency, static_cast<double>(1 + rng() % 3), "c" + std::to_string(rng() % 3)};
    plan.actions.push_back(a);
  }
  return plan;
}

struct Expected {
  std::vector<std::string> selected;
  double cost = 0, csi = 0;
  bool over_budget = false;
};

// Brute force over every subset of the plan-stage actions.
Expected brute_force(const Model &m, const Plan &plan, PropagationModel pm) {
  const std::size_t n = plan.actions.size();
  auto index_of = [&](const std::string &id) {
    for (std::size_t i = 0; i < n; ++i)
      if (plan.actions[i].id == id) return i;
    return n;
  };
  std::vector<char> forced(n, 0);
  for (std::size_t i = 0; i < n; ++i) {
    auto s = plan.actions[i].stage;
    forced[i] = s == Stage::do_ || s == Stage::check || s == Stage::act;
  }
  for (bool changed = true; changed;) {  // plan-stage actions a committed one waits for
    changed = false;
    for (std::size_t i = 0; i < n; ++i)
      if (forced[i])
        for (const auto &p : plan.actions[i].after) {
          auto j = index_of(p);
          if (plan.actions[j].stage != Stage::done && !forced[j]) forced[j] = 1, changed = true;
        }
  }
  std::vector<std::size_t> free_actions;
  for (std::size_t i = 0; i < n; ++i)
    if (plan.actions[i].stage == Stage::plan && !forced[i]) free_actions.push_back(i);
  struct Option {
    std::vector<std::string> ids;
    double cost, csi;
  };
  std::vector<Option> options;
  double forced_cost = 0;
  for (std::size_t i = 0; i < n; ++i)
    if (forced[i]) forced_cost += plan.actions[i].cost;
  for (std::uint32_t mask = 0; mask < (1u << free_actions.size()); ++mask) {
    std::vector<char> in(forced);
    for (std::size_t k = 0; k < free_actions.size(); ++k)
      if (mask >> k & 1) in[free_actions[k]] = 1;
    bool closed = true;
    double cost = 0;
    std::vector<const Action *> chosen;
    Option o;
    for (std::size_t i = 0; i < n; ++i) {
      if (!in[i]) continue;
      cost += plan.actions[i].cost;
      chosen.push_back(&plan.actions[i]);
      o.ids.push_back(plan.actions[i].id);
      for (const auto &p : plan.actions[i].after) {
        auto j = index_of(p);
        if (plan.actions[j].stage != Stage::done && !in[j]) closed = false;
      }
    }
    if (!closed || cost > plan.budget + 1e-9 * std::max(1.0, plan.budget)) continue;
    std::sort(o.ids.begin(), o.ids.end());
    o.cost = cost;
    o.csi = reference_csi(m, chosen, pm);
    options.push_back(o);
  }
  Expected e;
  if (options.empty()) {  // the committed actions alone exceed the budget
    e.over_budget = true;
    std::vector<const Action *> chosen;
    for (std::size_t i = 0; i < n; ++i)
      if (forced[i]) e.selected.push_back(plan.actions[i].id), chosen.push_back(&plan.actions[i]);
    std::sort(e.selected.begin(), e.selected.end());
    e.cost = forced_cost;
    e.csi = reference_csi(m, chosen, pm);
    return e;
  }
  double best = -1;
  for (const auto &o : options) best = std::max(best, o.csi);
  const Option *winner = nullptr;
  for (const auto &o : options) {
    if (o.csi < best - 1e-9) continue;
    if (!winner || o.cost < winner->cost || (o.cost == winner->cost && o.ids < winner->ids)) winner = &o;
  }
  e.selected = winner->ids;
  e.cost = winner->cost;
  e.csi = winner->csi;
  return e;
}

}  // namespace

TEST_CASE("plans: effects raise quality, morale and competency with clamps") {
  Model m;
  m.competencies.push_back({"c", "c", {}});
  Unit a{"a", "a", std::nullopt, Level::operative, 0.95, {}};
  Unit b{"b", "b", std::nullopt, Level::operative, std::nullopt, {}};
  m.units = {a, b};
  Position pos{"pos", "pos", "b", std::nullopt, {{"c", 4}}, {}, {}};
  m.positions = {pos};
  Person p1, p2;
  p1.id = "p1", p1.unit = "b", p1.position = "pos", p1.competencies = {{"c", 2}};  // fit 0.5, morale 1
  p2.id = "p2", p2.unit = "b", p2.position = "pos", p2.morale = 0.5;            // fit 0 (no level)
  m.people = {p1, p2};
  auto act = [](ActionTarget::Kind kind, std::string target, ActionEffect effect) {
    Action x;
    x.target = {kind, std::move(target)};
    x.effect = std::move(effect);
    return x;
  };
  CHECK(intrinsic_quality(m) == std::vector<double>{0.95, 0.25});

  std::vector<Action> actions{
      act(ActionTarget::Kind::unit, "a", {ActionEffect::Kind::quality, 0.1, ""}),          // 0.95 + 0.1 clamps to 1
      act(ActionTarget::Kind::unit, "b", {ActionEffect::Kind::morale, 0.3, ""}),            // p1 1.3 -> 1, p2 0.8
      act(ActionTarget::Kind::person, "p2", {ActionEffect::Kind::competency, 3, "c"}),     // p2 0 -> 3: fit 0.75
      act(ActionTarget::Kind::person, "p1", {ActionEffect::Kind::competency, 4, "c"}),     // p1 2 -> 6 -> 5: fit 1
      act(ActionTarget::Kind::unit, "b", {ActionEffect::Kind::quality, 0.05, ""}),         // derived s + 0.05
  };
  Model all = apply_effects(m, std::span<const Action>(actions));
  CHECK(*all.units[0].quality == 1.0);
  CHECK(*all.people[0].morale == 1.0);
  CHECK(*all.people[1].morale == Approx(0.8));
  CHECK(find_value(all.people[0].competencies, "c") == 5.0);
  CHECK(find_value(all.people[1].competencies, "c") == 3.0);
  // b: mean(1 × 1, 0.8 × 0.75) = 0.8, plus 0.05
  CHECK(*all.units[1].quality == Approx(0.85));

  SECTION("the evaluator gives the same s, bit for bit, for every subset, with the cap on and off") {
    for (bool cap : {true, false}) {
      EffectEvaluator evaluator(m, actions, cap);
      std::vector<double> s;
      for (std::uint32_t mask = 0; mask < 32; ++mask) {
        std::vector<std::uint32_t> chosen;
        std::vector<const Action *> pointers;
        for (std::uint32_t i = 0; i < 5; ++i)
          if (mask >> i & 1) chosen.push_back(i), pointers.push_back(&actions[i]);
        evaluator.intrinsic(chosen, s);
        CHECK(s == intrinsic_quality(apply_effects(m, pointers), cap));
      }
    }
  }
  SECTION("the ceiling: quality + Δ before it, morale and skills move it") {
    // b has no quality: s = c = 0.25; its quality action starts from c and stays capped.
    std::vector<double> s;
    EffectEvaluator capped(m, actions);
    const std::uint32_t b_quality = 4, b_morale = 1;
    capped.intrinsic(std::span<const std::uint32_t>(&b_quality, 1), s);
    CHECK(s[1] == 0.25);
    EffectEvaluator uncapped(m, actions, false);
    uncapped.intrinsic(std::span<const std::uint32_t>(&b_quality, 1), s);
    CHECK(s[1] == Approx(0.30));  // the rule before the ceiling: derived s + Δ
    // morale +0.3: p1 1 -> 1 (clamped), p2 0.5 -> 0.8 but fit 0: c stays 0.25
    capped.intrinsic(std::span<const std::uint32_t>(&b_morale, 1), s);
    CHECK(s[1] == 0.25);
    // every action: c = mean(1·1, 0.8·0.75) = 0.8 < quality 0.85
    const std::vector<std::uint32_t> every{0, 1, 2, 3, 4};
    capped.intrinsic(every, s);
    CHECK(s[1] == Approx(0.8));
    CHECK(s[0] == 1.0);  // a has no people: quality 0.95 + 0.1 clamps to 1
  }
}

TEST_CASE("plans: a gain of 0 comes with its reason") {
  // front (owner of the only moment, quality 0.9, one person: morale 0.5, no
  // position, so c = 0.5: capped); back serves front (w 0.5, quality 0.4, one
  // person with morale 1: c = 1 > 0.4); lost serves nobody (people, no quality).
  Model m;
  m.units.resize(3);
  const char *ids[] = {"front", "back", "lost"};
  for (int u = 0; u < 3; ++u) m.units[u].id = ids[u], m.units[u].name = ids[u];
  m.units[0].quality = 0.9;
  m.units[1].quality = 0.4;
  Person p;
  p.id = "pf", p.unit = "front", p.morale = 0.5;
  m.people.push_back(p);
  p.id = "pb", p.unit = "back", p.morale = 1.0;
  m.people.push_back(p);
  p.id = "pl", p.unit = "lost", p.morale = 0.5;
  m.people.push_back(p);
  m.services.push_back({"back", "front", "s", 0.5, std::nullopt, {}});
  m.segments.push_back({"c", "c", 1, {}});
  MomentOfTruth moment;
  moment.id = "m", moment.segment = "c", moment.owner = "front";
  m.moments.push_back(moment);
  auto act = [](std::string id, ActionTarget::Kind kind, std::string target, ActionEffect::Kind effect, double delta) {
    Action x;
    x.id = std::move(id);
    x.target = {kind, std::move(target)};
    x.effect = {effect, delta, ""};
    return x;
  };
  Plan plan;
  plan.id = "p";
  plan.actions = {act("q_front", ActionTarget::Kind::unit, "front", ActionEffect::Kind::quality, 0.05),
                  act("m_front", ActionTarget::Kind::unit, "front", ActionEffect::Kind::morale, 0.1),
                  act("m_back", ActionTarget::Kind::unit, "back", ActionEffect::Kind::morale, 0.2),
                  act("q_back", ActionTarget::Kind::unit, "back", ActionEffect::Kind::quality, 0.1),
                  act("m_lost", ActionTarget::Kind::person, "pl", ActionEffect::Kind::morale, 0.2)};
  auto gains = predicted_gains(m, plan);
  REQUIRE(gains.size() == 5);
  CHECK(*gains[0].gain == 0.0);
  CHECK(gains[0].reason == GainReason::ceiling_binds);
  // morale 0.5 -> 0.6 raises c and s of front: 0.5·(0.6 − 0.5)·100 = 5 CSI points
  CHECK(*gains[1].gain == Approx(5.0));
  CHECK(!gains[1].reason);
  CHECK(*gains[2].gain == 0.0);
  CHECK(gains[2].reason == GainReason::clamped);  // back's morale is already 1
  CHECK(*gains[3].gain == Approx(5.0));  // back: s 0.4 -> 0.5, half of front's q
  CHECK(*gains[4].gain == 0.0);
  CHECK(gains[4].reason == GainReason::no_path_to_customer);
  CHECK(to_string(GainReason::ceiling_not_binding) == "ceiling_not_binding");

  // back with morale 0.9: a morale gain there is hidden by its quality 0.4
  m.people[1].morale = 0.9;
  gains = predicted_gains(m, plan);
  CHECK(*gains[2].gain == 0.0);
  CHECK(gains[2].reason == GainReason::ceiling_not_binding);
  // without the cap front's quality sets s: its quality action gains, morale not
  gains = predicted_gains(m, plan, PropagationModel::linear, false);
  CHECK(*gains[0].gain == Approx(2.5));
  CHECK(*gains[1].gain == 0.0);
  CHECK(gains[1].reason == GainReason::ceiling_not_binding);

  // a selection that gains nothing says why too
  SelectionOptions options;
  options.budget = 1;  // the committed q_front alone
  for (auto &x : plan.actions) x.cost = 1;
  plan.actions[0].stage = Stage::do_;
  auto selection = select_actions(m, plan, options);
  CHECK(selection.selected == std::vector<std::string>{"q_front"});
  CHECK(selection.reason == GainReason::ceiling_binds);
}

TEST_CASE("plans: critical path on a hand-drawn plan") {
  // A(3) -> B(2) -> D(1), A -> C(4) -> D; E(2) free; X is done, F waits for X.
  Plan plan;
  plan.id = "p";
  plan.actions = {action("A", 3), action("B", 2, {"A"}), action("C", 4, {"A"}), action("D", 1, {"B", "C"}),
                  action("E", 2), action("X", 9, {}, Stage::done), action("F", 8, {"X"}, Stage::do_)};
  auto s = schedule_plan(plan);
  CHECK(s.actions.size() == 6);  // X is done
  CHECK(s.duration == 8);
  auto check = [&](const char *id, double es, double ef, double ls, double lf, double slack) {
    const auto &r = row(s, id);
    CHECK(r.es == es);
    CHECK(r.ef == ef);
    CHECK(r.ls == ls);
    CHECK(r.lf == lf);
    CHECK(r.slack == slack);
  };
  check("A", 0, 3, 0, 3, 0);
  check("B", 3, 5, 5, 7, 2);
  check("C", 3, 7, 3, 7, 0);
  check("D", 7, 8, 7, 8, 0);
  check("E", 0, 2, 6, 8, 6);
  check("F", 0, 8, 0, 8, 0);
  CHECK(s.critical_path == std::vector<std::string>{"A", "F", "C", "D"});

  SECTION("fractional durations") {
    Plan q;
    q.actions = {action("a", 0.1), action("b", 0.2, {"a"}), action("c", 0.3)};
    auto t = schedule_plan(q);
    CHECK(t.duration == Approx(0.3));
    CHECK(t.critical_path == std::vector<std::string>{"a", "c", "b"});
  }
  SECTION("an empty plan takes no time") {
    Plan q;
    CHECK(schedule_plan(q).duration == 0);
    CHECK(schedule_plan(q).critical_path.empty());
  }
  SECTION("a cycle is an error naming its actions") {
    Plan q;
    q.id = "loop";
    q.actions = {action("a", 1, {"c"}), action("b", 1, {"a"}), action("c", 1, {"b"}), action("d", 1, {"c"})};
    REQUIRE_THROWS_AS(schedule_plan(q), InputError);
    REQUIRE_THROWS_WITH(schedule_plan(q), Catch::Contains("a, b, c") && !Catch::Contains("d"));
  }
}

TEST_CASE("plans: a slack within rounding noise of 0 gives latest times equal to the earliest") {
  // a(0.1) -> b(0.2) and c(0.3) both take 0.3 days, but 0.1 + 0.2 > 0.3 in binary64:
  // c's slack and latest start come out at 5.6e-17 and a's at 2.8e-17.
  Plan q;
  q.actions = {action("a", 0.1), action("b", 0.2, {"a"}), action("c", 0.3), action("d", 0.7, {"b", "c"}),
               action("e", 0.05)};
  auto t = schedule_plan(q);
  for (const auto &r : t.actions) {
    INFO(r.id);
    CHECK(r.slack == r.ls - r.es);
    CHECK(r.slack >= 0);
    if (r.slack == 0) {
      CHECK(r.ls == r.es);
      CHECK(r.lf == r.ef);
    }
  }
  CHECK(row(t, "a").ls == 0);
  CHECK(row(t, "c").ls == 0);
  CHECK(row(t, "c").lf == row(t, "c").ef);
  CHECK(row(t, "a").lf <= row(t, "b").ls);
  CHECK(row(t, "e").slack == Approx(0.95));
  // Both chains take the whole duration: every action on them is critical (docs/plans.md).
  CHECK(t.critical_path == std::vector<std::string>{"a", "c", "b", "d"});
}

TEST_CASE("plans: progress by stage and overdue actions") {
  Plan plan;
  auto with_due = [](Action a, std::string due) { return a.due = std::move(due), a; };
  plan.actions = {with_due(action("a", 1, {}, Stage::done), "2026-01-01"), with_due(action("b", 1, {}, Stage::do_), "2026-02-01"),
                  with_due(action("c", 1), "2026-03-01"), action("d", 1, {}, Stage::check), with_due(action("e", 1, {}, Stage::act), "2026-02-28")};
  auto p = plan_progress(plan, "2026-03-01");
  CHECK(p.by_stage == std::array<std::size_t, 5>{1, 1, 1, 1, 1});
  CHECK(p.overdue == std::vector<std::string>{"b", "e"});  // due before the date, not done
  CHECK_THROWS_AS(plan_progress(plan, "2026-13-01"), ArgumentError);
}

TEST_CASE("plans: exact selection equals brute force on random plans") {
  std::mt19937 rng(20260601);
  int over = 0, nonempty = 0;
  for (int trial = 0; trial < 160; ++trial) {
    Model m = random_model(rng);
    const int n = 1 + trial % 12;
    m.plans.push_back(random_plan(m, rng, n));
    const Plan &plan = m.plans.back();
    REQUIRE(validate(m).ok());
    for (auto pm : {PropagationModel::linear, PropagationModel::geometric}) {
      INFO("trial " << trial << " model " << to_string(pm));
      auto expected = brute_force(m, plan, pm);
      SelectionOptions options;
      options.propagation = pm;
      auto got = select_actions(m, plan, options);
      CHECK(got.method == "exact");
      CHECK(got.selected == expected.selected);
      CHECK(got.cost == expected.cost);
      CHECK(got.over_budget == expected.over_budget);
      REQUIRE(got.csi_after);
      CHECK(*got.csi_after == Approx(expected.csi).margin(1e-12));
      over += expected.over_budget;
      nonempty += !expected.selected.empty();

      // The greedy heuristic gives a closed, affordable selection no better than the optimum.
      options.exact_limit = 0;
      auto greedy = select_actions(m, plan, options);
      CHECK(greedy.method == std::string(got.candidates == 0 ? "exact" : "greedy"));
      CHECK(*greedy.csi_after <= *got.csi_after + 1e-9);
      if (!expected.over_budget) CHECK(greedy.cost <= plan.budget + 1e-9);
      std::set<std::string> chosen(greedy.selected.begin(), greedy.selected.end());
      for (const auto &a : plan.actions)
        if (chosen.count(a.id))
          for (const auto &p : a.after)
            for (const auto &b : plan.actions)
              if (b.id == p && b.stage != Stage::done) CHECK(chosen.count(p) == 1);
    }
  }
  CHECK(over > 0);       // the random plans cover committed actions over budget
  CHECK(nonempty > 100);
}

TEST_CASE("plans: gains are the CSI with one effect minus the CSI now") {
  std::mt19937 rng(7);
  Model m = random_model(rng);
  m.plans.push_back(random_plan(m, rng, 8));
  const Plan &plan = m.plans.back();
  auto gains = predicted_gains(m, plan);
  double now = reference_csi(m, {}, PropagationModel::linear);
  std::size_t k = 0;
  for (const auto &a : plan.actions) {
    if (a.stage == Stage::done) continue;
    REQUIRE(k < gains.size());
    CHECK(gains[k].id == a.id);
    CHECK(*gains[k].gain == Approx(reference_csi(m, {&a}, PropagationModel::linear) - now).margin(1e-12));
    CHECK(*gains[k].gain >= -1e-12);
    ++k;
  }
  CHECK(k == gains.size());
  CHECK_THROWS_AS(find_plan(m, "nope"), ArgumentError);
}

TEST_CASE("plans: the CLI on the bundled hotel") {
  std::string cmd = std::string(SERVICECHAIN_CLI) + " -q plan " + SERVICECHAIN_SOURCE_DIR +
                    "/examples/hotel.json --plan service_recovery_2026 --as-of 2026-03-01 --json";
  auto result = servicechain::test::run_command(cmd);
  REQUIRE(result.code == 0);
  const std::string &out = result.out;
  // Selection and CSIs agree with an independent numpy brute force of §2 and §4.8
  // (tests/reference/check_ceiling.py): with the morale ceiling every quality
  // action on this hotel gains 0, so the budget goes to morale and skills.
  CHECK_THAT(out, Catch::Contains(R"("selected": [
    "sr02",
    "sr03",
    "sr05",
    "sr06",
    "sr10",
    "sr12"
  ])"));
  CHECK_THAT(out, Catch::Contains(R"("cost": 12300,)"));
  CHECK_THAT(out, Catch::Contains(R"("method": "exact")"));
  CHECK_THAT(out, Catch::Contains(R"("duration": 55,)"));
  CHECK_THAT(out, Catch::Contains(R"("critical_path": [
    "sr08",
    "sr09"
  ])"));
  CHECK_THAT(out, Catch::Contains(R"("csi_before": 68.159036844186)"));
  CHECK_THAT(out, Catch::Contains(R"("csi_after": 69.159808735446)"));
  // sr09 (skills) and sr12 (morale) gain now; the quality actions say why they do not.
  CHECK_THAT(out, Catch::Contains(R"("id": "sr09",
      "gain": 0.231279543623)"));
  CHECK_THAT(out, Catch::Contains(R"("id": "sr12",
      "gain": 0.013357564743)"));
  CHECK_THAT(out, Catch::Contains(R"("id": "sr03",
      "gain": 0,
      "reason": "ceiling_binds")"));
  CHECK_THAT(out, Catch::Contains(R"("id": "sr02",
      "gain": 0.109571271321)"));
  CHECK_THAT(out, Catch::Contains(R"("reason": null,
  "method": "exact")"));  // the selection itself gains
  CHECK_THAT(out, Catch::Contains(R"("done": 1)"));

  // --no-morale-cap restores the rule before the ceiling (and its figures).
  auto uncapped = servicechain::test::run_command(cmd + " --no-morale-cap");
  REQUIRE(uncapped.code == 0);
  CHECK_THAT(uncapped.out, Catch::Contains(R"("csi_before": 73.152299552237)"));
  CHECK_THAT(uncapped.out, Catch::Contains(R"("csi_after": 75.979369120948)"));
  CHECK_THAT(uncapped.out, Catch::Contains(R"("id": "sr12",
      "gain": 0,
      "reason": "ceiling_not_binding")"));
  // Readable output explains every gain of 0, in English and Spanish.
  std::string readable_cmd = std::string(SERVICECHAIN_CLI) + " -q plan " + SERVICECHAIN_SOURCE_DIR +
                             "/examples/hotel.json --plan service_recovery_2026 --as-of 2026-03-01";
  auto readable = servicechain::test::run_command(readable_cmd);
  CHECK_THAT(readable.out, Catch::Contains("Actions that gain nothing, and why:"));
  CHECK_THAT(readable.out, Catch::Contains("  sr08: the unit's people's morale x fit caps its quality"));
  auto spanish = servicechain::test::run_command(std::string(SERVICECHAIN_CLI) + " -q --lang es plan " +
                                                 SERVICECHAIN_SOURCE_DIR + "/examples/hotel.json --plan service_recovery_2026 --as-of 2026-03-01");
  CHECK_THAT(spanish.out, Catch::Contains("Acciones que no mejoran nada, y por qué:"));
  CHECK_THAT(spanish.out, Catch::Contains("costo seleccionado"));

  // Every command that propagates takes the flag (exit 0, not a usage error).
  const std::string hotel = std::string(SERVICECHAIN_SOURCE_DIR) + "/examples/hotel.json";
  for (const std::string &args : {"check " + hotel, "people " + hotel, "report " + hotel + " -o /dev/null",
                                  "simulate " + hotel + " --runs 2 --threads 1"})
    CHECK(servicechain::test::run_command(std::string(SERVICECHAIN_CLI) + " -q " + args + " --no-morale-cap > /dev/null").code == 0);
  // Simulation noise goes after the ceiling: with sigma 0 every run is the capped CSI.
  auto simulated = servicechain::test::run_command(std::string(SERVICECHAIN_CLI) + " -q simulate " + hotel +
                                                   " --runs 2 --threads 1 --sigma 0 --json");
  CHECK_THAT(simulated.out, Catch::Contains(R"("csi": {
    "mean": 68.159036844186)"));

  std::string bad = std::string(SERVICECHAIN_CLI) + " -q plan " + SERVICECHAIN_SOURCE_DIR +
                    "/examples/hotel.json --plan nope --json 2>/dev/null";
  CHECK(servicechain::test::run_command(bad).code == 1);
}
