#pragma once
// The culture roadmap (§4.14): from the culture maturity assessment (§4.9),
// the weak processes in the maturity model's order (each builds on those
// before), each with suggested actions per level from bundled content and the
// motivation levers of §1 that serve it; and the same roadmap written as an
// improvement plan (§4.8) that `plan` and `simulate` accept. Definitions:
// docs/roadmap.md.
#include <array>
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "servicechain/bundled.hpp"
#include "servicechain/model.hpp"

namespace servicechain {

class JsonWriter;

/// One of the six motivation levers of §1.
struct RoadmapLever {
  std::string id;    ///< e.g. "involvement"
  std::string name;  ///< display name in the content's language
};

/// A suggested action for one level, applied to every unit of that level.
struct RoadmapTemplate {
  std::string id;     ///< template id, unique in the content
  std::string title;  ///< what is done
  Level level = Level::operative;  ///< the level whose units carry it out
  ActionType type = ActionType::improvement;  ///< the action type it gets
  ActionEffect effect;  ///< its effect on each unit (quality) or on each person of the unit
  double cost = 0;  ///< default cost per unit
  double cost_per_person = 0;  ///< added per person of the unit
  double duration_days = 0;  ///< default duration
};

/// The content for one maturity process.
struct RoadmapProcessContent {
  std::string process;  ///< maturity process id
  bool lever = false;   ///< a lever of §1 rather than one of the seven processes (not part of the sequence)
  std::vector<std::string> levers;  ///< ids of the levers that serve it
  std::vector<RoadmapTemplate> actions;  ///< templates, directive first
};

/// Roadmap content: the levers and, per maturity process, its levers and templates.
struct RoadmapContent {
  std::vector<RoadmapLever> levers;  ///< the six levers of §1
  std::vector<RoadmapProcessContent> processes;  ///< in the bundled maturity model's order
};

/// The bundled roadmap content (data/roadmap.en.json or data/roadmap.es.json), parsed once.
const RoadmapContent &default_roadmap_content(Language language = Language::en);

/// Options of culture_roadmap().
struct RoadmapOptions {
  double threshold = 3.0;      ///< weak when the mean of the process's items is below this
  double gap_threshold = 1.0;  ///< weak when |directive − operative| is at least this (both answered)
  std::string plan_id = "roadmap";  ///< id of the plan roadmap_plan() writes; its actions' ids derive from it
  Language language = Language::en;  ///< of the bundled maturity model and roadmap content
};

/// One unit's action of a template.
struct RoadmapUnitAction {
  std::string unit;    ///< unit id
  std::string action;  ///< the action's id in the roadmap plan
  std::size_t people = 0;  ///< headcount of the unit
  double cost = 0;     ///< cost + cost_per_person × people
};

/// A template applied to the units of its level.
struct RoadmapStep {
  RoadmapTemplate action;  ///< the template
  std::vector<RoadmapUnitAction> units;  ///< units of the template's level, model order
  /// Why it has no actions: "no_units" (no unit of its level) or
  /// "unknown_competency" (its competency is not in the model's catalogue); nullopt otherwise.
  std::optional<std::string> skipped;
};

/// A weak process and what to do about it.
struct RoadmapProcess {
  std::string id;    ///< process id
  std::string name;  ///< process name
  std::string kind;  ///< "process" (one of the seven), "lever", or "other" (no bundled content)
  std::optional<double> score;  ///< mean of all its item scores
  std::array<std::optional<double>, 3> by_level;  ///< mean per level (directive, managerial, operative)
  std::optional<double> gap;  ///< directive − operative
  bool low_score = false;  ///< score < threshold
  bool level_gap = false;  ///< |gap| ≥ gap threshold
  std::vector<RoadmapLever> levers;  ///< the levers that serve it
  std::vector<RoadmapStep> actions;  ///< the content's templates, in content order
  /// The weak process before it in the sequence, whose actions its actions wait
  /// for; nullopt for the first, for a lever and for a process without content.
  std::optional<std::string> after;
};

/// Result of culture_roadmap().
struct RoadmapResult {
  double threshold = 3.0;  ///< the threshold used
  double gap_threshold = 1.0;  ///< the gap threshold used
  std::size_t respondents = 0;  ///< assessment responses
  std::size_t assessed = 0;  ///< processes with any score
  std::optional<double> index;  ///< overall maturity index (§4.9)
  std::string plan_id = "roadmap";  ///< the plan's id
  std::vector<RoadmapProcess> processes;  ///< the weak processes, maturity model order
  std::size_t actions = 0;  ///< Σ unit actions
  double cost = 0;  ///< Σ of their costs
};

/// The weak processes of the model's assessment and their suggested actions.
/// Processes of a model's own maturity model are matched to the bundled content
/// by id; one without content is listed with kind "other" and no actions. Action
/// ids are `<plan_id>.<template>.<unit>`, made unique against the model's
/// existing action ids with a suffix `~2`, `~3`.
RoadmapResult culture_roadmap(const Model &model, const RoadmapOptions &options = {});

/// Options of roadmap_plan().
struct RoadmapPlanOptions {
  std::string name;  ///< plan name; empty: "Culture roadmap" in the options' language
  std::string start;  ///< YYYY-MM-DD (required)
  std::optional<double> budget;  ///< nullopt: the roadmap's total cost
  Language language = Language::en;  ///< of the default name
};

/// The roadmap as a plan (§4.8), every action at stage `plan`: one per template
/// and unit of the template's level, with the template's type and effect, cost
/// `cost + cost_per_person × headcount`, the unit's head as owner (the first
/// person of the unit whose manager is outside it), and `after` = the actions
/// of the previous weak process of the sequence on the same unit or one of its
/// ancestors (docs/roadmap.md). Throws ArgumentError for a bad start date or budget.
Plan roadmap_plan(const Model &model, const RoadmapResult &roadmap, const RoadmapPlanOptions &options);

/// `model` plus roadmap_plan(); throws ArgumentError when the model already has
/// a plan with the roadmap's plan id.
Model with_roadmap_plan(Model model, const RoadmapResult &roadmap, const RoadmapPlanOptions &options);

/// Writes the result as the JSON object of `servicechain roadmap --json`.
void write_json(JsonWriter &w, const RoadmapResult &result);

}  // namespace servicechain
