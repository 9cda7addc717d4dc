#pragma once
// Social-network metrics of an event log (§4.10), as PM4Py computes them.
//
// Handover of work: for each case with resources r_1..r_n (events ordered by
// time), with beta = 0 one handover r_i -> r_{i+1} per consecutive pair; with
// beta > 0, beta^(j-i-1) for r_i -> r_j for every j > i. Self-handovers count.
// Value = sum / sum over cases of (n - 1).
//
// Working together: for two different resources a and b, the share of cases in
// which both appear. Symmetric: reported in both orientations. A resource with
// itself is not reported (PM4Py leaves the diagonal at 0).
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "servicechain/analysis/mining/event_log.hpp"
#include "servicechain/io/json_writer.hpp"

namespace servicechain {

/// One non-zero entry of a resource matrix; from/to index `SocialNetwork::resources`.
struct ResourcePair {
  std::uint32_t from;  ///< index of the first resource (handover: who hands over)
  std::uint32_t to;  ///< index of the second resource (handover: who receives)
  double value;  ///< the metric's value (non-zero)
  bool operator==(const ResourcePair &) const = default;
};

/// One resource-by-resource metric of a log, non-zero entries only.
struct SocialNetwork {
  std::size_t cases = 0;  ///< cases in the log
  std::size_t events = 0;  ///< events in the log
  double beta = 0;                     ///< handover: the beta it was computed with
  std::vector<std::string> resources;  ///< every resource of the log, byte order
  std::vector<ResourcePair> pairs;     ///< non-zero values only, sorted by (from, to)
};

/// Default bound on the distinct resource pairs of one table (handover or
/// working together): about 32 MB of table, and a bounded output.
inline constexpr std::size_t default_max_resource_pairs = 1'000'000;

/// Which metrics mine_event_log() computes.
struct MiningRequest {
  bool handover = true;  ///< compute handover of work
  double beta = 0;  ///< in [0, 1]
  bool together = false;  ///< compute working together
  /// Most distinct (from, to) pairs one table may hold. Exceeding it is a
  /// LimitError naming the log, the case and the limit. Checked up front per
  /// case where the case alone would exceed it: a case with k distinct resources
  /// makes k(k-1)/2 working-together pairs, and with beta > 0 at least as many
  /// handover pairs (every resource hands over to every later one).
  std::size_t max_pairs = default_max_resource_pairs;
};

/// The metrics of one pass over a log.
struct MiningResult {
  std::size_t cases = 0;  ///< cases in the log
  std::size_t events = 0;  ///< events in the log
  double beta = 0;                     ///< of the handover
  bool grouped = true;                 ///< the log was grouped by case
  std::vector<std::string> resources;  ///< byte order
  std::vector<ResourcePair> handover;  ///< when requested
  std::vector<ResourcePair> together;  ///< when requested
  /// The handover of work as a SocialNetwork.
  SocialNetwork handover_network() const { return {cases, events, beta, resources, handover}; }
  /// Working together as a SocialNetwork.
  SocialNetwork together_network() const { return {cases, events, 0, resources, together}; }
};

/// One pass over the log computing what `request` asks for. Throws ArgumentError
/// for beta outside [0, 1], and what read_event_log throws.
MiningResult mine_event_log(const EventLogSource &source, const MiningRequest &request,
                            const EventLogOptions &options = {});

/// The handover of work as JSON (`servicechain mine handover --json`, docs/mining.md):
/// {"cases", "events", "beta", "resources", "handover": [{"from", "to", "value"}]}.
void write_handover_json(JsonWriter &w, const MiningResult &result);
/// Working together as JSON (`servicechain mine together --json`): as the handover,
/// without "beta" and with the pairs under "together".
void write_together_json(JsonWriter &w, const MiningResult &result);

/// Handover of work (beta in [0, 1]).
SocialNetwork handover_of_work(const EventLogSource &source, double beta = 0, const EventLogOptions &options = {});

/// Working together.
SocialNetwork working_together(const EventLogSource &source, const EventLogOptions &options = {});

}  // namespace servicechain
