#include "servicechain/analysis/people/maturity.hpp"

#include <algorithm>
#include <string_view>
#include <unordered_map>

namespace servicechain {
namespace {

struct Mean {
  double sum = 0;
  std::size_t n = 0;
  void add(double x) {
    sum += x;
    ++n;
  }
  std::optional<double> value() const {
    return n ? std::optional<double>(sum / static_cast<double>(n)) : std::nullopt;
  }
};

}  // namespace

double maturity_index(double mean_score) { return 100.0 * (mean_score - 1.0) / 4.0; }

MaturityResult assess_maturity(std::span<const MaturityProcess> processes, std::span<const MaturityResponse> responses,
                               const MaturityOptions &options) {
  std::unordered_map<std::string_view, std::size_t> process_of_item;
  for (std::size_t p = 0; p < processes.size(); ++p)
    for (const auto &item : processes[p].items) process_of_item.emplace(item.id, p);

  std::vector<Mean> all(processes.size());
  std::vector<std::array<Mean, 3>> per_level(processes.size());
  MaturityResult result;
  result.respondents = responses.size();
  for (const auto &response : responses) {
    const int l = static_cast<int>(response.level);
    ++result.respondents_by_level[l];
    for (const auto &[item, score] : response.scores) {
      auto it = process_of_item.find(item);
      if (it == process_of_item.end()) continue;
      all[it->second].add(score);
      per_level[it->second][l].add(score);
    }
  }

  Mean overall, gaps;
  std::array<Mean, 3> level_overall;
  result.processes.reserve(processes.size());
  for (std::size_t p = 0; p < processes.size(); ++p) {
    ProcessMaturity pm;
    pm.id = processes[p].id;
    pm.name = processes[p].name;
    pm.scores = all[p].n;
    pm.score = all[p].value();
    if (pm.score) {
      pm.index = maturity_index(*pm.score);
      overall.add(*pm.score);
    }
    for (int l = 0; l < 3; ++l) {
      pm.by_level[l] = per_level[p][l].value();
      if (pm.by_level[l]) level_overall[l].add(*pm.by_level[l]);
    }
    const int directive = static_cast<int>(Level::directive), operative = static_cast<int>(Level::operative);
    if (pm.by_level[directive] && pm.by_level[operative]) {
      pm.gap = *pm.by_level[directive] - *pm.by_level[operative];
      gaps.add(*pm.gap);
    }
    result.processes.push_back(std::move(pm));
  }
  result.score = overall.value();
  if (result.score) result.index = maturity_index(*result.score);
  for (int l = 0; l < 3; ++l) {
    result.level_score[l] = level_overall[l].value();
    if (result.level_score[l]) result.level_index[l] = maturity_index(*result.level_score[l]);
  }
  result.gap = gaps.value();

  std::vector<const ProcessMaturity *> scored;
  for (const auto &pm : result.processes)
    if (pm.score) scored.push_back(&pm);
  std::sort(scored.begin(), scored.end(), [](const ProcessMaturity *a, const ProcessMaturity *b) {
    return *a->score != *b->score ? *a->score < *b->score : a->id < b->id;
  });
  for (std::size_t i = 0; i < scored.size() && i < options.weakest; ++i) result.weakest.push_back(scored[i]->id);
  return result;
}

MaturityResult assess_maturity(const Model &model, const MaturityOptions &options) {
  const auto &processes = maturity_model_of(model, options.language);
  std::span<const MaturityResponse> responses;
  if (model.assessment) responses = model.assessment->responses;
  return assess_maturity(processes, responses, options);
}

}  // namespace servicechain
