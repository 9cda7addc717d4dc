#include "servicechain/analysis/simulation/simulation.hpp"

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <cmath>
#include <exception>
#include <mutex>
#include <random>
#include <thread>

#include "servicechain/analysis/people/fit.hpp"
#include "servicechain/analysis/plans/effects.hpp"
#include "servicechain/analysis/plans/plan.hpp"
#include "servicechain/error.hpp"
#include "servicechain/io/json_writer.hpp"
#include "servicechain/log.hpp"

namespace servicechain {
namespace {

std::uint64_t splitmix64(std::uint64_t x) {
  std::uint64_t z = x + 0x9E3779B97F4A7C15ull;
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return z ^ (z >> 31);
}

// Encounters drawn per run above this many in total (runs × per run) are refused:
// at tens of nanoseconds each that is hours of work.
constexpr double max_total_encounters = 1e11;

// What every run shares, and the scratch one thread reuses.
struct Runner {
  const Model &model;
  const ChainGraph &graph;
  std::span<const double> intrinsic;
  const SimulationOptions &options;
  std::vector<std::uint64_t> count;  // encounters per moment
  std::vector<double> s;
  Convergence convergence;  // of this runner's propagations

  Runner(const Model &m, const ChainGraph &g, std::span<const double> s0, const SimulationOptions &o)
      : model(m), graph(g), intrinsic(s0), options(o), count(g.moment_owner().size()), s(s0.size()) {
    // Capped before the cast (a huge volume is refused by the total check anyway).
    for (std::size_t k = 0; k < count.size(); ++k)
      count[k] = static_cast<std::uint64_t>(std::min(std::floor(m.moments[k].volume), 1e15));
  }

