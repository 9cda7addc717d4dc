#include "servicechain/analysis/mining/social.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

#include "analysis/mining/hashing.hpp"
#include "util/quoted.hpp"
#include "servicechain/error.hpp"

namespace servicechain {

using mining_detail::PairMap;

namespace {

/// Accumulates handover sums and working-together counts case by case, keyed
/// by resource ids in order of first appearance. Both tables are bounded by
/// `max_pairs` (MiningRequest), and no case is ever expanded into its O(n^2)
/// event pairs: with beta > 0 a case costs O(events x its resources).
class Accumulator final : public CaseVisitor {
 public:
  Accumulator(const MiningRequest &request, std::string source) : request_(request), source_(std::move(source)) {}

  void on_case(const Trace &trace) override {
    const std::size_t n = trace.events.size();
    if (n == 0) return;
    if (request_.handover) {
      denominator_ += n - 1;
      const Event *e = trace.events.data();
      if (request_.beta == 0) {
        for (std::size_t i = 0; i + 1 < n; ++i) add(handover_, e[i].resource, e[i + 1].resource, 1, trace);
      } else {
        weighted_handovers(trace);
      }
    }
    if (request_.together) {
      distinct_.clear();
      for (const Event &e : trace.events) distinct_.push_back(e.resource);
      std::sort(distinct_.begin(), distinct_.end());
      distinct_.erase(std::unique(distinct_.begin(), distinct_.end()), distinct_.end());
      check_case_pairs(distinct_.size(), trace);
      for (std::size_t i = 0; i < distinct_.size(); ++i)
        for (std::size_t j = i + 1; j < distinct_.size(); ++j) add(together_, distinct_[i], distinct_[j], 1, trace);
    }
  }

  void restart() override {
    handover_.clear();
    together_.clear();
    denominator_ = 0;
  }

  MiningResult result(const EventLogSummary &summary) const {
    MiningResult r;
    r.cases = summary.cases;
    r.events = summary.events;
    r.grouped = summary.grouped;
    r.beta = request_.beta;
    // Rank of each resource id in byte order of names.
    const auto &names = summary.resources.names();
    std::vector<std::uint32_t> by_name(names.size());
    std::iota(by_name.begin(), by_name.end(), 0u);
    std::sort(by_name.begin(), by_name.end(), [&](std::uint32_t a, std::uint32_t b) { return names[a] < names[b]; });
    std::vector<std::uint32_t> rank(names.size());
    for (std::uint32_t i = 0; i < by_name.size(); ++i) rank[by_name[i]] = i;
    r.resources.reserve(names.size());
    for (std::uint32_t id : by_name) r.resources.push_back(names[id]);

    auto by_pair = [](const ResourcePair &a, const ResourcePair &b) { return a.from != b.from ? a.from < b.from : a.to < b.to; };
    if (request_.handover) {
      const double d = static_cast<double>(denominator_);
      handover_.for_each([&](std::uint32_t from, std::uint32_t to, double sum) {
        if (sum != 0) r.handover.push_back({rank[from], rank[to], sum / d});
      });
      std::sort(r.handover.begin(), r.handover.end(), by_pair);
    }
    if (request_.together && summary.cases > 0) {
      const double n = static_cast<double>(summary.cases);
      together_.for_each([&](std::uint32_t a, std::uint32_t b, double count) {
        r.together.push_back({rank[a], rank[b], count / n});
        r.together.push_back({rank[b], rank[a], count / n});
      });
      std::sort(r.together.begin(), r.together.end(), by_pair);
    }
    return r;
  }

 private:
  /// table[(from, to)] += value; LimitError when a new pair passes max_pairs.
  void add(PairMap &table, std::uint32_t from, std::uint32_t to, double value, const Trace &trace) {
    table[PairMap::key(from, to)] += value;
    if (table.size() > request_.max_pairs) {
      std::string message = source_;
      message.append(": case ").append(detail::quoted(trace.case_id)).append(": more than ");
      message.append(std::to_string(request_.max_pairs)).append(" distinct resource pairs, the limit (--max-pairs)");
      throw LimitError(message);
    }
  }

  /// A case of k distinct resources makes k(k-1)/2 pairs (working together; and
  /// with beta > 0, at least as many handovers): refused before any work when
  /// that alone passes max_pairs.
  void check_case_pairs(std::size_t k, const Trace &trace) const {
    const double pairs = 0.5 * static_cast<double>(k) * static_cast<double>(k - 1);
    if (k < 2 || pairs <= static_cast<double>(request_.max_pairs)) return;
    std::string message = source_;
    message.append(": case ").append(detail::quoted(trace.case_id)).append(" has ").append(std::to_string(k));
    message.append(" resources, up to ").append(std::to_string(static_cast<std::uint64_t>(pairs)));
    message.append(" resource pairs: over the limit of ").append(std::to_string(request_.max_pairs));
    message.append(" (--max-pairs)");
    throw LimitError(message);
  }

