// Betweenness with a guarantee (DESIGN §4.4): KADABRA's adaptive sampling of
// shortest paths (Borassi and Natale, "KADABRA is an ADaptive Algorithm for
// Betweenness via Random Approximation", ESA 2016; the absolute-error version
// NetworKit's KadabraBetweenness implements), with a balanced bidirectional
// breadth-first search per sampled pair. docs/structure.md states the guarantee.
#include <algorithm>
#include <atomic>
#include <cmath>
#include <limits>
#include <memory>
#include <thread>

#include "servicechain/analysis/chain/structure.hpp"
#include "servicechain/error.hpp"
#include "servicechain/log.hpp"

namespace servicechain {

namespace {

/// splitmix64. Every sample gets its own stream from (seed, sample index), so
/// sample i draws the same pair and path whichever thread runs it.
class SampleRandom {
 public:
  SampleRandom(std::uint64_t seed, std::uint64_t index) : state_(mix(seed ^ mix(index + 0x632be59bd9b4e019ULL))) {}

  std::uint64_t next() { return mix(state_ += 0x9e3779b97f4a7c15ULL); }
  /// Uniform in [0, bound), bound > 0 (rejection, no modulo bias).
  std::uint64_t below(std::uint64_t bound) {
    constexpr std::uint64_t max = std::numeric_limits<std::uint64_t>::max();
    const std::uint64_t limit = max - max % bound;
    std::uint64_t x;
    do x = next(); while (x >= limit);
    return x % bound;
  }
  /// Uniform in [0, 1) with 53 random bits.
  double unit() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }

 private:
  static std::uint64_t mix(std::uint64_t z) {
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
  }
  std::uint64_t state_;
};

/// Draws a pair of distinct units and, when the second is reachable from the
/// first, one of their shortest paths uniformly at random. A balanced
/// bidirectional search grows a forward ball from the source (along services)
/// and a backward ball from the target (against them), always expanding the
/// side whose frontier has fewer services to scan, one whole level at a time,
/// until a service joins the balls: then every service found joining them
/// lies on a shortest path, and the path counts on both sides say how many.
/// On a chart where a few support units serve everyone the two balls meet at
/// one of them after a level or two, without expanding it.
/// The component with the most units.
std::uint32_t largest_component(const ChainGraph &graph) {
  const auto offsets = graph.component_offsets();
  std::uint32_t largest = 0;
  for (std::uint32_t c = 0; c + 1 < offsets.size(); ++c)
    if (offsets[c + 1] - offsets[c] > offsets[largest + 1] - offsets[largest]) largest = c;
  return largest;
}

/// Breadth-first tables from and to the few heavy units: the support units of
/// the giant-component shape, which serve almost everyone and are served back.
/// A sampled pair's search never expands one; the shortest paths through them
/// are counted from these tables instead (docs/structure.md, "Heavy units").
class HeavyTables {
 public:
  /// A unit is heavy when its services (in + out) are at least
  /// `kDegreeFactor` times the average and at least `kMinDegree`; at most
  /// `kMost` of them, the largest first.
  static constexpr std::size_t kMost = 8, kMinDegree = 64, kDegreeFactor = 16;
  static constexpr std::int32_t kUnreached = std::numeric_limits<std::int32_t>::max() / 4;

  /// `forced`: these units are the heavy ones instead of the chosen (tests; at most 255).
  HeavyTables(const ChainGraph &graph, unsigned threads, const std::vector<std::uint32_t> *forced = nullptr);

  std::size_t count() const { return units_.size(); }
  std::uint32_t unit(std::size_t k) const { return units_[k]; }
  /// The heavy index of v plus one, 0 when v is not heavy.
  std::uint8_t slot(std::uint32_t v) const { return slot_[v]; }
  /// d(h_k, v) and σ(h_k, v): every shortest path from heavy unit k to v.
  std::int32_t from_dist(std::uint32_t v, std::size_t k) const { return from_dist_[v * count() + k]; }
  double from_sigma(std::uint32_t v, std::size_t k) const { return from_sigma_[v * count() + k]; }
  /// d(v, h_k), and the shortest paths from v to heavy unit k with no heavy unit inside.
  std::int32_t to_dist(std::uint32_t v, std::size_t k) const { return to_dist_[v * count() + k]; }
  double to_free(std::uint32_t v, std::size_t k) const { return to_free_[v * count() + k]; }
  /// Heavy unit j's predecessors on shortest paths from heavy unit k, with the
  /// running sums of their σ(h_k, ·): a step back through a heavy unit is a binary search.
  struct Preds {
    std::vector<std::uint32_t> unit;
    std::vector<double> running;
  };
  const Preds &preds(std::size_t k, std::size_t j) const { return preds_[k * count() + j]; }

 private:
  void choose(const ChainGraph &graph, const std::vector<std::uint32_t> *forced);
  void search_from(const ChainGraph &graph, std::size_t k, std::vector<std::int32_t> &dist, std::vector<double> &sigma,
                   std::vector<std::uint32_t> &queue);
  void search_to(const ChainGraph &graph, std::size_t k, std::vector<std::int32_t> &dist, std::vector<double> &sigma,
                 std::vector<std::uint32_t> &queue);
  void collect_preds(const ChainGraph &graph, std::size_t k);

