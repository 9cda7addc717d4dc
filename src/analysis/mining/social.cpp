#include "servicechain/analysis/mining/social.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

#include "analysis/mining/hashing.hpp"
#include "servicechain/error.hpp"

namespace servicechain {

using mining_detail::PairMap;

namespace {

/// Accumulates handover sums and working-together counts case by case, keyed
/// by resource ids in order of first appearance.
class Accumulator final : public CaseVisitor {
 public:
  explicit Accumulator(const MiningRequest &request) : request_(request) {}

  void on_case(const Trace &trace) override {
    const std::size_t n = trace.events.size();
    if (n == 0) return;
    if (request_.handover) {
      denominator_ += n - 1;
      const Event *e = trace.events.data();
      if (request_.beta == 0) {
        for (std::size_t i = 0; i + 1 < n; ++i) handover_[PairMap::key(e[i].resource, e[i + 1].resource)] += 1;
      } else {
        for (std::size_t i = 0; i + 1 < n; ++i) {
          double weight = 1;  // beta^(j-i-1)
          for (std::size_t j = i + 1; j < n && weight != 0; ++j) {
            handover_[PairMap::key(e[i].resource, e[j].resource)] += weight;
            weight *= request_.beta;
          }
        }
      }
    }
    if (request_.together) {
      distinct_.clear();
      for (const Event &e : trace.events) distinct_.push_back(e.resource);
      std::sort(distinct_.begin(), distinct_.end());
      distinct_.erase(std::unique(distinct_.begin(), distinct_.end()), distinct_.end());
      for (std::size_t i = 0; i < distinct_.size(); ++i)
        for (std::size_t j = i + 1; j < distinct_.size(); ++j) together_[PairMap::key(distinct_[i], distinct_[j])] += 1;
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
  MiningRequest request_;
  PairMap handover_, together_;
  std::uint64_t denominator_ = 0;
  std::vector<std::uint32_t> distinct_;
};

}  // namespace

MiningResult mine_event_log(const EventLogSource &source, const MiningRequest &request, const EventLogOptions &options) {
  if (!(request.beta >= 0 && request.beta <= 1))
    throw ArgumentError("beta must be between 0 and 1, got " + std::to_string(request.beta));
  Accumulator accumulator(request);
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
