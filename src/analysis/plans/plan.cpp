#include "servicechain/analysis/plans/plan.hpp"

#include <algorithm>
#include <cmath>
#include <ctime>
#include <functional>
#include <limits>
#include <numeric>
#include <queue>
#include <unordered_map>

#include "servicechain/analysis/chain/graph.hpp"
#include "servicechain/analysis/chain/metrics.hpp"
#include "servicechain/analysis/plans/effects.hpp"
#include "servicechain/detail/scc.hpp"
#include "servicechain/error.hpp"
#include "servicechain/io/json_writer.hpp"
#include "servicechain/log.hpp"
#include "servicechain/validate.hpp"

namespace servicechain {
namespace {

bool committed(Stage s) { return s == Stage::do_ || s == Stage::check || s == Stage::act; }

// Budget and cost comparisons: sums of decimal costs (0.1 + 0.2 vs 0.3).
double cost_slack(double budget) { return 1e-9 * std::max(1.0, std::fabs(budget)); }

// `after` of each action as indices (unknown ids and self references skipped).
std::vector<std::vector<std::uint32_t>> predecessors(const Plan &plan) {
  std::unordered_map<std::string_view, std::uint32_t> index;
  for (std::size_t a = 0; a < plan.actions.size(); ++a) index.emplace(plan.actions[a].id, static_cast<std::uint32_t>(a));
  std::vector<std::vector<std::uint32_t>> preds(plan.actions.size());
  for (std::size_t a = 0; a < plan.actions.size(); ++a)
    for (const auto &id : plan.actions[a].after)
      if (auto it = index.find(id); it != index.end() && it->second != a) preds[a].push_back(it->second);
  return preds;
}

std::string joined(std::vector<std::string> ids) {
  std::sort(ids.begin(), ids.end());
  std::string s;
  for (const auto &id : ids) s += (s.empty() ? "" : ", ") + id;
  return s;
}

// Joint CSI of sets of actions of one plan: effects, then propagation. Remembers
// whether every propagation met the residual bound.
class JointCsi {
 public:
  JointCsi(const Model &model, const Plan &plan, PropagationModel propagation, bool morale_cap,
           const PropagationOptions &solver = {})
      : graph_(model), effects_(model, plan.actions, morale_cap), propagation_(propagation), solver_(solver) {}
  std::optional<double> operator()(std::span<const std::uint32_t> actions) {
    chosen_.assign(actions.begin(), actions.end());
    std::sort(chosen_.begin(), chosen_.end());
    effects_.intrinsic(chosen_, s_);
    ++evaluations;
    auto q = propagate(graph_, s_, propagation_, solver_);
    convergence.merge(q);
    return csi(graph_, q.delivered);
  }
  // Why `actions` leave the CSI unchanged (their gain is 0).
  GainReason zero_gain_reason(std::span<const std::uint32_t> actions) {
    if (distance_.empty()) distance_ = customer_distance(graph_);
    chosen_.assign(actions.begin(), actions.end());
    std::sort(chosen_.begin(), chosen_.end());
    return effects_.zero_gain_reason(chosen_, distance_);
  }
  std::size_t evaluations = 0;
  Convergence convergence;

 private:
  std::vector<std::optional<std::uint32_t>> distance_;
  ChainGraph graph_;
  EffectEvaluator effects_;
  PropagationModel propagation_;
  PropagationOptions solver_;
  std::vector<std::uint32_t> chosen_;
  std::vector<double> s_;
};

// Committed actions and every not-done action they wait for.
std::vector<char> forced_actions(const Plan &plan, const std::vector<std::vector<std::uint32_t>> &preds) {
  const std::size_t n = plan.actions.size();
  std::vector<char> forced(n, 0);
  std::vector<std::uint32_t> stack;
  for (std::uint32_t a = 0; a < n; ++a)
    if (committed(plan.actions[a].stage)) forced[a] = 1, stack.push_back(a);
  while (!stack.empty()) {
    auto a = stack.back();
    stack.pop_back();
    for (auto p : preds[a])
      if (plan.actions[p].stage != Stage::done && !forced[p]) forced[p] = 1, stack.push_back(p);
  }
  return forced;
}

// What the exact and the greedy search share.
struct Search {
  const Plan &plan;
  const SelectionOptions &options;
  std::vector<std::vector<std::uint32_t>> preds;
  double limit = 0;  // budget plus the cost slack
  JointCsi joint;
  std::vector<std::uint32_t> base;  // forced actions
  double base_cost = 0, base_csi = 0;
  std::vector<std::uint32_t> order;     // free candidates, topological, best alone first
  std::vector<std::int64_t> position;   // index in `order`, -1 for the others