  std::vector<std::uint32_t> units_;
  std::vector<std::uint8_t> slot_;
  std::vector<std::int32_t> from_dist_, to_dist_;
  std::vector<double> from_sigma_, to_free_;
  std::vector<Preds> preds_;
};

void HeavyTables::choose(const ChainGraph &graph, const std::vector<std::uint32_t> *forced) {
  const std::size_t n = graph.unit_count();
  slot_.assign(n, 0);
  if (forced != nullptr) {
    if (forced->size() > 255) throw ArgumentError("at most 255 heavy units");
    for (std::uint32_t v : *forced) {
      if (v >= n || slot_[v] != 0) throw ArgumentError("heavy units must be distinct units of the chart");
      units_.push_back(v);
      slot_[v] = static_cast<std::uint8_t>(units_.size());
    }
    return;
  }
  auto out_off = graph.out_offsets(), in_off = graph.in_offsets();
  auto degree = [&](std::uint32_t v) { return out_off[v + 1] - out_off[v] + in_off[v + 1] - in_off[v]; };
  const double average = n == 0 ? 0.0 : 2.0 * static_cast<double>(graph.out_targets().size()) / static_cast<double>(n);
  const double threshold = std::max<double>(kMinDegree, kDegreeFactor * average);
  for (std::uint32_t v = 0; v < n; ++v)
    if (degree(v) >= threshold) units_.push_back(v);
  std::stable_sort(units_.begin(), units_.end(), [&](std::uint32_t a, std::uint32_t b) { return degree(a) > degree(b); });
  if (units_.size() > kMost) units_.resize(kMost);
  for (std::size_t k = 0; k < units_.size(); ++k) slot_[units_[k]] = static_cast<std::uint8_t>(k + 1);
}

HeavyTables::HeavyTables(const ChainGraph &graph, unsigned threads, const std::vector<std::uint32_t> *forced) {
  choose(graph, forced);
  const std::size_t n = graph.unit_count(), heavy = count();
  if (heavy == 0) return;
  from_dist_.resize(n * heavy), to_dist_.resize(n * heavy);
  from_sigma_.resize(n * heavy), to_free_.resize(n * heavy);
  // 2·heavy whole-chart searches, shared among the threads (each writes its own column).
  std::atomic<std::size_t> next{0};
  auto work = [&] {
    std::vector<std::int32_t> dist(n, kUnreached);
    std::vector<double> sigma(n, 0.0);
    std::vector<std::uint32_t> queue(n);
    for (std::size_t task; (task = next.fetch_add(1)) < 2 * heavy;)
      task < heavy ? search_from(graph, task, dist, sigma, queue) : search_to(graph, task - heavy, dist, sigma, queue);
  };
  std::vector<std::thread> pool;
  for (unsigned t = 1; t < std::min<std::size_t>(threads, 2 * heavy); ++t) pool.emplace_back(work);
  work();
  for (auto &t : pool) t.join();
  preds_.resize(heavy * heavy);
  for (std::size_t k = 0; k < heavy; ++k) collect_preds(graph, k);
}

/// Forward search from heavy unit k: distances and all shortest path counts.
void HeavyTables::search_from(const ChainGraph &graph, std::size_t k, std::vector<std::int32_t> &dist,
                              std::vector<double> &sigma, std::vector<std::uint32_t> &queue) {
  auto off = graph.out_offsets();
  auto adj = graph.out_targets();
  std::size_t reached = 0;
  queue[reached++] = units_[k];
  dist[units_[k]] = 0;
  sigma[units_[k]] = 1;
  for (std::size_t head = 0; head < reached; ++head) {
    const std::uint32_t x = queue[head];
    for (std::uint32_t e = off[x]; e < off[x + 1]; ++e) {
      const std::uint32_t y = adj[e];
      if (dist[y] == kUnreached) {
        dist[y] = dist[x] + 1;
        queue[reached++] = y;
      }
      if (dist[y] == dist[x] + 1) sigma[y] += sigma[x];
    }
  }
  const std::size_t heavy = count();
  for (std::uint32_t v = 0; v < dist.size(); ++v) {
    from_dist_[v * heavy + k] = dist[v];
    from_sigma_[v * heavy + k] = sigma[v];
  }
  for (std::size_t i = 0; i < reached; ++i) dist[queue[i]] = kUnreached, sigma[queue[i]] = 0;
}

/// Backward search to heavy unit k: distances, and the shortest paths that
/// enter no other heavy unit on the way (a heavy unit passes none on).
void HeavyTables::search_to(const ChainGraph &graph, std::size_t k, std::vector<std::int32_t> &dist,
                            std::vector<double> &paths, std::vector<std::uint32_t> &queue) {
  auto off = graph.in_offsets();
  auto adj = graph.in_sources();
  const std::uint32_t h = units_[k];
  std::size_t reached = 0;
  queue[reached++] = h;
  dist[h] = 0;
  paths[h] = 1;
  for (std::size_t head = 0; head < reached; ++head) {
    const std::uint32_t x = queue[head];
    const double passed = x == h || slot_[x] == 0 ? paths[x] : 0.0;
    for (std::uint32_t e = off[x]; e < off[x + 1]; ++e) {
      const std::uint32_t w = adj[e];
      if (dist[w] == kUnreached) {
        dist[w] = dist[x] + 1;
        queue[reached++] = w;
      }
      if (dist[w] == dist[x] + 1) paths[w] += passed;
    }
  }
  const std::size_t heavy = count();
  for (std::uint32_t v = 0; v < dist.size(); ++v) {
    to_dist_[v * heavy + k] = dist[v];
    to_free_[v * heavy + k] = paths[v];
  }
  for (std::size_t i = 0; i < reached; ++i) dist[queue[i]] = kUnreached, paths[queue[i]] = 0;
}

void HeavyTables::collect_preds(const ChainGraph &graph, std::size_t k) {
  auto off = graph.in_offsets();
  auto adj = graph.in_sources();
  for (std::size_t j = 0; j < count(); ++j) {
    const std::uint32_t v = units_[j];
    const std::int32_t d = from_dist(v, k);
    if (j == k || d == kUnreached) continue;
    Preds &p = preds_[k * count() + j];
    double sum = 0;
    for (std::uint32_t e = off[v]; e < off[v + 1]; ++e)
      if (from_dist(adj[e], k) == d - 1) {
        sum += from_sigma(adj[e], k);
        p.unit.push_back(adj[e]);
        p.running.push_back(sum);
      }
  }
}

class PathSampler {
 public:
  PathSampler(const ChainGraph &graph, const HeavyTables &heavy)
      : heavy_(heavy),
        out_off_(graph.out_offsets().data()),
        out_(graph.out_targets().data()),
        in_off_(graph.in_offsets().data()),
        in_(graph.in_sources().data()),
        component_(graph.components().component.data()),
        n_(graph.unit_count()),
        mark_(graph.unit_count(), 0),
        sigma_(graph.unit_count()),
        queue_(graph.unit_count()),
        largest_component_(largest_component(graph)) {
    block_heavy();
  }

