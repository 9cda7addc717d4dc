#pragma once
// The commands of run(), one Command per command (src/run/cmd_*.cpp); the list
// that dispatches them is commands() in src/run/commands.cpp.
#include "request.hpp"
#include "servicechain/analysis/chain/propagation.hpp"

namespace servicechain::detail {

// cmd_model.cpp: commands on the request's model
extern const Command validate_command, analyze_command, people_command, maturity_command, check_command,
    plan_command, simulate_command, report_command, roadmap_command, diff_command;
// cmd_survey.cpp: survey measures on CSV data
extern const Command servqual_command, gap1_command, ipa_command, nps_command, csat_command, ces_command,
    internal_command, trend_command;
// cmd_mine.cpp and cmd_import.cpp: event logs and CSV imports
extern const Command mine_handover_command, mine_together_command, mine_chain_command;
extern const Command import_orgchart_command, import_services_command, import_internal_survey_command;

/// The choices of the propagation model option ("linear", "geometric").
extern const std::string_view propagation_choices[2];
/// The propagation model option `name` (default linear).
PropagationModel propagation_option(const Options &options, std::string_view name = "model");

/// The CLI's global --solver-iterations and --solver-direct-limit, as options of
/// every command that propagates.
inline constexpr OptionSpec solver_iterations_spec{"solver-iterations", OptionKind::integer,
                                                   "Chain solver: most sweeps per strongly connected component",
                                                   "100000", 1, 1099511627776.0};
inline constexpr OptionSpec solver_direct_limit_spec{
    "solver-direct-limit", OptionKind::integer,
    "Chain solver: largest component solved densely when sweeps stall (0: never)", "1000", 0, 10000};
/// The chain solver's limits those two options set.
PropagationOptions solver_option(const Options &options);

}  // namespace servicechain::detail
