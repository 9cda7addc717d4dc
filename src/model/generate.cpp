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
#include "../io/csv_field.hpp"
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
  if (!(o.support_share >= 0 && o.support_share <= 1)) fail("support share must be in [0, 1]");
  if (o.support_units < 1 || o.support_units > 1000) fail("support units must be between 1 and 1000");
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

/// One generated organization, built in named steps (generate_organization
/// runs them in order). Every step draws from the one generator in a fixed
/// order, so the same options and seed give the same model.
class Generator {
 public:
  explicit Generator(const GenerateOptions &options)
      : o_(options), rng_(options.seed), n_(options.units), b_(options.branching), window_(2 * options.branching) {
    support_ = std::min<std::size_t>(o_.support_share > 0 ? o_.support_units : 0, n_ > 1 ? n_ - 1 : 0);
  }

  Model run() {
    model_.organization =
        Organization{"synthetic", "Synthetic organization (seed " + std::to_string(o_.seed) + ")", {}};
    make_unit_tree();
    add_tree_services();
    add_circular_dependencies();
    add_customers();
    connect_everyone_to_customers();
    write_services();
    if (o_.people_per_unit == 0) give_unit_qualities();
    else add_people();
    if (o_.plan_actions > 0) add_plan();
    return std::move(model_);
  }

 private:
  const GenerateOptions &o_;
  std::mt19937_64 rng_;
  const std::size_t n_, b_, window_;
  std::size_t support_ = 0;  ///< support units 1..support_ (0: none)
  Model model_;
  std::vector<std::string> ids_;
  std::vector<std::uint32_t> operative_;
  std::vector<Edge> edges_;
  std::vector<bool> owner_;

  /// A complete b-ary tree in breadth-first order, so siblings and cousins have
  /// neighbouring indices. Root and its children direct, inner units manage,
  /// leaves operate.
  void make_unit_tree() {
    const std::size_t width = std::to_string(n_ - 1).size();
    std::vector<std::uint8_t> depth(n_, 0);
    ids_.resize(n_);
    model_.units.resize(n_);
    for (std::size_t v = 0; v < n_; ++v) {
      ids_[v] = "u" + padded(v, width);
      Unit &unit = model_.units[v];
      unit.id = ids_[v];
      if (v > 0) {
        unit.parent = ids_[(v - 1) / b_];
        depth[v] = static_cast<std::uint8_t>(depth[(v - 1) / b_] + 1);
      }
      const bool leaf = b_ * v + 1 >= n_;
      if (leaf && (v > 0 || n_ == 1)) unit.level = Level::operative;
      else unit.level = depth[v] <= 1 ? Level::directive : Level::managerial;
      if (unit.level == Level::operative) operative_.push_back(static_cast<std::uint32_t>(v));
      unit.name = (unit.level == Level::directive ? "Directorate " : unit.level == Level::managerial ? "Department " : "Team ") + ids_[v];
    }
  }

  /// Which kind of service an input slot of a unit becomes.
  enum class Slot : std::uint8_t { usual, from_support, to_support };

  Slot draw_slot(std::size_t v) {
    // No draw at all without support units: models of the local shape stay
    // byte for byte what they were before the option existed.
    if (support_ == 0 || v <= support_) return Slot::usual;
    const double x = uniform01(rng_);
    if (x < o_.support_share / 2) return Slot::from_support;
    if (x < o_.support_share) return Slot::to_support;
    return Slot::usual;
  }

