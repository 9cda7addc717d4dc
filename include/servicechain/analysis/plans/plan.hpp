#pragma once
// Improvement plans (plan-do-check-act, §4.8): predicted gain of each action,
// selection under a budget, critical-path schedule, progress. docs/plans.md.
#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "servicechain/analysis/chain/convergence.hpp"
#include "servicechain/analysis/chain/propagation.hpp"
#include "servicechain/analysis/plans/effects.hpp"
#include "servicechain/model.hpp"

namespace servicechain {

/// The plan with this id; ArgumentError naming the known ids otherwise.
const Plan &find_plan(const Model &model, std::string_view id);

/// CSI of `model` with the effects of the given actions of `plan` applied together
/// (indices into plan.actions, any order). Null when no segment has moments.
/// `morale_cap`: the §2 ceiling (false: --no-morale-cap).
std::optional<double> predicted_csi(const Model &model, const Plan &plan, std::span<const std::uint32_t> actions,
                                    PropagationModel propagation = PropagationModel::linear, bool morale_cap = true);

/// The predicted CSI gain of one action on its own.
struct ActionGain {
  std::string id;  ///< action id
  std::optional<double> gain;  ///< CSI with this action's effect alone − CSI now; null without a CSI
  std::optional<GainReason> reason;  ///< why the gain is 0; null when it is not 0 (or null)
};

/// Gain of every action not `done`, in plan order, with the reason of each gain of 0.
/// `convergence`, when given, learns whether every propagation met the residual bound.
std::vector<ActionGain> predicted_gains(const Model &model, const Plan &plan,
                                        PropagationModel propagation = PropagationModel::linear, bool morale_cap = true,
                                        Convergence *convergence = nullptr, const PropagationOptions &solver = {});

/// Options of select_actions().
struct SelectionOptions {
  std::optional<double> budget;          ///< default: the plan's budget
  PropagationModel propagation = PropagationModel::linear;  ///< propagation model of the predicted CSI
  PropagationOptions solver;             ///< solver settings of every propagation
  std::size_t exact_limit = 25;          ///< exact search up to this many candidates, greedy above
  /// The exact search stops after this many joint CSI evaluations (its worst case is
  /// exponential, e.g. many actions that gain and cost nothing); the greedy
  /// heuristic then decides and PlanSelection::exact_stopped says so.
  std::size_t exact_max_evaluations = 20000;
  double tie_tolerance = 1e-9;           ///< CSI points: joint CSIs this close count as equal
  bool morale_cap = true;  ///< the §2 ceiling (false: --no-morale-cap)
};

/// The actions chosen for a plan and what they are predicted to achieve.
struct PlanSelection {
  std::vector<std::string> selected;   ///< committed + chosen, ids in byte order
  double cost = 0;                     ///< total cost of `selected`
  double budget = 0;  ///< the budget applied
  std::optional<double> csi_before;  ///< CSI now; null without a CSI
  std::optional<double> csi_after;  ///< CSI with every selected effect applied together; null without a CSI
  std::string method;                  ///< "exact" or "greedy"
  std::size_t candidates = 0;          ///< plan-stage actions free to choose
  std::size_t evaluations = 0;         ///< joint CSI evaluations made by the search
  bool over_budget = false;            ///< the committed actions alone exceed the budget
  bool exact_stopped = false;  ///< the exact search reached exact_max_evaluations; `method` is "greedy"
  Convergence convergence;     ///< whether every propagation behind the CSIs met the residual bound
  /// csi_after == csi_before while something is selected: why (null otherwise)
  std::optional<GainReason> reason;
};

/// Chooses the plan actions to carry out (§4.8). `done` actions are already in the
/// data; `do`, `check`, `act` actions and the plan-stage actions they wait for are
/// always selected. Among the other plan-stage actions, the subset closed under
/// `after` that maximizes the joint predicted CSI within the budget; ties go to the
/// lower cost, then the smaller sorted id list. Exact (branch and bound) up to
/// `exact_limit` candidates, greedy above.
PlanSelection select_actions(const Model &model, const Plan &plan, const SelectionOptions &options = {});

/// Critical-path figures of one action, in days from the plan's start.
struct ScheduledAction {
  std::string id;  ///< action id
  double es = 0;     ///< earliest start, days from the plan's start
  double ef = 0;     ///< earliest finish (es + duration)
  double ls = 0;     ///< latest start that keeps the plan's duration
  double lf = 0;     ///< latest finish
  double slack = 0;  ///< ls − es (0 on the critical path)
};

/// Critical-path schedule of a plan's remaining actions.
struct Schedule {
  std::vector<ScheduledAction> actions;     ///< actions not `done`, plan order
  double duration = 0;                      ///< max earliest finish (0 when nothing is left)
  std::vector<std::string> critical_path;   ///< zero-slack actions by earliest start, then id
};

/// Critical-path method on the `after` graph of the actions not `done` (a `done`
/// predecessor is satisfied). A cycle throws InputError naming its actions.
Schedule schedule_plan(const Plan &plan);

/// Progress of a plan: actions per stage and overdue actions.
struct PlanProgress {
  std::array<std::size_t, 5> by_stage{};  ///< indexed by Stage (plan, do, check, act, done)
  std::vector<std::string> overdue;       ///< due < as_of and not done, ids in byte order
};

/// Counts by PDCA stage and overdue actions at `as_of` (YYYY-MM-DD; ArgumentError otherwise).
PlanProgress plan_progress(const Plan &plan, std::string_view as_of);

/// Everything `servicechain plan` reports, for the CLI and the C API alike.
struct PlanReportOptions {
  std::string plan;                      ///< plan id
  std::optional<double> budget;          ///< default: the plan's budget
  std::string as_of;                     ///< YYYY-MM-DD; empty: plan_data_date(), else today (UTC)
  PropagationModel propagation = PropagationModel::linear;  ///< propagation model of the predicted CSI
  bool morale_cap = true;  ///< the §2 ceiling (false: --no-morale-cap)
  PropagationOptions solver;  ///< solver settings of every propagation
};

/// The date a plan's data speaks of: its start date, else the latest due date of
/// its actions (YYYY-MM-DD); empty when it has neither. Progress is measured at
/// this date by default, so a report does not change with the clock.
std::string plan_data_date(const Plan &plan);

/// Everything `servicechain plan` reports for one plan.
struct PlanReport {
  const Plan *plan = nullptr;  ///< points into the model passed to plan_report
  PropagationModel propagation = PropagationModel::linear;  ///< the propagation model used
  std::string as_of;  ///< the date progress was measured at (YYYY-MM-DD)
  PlanSelection selection;  ///< the selected actions (select_actions)
  std::vector<ActionGain> gains;  ///< each remaining action's own gain (predicted_gains)
  Schedule schedule;  ///< the critical-path schedule (schedule_plan)
  PlanProgress progress;  ///< counts per stage and overdue actions (plan_progress)
  Convergence convergence;  ///< gains and selection together
};

/// Selection, gains, schedule and progress of one plan (`servicechain plan`).
PlanReport plan_report(const Model &model, const PlanReportOptions &options);

/// The JSON of `servicechain plan --json` (keys in docs/plans.md), ending in a newline.
std::string to_json(const PlanReport &report);

/// Today's date in UTC, YYYY-MM-DD.
std::string today_utc();

}  // namespace servicechain