  /// Appends the interior units of the path sampled for `rng`'s pair to `interior`.
  void sample(SampleRandom &rng, std::vector<std::uint32_t> &interior) {
    const auto s = static_cast<std::uint32_t>(rng.below(n_));
    auto t = static_cast<std::uint32_t>(rng.below(n_ - 1));
    if (t >= s) ++t;
    sample_pair(rng, s, t, interior);
  }

  /// Appends the interior units of a shortest s-t path drawn uniformly to
  /// `interior` (none when t is unreachable); returns σ_st as counted.
  double sample_pair(SampleRandom &rng, std::uint32_t s, std::uint32_t t, std::vector<std::uint32_t> &interior) {
    // Component ids are in reverse topological order: s reaches t only if
    // component[s] >= component[t]. Half the pairs of a layered chart end here.
    if (component_[s] < component_[t]) return 0.0;
    lowest_ = component_[t];
    highest_ = component_[s];
    // Inside one component holding most units the range excludes almost
    // nothing: skip the test there (the giant-component shape).
    prune_ = lowest_ != highest_ || lowest_ != largest_component_;
    // The search never enters a heavy unit (but s or t); the shortest paths
    // through one are counted from the tables, and both kinds are combined.
    const std::int32_t through = through_heavy(s, t);
    const bool met = search(s, t, through);
    double sigma = 0;
    if (met && meet_length() < static_cast<std::size_t>(through)) sigma = meet_paths(), draw_path(rng, interior);
    else if (through != HeavyTables::kUnreached) sigma = draw_combined(rng, s, t, through, met, interior);
    reset();
    return sigma;
  }

 private:
  struct Pred {
    std::uint32_t vertex, pred;  ///< pred is one level nearer the ball's centre
  };
  struct Ball {
    std::size_t begin = 0, end = 0;   ///< frontier in queue_
    std::uint64_t services = 0;       ///< services the frontier would scan
    std::vector<Pred> preds;          ///< in the order found
    std::vector<std::size_t> level;   ///< preds of vertices at level d+1 start at level[d]
  };

  /// A unit's mark: 0 not reached, d + 1 at level d of the forward ball, -(d + 1)
  /// at level d of the backward ball. Four bytes per unit (the test every
  /// service makes stays in the L2 cache at 10^5 units); path counts apart.
  static std::int32_t mark(std::int32_t side, std::int32_t level) { return side * (level + 1); }
  std::int32_t level_of(std::uint32_t v) const { return std::abs(mark_[v]) - 1; }

  /// Whether the balls meet at a length of at most `limit` without entering a
  /// heavy unit; the meeting services are then in meets_.
  bool search(std::uint32_t s, std::uint32_t t, std::int32_t limit) {
    queue_[0] = s;
    queue_[1] = t;
    reached_ = 2;
    mark_[s] = mark(1, 0);
    mark_[t] = mark(-1, 0);
    sigma_[s] = sigma_[t] = 1.0;
    forward_.begin = 0, forward_.end = 1, forward_.services = out_off_[s + 1] - out_off_[s];
    backward_.begin = 1, backward_.end = 2, backward_.services = in_off_[t + 1] - in_off_[t];
    while (meets_.empty()) {
      if (forward_.services == 0 || backward_.services == 0) return false;  // a ball cannot grow: no path
      // The next level's meetings would be longer than a path through a heavy unit.
      if (forward_.level.size() + backward_.level.size() + 1 > static_cast<std::size_t>(limit)) return false;
      if (prune_) {
        if (forward_.services <= backward_.services) expand<true>(forward_, 1, out_off_, out_);
        else expand<true>(backward_, -1, in_off_, in_);
      } else {
        if (forward_.services <= backward_.services) expand<false>(forward_, 1, out_off_, out_);
        else expand<false>(backward_, -1, in_off_, in_);
      }
    }
    return true;
  }

  /// Scans the services of one ball's frontier; the newly reached units are its next frontier.
  template <bool Prune>
  [[gnu::flatten]] void expand(Ball &ball, std::int32_t side, const std::uint32_t *off, const std::uint32_t *adj) {
    const std::size_t begin = ball.begin, end = ball.end;
    ball.level.push_back(ball.preds.size());
    ball.begin = reached_;
    ball.services = 0;
    if (begin == end) return;
    const std::int32_t next = mark_[queue_[begin]] + side;  // the mark one level further
    for (std::size_t i = begin; i < end; ++i) {
      const std::uint32_t x = queue_[i];
      const double sx = sigma_[x];
      for (std::uint32_t e = off[x]; e < off[x + 1]; ++e) {
        const std::uint32_t y = adj[e];
        // Only a unit whose component lies between s's and t's (in topological
        // order) can be on a path from s to t: the others are never entered, so
        // on a layered chart the balls stay inside the pair's stretch of it.
        // Units on s-t paths are reached exactly as without the test.
        if constexpr (Prune)
          if (component_[y] < lowest_ || component_[y] > highest_) continue;
        const std::int32_t my = mark_[y];
        if (my == 0) {
          mark_[y] = next;
          sigma_[y] = sx;
          queue_[reached_++] = y;
          ball.services += off[y + 1] - off[y];
          ball.preds.push_back({y, x});
        } else if (my == kBlocked) {
          continue;  // a heavy unit: its paths come from the tables
        } else if ((my > 0) != (side > 0)) {
          meets_.push_back(side > 0 ? Pred{x, y} : Pred{y, x});  // (forward unit, backward unit)
        } else if (my == next) {
          sigma_[y] += sx;
          ball.preds.push_back({y, x});
        }
      }
    }
    ball.end = reached_;
  }

