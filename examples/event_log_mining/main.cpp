// The internal customer chain as it really runs: who hands work to whom and
// who works together, mined from an event log (one CSV row per event), then
// the handovers between units, which are the chain's internal services.
//
//   servicechain_example_event_log_mining [LOGS_DIR]   (default: examples/logs)
#include <algorithm>
#include <exception>
#include <filesystem>
#include <iostream>
#include <string>
#include <vector>

#include <servicechain/analysis/mining/chain.hpp>
#include <servicechain/analysis/mining/social.hpp>

namespace sc = servicechain;

// Prints the `count` largest values (ties in (from, to) order).
void print_top(const char *title, std::vector<sc::ResourcePair> pairs, const std::vector<std::string> &names,
               const char *arrow, std::size_t count = 5) {
  std::stable_sort(pairs.begin(), pairs.end(), [](const auto &a, const auto &b) { return a.value > b.value; });
  std::cout << title << "\n";
  for (std::size_t i = 0; i < std::min(count, pairs.size()); ++i)
    std::cout << "  " << names[pairs[i].from] << arrow << names[pairs[i].to] << ": " << pairs[i].value << "\n";
}

int main(int argc, char **argv) try {
  // The data directory (examples/), as every example takes it.
  std::filesystem::path dir = std::filesystem::path(argc > 1 ? argv[1] : "examples") / "logs";
  std::cout.precision(4);

  // One pass over the log computes both metrics (PM4Py's definitions, beta = 0).
  auto log = sc::EventLogSource::file(dir / "events.csv");
  sc::MiningRequest both;
  both.together = true;  // handover is on by default
  sc::MiningResult mined = sc::mine_event_log(log, both);
  std::cout << mined.cases << " cases, " << mined.events << " events, " << mined.resources.size()
            << " resources\n";

  // Handovers between two people (a person's own consecutive steps count as
  // self-handovers in the metric, but say nothing about the chain).
  std::vector<sc::ResourcePair> between = mined.handover;
  std::erase_if(between, [](const sc::ResourcePair &pair) { return pair.from == pair.to; });
  print_top("Handover of work (share of all handovers):", between, mined.resources, " -> ");

  // Working together is symmetric: keep each pair once.
  std::vector<sc::ResourcePair> together = mined.together;
  std::erase_if(together, [](const sc::ResourcePair &pair) { return pair.from > pair.to; });
  print_top("Working together (share of cases with both):", together, mined.resources, " & ");

  // Grouping resources by unit turns handovers into internal services: a
  // model ready for the chain analyses. Each service keeps its handover share
  // under "x-handover"; its weight is that share of the unit's inputs × alpha (0.5).
  sc::ResourceUnitMap units = sc::read_resource_unit_map(dir / "resource-units.csv");
  sc::Model chain = sc::chain_from_handover(mined.handover_network(), {}, &units);
  auto handover_share = [](const sc::Service &service) {
    for (const auto &[key, value] : service.extensions)
      if (key == "x-handover") return std::stod(value);
    return 0.0;
  };
  std::stable_sort(chain.services.begin(), chain.services.end(),
                   [&](const auto &a, const auto &b) { return handover_share(a) > handover_share(b); });
  std::cout << "Mined chain: " << chain.units.size() << " units, " << chain.services.size() << " services\n";
  for (std::size_t i = 0; i < std::min<std::size_t>(5, chain.services.size()); ++i)
    std::cout << "  " << chain.services[i].from << " serves " << chain.services[i].to << ": handovers "
              << handover_share(chain.services[i]) << ", weight " << chain.services[i].weight << "\n";
} catch (const std::exception &e) {
  std::cerr << "error: " << e.what() << "\n";
  return 1;
}
