#pragma once
// The servicechain model: plain value types for an organization, its internal
// customer chain and everything the analyses read. File format: docs/model-format.md.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace servicechain {

/// The three organizational levels; each has its own part in service quality.
enum class Level : std::uint8_t { directive, managerial, operative };

std::string_view to_string(Level level);
std::optional<Level> parse_level(std::string_view text);

/// User data under "x-..." keys, kept on round trip: key and its value as compact JSON text.
using Extensions = std::vector<std::pair<std::string, std::string>>;

/// competency id -> level (0-5) or weight; file order is kept.
using CompetencyMap = std::vector<std::pair<std::string, double>>;

/// Value of `key` in a CompetencyMap, or nullopt.
std::optional<double> find_value(const CompetencyMap &map, std::string_view key);

struct Organization {
  std::string id;
  std::string name;
  Extensions extensions;
  bool operator==(const Organization &) const = default;
};

/// A team, department, or a single person's role.
struct Unit {
  std::string id;
  std::string name;
  std::optional<std::string> parent;  ///< unit id; nullopt for a root
  Level level = Level::operative;
  std::optional<double> quality;      ///< intrinsic quality s in [0,1] when known
  Extensions extensions;
  bool operator==(const Unit &) const = default;
};

struct Competency {
  std::string id;
  std::string name;
  Extensions extensions;
  bool operator==(const Competency &) const = default;
};

/// A job profile that several people may hold.
struct Position {
  std::string id;
  std::string title;
  std::string unit;
  std::optional<Level> level;  ///< nullopt: the unit's level
  CompetencyMap requires_levels;  ///< "requires": competency -> 0-5
  CompetencyMap weights;          ///< competency -> weight > 0 (default 1)
  Extensions extensions;
  bool operator==(const Position &) const = default;
};

struct Person {
  std::string id;
  std::string name;
  std::string unit;
  std::optional<std::string> position;
  std::optional<std::string> manager;  ///< person id; nullopt at the top
  std::optional<double> morale;        ///< [0,1]; missing counts as 1
  CompetencyMap competencies;          ///< competency -> 0-5
  double customer_contacts_per_year = 0;
  double training_hours = 0;
  Extensions extensions;
  bool operator==(const Person &) const = default;
};

/// An external customer segment.
struct Segment {
  std::string id;
  std::string name;
  double size = 1;
  Extensions extensions;
  bool operator==(const Segment &) const = default;
};

/// `from` serves `to`: `weight` is the share of `to`'s delivered quality that
/// depends on this input; `rating` is how `to` rates it.
struct Service {
  std::string from;
  std::string to;
  std::string name;
  double weight = 0;
  std::optional<double> rating;
  Extensions extensions;
  bool operator==(const Service &) const = default;
};

/// A contact of a customer with the organization; ordered by `stage` they form
/// the segment's cycle of service.
struct MomentOfTruth {
  std::string id;
  std::string name;
  std::string segment;
  std::string owner;  ///< unit id
  std::int64_t stage = 0;
  double importance = 1;
  double volume = 0;  ///< encounters per period
  std::optional<std::string> channel;
  Extensions extensions;
  bool operator==(const MomentOfTruth &) const = default;
};

/// What a standard applies to.
struct Scope {
  enum class Kind : std::uint8_t { all, level, unit, segment, moment };
  Kind kind = Kind::all;
  std::string id;  ///< empty for `all`
  bool operator==(const Scope &) const = default;
};

enum class Comparison : std::uint8_t { less, less_equal, greater, greater_equal, equal };
std::string_view to_string(Comparison op);
std::optional<Comparison> parse_comparison(std::string_view text);

struct Standard {
  std::string id;
  std::string metric;  ///< e.g. "unit.delivered_quality" (docs/policies.md)
  Scope scope;
  Comparison op = Comparison::greater_equal;
  double target = 0;
  Extensions extensions;
  bool operator==(const Standard &) const = default;
};

struct Policy {
  std::string id;
  std::string statement;
  std::vector<Standard> standards;
  Extensions extensions;
  bool operator==(const Policy &) const = default;
};

/// A training module for one level.
struct CurriculumModule {
  std::string id;
  std::string title;
  Level level = Level::operative;
  CompetencyMap raises;  ///< competency -> +levels
  double hours = 0;
  double cost = 0;
  Extensions extensions;
  bool operator==(const CurriculumModule &) const = default;
};

enum class ActionType : std::uint8_t { immediate, corrective, preventive, improvement };
enum class Stage : std::uint8_t { plan, do_, check, act, done };
std::string_view to_string(ActionType type);
std::optional<ActionType> parse_action_type(std::string_view text);
std::string_view to_string(Stage stage);
std::optional<Stage> parse_stage(std::string_view text);

struct ActionTarget {
  enum class Kind : std::uint8_t { unit, person };
  Kind kind = Kind::unit;
  std::string id;
  bool operator==(const ActionTarget &) const = default;
};

struct ActionEffect {
  enum class Kind : std::uint8_t { quality, morale, competency };
  Kind kind = Kind::quality;
  double delta = 0;        ///< +quality, +morale, or +competency levels
  std::string competency;  ///< for Kind::competency
  bool operator==(const ActionEffect &) const = default;
};

struct Action {
  std::string id;
  std::string title;
  ActionType type = ActionType::improvement;
  Stage stage = Stage::plan;
  ActionTarget target;
  ActionEffect effect;
  double cost = 0;
  double duration_days = 0;
  std::vector<std::string> after;  ///< action ids that must finish first
  std::optional<std::string> owner;  ///< person id
  std::optional<std::string> due;    ///< YYYY-MM-DD
  Extensions extensions;
  bool operator==(const Action &) const = default;
};

/// An improvement plan (plan-do-check-act).
struct Plan {
  std::string id;
  std::string name;
  std::optional<std::string> start;  ///< YYYY-MM-DD
  double budget = 0;
  std::vector<Action> actions;
  Extensions extensions;
  bool operator==(const Plan &) const = default;
};

struct MaturityItem {
  std::string id;
  std::string text;
  bool operator==(const MaturityItem &) const = default;
};

struct MaturityProcess {
  std::string id;
  std::string name;
  std::vector<MaturityItem> items;
  bool operator==(const MaturityProcess &) const = default;
};

struct MaturityResponse {
  std::string respondent;
  Level level = Level::operative;
  std::vector<std::pair<std::string, double>> scores;  ///< item id -> 1-5
  bool operator==(const MaturityResponse &) const = default;
};

/// Culture maturity assessment (§4.9). Without `processes` the bundled default applies.
struct Assessment {
  std::optional<std::vector<MaturityProcess>> processes;
  std::vector<MaturityResponse> responses;
  Extensions extensions;
  bool operator==(const Assessment &) const = default;
};

/// A whole organization. Lists keep file order; analyses report in this order.
struct Model {
  std::optional<Organization> organization;
  std::vector<Unit> units;
  std::vector<Competency> competencies;
  std::vector<Position> positions;
  std::vector<Person> people;
  std::vector<Segment> segments;
  std::vector<Service> services;
  std::vector<MomentOfTruth> moments;
  std::vector<Policy> policies;
  std::optional<std::vector<CurriculumModule>> curriculum;  ///< nullopt: bundled default
  std::vector<Plan> plans;
  std::optional<Assessment> assessment;
  Extensions extensions;
  bool operator==(const Model &) const = default;
};

/// The format tag every model file carries.
inline constexpr std::string_view model_format = "servicechain/1";

/// The library version ("0.1.0").
std::string_view version();

}  // namespace servicechain