  /// A joining service in proportion to the shortest paths through it, then
  /// each half walked back to its centre, each step in proportion to the
  /// paths through the predecessor.
  void draw_path(SampleRandom &rng, std::vector<std::uint32_t> &interior) {
    const double r = rng.unit() * meet_paths();
    double sum = 0;
    Pred chosen = meets_.back();
    for (const Pred &m : meets_) {
      sum += sigma_[m.vertex] * sigma_[m.pred];
      if (sum > r) {
        chosen = m;
        break;
      }
    }
    walk_back(rng, forward_, chosen.vertex, interior);
    walk_back(rng, backward_, chosen.pred, interior);
  }

  void walk_back(SampleRandom &rng, const Ball &ball, std::uint32_t v, std::vector<std::uint32_t> &interior) {
    for (std::int32_t d; (d = level_of(v)) > 0;) {
      interior.push_back(v);
      const auto level = static_cast<std::size_t>(d);
      const std::size_t begin = ball.level[level - 1];
      const std::size_t end = level < ball.level.size() ? ball.level[level] : ball.preds.size();
      const double r = rng.unit() * sigma_[v];
      double sum = 0;
      std::uint32_t next = v;
      for (std::size_t i = begin; i < end; ++i) {
        if (ball.preds[i].vertex != v) continue;
        next = ball.preds[i].pred;
        sum += sigma_[next];
        if (sum > r) break;
      }
      v = next;
    }
  }

  /// Length of the shortest paths the balls met on (after a successful search).
  std::size_t meet_length() const { return forward_.level.size() + backward_.level.size(); }

  /// The fewest services from s to t through a heavy unit other than s and t
  /// (kUnreached when none).
  std::int32_t through_heavy(std::uint32_t s, std::uint32_t t) const {
    std::int32_t best = HeavyTables::kUnreached;
    for (std::size_t k = 0; k < heavy_.count(); ++k)
      if (heavy_.unit(k) != s && heavy_.unit(k) != t)
        best = std::min(best, heavy_.to_dist(s, k) + heavy_.from_dist(t, k));
    return std::min(best, HeavyTables::kUnreached);
  }

  /// The shortest s-t paths are those avoiding heavy units (the balls' meetings,
  /// when `met`) and, for each heavy unit h at the shortest length, those whose
  /// first heavy unit is h: σ_free(s, h)·σ(h, t). One is drawn in proportion;
  /// returns their number, σ_st.
  double draw_combined(SampleRandom &rng, std::uint32_t s, std::uint32_t t, std::int32_t through, bool met,
                     std::vector<std::uint32_t> &interior) {
    const double avoiding = met ? meet_paths() : 0.0;
    auto weight = [&](std::size_t k) {
      const std::uint32_t h = heavy_.unit(k);
      if (h == s || h == t || heavy_.to_dist(s, k) + heavy_.from_dist(t, k) != through) return 0.0;
      return heavy_.to_free(s, k) * heavy_.from_sigma(t, k);
    };
    double total = avoiding;
    for (std::size_t k = 0; k < heavy_.count(); ++k) total += weight(k);
    const double r = rng.unit() * total;
    if (r < avoiding) {
      draw_path(rng, interior);
      return total;
    }
    double sum = avoiding;
    std::size_t chosen = heavy_.count();
    for (std::size_t k = 0; k < heavy_.count(); ++k)
      if (const double w = weight(k); w > 0) {
        chosen = k;
        sum += w;
        if (sum > r) break;
      }
    walk_to_heavy(rng, s, chosen, interior);
    interior.push_back(heavy_.unit(chosen));
    walk_from_heavy(rng, t, chosen, interior);
    return total;
  }

  /// A shortest path from s to heavy unit k with no heavy unit inside, drawn
  /// uniformly: forward from s, each step in proportion to the paths it leaves.
  void walk_to_heavy(SampleRandom &rng, std::uint32_t s, std::size_t k, std::vector<std::uint32_t> &interior) {
    const std::uint32_t h = heavy_.unit(k);
    for (std::uint32_t v = s;;) {
      const std::int32_t d = heavy_.to_dist(v, k);
      const double r = rng.unit() * heavy_.to_free(v, k);
      double sum = 0;
      std::uint32_t next = h;
      for (std::uint32_t e = out_off_[v]; e < out_off_[v + 1]; ++e) {
        const std::uint32_t w = out_[e];
        if (heavy_.to_dist(w, k) != d - 1 || (w != h && heavy_.slot(w) != 0)) continue;
        next = w;
        sum += w == h ? 1.0 : heavy_.to_free(w, k);
        if (sum > r) break;
      }
      if (next == h) return;
      interior.push_back(next);
      v = next;
    }
  }