  /// beta > 0: r_i -> r_j gets beta^(j-i-1) for every i < j. Rather than visit
  /// every (i, j), keep per resource a the sum S_a of beta^(j-i-1) over its
  /// earlier events i; event j (resource b) adds S_a to (a, b) for every a, then
  /// every S_a is multiplied by beta and S_b grows by 1. Sums go to a dense
  /// k x k table of the case's own resources (k(k-1)/2 <= max_pairs keeps it
  /// small), then to the log's table.
  void weighted_handovers(const Trace &trace) {
    local_.clear();
    std::size_t k = 0;
    for (const Event &e : trace.events) {
      if (e.resource >= local_of_.size()) local_of_.resize(std::size_t{e.resource} + 1, unseen);
      if (local_of_[e.resource] == unseen) {
        local_of_[e.resource] = static_cast<std::uint32_t>(k++);
        local_.push_back(e.resource);
      }
    }
    const auto forget_case = [&] {
      for (std::uint32_t r : local_) local_of_[r] = unseen;
    };
    try {
      check_case_pairs(k, trace);
    } catch (...) {
      forget_case();
      throw;
    }
    sums_.assign(k, 0.0);
    case_table_.assign(k * k, 0.0);
    std::size_t seen = 0;  // resources met so far: local ids 0 .. seen-1
    const double beta = request_.beta;
    for (const Event &e : trace.events) {
      const std::uint32_t b = local_of_[e.resource];
      double *to_b = case_table_.data() + std::size_t{b} * k;
      for (std::size_t a = 0; a < seen; ++a) {
        to_b[a] += sums_[a];
        sums_[a] *= beta;
      }
      sums_[b] += 1;
      seen = std::max<std::size_t>(seen, std::size_t{b} + 1);
    }
    forget_case();
    for (std::size_t b = 0; b < k; ++b)
      for (std::size_t a = 0; a < k; ++a)
        if (double sum = case_table_[b * k + a]; sum != 0) add(handover_, local_[a], local_[b], sum, trace);
  }

  static constexpr std::uint32_t unseen = UINT32_MAX;
  MiningRequest request_;
  std::string source_;
  PairMap handover_, together_;
  std::uint64_t denominator_ = 0;
  std::vector<std::uint32_t> distinct_;
  std::vector<std::uint32_t> local_of_;  // resource id -> local id in the current case (unseen outside it)
  std::vector<std::uint32_t> local_;     // local id -> resource id
  std::vector<double> sums_, case_table_;
};

}  // namespace

MiningResult mine_event_log(const EventLogSource &source, const MiningRequest &request, const EventLogOptions &options) {
  if (!(request.beta >= 0 && request.beta <= 1))
    throw ArgumentError("beta must be between 0 and 1, got " + std::to_string(request.beta));
  if (request.max_pairs == 0) throw ArgumentError("max_pairs must be at least 1");
  Accumulator accumulator(request, source.name());
  EventLogSummary summary = read_event_log(source, options, accumulator);
  return accumulator.result(summary);
}

SocialNetwork handover_of_work(const EventLogSource &source, double beta, const EventLogOptions &options) {
  MiningRequest request;
  request.beta = beta;
  return mine_event_log(source, request, options).handover_network();
}

SocialNetwork working_together(const EventLogSource &source, const EventLogOptions &options) {
  MiningRequest request;
  request.handover = false;
  request.together = true;
  return mine_event_log(source, request, options).together_network();
}

namespace {
void write_pairs_json(JsonWriter &w, const MiningResult &r, std::string_view key, const std::vector<ResourcePair> &pairs,
                      std::optional<double> beta) {
  w.begin_object().field("cases", static_cast<std::uint64_t>(r.cases)).field("events", static_cast<std::uint64_t>(r.events));
  if (beta) w.field("beta", *beta);
  w.key("resources").begin_array();
  for (const auto &name : r.resources) w.value(name);
  w.end_array();
  w.key(key).begin_array();
  for (const auto &p : pairs)
    w.begin_object().field("from", r.resources[p.from]).field("to", r.resources[p.to]).field("value", p.value).end_object();
  w.end_array().end_object();
}
}  // namespace

void write_handover_json(JsonWriter &w, const MiningResult &result) {
  write_pairs_json(w, result, "handover", result.handover, result.beta);
}

void write_together_json(JsonWriter &w, const MiningResult &result) {
  write_pairs_json(w, result, "together", result.together, std::nullopt);
}

}  // namespace servicechain
