// An improvement plan under a budget: choose the actions that raise the
// customer satisfaction index most within the money available, then schedule
// the chosen ones with the critical-path method.
//
//   servicechain_example_improvement_plan [MODEL [PLAN_ID [BUDGET]]]
//   (default: examples/hotel.json, its first plan, the plan's own budget)
#include <algorithm>
#include <exception>
#include <filesystem>
#include <iostream>
#include <string>

#include <servicechain/analysis/plans/plan.hpp>
#include <servicechain/io/model_json.hpp>

namespace sc = servicechain;

int main(int argc, char **argv) try {
  // The data directory (examples/), as every example takes it; then a plan id and a budget.
  sc::Model model = sc::load_model(std::filesystem::path(argc > 1 ? argv[1] : "examples") / "hotel.json");
  if (model.plans.empty()) throw sc::ArgumentError("the model has no improvement plan");
  const sc::Plan &plan = argc > 2 ? sc::find_plan(model, argv[2]) : model.plans.front();

  sc::SelectionOptions options;  // linear propagation; budget: the plan's unless given
  if (argc > 3) options.budget = std::stod(argv[3]);
  sc::PlanSelection selection = sc::select_actions(model, plan, options);
  std::cout << plan.id << ": " << selection.selected.size() << " actions, cost " << selection.cost << " of "
            << selection.budget << " (" << selection.method << " search)\n";
  if (selection.csi_before && selection.csi_after)
    std::cout << "CSI " << *selection.csi_before << " -> " << *selection.csi_after << "\n";

  // Schedule only what was selected (and what is already done, which later
  // actions may wait for): selection keeps every action's predecessors.
  sc::Plan chosen = plan;
  std::erase_if(chosen.actions, [&](const sc::Action &action) {
    return action.stage != sc::Stage::done &&
           !std::binary_search(selection.selected.begin(), selection.selected.end(), action.id);
  });
  sc::Schedule schedule = sc::schedule_plan(chosen);
  std::cout << "schedule (days from " << plan.start.value_or("the start") << "):\n";
  for (const sc::ScheduledAction &action : schedule.actions)
    std::cout << "  " << action.id << ": day " << action.es << " to " << action.ef << ", slack " << action.slack
              << "\n";
  std::cout << "duration " << schedule.duration << " days, critical path:";
  for (const auto &id : schedule.critical_path) std::cout << " " << id;
  std::cout << "\n";
} catch (const std::exception &e) {
  std::cerr << "error: " << e.what() << "\n";
  return 1;
}
