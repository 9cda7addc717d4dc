#include "servicechain/analysis/chain/convergence.hpp"

#include <algorithm>
#include <cstdio>

#include "servicechain/analysis/chain/impact.hpp"
#include "servicechain/analysis/chain/propagation.hpp"

namespace servicechain {

void Convergence::merge(const Convergence &other) {
  if (other.converged) return;
  converged = false;
  residual = std::max(residual, other.residual);
  std::vector<std::uint32_t> units;
  units.reserve(nearly_closed.size() + other.nearly_closed.size());
  std::set_union(nearly_closed.begin(), nearly_closed.end(), other.nearly_closed.begin(), other.nearly_closed.end(),
                 std::back_inserter(units));
  nearly_closed = std::move(units);
}

void Convergence::merge(const PropagationResult &result) {
  if (result.converged) return;
  merge(Convergence{false, result.residual, result.nearly_closed, {}});
}

void Convergence::merge(const ImpactResult &result) {
  if (result.converged) return;
  merge(Convergence{false, result.residual, result.nearly_closed, {}});
}

std::string convergence_message(const Convergence &c, Language language) {
  if (c.converged) return {};
  char residual[32];
  std::snprintf(residual, sizeof residual, "%.2g", c.residual);
  std::string r = residual;
  if (language == Language::es) std::replace(r.begin(), r.end(), '.', ',');
  // A result over two models (diff) names its units by id only.
  std::string units = std::to_string(std::max(c.nearly_closed.size(), c.unit_ids.size()));
  std::string out;
  if (language == Language::es) {
    out.append("la cadena no convergió en ").append(units).append(" unidades (residuo ").append(r);
    out.append("): los resultados que dependen de ella son aproximados");
  } else {
    out.append("the chain did not converge in ").append(units).append(" units (residual ").append(r);
    out.append("): the results derived from it are approximate");
  }
  return out;
}

void Convergence::name(const Model &model) {
  unit_ids.clear();
  for (auto u : nearly_closed) unit_ids.push_back(model.units[u].id);
}

void write_convergence(JsonWriter &w, const Convergence &c) {
  if (c.converged) return;
  w.field("converged", false);
  write_convergence_warnings(w, c);
}

void write_convergence_warnings(JsonWriter &w, const Convergence &c) {
  if (c.converged) return;
  w.key("warnings").begin_array().begin_object();
  w.field("code", not_converged_code).field("message", convergence_message(c)).field("residual", c.residual);
  w.key("units").begin_array();
  for (const auto &id : c.unit_ids) w.value(id);
  w.end_array().end_object().end_array();
}

}  // namespace servicechain
