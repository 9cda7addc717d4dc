#pragma once
// Training needs (§4.6): competency gaps of each person against their
// position, prioritized by the impact of their unit on the customer
// satisfaction index per head, mapped to curriculum modules of the person's
// level, with totals by level and a budget-limited plan. Definitions: docs/people.md.
#include <array>
#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "servicechain/bundled.hpp"
#include "servicechain/model.hpp"

namespace servicechain {

/// Options of training_needs().
struct TrainingOptions {
  std::optional<double> budget;  ///< nullopt: no limit
  Language language = Language::en;  ///< of the bundled curriculum, when the model has none
};

/// One competency a person lacks for their position.
struct TrainingNeed {
  std::string person;  ///< person id
  std::string unit;  ///< the person's unit id
  Level level = Level::operative;  ///< the person's level (position's, else unit's)
  std::string competency;  ///< competency id
  double required = 0;  ///< level the position requires
  double have = 0;  ///< level the person has (0 when not recorded)
  double gap = 0;       ///< required − have
  double weight = 1;    ///< the position's weight of the competency
  double need = 0;      ///< gap × weight
  double priority = 0;  ///< need × impact_unit / headcount_unit
  std::vector<std::string> modules;  ///< curriculum modules of the level that raise it (curriculum order)
};

/// One person attending one module.
struct Enrolment {
  std::string person;  ///< person id
  std::string module;  ///< curriculum module id
  Level level = Level::operative;  ///< the module's level
  double hours = 0;  ///< hours of the module per participant
  double cost = 0;  ///< cost of the module per participant
  double value = 0;  ///< Σ over the competencies it raises: min(raise, remaining gap) × weight × impact/headcount
  std::vector<std::string> competencies;  ///< the person's gaps it closes (at selection)
};

/// Totals of the training plan for one level.
struct LevelTraining {
  Level level = Level::operative;  ///< the level
  std::size_t people = 0;      ///< distinct people enrolled
  std::size_t enrolments = 0;  ///< (person, module) pairs in the plan
  double hours = 0;  ///< Σ over enrolments (hours per participant)
  double cost = 0;  ///< Σ over enrolments (hours per participant)
  /// modules taught at this level: id and number of participants (curriculum order)
  std::vector<std::pair<std::string, std::size_t>> modules;
};

/// A competency that positions of a level require but no curriculum module of
/// that level raises: training cannot close its gaps.
struct UncoveredCompetency {
  std::string competency;  ///< competency id
  Level level = Level::operative;  ///< the positions' level
  std::vector<std::string> positions;  ///< the positions of that level requiring it (model order)
};

/// Which (competency, level) pairs the positions require (req > 0, a position's
/// level is its own, else its unit's) that no module of `curriculum` of the same
/// level raises; by level (directive first), then competency in order of first
/// appearance in the positions.
std::vector<UncoveredCompetency> uncovered_competencies(const Model &model,
                                                        const std::vector<CurriculumModule> &curriculum);

/// Result of training_needs(): needs by priority, the plan, totals by level.
struct TrainingResult {
  std::optional<double> budget;  ///< the budget applied (nullopt: none)
  bool impact_given = false;         ///< false: every unit's impact counted as 1
  std::vector<TrainingNeed> needs;   ///< by priority (descending), then person and competency in model order
  std::size_t uncovered = 0;         ///< needs no module of the person's level raises
  /// uncovered_competencies() of the curriculum used, whether or not anyone has a gap in them
  std::vector<UncoveredCompetency> uncovered_competencies;
  std::vector<Enrolment> plan;       ///< selected, in the order chosen (value per cost, descending)
  std::array<LevelTraining, 3> by_level;  ///< directive, managerial, operative
  double hours = 0;  ///< of the plan
  double cost = 0;  ///< of the plan
  double value = 0;  ///< of the plan
  /// the same plan without a budget limit (equal to the plan when there is no budget)
  std::size_t full_enrolments = 0;
  double full_hours = 0;  ///< hours of the unlimited plan
  double full_cost = 0;  ///< cost of the unlimited plan
};

/// Training needs and plan. `impact` holds ∂CSI/∂s_u per unit in model order
/// (0 for an undefined one); pass an empty span to weigh every unit alike.
TrainingResult training_needs(const Model &model, std::span<const double> impact, const TrainingOptions &options = {});

}  // namespace servicechain