  /// A shortest path from heavy unit k to t, drawn uniformly: back from t, each
  /// step in proportion to the paths from h_k to the predecessor (a heavy
  /// predecessor's list is precomputed: it would be a long scan).
  void walk_from_heavy(SampleRandom &rng, std::uint32_t t, std::size_t k, std::vector<std::uint32_t> &interior) {
    const std::uint32_t h = heavy_.unit(k);
    for (std::uint32_t v = t;;) {
      std::uint32_t next = h;
      if (const std::uint8_t j = heavy_.slot(v); j != 0) {
        const HeavyTables::Preds &p = heavy_.preds(k, j - 1u);
        const double r = rng.unit() * p.running.back();
        const auto i = static_cast<std::size_t>(std::upper_bound(p.running.begin(), p.running.end(), r) - p.running.begin());
        next = p.unit[std::min(i, p.unit.size() - 1)];
      } else {
        const std::int32_t d = heavy_.from_dist(v, k);
        const double r = rng.unit() * heavy_.from_sigma(v, k);
        double sum = 0;
        for (std::uint32_t e = in_off_[v]; e < in_off_[v + 1]; ++e) {
          const std::uint32_t w = in_[e];
          if (heavy_.from_dist(w, k) != d - 1) continue;
          next = w;
          sum += heavy_.from_sigma(w, k);
          if (sum > r) break;
        }
      }
      if (next == h) return;
      interior.push_back(next);
      v = next;
    }
  }

  /// Σ σ_s(x)·σ_t(y) over the meeting services (x, y).
  double meet_paths() const {
    double total = 0;
    for (const Pred &m : meets_) total += sigma_[m.vertex] * sigma_[m.pred];
    return total;
  }

  /// Heavy units are marked kBlocked between samples: the balls never enter them.
  void block_heavy() {
    for (std::size_t k = 0; k < heavy_.count(); ++k) mark_[heavy_.unit(k)] = kBlocked;
  }

  void reset() {
    for (std::size_t i = 0; i < reached_; ++i) mark_[queue_[i]] = 0;
    block_heavy();  // s or t may have been one
    reached_ = 0;
    meets_.clear();
    for (Ball *b : {&forward_, &backward_}) {
      b->preds.clear();
      b->level.clear();
    }
  }

  static constexpr std::int32_t kBlocked = std::numeric_limits<std::int32_t>::min();
  const HeavyTables &heavy_;
  const std::uint32_t *out_off_, *out_, *in_off_, *in_, *component_;
  std::uint32_t lowest_ = 0, highest_ = 0;  ///< components of t and s: the range a path can cross
  bool prune_ = false;                      ///< whether expand<true>() (tests that range) runs
  std::size_t n_;
  std::vector<std::int32_t> mark_;
  std::vector<double> sigma_;
  std::vector<std::uint32_t> queue_;
  std::uint32_t largest_component_;
  std::size_t reached_ = 0;
  Ball forward_, backward_;
  std::vector<Pred> meets_;
};

/// Samples [first, last) of the sample sequence, on up to `threads` threads, and
/// adds to `counts` how often each unit was interior to a sampled path. Counts
/// are integers, so the result does not depend on which thread drew what.
class SampleRunner {
 public:
  SampleRunner(const ChainGraph &graph, std::uint64_t seed, unsigned threads,
               const std::vector<std::uint32_t> *forced_heavy = nullptr)
      : seed_(seed), heavy_(std::make_unique<HeavyTables>(graph, threads, forced_heavy)) {
    for (unsigned i = 0; i < threads; ++i) samplers_.emplace_back(graph, *heavy_);
  }

  std::size_t heavy_units() const { return heavy_->count(); }

  /// Calls `touched(v)` after each increment of counts[v].
  template <class Touched>
  void run(std::size_t first, std::size_t last, std::vector<std::uint64_t> &counts, Touched touched) {
    constexpr std::size_t chunk = 128;
    const std::size_t chunks = (last - first + chunk - 1) / chunk;
    std::vector<std::vector<std::uint32_t>> interior(chunks);
    std::atomic<std::size_t> next{0};
    auto work = [&](PathSampler &sampler) {
      for (std::size_t c; (c = next.fetch_add(1)) < chunks;) {
        const std::size_t end = std::min(last, first + (c + 1) * chunk);
        for (std::size_t i = first + c * chunk; i < end; ++i) {
          SampleRandom rng(seed_, i);
          sampler.sample(rng, interior[c]);
        }
      }
    };
    const std::size_t used = std::min<std::size_t>(samplers_.size(), chunks);
    if (used <= 1) {
      work(samplers_[0]);
    } else {
      std::vector<std::thread> pool;
      for (std::size_t t = 1; t < used; ++t) pool.emplace_back(work, std::ref(samplers_[t]));
      work(samplers_[0]);
      for (auto &t : pool) t.join();
    }
    for (const auto &list : interior)
      for (std::uint32_t v : list) {
        ++counts[v];
        touched(v);
      }
  }

