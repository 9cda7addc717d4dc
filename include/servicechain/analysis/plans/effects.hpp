#pragma once
// Effects of improvement actions on a model (§4.8): `quality` +Δ on a unit's
// intrinsic quality s, `morale` +Δ on a person or every person of a unit,
// `competency` +levels likewise. Values clamp to [0,1] (quality, morale) and
// [0,5] (competency levels). Several effects on the same thing add up first,
// in the order given, and clamp once (all effects are ≥ 0, so this equals
// clamping after each one).
//
// A quality effect adds Δ to a unit's `quality` before the morale ceiling (§2):
// s = min(quality + Δ, c) with the cap on. A unit without an explicit `quality`
// starts from its derived s (its ceiling, after the people effects; 1 without
// people), so the copy made by apply_effects gives that unit an explicit quality;
// with the cap on its s stays its ceiling. Morale and competency effects change
// the ceiling c (a person's morale +Δ moves c by fit·Δ/headcount).
#include <cstdint>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

#include "servicechain/model.hpp"

namespace servicechain {

/// Why a set of actions leaves the CSI unchanged (§2, §4.8), reported with a gain of 0.
enum class GainReason : std::uint8_t {
  ceiling_binds,        ///< a quality was raised where the morale ceiling sets s
  ceiling_not_binding,  ///< a ceiling (morale, fit) was raised where quality sets s, or the cap is off
  no_path_to_customer,  ///< s changed only at units from which no customer can be reached
  clamped,  ///< nothing it raises can rise (at 1 or 5, fit already 1), or the change is absorbed on the way
};
/// "ceiling_binds", "ceiling_not_binding", "no_path_to_customer" or "clamped".
std::string_view to_string(GainReason reason);

/// A copy of `model` with the effects of `actions` applied (in the given order).
Model apply_effects(const Model &model, std::span<const Action *const> actions);
/// The same for actions held by value.
Model apply_effects(const Model &model, std::span<const Action> actions);

/// Intrinsic quality s of every unit (model order) for many subsets of one list
/// of actions, without copying the model: only the people and units the actions
/// touch are recomputed. Gives exactly (bit for bit)
/// intrinsic_quality(apply_effects(...), morale_cap).
/// Not thread-safe (reuses scratch space); one evaluator per thread.
class EffectEvaluator {
 public:
  /// `model` and `actions` must outlive the evaluator; `morale_cap` as in intrinsic_quality.
  EffectEvaluator(const Model &model, std::span<const Action> actions, bool morale_cap = true);

  /// s with the effects of actions[i] for each i in `chosen` (ascending indices).
  void intrinsic(std::span<const std::uint32_t> chosen, std::vector<double> &s);
  /// s without any action (intrinsic_quality(model, morale_cap)).
  const std::vector<double> &base() const { return base_s_; }
  /// Why the effects of `chosen` (ascending) leave the CSI where it is; call it when
  /// their gain is 0. `customer_distance` per unit (null: no customer reachable).
  GainReason zero_gain_reason(std::span<const std::uint32_t> chosen,
                              std::span<const std::optional<std::uint32_t>> customer_distance);

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
  std::vector<std::optional<double>> base_ceiling_;  // c per unit without any action
  bool morale_cap_ = true;
  // What the last intrinsic() raised before the ceiling rule (for zero_gain_reason).
  bool raised_quality_ = false, raised_ceiling_ = false;
  // scratch
  std::vector<double> morale_total_, quality_total_, value_;
  std::vector<std::optional<double>> ceiling_;
  std::vector<std::vector<double>> level_total_;
  std::vector<char> person_changed_, unit_dirty_, unit_quality_;
};

}  // namespace servicechain
