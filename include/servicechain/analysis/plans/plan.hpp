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

#include "servicechain/analysis/chain/propagation.hpp"
#include "servicechain/model.hpp"

namespace servicechain {

/// The plan with this id; ArgumentError naming the known ids otherwise.
const Plan &find_plan(const Model &model, std::string_view id);

/// CSI of `model` with the effects of the given actions of `plan` applied together
/// (indices into plan.actions, any order). Null when no segment has moments.
std::optional<double> predicted_csi(const Model &model, const Plan &plan, std::span<const std::uint32_t> actions,
                                    PropagationModel propagation = PropagationModel::linear);

struct ActionGain {
  std::string id;
  std::optional<double> gain;  ///< CSI with this action's effect alone − CSI now; null without a CSI
};

/// Gain of every action not `done`, in plan order.
std::vector<ActionGain> predicted_gains(const Model &model, const Plan &plan,
                                        PropagationModel propagation = PropagationModel::linear);

struct SelectionOptions {
  std::optional<double> budget;          ///< default: the plan's budget
  PropagationModel propagation = PropagationModel::linear;
  std::size_t exact_limit = 25;          ///< exact search up to this many candidates, greedy above
  double tie_tolerance = 1e-9;           ///< CSI points: joint CSIs this close count as equal
};

struct PlanSelection {
  std::vector<std::string> selected;   ///< committed + chosen, ids in byte order
  double cost = 0;                     ///< total cost of `selected`
  double budget = 0;
  std::optional<double> csi_before, csi_after;
  std::string method;                  ///< "exact" or "greedy"
  std::size_t candidates = 0;          ///< plan-stage actions free to choose
  std::size_t evaluations = 0;         ///< joint CSI evaluations made by the search
  bool over_budget = false;            ///< the committed actions alone exceed the budget
};

/// Chooses the plan actions to carry out (§4.8). `done` actions are already in the
/// data; `do`, `check`, `act` actions and the plan-stage actions they wait for are
/// always selected. Among the other plan-stage actions, the subset closed under
/// `after` that maximizes the joint predicted CSI within the budget; ties go to the
/// lower cost, then the smaller sorted id list. Exact (branch and bound) up to
/// `exact_limit` candidates, greedy above.
PlanSelection select_actions(const Model &model, const Plan &plan, const SelectionOptions &options = {});

struct ScheduledAction {
  std::string id;
  double es = 0, ef = 0, ls = 0, lf = 0, slack = 0;  ///< days from the plan's start
};

struct Schedule {
  std::vector<ScheduledAction> actions;     ///< actions not `done`, plan order
  double duration = 0;                      ///< max earliest finish (0 when nothing is left)
  std::vector<std::string> critical_path;   ///< zero-slack actions by earliest start, then id
};

/// Critical-path method on the `after` graph of the actions not `done` (a `done`
/// predecessor is satisfied). A cycle throws InputError naming its actions.
Schedule schedule_plan(const Plan &plan);

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
  std::string as_of;                     ///< YYYY-MM-DD; empty: today's date (UTC)
  PropagationModel propagation = PropagationModel::linear;
};

struct PlanReport {
  const Plan *plan = nullptr;  ///< points into the model passed to plan_report
  PropagationModel propagation = PropagationModel::linear;
  std::string as_of;
  PlanSelection selection;
  std::vector<ActionGain> gains;
  Schedule schedule;
  PlanProgress progress;
};

PlanReport plan_report(const Model &model, const PlanReportOptions &options);

/// The JSON of `servicechain plan --json` (keys in docs/plans.md), ending in a newline.
std::string to_json(const PlanReport &report);

/// Today's date in UTC, YYYY-MM-DD.
std::string today_utc();

}  // namespace servicechain
