// Collapsed views of the chain (DESIGN §4.15): groups at a tree depth and the
// services between them, from the full analysis.
#include "servicechain/analysis/chain/collapse.hpp"

#include <algorithm>
#include <cstdio>
#include <numeric>

#include "../../util/id_index.hpp"
#include "servicechain/error.hpp"
#include "servicechain/log.hpp"

namespace servicechain {

namespace {

// Parent of every unit as a model index; a root (or an unknown parent, which
// validation refuses) points to itself.
std::vector<std::uint32_t> parent_indices(const Model &model, const detail::IdIndex &index) {
  std::vector<std::uint32_t> parent(model.units.size());
  for (std::size_t u = 0; u < model.units.size(); ++u) {
    parent[u] = static_cast<std::uint32_t>(u);
    if (const auto &p = model.units[u].parent)
      if (auto found = index.find(*p)) parent[u] = *found;
  }
  return parent;
}

// Units by increasing depth (a counting sort), so a unit's parent always comes first.
std::vector<std::uint32_t> units_by_depth(const std::vector<std::uint32_t> &layers) {
  const std::uint32_t deepest = layers.empty() ? 0 : *std::max_element(layers.begin(), layers.end());
  std::vector<std::uint32_t> start(static_cast<std::size_t>(deepest) + 2, 0);
  for (auto d : layers) ++start[d + 1];
  std::partial_sum(start.begin(), start.end(), start.begin());
  std::vector<std::uint32_t> order(layers.size());
  for (std::uint32_t u = 0; u < layers.size(); ++u) order[start[layers[u]]++] = u;
  return order;
}

// Group index of every unit: roots (units at most `depth` deep) numbered in model order,
// deeper units take their parent's group.
void assign_groups(CollapsedChain &c, const std::vector<std::uint32_t> &layers, const std::vector<std::uint32_t> &parent) {
  const std::size_t n = layers.size();
  c.group_of.assign(n, 0);
  for (std::uint32_t u = 0; u < n; ++u)
    if (layers[u] <= c.depth) {
      c.group_of[u] = static_cast<std::uint32_t>(c.groups.size());
      ChainGroup g;
      g.root = u;
      g.depth = layers[u];
      c.groups.push_back(g);
    }
  for (auto u : units_by_depth(layers))
    if (layers[u] > c.depth) c.group_of[u] = c.group_of[parent[u]];
}

// Units, headcount, means, summed impact and weakest unit of every group.
void group_figures(CollapsedChain &c, const Model &model, const ChainAnalysis &a) {
  struct Sums {
    double s = 0, q = 0, sh = 0, qh = 0, impact = 0;
    bool all_have_people = true, impact_defined = true;
  };
  std::vector<Sums> sums(c.groups.size());
  for (std::uint32_t u = 0; u < c.group_of.size(); ++u) {
    ChainGroup &g = c.groups[c.group_of[u]];
    Sums &t = sums[c.group_of[u]];
    const double s = a.intrinsic[u], q = a.propagation.delivered[u];
    const auto people = a.headcount[u];
    if (g.units == 0 || s < g.weakest_quality || (s == g.weakest_quality && model.units[u].id < model.units[g.weakest].id)) {
      g.weakest = u;
      g.weakest_quality = s;
    }
    ++g.units;
    g.headcount += people;
    t.s += s;
    t.q += q;
    t.sh += s * static_cast<double>(people);
    t.qh += q * static_cast<double>(people);
    t.all_have_people = t.all_have_people && people > 0;
    if (a.impact.impact[u]) t.impact += *a.impact.impact[u];
    else t.impact_defined = false;
  }
  for (std::size_t k = 0; k < c.groups.size(); ++k) {
    ChainGroup &g = c.groups[k];
    const Sums &t = sums[k];
    const double weight = t.all_have_people ? static_cast<double>(g.headcount) : static_cast<double>(g.units);
    g.quality = (t.all_have_people ? t.sh : t.s) / weight;
    g.delivered = (t.all_have_people ? t.qh : t.q) / weight;
    if (t.impact_defined) g.impact = t.impact;
  }
}

// Open addressing from a (from rank, to rank) pair to its link: expected O(1) per
// service and memory for the links only, where sorting the services would cost
// O(E log E) and a copy of them.
class LinkTable {
 public:
  explicit LinkTable(std::size_t expected) { grow(std::max<std::size_t>(64, expected)); }
  ChainGroupLink &operator()(std::uint32_t from, std::uint32_t to) {
    if (2 * (links_.size() + 1) > keys_.size()) grow(2 * keys_.size());
    const std::uint64_t key = (static_cast<std::uint64_t>(from) << 32) | to;
    std::size_t at = slot(key);
    if (slots_[at] == empty) {
      keys_[at] = key;
      slots_[at] = static_cast<std::uint32_t>(links_.size());
      links_.push_back({from, to, 0, 0});
    }
    return links_[slots_[at]];
  }
  std::vector<ChainGroupLink> take() { return std::move(links_); }