 private:
  std::uint64_t seed_;
  std::unique_ptr<HeavyTables> heavy_;  ///< on the heap: the samplers keep a reference
  std::vector<PathSampler> samplers_;
};

/// KADABRA's bounds (Borassi and Natale 2016, NetworKit's computeF/computeG):
/// with probability >= 1 - delta_v the true value is above estimate - f and below estimate + g.
double lower_error(double estimate, double tau, double omega, double log_inverse_delta) {
  const double tmp = omega / tau - 1.0 / 3;
  const double err =
      log_inverse_delta / tau * (-tmp + std::sqrt(tmp * tmp + 2 * estimate * omega / log_inverse_delta));
  return std::min(err, estimate);
}

double upper_error(double estimate, double tau, double omega, double log_inverse_delta) {
  const double tmp = omega / tau + 1.0 / 3;
  const double err =
      log_inverse_delta / tau * (tmp + std::sqrt(tmp * tmp + 2 * estimate * omega / log_inverse_delta));
  return std::min(err, 1 - estimate);
}

/// Per-unit failure budgets from the first phase's estimates (NetworKit's
/// computeDeltaGuess, absolute case): delta_v = exp(-c·eps²/b_v) + delta·β/(4n),
/// c the smallest (to eps/10) with Σ_v 2·exp(-c·eps²/b_v) < delta/2·(1 - β), so
/// that Σ_v (delta_L(v) + delta_U(v)) <= delta/2. Units the first phase never
/// met get delta·β/(4n). Returns log(1/delta_v) for the seen units.
std::vector<double> failure_budgets(const std::vector<double> &seen_estimate, double eps, double delta, std::size_t n,
                                    double &log_inverse_unseen) {
  constexpr double balancing = 0.001;
  const double floor_delta = delta * balancing / (4.0 * static_cast<double>(n));
  const double target = delta / 2 * (1 - balancing);
  auto total = [&](double c) {
    double sum = 0;
    for (double b : seen_estimate) sum += 2 * std::exp(-c * eps * eps / b);
    return sum;
  };
  double lo = 0, hi = std::log(4.0 * static_cast<double>(n) / (delta * (1 - balancing))) / (eps * eps);
  while (hi - lo > eps / 10) {
    const double c = (lo + hi) / 2;
    (total(c) >= target ? lo : hi) = c;
  }
  std::vector<double> log_inverse(seen_estimate.size());
  for (std::size_t i = 0; i < seen_estimate.size(); ++i)
    log_inverse[i] = -std::log(std::exp(-hi * eps * eps / seen_estimate[i]) + floor_delta);
  log_inverse_unseen = -std::log(floor_delta);
  return log_inverse;
}

}  // namespace

std::size_t vertex_diameter_bound(const ChainGraph &graph) {
  const std::size_t n = graph.unit_count();
  if (n == 0) return 0;
  const auto &scc = graph.components();
  auto comp_off = graph.component_offsets();
  auto comp_units = graph.component_units();
  auto out_off = graph.out_offsets(), out = graph.out_targets();
  auto in_off = graph.in_offsets(), in = graph.in_sources();
  // Inside a component every shortest path stays in it (leaving it, a path
  // could not come back), so it has at most ecc_in(r) + ecc_out(r) services for
  // any unit r of the component: through r is a path at least as long.
  std::vector<std::int32_t> dist(n, -1);
  std::vector<std::uint32_t> queue;
  auto eccentricity = [&](std::uint32_t root, std::span<const std::uint32_t> off, std::span<const std::uint32_t> adj) {
    const std::uint32_t c = scc.component[root];
    queue.assign(1, root);
    dist[root] = 0;
    std::int32_t far = 0;
    for (std::size_t head = 0; head < queue.size(); ++head) {
      const std::uint32_t v = queue[head];
      far = dist[v];
      for (std::uint32_t e = off[v]; e < off[v + 1]; ++e)
        if (scc.component[adj[e]] == c && dist[adj[e]] < 0) {
          dist[adj[e]] = dist[v] + 1;
          queue.push_back(adj[e]);
        }
    }
    for (std::uint32_t v : queue) dist[v] = -1;
    return static_cast<std::size_t>(far);
  };
  // Longest path of the condensation, each component weighted by the units a
  // shortest path can have in it; ids are in reverse topological order.
  std::vector<std::size_t> longest(scc.count, 0);
  std::size_t bound = 0;
  for (std::uint32_t c = scc.count; c-- > 0;) {
    const auto first = comp_off[c], last = comp_off[c + 1];
    std::size_t weight = 1;
    if (last - first > 1) {
      std::uint32_t root = comp_units[first];
      for (auto i = first; i < last; ++i) {
        const std::uint32_t v = comp_units[i];
        if (out_off[v + 1] - out_off[v] + in_off[v + 1] - in_off[v] >
            out_off[root + 1] - out_off[root] + in_off[root + 1] - in_off[root])
          root = v;
      }
      weight = std::min<std::size_t>(last - first, eccentricity(root, out_off, out) + eccentricity(root, in_off, in) + 1);
    }
    const std::size_t here = longest[c] + weight;
    bound = std::max(bound, here);
    for (auto i = first; i < last; ++i) {
      const std::uint32_t v = comp_units[i];
      for (std::uint32_t e = out_off[v]; e < out_off[v + 1]; ++e) {
        const std::uint32_t d = scc.component[out[e]];
        if (d != c) longest[d] = std::max(longest[d], here);
      }
    }
  }
  return bound;
}

