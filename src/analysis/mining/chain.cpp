#include "servicechain/analysis/mining/chain.hpp"

#include <algorithm>
#include <map>
#include <unordered_map>

#include "servicechain/error.hpp"
#include "servicechain/io/json_writer.hpp"

namespace servicechain {

namespace {

ResourceUnitMap read_map(CsvReader csv) {
  const std::size_t resource_col = csv.require_column("resource");
  const std::size_t unit_col = csv.require_column("unit");
  ResourceUnitMap map;
  std::unordered_map<std::string, std::size_t> seen;
  while (csv.next()) {
    for (std::size_t col : {resource_col, unit_col})
      if (col >= csv.size() || csv.field(col).empty())
        csv.fail(col, std::string("empty ") + (col == resource_col ? "resource" : "unit"));
    std::string resource(csv.field(resource_col)), unit(csv.field(unit_col));
    auto [it, inserted] = seen.emplace(resource, map.size());
    if (!inserted) {
      if (map[it->second].second != unit)
        csv.fail(unit_col, "resource \"" + resource + "\" is already mapped to unit \"" + map[it->second].second + "\"");
      continue;
    }
    map.emplace_back(std::move(resource), std::move(unit));
  }
  return map;
}

}  // namespace

ResourceUnitMap read_resource_unit_map(const std::filesystem::path &file, const CsvOptions &options) {
  return read_map(CsvReader::open(file, options));
}

ResourceUnitMap parse_resource_unit_map(std::string_view csv, std::string source, const CsvOptions &options) {
  return read_map(CsvReader::from_text(csv, std::move(source), options));
}

Model chain_from_handover(const SocialNetwork &handover, const ChainMiningOptions &options, const ResourceUnitMap *map) {
  if (!(options.alpha > 0 && options.alpha <= 1))
    throw ArgumentError("alpha must be in (0, 1], got " + std::to_string(options.alpha));
  const auto &resources = handover.resources;

  // Unit of each resource, and the units in byte order.
  std::vector<std::string> units;
  std::vector<std::uint32_t> unit_of(resources.size());
  if (!map) {
    units = resources;
    for (std::uint32_t r = 0; r < resources.size(); ++r) unit_of[r] = r;
  } else {
    std::unordered_map<std::string_view, std::string_view> lookup;
    for (const auto &[resource, unit] : *map) lookup.emplace(resource, unit);
    std::vector<std::string> missing;
    std::vector<std::string_view> mapped(resources.size());
    for (std::size_t r = 0; r < resources.size(); ++r) {
      auto it = lookup.find(resources[r]);
      if (it == lookup.end()) missing.push_back(resources[r]);
      else mapped[r] = it->second;
    }
    if (!missing.empty()) {
      std::string list;
      for (std::size_t i = 0; i < missing.size() && i < 10; ++i) list += (i ? ", \"" : "\"") + missing[i] + "\"";
      if (missing.size() > 10) list += " and " + std::to_string(missing.size() - 10) + " more";
      throw InputError(std::to_string(missing.size()) + " resource(s) of the log are not in the resource-unit map: " + list);
    }
    for (auto u : mapped) units.emplace_back(u);
    std::sort(units.begin(), units.end());
    units.erase(std::unique(units.begin(), units.end()), units.end());
    for (std::size_t r = 0; r < resources.size(); ++r)
      unit_of[r] = static_cast<std::uint32_t>(std::lower_bound(units.begin(), units.end(), mapped[r]) - units.begin());
  }

  // Handovers between different units, summed; inflow per receiving unit.
  std::map<std::pair<std::uint32_t, std::uint32_t>, double> between;
  std::vector<double> inflow(units.size(), 0.0);
  for (const ResourcePair &p : handover.pairs) {
    const std::uint32_t u = unit_of[p.from], v = unit_of[p.to];
    if (u == v) continue;
    between[{u, v}] += p.value;
    inflow[v] += p.value;
  }

  Model model;
  model.units.reserve(units.size());
  for (const auto &id : units) {
    Unit unit;
    unit.id = id;
    unit.name = id;
    unit.level = Level::operative;
    model.units.push_back(std::move(unit));
  }
  for (const auto &[key, h] : between) {
    Service s;
    s.from = units[key.first];
    s.to = units[key.second];
    s.name = "handover";
    s.weight = options.alpha * h / inflow[key.second];
    std::string value;
    JsonWriter::append_number(value, h);
    s.extensions.emplace_back("x-handover", value);
    model.services.push_back(std::move(s));
  }
  std::string mined;
  JsonWriter w(mined, 0);
  w.begin_object().field("cases", static_cast<std::uint64_t>(handover.cases)).field("events", static_cast<std::uint64_t>(handover.events));
  w.field("resources", static_cast<std::uint64_t>(resources.size())).field("alpha", options.alpha).field("beta", handover.beta).end_object();
  model.extensions.emplace_back("x-mined", mined);
  return model;
}

}  // namespace servicechain
