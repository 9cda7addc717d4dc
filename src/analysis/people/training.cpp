#include "servicechain/analysis/people/training.hpp"

#include <algorithm>
#include <limits>
#include <queue>
#include <string_view>
#include <unordered_map>

#include "servicechain/analysis/people/fit.hpp"
#include "servicechain/error.hpp"

namespace servicechain {
namespace {

constexpr double budget_tolerance = 1e-9;

struct Candidate {
  std::size_t person;  // model index
  std::size_t module;  // curriculum index
  std::vector<std::pair<std::size_t, double>> raises;  // need index, +levels
};

struct Key {
  double ratio = 0;    // value / cost
  double closure = 0;  // weighted gap closed / cost (orders candidates of zero value)
  std::size_t index = 0;
  bool operator==(const Key &) const = default;
};
struct KeyLess {  // priority_queue puts the greatest on top: best ratio, then closure, then lowest index
  bool operator()(const Key &a, const Key &b) const {
    if (a.ratio != b.ratio) return a.ratio < b.ratio;
    if (a.closure != b.closure) return a.closure < b.closure;
    return a.index > b.index;
  }
};

double per_cost(double amount, double cost) {
  if (cost > 0) return amount / cost;
  return amount > 0 ? std::numeric_limits<double>::infinity() : 0.0;
}

struct Selection {
  std::vector<std::size_t> chosen;   // candidate indices in order
  std::vector<double> value;         // value at selection
  std::vector<std::vector<std::size_t>> closes;  // needs it closes (at selection)
};

// Greedy by value per cost with lazy re-evaluation: values only fall as gaps
// close, so a stale key is an upper bound and the result equals the plain greedy.
Selection select(const std::vector<Candidate> &candidates, const std::vector<TrainingNeed> &needs,
                 const std::vector<double> &per_person_impact, const std::vector<CurriculumModule> &curriculum,
                 std::optional<double> budget) {
  std::vector<double> remaining_gap(needs.size());
  for (std::size_t n = 0; n < needs.size(); ++n) remaining_gap[n] = needs[n].gap;
  auto evaluate = [&](std::size_t c, double *value_out) {
    double value = 0, closure = 0;
    for (auto [n, raise] : candidates[c].raises) {
      double closed = std::min(raise, remaining_gap[n]);
      if (closed <= 0) continue;
      closure += closed * needs[n].weight;
      value += closed * needs[n].weight * per_person_impact[n];
    }
    if (value_out) *value_out = value;
    double cost = curriculum[candidates[c].module].cost;
    return std::pair<Key, double>{Key{per_cost(value, cost), per_cost(closure, cost), c}, closure};
  };
  std::priority_queue<Key, std::vector<Key>, KeyLess> heap;
  for (std::size_t c = 0; c < candidates.size(); ++c) {
    auto [key, closure] = evaluate(c, nullptr);
    if (closure > 0) heap.push(key);
  }
  double left = budget ? *budget : std::numeric_limits<double>::infinity();
  Selection s;
  while (!heap.empty()) {
    Key top = heap.top();
    heap.pop();
    double value = 0;
    auto [key, closure] = evaluate(top.index, &value);
    if (closure <= 0) continue;
    if (!(key == top)) {
      heap.push(key);
      continue;
    }
    double cost = curriculum[candidates[top.index].module].cost;
    if (cost > left + budget_tolerance) continue;  // cannot afford it: skip, try cheaper ones
    left -= cost;
    std::vector<std::size_t> closes;
    for (auto [n, raise] : candidates[top.index].raises) {
      double closed = std::min(raise, remaining_gap[n]);
      if (closed <= 0) continue;
      remaining_gap[n] -= closed;
      closes.push_back(n);
    }
    s.chosen.push_back(top.index);
    s.value.push_back(value);
    s.closes.push_back(std::move(closes));
  }
  return s;
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

  std::unordered_map<std::string_view, std::size_t> unit_index, position_index;
  for (std::size_t u = 0; u < model.units.size(); ++u) unit_index.emplace(model.units[u].id, u);
  for (std::size_t p = 0; p < model.positions.size(); ++p) position_index.emplace(model.positions[p].id, p);
  std::vector<std::size_t> headcount(model.units.size(), 0);
  for (const auto &person : model.people)
    if (auto u = unit_index.find(person.unit); u != unit_index.end()) ++headcount[u->second];
  const auto levels = people_levels(model);

  const auto &curriculum = curriculum_of(model, options.language);

  // Needs in person order, then the position's competency order; priority sorts them below.
  std::vector<TrainingNeed> needs;
  std::vector<double> per_person_impact;  // impact/headcount of each need's unit
  std::vector<std::size_t> need_person;
  for (std::size_t i = 0; i < model.people.size(); ++i) {
    const Person &person = model.people[i];
    if (!person.position) continue;
    auto pos_it = position_index.find(*person.position);
    if (pos_it == position_index.end()) continue;
    const Position &position = model.positions[pos_it->second];
    const Level level = levels[i].value_or(Level::operative);
    auto u = unit_index.find(person.unit);
    double ipp = 0;
    if (u != unit_index.end() && headcount[u->second] > 0)
      ipp = (impact.empty() ? 1.0 : impact[u->second]) / static_cast<double>(headcount[u->second]);
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
      needs.push_back(std::move(need));
      per_person_impact.push_back(ipp);
      need_person.push_back(i);
    }
  }

  // Candidate enrolments: each person × each module of their level that raises one of their gaps.
  std::vector<Candidate> candidates;
  for (std::size_t first = 0; first < needs.size();) {
    std::size_t last = first;
    while (last < needs.size() && need_person[last] == need_person[first]) ++last;
    for (std::size_t m = 0; m < curriculum.size(); ++m) {
      const auto &module = curriculum[m];
      if (module.level != needs[first].level) continue;
      Candidate c{need_person[first], m, {}};
      for (std::size_t n = first; n < last; ++n)
        if (double raise = find_value(module.raises, needs[n].competency).value_or(0.0); raise > 0)
          c.raises.emplace_back(n, raise);
      if (!c.raises.empty()) candidates.push_back(std::move(c));
    }
    first = last;
  }

  Selection chosen = select(candidates, needs, per_person_impact, curriculum, options.budget);
  Selection full = options.budget ? select(candidates, needs, per_person_impact, curriculum, std::nullopt) : chosen;
  result.full_enrolments = full.chosen.size();
  for (std::size_t c : full.chosen) {
    result.full_hours += curriculum[candidates[c].module].hours;
    result.full_cost += curriculum[candidates[c].module].cost;
  }

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

  // Highest priority first; equal priorities keep person and competency order.
  std::vector<std::size_t> order(needs.size());
  for (std::size_t n = 0; n < order.size(); ++n) order[n] = n;
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return needs[a].priority > needs[b].priority; });
  result.needs.reserve(needs.size());
  for (std::size_t n : order) result.needs.push_back(std::move(needs[n]));
  return result;
}

}  // namespace servicechain
