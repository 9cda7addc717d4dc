// The commands run() dispatches. Adding a command: write its option table and
// handler in a src/run/cmd_*.cpp, declare its Command in handlers.hpp and add
// it to the list below (docs/architecture.md, "Adding a command").
#include "handlers.hpp"

namespace servicechain {

namespace detail {

const std::vector<Command> &commands() {
  static const std::vector<Command> list = {
      validate_command,      analyze_command,       people_command,        maturity_command,
      check_command,         plan_command,          simulate_command,      report_command,
      servqual_command,      gap1_command,          ipa_command,           nps_command,
      csat_command,          ces_command,           internal_command,           mine_handover_command, mine_together_command,
      mine_chain_command,    import_orgchart_command, import_services_command, roadmap_command,
      diff_command,
  };
  return list;
}

}  // namespace detail

std::span<const CommandSpec> command_specs() {
  static const std::vector<CommandSpec> specs = [] {
    std::vector<CommandSpec> out;
    for (const auto &c : detail::commands()) out.push_back(*c.spec);
    return out;
  }();
  return specs;
}

const CommandSpec *find_command_spec(std::string_view name) {
  for (const auto &c : detail::commands())
    if (c.spec->name == name) return c.spec;
  return nullptr;
}

}  // namespace servicechain