  std::size_t size() const { return plan.actions.size(); }
  double cost(std::uint32_t a) const { return plan.actions[a].cost; }
  // Total cost of a set, summed in plan order so equal sets give equal sums.
  double total_cost(const std::vector<std::uint32_t> &set) const {
    std::vector<std::uint32_t> sorted(set);
    std::sort(sorted.begin(), sorted.end());
    double c = 0;
    for (auto a : sorted) c += cost(a);
    return c;
  }
  // Ties: lower cost, then the smaller sorted id list.
  bool cheaper_or_smaller(const std::vector<std::uint32_t> &x, double cx, const std::vector<std::uint32_t> &y, double cy) const {
    if (std::fabs(cx - cy) > cost_slack(std::max(cx, cy))) return cx < cy;
    auto ids_of = [&](const std::vector<std::uint32_t> &set) {
      std::vector<std::string_view> ids;
      for (auto a : set) ids.push_back(plan.actions[a].id);
      std::sort(ids.begin(), ids.end());
      return ids;
    };
    return ids_of(x) < ids_of(y);
  }
};

// Free candidates in a topological order of `after`, best individual gain first
// where the order is free (good incumbents early prune more). A cycle is an error.
void order_candidates(Search &s, const std::vector<char> &forced) {
  const std::size_t n = s.size();
  const auto &actions = s.plan.actions;
  std::vector<std::uint32_t> free_actions;
  for (std::uint32_t a = 0; a < n; ++a)
    if (actions[a].stage == Stage::plan && !forced[a]) free_actions.push_back(a);
  std::vector<double> alone(n, 0.0);
  for (auto a : free_actions) {
    std::vector<std::uint32_t> set(s.base);
    set.push_back(a);
    alone[a] = s.joint(set).value_or(0.0) - s.base_csi;
  }
  std::vector<std::size_t> waiting(n, 0);
  std::vector<std::vector<std::uint32_t>> succ(n);
  for (auto a : free_actions)
    for (auto p : s.preds[a])
      if (actions[p].stage == Stage::plan && !forced[p]) ++waiting[a], succ[p].push_back(a);
  // The ready candidate with the largest gain (then the smallest index) comes next.
  auto later = [&](std::uint32_t x, std::uint32_t y) { return alone[x] != alone[y] ? alone[x] < alone[y] : x > y; };
  std::priority_queue<std::uint32_t, std::vector<std::uint32_t>, decltype(later)> ready(later);
  for (auto a : free_actions)
    if (waiting[a] == 0) ready.push(a);
  s.position.assign(n, -1);
  while (!ready.empty()) {
    auto a = ready.top();
    ready.pop();
    s.position[a] = static_cast<std::int64_t>(s.order.size());
    s.order.push_back(a);
    for (auto b : succ[a])
      if (--waiting[b] == 0) ready.push(b);
  }
  if (s.order.size() != free_actions.size()) {
    std::vector<std::string> ids;
    for (auto a : free_actions)
      if (s.position[a] < 0) ids.push_back(actions[a].id);
    throw InputError("plan \"" + s.plan.id + "\": actions " + joined(ids) + " wait for each other in a cycle");
  }
}

struct SearchStopped {};  // the exact search reached options.exact_max_evaluations

// Branch and bound over subsets closed under `after`. Bound: every effect is
// >= 0 and s -> q -> CSI is monotone (linear and geometric), so the joint CSI
// of a set is at most that of any superset; a subtree's bound is the CSI of
// the chosen set plus every undecided candidate that could still join it.
// Nullopt when the search reached its evaluation limit.
std::optional<std::vector<std::uint32_t>> exact_search(Search &s) {
  const std::size_t k = s.order.size();
  const std::size_t stop_at = s.joint.evaluations + s.options.exact_max_evaluations;
  std::vector<double> cost(k);
  std::vector<std::uint64_t> pred_mask(k, 0);
  for (std::size_t j = 0; j < k; ++j) {
    cost[j] = s.cost(s.order[j]);
    for (auto p : s.preds[s.order[j]])
      if (s.position[p] >= 0) pred_mask[j] |= std::uint64_t{1} << s.position[p];
  }
  std::vector<std::uint32_t> set;
  auto csi_of = [&](std::uint64_t mask) {
    if (s.joint.evaluations >= stop_at) throw SearchStopped{};
    set = s.base;
    for (std::size_t j = 0; j < k; ++j)
      if (mask >> j & 1) set.push_back(s.order[j]);
    return s.joint(set).value_or(0.0);
  };
  // Undecided candidates (index >= from) that could still join `mask`.
  auto reachable = [&](std::size_t from, std::uint64_t mask, double spent, double &all_cost) {
    std::uint64_t u = mask;
    all_cost = spent;
    for (std::size_t j = from; j < k; ++j)
      if ((pred_mask[j] & ~u) == 0 && spent + cost[j] <= s.limit) u |= std::uint64_t{1} << j, all_cost += cost[j];
    return u;
  };
  // Phase 1: the largest joint CSI M.
  double best = -std::numeric_limits<double>::infinity();
  std::function<void(std::size_t, std::uint64_t, double)> maximize = [&](std::size_t from, std::uint64_t mask, double spent) {
    double all_cost;
    auto u = reachable(from, mask, spent, all_cost);
    double bound = csi_of(u);
    if (bound <= best) return;
    if (u == mask || all_cost <= s.limit) {  // u itself is affordable: the best of this subtree
      best = bound;
      return;
    }
    std::size_t j = from;
    while (!((u & ~mask) >> j & 1)) ++j;
    maximize(j + 1, mask | std::uint64_t{1} << j, spent + cost[j]);
    maximize(j + 1, mask, spent);
  };
  // Phase 2: among sets within the tie tolerance of M, the cheapest, then smallest ids.
  std::optional<std::vector<std::uint32_t>> winner;
  double winner_cost = std::numeric_limits<double>::infinity(), threshold = 0;
  std::function<void(std::size_t, std::uint64_t, double)> cheapest = [&](std::size_t from, std::uint64_t mask, double spent) {
    if (spent > winner_cost + cost_slack(winner_cost)) return;
    double all_cost;
    auto u = reachable(from, mask, spent, all_cost);
    if (csi_of(u) < threshold) return;
    if (u == mask) {
      auto c = s.total_cost(set);
      if (!winner || s.cheaper_or_smaller(set, c, *winner, winner_cost)) winner = set, winner_cost = c;
      return;
    }
    std::size_t j = from;
    while (!((u & ~mask) >> j & 1)) ++j;
    cheapest(j + 1, mask, spent);
    cheapest(j + 1, mask | std::uint64_t{1} << j, spent + cost[j]);
  };
  try {
    maximize(0, 0, s.base_cost);
    threshold = best - s.options.tie_tolerance;
    cheapest(0, 0, s.base_cost);
  } catch (const SearchStopped &) {
    return std::nullopt;
  }
  return winner ? *winner : s.base;
}

// Lazy greedy: repeatedly add the affordable candidate, together with the
// not-yet-selected candidates it waits for (its group), whose joint CSI gain per
// unit cost is highest (free ones first; ties: larger gain, lower cost, earlier
// in the candidate order); stop when nothing affordable gains more than the tie
// tolerance. Gains are kept in a priority queue and only the group on top is
// re-evaluated: when its fresh gain still beats every other (older) figure it is
// taken. This equals re-evaluating every candidate at every step when gains only
// shrink as actions are added, and costs a few evaluations per step instead of
// one per candidate. The result is then compared with the best single affordable
// group on top of the committed actions (the usual knapsack safeguard).
std::vector<std::uint32_t> greedy_search(Search &s) {
  const std::size_t n = s.size();
  std::vector<char> in(n, 0);
  for (auto a : s.base) in[a] = 1;
  std::vector<char> seen(n, 0);
  auto group_of = [&](std::uint32_t a, double &c) {
    std::vector<std::uint32_t> group{a}, todo{a};
    seen[a] = 1;
    while (!todo.empty()) {
      auto x = todo.back();
      todo.pop_back();
      for (auto p : s.preds[x])
        if (!in[p] && !seen[p] && s.plan.actions[p].stage != Stage::done) seen[p] = 1, group.push_back(p), todo.push_back(p);
    }
    c = 0;
    for (auto g : group) c += s.cost(g), seen[g] = 0;
    return group;
  };
  struct Entry {
    double gain, cost;
    std::uint32_t action;
    std::size_t step;  // selection step at which `gain` was computed
  };
  auto ratio = [](double g, double c) { return c > 0 ? g / c : std::numeric_limits<double>::infinity(); };
  auto worse = [&](const Entry &x, const Entry &y) {  // priority_queue: the best on top
    const double rx = ratio(x.gain, x.cost), ry = ratio(y.gain, y.cost);
    if (rx != ry) return rx < ry;
    if (x.gain != y.gain) return x.gain < y.gain;
    if (x.cost != y.cost) return x.cost > y.cost;
    return s.position[x.action] > s.position[y.action];
  };
  std::priority_queue<Entry, std::vector<Entry>, decltype(worse)> queue(worse);
  std::vector<std::uint32_t> current(s.base), single;
  double current_cost = s.base_cost, current_csi = s.base_csi;
  double single_csi = -std::numeric_limits<double>::infinity();
  for (auto a : s.order) {  // step 0: every group on top of the committed actions
    double c;
    auto group = group_of(a, c);
    if (s.base_cost + c > s.limit) continue;  // stays unaffordable: spent + group cost only grows
    std::vector<std::uint32_t> set(s.base);
    set.insert(set.end(), group.begin(), group.end());
    const double v = s.joint(set).value_or(0.0);
    if (v > single_csi) single_csi = v, single = set;
    if (v - s.base_csi > s.options.tie_tolerance) queue.push({v - s.base_csi, c, a, 0});
  }
  std::size_t step = 0;
  while (!queue.empty()) {
    Entry top = queue.top();
    queue.pop();
    if (in[top.action]) continue;
    auto group = group_of(top.action, top.cost);
    if (current_cost + top.cost > s.limit) continue;
    if (top.step != step) {
      std::vector<std::uint32_t> set(current);
      set.insert(set.end(), group.begin(), group.end());
      top.gain = s.joint(set).value_or(0.0) - current_csi;
      top.step = step;
      if (!(top.gain > s.options.tie_tolerance)) continue;
      if (!queue.empty() && worse(top, queue.top())) {
        queue.push(top);
        continue;
      }
    }
    for (auto g : group) in[g] = 1, current.push_back(g);
    current_cost += top.cost;
    current_csi += top.gain;
    ++step;
  }
  const double greedy_csi = s.joint(current).value_or(0.0);
  if (!single.empty() && single_csi > greedy_csi + s.options.tie_tolerance) return single;
  return current;
}

}  // namespace

const Plan &find_plan(const Model &model, std::string_view id) {
  for (const auto &p : model.plans)
    if (p.id == id) return p;
  std::vector<std::string> known;
  for (const auto &p : model.plans) known.push_back(p.id);
  throw ArgumentError("no plan \"" + std::string(id) + "\" in the model" +
                      (known.empty() ? std::string(" (it has no plans)") : " (plans: " + joined(known) + ")"));
}

std::optional<double> predicted_csi(const Model &model, const Plan &plan, std::span<const std::uint32_t> actions,
                                    PropagationModel propagation, bool morale_cap) {
  JointCsi joint(model, plan, propagation, morale_cap);
  return joint(actions);
}

std::vector<ActionGain> predicted_gains(const Model &model, const Plan &plan, PropagationModel propagation,
                                        bool morale_cap, Convergence *convergence, const PropagationOptions &solver) {
  JointCsi joint(model, plan, propagation, morale_cap, solver);
  auto now = joint({});
  std::vector<ActionGain> gains;
  for (std::uint32_t a = 0; a < plan.actions.size(); ++a) {
    if (plan.actions[a].stage == Stage::done) continue;
    auto with = joint(std::span<const std::uint32_t>(&a, 1));
    auto gain = now && with ? std::optional<double>(*with - *now) : std::nullopt;
    gains.push_back({plan.actions[a].id, gain, std::nullopt});
    if (gain == 0.0) gains.back().reason = joint.zero_gain_reason(std::span<const std::uint32_t>(&a, 1));
  }
  if (convergence) convergence->merge(joint.convergence);
  return gains;
}

PlanSelection select_actions(const Model &model, const Plan &plan, const SelectionOptions &options) {
  PlanSelection out;
  out.budget = options.budget.value_or(plan.budget);
  if (!(out.budget >= 0) || !std::isfinite(out.budget)) throw ArgumentError("the budget must be a finite number >= 0");
  Search s{plan, options, predecessors(plan), out.budget + cost_slack(out.budget), JointCsi(model, plan, options.propagation, options.morale_cap, options.solver), {}, 0, 0, {}, {}};
  const auto forced = forced_actions(plan, s.preds);
  for (std::uint32_t a = 0; a < s.size(); ++a)
    if (forced[a]) s.base.push_back(a), s.base_cost += s.cost(a);
  out.csi_before = s.joint({});
  for (std::uint32_t a = 0; a < s.size(); ++a) out.candidates += plan.actions[a].stage == Stage::plan && !forced[a];

  std::vector<std::uint32_t> chosen = s.base;
  if (s.base_cost > s.limit) {
    out.over_budget = true;
    out.method = out.candidates <= options.exact_limit ? "exact" : "greedy";
    logger()->warn("plan: the committed actions alone exceed the budget");
  } else {
    s.base_csi = s.joint(s.base).value_or(0.0);
    order_candidates(s, forced);
    std::optional<std::vector<std::uint32_t>> exact;
    if (s.order.size() <= std::min<std::size_t>(options.exact_limit, 63)) {
      exact = exact_search(s);
      out.exact_stopped = !exact;
      if (!exact)
        logger()->warn("plan: the exact search stopped at {} evaluations; the greedy heuristic decides",
                       options.exact_max_evaluations);
    }
    out.method = exact ? "exact" : "greedy";
    chosen = exact ? std::move(*exact) : greedy_search(s);
  }
  out.cost = s.total_cost(chosen);
  out.csi_after = s.joint(chosen);
  for (auto a : chosen) out.selected.push_back(plan.actions[a].id);
  if (!chosen.empty() && out.csi_after && out.csi_after == out.csi_before) out.reason = s.joint.zero_gain_reason(chosen);
  std::sort(out.selected.begin(), out.selected.end());
  out.evaluations = s.joint.evaluations;
  out.convergence = std::move(s.joint.convergence);
  out.convergence.name(model);
  return out;
}

Schedule schedule_plan(const Plan &plan) {
  const auto preds = predecessors(plan);
  const std::size_t n = plan.actions.size();
  std::vector<std::int64_t> local(n, -1);
  std::vector<std::uint32_t> open;  // actions not done, plan order
  for (std::uint32_t a = 0; a < n; ++a)
    if (plan.actions[a].stage != Stage::done) local[a] = static_cast<std::int64_t>(open.size()), open.push_back(a);
  const std::size_t m = open.size();
  for (std::uint32_t a = 0; a < n; ++a)
    for (const auto &id : plan.actions[a].after)
      if (id == plan.actions[a].id && local[a] >= 0)
        throw InputError("plan \"" + plan.id + "\": action " + id + " waits for itself");
  std::vector<std::vector<std::uint32_t>> in(m), out(m);
  for (std::size_t i = 0; i < m; ++i)
    for (auto p : preds[open[i]])
      if (local[p] >= 0) in[i].push_back(static_cast<std::uint32_t>(local[p])), out[local[p]].push_back(static_cast<std::uint32_t>(i));
  // Kahn's algorithm; what remains afterwards lies on or behind a cycle.
  std::vector<std::size_t> waiting(m);
  std::vector<std::uint32_t> topo;
  for (std::size_t i = 0; i < m; ++i)
    if ((waiting[i] = in[i].size()) == 0) topo.push_back(static_cast<std::uint32_t>(i));
  for (std::size_t h = 0; h < topo.size(); ++h)
    for (auto j : out[topo[h]])
      if (--waiting[j] == 0) topo.push_back(j);
  if (topo.size() != m) {
    std::vector<std::uint32_t> offsets(m + 1, 0), targets;
    for (std::size_t i = 0; i < m; ++i) {
      targets.insert(targets.end(), out[i].begin(), out[i].end());
      offsets[i + 1] = static_cast<std::uint32_t>(targets.size());
    }
    auto scc = strongly_connected_components(offsets, targets);
    std::vector<std::size_t> size(scc.count, 0);
    for (auto c : scc.component) ++size[c];
    std::vector<std::string> ids;
    for (std::size_t i = 0; i < m; ++i)
      if (size[scc.component[i]] > 1) ids.push_back(plan.actions[open[i]].id);
    throw InputError("plan \"" + plan.id + "\": actions " + joined(ids) + " wait for each other in a cycle");
  }
  Schedule out_schedule;
  auto &rows = out_schedule.actions;
  rows.resize(m);
  for (std::size_t i = 0; i < m; ++i) rows[i].id = plan.actions[open[i]].id;
  auto duration = [&](std::size_t i) { return plan.actions[open[i]].duration_days; };
  for (auto i : topo) {
    double es = 0;
    for (auto p : in[i]) es = std::max(es, rows[p].ef);
    rows[i].es = es;
    rows[i].ef = es + duration(i);
    out_schedule.duration = std::max(out_schedule.duration, rows[i].ef);
  }
  // Fractional durations: a slack within rounding noise of 0 is 0, and then the
  // action's latest times are its earliest ones, which its predecessors see.
  const double noise = 1e-9 * std::max(1.0, out_schedule.duration);
  for (auto it = topo.rbegin(); it != topo.rend(); ++it) {
    auto i = *it;
    double lf = out_schedule.duration;
    for (auto s : out[i]) lf = std::min(lf, rows[s].ls);
    rows[i].lf = lf;
    rows[i].ls = lf - duration(i);
    rows[i].slack = rows[i].ls - rows[i].es;
    if (std::fabs(rows[i].slack) <= noise) {
      rows[i].slack = 0;
      rows[i].ls = rows[i].es;
      rows[i].lf = rows[i].ef;
    }
  }
  std::vector<std::size_t> critical;
  for (std::size_t i = 0; i < m; ++i)
    if (rows[i].slack == 0) critical.push_back(i);
  std::sort(critical.begin(), critical.end(), [&](std::size_t a, std::size_t b) {
    return rows[a].es != rows[b].es ? rows[a].es < rows[b].es : rows[a].id < rows[b].id;
  });
  for (auto i : critical) out_schedule.critical_path.push_back(rows[i].id);
  return out_schedule;
}

PlanProgress plan_progress(const Plan &plan, std::string_view as_of) {
  if (!is_iso_date(as_of)) throw ArgumentError("the date \"" + std::string(as_of) + "\" is not a date YYYY-MM-DD");
  PlanProgress progress;
  for (const auto &a : plan.actions) {
    ++progress.by_stage[static_cast<std::size_t>(a.stage)];
    // ISO dates compare as strings.
    if (a.stage != Stage::done && a.due && *a.due < as_of) progress.overdue.push_back(a.id);
  }
  std::sort(progress.overdue.begin(), progress.overdue.end());
  return progress;
}

// --- report -------------------------------------------------------------------


std::string today_utc() {
  std::time_t now = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&now, &tm);
  char buffer[16];
  std::strftime(buffer, sizeof buffer, "%Y-%m-%d", &tm);
  return buffer;
}

