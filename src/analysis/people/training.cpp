#include "servicechain/analysis/people/training.hpp"

#include <algorithm>
#include <limits>
#include <queue>
#include <string_view>
#include <unordered_map>

#include "servicechain/analysis/people/fit.hpp"
#include "servicechain/error.hpp"
#include "../../util/exact.hpp"

namespace servicechain {
namespace {

constexpr double budget_tolerance = 1e-9;

struct Candidate {
  std::size_t person;  // model index
  std::size_t module;  // curriculum index
  std::vector<std::pair<std::size_t, double>> raises;  // need index, +levels
  double impact = 0;     // impact_u of the person's unit (0: no unit)
  double headcount = 1;  // headcount_u
};

// A candidate's priority: value per cost, then weighted gap closed per cost,
// both compared exactly (detail::compare: ties in exact arithmetic are ties),
// then the lowest index (person, then curriculum order).
struct Key {
  detail::ExactRatio value;    // Σ closed·weight × impact_u / (headcount_u × cost)
  detail::ExactRatio closure;  // Σ closed·weight / cost (orders candidates of zero value)
  std::size_t index = 0;
};
int order(const Key &a, const Key &b) {  // > 0: a comes first
  if (int c = detail::compare(a.value, b.value)) return c;
  if (int c = detail::compare(a.closure, b.closure)) return c;
  return a.index < b.index ? 1 : a.index > b.index ? -1 : 0;
}
struct KeyLess {  // priority_queue puts the greatest, the one that comes first, on top
  bool operator()(const Key &a, const Key &b) const { return order(a, b) < 0; }
};

struct Selection {
  std::vector<std::size_t> chosen;   // candidate indices in order
  std::vector<double> value;         // value at selection
  std::vector<std::vector<std::size_t>> closes;  // needs it closes (at selection)
};

// Greedy by value per cost with lazy re-evaluation: values only fall as gaps
// close, so a stale key is an upper bound and the result equals the plain greedy.
Selection select(const std::vector<Candidate> &candidates, const std::vector<TrainingNeed> &needs,
                 const std::vector<CurriculumModule> &curriculum, std::optional<double> budget) {
  std::vector<double> remaining_gap(needs.size());
  for (std::size_t n = 0; n < needs.size(); ++n) remaining_gap[n] = needs[n].gap;
  auto closes_any = [&](std::size_t c) {
    return std::any_of(candidates[c].raises.begin(), candidates[c].raises.end(),
                       [&](const auto &r) { return std::min(r.second, remaining_gap[r.first]) > 0; });
  };
  auto evaluate = [&](std::size_t c) {
    const Candidate &candidate = candidates[c];
    auto closure = detail::exact_sum_of_products([&](auto add) {
      for (auto [n, raise] : candidate.raises)
        if (double closed = std::min(raise, remaining_gap[n]); closed > 0) add(closed, needs[n].weight);
    });
    const double cost = curriculum[candidate.module].cost;
    return Key{{closure, candidate.impact, candidate.headcount, cost}, {closure, 1, 1, cost}, c};
  };
  std::priority_queue<Key, std::vector<Key>, KeyLess> heap;
  for (std::size_t c = 0; c < candidates.size(); ++c)
    if (closes_any(c)) heap.push(evaluate(c));
  double left = budget ? *budget : std::numeric_limits<double>::infinity();
  Selection s;
  while (!heap.empty()) {
    Key top = heap.top();
    heap.pop();
    if (!closes_any(top.index)) continue;
    Key key = evaluate(top.index);
    if (order(key, top) != 0) {
      heap.push(std::move(key));
      continue;
    }
    const Candidate &candidate = candidates[top.index];
    double cost = curriculum[candidate.module].cost;
    if (cost > left + budget_tolerance) continue;  // cannot afford it: skip, try cheaper ones
    left -= cost;
    std::vector<std::size_t> closes;
    for (auto [n, raise] : candidate.raises) {
      double closed = std::min(raise, remaining_gap[n]);
      if (closed <= 0) continue;
      remaining_gap[n] -= closed;
      closes.push_back(n);
    }
    s.chosen.push_back(top.index);
    s.value.push_back(key.value.amount.value * (candidate.impact / candidate.headcount));
    s.closes.push_back(std::move(closes));
  }
  return s;
}

/// Each person's competency gaps against their position, in person order, then
/// the position's competency order, with impact_u / headcount_u of the
/// person's unit (impact 1 per unit when none is given, 0 without a unit).
struct Gaps {
  std::vector<TrainingNeed> needs;
  std::vector<std::size_t> need_person;  ///< the person of each need
  std::vector<double> unit_impact, unit_headcount;  ///< per person
};

Gaps competency_gaps(const Model &model, std::span<const double> impact, const std::vector<CurriculumModule> &curriculum,
                     TrainingResult &result) {
  std::unordered_map<std::string_view, std::size_t> unit_index, position_index;
  for (std::size_t u = 0; u < model.units.size(); ++u) unit_index.emplace(model.units[u].id, u);
  for (std::size_t p = 0; p < model.positions.size(); ++p) position_index.emplace(model.positions[p].id, p);
  std::vector<std::size_t> headcount(model.units.size(), 0);
  for (const auto &person : model.people)
    if (auto u = unit_index.find(person.unit); u != unit_index.end()) ++headcount[u->second];
  const auto levels = people_levels(model);
  Gaps g;
  g.unit_impact.assign(model.people.size(), 0.0);
  g.unit_headcount.assign(model.people.size(), 1.0);
  for (std::size_t i = 0; i < model.people.size(); ++i) {
    const Person &person = model.people[i];
    if (!person.position) continue;
    auto pos_it = position_index.find(*person.position);
    if (pos_it == position_index.end()) continue;
    const Position &position = model.positions[pos_it->second];
    const Level level = levels[i].value_or(Level::operative);
    if (auto u = unit_index.find(person.unit); u != unit_index.end() && headcount[u->second] > 0) {
      g.unit_impact[i] = impact.empty() ? 1.0 : impact[u->second];
      g.unit_headcount[i] = static_cast<double>(headcount[u->second]);
    }
    const double ipp = g.unit_impact[i] / g.unit_headcount[i];
    for (const auto &[competency, required] : position.requires_levels) {
      double have = find_value(person.competencies, competency).value_or(0.0);
      if (!(required > 0) || !(required > have)) continue;
      TrainingNeed need;
      need.person = person.id;
      need.unit = person.unit;
      need.level = level;
      need.competency = competency;
      need.required = required;
      need.have = have;
      need.gap = required - have;
      need.weight = find_value(position.weights, competency).value_or(1.0);
      need.need = need.gap * need.weight;
      need.priority = need.need * ipp;
      for (const auto &module : curriculum)
        if (module.level == level && find_value(module.raises, competency).value_or(0.0) > 0)
          need.modules.push_back(module.id);
      if (need.modules.empty()) ++result.uncovered;
      g.needs.push_back(std::move(need));
      g.need_person.push_back(i);
    }
  }
  return g;
}

/// Candidate enrolments: each person × each module of their level that raises one of their gaps.
std::vector<Candidate> candidate_enrolments(const Gaps &g, const std::vector<CurriculumModule> &curriculum) {
  std::vector<Candidate> candidates;
  for (std::size_t first = 0; first < g.needs.size();) {
    std::size_t last = first;
    while (last < g.needs.size() && g.need_person[last] == g.need_person[first]) ++last;
    for (std::size_t m = 0; m < curriculum.size(); ++m) {
      const auto &module = curriculum[m];
      if (module.level != g.needs[first].level) continue;
      const std::size_t i = g.need_person[first];
      Candidate c{i, m, {}, g.unit_impact[i], g.unit_headcount[i]};
      for (std::size_t n = first; n < last; ++n)
        if (double raise = find_value(module.raises, g.needs[n].competency).value_or(0.0); raise > 0)
          c.raises.emplace_back(n, raise);
      if (!c.raises.empty()) candidates.push_back(std::move(c));
    }
    first = last;
  }
  return candidates;
}

/// The chosen enrolments into the plan, with totals per level and participants per module.
void record_plan(const Model &model, const Selection &chosen, const std::vector<Candidate> &candidates,
                 const std::vector<TrainingNeed> &needs, const std::vector<CurriculumModule> &curriculum,
                 TrainingResult &result) {
  for (int l = 0; l < 3; ++l) result.by_level[l].level = static_cast<Level>(l);
  std::vector<std::vector<std::size_t>> participants(curriculum.size());
  std::array<std::vector<std::size_t>, 3> level_people;
  for (std::size_t s = 0; s < chosen.chosen.size(); ++s) {
    const Candidate &c = candidates[chosen.chosen[s]];
    const CurriculumModule &module = curriculum[c.module];
    Enrolment e;
    e.person = model.people[c.person].id;
    e.module = module.id;
    e.level = module.level;
    e.hours = module.hours;
    e.cost = module.cost;
    e.value = chosen.value[s];
    for (std::size_t n : chosen.closes[s]) e.competencies.push_back(needs[n].competency);
    result.hours += e.hours;
    result.cost += e.cost;
    result.value += e.value;
    auto &lt = result.by_level[static_cast<int>(e.level)];
    ++lt.enrolments;
    lt.hours += e.hours;
    lt.cost += e.cost;
    participants[c.module].push_back(c.person);
    level_people[static_cast<int>(e.level)].push_back(c.person);
    result.plan.push_back(std::move(e));
  }
  for (int l = 0; l < 3; ++l) {
    auto &people = level_people[l];
    std::sort(people.begin(), people.end());
    result.by_level[l].people = static_cast<std::size_t>(std::unique(people.begin(), people.end()) - people.begin());
  }
  for (std::size_t m = 0; m < curriculum.size(); ++m)
    if (!participants[m].empty())
      result.by_level[static_cast<int>(curriculum[m].level)].modules.emplace_back(curriculum[m].id,
                                                                                participants[m].size());
}

}  // namespace

TrainingResult training_needs(const Model &model, std::span<const double> impact, const TrainingOptions &options) {
  if (!impact.empty() && impact.size() != model.units.size())
    throw ArgumentError("training_needs: impact must have one value per unit (" + std::to_string(model.units.size()) +
                        "), got " + std::to_string(impact.size()));
  if (options.budget && !(*options.budget >= 0)) throw ArgumentError("training budget must be >= 0");
  TrainingResult result;
  result.budget = options.budget;
  result.impact_given = !impact.empty();
  const auto &curriculum = curriculum_of(model, options.language);
  result.uncovered_competencies = uncovered_competencies(model, curriculum);

  Gaps gaps = competency_gaps(model, impact, curriculum, result);
  const std::vector<Candidate> candidates = candidate_enrolments(gaps, curriculum);
  const Selection chosen = select(candidates, gaps.needs, curriculum, options.budget);
  const Selection full = options.budget ? select(candidates, gaps.needs, curriculum, std::nullopt) : chosen;
  result.full_enrolments = full.chosen.size();
  for (std::size_t c : full.chosen) {
    result.full_hours += curriculum[candidates[c].module].hours;
    result.full_cost += curriculum[candidates[c].module].cost;
  }
  record_plan(model, chosen, candidates, gaps.needs, curriculum, result);

  // Highest priority first; equal priorities keep person and competency order.
  std::vector<TrainingNeed> &needs = gaps.needs;
  std::vector<std::size_t> order(needs.size());
  for (std::size_t n = 0; n < order.size(); ++n) order[n] = n;
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return needs[a].priority > needs[b].priority; });
  result.needs.reserve(needs.size());
  for (std::size_t n : order) result.needs.push_back(std::move(needs[n]));
  return result;
}

}  // namespace servicechain