namespace {

/// KADABRA, absolute version (NetworKit's KadabraBetweenness with k = 0);
/// eps bounds the error of Σ/(n(n-1)).
BetweennessEstimateResult kadabra(const ChainGraph &graph, double eps, double delta, std::uint64_t seed,
                                  const std::vector<std::uint32_t> *forced_heavy,
                                  unsigned threads) {
  const std::size_t n = graph.unit_count();
  BetweennessEstimateResult result;
  result.betweenness.assign(n, 0.0);
  result.vertex_diameter_bound = vertex_diameter_bound(graph);
  if (result.vertex_diameter_bound < 3) return result;  // no shortest path has an interior unit
  const double vc = std::floor(std::log2(static_cast<double>(result.vertex_diameter_bound - 2))) + 1;
  const double omega = std::ceil(0.5 / (eps * eps) * (vc + std::log(2 / delta)));
  result.cap = static_cast<std::size_t>(omega);
  result.first_phase = std::max<std::size_t>(1, result.cap / 100);  // NetworKit's startFactor 100
  SampleRunner runner(graph, seed, threads, forced_heavy);
  result.heavy_units = runner.heavy_units();

  // First phase: a rough estimate, only to share the failure probability out among the units.
  std::vector<std::uint64_t> counts(n, 0);
  runner.run(0, result.first_phase, counts, [](std::uint32_t) {});
  std::vector<std::uint32_t> seen;
  std::vector<double> seen_estimate;
  std::vector<char> is_seen(n, 0);
  for (std::uint32_t v = 0; v < n; ++v)
    if (counts[v] > 0) {
      seen.push_back(v);
      seen_estimate.push_back(static_cast<double>(counts[v]) / static_cast<double>(result.first_phase));
      is_seen[v] = 1;
    }
  double log_inverse_unseen = 0;
  const std::vector<double> log_inverse = failure_budgets(seen_estimate, eps, delta, n, log_inverse_unseen);

  // Second phase: fresh samples until every unit's bounds are within eps, or omega samples.
  std::fill(counts.begin(), counts.end(), 0);
  std::uint64_t most_unseen = 0;  // largest count of a unit the first phase did not meet
  auto finished = [&](double tau) {
    for (std::size_t i = 0; i < seen.size(); ++i) {
      const double b = static_cast<double>(counts[seen[i]]) / tau;
      if (lower_error(b, tau, omega, log_inverse[i]) >= eps || upper_error(b, tau, omega, log_inverse[i]) >= eps)
        return false;
    }
    // Both bounds grow with the estimate (before the caps): the largest count decides for the rest.
    const double b = static_cast<double>(most_unseen) / tau;
    const double tmp = omega / tau + 1.0 / 3;
    const double upper = log_inverse_unseen / tau * (tmp + std::sqrt(tmp * tmp + 2 * b * omega / log_inverse_unseen));
    return lower_error(b, tau, omega, log_inverse_unseen) < eps && upper < eps;
  };
  std::size_t tau = 0;
  constexpr std::size_t step = 512;  // checks at fixed sample counts, whatever the threads
  while (tau < result.cap) {
    const std::size_t target = std::min(result.cap, std::max(tau + step, tau + tau / 10));
    runner.run(result.first_phase + tau, result.first_phase + target, counts, [&](std::uint32_t v) {
      if (!is_seen[v]) most_unseen = std::max(most_unseen, counts[v]);
    });
    tau = target;
    if (finished(static_cast<double>(tau))) break;
  }
  result.samples = result.first_phase + tau;
  for (std::size_t v = 0; v < n; ++v)
    result.betweenness[v] = static_cast<double>(counts[v]) / static_cast<double>(tau);
  logger()->debug("betweenness (kadabra): {} samples of at most {} + {}, vertex diameter <= {}", result.samples,
                  result.cap, result.first_phase, result.vertex_diameter_bound);
  return result;
}

/// Kullback-Leibler divergence of a Bernoulli(q) from a Bernoulli(p), 0 < p < 1.
double bernoulli_divergence(double q, double p) {
  const double here = q > 0 ? q * std::log(q / p) : 0.0;
  const double there = q < 1 ? (1 - q) * std::log((1 - q) / (1 - p)) : 0.0;
  return here + there;
}

/// Chernoff's bound for the mean p of tau i.i.d. indicators and their average
/// p̂: P(p̂ <= q) <= exp(-tau·KL(q||p)) for q < p, the same above. So
/// {p : tau·KL(p̂||p) <= L} holds p with probability >= 1 - 2e^-L (e^-L per
/// side), and the divergence grows away from p̂: the interval lies within
/// p̂ ± eps when the divergence at each end exceeds L/tau (or the end is past 0 or 1).
bool within(double mean, double eps, double tau, double log_inverse) {
  const double need = log_inverse / tau;
  return (mean + eps >= 1 || bernoulli_divergence(mean, mean + eps) >= need) &&
         (mean - eps <= 0 || bernoulli_divergence(mean, mean - eps) >= need);
}

/// The upper end of that interval: the p above p̂ where tau·KL(p̂||p) = L.
double chernoff_upper(double mean, double tau, double log_inverse) {
  double lo = mean, hi = 1;
  for (int i = 0; i < 60 && hi - lo > 1e-12; ++i) {
    const double mid = (lo + hi) / 2;
    (tau * bernoulli_divergence(mean, mid) <= log_inverse ? lo : hi) = mid;
  }
  return hi;
}

/// Phase 1's size: ⌈kFirstPhase·L/eps⌉ draws. With Chernoff's interval that
/// vouches for every unit whose average is below about 0.5·eps (a layered
/// chart's units all are), about 0.6 of Bernstein's 4·L/eps for the same.
constexpr double kFirstPhase = 2.5;

/// Two-phase path sampling with Bernstein bounds (docs/structure.md states the
/// guarantee and its proof). Phase 1 draws a fixed number of paths and
/// certifies every unit whose bound is already within epsilon (on a layered
/// chart, all of them: every betweenness is small); phase 2 draws a fixed
/// number of fresh paths, computed from phase 1's variance bounds of the units
/// left, and re-estimates those.
BetweennessEstimateResult two_phase(const ChainGraph &graph, double eps, double delta, std::uint64_t seed,
                                  const std::vector<std::uint32_t> *forced_heavy,
                                    unsigned threads) {
  const std::size_t n = graph.unit_count();
  BetweennessEstimateResult result;
  SampleRunner runner(graph, seed, threads, forced_heavy);
  result.heavy_units = runner.heavy_units();
  // Phase 1: an upper and a lower bound per unit, delta/(4n) each (delta/2 in all).
  const double log1 = std::log(4.0 * static_cast<double>(n) / delta);
  result.first_phase = static_cast<std::size_t>(std::ceil(kFirstPhase * log1 / eps));
  std::vector<std::uint64_t> counts(n, 0);
  runner.run(0, result.first_phase, counts, [](std::uint32_t) {});
  const double tau1 = static_cast<double>(result.first_phase);
  result.betweenness.resize(n);
  std::vector<std::uint32_t> open;             // units phase 1 cannot vouch for
  std::vector<double> spread;                  // their (2·variance bound + 2eps/3)/eps²
  std::vector<std::int8_t> vouched(64, -1);    // within() by count: most units share a few small counts
  for (std::uint32_t v = 0; v < n; ++v) {
    const std::uint64_t c = counts[v];
    const double mean = static_cast<double>(c) / tau1;
    result.betweenness[v] = mean;
    if (c < vouched.size()) {
      if (vouched[c] < 0) vouched[c] = within(mean, eps, tau1, log1) ? 1 : 0;
      if (vouched[c] == 1) continue;
    } else if (within(mean, eps, tau1, log1)) {
      continue;
    }
    const double upper = chernoff_upper(mean, tau1, log1), variance = upper <= 0.5 ? upper * (1 - upper) : 0.25;
    open.push_back(v);
    spread.push_back((2 * variance + 2 * eps / 3) / (eps * eps));
  }
  result.samples = result.first_phase;
  if (!open.empty()) {
    // Phase 2: tau2 with Σ 2·exp(-tau2/spread_v) <= delta/2 (Bernstein's two-sided
    // tail per open unit), the smallest to within one sample.
    auto failure = [&](double tau) {
      double sum = 0;
      for (double a : spread) sum += 2 * std::exp(-tau / a);
      return sum;
    };
    double lo = 0, hi = *std::max_element(spread.begin(), spread.end()) *
                        std::log(4.0 * static_cast<double>(open.size()) / delta);
    while (hi - lo > 1) {
      const double mid = (lo + hi) / 2;
      (failure(mid) <= delta / 2 ? hi : lo) = mid;
    }
    result.cap = static_cast<std::size_t>(std::ceil(hi));
    std::fill(counts.begin(), counts.end(), 0);
    runner.run(result.first_phase, result.first_phase + result.cap, counts, [](std::uint32_t) {});
    for (std::uint32_t v : open)
      result.betweenness[v] = static_cast<double>(counts[v]) / static_cast<double>(result.cap);
    result.samples += result.cap;
  }
  logger()->debug("betweenness (two-phase): {} + {} samples, {} units left after the first phase, {} heavy units",
                  result.first_phase, result.cap, open.size(), result.heavy_units);
  return result;
}

}  // namespace

