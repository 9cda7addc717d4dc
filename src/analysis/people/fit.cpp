#include "servicechain/analysis/people/fit.hpp"

#include <algorithm>
#include <string_view>
#include <unordered_map>

#include "../../util/id_index.hpp"
#include "fit_exact.hpp"

namespace servicechain {
namespace {

// The one fit formula: in binary64 (fit), or exactly on the decimal values of
// the levels and weights (small_exact_fit in 64-bit fractions, exact_fit in
// rationals); `number` turns a stored double into a Number.
template <class Number, class ToNumber>
Number fit_as(const Person &person, const Position &position, ToNumber number) {
  Number weighted = 0, total = 0;
  for (const auto &[competency, required] : position.requires_levels) {
    if (!(required > 0)) continue;
    const Number w = number(find_value(position.weights, competency).value_or(1.0));
    Number share = number(find_value(person.competencies, competency).value_or(0.0)) / number(required);
    if (share > 1) share = Number(1);
    weighted += w * share;
    total += w;
  }
  if (total > 0) return weighted / total;
  return Number(1);
}

}  // namespace

double fit(const Person &person, const Position &position) {
  return fit_as<double>(person, position, [](double x) { return x; });
}

detail::Rational exact_fit(const Person &person, const Position &position) {
  return fit_as<detail::Rational>(person, position, detail::decimal_rational);
}

detail::Fraction small_exact_fit(const Person &person, const Position &position) {
  return fit_as<detail::Fraction>(person, position, detail::Fraction::decimal);
}

std::vector<std::optional<Level>> people_levels(const Model &model) {
  std::unordered_map<std::string_view, const Unit *> units;
  std::unordered_map<std::string_view, const Position *> positions;
  for (const auto &u : model.units) units.emplace(u.id, &u);
  for (const auto &p : model.positions) positions.emplace(p.id, &p);
  auto unit_level = [&](std::string_view id) -> std::optional<Level> {
    auto it = units.find(id);
    return it == units.end() ? std::nullopt : std::optional(it->second->level);
  };
  std::vector<std::optional<Level>> result;
  result.reserve(model.people.size());
  for (const auto &person : model.people) {
    std::optional<Level> level;
    if (person.position)
      if (auto it = positions.find(*person.position); it != positions.end())
        level = it->second->level ? it->second->level : unit_level(it->second->unit);
    result.push_back(level ? level : unit_level(person.unit));
  }
  return result;
}

std::vector<double> people_fit(const Model &model) {
  std::unordered_map<std::string_view, const Position *> positions;
  for (const auto &p : model.positions) positions.emplace(p.id, &p);
  std::vector<double> result;
  result.reserve(model.people.size());
  for (const auto &person : model.people) {
    const Position *pos = nullptr;
    if (person.position)
      if (auto it = positions.find(*person.position); it != positions.end()) pos = it->second;
    result.push_back(pos ? fit(person, *pos) : 1.0);
  }
  return result;
}

namespace {

// Σ per unit of value(person) and the number of people, in model order.
template <class Value>
std::vector<std::optional<double>> unit_mean(const Model &model, Value value) {
  std::vector<double> sum(model.units.size(), 0.0);
  std::vector<std::size_t> count(model.units.size(), 0);
  if (!model.people.empty()) {  // no index of a million units for nobody
    const detail::IdIndex unit_index(model.units, [](const Unit &u) -> std::string_view { return u.id; });
    for (std::size_t i = 0; i < model.people.size(); ++i) {
      auto u = unit_index.find(model.people[i].unit);
      if (!u) continue;
      sum[*u] += value(i);
      ++count[*u];
    }
  }
  std::vector<std::optional<double>> mean(model.units.size());
  for (std::size_t u = 0; u < model.units.size(); ++u)
    if (count[u] > 0) mean[u] = sum[u] / static_cast<double>(count[u]);
  return mean;
}

}  // namespace

std::vector<std::optional<double>> morale_ceiling(const Model &model, std::span<const double> fit) {
  return unit_mean(model, [&](std::size_t i) { return model.people[i].morale.value_or(1.0) * fit[i]; });
}

std::vector<std::optional<double>> unit_morale(const Model &model) {
  return unit_mean(model, [&](std::size_t i) { return model.people[i].morale.value_or(1.0); });
}

double capped_quality(std::optional<double> quality, std::optional<double> ceiling, bool morale_cap) {
  if (quality && ceiling) return morale_cap ? std::min(*quality, *ceiling) : *quality;
  if (quality) return *quality;
  if (ceiling) return *ceiling;
  return 1.0;
}

bool ceiling_binds(std::optional<double> quality, std::optional<double> ceiling, bool morale_cap) {
  if (!ceiling) return false;
  return !quality || (morale_cap && *ceiling < *quality);
}

IntrinsicQuality intrinsic_quality_detail(const Model &model, std::span<const double> fit, bool morale_cap) {
  IntrinsicQuality out;
  out.ceiling = morale_ceiling(model, fit);
  const std::size_t n = model.units.size();
  out.s.resize(n);
  out.capped.assign(n, 0);
  out.binds.assign(n, 0);
  for (std::size_t u = 0; u < n; ++u) {
    const auto &quality = model.units[u].quality;
    out.s[u] = capped_quality(quality, out.ceiling[u], morale_cap);
    out.capped[u] = morale_cap && quality && out.ceiling[u] && *out.ceiling[u] < *quality;
    out.binds[u] = ceiling_binds(quality, out.ceiling[u], morale_cap);
  }
  return out;
}

std::vector<double> intrinsic_quality(const Model &model, std::span<const double> fit, bool morale_cap) {
  auto ceiling = morale_ceiling(model, fit);
  std::vector<double> s(model.units.size());
  for (std::size_t u = 0; u < s.size(); ++u) s[u] = capped_quality(model.units[u].quality, ceiling[u], morale_cap);
  return s;
}

std::vector<double> intrinsic_quality(const Model &model, bool morale_cap) {
  return intrinsic_quality(model, people_fit(model), morale_cap);
}

}  // namespace servicechain