  /// The services each unit receives: the parent serves its child, the other
  /// inputs come from nearby units, a few from anywhere before (all from a
  /// lower to a higher index, so acyclic by themselves). With a support share,
  /// some input slots become a service from a support unit, others a service
  /// the unit gives a support unit (which points back: the giant component).
  void add_tree_services() {
    edges_.reserve(static_cast<std::size_t>(static_cast<double>(n_) * o_.services_per_unit * 1.05) + 16);
    const std::size_t base = static_cast<std::size_t>(o_.services_per_unit);
    const double fraction = o_.services_per_unit - static_cast<double>(base);
    std::vector<std::uint32_t> chosen, served;
    for (std::size_t v = 1; v < n_; ++v) {
      std::size_t d = base + (bernoulli(rng_, fraction) ? 1 : 0);
      if (d >= 1) d = d - 1 + uniform_below(rng_, 3);  // d-1, d or d+1: mean kept
      d = std::min(d, v);
      chosen.clear();
      served.clear();
      for (std::size_t i = 0; i < d; ++i) {
        const Slot slot = i == 0 ? Slot::usual : draw_slot(v);
        // One service per pair: a repeated partner is drawn again (a few tries).
        for (int attempt = 0; attempt < 8; ++attempt) {
          if (slot == Slot::to_support) {
            const auto s = static_cast<std::uint32_t>(1 + uniform_below(rng_, support_));
            if (std::find(served.begin(), served.end(), s) != served.end()) continue;
            served.push_back(s);
            edges_.push_back({static_cast<std::uint32_t>(v), s});
            break;
          }
          const std::uint32_t u = slot == Slot::from_support ? static_cast<std::uint32_t>(1 + uniform_below(rng_, support_))
                                                             : draw_provider(v, i);
          if (std::find(chosen.begin(), chosen.end(), u) != chosen.end()) continue;
          chosen.push_back(u);
          edges_.push_back({u, static_cast<std::uint32_t>(v)});
          break;
        }
      }
    }
  }

  /// The provider of unit v's i-th input: the parent first, then mostly the
  /// 2b units just before v, with probability long_range_share any earlier unit.
  std::uint32_t draw_provider(std::size_t v, std::size_t i) {
    if (i == 0) return static_cast<std::uint32_t>((v - 1) / b_);
    if (bernoulli(rng_, o_.long_range_share)) return static_cast<std::uint32_t>(uniform_below(rng_, v));
    return static_cast<std::uint32_t>(v - 1 - uniform_below(rng_, std::min(window_, v)));
  }

  /// Runs of consecutive units closed into a cycle (a forward chain and one
  /// service back). Runs are disjoint and every other service points forward
  /// (support services aside), so each run is one strongly connected
  /// component; its inputs sum to at most 0.9, so it is never a closed loop.
  void add_circular_dependencies() {
    if (!(o_.cycle_share > 0) || n_ < 2) return;
    const double mean_size = 5.0;  // 2 + geometric(1/4), capped at 50
    const double mean_gap = mean_size * (1 - o_.cycle_share) / o_.cycle_share;
    std::size_t at = 0;
    for (;;) {
      at += static_cast<std::size_t>(uniform01(rng_) * 2 * mean_gap);
      std::size_t size = 2;
      while (size < 50 && bernoulli(rng_, 0.75)) ++size;
      if (at + size > n_) break;
      for (std::size_t i = at; i + 1 < at + size; ++i)
        edges_.push_back({static_cast<std::uint32_t>(i), static_cast<std::uint32_t>(i + 1)});
      edges_.push_back({static_cast<std::uint32_t>(at + size - 1), static_cast<std::uint32_t>(at)});
      at += size;
    }
  }

