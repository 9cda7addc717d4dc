#include "servicechain/generate.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <ctime>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "servicechain/error.hpp"
#include "../util/random.hpp"

namespace servicechain {
namespace {

using detail::bernoulli;
using detail::uniform01;
using detail::uniform_below;

constexpr std::array<const char *, 10> service_names = {"supplies",    "maintenance", "IT support", "payroll",
                                                        "training",    "information", "cleaning",   "security",
                                                        "recruiting",  "coordination"};
constexpr std::array<const char *, 4> channels = {"in person", "phone", "web", "email"};
constexpr std::array<std::pair<const char *, const char *>, 8> competency_catalogue = {{
    {"empathy", "Empathy"},
    {"communication", "Communication"},
    {"product_knowledge", "Product knowledge"},
    {"problem_solving", "Problem solving"},
    {"teamwork", "Teamwork"},
    {"leadership", "Leadership"},
    {"planning", "Planning"},
    {"emotional_intelligence", "Emotional intelligence"},
}};

double round_to(double x, double step) { return std::floor(x / step + 0.5) * step; }

std::string padded(std::size_t value, std::size_t width) {
  std::string digits = std::to_string(value);
  if (digits.size() < width) digits.insert(0, width - digits.size(), '0');
  return digits;
}

void check(const GenerateOptions &o) {
  auto fail = [](const std::string &what) { throw ArgumentError("generate: " + what); };
  if (o.units < 1 || o.units > 50'000'000) fail("units must be between 1 and 50,000,000");
  if (!(o.services_per_unit >= 0 && o.services_per_unit <= 10)) fail("services per unit must be in [0, 10]");
  if (!(o.cycle_share >= 0 && o.cycle_share <= 1)) fail("cycle share must be in [0, 1]");
  if (!(o.long_range_share >= 0 && o.long_range_share <= 1)) fail("long-range share must be in [0, 1]");
  if (!(o.rated_share >= 0 && o.rated_share <= 1)) fail("rated share must be in [0, 1]");
  if (o.branching < 2) fail("branching must be at least 2");
  if (o.segments < 1 || o.segments > 1000) fail("segments must be between 1 and 1000");
  if (o.people_per_unit > 1000) fail("people per unit must be at most 1000");
  if (o.moments > 10'000'000) fail("moments must be at most 10,000,000");
  if (o.plan_actions > 100'000) fail("plan actions must be at most 100,000");
}

struct Edge {
  std::uint32_t from, to;
};

}  // namespace

Model generate_organization(const GenerateOptions &options) {
  check(options);
  std::mt19937_64 rng(options.seed);
  const std::size_t n = options.units, b = options.branching;
  const std::size_t width = std::to_string(n - 1).size();
  Model model;
  model.organization = Organization{"synthetic", "Synthetic organization (seed " + std::to_string(options.seed) + ")", {}};

  // Unit tree: a complete b-ary tree in breadth-first order, so siblings and
  // cousins have neighbouring indices. Root and its children direct, inner
  // units manage, leaves operate.
  std::vector<std::string> ids(n);
  std::vector<std::uint32_t> operative;
  std::vector<std::uint8_t> depth(n, 0);
  model.units.resize(n);
  for (std::size_t v = 0; v < n; ++v) {
    ids[v] = "u" + padded(v, width);
    Unit &unit = model.units[v];
    unit.id = ids[v];
    if (v > 0) {
      unit.parent = ids[(v - 1) / b];
      depth[v] = static_cast<std::uint8_t>(depth[(v - 1) / b] + 1);
    }
    const bool leaf = b * v + 1 >= n;
    if (leaf && (v > 0 || n == 1)) unit.level = Level::operative;
    else unit.level = depth[v] <= 1 ? Level::directive : Level::managerial;
    if (unit.level == Level::operative) operative.push_back(static_cast<std::uint32_t>(v));
    unit.name = (unit.level == Level::directive ? "Directorate " : unit.level == Level::managerial ? "Department " : "Team ") + ids[v];
  }

  // Services, all from a lower to a higher index (so acyclic) until the
  // circular dependencies are added: the parent serves its child, the other
  // inputs come from nearby units, a few from anywhere before.
  const std::size_t window = 2 * b;
  std::vector<Edge> edges;
  edges.reserve(static_cast<std::size_t>(static_cast<double>(n) * options.services_per_unit * 1.05) + 16);
  const std::size_t base = static_cast<std::size_t>(options.services_per_unit);
  const double fraction = options.services_per_unit - static_cast<double>(base);
  std::vector<std::uint32_t> chosen;
  for (std::size_t v = 1; v < n; ++v) {
    std::size_t d = base + (bernoulli(rng, fraction) ? 1 : 0);
    if (d >= 1) d = d - 1 + uniform_below(rng, 3);  // d-1, d or d+1: mean kept
    d = std::min(d, v);
    chosen.clear();
    for (std::size_t i = 0; i < d; ++i) {
      // One service per pair here: a repeated supplier is drawn again (a few tries).
      for (int attempt = 0; attempt < 8; ++attempt) {
        std::uint32_t u;
        if (i == 0) u = static_cast<std::uint32_t>((v - 1) / b);
        else if (bernoulli(rng, options.long_range_share)) u = static_cast<std::uint32_t>(uniform_below(rng, v));
        else u = static_cast<std::uint32_t>(v - 1 - uniform_below(rng, std::min(window, v)));
        if (std::find(chosen.begin(), chosen.end(), u) != chosen.end()) continue;
        chosen.push_back(u);
        edges.push_back({u, static_cast<std::uint32_t>(v)});
        break;
      }
    }
  }

  // Circular dependencies: runs of consecutive units closed into a cycle
  // (a forward chain and one service back). Runs are disjoint and every other
  // service points forward, so each run is exactly one strongly connected
  // component; its inputs sum to at most 0.9, so it is never a closed loop.
  if (options.cycle_share > 0 && n >= 2) {
    const double mean_size = 5.0;  // 2 + geometric(1/4), capped at 50
    const double mean_gap = mean_size * (1 - options.cycle_share) / options.cycle_share;
    std::size_t at = 0;
    for (;;) {
      at += static_cast<std::size_t>(uniform01(rng) * 2 * mean_gap);
      std::size_t size = 2;
      while (size < 50 && bernoulli(rng, 0.75)) ++size;
      if (at + size > n) break;
      for (std::size_t i = at; i + 1 < at + size; ++i)
        edges.push_back({static_cast<std::uint32_t>(i), static_cast<std::uint32_t>(i + 1)});
      edges.push_back({static_cast<std::uint32_t>(at + size - 1), static_cast<std::uint32_t>(at)});
      at += size;
    }
  }

  // Segments and moments of truth, owned by operative units; the last unit
  // always owns one.
  for (std::size_t c = 0; c < options.segments; ++c) {
    Segment s;
    s.id = "seg-" + std::to_string(c + 1);
    s.name = "Segment " + std::to_string(c + 1);
    s.size = static_cast<double>(100 + uniform_below(rng, 901));
    model.segments.push_back(std::move(s));
  }
  std::size_t moment_count = options.moments;
  if (moment_count == 0) moment_count = std::clamp<std::size_t>(n / 20, 2 * options.segments, 10'000);
  moment_count = std::max(moment_count, options.segments);
  std::vector<bool> owner(n, false);
  model.moments.reserve(moment_count);
  for (std::size_t k = 0; k < moment_count; ++k) {
    MomentOfTruth m;
    m.id = "m-" + std::to_string(k + 1);
    m.name = "Moment " + std::to_string(k + 1);
    m.segment = model.segments[k % options.segments].id;
    const std::uint32_t o = k == 0 ? static_cast<std::uint32_t>(n - 1) : operative[uniform_below(rng, operative.size())];
    owner[o] = true;
    m.owner = ids[o];
    m.stage = static_cast<std::int64_t>(k / options.segments + 1);
    m.importance = static_cast<double>(1 + uniform_below(rng, 5));
    m.volume = static_cast<double>(uniform_below(rng, 1001));
    m.channel = channels[uniform_below(rng, channels.size())];
    model.moments.push_back(std::move(m));
  }

  // Every unit must reach a customer: one that serves no later unit and owns
  // no moment serves a unit shortly after it (following services to later
  // units ends at a unit serving no later unit, which then owns a moment).
  {
    std::vector<bool> serves(n, false);
    for (const Edge &e : edges)
      if (e.to > e.from) serves[e.from] = true;
    for (std::size_t v = 0; v + 1 < n; ++v)
      if (!serves[v] && !owner[v])
        edges.push_back({static_cast<std::uint32_t>(v),
                         static_cast<std::uint32_t>(v + 1 + uniform_below(rng, std::min(window, n - 1 - v)))});
  }

  // Services grouped by the unit they serve (stable), with input weights
  // summing to at most 0.9 per unit.
  std::vector<std::uint32_t> offsets(n + 1, 0);
  for (const Edge &e : edges) ++offsets[e.to + 1];
  for (std::size_t v = 0; v < n; ++v) offsets[v + 1] += offsets[v];
  std::vector<std::uint32_t> order(edges.size());
  {
    std::vector<std::uint32_t> fill(offsets.begin(), offsets.end() - 1);
    for (std::size_t i = 0; i < edges.size(); ++i) order[fill[edges[i].to]++] = static_cast<std::uint32_t>(i);
  }
  model.services.resize(edges.size());
  std::vector<double> share;
  for (std::size_t v = 0; v < n; ++v) {
    const std::size_t begin = offsets[v], end = offsets[v + 1], d = end - begin;
    if (d == 0) continue;
    const double total = 0.3 + 0.6 * uniform01(rng);
    share.resize(d);
    double sum = 0;
    for (double &x : share) sum += (x = 0.2 + 0.8 * uniform01(rng));
    double used = 0;
    for (std::size_t i = 0; i < d; ++i) {
      // Rounded down to 1e-4 so the sum stays below `total`.
      share[i] = std::max(1e-4, std::floor(total * share[i] / sum * 1e4) / 1e4);
      used += share[i];
    }
    if (used > 0.9) std::fill(share.begin(), share.end(), std::floor(0.9 / static_cast<double>(d) * 1e4) / 1e4);
    for (std::size_t i = 0; i < d; ++i) {
      const Edge &e = edges[order[begin + i]];
      Service &s = model.services[begin + i];
      s.from = ids[e.from];
      s.to = ids[e.to];
      s.name = service_names[uniform_below(rng, service_names.size())];
      s.weight = share[i];
      if (bernoulli(rng, options.rated_share)) s.rating = round_to(0.5 + 0.5 * uniform01(rng), 0.01);
    }
  }

  // Intrinsic quality: given per unit, or through people (morale x fit).
  if (options.people_per_unit == 0) {
    for (Unit &u : model.units) u.quality = round_to(0.6 + 0.4 * uniform01(rng), 0.001);
  } else {
    for (auto [id, name] : competency_catalogue) model.competencies.push_back(Competency{id, name, {}});
    const std::size_t p = options.people_per_unit;
    model.positions.reserve(n);
    model.people.reserve(n * p);
    auto head = [&](std::size_t v) { return "p-" + ids[v] + "-1"; };
    for (std::size_t v = 0; v < n; ++v) {
      const Unit &unit = model.units[v];
      Position pos;
      pos.id = "pos-" + ids[v];
      pos.title = unit.level == Level::directive ? "Director" : unit.level == Level::managerial ? "Manager" : "Agent";
      pos.unit = ids[v];
      // Three distinct competencies; leaders need leadership.
      std::vector<std::size_t> picks;
      if (unit.level != Level::operative) picks.push_back(5);
      while (picks.size() < 3) {
        std::size_t c = uniform_below(rng, competency_catalogue.size());
        if (std::find(picks.begin(), picks.end(), c) == picks.end()) picks.push_back(c);
      }
      std::sort(picks.begin(), picks.end());
      for (std::size_t c : picks)
        pos.requires_levels.emplace_back(competency_catalogue[c].first, static_cast<double>(2 + uniform_below(rng, 4)));
      for (std::size_t k = 0; k < p; ++k) {
        Person person;
        person.id = "p-" + ids[v] + "-" + std::to_string(k + 1);
        person.name = "Person " + ids[v] + "-" + std::to_string(k + 1);
        person.unit = ids[v];
        person.position = pos.id;
        if (k > 0) person.manager = head(v);
        else if (v > 0) person.manager = head((v - 1) / b);
        person.morale = round_to(0.5 + 0.5 * uniform01(rng), 0.01);
        for (const auto &[competency, level] : pos.requires_levels) {
          (void)level;
          person.competencies.emplace_back(competency, static_cast<double>(uniform_below(rng, 6)));
        }
        person.customer_contacts_per_year =
            static_cast<double>(unit.level == Level::operative ? 10 + uniform_below(rng, 191) : uniform_below(rng, 13));
        person.training_hours = static_cast<double>(uniform_below(rng, 41));
        model.people.push_back(std::move(person));
      }
      model.positions.push_back(std::move(pos));
    }
  }

  // One improvement plan: quality (or morale) actions on random units, each
  // waiting for an earlier action now and then.
  if (options.plan_actions > 0) {
    Plan plan;
    plan.id = "plan-1";
    plan.name = "Service improvement plan";
    plan.start = "2027-01-04";
    double total_cost = 0;
    constexpr std::array<ActionType, 4> types = {ActionType::immediate, ActionType::corrective, ActionType::preventive,
                                                 ActionType::improvement};
    for (std::size_t k = 0; k < options.plan_actions; ++k) {
      Action a;
      a.id = "a-" + std::to_string(k + 1);
      const std::size_t v = uniform_below(rng, n);
      a.title = "Improve " + ids[v];
      a.type = types[k % types.size()];
      a.target = ActionTarget{ActionTarget::Kind::unit, ids[v]};
      if (options.people_per_unit > 0 && bernoulli(rng, 0.3))
        a.effect = ActionEffect{ActionEffect::Kind::morale, round_to(0.02 + 0.1 * uniform01(rng), 0.01), {}};
      else
        a.effect = ActionEffect{ActionEffect::Kind::quality, round_to(0.01 + 0.09 * uniform01(rng), 0.01), {}};
      a.cost = static_cast<double>(1000 + 100 * uniform_below(rng, 191));
      a.duration_days = static_cast<double>(1 + uniform_below(rng, 60));
      if (k > 0 && bernoulli(rng, 0.3)) a.after.push_back("a-" + std::to_string(1 + uniform_below(rng, k)));
      if (options.people_per_unit > 0) a.owner = "p-" + ids[v] + "-1";
      total_cost += a.cost;
      plan.actions.push_back(std::move(a));
    }
    plan.budget = std::floor(total_cost * 0.6);
    model.plans.push_back(std::move(plan));
  }
  return model;
}

namespace {

/// One CSV field (RFC 4180): quoted when it holds a comma, quote or line break.
void append_csv_field(std::string &out, std::string_view field) {
  if (field.find_first_of(",\"\r\n") == std::string_view::npos) {
    out.append(field);
    return;
  }
  out.push_back('"');
  for (char c : field) {
    if (c == '"') out.push_back('"');
    out.push_back(c);
  }
  out.push_back('"');
}

/// Index of the item drawn with probability proportional to its weight
/// (`cumulative` holds the running sums; a zero total draws uniformly).
std::size_t draw_weighted(std::mt19937_64 &rng, const std::vector<double> &cumulative) {
  const double total = cumulative.back();
  if (!(total > 0)) return uniform_below(rng, cumulative.size());
  const double x = uniform01(rng) * total;
  const auto it = std::upper_bound(cumulative.begin(), cumulative.end(), x);
  return std::min<std::size_t>(static_cast<std::size_t>(it - cumulative.begin()), cumulative.size() - 1);
}

/// "YYYY-MM-DDThh:mm:ssZ" of seconds since 1970-01-01.
void append_timestamp(std::string &out, std::int64_t seconds) {
  const auto time = static_cast<std::time_t>(seconds);
  std::tm tm{};
  gmtime_r(&time, &tm);
  char buffer[32];
  out.append(buffer, std::strftime(buffer, sizeof buffer, "%Y-%m-%dT%H:%M:%SZ", &tm));
}

}  // namespace

std::string generate_servqual_csv(const Model &model, const GeneratedSurveyOptions &options) {
  if (options.respondents < 1 || options.respondents > 50'000'000)
    throw ArgumentError("generate survey: respondents must be between 1 and 50,000,000");
  if (!(options.missing_share >= 0 && options.missing_share < 1))
    throw ArgumentError("generate survey: missing share must be in [0, 1)");
  if (model.moments.empty()) throw ArgumentError("generate survey: the model has no moment of truth");
  std::unordered_map<std::string_view, double> unit_quality;
  unit_quality.reserve(model.units.size());
  for (const Unit &u : model.units) unit_quality.emplace(u.id, u.quality.value_or(0.8));
  std::vector<double> cumulative, owner_quality;
  double sum = 0;
  for (const MomentOfTruth &m : model.moments) {
    cumulative.push_back(sum += m.volume);
    auto it = unit_quality.find(m.owner);
    owner_quality.push_back(it == unit_quality.end() ? 0.8 : it->second);
  }
  constexpr int items = 22;
  constexpr std::array<const char *, 5> dimensions = {"tangibles", "reliability", "responsiveness", "assurance",
                                                       "empathy"};
  std::string out = "respondent,segment,moment";
  for (char side : {'E', 'P'})
    for (int i = 1; i <= items; ++i) out += "," + std::string(1, side) + std::to_string(i);
  for (const char *d : dimensions) out += std::string(",W_") + d;
  out += "\n";
  std::mt19937_64 rng(options.seed);
  const std::size_t width = std::to_string(options.respondents).size();
  auto clamp_answer = [](double x) { return static_cast<int>(std::clamp(std::floor(x + 0.5), 1.0, 7.0)); };
  std::array<int, items> expectation{};
  for (std::size_t r = 0; r < options.respondents; ++r) {
    const std::size_t k = draw_weighted(rng, cumulative);
    const MomentOfTruth &m = model.moments[k];
    out += "r" + padded(r + 1, width) + ",";
    append_csv_field(out, m.segment);
    out.push_back(',');
    append_csv_field(out, m.id);
    const double shortfall = 6.0 * (1.0 - owner_quality[k]);
    for (int i = 0; i < items; ++i) {
      expectation[i] = clamp_answer(5.5 + 3.0 * (uniform01(rng) - 0.5));
      out.push_back(',');
      if (!bernoulli(rng, options.missing_share)) out += std::to_string(expectation[i]);
    }
    for (int i = 0; i < items; ++i) {
      out.push_back(',');
      if (!bernoulli(rng, options.missing_share))
        out += std::to_string(clamp_answer(expectation[i] - shortfall + 3.0 * (uniform01(rng) - 0.5)));
    }
    // Points out of 100 over the five dimensions: four cuts of [0, 100].
    std::array<int, 6> cuts = {0, 0, 0, 0, 0, 100};
    for (int c = 1; c <= 4; ++c) cuts[c] = static_cast<int>(uniform_below(rng, 101));
    std::sort(cuts.begin() + 1, cuts.begin() + 5);
    for (int d = 0; d < 5; ++d) out += "," + std::to_string(cuts[d + 1] - cuts[d]);
    out += "\n";
  }
  return out;
}

std::string generate_event_log_csv(const Model &model, const GeneratedEventLogOptions &options) {
  if (options.cases < 1 || options.cases > 50'000'000)
    throw ArgumentError("generate event log: cases must be between 1 and 50,000,000");
  if (options.max_events < 1 || options.max_events > 1000)
    throw ArgumentError("generate event log: events per case must be between 1 and 1000");
  if (model.units.empty()) throw ArgumentError("generate event log: the model has no unit");
  const std::size_t n = model.units.size();
  std::unordered_map<std::string_view, std::uint32_t> index;
  index.reserve(n);
  for (std::size_t v = 0; v < n; ++v) index.emplace(model.units[v].id, static_cast<std::uint32_t>(v));
  // Services by provider: (customer, service) in file order.
  std::vector<std::uint32_t> offsets(n + 1, 0);
  std::vector<std::pair<std::uint32_t, std::uint32_t>> ends;  // (from, to) per usable service
  std::vector<std::uint32_t> service_of;
  for (std::size_t s = 0; s < model.services.size(); ++s) {
    auto f = index.find(model.services[s].from), t = index.find(model.services[s].to);
    if (f == index.end() || t == index.end() || f->second == t->second) continue;
    ends.emplace_back(f->second, t->second);
    service_of.push_back(static_cast<std::uint32_t>(s));
    ++offsets[f->second + 1];
  }
  for (std::size_t v = 0; v < n; ++v) offsets[v + 1] += offsets[v];
  std::vector<std::uint32_t> customers(ends.size());
  {
    std::vector<std::uint32_t> fill(offsets.begin(), offsets.end() - 1);
    for (std::size_t e = 0; e < ends.size(); ++e) customers[fill[ends[e].first]++] = static_cast<std::uint32_t>(e);
  }
  std::string out = "case:concept:name,concept:name,org:resource,time:timestamp\n";
  std::mt19937_64 rng(options.seed);
  const std::size_t width = std::to_string(options.cases).size();
  std::int64_t clock = 1'798'761'600;  // 2027-01-01T00:00:00Z
  for (std::size_t c = 0; c < options.cases; ++c) {
    const std::string case_id = "c" + padded(c + 1, width);
    clock += static_cast<std::int64_t>(uniform_below(rng, 600));  // cases start up to 10 minutes apart
    std::int64_t at = clock;
    std::uint32_t unit = static_cast<std::uint32_t>(uniform_below(rng, n));
    std::string_view activity = "request";
    const std::size_t events = 1 + uniform_below(rng, options.max_events);
    for (std::size_t k = 0; k < events; ++k) {
      out += case_id;
      out.push_back(',');
      append_csv_field(out, activity);
      out.push_back(',');
      append_csv_field(out, model.units[unit].id);
      out.push_back(',');
      append_timestamp(out, at);
      out.push_back('\n');
      const std::uint32_t outgoing = offsets[unit + 1] - offsets[unit];
      if (outgoing == 0) break;  // the work reached a unit that serves no other unit
      const std::uint32_t e = customers[offsets[unit] + uniform_below(rng, outgoing)];
      const Service &service = model.services[service_of[e]];
      activity = service.name.empty() ? std::string_view("handover") : std::string_view(service.name);
      unit = ends[e].second;
      at += 60 + static_cast<std::int64_t>(uniform_below(rng, 4 * 3600));
    }
  }
  return out;
}

}  // namespace servicechain
