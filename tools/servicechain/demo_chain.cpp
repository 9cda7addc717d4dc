// Demo section: the customer satisfaction index of the bundled organization.
#include <iomanip>
#include <ostream>

#include "cli.hpp"
#include "servicechain/analysis/chain/propagation.hpp"
#include "servicechain/analysis/people/fit.hpp"

namespace servicechain::cli {
namespace {

void csi_section(const Model &model, Language, std::ostream &out) {
  ChainGraph graph(model);
  auto q = propagate(graph, intrinsic_quality(model));
  auto sat = satisfaction(graph, q.delivered);
  out << msg("cli.demo_chain.customer_satisfaction_index_linear_chain") << ": "
      << std::fixed << std::setprecision(1) << (sat.csi ? *sat.csi : 0.0) << " / 100\n";
  for (std::size_t c = 0; c < model.segments.size(); ++c)
    if (sat.segment_satisfaction[c])
      out << "  " << std::left << std::setw(28) << model.segments[c].name << std::right << std::setprecision(3)
          << *sat.segment_satisfaction[c] << "\n";
  out << std::defaultfloat << "\n";
}
SERVICECHAIN_DEMO_SECTION(100, csi_section);

}  // namespace
}  // namespace servicechain::cli
