#pragma once
// Alignment (§4.6): the right person in the right position. Per unit, the
// one-to-one assignment of its people (those holding a position) to the
// multiset of positions they hold that maximizes total fit; among the optimal
// assignments, the one that moves the fewest people. Method: docs/people.md.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "servicechain/model.hpp"

namespace servicechain {

/// Options of align().
struct AlignmentOptions {
  double threshold = 0.6;            ///< people with fit below this are listed
  std::size_t max_unit_people = 3000;  ///< larger units throw LimitError (the solver is O(n³))
  /// When a unit's exact integer scores would need more than 126 bits (long
  /// decimals, e.g. 15-digit weights, in many positions), its assignment is solved
  /// in binary64: assignments whose total fit is within this much of the best count
  /// as optimal, and the one with the fewest moves among them is taken.
  double tie_tolerance = 1e-9;
};

/// One suggested change of position.
struct AlignmentMove {
  std::string person;  ///< person id
  std::string from;  ///< position held now
  std::string to;    ///< position in the optimal assignment
  double fit_from = 0;  ///< fit in the position held now
  double fit_to = 0;  ///< fit in the suggested position
  bool operator==(const AlignmentMove &) const = default;
};

/// The best one-to-one assignment of a unit's people to its positions.
struct UnitAlignment {
  std::string unit;  ///< unit id
  std::size_t people = 0;  ///< people of the unit who hold a (known) position
  double current = 0;      ///< Σ fit of the current assignment (people in model order)
  double optimal = 0;      ///< Σ fit of the optimal assignment (people in model order)
  std::vector<AlignmentMove> moves;  ///< people in model order
};

/// A person's fit to the position they hold.
struct PersonFit {
  std::string id;  ///< person id
  std::string unit;  ///< the person's unit id
  std::optional<std::string> position;  ///< nullopt: no (known) position, fit 1
  double fit = 1;  ///< fit(person, position) in [0, 1]
  bool below_threshold = false;  ///< fit < the threshold
};

/// Result of align(): fits, suggested moves per unit, totals.
struct AlignmentResult {
  double threshold = 0.6;  ///< the threshold used
  std::vector<PersonFit> people;            ///< model order
  std::vector<UnitAlignment> units;         ///< every unit, model order
  std::vector<std::string> below_threshold;  ///< ids of people with fit < threshold, model order
  double current = 0;                       ///< Σ over units
  double optimal = 0;  ///< Σ over units of the optimal fit
  std::size_t moves = 0;  ///< Σ over units of the moves
  /// Units solved in binary64 within AlignmentOptions::tie_tolerance (exact
  /// scores longer than 126 bits); 0: every unit's optimum is exact.
  std::size_t approximate_units = 0;
};

/// Fits, alignment per unit and people below the threshold, for a valid model.
AlignmentResult align(const Model &model, const AlignmentOptions &options = {});

/// The exact solver behind align(), for n people and k distinct positions:
/// `held[i]` (< k) is the position person i holds now, `score[i*k + p]` (>= 0) how
/// well person i fits position p, as an integer (align() passes each fit times the
/// least common denominator of the unit's fits, so that sums of scores compare
/// exactly as sums of fits). Returns the position of each person in an assignment
/// that keeps the multiset of held positions, maximizes Σ score and, among those,
/// moves the fewest people. O(n³) time (Hungarian method with potentials), O(n·k)
/// memory; multiprecision integers when (n+3)·((n+1)·max score + 1) reaches 2^62.
std::vector<std::uint32_t> optimal_alignment(std::size_t positions, std::span<const std::uint32_t> held,
                                             std::span<const std::int64_t> score);

}  // namespace servicechain
