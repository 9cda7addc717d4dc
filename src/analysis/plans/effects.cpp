#include "servicechain/analysis/plans/effects.hpp"

#include <algorithm>
#include <cstdint>
#include <limits>
#include <string_view>
#include <unordered_map>

#include "servicechain/analysis/people/fit.hpp"

namespace servicechain {
namespace {

constexpr double max_level = 5.0;
constexpr std::uint32_t none = std::numeric_limits<std::uint32_t>::max();

double clamp01(double x) { return std::clamp(x, 0.0, 1.0); }
double clamp_level(double x) { return std::clamp(x, 0.0, max_level); }

// Indices of the model's units and people, and the people of each unit.
struct ModelIndex {
  std::unordered_map<std::string_view, std::uint32_t> unit, person;
  std::vector<std::vector<std::uint32_t>> unit_people;
  explicit ModelIndex(const Model &m) : unit_people(m.units.size()) {
    for (std::size_t u = 0; u < m.units.size(); ++u) unit.emplace(m.units[u].id, static_cast<std::uint32_t>(u));
    for (std::size_t p = 0; p < m.people.size(); ++p) {
      person.emplace(m.people[p].id, static_cast<std::uint32_t>(p));
      if (auto it = unit.find(m.people[p].unit); it != unit.end()) unit_people[it->second].push_back(static_cast<std::uint32_t>(p));
    }
  }
  std::uint32_t unit_of(std::string_view id) const {
    auto it = unit.find(id);
    return it == unit.end() ? none : it->second;
  }
  // The people an action's morale or competency effect reaches, in model order.
  std::vector<std::uint32_t> people_of(const ActionTarget &target) const {
    if (target.kind == ActionTarget::Kind::person) {
      auto it = person.find(target.id);
      return it == person.end() ? std::vector<std::uint32_t>{} : std::vector<std::uint32_t>{it->second};
    }
    auto u = unit_of(target.id);
    return u == none ? std::vector<std::uint32_t>{} : unit_people[u];
  }
};

}  // namespace

Model apply_effects(const Model &model, std::span<const Action *const> actions) {
  Model out = model;
  ModelIndex index(model);
  // Totals first (in action order), then one clamp each.
  std::vector<double> morale_total(model.people.size(), 0.0), quality_total(model.units.size(), 0.0);
  std::vector<char> morale_hit(model.people.size(), 0), quality_hit(model.units.size(), 0);
  std::vector<std::vector<std::pair<std::string, double>>> level_total(model.people.size());
  for (const Action *a : actions) {
    const ActionEffect &e = a->effect;
    if (e.kind == ActionEffect::Kind::quality) {
      if (a->target.kind != ActionTarget::Kind::unit) continue;  // refused by validation
      if (auto u = index.unit_of(a->target.id); u != none) quality_total[u] += e.delta, quality_hit[u] = 1;
      continue;
    }
    for (auto p : index.people_of(a->target)) {
      if (e.kind == ActionEffect::Kind::morale) {
        morale_total[p] += e.delta, morale_hit[p] = 1;
      } else {
        auto &totals = level_total[p];
        auto it = std::find_if(totals.begin(), totals.end(), [&](const auto &t) { return t.first == e.competency; });
        if (it == totals.end()) totals.emplace_back(e.competency, e.delta);
        else it->second += e.delta;
      }
    }
  }
  for (std::size_t p = 0; p < out.people.size(); ++p) {
    Person &person = out.people[p];
    if (morale_hit[p]) person.morale = clamp01(person.morale.value_or(1.0) + morale_total[p]);
    for (const auto &[competency, total] : level_total[p]) {
      auto it = std::find_if(person.competencies.begin(), person.competencies.end(),
                             [&competency = competency](const auto &c) { return c.first == competency; });  // clang 14 cannot capture a structured binding
      if (it == person.competencies.end()) person.competencies.emplace_back(competency, clamp_level(0.0 + total));
      else it->second = clamp_level(it->second + total);
    }
  }
  if (std::find(quality_hit.begin(), quality_hit.end(), 1) != quality_hit.end()) {
    auto s = intrinsic_quality(out);
    for (std::size_t u = 0; u < out.units.size(); ++u)
      if (quality_hit[u]) out.units[u].quality = clamp01(s[u] + quality_total[u]);
  }
  return out;
}

Model apply_effects(const Model &model, std::span<const Action> actions) {
  std::vector<const Action *> pointers;
  pointers.reserve(actions.size());
  for (const auto &a : actions) pointers.push_back(&a);
  return apply_effects(model, pointers);
}

EffectEvaluator::EffectEvaluator(const Model &model, std::span<const Action> actions)
    : model_(model), actions_(actions), changes_(actions.size()) {
  ModelIndex index(model);
  unit_people_ = index.unit_people;
  auto fits = people_fit(model);
  base_s_ = intrinsic_quality(model, fits);
  base_value_.resize(model.people.size());
  for (std::size_t p = 0; p < model.people.size(); ++p) base_value_[p] = model.people[p].morale.value_or(1.0) * fits[p];

  std::unordered_map<std::string_view, const Position *> positions;
  for (const auto &pos : model.positions) positions.emplace(pos.id, &pos);
  touched_of_person_.assign(model.people.size(), -1);
  auto touch = [&](std::uint32_t p) -> std::uint32_t {
    if (touched_of_person_[p] < 0) {
      const Person &person = model.people[p];
      Touched t{p, index.unit_of(person.unit), person.morale.value_or(1.0), person, {}, nullptr};
      if (person.position)
        if (auto it = positions.find(*person.position); it != positions.end()) t.position = it->second;
      touched_of_person_[p] = static_cast<std::int64_t>(touched_.size());
      touched_.push_back(std::move(t));
    }
    return static_cast<std::uint32_t>(touched_of_person_[p]);
  };
  for (std::size_t i = 0; i < actions.size(); ++i) {
    const Action &a = actions[i];
    const ActionEffect &e = a.effect;
    if (e.kind == ActionEffect::Kind::quality) {
      if (a.target.kind != ActionTarget::Kind::unit) continue;
      if (auto u = index.unit_of(a.target.id); u != none) changes_[i].push_back({u, 0});
      continue;
    }
    for (auto p : index.people_of(a.target)) {
      auto t = touch(p);
      std::uint32_t slot = 0;
      if (e.kind == ActionEffect::Kind::competency) {
        auto &levels = touched_[t].scratch.competencies;
        auto it = std::find_if(levels.begin(), levels.end(), [&](const auto &c) { return c.first == e.competency; });
        if (it == levels.end()) {
          levels.emplace_back(e.competency, 0.0);  // absent counts as level 0 in fit
          it = levels.end() - 1;
        }
        slot = static_cast<std::uint32_t>(it - levels.begin());
      }
      changes_[i].push_back({t, slot});
    }
  }
  for (auto &t : touched_) {
    t.base_levels.reserve(t.scratch.competencies.size());
    for (const auto &c : t.scratch.competencies) t.base_levels.push_back(c.second);
  }
  morale_total_.assign(touched_.size(), 0.0);
  level_total_.resize(touched_.size());
  for (std::size_t t = 0; t < touched_.size(); ++t) level_total_[t].assign(touched_[t].base_levels.size(), 0.0);
  value_.assign(touched_.size(), 0.0);
  person_changed_.assign(touched_.size(), 0);
  quality_total_.assign(model.units.size(), 0.0);
  unit_dirty_.assign(model.units.size(), 0);
  unit_quality_.assign(model.units.size(), 0);
}

void EffectEvaluator::intrinsic(std::span<const std::uint32_t> chosen, std::vector<double> &s) {
  s = base_s_;
  std::vector<std::uint32_t> dirty_units, quality_units;
  // Totals in action order, as apply_effects does.
  for (auto i : chosen) {
    const ActionEffect &e = actions_[i].effect;
    for (const Change &c : changes_[i]) {
      switch (e.kind) {
        case ActionEffect::Kind::quality:
          if (!unit_quality_[c.target]) unit_quality_[c.target] = 1, quality_total_[c.target] = 0.0, quality_units.push_back(c.target);
          quality_total_[c.target] += e.delta;
          break;
        case ActionEffect::Kind::morale:
          person_changed_[c.target] = 1;
          morale_total_[c.target] += e.delta;
          break;
        case ActionEffect::Kind::competency:
          person_changed_[c.target] = 1;
          level_total_[c.target][c.slot] += e.delta;
          break;
      }
    }
  }
  for (std::size_t t = 0; t < touched_.size(); ++t) {
    if (!person_changed_[t]) continue;
    Touched &x = touched_[t];
    double morale = morale_total_[t] != 0.0 ? clamp01(x.morale + morale_total_[t]) : x.morale;
    bool levels_changed = false;
    for (std::size_t k = 0; k < x.base_levels.size(); ++k) {
      double total = level_total_[t][k];
      x.scratch.competencies[k].second = total != 0.0 ? clamp_level(x.base_levels[k] + total) : x.base_levels[k];
      levels_changed |= total != 0.0;
    }
    double f = x.position ? fit(x.scratch, *x.position) : 1.0;
    value_[t] = levels_changed || morale != x.morale ? morale * f : base_value_[x.person];
    if (x.unit != none && !unit_dirty_[x.unit]) unit_dirty_[x.unit] = 1, dirty_units.push_back(x.unit);
  }
  for (auto u : dirty_units) {
    if (model_.units[u].quality) continue;
    double sum = 0;
    for (auto p : unit_people_[u]) {
      auto t = touched_of_person_[p];
      sum += t >= 0 && person_changed_[static_cast<std::size_t>(t)] ? value_[static_cast<std::size_t>(t)] : base_value_[p];
    }
    s[u] = sum / static_cast<double>(unit_people_[u].size());
  }
  for (auto u : quality_units) s[u] = clamp01(s[u] + quality_total_[u]);
  // Reset the scratch for the next call.
  for (auto u : dirty_units) unit_dirty_[u] = 0;
  for (auto u : quality_units) unit_quality_[u] = 0;
  for (std::size_t t = 0; t < touched_.size(); ++t) {
    if (!person_changed_[t]) continue;
    person_changed_[t] = 0;
    morale_total_[t] = 0.0;
    std::fill(level_total_[t].begin(), level_total_[t].end(), 0.0);
  }
}

}  // namespace servicechain
