#pragma once
// Alignment across units (§4.6, an option of `people`): the right person in the
// right position anywhere at their level, not only inside their own unit. The
// people of all units of one level are assigned to the multiset of the
// positions they hold, maximizing total fit with the fewest moves (the exact
// solver of alignment.hpp); a limit on moves keeps the best subset of the
// optimum's exchange cycles. People below the fit threshold are listed with
// their best position anywhere. Method: docs/people.md.
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "servicechain/model.hpp"

namespace servicechain {

class JsonWriter;

/// Options of align_across_units().
struct AcrossUnitsOptions {
  double threshold = 0.6;  ///< people with a fit below this are listed with their best position
  std::optional<std::size_t> max_moves;  ///< nullopt: no limit (over all levels together)
  std::size_t max_level_people = 3000;  ///< a larger pool of one level throws LimitError (the solver is O(n³))
};

/// One suggested change of position, possibly into another unit.
struct AcrossUnitsMove {
  std::string person;  ///< person id
  std::string from_unit;  ///< the person's unit
  std::string from;       ///< position held now
  std::string to_unit;    ///< unit of the suggested position
  std::string to;         ///< suggested position
  double fit_from = 0;    ///< fit in the position held now
  double fit_to = 0;      ///< fit in the suggested position
  std::size_t cycle = 0;  ///< exchange cycle it belongs to (numbered from 0 within the level)
};

/// The alignment of the pool of one level's units.
struct LevelAcrossUnits {
  Level level = Level::operative;  ///< the units' level
  std::size_t people = 0;  ///< people of the level's units holding a known position
  double current = 0;  ///< Σ fit now
  double optimal = 0;  ///< Σ fit of the optimum without a limit on moves
  double aligned = 0;  ///< Σ fit after the suggested moves
  std::size_t optimal_moves = 0;  ///< moves the optimum needs
  std::vector<AcrossUnitsMove> moves;  ///< the suggested moves, people in model order
};

/// A person below the fit threshold and the position that suits them best.
struct BestPosition {
  std::string id;  ///< person id
  std::string unit;  ///< the person's unit
  std::optional<std::string> position;  ///< position held now
  double fit = 0;  ///< fit in it
  std::string best_position;  ///< the model's position with the highest fit (first in model order on ties)
  std::string best_unit;  ///< its unit
  double best_fit = 0;  ///< the fit there
};

/// Result of align_across_units().
struct AcrossUnitsResult {
  double threshold = 0.6;  ///< the threshold used
  std::optional<std::size_t> max_moves;  ///< the limit used
  std::vector<LevelAcrossUnits> levels;  ///< directive, managerial, operative (levels with people only)
  double current = 0;  ///< Σ over levels
  double optimal = 0;  ///< Σ over levels
  double aligned = 0;  ///< Σ over levels
  std::size_t moves = 0;  ///< suggested moves
  std::size_t across = 0;  ///< of which into another unit
  std::size_t optimal_moves = 0;  ///< moves of the unlimited optimum
  std::vector<BestPosition> below_threshold;  ///< model order
};

/// Alignment across the units of each level, for a valid model.
AcrossUnitsResult align_across_units(const Model &model, const AcrossUnitsOptions &options = {});

/// Writes the result as the "across_units" object of `servicechain people --across-units --json`.
void write_json(JsonWriter &w, const AcrossUnitsResult &result);

}  // namespace servicechain