std::string plan_data_date(const Plan &plan) {
  if (plan.start && is_iso_date(*plan.start)) return *plan.start;
  std::string latest;
  for (const auto &a : plan.actions)
    if (a.due && is_iso_date(*a.due) && *a.due > latest) latest = *a.due;
  return latest;
}

PlanReport plan_report(const Model &model, const PlanReportOptions &options) {
  PlanReport r;
  r.plan = &find_plan(model, options.plan);
  r.propagation = options.propagation;
  r.as_of = options.as_of.empty() ? plan_data_date(*r.plan) : options.as_of;
  if (r.as_of.empty()) r.as_of = today_utc();
  r.schedule = schedule_plan(*r.plan);
  r.progress = plan_progress(*r.plan, r.as_of);
  r.gains = predicted_gains(model, *r.plan, options.propagation, options.morale_cap, &r.convergence, options.solver);
  SelectionOptions selection;
  selection.budget = options.budget;
  selection.propagation = options.propagation;
  selection.solver = options.solver;
  selection.morale_cap = options.morale_cap;
  r.selection = select_actions(model, *r.plan, selection);
  r.convergence.merge(r.selection.convergence);
  r.convergence.name(model);
  return r;
}

std::string to_json(const PlanReport &r) {
  std::string out;
  JsonWriter w(out);
  const auto &s = r.selection;
  w.begin_object().field("plan", r.plan->id).field("model", to_string(r.propagation)).field("budget", s.budget);
  w.key("selected").begin_array();
  for (const auto &id : s.selected) w.value(id);
  w.end_array();
  w.field("cost", s.cost).field("csi_before", s.csi_before).field("csi_after", s.csi_after);
  w.key("reason");
  if (s.reason) w.value(to_string(*s.reason));
  else w.null();
  w.field("method", s.method);
  w.field("candidates", static_cast<std::uint64_t>(s.candidates)).field("over_budget", s.over_budget);
  if (s.exact_stopped) w.field("exact_stopped", true);
  w.key("gains").begin_array();
  for (const auto &g : r.gains) {
    w.begin_object().field("id", g.id).field("gain", g.gain).key("reason");
    if (g.reason) w.value(to_string(*g.reason));
    else w.null();
    w.end_object();
  }
  w.end_array();
  w.key("schedule").begin_array();
  for (const auto &a : r.schedule.actions)
    w.begin_object().field("id", a.id).field("es", a.es).field("ef", a.ef).field("ls", a.ls).field("lf", a.lf)
        .field("slack", a.slack).end_object();
  w.end_array();
  w.field("duration", r.schedule.duration);
  w.key("critical_path").begin_array();
  for (const auto &id : r.schedule.critical_path) w.value(id);
  w.end_array();
  w.key("progress").begin_object();
  for (std::size_t k = 0; k < r.progress.by_stage.size(); ++k)
    w.field(to_string(static_cast<Stage>(k)), static_cast<std::uint64_t>(r.progress.by_stage[k]));
  w.end_object();
  w.field("as_of", r.as_of);
  w.key("overdue").begin_array();
  for (const auto &id : r.progress.overdue) w.value(id);
  w.end_array();
  write_convergence(w, r.convergence);
  w.end_object();
  out.push_back('\n');
  return out;
}

}  // namespace servicechain