  RunMeasures run(std::uint64_t r) {
    std::mt19937_64 gen(run_seed(options.seed, r));
    std::normal_distribution<double> normal(0.0, 1.0);
    for (std::size_t u = 0; u < s.size(); ++u) s[u] = std::clamp(intrinsic[u] + options.sigma * normal(gen), 0.0, 1.0);
    auto q = propagate(graph, s, options.propagation, options.solver);
    convergence.merge(q);
    auto sat = satisfaction(graph, q.delivered);
    const std::size_t segments = graph.solver().csi.segment_size.size();
    RunMeasures out;
    out.csi = sat.csi;
    out.segment_csi.resize(segments);
    for (std::size_t c = 0; c < segments; ++c)
      if (sat.segment_satisfaction[c]) out.segment_csi[c] = 100.0 * *sat.segment_satisfaction[c];
    std::vector<std::uint64_t> n(segments, 0), satisfied(segments, 0), promoters(segments, 0), detractors(segments, 0);
    auto segment = graph.moment_segment();
    const double kappa = options.kappa;
    for (std::size_t k = 0; k < count.size(); ++k) {
      if (count[k] == 0) continue;
      double mu = std::clamp(sat.moment_quality[k], 1e-6, 1.0 - 1e-6);
      std::gamma_distribution<double> ga(mu * kappa, 1.0), gb((1.0 - mu) * kappa, 1.0);
      std::uint64_t yes = 0, promote = 0, detract = 0;
      for (std::uint64_t e = 0; e < count[k]; ++e) {
        double x = ga(gen);
        double y = gb(gen);
        double score = x + y > 0 ? x / (x + y) : mu;
        yes += score >= options.satisfied_at;
        double recommend = std::round(10.0 * score);
        promote += recommend >= 9;
        detract += recommend <= 6;
      }
      auto c = segment[k];
      n[c] += count[k], satisfied[c] += yes, promoters[c] += promote, detractors[c] += detract;
    }
    out.segment_satisfied.resize(segments);
    out.segment_nps.resize(segments);
    std::uint64_t total = 0, total_yes = 0, total_p = 0, total_d = 0;
    auto nps = [](std::uint64_t p, std::uint64_t d, std::uint64_t m) {
      return 100.0 * (static_cast<double>(p) - static_cast<double>(d)) / static_cast<double>(m);
    };
    for (std::size_t c = 0; c < segments; ++c) {
      if (n[c] == 0) continue;
      out.segment_satisfied[c] = static_cast<double>(satisfied[c]) / static_cast<double>(n[c]);
      out.segment_nps[c] = nps(promoters[c], detractors[c], n[c]);
      total += n[c], total_yes += satisfied[c], total_p += promoters[c], total_d += detractors[c];
    }
    if (total > 0) {
      out.satisfied = static_cast<double>(total_yes) / static_cast<double>(total);
      out.nps = nps(total_p, total_d, total);
    }
    return out;
  }
};

void check(const Model &model, const ChainGraph &graph, std::span<const double> intrinsic, const SimulationOptions &o) {
  if (o.runs == 0) throw ArgumentError("runs must be at least 1");
  if (o.runs > max_simulation_runs)
    throw ArgumentError("runs must be at most " + std::to_string(max_simulation_runs) + " (every run's result is kept)");
  if (!(o.sigma >= 0) || !std::isfinite(o.sigma)) throw ArgumentError("sigma must be a finite number >= 0");
  if (!(o.kappa > 0) || !std::isfinite(o.kappa)) throw ArgumentError("kappa must be a finite number > 0");
  if (intrinsic.size() != graph.unit_count()) throw ArgumentError("intrinsic quality must have one value per unit");
  if (model.moments.size() != graph.moment_owner().size())
    throw ArgumentError("the model's moments do not match the chain graph");
}

// Memory of the kept per-run measures and the work of the runs, against the options' limits.
void check_limits(const ChainGraph &graph, std::uint64_t encounters_per_run, const SimulationOptions &o) {
  const double runs = static_cast<double>(o.runs);
  const double segments = static_cast<double>(graph.solver().csi.segment_size.size());
  const double work = runs * (static_cast<double>(encounters_per_run) + static_cast<double>(graph.unit_count()) +
                              static_cast<double>(graph.in_sources().size()));
  if (work > o.max_work) {
    char text[256];
    std::snprintf(text, sizeof text, "the simulation would take about %.3g steps (runs × (encounters + units + services)), above the work limit of %.3g", work, o.max_work);
    throw LimitError(std::string(text) + "; use fewer runs or raise the limit (--max-work)");
  }
  const double per_run = static_cast<double>(sizeof(RunMeasures)) + 3 * segments * sizeof(std::optional<double>) + 3 * 16;
  const double bytes = runs * per_run;
  if (bytes > static_cast<double>(o.max_memory_bytes)) {
    std::string message = "the simulation would keep about ";
    message.append(std::to_string(static_cast<std::uint64_t>(bytes / (1 << 20)))).append(" MiB of per-run results (runs × (segments + 1)), above the memory limit of ");
    message.append(std::to_string(o.max_memory_bytes >> 20)).append(" MiB; use fewer runs or raise the limit (--max-memory)");
    throw LimitError(message);
  }
}

std::optional<double> percentile(const std::vector<double> &sorted, double p) {
  if (sorted.empty()) return std::nullopt;
  double h = (static_cast<double>(sorted.size()) - 1.0) * p;
  auto lo = static_cast<std::size_t>(std::floor(h));
  if (lo + 1 >= sorted.size()) return sorted.back();
  return sorted[lo] + (h - static_cast<double>(lo)) * (sorted[lo + 1] - sorted[lo]);
}

}  // namespace

std::uint64_t run_seed(std::uint64_t seed, std::uint64_t run) { return splitmix64(splitmix64(seed) ^ run); }

Summary summarize(std::vector<double> values) {
  Summary out;
  out.n = values.size();
  if (values.empty()) return out;
  double sum = 0;
  for (double v : values) sum += v;
  double mean = sum / static_cast<double>(values.size());
  out.mean = mean;
  if (values.size() >= 2) {
    double squares = 0;
    for (double v : values) squares += (v - mean) * (v - mean);
    out.sd = std::sqrt(squares / static_cast<double>(values.size() - 1));
  }
  std::sort(values.begin(), values.end());
  out.p5 = percentile(values, 0.05);
  out.p50 = percentile(values, 0.50);
  out.p95 = percentile(values, 0.95);
  return out;
}

RunMeasures simulate_run(const Model &model, const ChainGraph &graph, std::span<const double> intrinsic,
                         std::uint64_t run, const SimulationOptions &options) {
  check(model, graph, intrinsic, options);
  Runner runner(model, graph, intrinsic, options);
  return runner.run(run);
}

SimulationResult simulate(const Model &model, const ChainGraph &graph, std::span<const double> intrinsic,
                          const SimulationOptions &options) {
  check(model, graph, intrinsic, options);
  SimulationResult result;
  result.runs = options.runs;
  result.seed = options.seed;
  {
    Runner probe(model, graph, intrinsic, options);
    for (auto c : probe.count) result.encounters_per_run += c;
  }
  if (static_cast<double>(result.encounters_per_run) * static_cast<double>(options.runs) > max_total_encounters)
    throw ArgumentError("the simulation would draw more than 1e11 encounters (runs × Σ volume); use fewer runs");
  check_limits(graph, result.encounters_per_run, options);

  unsigned threads = options.threads ? options.threads : std::max(1u, std::thread::hardware_concurrency());
  threads = static_cast<unsigned>(std::min<std::size_t>(threads, options.runs));
  result.per_run.resize(options.runs);
  std::atomic<std::size_t> next{0}, done{0};
  std::mutex report;
  std::exception_ptr failure;
  const std::size_t chunk = std::max<std::size_t>(1, std::min<std::size_t>(64, options.runs / (threads * 8 + 1)));
  const std::size_t step = std::max<std::size_t>(1, options.runs / 100);
  auto work = [&] {
    try {
      Runner runner(model, graph, intrinsic, options);
      for (;;) {
        std::size_t begin = next.fetch_add(chunk);
        if (begin >= options.runs) {
          std::lock_guard lock(report);
          result.convergence.merge(runner.convergence);
          break;
        }
        std::size_t end = std::min(options.runs, begin + chunk);
        for (std::size_t r = begin; r < end; ++r) result.per_run[r] = runner.run(r);  // stored by index
        std::size_t finished = done.fetch_add(end - begin) + (end - begin);
        if (options.progress && (finished / step != (finished - (end - begin)) / step || finished == options.runs)) {
          std::lock_guard lock(report);
          options.progress(finished, options.runs);
        }
      }
    } catch (...) {
      std::lock_guard lock(report);
      if (!failure) failure = std::current_exception();
      next = options.runs;
    }
  };
  std::vector<std::thread> pool;
  for (unsigned t = 1; t < threads; ++t) pool.emplace_back(work);
  work();
  for (auto &t : pool) t.join();
  if (failure) std::rethrow_exception(failure);
  result.convergence.name(model);
  logger()->debug("simulation: {} runs on {} threads", options.runs, threads);

  // Summaries in run order, so the numbers do not depend on the threads.
  auto collect = [&](auto get) {
    std::vector<double> values;
    values.reserve(result.per_run.size());
    for (const auto &r : result.per_run)
      if (auto v = get(r)) values.push_back(*v);
    return summarize(std::move(values));
  };
  result.csi = collect([](const RunMeasures &r) { return r.csi; });
  result.satisfied = collect([](const RunMeasures &r) { return r.satisfied; });
  result.nps = collect([](const RunMeasures &r) { return r.nps; });
  for (std::size_t c = 0; c < model.segments.size(); ++c) {
    SegmentSummary seg{model.segments[c].id, {}, {}, {}};
    seg.csi = collect([c](const RunMeasures &r) { return r.segment_csi[c]; });
    seg.satisfied = collect([c](const RunMeasures &r) { return r.segment_satisfied[c]; });
    seg.nps = collect([c](const RunMeasures &r) { return r.segment_nps[c]; });
    result.segments.push_back(std::move(seg));
  }
  return result;
}

// --- JSON and plans -------------------------------------------------------------

namespace {

void write_summary(JsonWriter &w, std::string_view key, const Summary &s) {
  w.key(key).begin_object().field("mean", s.mean).field("sd", s.sd).field("p5", s.p5).field("p50", s.p50).field("p95", s.p95).end_object();
}

void write_result(JsonWriter &w, const SimulationResult &r, const SimulationOptions &o) {
  w.begin_object().field("runs", static_cast<std::uint64_t>(r.runs)).field("seed", r.seed);
  w.field("model", to_string(o.propagation)).field("sigma", o.sigma).field("kappa", o.kappa);
  w.field("encounters_per_run", r.encounters_per_run);
  write_summary(w, "csi", r.csi);
  write_summary(w, "satisfied", r.satisfied);
  write_summary(w, "nps", r.nps);
  w.key("segments").begin_array();
  for (const auto &s : r.segments) {
    w.begin_object().field("id", s.id);
    write_summary(w, "csi", s.csi);
    write_summary(w, "satisfied", s.satisfied);
    write_summary(w, "nps", s.nps);
    w.end_object();
  }
  w.end_array();
  write_convergence(w, r.convergence);
  w.end_object();
}

}  // namespace

std::string to_json(const SimulationResult &result, const SimulationOptions &options) {
  std::string out;
  JsonWriter w(out);
  write_result(w, result, options);
  return out;
}

PlanSimulation simulate_plan(const Model &model, std::string_view plan_id, std::optional<double> budget,
                             const SimulationOptions &options) {
  const Plan &plan = find_plan(model, plan_id);
  SelectionOptions selection_options;
  selection_options.budget = budget;
  selection_options.propagation = options.propagation;
  selection_options.solver = options.solver;
  selection_options.morale_cap = options.morale_cap;
  auto selection = select_actions(model, plan, selection_options);
  std::vector<const Action *> chosen;
  for (const auto &a : plan.actions)
    if (std::binary_search(selection.selected.begin(), selection.selected.end(), a.id)) chosen.push_back(&a);
  Model improved = apply_effects(model, chosen);
  ChainGraph graph(model);  // effects change no service
  PlanSimulation out;
  out.plan = plan.id;
  out.selected = selection.selected;
  out.baseline = simulate(model, graph, intrinsic_quality(model, options.morale_cap), options);
  out.with_plan = simulate(improved, graph, intrinsic_quality(improved, options.morale_cap), options);
  return out;
}

std::string to_json(const PlanSimulation &result, const SimulationOptions &options) {
  std::string out;
  JsonWriter w(out);
  w.begin_object().field("plan", result.plan).key("selected").begin_array();
  for (const auto &id : result.selected) w.value(id);
  w.end_array().key("baseline");
  write_result(w, result.baseline, options);
  w.key("with_plan");
  write_result(w, result.with_plan, options);
  w.end_object();
  return out;
}

}  // namespace servicechain