 private:
  static constexpr std::uint32_t empty = UINT32_MAX;
  std::size_t slot(std::uint64_t key) const {
    std::uint64_t h = key * 0x9E3779B97F4A7C15ULL;
    for (std::size_t at = (h >> 20) & (keys_.size() - 1);; at = (at + 1) & (keys_.size() - 1))
      if (slots_[at] == empty || keys_[at] == key) return at;
  }
  void grow(std::size_t wanted) {
    std::size_t capacity = 64;
    while (capacity < wanted) capacity *= 2;
    keys_.assign(capacity, 0);
    slots_.assign(capacity, empty);
    for (std::uint32_t i = 0; i < links_.size(); ++i) {
      const std::uint64_t key = (static_cast<std::uint64_t>(links_[i].from) << 32) | links_[i].to;
      const auto at = slot(key);
      keys_[at] = key;
      slots_[at] = i;
    }
  }
  std::vector<std::uint64_t> keys_;
  std::vector<std::uint32_t> slots_;
  std::vector<ChainGroupLink> links_;
};

// Links between groups from the model's services (each counted, parallel ones too),
// sorted by the groups' ids in byte order.
void group_links(CollapsedChain &c, const Model &model, const detail::IdIndex &index) {
  std::vector<std::uint32_t> by_id(c.groups.size()), rank(c.groups.size());
  std::iota(by_id.begin(), by_id.end(), 0u);
  std::sort(by_id.begin(), by_id.end(),
            [&](auto x, auto y) { return model.units[c.groups[x].root].id < model.units[c.groups[y].root].id; });
  for (std::uint32_t r = 0; r < by_id.size(); ++r) rank[by_id[r]] = r;

  const auto &services = model.services;
  constexpr std::size_t batch = 4096;
  std::vector<std::uint32_t> from(batch), to(batch);
  std::uint32_t last_to = detail::IdIndex::not_found;
  LinkTable table(std::min(services.size(), 4 * c.groups.size()));
  for (std::size_t start = 0; start < services.size(); start += batch) {
    const std::size_t size = std::min(batch, services.size() - start);
    index.find_many(size, [&](std::size_t i) { return std::string_view(services[start + i].from); }, from.data());
    // Files usually list services grouped by the unit they serve (the generator and
    // the services CSV importer do): a repeated customer reuses the last lookup,
    // which halves the random accesses into the index on large charts.
    for (std::size_t i = 0; i < size; ++i) {
      const std::string &id = services[start + i].to;
      to[i] = start + i > 0 && id == services[start + i - 1].to
                  ? (i > 0 ? to[i - 1] : last_to)
                  : index.find(id).value_or(detail::IdIndex::not_found);
    }
    last_to = to[size - 1];
    for (std::size_t i = 0; i < size; ++i) {
      if (from[i] == detail::IdIndex::not_found || to[i] == detail::IdIndex::not_found) continue;
      ChainGroupLink &link = table(rank[c.group_of[from[i]]], rank[c.group_of[to[i]]]);
      ++link.services;
      link.weight += services[start + i].weight;
    }
  }
  c.links = table.take();
  std::sort(c.links.begin(), c.links.end(),
            [](const auto &x, const auto &y) { return x.from != y.from ? x.from < y.from : x.to < y.to; });
  for (auto &link : c.links) link.from = by_id[link.from], link.to = by_id[link.to];
}

}  // namespace

CollapsedChain collapse_chain(const Model &model, const ChainGraph &graph, const ChainAnalysis &analysis,
                              std::uint32_t depth) {
  const std::size_t n = model.units.size();
  if (graph.unit_count() != n || analysis.intrinsic.size() != n || analysis.layers.size() != n ||
      analysis.headcount.size() != n || analysis.impact.impact.size() != n || analysis.propagation.delivered.size() != n)
    throw ArgumentError("collapse_chain: the analysis is not of this model");
  logger()->debug("collapsing the chain at depth {}: {} units", depth, n);
  const detail::IdIndex index(model.units, [](const Unit &u) -> std::string_view { return u.id; });
  CollapsedChain c;
  c.depth = depth;
  assign_groups(c, analysis.layers, parent_indices(model, index));
  group_figures(c, model, analysis);
  group_links(c, model, index);
  logger()->debug("collapsed: {} groups, {} links", c.groups.size(), c.links.size());
  return c;
}

std::vector<std::size_t> groups_per_depth(const std::vector<std::uint32_t> &layers) {
  if (layers.empty()) return {};
  std::vector<std::size_t> count(static_cast<std::size_t>(*std::max_element(layers.begin(), layers.end())) + 1, 0);
  for (auto d : layers) ++count[d];
  std::partial_sum(count.begin(), count.end(), count.begin());
  return count;
}

std::optional<std::uint32_t> depth_for_max_groups(const std::vector<std::uint32_t> &layers, std::size_t max_groups) {
  const auto count = groups_per_depth(layers);
  std::optional<std::uint32_t> best;
  for (std::uint32_t d = 0; d < count.size() && count[d] <= max_groups; ++d) best = d;
  if (count.empty() && max_groups > 0) best = 0;
  return best;
}

std::optional<CollapsedChain> collapse_for_request(const Model &model, const ChainGraph &graph,
                                                   const ChainAnalysis &analysis, const CollapseRequest &request) {
  if (!request.any()) return std::nullopt;
  if (request.depth && request.max_groups) throw ArgumentError("give either a group depth or a maximum number of groups, not both");
  if (request.depth) return collapse_chain(model, graph, analysis, *request.depth);
  if (*request.max_groups == 0) throw ArgumentError("the maximum number of groups must be at least 1");
  const auto depth = depth_for_max_groups(analysis.layers, *request.max_groups);
  if (!depth) {
    std::string message = "no depth gives at most ";
    message.append(std::to_string(*request.max_groups)).append(" groups: the unit tree has ");
    message.append(std::to_string(groups_per_depth(analysis.layers).front())).append(" roots");
    throw ArgumentError(message);
  }
  return collapse_chain(model, graph, analysis, *depth);
}

void write_collapsed_json_fields(JsonWriter &w, const Model &model, const CollapsedChain &c) {
  const auto &units = model.units;
  auto id_of = [&](std::uint32_t g) -> const std::string & { return units[c.groups[g].root].id; };
  w.field("group_depth", static_cast<std::uint64_t>(c.depth));
  w.key("groups").begin_array();
  for (const auto &g : c.groups) {
    const Unit &root = units[g.root];
    w.begin_object();
    w.field("id", root.id);
    w.field("name", root.name.empty() ? root.id : root.name);
    w.field("depth", static_cast<std::uint64_t>(g.depth));
    w.field("units", static_cast<std::uint64_t>(g.units));
    w.field("headcount", static_cast<std::uint64_t>(g.headcount));
    w.field("quality", g.quality);
    w.field("delivered", g.delivered);
    w.field("impact", g.impact);
    w.key("weakest").begin_object().field("unit", units[g.weakest].id).field("quality", g.weakest_quality).end_object();
    w.end_object();
  }
  w.end_array();
  w.key("links").begin_array();
  for (const auto &link : c.links)
    w.begin_object()
        .field("from", id_of(link.from))
        .field("to", id_of(link.to))
        .field("services", static_cast<std::uint64_t>(link.services))
        .field("weight", link.weight)
        .end_object();
  w.end_array();
}

}  // namespace servicechain
