#pragma once
// The internal customer chain discovered from an event log (§4.10): units are
// the resources (or the units they belong to, by a `resource,unit` CSV), and a
// unit u serves v when work is handed over from u to v, with weight
//   w_uv = alpha * h_uv / sum_{x != v} h_xv
// (h: handover of work; self-handovers and, with a map, handovers inside one
// unit make no service). Every unit with inputs thus gets W_v = alpha.
#include <filesystem>
#include <string>
#include <utility>
#include <vector>

#include "servicechain/analysis/mining/social.hpp"
#include "servicechain/io/csv.hpp"
#include "servicechain/model.hpp"

namespace servicechain {

/// resource -> unit, in file order.
using ResourceUnitMap = std::vector<std::pair<std::string, std::string>>;

/// Reads a `resource,unit` CSV (header row with those two columns). A resource
/// listed twice with different units, or an empty field, is a ParseError.
ResourceUnitMap read_resource_unit_map(const std::filesystem::path &file, const CsvOptions &options = {});
/// The same from CSV text in memory; `source` names it in messages.
ResourceUnitMap parse_resource_unit_map(std::string_view csv, std::string source = "<input>", const CsvOptions &options = {});

/// Options of chain_from_handover().
struct ChainMiningOptions {
  double alpha = 0.5;  ///< share of a unit's quality that depends on its inputs, (0, 1]
};

/// Builds a model from a handover network. Units: the resources in byte order,
/// or with `map` the units of the log's resources in byte order; all at the
/// operative level. Services in (from, to) order, named "handover", with the
/// handover value in "x-handover". Throws ArgumentError for alpha outside
/// (0, 1] and InputError naming resources the map does not list.
Model chain_from_handover(const SocialNetwork &handover, const ChainMiningOptions &options = {},
                          const ResourceUnitMap *map = nullptr);

}  // namespace servicechain
