#include "servicechain/io/orgchart.hpp"

#include <algorithm>
#include <array>
#include <map>
#include <optional>
#include <unordered_map>
#include <unordered_set>

#include "servicechain/log.hpp"
#include "servicechain/text/messages.hpp"
#include "servicechain/validate.hpp"
#include "../util/quoted.hpp"

namespace servicechain {

namespace {


std::optional<Level> parse_any_level(std::string_view text) {
  std::string lower;
  for (char c : text) lower.push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c);
  if (auto l = parse_level(lower)) return l;
  if (lower == "directivo" || lower == "directiva") return Level::directive;
  if (lower == "gerencial" || lower == "mando medio" || lower == "intermedio") return Level::managerial;
  if (lower == "operativo" || lower == "operativa") return Level::operative;
  return std::nullopt;
}

// Most common value; ties go to the one seen first.
template <class T>
struct Votes {
  std::vector<std::pair<T, std::size_t>> counts;  // first-seen order
  void add(const T &value) {
    for (auto &[v, n] : counts)
      if (v == value) {
        ++n;
        return;
      }
    counts.emplace_back(value, 1);
  }
  /// Candidates by count (descending), then first seen.
  std::vector<std::pair<T, std::size_t>> ranked() const {
    auto r = counts;
    std::stable_sort(r.begin(), r.end(), [](const auto &a, const auto &b) { return a.second > b.second; });
    return r;
  }
};

// Levels vote with ties going to the higher level (directive before operative).
std::optional<Level> level_vote(const std::array<std::size_t, 3> &count) {
  std::optional<Level> best;
  std::size_t most = 0;
  for (int l = 0; l < 3; ++l)
    if (count[l] > most) {
      most = count[l];
      best = static_cast<Level>(l);
    }
  return best;
}

// Gives each text an id; different texts that would share one get _2, _3, ...
class IdMaker {
 public:
  explicit IdMaker(bool slug_ids) : slug_ids_(slug_ids) {}
  std::string make(std::string_view text, std::string_view fallback) {
    std::string base = slug_ids_ ? slug(text) : std::string(text);
    if (base.empty()) base = std::string(fallback);
    std::string id = base;
    for (int k = 2; !taken_.insert(id).second; ++k) id = base + "_" + std::to_string(k);
    return id;
  }

 private:
  bool slug_ids_;
  std::unordered_set<std::string> taken_;
};

struct Row {
  std::size_t line;
  std::string id, name, manager, unit, position;
  std::optional<Level> level;
};

}  // namespace

std::string slug(std::string_view text) {
  // Latin-1 supplement letters (UTF-8 C3 80..BF) without accents; "" is a separator.
  static constexpr std::array<const char *, 64> latin = {
      "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i",
      "d", "n", "o", "o", "o", "o", "o", "",  "o", "u", "u", "u", "u", "y", "th", "ss",
      "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i",
      "d", "n", "o", "o", "o", "o", "o", "",  "o", "u", "u", "u", "u", "y", "th", "y"};
  std::string out;
  bool pending_separator = false;
  auto put = [&](std::string_view s) {
    if (s.empty()) {
      pending_separator = true;
      return;
    }
    if (pending_separator && !out.empty()) out.push_back('_');
    pending_separator = false;
    out += s;
  };
  for (std::size_t i = 0; i < text.size(); ++i) {
    auto c = static_cast<unsigned char>(text[i]);
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
      char ch = static_cast<char>(c);
      put(std::string_view(&ch, 1));
    } else if (c >= 'A' && c <= 'Z') {
      char ch = static_cast<char>(c - 'A' + 'a');
      put(std::string_view(&ch, 1));
    } else if (c == 0xC3 && i + 1 < text.size()) {
      auto d = static_cast<unsigned char>(text[i + 1]);
      put(d >= 0x80 && d <= 0xBF ? latin[d - 0x80] : "");
      ++i;
    } else {
      put("");
      // skip the continuation bytes of any other multi-byte character
      while (i + 1 < text.size() && (static_cast<unsigned char>(text[i + 1]) & 0xC0) == 0x80) ++i;
    }
  }
  return out;
}

