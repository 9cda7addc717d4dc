#pragma once
// Services CSV import (§3): one row per service of the internal chain, columns
// from,to,name,weight,rating (names configurable), read against a model whose
// units the rows name. Details: docs/model-format.md, "Services from a CSV file".
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "servicechain/error.hpp"
#include "servicechain/io/csv.hpp"
#include "servicechain/model.hpp"

namespace servicechain {

/// Header names of the columns. `from`, `to` and `weight` must exist; `name` and
/// `rating` may be absent when left at their default names.
struct ServicesColumns {
  std::string from = "from";  ///< header of the provider unit column (required)
  std::string to = "to";  ///< header of the internal customer unit column (required)
  std::string name = "name";  ///< header of the "what is delivered" column
  std::string weight = "weight";  ///< header of the weight column (required), in (0, 1]
  std::string rating = "rating";  ///< header of the rating column, [0, 1]; an empty cell: not rated
};

/// Options of import_services().
struct ServicesCsvOptions {
  /// CSV dialect and limits; at most 50 million rows, the bound of a model file's lists
  /// (ReadLimits::max_entities): every row becomes part of the model.
  CsvOptions csv{.max_records = 50'000'000};
  ServicesColumns columns;  ///< column names
};

/// Result of import_services(): the services in file order and non-fatal findings.
struct ServicesImport {
  std::vector<Service> services;  ///< `from` and `to` are unit ids of the model
  /// Non-fatal findings, "file:line:column" of the first row concerned in `path`:
  /// one warning (code unit_by_name, unit_by_slug) when rows name units by their
  /// name, or by a text whose slug is their id, instead of their id.
  std::vector<Diagnostic> warnings;
};

/// Every content problem of a services CSV (unknown or ambiguous unit, self-service,
/// weight outside (0, 1], rating outside [0, 1], a cell that is not a number), each
/// naming its row and column as "file:line:column".
class ServicesCsvError : public ImportError {
 public:
  /// One diagnostic per problem.
  explicit ServicesCsvError(std::vector<Diagnostic> errors) : ImportError("services CSV", std::move(errors)) {}
};

/// Reads a services CSV file against `model`'s units: a cell names a unit by its
/// id, else by its exact name, else by the slug of the text (slug()), so both
/// exports with ids and exports with unit names read. Throws ParseError for
/// malformed CSV or a missing column, ServicesCsvError for content problems.
/// The model is not changed; add the services and validate the result (the
/// weights into one unit must not exceed 1 in total).
ServicesImport import_services(const std::filesystem::path &file, const Model &model,
                               const ServicesCsvOptions &options = {});
/// The same from CSV text in memory; `source` names it in messages.
ServicesImport import_services_text(std::string_view text, std::string source, const Model &model,
                                    const ServicesCsvOptions &options = {});

}  // namespace servicechain