  /// Segments and moments of truth, owned by operative units; the last unit
  /// always owns one.
  void add_customers() {
    for (std::size_t c = 0; c < o_.segments; ++c) {
      Segment s;
      s.id = "seg-" + std::to_string(c + 1);
      s.name = "Segment " + std::to_string(c + 1);
      s.size = static_cast<double>(100 + uniform_below(rng_, 901));
      model_.segments.push_back(std::move(s));
    }
    std::size_t moment_count = o_.moments;
    if (moment_count == 0) moment_count = std::clamp<std::size_t>(n_ / 20, 2 * o_.segments, 10'000);
    moment_count = std::max(moment_count, o_.segments);
    owner_.assign(n_, false);
    model_.moments.reserve(moment_count);
    for (std::size_t k = 0; k < moment_count; ++k) {
      MomentOfTruth m;
      m.id = "m-" + std::to_string(k + 1);
      m.name = "Moment " + std::to_string(k + 1);
      m.segment = model_.segments[k % o_.segments].id;
      const std::uint32_t o = k == 0 ? static_cast<std::uint32_t>(n_ - 1) : operative_[uniform_below(rng_, operative_.size())];
      owner_[o] = true;
      m.owner = ids_[o];
      m.stage = static_cast<std::int64_t>(k / o_.segments + 1);
      m.importance = static_cast<double>(1 + uniform_below(rng_, 5));
      m.volume = static_cast<double>(uniform_below(rng_, 1001));
      m.channel = channels[uniform_below(rng_, channels.size())];
      model_.moments.push_back(std::move(m));
    }
  }

  /// Every unit must reach a customer: one that serves no later unit and owns
  /// no moment serves a unit shortly after it (following services to later
  /// units ends at a unit serving no later unit, which then owns a moment).
  void connect_everyone_to_customers() {
    std::vector<bool> serves(n_, false);
    for (const Edge &e : edges_)
      if (e.to > e.from) serves[e.from] = true;
    for (std::size_t v = 0; v + 1 < n_; ++v)
      if (!serves[v] && !owner_[v])
        edges_.push_back({static_cast<std::uint32_t>(v),
                          static_cast<std::uint32_t>(v + 1 + uniform_below(rng_, std::min(window_, n_ - 1 - v)))});
  }

  /// Input weights of one unit with d services: a total drawn in [0.3, 0.9]
  /// split in random proportions, rounded down so the sum stays below it (to
  /// 1e-4, or to 1e-9 for a unit with more than 1,000 inputs, such as a
  /// support unit, whose shares would otherwise round to nothing).
  void draw_input_weights(std::size_t d, std::vector<double> &share) {
    const double total = 0.3 + 0.6 * uniform01(rng_);
    const double steps = d > 1000 ? 1e9 : 1e4;
    share.resize(d);
    double sum = 0;
    for (double &x : share) sum += (x = 0.2 + 0.8 * uniform01(rng_));
    double used = 0;
    for (std::size_t i = 0; i < d; ++i) {
      share[i] = std::max(1 / steps, std::floor(total * share[i] / sum * steps) / steps);
      used += share[i];
    }
    if (used > 0.9) std::fill(share.begin(), share.end(), std::floor(0.9 / static_cast<double>(d) * steps) / steps);
  }

  /// The services, grouped by the unit they serve (stable), with their
  /// weights, names and, for rated_share of them, an internal rating.
  void write_services() {
    std::vector<std::uint32_t> offsets(n_ + 1, 0);
    for (const Edge &e : edges_) ++offsets[e.to + 1];
    for (std::size_t v = 0; v < n_; ++v) offsets[v + 1] += offsets[v];
    std::vector<std::uint32_t> order(edges_.size());
    {
      std::vector<std::uint32_t> fill(offsets.begin(), offsets.end() - 1);
      for (std::size_t i = 0; i < edges_.size(); ++i) order[fill[edges_[i].to]++] = static_cast<std::uint32_t>(i);
    }
    model_.services.resize(edges_.size());
    std::vector<double> share;
    for (std::size_t v = 0; v < n_; ++v) {
      const std::size_t begin = offsets[v], d = offsets[v + 1] - begin;
      if (d == 0) continue;
      draw_input_weights(d, share);
      for (std::size_t i = 0; i < d; ++i) {
        const Edge &e = edges_[order[begin + i]];
        Service &s = model_.services[begin + i];
        s.from = ids_[e.from];
        s.to = ids_[e.to];
        s.name = service_names[uniform_below(rng_, service_names.size())];
        s.weight = share[i];
        if (bernoulli(rng_, o_.rated_share)) s.rating = round_to(0.5 + 0.5 * uniform01(rng_), 0.01);
      }
    }
  }

  void give_unit_qualities() {
    for (Unit &u : model_.units) u.quality = round_to(0.6 + 0.4 * uniform01(rng_), 0.001);
  }

  /// Intrinsic quality through people (morale x fit): a competency catalogue,
  /// one position per unit, people_per_unit people holding it.
  void add_people() {
    for (auto [id, name] : competency_catalogue) model_.competencies.push_back(Competency{id, name, {}});
    model_.positions.reserve(n_);
    model_.people.reserve(n_ * o_.people_per_unit);
    for (std::size_t v = 0; v < n_; ++v) {
      Position pos = make_position(v);
      for (std::size_t k = 0; k < o_.people_per_unit; ++k) model_.people.push_back(make_person(v, k, pos));
      model_.positions.push_back(std::move(pos));
    }
  }

  /// Unit v's position: three distinct competencies at levels 2-5; leaders need leadership.
  Position make_position(std::size_t v) {
    const Unit &unit = model_.units[v];
    Position pos;
    pos.id = "pos-" + ids_[v];
    pos.title = unit.level == Level::directive ? "Director" : unit.level == Level::managerial ? "Manager" : "Agent";
    pos.unit = ids_[v];
    std::vector<std::size_t> picks;
    if (unit.level != Level::operative) picks.push_back(5);
    while (picks.size() < 3) {
      std::size_t c = uniform_below(rng_, competency_catalogue.size());
      if (std::find(picks.begin(), picks.end(), c) == picks.end()) picks.push_back(c);
    }
    std::sort(picks.begin(), picks.end());
    for (std::size_t c : picks)
      pos.requires_levels.emplace_back(competency_catalogue[c].first, static_cast<double>(2 + uniform_below(rng_, 4)));
    return pos;
  }

  std::string head_of(std::size_t v) const { return "p-" + ids_[v] + "-1"; }

  /// The k-th person of unit v; the first heads the unit and reports to the head of the parent unit.
  Person make_person(std::size_t v, std::size_t k, const Position &pos) {
    const Unit &unit = model_.units[v];
    Person person;
    person.id = "p-" + ids_[v] + "-" + std::to_string(k + 1);
    person.name = "Person " + ids_[v] + "-" + std::to_string(k + 1);
    person.unit = ids_[v];
    person.position = pos.id;
    if (k > 0) person.manager = head_of(v);
    else if (v > 0) person.manager = head_of((v - 1) / b_);
    person.morale = round_to(0.5 + 0.5 * uniform01(rng_), 0.01);
    for (const auto &[competency, level] : pos.requires_levels) {
      (void)level;
      person.competencies.emplace_back(competency, static_cast<double>(uniform_below(rng_, 6)));
    }
    person.customer_contacts_per_year =
        static_cast<double>(unit.level == Level::operative ? 10 + uniform_below(rng_, 191) : uniform_below(rng_, 13));
    person.training_hours = static_cast<double>(uniform_below(rng_, 41));
    return person;
  }

  /// One improvement plan: quality (or morale) actions on random units, each
  /// waiting for an earlier action now and then.
  void add_plan() {
    Plan plan;
    plan.id = "plan-1";
    plan.name = "Service improvement plan";
    plan.start = "2027-01-04";
    double total_cost = 0;
    constexpr std::array<ActionType, 4> types = {ActionType::immediate, ActionType::corrective, ActionType::preventive,
                                                 ActionType::improvement};
    for (std::size_t k = 0; k < o_.plan_actions; ++k) {
      Action a;
      a.id = "a-" + std::to_string(k + 1);
      const std::size_t v = uniform_below(rng_, n_);
      a.title = "Improve " + ids_[v];
      a.type = types[k % types.size()];
      a.target = ActionTarget{ActionTarget::Kind::unit, ids_[v]};
      if (o_.people_per_unit > 0 && bernoulli(rng_, 0.3))
        a.effect = ActionEffect{ActionEffect::Kind::morale, round_to(0.02 + 0.1 * uniform01(rng_), 0.01), {}};
      else
        a.effect = ActionEffect{ActionEffect::Kind::quality, round_to(0.01 + 0.09 * uniform01(rng_), 0.01), {}};
      a.cost = static_cast<double>(1000 + 100 * uniform_below(rng_, 191));
      a.duration_days = static_cast<double>(1 + uniform_below(rng_, 60));
      if (k > 0 && bernoulli(rng_, 0.3)) a.after.push_back("a-" + std::to_string(1 + uniform_below(rng_, k)));
      if (o_.people_per_unit > 0) a.owner = "p-" + ids_[v] + "-1";
      total_cost += a.cost;
      plan.actions.push_back(std::move(a));
    }
    plan.budget = std::floor(total_cost * 0.6);
    model_.plans.push_back(std::move(plan));
  }
};

}  // namespace

Model generate_organization(const GenerateOptions &options) {
  check(options);
  return Generator(options).run();
}

namespace {

using detail::append_csv_field;

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
