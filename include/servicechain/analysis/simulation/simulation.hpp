#pragma once
// Monte Carlo simulation of customer encounters (§4.11). docs/simulation.md.
//
// Run r draws from its own std::mt19937_64 seeded with run_seed(seed, r), so
// every run is reproducible alone and results do not depend on the number of
// threads. Per run, in this order: one N(0,1) draw z_u per unit (model order),
// s_u' = clamp(s_u + σ·z_u, 0, 1); propagation; then for each moment (model
// order) floor(volume) encounters x ~ Beta(μκ, (1−μ)κ), μ = q_m clamped to
// [1e-6, 1−1e-6], drawn as X/(X+Y) with X ~ Gamma(μκ), Y ~ Gamma((1−μ)κ).
#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "servicechain/analysis/chain/graph.hpp"
#include "servicechain/analysis/chain/convergence.hpp"
#include "servicechain/analysis/chain/propagation.hpp"
#include "servicechain/model.hpp"

namespace servicechain {

/// The most runs simulate() accepts (every run's result is kept).
inline constexpr std::size_t max_simulation_runs = 100'000'000;

/// Options of simulate() (docs/simulation.md).
struct SimulationOptions {
  std::size_t runs = 1000;  ///< number of runs
  std::uint64_t seed = 1;  ///< seed: the same seed gives the same results on any thread count
  unsigned threads = 0;     ///< 0: std::thread::hardware_concurrency()
  double sigma = 0.05;      ///< sd of the perturbation of each unit's s
  double kappa = 20;        ///< concentration of the Beta score distribution
  double satisfied_at = 0.7;  ///< an encounter with x >= this is satisfied
  PropagationModel propagation = PropagationModel::linear;  ///< propagation model of each run
  PropagationOptions solver;  ///< solver settings of each run's propagation
  /// Every run's measures are kept for the percentiles: refused (LimitError) when
  /// they would take more than this many bytes (runs × (segments + 1) × 3 values).
  std::uint64_t max_memory_bytes = std::uint64_t{1} << 30;
  /// Refused (LimitError) above this much work: runs × (encounters per run + units
  /// + services), about 100 ns each on one core (the encounters' Beta draws), so
  /// the default is at most about 8 CPU-minutes, not hours.
  double max_work = 5e9;
  /// §2 ceiling in simulate_plan's s (and its selection); simulate() takes s as given.
  /// The noise is added to s after the ceiling.
  bool morale_cap = true;
  /// Called now and then with (runs done, runs) from a worker thread, serialized.
  std::function<void(std::size_t, std::size_t)> progress;
};

/// The measures of one run; null where undefined (no moments, no encounters).
struct RunMeasures {
  std::optional<double> csi;  ///< the run's CSI
  std::optional<double> satisfied;  ///< share of the run's encounters that were satisfied
  std::optional<double> nps;  ///< NPS of the run's encounters
  std::vector<std::optional<double>> segment_csi;  ///< model order
  std::vector<std::optional<double>> segment_satisfied;  ///< model order
  std::vector<std::optional<double>> segment_nps;  ///< model order
};

/// mean, sample sd (n−1), and percentiles by linear interpolation between order
/// statistics (numpy's default) over the non-null values; null when there are none
/// (sd: fewer than two).
struct Summary {
  std::optional<double> mean;  ///< mean
  std::optional<double> sd;  ///< sample standard deviation (n − 1)
  std::optional<double> p5;  ///< 5th percentile
  std::optional<double> p50;  ///< median
  std::optional<double> p95;  ///< 95th percentile
  std::size_t n = 0;  ///< values summarized
};
/// Summary of `values` (taken by value: it sorts them).
Summary summarize(std::vector<double> values);

/// Summaries of one segment's measures over the runs.
struct SegmentSummary {
  std::string id;  ///< segment id
  Summary csi;  ///< the segment's CSI (100·S_c)
  Summary satisfied;  ///< its satisfied share
  Summary nps;  ///< its NPS
};

/// Result of simulate(): summaries over the runs, overall and per segment.
struct SimulationResult {
  std::size_t runs = 0;  ///< runs made
  std::uint64_t seed = 0;  ///< the seed used
  std::uint64_t encounters_per_run = 0;  ///< Σ floor(volume) over the moments
  Summary csi;  ///< CSI over the runs
  Summary satisfied;  ///< satisfied share over the runs
  Summary nps;  ///< NPS over the runs
  std::vector<SegmentSummary> segments;  ///< model order
  std::vector<RunMeasures> per_run;      ///< by run index
  Convergence convergence;  ///< whether every run's propagation met the residual bound
};

/// The seed of run r's generator: splitmix64(splitmix64(seed) XOR r).
std::uint64_t run_seed(std::uint64_t seed, std::uint64_t run);

/// One run alone (the same values simulate() reports for run `run`).
RunMeasures simulate_run(const Model &model, const ChainGraph &graph, std::span<const double> intrinsic,
                         std::uint64_t run, const SimulationOptions &options);

/// Every run, split among threads. `intrinsic` is s per unit (intrinsic_quality,
/// possibly after a plan's effects). ArgumentError on bad options.
SimulationResult simulate(const Model &model, const ChainGraph &graph, std::span<const double> intrinsic,
                          const SimulationOptions &options = {});

/// The JSON object of one simulation (keys in docs/simulation.md), no newline.
std::string to_json(const SimulationResult &result, const SimulationOptions &options);

/// Baseline and with a plan's selection (§4.8) applied, both with the same seed.
struct PlanSimulation {
  std::string plan;  ///< plan id
  std::vector<std::string> selected;  ///< ids in byte order
  SimulationResult baseline;  ///< the model as it is
  SimulationResult with_plan;  ///< with the selected actions' effects
};
/// `budget`: default the plan's. Uses options.propagation for the selection too.
PlanSimulation simulate_plan(const Model &model, std::string_view plan, std::optional<double> budget,
                             const SimulationOptions &options = {});
/// {"plan", "selected", "baseline", "with_plan"}, no newline.
std::string to_json(const PlanSimulation &result, const SimulationOptions &options);

}  // namespace servicechain