namespace {

constexpr std::size_t none = static_cast<std::size_t>(-1);

std::string line_at(const std::string &file, std::size_t line) { return file + ":" + std::to_string(line); }

/// The rows of the file, one person each; problems of a row go to `errors`
/// (a row without an id or with a repeated one is left out).
std::vector<Row> read_rows(CsvReader &reader, const OrgChartOptions &options,
                           std::unordered_map<std::string, std::size_t> &row_of, std::vector<Diagnostic> &errors) {
  const auto &cols = options.columns;
  const OrgChartColumns defaults;
  const std::size_t c_id = reader.require_column(cols.id);
  const std::size_t c_manager = reader.require_column(cols.manager);
  const std::size_t c_unit = reader.require_column(cols.unit);
  const auto c_name = reader.optional_column(cols.name, defaults.name);
  const auto c_position = reader.optional_column(cols.position, defaults.position);
  const auto c_level = reader.optional_column(cols.level, defaults.level);
  const std::string &file = reader.source();
  std::vector<Row> rows;
  while (reader.next()) {
    reader.reject_extra_fields();  // a field past the header is a mistake, not data to drop
    Row r;
    r.line = reader.line();
    r.id = std::string(reader.text(c_id));
    r.manager = std::string(reader.text(c_manager));
    r.unit = std::string(reader.text(c_unit));
    r.name = c_name ? std::string(reader.text(*c_name)) : std::string();
    r.position = c_position ? std::string(reader.text(*c_position)) : std::string();
    // Every text of the row becomes an id or a name of the model: no control characters.
    for (std::optional<std::size_t> c : {std::optional(c_id), std::optional(c_manager), std::optional(c_unit), c_name, c_position})
      if (c)
        if (auto bad = find_control_character(reader.text(*c)))
          errors.push_back(text::diagnostic(line_at(file, r.line) + ":" + std::to_string(reader.field_column(*c)), "control_character",
                                            "diag.control_character.text", {detail::quoted(reader.text(*c)), std::to_string(*bad)}));
    if (c_level) {
      auto text = reader.text(*c_level);
      if (!text.empty()) {
        r.level = parse_any_level(text);
        if (!r.level)
          errors.push_back(text::diagnostic(line_at(file, r.line) + ":" + std::to_string(reader.field_column(*c_level)), "bad_level",
                                            "diag.bad_level", {detail::quoted(text)}));
      }
    }
    if (r.id.empty()) {
      errors.push_back(text::diagnostic(line_at(file, r.line), "missing_id", "diag.missing_id", {detail::quoted(cols.id)}));
      continue;
    }
    if (r.unit.empty())
      errors.push_back(text::diagnostic(line_at(file, r.line), "missing_unit", "diag.missing_unit.person",
                                        {detail::quoted(r.id), detail::quoted(cols.unit)}));
    auto [it, fresh] = row_of.emplace(r.id, rows.size());
    if (!fresh) {
      errors.push_back(text::diagnostic(line_at(file, r.line), "duplicate_id", "diag.duplicate_id.row",
                                        {detail::quoted(r.id), std::to_string(rows[it->second].line)}));
      continue;
    }
    rows.push_back(std::move(r));
  }
  return rows;
}

/// Each person's manager (row index, `none` for the top) and depth below the top.
struct ManagerTree {
  std::vector<std::size_t> manager, depth;
};

/// One manager cycle, reported once with its rows.
Diagnostic cycle_error(const std::vector<Row> &rows, const std::vector<std::size_t> &members, const std::string &file) {
  std::string lines, chain;
  std::vector<std::size_t> sorted_lines;
  for (auto m : members) sorted_lines.push_back(rows[m].line);
  std::sort(sorted_lines.begin(), sorted_lines.end());
  for (auto l : sorted_lines) lines += (lines.empty() ? "" : ", ") + std::to_string(l);
  for (auto m : members) chain += rows[m].id + " → ";
  chain += rows[members.front()].id;
  return text::diagnostic(line_at(file, sorted_lines.front()), "manager_cycle", "diag.manager_cycle.lines", {lines, chain});
}

/// Managers: dangling references, then cycles (each reported once), and the
/// depth of everyone else.
ManagerTree manager_tree(const std::vector<Row> &rows, const std::unordered_map<std::string, std::size_t> &row_of,
                         const std::string &file, std::vector<Diagnostic> &errors) {
  const std::size_t n = rows.size();
  ManagerTree tree{std::vector<std::size_t>(n, none), std::vector<std::size_t>(n, 0)};
  for (std::size_t i = 0; i < n; ++i) {
    if (rows[i].manager.empty()) continue;
    auto it = row_of.find(rows[i].manager);
    if (it == row_of.end())
      errors.push_back(text::diagnostic(line_at(file, rows[i].line), "dangling_manager", "diag.dangling_manager",
                                        {detail::quoted(rows[i].manager), detail::quoted(rows[i].id)}));
    else
      tree.manager[i] = it->second;
  }
  std::vector<char> state(n, 0);  // 0 new, 1 on the current path, 2 done
  for (std::size_t start = 0; start < n; ++start) {
    std::vector<std::size_t> path;
    std::size_t i = start;
    while (i != none && state[i] == 0) {
      state[i] = 1;
      path.push_back(i);
      i = tree.manager[i];
    }
    const bool cycle = i != none && state[i] == 1;
    if (cycle) {
      const std::vector<std::size_t> members(std::find(path.begin(), path.end(), i), path.end());
      errors.push_back(cycle_error(rows, members, file));
      for (auto m : members) state[m] = 2;  // depth unused: the import fails
    }
    // Depths along the path, from the top down.
    std::size_t base_depth = (i != none && !cycle) ? tree.depth[i] + 1 : 0;
    for (auto it = path.rbegin(); it != path.rend(); ++it) {
      if (state[*it] == 2) continue;
      tree.depth[*it] = base_depth++;
      state[*it] = 2;
    }
  }
  return tree;
}

/// Units in order of first appearance; the unit of each row.
std::vector<std::size_t> add_units(const std::vector<Row> &rows, const OrgChartOptions &options, Model &model) {
  IdMaker unit_ids(options.slug_ids);
  std::unordered_map<std::string, std::size_t> unit_of_text;
  std::vector<std::size_t> unit_of(rows.size());
  for (std::size_t i = 0; i < rows.size(); ++i) {
    auto [it, fresh] = unit_of_text.emplace(rows[i].unit, model.units.size());
    if (fresh) {
      Unit u;
      u.id = unit_ids.make(rows[i].unit, "unit_" + std::to_string(model.units.size() + 1));
      u.name = rows[i].unit;
      model.units.push_back(std::move(u));
    }
    unit_of[i] = it->second;
  }
  return unit_of;
}

/// Positions: one per (unit, text); the id is the text's slug, prefixed by the
/// unit's id when several units use the same text. The position of each row
/// (`none` without one).
std::vector<std::size_t> add_positions(const std::vector<Row> &rows, const std::vector<std::size_t> &unit_of,
                                       const OrgChartOptions &options, Model &model) {
  const std::size_t n = rows.size();
  std::map<std::pair<std::size_t, std::string>, std::size_t> position_of_key;
  std::unordered_map<std::string, std::unordered_set<std::size_t>> units_of_text;
  for (std::size_t i = 0; i < n; ++i)
    if (!rows[i].position.empty()) units_of_text[rows[i].position].insert(unit_of[i]);
  IdMaker position_ids(options.slug_ids);
  std::vector<std::array<std::size_t, 3>> position_levels;
  std::vector<std::size_t> position_of(n, none);
  for (std::size_t i = 0; i < n; ++i) {
    if (rows[i].position.empty()) continue;
    auto [it, fresh] = position_of_key.emplace(std::make_pair(unit_of[i], rows[i].position), model.positions.size());
    if (fresh) {
      Position p;
      const std::string &unit_id = model.units[unit_of[i]].id;
      const bool shared = units_of_text[rows[i].position].size() > 1;
      std::string text = shared ? unit_id + (options.slug_ids ? " " : "/") + rows[i].position : rows[i].position;
      p.id = position_ids.make(text, "position_" + std::to_string(model.positions.size() + 1));
      p.title = rows[i].position;
      p.unit = unit_id;
      model.positions.push_back(std::move(p));
      position_levels.push_back({0, 0, 0});
    }
    position_of[i] = it->second;
    if (rows[i].level) ++position_levels[it->second][static_cast<int>(*rows[i].level)];
  }
  for (std::size_t p = 0; p < model.positions.size(); ++p) model.positions[p].level = level_vote(position_levels[p]);
  return position_of;
}

/// Unit levels: the most common level of their people (operative, with a
/// warning, when none has one).
void set_unit_levels(const std::vector<Row> &rows, const std::vector<std::size_t> &unit_of, OrgChartImport &out) {
  Model &model = out.model;
  std::vector<std::array<std::size_t, 3>> unit_levels(model.units.size(), {0, 0, 0});
  for (std::size_t i = 0; i < rows.size(); ++i)
    if (rows[i].level) ++unit_levels[unit_of[i]][static_cast<int>(*rows[i].level)];
  for (std::size_t u = 0; u < model.units.size(); ++u) {
    if (auto l = level_vote(unit_levels[u])) {
      model.units[u].level = *l;
    } else {
      model.units[u].level = Level::operative;
      out.warnings.push_back(text::diagnostic("unit " + model.units[u].id, "unit_level_unknown", "diag.unit_level_unknown",
                                              {detail::quoted(model.units[u].id)}));
    }
  }
}

/// Unit tree: a unit's parent is the unit of the manager of its top people
/// (members whose manager is outside the unit, or who have none); the most
/// common if several, skipping a choice that would close a loop in the tree.
void set_unit_parents(const std::vector<Row> &rows, const std::vector<std::size_t> &unit_of, const ManagerTree &tree,
                      const std::string &file, OrgChartImport &out) {
  Model &model = out.model;
  const std::size_t units = model.units.size();
  std::vector<Votes<std::size_t>> votes(units);  // `none` = no manager: a root
  std::vector<std::size_t> top_depth(units, none), first_top_line(units, 0);
  for (std::size_t i = 0; i < rows.size(); ++i) {
    std::size_t u = unit_of[i];
    std::size_t m = tree.manager[i];
    if (m != none && unit_of[m] == u) continue;
    votes[u].add(m == none ? none : unit_of[m]);
    if (top_depth[u] == none || tree.depth[i] < top_depth[u]) top_depth[u] = tree.depth[i];
    if (!first_top_line[u]) first_top_line[u] = rows[i].line;
  }
  std::vector<std::size_t> order(units), parent(units, none);
  for (std::size_t u = 0; u < units; ++u) order[u] = u;
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return top_depth[a] < top_depth[b]; });
  auto closes_loop = [&](std::size_t u, std::size_t candidate) {
    for (std::size_t v = candidate; v != none; v = parent[v])
      if (v == u) return true;
    return false;
  };
  for (std::size_t u : order) {
    auto ranked = votes[u].ranked();
    std::size_t chosen = none;
    bool found = false;
    for (auto &[candidate, count] : ranked) {
      if (candidate != none && closes_loop(u, candidate)) continue;
      chosen = candidate;
      found = true;
      break;
    }
    parent[u] = chosen;
    if (ranked.size() > 1 || (!ranked.empty() && !found)) {
      std::string list;
      for (auto &[candidate, count] : ranked)
        list += (list.empty() ? "" : ", ") + (candidate == none ? text::word_in_text("(no manager)") : model.units[candidate].id) +
                " ×" + std::to_string(count);
      out.warnings.push_back(text::diagnostic(line_at(file, first_top_line[u]), "unit_parent_ambiguous", "diag.unit_parent_ambiguous",
                                              {detail::quoted(model.units[u].id), list,
                                               chosen == none ? text::word("none") : model.units[chosen].id}));
    }
  }
  for (std::size_t u = 0; u < units; ++u)
    if (parent[u] != none) model.units[u].parent = model.units[parent[u]].id;
}

