#pragma once
// Effects of improvement actions on a model (§4.8): `quality` +Δ on a unit's
// intrinsic quality s, `morale` +Δ on a person or every person of a unit,
// `competency` +levels likewise. Values clamp to [0,1] (quality, morale) and
// [0,5] (competency levels). Several effects on the same thing add up first,
// in the order given, and clamp once (all effects are ≥ 0, so this equals
// clamping after each one).
//
// A quality effect on a unit without an explicit `quality` raises its derived
// s (the mean of morale × fit of its people, after the people effects), so the
// copy made by apply_effects gives that unit an explicit quality.
#include <cstdint>
#include <span>
#include <vector>

#include "servicechain/model.hpp"

namespace servicechain {

/// A copy of `model` with the effects of `actions` applied (in the given order).
Model apply_effects(const Model &model, std::span<const Action *const> actions);
/// The same for actions held by value.
Model apply_effects(const Model &model, std::span<const Action> actions);

/// Intrinsic quality s of every unit (model order) for many subsets of one list
/// of actions, without copying the model: only the people and units the actions
/// touch are recomputed. Gives exactly (bit for bit) intrinsic_quality(apply_effects(...)).
/// Not thread-safe (reuses scratch space); one evaluator per thread.
class EffectEvaluator {
 public:
  /// `model` and `actions` must outlive the evaluator.
  EffectEvaluator(const Model &model, std::span<const Action> actions);

  /// s with the effects of actions[i] for each i in `chosen` (ascending indices).
  void intrinsic(std::span<const std::uint32_t> chosen, std::vector<double> &s);
  /// s without any action (intrinsic_quality(model)).
  const std::vector<double> &base() const { return base_s_; }

 private:
  struct Touched {      // a person some action changes
    std::uint32_t person;
    std::uint32_t unit;   // model index, or UINT32_MAX when the unit is unknown
    double morale;        // base morale (missing: 1)
    Person scratch;       // copy whose competency values are rewritten per evaluation
    std::vector<double> base_levels;  // base value of each scratch competency entry
    const Position *position = nullptr;
  };
  struct Change {       // one action's effect on one touched person or one unit
    std::uint32_t target;  // touched index, or unit index for quality
    std::uint32_t slot;    // competency entry in scratch (competency effects)
  };
  const Model &model_;
  std::span<const Action> actions_;
  std::vector<std::vector<Change>> changes_;        // per action
  std::vector<Touched> touched_;
  std::vector<std::vector<std::uint32_t>> unit_people_;  // model indices, in model order
  std::vector<std::int64_t> touched_of_person_;     // person -> touched index or -1
  std::vector<double> base_value_;                  // morale × fit per person
  std::vector<double> base_s_;
  // scratch
  std::vector<double> morale_total_, quality_total_, value_;
  std::vector<std::vector<double>> level_total_;
  std::vector<char> person_changed_, unit_dirty_, unit_quality_;
};

}  // namespace servicechain
