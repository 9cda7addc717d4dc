#pragma once
// The servicechain model: plain value types for an organization, its internal
// customer chain and everything the analyses read. File format: docs/model-format.md.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

/// Service-quality modelling of the internal customer chain: the model, its
/// analyses, and reading and writing their data.
namespace servicechain {

/// The three organizational levels; each has its own part in service quality.
enum class Level : std::uint8_t { directive, managerial, operative };

/// "directive", "managerial" or "operative".
std::string_view to_string(Level level);
/// The level named exactly by `text` (the English names above); nullopt if none.
std::optional<Level> parse_level(std::string_view text);

/// User data under "x-..." keys, kept on round trip: key and its value as compact JSON text.
using Extensions = std::vector<std::pair<std::string, std::string>>;

/// competency id -> level (0-5) or weight; file order is kept.
using CompetencyMap = std::vector<std::pair<std::string, double>>;

/// Value of `key` in a CompetencyMap, or nullopt.
std::optional<double> find_value(const CompetencyMap &map, std::string_view key);

/// The organization the model describes.
struct Organization {
  std::string id;  ///< identifier of the organization
  std::string name;  ///< display name
  Extensions extensions;  ///< "x-" keys of the organization object
  bool operator==(const Organization &) const = default;
};

/// A team, department, or a single person's role.
struct Unit {
  std::string id;  ///< unique unit id, referenced by services, positions, people and moments
  std::string name;  ///< display name
  std::optional<std::string> parent;  ///< unit id; nullopt for a root
  Level level = Level::operative;  ///< organizational level of the unit
  std::optional<double> quality;      ///< intrinsic quality s in [0,1] when known
  Extensions extensions;  ///< "x-" keys of the unit
  bool operator==(const Unit &) const = default;
};

/// An entry of the competency catalogue (levels 0–5).
struct Competency {
  std::string id;  ///< unique competency id
  std::string name;  ///< display name
  Extensions extensions;  ///< "x-" keys of the competency
  bool operator==(const Competency &) const = default;
};

/// A job profile that several people may hold.
struct Position {
  std::string id;  ///< unique position id
  std::string title;  ///< job title
  std::string unit;  ///< id of the unit the position belongs to
  std::optional<Level> level;  ///< nullopt: the unit's level
  CompetencyMap requires_levels;  ///< "requires": competency -> 0-5
  CompetencyMap weights;          ///< competency -> weight > 0 (default 1)
  Extensions extensions;  ///< "x-" keys of the position
  bool operator==(const Position &) const = default;
};

/// A member of the organization, with the competencies they have shown.
struct Person {
  std::string id;  ///< unique person id
  std::string name;  ///< display name (personal data: never logged)
  std::string unit;  ///< id of the person's unit
  std::optional<std::string> position;  ///< position id; nullopt: none
  std::optional<std::string> manager;  ///< person id; nullopt at the top
  std::optional<double> morale;        ///< [0,1]; missing counts as 1
  CompetencyMap competencies;          ///< competency -> 0-5
  double customer_contacts_per_year = 0;  ///< direct contacts with external customers per year (≥ 0)
  double training_hours = 0;  ///< training received, hours (≥ 0)
  Extensions extensions;  ///< "x-" keys of the person
  bool operator==(const Person &) const = default;
};

/// An external customer segment.
struct Segment {
  std::string id;  ///< unique segment id
  std::string name;  ///< display name
  double size = 1;  ///< weight of the segment in the CSI (≥ 0, default 1)
  Extensions extensions;  ///< "x-" keys of the segment
  bool operator==(const Segment &) const = default;
};

/// `from` serves `to`: `weight` is the share of `to`'s delivered quality that
/// depends on this input; `rating` is how `to` rates it.
struct Service {
  std::string from;  ///< unit id of the provider
  std::string to;  ///< unit id of the internal customer
  std::string name;  ///< what is delivered
  double weight = 0;  ///< share of `to`'s delivered quality depending on this input, (0, 1]
  std::optional<double> rating;  ///< how `to` rates the service, [0, 1]; nullopt: not rated
  Extensions extensions;  ///< "x-" keys of the service
  bool operator==(const Service &) const = default;
};

/// A contact of a customer with the organization; ordered by `stage` they form
/// the segment's cycle of service.
struct MomentOfTruth {
  std::string id;  ///< unique moment id
  std::string name;  ///< display name
  std::string segment;  ///< id of the segment that lives it
  std::string owner;  ///< unit id
  std::int64_t stage = 0;  ///< position in the segment's cycle of service
  double importance = 1;  ///< weight within the segment (> 0, default 1)
  double volume = 0;  ///< encounters per period
  std::optional<std::string> channel;  ///< how the contact happens ("in person", "phone", ...); nullopt: not given
  Extensions extensions;  ///< "x-" keys of the moment
  bool operator==(const MomentOfTruth &) const = default;
};

/// What a standard applies to.
struct Scope {
  /// What kind of entity a scope names.
  enum class Kind : std::uint8_t { all, level, unit, segment, moment };
  Kind kind = Kind::all;  ///< all, or the kind of entity `id` names
  std::string id;  ///< empty for `all`
  bool operator==(const Scope &) const = default;
};

/// How a standard compares its metric with its target.
enum class Comparison : std::uint8_t { less, less_equal, greater, greater_equal, equal };
/// "<", "<=", ">", ">=" or "==".
std::string_view to_string(Comparison op);
/// The comparison written as `text` ("<", "<=", ...); nullopt if none.
std::optional<Comparison> parse_comparison(std::string_view text);

/// A measurable standard of a policy: `metric op target` over a scope.
struct Standard {
  std::string id;  ///< unique standard id
  std::string metric;  ///< e.g. "unit.delivered_quality" (docs/policies.md)
  Scope scope;  ///< the entities the standard applies to
  Comparison op = Comparison::greater_equal;  ///< how the metric is compared with the target
  double target = 0;  ///< the value to compare with
  Extensions extensions;  ///< "x-" keys of the standard
  bool operator==(const Standard &) const = default;
};

/// A service policy: a statement and the standards that make it measurable.
struct Policy {
  std::string id;  ///< unique policy id
  std::string statement;  ///< the policy as written
  std::vector<Standard> standards;  ///< its measurable standards
  Extensions extensions;  ///< "x-" keys of the policy
  bool operator==(const Policy &) const = default;
};

/// A training module for one level.
struct CurriculumModule {
  std::string id;  ///< unique module id
  std::string title;  ///< display title
  Level level = Level::operative;  ///< the level the module is taught to
  CompetencyMap raises;  ///< competency -> +levels
  double hours = 0;  ///< length per participant, hours
  double cost = 0;  ///< cost per participant
  Extensions extensions;  ///< "x-" keys of the module
  bool operator==(const CurriculumModule &) const = default;
};

/// Kind of an improvement action.
enum class ActionType : std::uint8_t { immediate, corrective, preventive, improvement };
/// Where an action stands in the plan-do-check-act cycle (`do_` is "do").
enum class Stage : std::uint8_t { plan, do_, check, act, done };
/// "immediate", "corrective", "preventive" or "improvement".
std::string_view to_string(ActionType type);
/// The action type named by `text`; nullopt if none.
std::optional<ActionType> parse_action_type(std::string_view text);
/// "plan", "do", "check", "act" or "done".
std::string_view to_string(Stage stage);
/// The stage named by `text`; nullopt if none.
std::optional<Stage> parse_stage(std::string_view text);

/// What an improvement action acts on: a unit or a person.
struct ActionTarget {
  /// Whether the target is a unit or a person.
  enum class Kind : std::uint8_t { unit, person };
  Kind kind = Kind::unit;  ///< unit or person
  std::string id;  ///< the unit or person id
  bool operator==(const ActionTarget &) const = default;
};

/// The predicted effect of an improvement action on its target.
struct ActionEffect {
  /// What the action raises.
  enum class Kind : std::uint8_t { quality, morale, competency };
  Kind kind = Kind::quality;  ///< quality (unit), morale (person) or one competency (person)
  double delta = 0;        ///< +quality, +morale, or +competency levels
  std::string competency;  ///< for Kind::competency
  bool operator==(const ActionEffect &) const = default;
};

/// One action of an improvement plan.
struct Action {
  std::string id;  ///< unique action id within the model
  std::string title;  ///< what is done
  ActionType type = ActionType::improvement;  ///< immediate, corrective, preventive or improvement
  Stage stage = Stage::plan;  ///< where it stands in the plan-do-check-act cycle
  ActionTarget target;  ///< the unit or person it acts on
  ActionEffect effect;  ///< its predicted effect on the target
  double cost = 0;  ///< cost (≥ 0)
  double duration_days = 0;  ///< duration in days (≥ 0)
  std::vector<std::string> after;  ///< action ids that must finish first
  std::optional<std::string> owner;  ///< person id
  std::optional<std::string> due;    ///< YYYY-MM-DD
  Extensions extensions;  ///< "x-" keys of the action
  bool operator==(const Action &) const = default;
};

/// An improvement plan (plan-do-check-act).
struct Plan {
  std::string id;  ///< unique plan id
  std::string name;  ///< display name
  std::optional<std::string> start;  ///< YYYY-MM-DD
  double budget = 0;  ///< money available for the plan's actions (≥ 0)
  std::vector<Action> actions;  ///< the plan's actions, file order
  Extensions extensions;  ///< "x-" keys of the plan
  bool operator==(const Plan &) const = default;
};

/// One statement of a maturity process, scored 1–5 by respondents.
struct MaturityItem {
  std::string id;  ///< unique item id
  std::string text;  ///< the statement respondents score
  Extensions extensions;  ///< "x-" keys of the item
  bool operator==(const MaturityItem &) const = default;
};

/// A culture process of the maturity model and its items.
struct MaturityProcess {
  std::string id;  ///< unique process id
  std::string name;  ///< display name
  std::vector<MaturityItem> items;  ///< the items scored for this process
  Extensions extensions;  ///< "x-" keys of the process
  bool operator==(const MaturityProcess &) const = default;
};

/// One respondent's scores of the maturity items.
struct MaturityResponse {
  std::string respondent;  ///< respondent id (may be anonymous)
  Level level = Level::operative;  ///< the respondent's organizational level
  std::vector<std::pair<std::string, double>> scores;  ///< item id -> 1-5
  Extensions extensions;  ///< "x-" keys of the response
  bool operator==(const MaturityResponse &) const = default;
};

/// Culture maturity assessment (§4.9). Without `processes` the bundled default applies.
struct Assessment {
  std::optional<std::vector<MaturityProcess>> processes;  ///< the maturity model; nullopt: the bundled one
  std::vector<MaturityResponse> responses;  ///< the respondents' scores
  Extensions extensions;  ///< "x-" keys of the assessment
  bool operator==(const Assessment &) const = default;
};

/// A whole organization. Lists keep file order; analyses report in this order.
struct Model {
  std::optional<Organization> organization;  ///< the organization; nullopt when the file has none
  std::vector<Unit> units;  ///< the units (teams, departments, roles)
  std::vector<Competency> competencies;  ///< the competency catalogue (may be empty)
  std::vector<Position> positions;  ///< the job profiles
  std::vector<Person> people;  ///< the people
  std::vector<Segment> segments;  ///< the external customer segments
  std::vector<Service> services;  ///< the internal services (the chain's edges)
  std::vector<MomentOfTruth> moments;  ///< the moments of truth ("moments_of_truth" in the file)
  std::vector<Policy> policies;  ///< service policies and their standards
  std::optional<std::vector<CurriculumModule>> curriculum;  ///< nullopt: bundled default
  std::vector<Plan> plans;  ///< improvement plans
  std::optional<Assessment> assessment;  ///< culture maturity assessment; nullopt when absent
  Extensions extensions;  ///< top-level "x-" keys
  bool operator==(const Model &) const = default;
};

/// The format tag every model file carries.
inline constexpr std::string_view model_format = "servicechain/1";

/// The library version ("0.1.0").
std::string_view version();

}  // namespace servicechain
