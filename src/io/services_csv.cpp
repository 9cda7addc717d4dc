#include "servicechain/io/services_csv.hpp"

#include <optional>
#include <string_view>
#include <unordered_map>
#include <unordered_set>

#include "servicechain/io/orgchart.hpp"
#include "servicechain/text/messages.hpp"
#include "../util/id_index.hpp"
#include "../util/quoted.hpp"

namespace servicechain {

namespace {


/// Finds the unit a cell names: its id, else its exact name (when no other unit
/// has that name), else the slug of the text as an id.
class UnitFinder {
 public:
  explicit UnitFinder(const Model &model)
      : ids_(model.units, [](const Unit &u) -> std::string_view { return u.id; }) {
    for (std::size_t u = 0; u < model.units.size(); ++u) {
      auto [it, fresh] = names_.emplace(model.units[u].name, static_cast<std::uint32_t>(u));
      if (!fresh) it->second = ambiguous;
    }
  }

  enum class By { id, name, slug };
  struct Found {
    std::optional<std::uint32_t> unit;
    By by = By::id;
    bool ambiguous = false;  ///< the text is the name of several units
  };

  Found find(std::string_view text) const {
    if (auto u = ids_.find(text)) return {u, By::id};
    if (auto it = names_.find(text); it != names_.end()) {
      if (it->second == ambiguous) return {std::nullopt, By::name, true};
      return {it->second, By::name};
    }
    if (auto u = ids_.find(slug(text))) return {u, By::slug};
    return {};
  }

 private:
  static constexpr std::uint32_t ambiguous = UINT32_MAX;
  detail::IdIndex ids_;
  std::unordered_map<std::string_view, std::uint32_t> names_;
};

ServicesImport build(CsvReader &reader, const Model &model, const ServicesCsvOptions &options) {
  const auto &cols = options.columns;
  const ServicesColumns defaults;
  const std::size_t c_from = reader.require_column(cols.from);
  const std::size_t c_to = reader.require_column(cols.to);
  const std::size_t c_weight = reader.require_column(cols.weight);
  const auto c_name = reader.optional_column(cols.name, defaults.name);
  const auto c_rating = reader.optional_column(cols.rating, defaults.rating);
  auto at = [&](std::size_t column) {
    return reader.source() + ":" + std::to_string(reader.field_line(column)) + ":" +
           std::to_string(reader.field_column(column));
  };

  const UnitFinder finder(model);
  ServicesImport result;
  std::vector<Diagnostic> errors;
  // Units named by their name or its slug: one warning per kind, not one per row,
  // since an export that names units does so on every row.
  std::unordered_set<std::string> noted;
  struct Note {
    std::size_t count = 0;
    std::string first_at, examples;
  } by_name, by_slug;

  auto unit_of = [&](std::size_t column, const std::string &header) -> std::optional<std::uint32_t> {
    const std::string_view text = reader.text(column);
    if (text.empty()) {
      errors.push_back(text::diagnostic(at(column), "missing_unit", "diag.service_row_lacks", {detail::quoted(header)}));
      return std::nullopt;
    }
    const auto found = finder.find(text);
    if (found.ambiguous) {
      errors.push_back(text::diagnostic(at(column), "ambiguous_unit", "diag.ambiguous_unit", {detail::quoted(text)}));
    } else if (!found.unit) {
      errors.push_back(text::diagnostic(at(column), "unknown_unit", "diag.unknown_unit", {detail::quoted(text)}));
    } else if (found.by != UnitFinder::By::id && noted.emplace(text).second) {
      auto &note = found.by == UnitFinder::By::name ? by_name : by_slug;
      if (note.count++ == 0) note.first_at = at(column);
      if (note.count <= 5) note.examples += (note.count > 1 ? ", " : "") + detail::quoted(text) + " → " + model.units[*found.unit].id;
    }
    return found.unit;
  };
  // A number in (0, 1], or [0, 1] when `zero_allowed`; nullopt with an error otherwise
  // (an empty cell is an error only when `required`).
  auto share_of = [&](std::size_t column, const std::string &header, bool required,
                      bool zero_allowed) -> std::optional<double> {
    std::optional<double> value;
    try {
      value = reader.number(column);
    } catch (const ParseError &) {
      errors.push_back(text::diagnostic(at(column), "not_a_number", "diag.not_a_number", {header, detail::quoted(reader.text(column))}));
      return std::nullopt;
    }
    if (!value) {
      if (required) errors.push_back(text::diagnostic(at(column), "missing_value", "diag.service_row_lacks", {header}));
      return std::nullopt;
    }
    if (!(zero_allowed ? *value >= 0 : *value > 0) || !(*value <= 1)) {
      errors.push_back(text::diagnostic(at(column), "out_of_range", "diag.out_of_range.column",
                                        {header, detail::quoted(reader.text(column)), zero_allowed ? "[0, 1]" : "(0, 1]"}));
      return std::nullopt;
    }
    return value;
  };

  while (reader.next()) {
    reader.reject_extra_fields();  // a field past the header is a mistake, not data to drop
    Service s;
    const auto from = unit_of(c_from, cols.from);
    const auto to = unit_of(c_to, cols.to);
    const auto weight = share_of(c_weight, cols.weight, true, false);
    if (c_rating) s.rating = share_of(*c_rating, cols.rating, false, true);
    if (c_name) s.name = std::string(reader.text(*c_name));
    if (auto bad = find_control_character(s.name))
      errors.push_back(text::diagnostic(at(*c_name), "control_character", "diag.control_character.service_name",
                                        {detail::quoted(s.name), std::to_string(*bad)}));
    if (from && to && *from == *to)
      errors.push_back(text::diagnostic(at(c_to), "self_loop", "diag.self_loop", {detail::quoted(model.units[*from].id)}));
    if (!from || !to || !weight) continue;
    s.from = model.units[*from].id;
    s.to = model.units[*to].id;
    s.weight = *weight;
    result.services.push_back(std::move(s));
  }
  if (!errors.empty()) throw ServicesCsvError(std::move(errors));
  auto summarize = [&](const Note &note, const char *code, const char *how) {
    if (note.count > 0)
      result.warnings.push_back(text::diagnostic(note.first_at, code, "diag.unit_by_name",
                                                 {std::to_string(note.count), text::word(how), note.examples + (note.count > 5 ? ", ..." : "")}));
  };
  summarize(by_name, "unit_by_name", "their name");
  summarize(by_slug, "unit_by_slug", "a text whose slug is their id");
  return result;
}

}  // namespace

ServicesImport import_services(const std::filesystem::path &file, const Model &model,
                               const ServicesCsvOptions &options) {
  auto reader = CsvReader::open(file, options.csv);
  return build(reader, model, options);
}

ServicesImport import_services_text(std::string_view text, std::string source, const Model &model,
                                    const ServicesCsvOptions &options) {
  auto reader = CsvReader::from_text(text, std::move(source), options.csv);
  return build(reader, model, options);
}

}  // namespace servicechain
