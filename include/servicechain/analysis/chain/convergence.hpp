#pragma once
// Whether the solves behind a result met the residual bound of §4.1. Every
// result derived from propagation carries one, and every command that shows such
// a result says when it did not converge (JSON: "converged": false and a warning
// with code "not_converged"; text: a warning line; HTML: a notice at the top).
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "servicechain/bundled.hpp"
#include "servicechain/io/json_writer.hpp"
#include "servicechain/model.hpp"

namespace servicechain {

struct PropagationResult;
struct ImpactResult;

struct Convergence {
  bool converged = true;  ///< every component met the bound
  double residual = 0;                       ///< largest residual of a component that missed the bound
  std::vector<std::uint32_t> nearly_closed;  ///< units (model order) of those components, sorted, unique
  std::vector<std::string> unit_ids;         ///< their ids, once name() was called (what JSON prints)

  void merge(const PropagationResult &result);  ///< adds a propagation's components that missed the bound
  void merge(const ImpactResult &result);       ///< adds an adjoint's components that missed the bound
  void merge(const Convergence &other);         ///< adds another result's (units united, largest residual)
  /// Fills unit_ids from `model` (the model the indices refer to).
  void name(const Model &model);
};

/// Code of the warning: "not_converged".
inline constexpr const char *not_converged_code = "not_converged";

/// One sentence naming how many units and the residual, in `language`, e.g. "the
/// chain did not converge in 65 units (residual 2.1e-09): the results derived from
/// it are approximate". Empty when converged.
std::string convergence_message(const Convergence &convergence, Language language = Language::en);

/// When not converged, writes the fields `"converged": false` and `"warnings":
/// [{"code": "not_converged", "message", "residual", "units": [ids]}]` into the
/// object being written (units: unit_ids); writes nothing when converged.
void write_convergence(JsonWriter &writer, const Convergence &convergence);
/// The "warnings" field alone (for a result that always writes "converged").
void write_convergence_warnings(JsonWriter &writer, const Convergence &convergence);

}  // namespace servicechain

/** \struct servicechain::Convergence
 * Whether every solve behind a result met the residual bound of §4.1, and the
 * units of the components that did not. */
