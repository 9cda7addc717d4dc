#pragma once
// Org chart CSV import (§3): the shape HR suites export, one row per person,
// columns id,name,manager_id,unit,position,level (names configurable). Builds
// units (the unit tree is derived from the manager tree), positions, people
// and the manager tree. Details: docs/people.md.
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "servicechain/error.hpp"
#include "servicechain/io/csv.hpp"
#include "servicechain/model.hpp"

namespace servicechain {

/// Header names of the columns. `id`, `manager` and `unit` must exist; `name`,
/// `position` and `level` may be absent when left at their default names.
struct OrgChartColumns {
  std::string id = "id";  ///< header of the person id column (required)
  std::string name = "name";  ///< header of the name column
  std::string manager = "manager_id";  ///< header of the manager's id column (required; empty: none)
  std::string unit = "unit";  ///< header of the unit text column (required)
  std::string position = "position";  ///< header of the position title column
  std::string level = "level";  ///< header of the level column (English or Spanish names)
};

/// Options of import_orgchart().
struct OrgChartOptions {
  /// CSV dialect and limits; at most 50 million rows, the bound of a model file's lists
  /// (ReadLimits::max_entities): every row becomes part of the model.
  CsvOptions csv{.max_records = 50'000'000};
  OrgChartColumns columns;  ///< column names
  /// true: unit and position ids are slugs of their texts ("Front Desk" → "front_desk");
  /// false: the texts are the ids as given.
  bool slug_ids = true;
};

/// Result of import_orgchart(): the model and non-fatal findings.
struct OrgChartImport {
  Model model;  ///< units, positions (no requirements) and people; valid
  /// Non-fatal findings, each with "file:line" (or the unit) in `path`: a unit whose
  /// top people report to several units, a unit without a known level, ...
  std::vector<Diagnostic> warnings;
};

/// Every problem of an org chart (dangling or cyclic managers, duplicate or empty
/// ids, unknown levels), each naming its rows as "file:line".
class OrgChartError : public ImportError {
 public:
  /// One diagnostic per problem.
  explicit OrgChartError(std::vector<Diagnostic> errors) : ImportError("org chart", std::move(errors)) {}
};

/// Reads an org chart file. Throws ParseError for malformed CSV or a missing column,
/// OrgChartError for content problems.
OrgChartImport import_orgchart(const std::filesystem::path &file, const OrgChartOptions &options = {});
/// The same from CSV text in memory; `source` names it in messages.
OrgChartImport import_orgchart_text(std::string_view text, std::string source, const OrgChartOptions &options = {});

/// The id made from a text: lower-case ASCII letters and digits, accented Latin
/// letters without their accent, every other run of characters one '_'
/// ("Food & Beverage" → "food_beverage", "Recepción" → "recepcion").
std::string slug(std::string_view text);

}  // namespace servicechain
