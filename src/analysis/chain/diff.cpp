#include "servicechain/analysis/chain/diff.hpp"

#include <algorithm>
#include <unordered_map>
#include <unordered_set>

#include "servicechain/analysis/chain/graph.hpp"
#include "servicechain/analysis/chain/impact.hpp"
#include "servicechain/analysis/people/fit.hpp"
#include "servicechain/error.hpp"
#include "servicechain/io/json_writer.hpp"

namespace servicechain {

namespace {

/// What the diff needs of one snapshot: s, q, the CSI and ∂CSI/∂s per unit.
struct Snapshot {
  std::vector<double> s, q;
  std::optional<double> csi;
  std::vector<std::optional<double>> impact;
  Convergence convergence;  // units named
  Snapshot(const Model &model, PropagationModel propagation, const PropagationOptions &solver) {
    const ChainGraph graph(model);
    s = intrinsic_quality(model);
    auto propagated = propagate(graph, s, propagation, solver);
    convergence.merge(propagated);
    q = std::move(propagated.delivered);
    csi = servicechain::csi(graph, q);
    auto adjoint = servicechain::impact(graph, s, q, propagation, solver);
    convergence.merge(adjoint);
    convergence.name(model);
    impact = std::move(adjoint.impact);
  }
};

// Both snapshots' convergence; the units by id (the two models' indices differ).
Convergence both(const Convergence &a, const Convergence &b) {
  Convergence out;
  out.converged = a.converged && b.converged;
  out.residual = std::max(a.residual, b.residual);
  out.unit_ids = a.unit_ids;
  out.unit_ids.insert(out.unit_ids.end(), b.unit_ids.begin(), b.unit_ids.end());
  std::sort(out.unit_ids.begin(), out.unit_ids.end());
  out.unit_ids.erase(std::unique(out.unit_ids.begin(), out.unit_ids.end()), out.unit_ids.end());
  return out;
}

std::vector<ServiceId> service_ids(const Model &model) {
  std::vector<ServiceId> ids;
  ids.reserve(model.services.size());
  for (const auto &s : model.services) ids.push_back({s.from, s.to, s.name});
  std::sort(ids.begin(), ids.end());
  return ids;
}

/// Units of `a` whose id is not in `b`, in `a`'s order.
std::vector<std::string> units_only_in(const Model &a, const Model &b) {
  std::unordered_set<std::string_view> in_b;
  for (const auto &u : b.units) in_b.insert(u.id);
  std::vector<std::string> only;
  for (const auto &u : a.units)
    if (!in_b.count(u.id)) only.push_back(u.id);
  return only;
}

}  // namespace

ModelDiff diff_models(const Model &old_model, const Model &new_model, const ModelDiffOptions &options) {
  auto organization = [](const Model &m) { return m.organization ? "\"" + m.organization->id + "\"" : std::string("none"); };
  if (organization(old_model) != organization(new_model))
    throw InputError("/organization/id: the models are of different organizations (" + organization(old_model) + " and " +
                     organization(new_model) + "): diff compares two snapshots of one organization");
  const Snapshot before(old_model, options.propagation, options.solver),
      after(new_model, options.propagation, options.solver);
  ModelDiff d;
  d.convergence = both(before.convergence, after.convergence);
  d.propagation = options.propagation;
  d.csi_old = before.csi;
  d.csi_new = after.csi;
  if (before.csi && after.csi) d.csi_change = *after.csi - *before.csi;

  std::unordered_map<std::string_view, std::size_t> old_index;
  for (std::size_t i = 0; i < old_model.units.size(); ++i) old_index.emplace(old_model.units[i].id, i);
  bool complete = d.csi_change.has_value();
  double total = 0;
  for (std::size_t j = 0; j < new_model.units.size(); ++j) {
    auto it = old_index.find(new_model.units[j].id);
    if (it == old_index.end()) continue;
    const std::size_t i = it->second;
    UnitDiff u{new_model.units[j].id, after.s[j] - before.s[i], after.q[j] - before.q[i], std::nullopt};
    if (before.impact[i] && after.impact[j]) {
      u.contribution = 0.5 * (*before.impact[i] + *after.impact[j]) * u.s_change;
      total += *u.contribution;
    } else {
      complete = false;
    }
    d.units.push_back(std::move(u));
  }
  if (complete) d.residual = *d.csi_change - total;

  d.added.units = units_only_in(new_model, old_model);
  d.removed.units = units_only_in(old_model, new_model);
  const auto old_services = service_ids(old_model), new_services = service_ids(new_model);
  std::set_difference(new_services.begin(), new_services.end(), old_services.begin(), old_services.end(),
                      std::back_inserter(d.added.services));
  std::set_difference(old_services.begin(), old_services.end(), new_services.begin(), new_services.end(),
                      std::back_inserter(d.removed.services));
  return d;
}

namespace {
void write_side(JsonWriter &w, const ModelDiffSide &side) {
  w.begin_object().key("units").begin_array();
  for (const auto &u : side.units) w.value(u);
  w.end_array().key("services").begin_array();
  for (const auto &s : side.services) w.begin_object().field("from", s.from).field("to", s.to).field("name", s.name).end_object();
  w.end_array().end_object();
}
}  // namespace

void write_json(JsonWriter &w, const ModelDiff &d) {
  w.begin_object().key("csi").begin_object();
  w.field("old", d.csi_old).field("new", d.csi_new).field("change", d.csi_change).end_object();
  w.key("units").begin_array();
  for (const auto &u : d.units)
    w.begin_object().field("id", u.id).field("s_change", u.s_change).field("q_change", u.q_change)
        .field("contribution", u.contribution).end_object();
  w.end_array().field("residual", d.residual);
  w.key("added");
  write_side(w, d.added);
  w.key("removed");
  write_side(w, d.removed);
  w.field("propagation", to_string(d.propagation));
  write_convergence(w, d.convergence);
  w.end_object();
}

}  // namespace servicechain
