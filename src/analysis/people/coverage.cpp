// Curriculum coverage: the competencies positions require at a level that no
// module of that level raises (docs/people.md, "Content coverage").
#include <array>
#include <string_view>
#include <unordered_map>

#include "servicechain/analysis/people/training.hpp"

namespace servicechain {

std::vector<UncoveredCompetency> uncovered_competencies(const Model &model,
                                                        const std::vector<CurriculumModule> &curriculum) {
  std::unordered_map<std::string_view, Level> unit_level;
  for (const auto &u : model.units) unit_level.emplace(u.id, u.level);
  // (level, competency) pairs the curriculum raises.
  std::array<std::unordered_map<std::string_view, bool>, 3> covered;
  for (const auto &module : curriculum)
    for (const auto &[competency, raise] : module.raises)
      if (raise > 0) covered[static_cast<int>(module.level)][competency] = true;
  // Per level: uncovered competencies in order of first appearance, with their positions.
  std::array<std::vector<UncoveredCompetency>, 3> found;
  std::array<std::unordered_map<std::string_view, std::size_t>, 3> slot;
  for (const auto &position : model.positions) {
    auto unit = unit_level.find(position.unit);
    if (!position.level && unit == unit_level.end()) continue;  // no level known (an invalid model)
    const Level level = position.level.value_or(unit == unit_level.end() ? Level::operative : unit->second);
    const int l = static_cast<int>(level);
    for (const auto &[competency, required] : position.requires_levels) {
      if (!(required > 0) || covered[l].contains(competency)) continue;
      auto [it, fresh] = slot[l].emplace(competency, found[l].size());
      if (fresh) found[l].push_back({competency, level, {}});
      auto &positions = found[l][it->second].positions;
      if (positions.empty() || positions.back() != position.id) positions.push_back(position.id);
    }
  }
  std::vector<UncoveredCompetency> result;
  for (auto &level : found)
    for (auto &u : level) result.push_back(std::move(u));
  return result;
}

}  // namespace servicechain
