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

std::string_view to_string(GainReason reason) {
  switch (reason) {
    case GainReason::ceiling_binds: return "ceiling_binds";
    case GainReason::ceiling_not_binding: return "ceiling_not_binding";
    case GainReason::no_path_to_customer: return "no_path_to_customer";
    case GainReason::clamped: return "clamped";
  }
  return "";
}

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
    // Δ adds to the quality before the ceiling; a unit without one starts from
    // its derived s (ceiling after the people effects, or 1).
    auto ceiling = morale_ceiling(out, people_fit(out));
    for (std::size_t u = 0; u < out.units.size(); ++u)
      if (quality_hit[u]) out.units[u].quality = clamp01(out.units[u].quality.value_or(ceiling[u].value_or(1.0)) + quality_total[u]);
  }
  return out;
}

Model apply_effects(const Model &model, std::span<const Action> actions) {
  std::vector<const Action *> pointers;
  pointers.reserve(actions.size());
  for (const auto &a : actions) pointers.push_back(&a);
  return apply_effects(model, pointers);
}

EffectEvaluator::EffectEvaluator(const Model &model, std::span<const Action> actions, bool morale_cap)
    : model_(model), actions_(actions), changes_(actions.size()), morale_cap_(morale_cap) {
  ModelIndex index(model);
  unit_people_ = index.unit_people;
  auto fits = people_fit(model);
  base_s_ = intrinsic_quality(model, fits, morale_cap);
  base_ceiling_ = morale_ceiling(model, fits);
  ceiling_ = base_ceiling_;
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
  raised_quality_ = raised_ceiling_ = false;
  for (auto u : dirty_units) {  // the ceiling of every unit whose people changed
    double sum = 0;
    for (auto p : unit_people_[u]) {
      auto t = touched_of_person_[p];
      sum += t >= 0 && person_changed_[static_cast<std::size_t>(t)] ? value_[static_cast<std::size_t>(t)] : base_value_[p];
    }
    ceiling_[u] = sum / static_cast<double>(unit_people_[u].size());
    raised_ceiling_ |= ceiling_[u] != base_ceiling_[u];
    s[u] = capped_quality(model_.units[u].quality, ceiling_[u], morale_cap_);
  }
  for (auto u : quality_units) {  // Δ before the ceiling, as apply_effects
    const double start = model_.units[u].quality.value_or(ceiling_[u].value_or(1.0));
    const double quality = clamp01(start + quality_total_[u]);
    raised_quality_ |= quality != start;
    s[u] = capped_quality(quality, ceiling_[u], morale_cap_);
  }
  // Reset the scratch for the next call.
  for (auto u : dirty_units) unit_dirty_[u] = 0, ceiling_[u] = base_ceiling_[u];
  for (auto u : quality_units) unit_quality_[u] = 0;
  for (std::size_t t = 0; t < touched_.size(); ++t) {
    if (!person_changed_[t]) continue;
    person_changed_[t] = 0;
    morale_total_[t] = 0.0;
    std::fill(level_total_[t].begin(), level_total_[t].end(), 0.0);
  }
}

GainReason EffectEvaluator::zero_gain_reason(std::span<const std::uint32_t> chosen,
                                             std::span<const std::optional<std::uint32_t>> customer_distance) {
  std::vector<double> s;
  intrinsic(chosen, s);
  bool changed = false, reaches_customer = false;
  for (std::size_t u = 0; u < s.size(); ++u)
    if (s[u] != base_s_[u]) changed = true, reaches_customer |= u < customer_distance.size() && customer_distance[u].has_value();
  // s moved but the CSI did not: either no changed unit reaches a customer, or the
  // change is absorbed on the way (a unit that takes all its quality from its inputs,
  // a zero supplier in the geometric model).
  if (changed) return reaches_customer ? GainReason::clamped : GainReason::no_path_to_customer;
  if (raised_quality_) return GainReason::ceiling_binds;
  if (raised_ceiling_) return GainReason::ceiling_not_binding;
  return GainReason::clamped;
}

}  // namespace servicechain
