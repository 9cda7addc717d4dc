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

namespace {
constexpr Level maturity_levels[3] = {Level::directive, Level::managerial, Level::operative};

void write_levels(JsonWriter &w, std::string_view key, const std::array<std::optional<double>, 3> &values) {
  w.key(key).begin_object();
  for (int l = 0; l < 3; ++l) w.field(to_string(maturity_levels[l]), values[l]);
  w.end_object();
}
}  // namespace

void write_json(JsonWriter &w, const MaturityResult &r) {
  w.begin_object().field("respondents", static_cast<std::uint64_t>(r.respondents));
  w.key("respondents_by_level").begin_object();
  for (int l = 0; l < 3; ++l) w.field(to_string(maturity_levels[l]), static_cast<std::uint64_t>(r.respondents_by_level[l]));
  w.end_object();
  w.field("score", r.score).field("index", r.index);
  write_levels(w, "level_score", r.level_score);
  write_levels(w, "level_index", r.level_index);
  w.field("gap", r.gap);
  w.key("weakest").begin_array();
  for (const auto &id : r.weakest) w.value(id);
  w.end_array();
  w.key("processes").begin_array();
  for (const auto &p : r.processes) {
    w.begin_object().field("id", p.id).field("name", p.name).field("scores", static_cast<std::uint64_t>(p.scores))
        .field("score", p.score).field("index", p.index);
    write_levels(w, "levels", p.by_level);
    w.field("gap", p.gap).end_object();
  }
  w.end_array().end_object();
}

}  // namespace servicechain