/// People in file order.
void add_people(const std::vector<Row> &rows, const std::vector<std::size_t> &unit_of,
                const std::vector<std::size_t> &position_of, const ManagerTree &tree, Model &model) {
  model.people.reserve(rows.size());
  for (std::size_t i = 0; i < rows.size(); ++i) {
    Person p;
    p.id = rows[i].id;
    p.name = rows[i].name.empty() ? rows[i].id : rows[i].name;
    p.unit = model.units[unit_of[i]].id;
    if (position_of[i] != none) p.position = model.positions[position_of[i]].id;
    if (tree.manager[i] != none) p.manager = rows[tree.manager[i]].id;
    model.people.push_back(std::move(p));
  }
}

OrgChartImport build(CsvReader &reader, const OrgChartOptions &options) {
  const std::string &file = reader.source();
  std::vector<Diagnostic> errors;
  std::unordered_map<std::string, std::size_t> row_of;
  const std::vector<Row> rows = read_rows(reader, options, row_of, errors);
  const ManagerTree tree = manager_tree(rows, row_of, file, errors);
  if (!errors.empty()) throw OrgChartError(std::move(errors));
  OrgChartImport out;
  const std::vector<std::size_t> unit_of = add_units(rows, options, out.model);
  const std::vector<std::size_t> position_of = add_positions(rows, unit_of, options, out.model);
  set_unit_levels(rows, unit_of, out);
  set_unit_parents(rows, unit_of, tree, file, out);
  add_people(rows, unit_of, position_of, tree, out.model);
  logger()->info("org chart {}: {} people, {} units, {} positions", file, rows.size(), out.model.units.size(),
                 out.model.positions.size());
  return out;
}

}  // namespace

OrgChartImport import_orgchart(const std::filesystem::path &file, const OrgChartOptions &options) {
  auto reader = CsvReader::open(file, options.csv);
  return build(reader, options);
}

OrgChartImport import_orgchart_text(std::string_view text, std::string source, const OrgChartOptions &options) {
  auto reader = CsvReader::from_text(text, std::move(source), options.csv);
  return build(reader, options);
}

}  // namespace servicechain
