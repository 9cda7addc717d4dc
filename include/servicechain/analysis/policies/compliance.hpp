#pragma once
// Policies, norms and standards of service (§4.7): every standard's metric is
// evaluated for every entity in its scope and compared with its target.
// docs/policies.md lists the metrics, the scopes and the JSON keys.
#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "servicechain/analysis/chain/convergence.hpp"
#include "servicechain/analysis/chain/propagation.hpp"
#include "servicechain/analysis/survey/common.hpp"
#include "servicechain/io/csv.hpp"
#include "servicechain/model.hpp"

namespace servicechain {

class JsonWriter;

/// A survey file the survey.* metrics read. `open` returns a fresh reader each
/// time (a metric with a scope streams the file again with a row filter), so a
/// file on disk and CSV text in memory work alike.
struct SurveyInput {
  std::string name;  ///< the file name or the name given to the text, for messages
  std::function<CsvReader()> open;  ///< returns a new reader at the first record
};
/// A survey file on disk.
SurveyInput survey_file(const std::string &path, const CsvOptions &options = {});
/// CSV text held in memory (copied).
SurveyInput survey_text(std::string text, std::string name, const CsvOptions &options = {});

/// One unit's value from an internal customer survey (§4.12).
struct InternalSurveyValue {
  std::string unit;  ///< unit id
  std::optional<double> value;  ///< null when suppressed (or undefined)
  bool suppressed = false;  ///< fewer rows than the privacy minimum: not evaluated
};

/// What the unit.enps and unit.survey_internal_rating metrics read: per-unit
/// results of an internal customer survey (§4.12, `survey internal`). Units
/// without rows are simply absent (their value is null, not counted).
struct InternalSurveyMeasures {
  std::string name;  ///< the survey's file name (entity messages)
  std::vector<InternalSurveyValue> enps;  ///< per respondent unit: eNPS (−100–100)
  std::vector<InternalSurveyValue> internal_rating;  ///< per supplier unit: mean mapped rating (0–1)
};

/// Options of check_policies().
struct ComplianceOptions {
  PropagationModel model = PropagationModel::linear;  ///< for unit.delivered_quality, moment, segment, CSI
  PropagationOptions solver;  ///< solver settings of the propagation
  bool morale_cap = true;  ///< §2: unit.quality is min(quality, morale ceiling); false: --no-morale-cap
  double fidelity = 0.9;  ///< f of unit.message_fidelity (§4.3)
  /// Results of an internal customer survey; when not set, the first of
  /// `surveys` with the columns respondent_unit and supplier_unit gives them
  /// (internal_survey() with internal_min_group and `model`); without either,
  /// unit.enps and unit.survey_internal_rating are reported as not evaluated.
  std::optional<InternalSurveyMeasures> internal_survey;
  /// Privacy minimum of an internal survey read from `surveys`.
  std::size_t internal_min_group = 5;
  /// Survey files; each survey.* metric uses the first file that has its columns.
  /// Without any, survey metrics are reported as not evaluated.
  std::vector<SurveyInput> surveys;
  Scale servqual_scale{1, 7};  ///< answer scale of SERVQUAL files
  Scale ipa_scale{1, 5};  ///< answer scale of IPA files
};

/// What a metric is measured on.
enum class EntityKind : std::uint8_t { unit, person, manager, moment, segment, organization, survey };
/// "unit", "person", "manager", "moment", "segment", "organization" or "survey".
std::string_view to_string(EntityKind kind);

/// A metric a standard may name.
struct MetricInfo {
  std::string_view name;  ///< the metric's name ("unit.delivered_quality", ...)
  EntityKind entity;  ///< what it is measured on
  std::string_view description;  ///< one line for help texts
};
/// Every metric a standard may name, in the order of known_metrics() (validate.hpp),
/// which stays the single list of names.
const std::vector<MetricInfo> &metric_catalogue();

/// One entity measured against a standard.
struct EntityCheck {
  EntityKind kind = EntityKind::unit;  ///< what the entity is
  std::string id;  ///< its id (empty for the organization)
  std::optional<double> value;  ///< null: undefined for this entity (not counted)
  std::optional<bool> pass;     ///< null when value is null (except customer_distance: null = unreachable, +∞)
};

/// Whether a standard could be measured (survey metrics need a survey).
enum class StandardStatus : std::uint8_t { evaluated, not_evaluated };

/// The outcome of one standard.
struct StandardResult {
  std::string id;  ///< standard id
  std::string metric;  ///< the metric it names
  Scope scope;  ///< the entities it applies to
  Comparison op = Comparison::greater_equal;  ///< its comparison
  double target = 0;  ///< its target
  StandardStatus status = StandardStatus::evaluated;  ///< evaluated or not
  std::string reason;  ///< why not evaluated
  std::vector<EntityCheck> entities;  ///< one check per entity in scope
  std::size_t passed = 0;  ///< checks passed
  std::size_t failed = 0;  ///< checks failed
  std::optional<double> compliance;  ///< passed / (passed + failed); null when nothing was checked
};

/// The outcome of one policy: its standards and totals.
struct PolicyResult {
  std::string id;  ///< policy id
  std::string statement;  ///< the policy's statement
  std::vector<StandardResult> standards;  ///< one result per standard, model order
  std::size_t passed = 0;  ///< entity checks over its evaluated standards
  std::size_t failed = 0;  ///< entity checks over its evaluated standards
  std::optional<double> compliance;    ///< passed / (passed + failed)
  std::size_t standards_met = 0;       ///< evaluated standards with no failed check (and at least one check)
  std::size_t standards_evaluated = 0;  ///< standards that could be measured
};

/// Result of check_policies(): every policy and the overall totals.
struct ComplianceResult {
  std::vector<PolicyResult> policies;  ///< model order
  std::size_t passed = 0;  ///< entity checks passed over all evaluated standards
  std::size_t failed = 0;  ///< entity checks failed over all evaluated standards
  std::optional<double> compliance;  ///< passed / (passed + failed); null when nothing was checked
  std::size_t standards = 0;  ///< standards in all policies
  std::size_t standards_met = 0;  ///< evaluated standards with no failed check (and at least one)
  std::size_t standards_not_evaluated = 0;  ///< standards that could not be measured
  Convergence convergence;  ///< whether the propagation behind the chain metrics met the residual bound
};

/// Evaluates every policy of a valid model. Survey files that are malformed
/// throw ParseError (file:line:column), as the survey commands do.
ComplianceResult check_policies(const Model &model, const ComplianceOptions &options = {});

/// `value op target`; "==" within 1e-9·max(1, |target|).
bool compare(double value, Comparison op, double target);

/// Writes the JSON of `servicechain check --json` (docs/policies.md).
void write_json(JsonWriter &w, const ComplianceResult &result);

}  // namespace servicechain