namespace {

BetweennessEstimateResult estimate(const ChainGraph &graph, BetweennessEstimate method, double epsilon, double delta,
                                   std::uint64_t seed, unsigned threads, const std::vector<std::uint32_t> *forced_heavy) {
  if (!(epsilon > 0 && epsilon < 1)) throw ArgumentError("betweenness epsilon must be in (0, 1)");
  if (!(delta > 0 && delta < 1)) throw ArgumentError("betweenness delta must be in (0, 1)");
  if (method == BetweennessEstimate::sources) throw ArgumentError("estimate_betweenness: sources is not a guaranteed estimate");
  const std::size_t n = graph.unit_count();
  if (n < 3) {
    BetweennessEstimateResult zero;
    zero.betweenness.assign(n, 0.0);
    return zero;
  }
  if (threads == 0) threads = std::max(1u, std::thread::hardware_concurrency());
  threads = std::min(threads, 8u);  // each sampler holds 16 bytes per unit
  // The estimators bound the error of Σ/(n(n-1)); ours is Σ/((n-1)(n-2)), n/(n-2) times larger.
  const double scale = static_cast<double>(n) / static_cast<double>(n - 2);
  BetweennessEstimateResult result = method == BetweennessEstimate::kadabra
                                         ? kadabra(graph, epsilon / scale, delta, seed, forced_heavy, threads)
                                         : two_phase(graph, epsilon / scale, delta, seed, forced_heavy, threads);
  // No unit is interior to more than (n-1)(n-2) pairs: a sampled mean scaled
  // above 1 (a hub on every path) is clamped, which only brings it nearer.
  for (double &b : result.betweenness) b = std::min(1.0, b * scale);
  return result;
}

}  // namespace

BetweennessEstimateResult estimate_betweenness(const ChainGraph &graph, BetweennessEstimate method, double epsilon,
                                               double delta, std::uint64_t seed, unsigned threads) {
  return estimate(graph, method, epsilon, delta, seed, threads, nullptr);
}

namespace detail {

BetweennessEstimateResult estimate_betweenness_with_heavy(const ChainGraph &graph, BetweennessEstimate method,
                                                          double epsilon, double delta, std::uint64_t seed,
                                                          unsigned threads, const std::vector<std::uint32_t> &heavy) {
  return estimate(graph, method, epsilon, delta, seed, threads, &heavy);
}

SampledPaths sample_shortest_paths(const ChainGraph &graph, std::uint32_t s, std::uint32_t t,
                                   const std::vector<std::uint32_t> &heavy, std::size_t count, std::uint64_t seed) {
  const std::size_t n = graph.unit_count();
  if (s >= n || t >= n || s == t) throw ArgumentError("sample_shortest_paths: s and t must be distinct units");
  const HeavyTables tables(graph, 1, &heavy);
  PathSampler sampler(graph, tables);
  SampledPaths out;
  out.interiors.resize(count);
  for (std::size_t i = 0; i < count; ++i) {
    SampleRandom rng(seed, i);
    out.sigma = sampler.sample_pair(rng, s, t, out.interiors[i]);
  }
  if (count == 0) {
    SampleRandom rng(seed, 0);
    std::vector<std::uint32_t> ignored;
    out.sigma = sampler.sample_pair(rng, s, t, ignored);
  }
  return out;
}

}  // namespace detail

}  // namespace servicechain
