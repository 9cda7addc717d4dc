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
  std::string name;
  std::function<CsvReader()> open;
};
/// A survey file on disk.
SurveyInput survey_file(const std::string &path, const CsvOptions &options = {});
/// CSV text held in memory (copied).
SurveyInput survey_text(std::string text, std::string name, const CsvOptions &options = {});

struct ComplianceOptions {
  PropagationModel model = PropagationModel::linear;  ///< for unit.delivered_quality, moment, segment, CSI
  /// Survey files; each survey.* metric uses the first file that has its columns.
  /// Without any, survey metrics are reported as not evaluated.
  std::vector<SurveyInput> surveys;
  Scale servqual_scale{1, 7};
  Scale ipa_scale{1, 5};
};

/// What a metric is measured on.
enum class EntityKind : std::uint8_t { unit, person, manager, moment, segment, organization, survey };
std::string_view to_string(EntityKind kind);

struct MetricInfo {
  std::string_view name;
  EntityKind entity;
  std::string_view description;
};
/// Every metric a standard may name, in the order of known_metrics() (validate.hpp),
/// which stays the single list of names.
const std::vector<MetricInfo> &metric_catalogue();

struct EntityCheck {
  EntityKind kind = EntityKind::unit;
  std::string id;
  std::optional<double> value;  ///< null: undefined for this entity (not counted)
  std::optional<bool> pass;     ///< null when value is null (except customer_distance: null = unreachable, +∞)
};

enum class StandardStatus : std::uint8_t { evaluated, not_evaluated };

struct StandardResult {
  std::string id, metric;
  Scope scope;
  Comparison op = Comparison::greater_equal;
  double target = 0;
  StandardStatus status = StandardStatus::evaluated;
  std::string reason;  ///< why not evaluated
  std::vector<EntityCheck> entities;
  std::size_t passed = 0, failed = 0;
  std::optional<double> compliance;  ///< passed / (passed + failed); null when nothing was checked
};

struct PolicyResult {
  std::string id, statement;
  std::vector<StandardResult> standards;
  std::size_t passed = 0, failed = 0;  ///< entity checks over its evaluated standards
  std::optional<double> compliance;    ///< passed / (passed + failed)
  std::size_t standards_met = 0;       ///< evaluated standards with no failed check (and at least one check)
  std::size_t standards_evaluated = 0;
};

struct ComplianceResult {
  std::vector<PolicyResult> policies;
  std::size_t passed = 0, failed = 0;
  std::optional<double> compliance;
  std::size_t standards = 0, standards_met = 0, standards_not_evaluated = 0;
};

/// Evaluates every policy of a valid model. Survey files that are malformed
/// throw ParseError (file:line:column), as the survey commands do.
ComplianceResult check_policies(const Model &model, const ComplianceOptions &options = {});

/// `value op target`; "==" within 1e-9·max(1, |target|).
bool compare(double value, Comparison op, double target);

void write_json(JsonWriter &w, const ComplianceResult &result);

}  // namespace servicechain
