#include "servicechain/validate.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <optional>
#include <type_traits>

#include "../io/json_path.hpp"
#include "servicechain/detail/scc.hpp"
#include "servicechain/bundled.hpp"
#include "servicechain/text/messages.hpp"
#include "../util/id_index.hpp"
#include "../util/quoted.hpp"

namespace servicechain {

const std::vector<std::string_view> &known_metrics() {
  static const std::vector<std::string_view> metrics{
      "unit.quality", "unit.delivered_quality", "unit.customer_distance", "unit.layers", "moment.quality",
      "segment.satisfaction", "org.csi", "person.customer_contacts_per_year", "person.training_hours",
      "person.fit", "person.morale", "manager.span_of_control", "unit.morale", "unit.morale_ceiling",
      "unit.internal_rating", "unit.rating_gap", "unit.message_fidelity", "org.maturity_index",
      // from an internal customer survey (evaluated only when one is given)
      "unit.enps", "unit.survey_internal_rating",
      // survey measures (evaluated only when a survey is given)
      "survey.servqual.unweighted", "survey.servqual.weighted", "survey.servqual.negative_share",
      "survey.servqual.gap.tangibles", "survey.servqual.gap.reliability", "survey.servqual.gap.responsiveness",
      "survey.servqual.gap.assurance", "survey.servqual.gap.empathy", "survey.nps", "survey.csat", "survey.ces",
      "survey.ipa.csi"};
  return metrics;
}

bool is_known_metric(std::string_view metric) {
  const auto &m = known_metrics();
  return std::find(m.begin(), m.end(), metric) != m.end();
}

bool is_iso_date(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return false;
  for (std::size_t i : {0, 1, 2, 3, 5, 6, 8, 9})
    if (text[i] < '0' || text[i] > '9') return false;
  auto num = [&](std::size_t at, std::size_t len) {
    int v = 0;
    for (std::size_t i = at; i < at + len; ++i) v = v * 10 + (text[i] - '0');
    return v;
  };
  std::chrono::year_month_day date{std::chrono::year(num(0, 4)), std::chrono::month(unsigned(num(5, 2))),
                                   std::chrono::day(unsigned(num(8, 2)))};
  return date.ok();
}

namespace {

using Index = detail::IdIndex;

using detail::quoted;

/// "/<list>/<i><field>", spelled out only when a check fails: validating 10^7
/// services must not build 10^7 path strings.
auto item_path(std::string_view list, std::size_t i, std::string_view field = "") {
  return [=] { return "/" + std::string(list) + "/" + std::to_string(i) + std::string(field); };
}

template <class Path>
std::string spell(const Path &path) {
  if constexpr (std::is_invocable_v<const Path &>) return path();
  else return std::string(path);
}

class Validator {
 public:
  Validator(const Model &m, Diagnostics &d) : m_(m), d_(d) {}

  void run() {
    index_ids();
    units();
    positions();
    people();
    segments();
    services();
    moments();
    policies();
    curriculum();
    plans();
    assessment();
    warnings();
  }

 private:
  // ---- ids ----------------------------------------------------------------
  template <class T>
  void index(const std::vector<T> &items, std::string_view list, Index &idx, std::string_view kind,
             bool shared_with_units = false) {
    for (std::size_t i = 0; i < items.size(); ++i) {
      const std::string &id = items[i].id;
      auto path = item_path(list, i, "/id");
      if (id.empty()) {
        d_.error(text::diagnostic(path(), "empty_id", "diag.empty_id", {text::word(kind)}));
        continue;
      }
      printable(id, path, kind, "id");
      if constexpr (requires { items[i].name; }) printable(items[i].name, item_path(list, i, "/name"), kind, "name");
      if constexpr (requires { items[i].title; }) printable(items[i].title, item_path(list, i, "/title"), kind, "title");
      if (!idx.insert(id, static_cast<std::uint32_t>(i))) {
        d_.error(text::diagnostic(path(), "duplicate_id", "diag.duplicate_id", {text::word(kind), quoted(id)}));
        continue;
      }
      if (shared_with_units && units_.contains(id))
        d_.error(text::diagnostic(path(), "duplicate_id", "diag.duplicate_id.segment_unit", {quoted(id)}));
    }
  }

  /// A control character (U+0000-U+001F, U+007F, U+0080-U+009F) in an id or
  /// name would reach terminals, reports and messages: an error at its path.
  template <class Path>
  void printable(std::string_view text, const Path &path, std::string_view kind, std::string_view field) {
    const auto at = find_control_character(text);
    if (!at) return;
    // The text itself is not quoted: a person's name is personal data.
    d_.error(text::diagnostic(spell(path), "control_character", "diag.control_character",
                              {text::word(kind), text::word(field), std::to_string(*at)}));
  }

  void index_ids() {
    if (m_.organization && m_.organization->id.empty())
      d_.error(text::diagnostic("/organization/id", "empty_id", "diag.empty_id", {text::word("organization")}));
    if (m_.organization) {
      printable(m_.organization->id, "/organization/id", "organization", "id");
      printable(m_.organization->name, "/organization/name", "organization", "name");
    }
    index(m_.units, "units", units_, "unit");
    index(m_.competencies, "competencies", competencies_, "competency");
    index(m_.positions, "positions", positions_, "position");
    index(m_.people, "people", people_, "person");
    index(m_.segments, "segments", segments_, "segment", true);
    index(m_.moments, "moments_of_truth", moments_, "moment of truth");
    index(m_.policies, "policies", policies_, "policy");
    if (m_.curriculum) index(*m_.curriculum, "curriculum", modules_, "curriculum module");
    index(m_.plans, "plans", plans_, "plan");
    Index standards, actions;
    for (std::size_t p = 0; p < m_.policies.size(); ++p)
      index(m_.policies[p].standards, "policies/" + std::to_string(p) + "/standards", standards, "standard");
    for (std::size_t p = 0; p < m_.plans.size(); ++p)
      index(m_.plans[p].actions, "plans/" + std::to_string(p) + "/actions", actions, "action");
  }

  /// The index `id` names, or a dangling_reference error at `path` (none for an
  /// empty id: the reader reported it).
  template <class Path>
  std::optional<std::uint32_t> resolve(const Index &idx, const std::string &id, const Path &path, std::string_view kind) {
    return resolved(idx.find(id).value_or(Index::not_found), id, path, kind);
  }
  /// `at` (an index's answer for `id`), or the dangling_reference error when not found.
  template <class Path>
  std::optional<std::uint32_t> resolved(std::uint32_t at, const std::string &id, const Path &path, std::string_view kind) {
    if (at != Index::not_found) return at;
    if (!id.empty())
      d_.error(text::diagnostic(spell(path), "dangling_reference", "diag.dangling_reference", {text::word(kind), quoted(id)}));
    return std::nullopt;
  }
  template <class Path>
  bool ref(const Index &idx, const std::string &id, const Path &path, std::string_view kind) {
    return resolve(idx, id, path, kind).has_value();
  }

  // Competency ids are checked against the catalogue when the model has one.
  // The path is spelled only for a problem: most maps have none.
  template <class Path>
  void competency_keys(const CompetencyMap &map, const Path &path, double lo, double hi, bool positive = false) {
    for (const auto &[key, value] : map) {
      auto p = [&] { return json_path_append(spell(path), key); };
      if (!m_.competencies.empty() && !competencies_.contains(key))
        d_.error(text::diagnostic(p(), "dangling_reference", "diag.dangling_reference.competency", {quoted(key)}));
      if (positive ? !(value > lo && value <= hi) : !(value >= lo && value <= hi))
        out_of_range(p(), value, lo, hi, positive);
    }
  }

  void out_of_range(const std::string &path, double value, double lo, double hi, bool open_low = false) {
    std::string range = std::string(open_low ? "(" : "[") + number(lo) + ", " + (std::isinf(hi) ? "inf)" : number(hi) + "]");
    d_.error(text::diagnostic(path, "out_of_range", "diag.out_of_range", {number(value), range}));
  }

  static std::string number(double v) {
    std::string s = std::to_string(v);
    s.erase(s.find_last_not_of('0') + 1);
    if (!s.empty() && s.back() == '.') s.pop_back();
    return s;
  }

  template <class Path>
  void range(double value, const Path &path, double lo, double hi = INFINITY, bool open_low = false) {
    bool ok = open_low ? value > lo : value >= lo;
    if (!ok || value > hi || std::isnan(value)) out_of_range(spell(path), value, lo, hi, open_low);
  }

  // Reports each cycle of a parent relation (unit tree, manager tree) once.
  template <class T, class Parent>
  void tree_cycles(const std::vector<T> &items, const Index &idx, Parent parent_of, std::string_view list,
                   std::string_view field, std::string_view code, std::string_view what) {
    std::vector<std::uint8_t> state(items.size(), 0);  // 0 new, 1 on current walk, 2 done
    std::vector<std::size_t> walk;
    for (std::size_t start = 0; start < items.size(); ++start) {
      walk.clear();
      std::size_t v = start;
      while (true) {
        if (state[v] == 2) break;
        if (state[v] == 1) {
          auto at = std::find(walk.begin(), walk.end(), v);
          std::string names;
          for (auto it = at; it != walk.end(); ++it) names += (names.empty() ? "" : " -> ") + items[*it].id;
          names += " -> " + items[v].id;
          d_.error(text::diagnostic("/" + std::string(list) + "/" + std::to_string(v) + "/" + std::string(field),
                                    std::string(code), "diag.cycle", {text::word(what), names}));
          break;
        }
        state[v] = 1;
        walk.push_back(v);
        const std::optional<std::string> &p = parent_of(items[v]);
        if (!p) break;
        auto parent = idx.find(*p);
        if (!parent) break;
        v = *parent;
      }
      for (auto w : walk) state[w] = 2;
    }
  }

  // ---- entities -----------------------------------------------------------
  void units() {
    for (std::size_t i = 0; i < m_.units.size(); ++i) {
      const Unit &u = m_.units[i];
      if (u.parent) ref(units_, *u.parent, item_path("units", i, "/parent"), "parent unit");
      if (u.quality) range(*u.quality, item_path("units", i, "/quality"), 0, 1);
    }
    tree_cycles(m_.units, units_, [](const Unit &u) -> const std::optional<std::string> & { return u.parent; },
                "units", "parent", "unit_cycle", "the unit tree");
  }

  void positions() {
    for (std::size_t i = 0; i < m_.positions.size(); ++i) {
      const Position &p = m_.positions[i];
      std::string path = "/positions/" + std::to_string(i);
      ref(units_, p.unit, path + "/unit", "unit");
      competency_keys(p.requires_levels, path + "/requires", 0, 5);
      competency_keys(p.weights, path + "/weights", 0, INFINITY, true);
    }
  }

  void people() {
    for (std::size_t i = 0; i < m_.people.size(); ++i) {
      const Person &p = m_.people[i];
      const auto path = item_path("people", i);
      ref(units_, p.unit, item_path("people", i, "/unit"), "unit");
      if (p.position && ref(positions_, *p.position, item_path("people", i, "/position"), "position")) {
        const Position &pos = m_.positions[*positions_.find(*p.position)];
        if (pos.unit != p.unit && units_.contains(p.unit))
          d_.warning(text::diagnostic(path() + "/position", "position_in_other_unit", "diag.position_in_other_unit",
                                      {quoted(p.id), quoted(pos.id), quoted(pos.unit), quoted(p.unit)}));
      }
      if (p.manager) {
        if (*p.manager == p.id) d_.error(text::diagnostic(path() + "/manager", "manager_cycle", "diag.manager_cycle.self", {quoted(p.id)}));
        else ref(people_, *p.manager, item_path("people", i, "/manager"), "manager");
      }
      if (p.morale) range(*p.morale, item_path("people", i, "/morale"), 0, 1);
      if (!p.competencies.empty()) competency_keys(p.competencies, [&] { return path() + "/competencies"; }, 0, 5);
      range(p.customer_contacts_per_year, item_path("people", i, "/customer_contacts_per_year"), 0);
      range(p.training_hours, item_path("people", i, "/training_hours"), 0);
    }
    tree_cycles(m_.people, people_, [](const Person &p) -> const std::optional<std::string> & { return p.manager; },
                "people", "manager", "manager_cycle", "the manager tree");
  }

  void segments() {
    for (std::size_t i = 0; i < m_.segments.size(); ++i)
      range(m_.segments[i].size, item_path("segments", i, "/size"), 0);
  }

  void services() {
    std::vector<double> inflow(m_.units.size(), 0.0);
    std::vector<std::uint32_t> inputs(m_.units.size(), 0);
    ends_.assign(m_.services.size(), {none, none});
    detail::ServiceEnds service_ends(units_, m_.services);
    for (std::size_t i = 0; i < m_.services.size(); ++i) {
      const Service &s = m_.services[i];
      printable(s.name, item_path("services", i, "/name"), "service", "name");
      auto from = resolved(service_ends.from(i), s.from, item_path("services", i, "/from"), "unit");
      auto to = resolved(service_ends.to(i), s.to, item_path("services", i, "/to"), "unit");
      if (from ? from == to : s.from == s.to && !s.from.empty())
        d_.error(text::diagnostic(item_path("services", i)(), "self_loop", "diag.self_loop", {quoted(s.from)}));
      range(s.weight, item_path("services", i, "/weight"), 0, 1, true);
      if (s.rating) range(*s.rating, item_path("services", i, "/rating"), 0, 1);
      if (from && to && *from != *to) ends_[i] = {*from, *to};
      // A dangling supplier still takes its share of the customer's inputs, so
      // one service can show both of its problems at once.
      if (to && from != to && std::isfinite(s.weight)) {
        inflow[*to] += s.weight;
        ++inputs[*to];
      }
    }
    for (std::size_t u = 0; u < m_.units.size(); ++u)
      if (inflow[u] > 1 + weight_tolerance)
        d_.error(text::diagnostic("/units/" + std::to_string(u), "weights_exceed_one", "diag.weights_exceed_one",
                                  {quoted(m_.units[u].id), number(inflow[u]), std::to_string(inputs[u])}));
    closed_loops();
  }

  // A strongly connected component where every unit takes all its quality from
  // inside the component is singular: no quality of its own enters it.
  void closed_loops() {
    const std::size_t n = m_.units.size();
    offsets_.assign(n + 1, 0);
    for (auto [f, t] : ends_)
      if (f != none) ++offsets_[f + 1];
    for (std::size_t v = 0; v < n; ++v) offsets_[v + 1] += offsets_[v];
    targets_.resize(offsets_[n]);
    std::vector<std::uint32_t> fill(offsets_.begin(), offsets_.end() - 1);
    for (auto [f, t] : ends_)
      if (f != none) targets_[fill[f]++] = t;
    auto scc = strongly_connected_components(offsets_, targets_);
    std::vector<std::uint32_t> size(scc.count, 0);
    for (auto c : scc.component) ++size[c];
    std::vector<double> inner(n, 0.0);
    for (std::size_t i = 0; i < ends_.size(); ++i) {
      auto [f, t] = ends_[i];
      if (f != none && scc.component[f] == scc.component[t] && std::isfinite(m_.services[i].weight))
        inner[t] += m_.services[i].weight;
    }
    std::vector<bool> closed(scc.count, true);
    for (std::size_t v = 0; v < n; ++v)
      if (size[scc.component[v]] < 2 || inner[v] < 1 - weight_tolerance) closed[scc.component[v]] = false;
    std::vector<std::vector<std::string_view>> members(scc.count);
    for (std::size_t v = 0; v < n; ++v)
      if (closed[scc.component[v]]) members[scc.component[v]].push_back(m_.units[v].id);
    for (std::size_t v = 0; v < n; ++v) {
      auto c = scc.component[v];
      if (!closed[c] || members[c].empty()) continue;
      auto &ids = members[c];
      std::sort(ids.begin(), ids.end());
      std::string names;
      for (auto id : ids) names += (names.empty() ? "" : ", ") + std::string(id);
      d_.error(text::diagnostic("/units/" + std::to_string(v), "closed_loop", "diag.closed_loop", {names}));
      ids.clear();
    }
  }

  void moments() {
    for (std::size_t i = 0; i < m_.moments.size(); ++i) {
      const MomentOfTruth &x = m_.moments[i];
      ref(segments_, x.segment, item_path("moments_of_truth", i, "/segment"), "segment");
      ref(units_, x.owner, item_path("moments_of_truth", i, "/owner"), "unit");
      range(x.importance, item_path("moments_of_truth", i, "/importance"), 0, INFINITY, true);
      range(x.volume, item_path("moments_of_truth", i, "/volume"), 0);
    }
  }

  void policies() {
    for (std::size_t p = 0; p < m_.policies.size(); ++p) {
      const auto &standards = m_.policies[p].standards;
      for (std::size_t s = 0; s < standards.size(); ++s) {
        const Standard &x = standards[s];
        std::string path = "/policies/" + std::to_string(p) + "/standards/" + std::to_string(s);
        if (!is_known_metric(x.metric))
          d_.error(text::diagnostic(path + "/metric", "unknown_metric", "diag.unknown_metric", {quoted(x.metric)}));
        switch (x.scope.kind) {
          case Scope::Kind::unit: ref(units_, x.scope.id, path + "/scope/unit", "unit"); break;
          case Scope::Kind::segment: ref(segments_, x.scope.id, path + "/scope/segment", "segment"); break;
          case Scope::Kind::moment: ref(moments_, x.scope.id, path + "/scope/moment", "moment of truth"); break;
          case Scope::Kind::level:
            if (!parse_level(x.scope.id))
              d_.error(text::diagnostic(path + "/scope/level", "bad_value", "diag.bad_value.level", {quoted(x.scope.id)}));
            break;
          case Scope::Kind::all: break;
        }
      }
    }
  }

  void curriculum() {
    if (!m_.curriculum) return;
    for (std::size_t i = 0; i < m_.curriculum->size(); ++i) {
      const CurriculumModule &c = (*m_.curriculum)[i];
      std::string path = "/curriculum/" + std::to_string(i);
      competency_keys(c.raises, path + "/raises", 0, 5);
      range(c.hours, path + "/hours", 0);
      range(c.cost, path + "/cost", 0);
    }
  }

  void plans() {
    for (std::size_t p = 0; p < m_.plans.size(); ++p) {
      const Plan &plan = m_.plans[p];
      // Paths are spelled only for a problem (a plan's actions have none as a rule).
      auto path = item_path("plans", p);
      auto at = [&](std::string_view field) { return [&path, field] { return path() + std::string(field); }; };
      if (plan.start && !is_iso_date(*plan.start))
        d_.error(text::diagnostic(at("/start")(), "bad_date", "diag.bad_date", {text::word("start"), quoted(*plan.start)}));
      range(plan.budget, at("/budget"), 0);
      Index actions;
      for (std::size_t a = 0; a < plan.actions.size(); ++a) actions.insert(plan.actions[a].id, static_cast<std::uint32_t>(a));
      for (std::size_t a = 0; a < plan.actions.size(); ++a) action(plan.actions[a], actions, [&path, a] {
        std::string s = path();
        s.append("/actions/").append(std::to_string(a));
        return s;
      });
      action_cycles(plan, actions, path());
    }
  }

  /// One action of a plan whose actions are indexed in `actions`; `path()` spells its path.
  template <class Path>
  void action(const Action &x, const Index &actions, const Path &path) {
    auto at = [&](std::string_view field) { return [&path, field] { return path() + std::string(field); }; };
    if (x.target.kind == ActionTarget::Kind::unit) ref(units_, x.target.id, at("/target/unit"), "unit");
    else ref(people_, x.target.id, at("/target/person"), "person");
    switch (x.effect.kind) {
      case ActionEffect::Kind::quality:
        if (x.target.kind != ActionTarget::Kind::unit)
          d_.error(text::diagnostic(at("/effect/quality")(), "bad_target", "diag.bad_target"));
        range(x.effect.delta, at("/effect/quality"), 0);
        break;
      case ActionEffect::Kind::morale: range(x.effect.delta, at("/effect/morale"), 0); break;
      case ActionEffect::Kind::competency:
        if (!m_.competencies.empty()) ref(competencies_, x.effect.competency, at("/effect/competency"), "competency");
        range(x.effect.delta, at("/effect/delta"), 0);
        break;
    }
    range(x.cost, at("/cost"), 0);
    range(x.duration_days, at("/duration_days"), 0);
    for (std::size_t k = 0; k < x.after.size(); ++k) {
      auto after = [&path, k] {
        std::string s = path();
        s.append("/after/").append(std::to_string(k));
        return s;
      };
      if (x.after[k] == x.id) d_.error(text::diagnostic(after(), "action_cycle", "diag.action_cycle.self", {quoted(x.id)}));
      else ref(actions, x.after[k], after, "action (in this plan)");
    }
    if (x.owner) ref(people_, *x.owner, at("/owner"), "person");
    if (x.due && !is_iso_date(*x.due))
      d_.error(text::diagnostic(at("/due")(), "bad_date", "diag.bad_date", {text::word("due"), quoted(*x.due)}));
  }

  void action_cycles(const Plan &plan, const Index &actions, const std::string &path) {
    const std::size_t n = plan.actions.size();
    std::vector<std::uint32_t> offsets(n + 1, 0), targets;
    for (std::size_t a = 0; a < n; ++a) {
      for (const auto &before : plan.actions[a].after) {
        auto it = actions.find(before);
        if (it && *it != a) targets.push_back(*it);
      }
      offsets[a + 1] = static_cast<std::uint32_t>(targets.size());
    }
    auto scc = strongly_connected_components(offsets, targets);
    std::vector<std::vector<std::string_view>> members(scc.count);
    for (std::size_t a = 0; a < n; ++a) members[scc.component[a]].push_back(plan.actions[a].id);
    for (std::size_t a = 0; a < n; ++a) {
      auto &ids = members[scc.component[a]];
      if (ids.size() < 2) continue;
      std::sort(ids.begin(), ids.end());
      std::string names;
      for (auto id : ids) names += (names.empty() ? "" : ", ") + std::string(id);
      d_.error(text::diagnostic(path + "/actions/" + std::to_string(a) + "/after", "action_cycle", "diag.action_cycle", {names}));
      ids.clear();
    }
  }

  void assessment() {
    if (!m_.assessment) return;
    const auto &processes = maturity_model_of(m_);
    Index items, process_ids;
    if (m_.assessment->processes) {
      for (std::size_t p = 0; p < processes.size(); ++p) {
        std::string pp = "/assessment/processes/" + std::to_string(p);
        if (!process_ids.insert(processes[p].id, static_cast<std::uint32_t>(p)))
          d_.error(text::diagnostic(pp + "/id", "duplicate_id", "diag.duplicate_id", {text::word("process"), quoted(processes[p].id)}));
        for (std::size_t i = 0; i < processes[p].items.size(); ++i)
          if (!items.insert(processes[p].items[i].id, static_cast<std::uint32_t>(i)))
            d_.error(text::diagnostic(pp + "/items/" + std::to_string(i) + "/id", "duplicate_id", "diag.duplicate_id",
                                      {text::word("item"), quoted(processes[p].items[i].id)}));
      }
    } else {
      for (const auto &p : processes)
        for (const auto &i : p.items) items.insert(i.id, 0);
    }
    for (std::size_t r = 0; r < m_.assessment->responses.size(); ++r) {
      std::string rp = "/assessment/responses/" + std::to_string(r) + "/scores";
      for (const auto &[item, score] : m_.assessment->responses[r].scores) {
        auto p = [&] { return json_path_append(rp, item); };
        if (!items.contains(item))
          d_.error(text::diagnostic(p(), "dangling_reference", "diag.dangling_reference.maturity_item", {quoted(item)}));
        range(score, p, 1, 5);
      }
    }
  }

  // ---- warnings -----------------------------------------------------------
  void warnings() {
    std::vector<bool> segment_has_moment(m_.segments.size(), false), owner(m_.units.size(), false);
    for (const auto &x : m_.moments) {
      if (auto s = segments_.find(x.segment)) segment_has_moment[*s] = true;
      if (auto u = units_.find(x.owner)) owner[*u] = true;
    }
    for (std::size_t s = 0; s < m_.segments.size(); ++s)
      if (!segment_has_moment[s])
        d_.warning(text::diagnostic("/segments/" + std::to_string(s), "segment_without_moments", "diag.segment_without_moments",
                                    {quoted(m_.segments[s].id)}));
    std::vector<bool> staffed(m_.units.size(), false);
    for (const auto &p : m_.people)
      if (auto u = units_.find(p.unit)) staffed[*u] = true;
    for (std::size_t u = 0; u < m_.units.size(); ++u)
      if (!m_.units[u].quality && !staffed[u])
        d_.warning(text::diagnostic("/units/" + std::to_string(u) + "/quality", "unknown_quality", "diag.unknown_quality",
                                    {quoted(m_.units[u].id)}));
    if (m_.moments.empty() || m_.units.size() + 1 != offsets_.size()) return;
    // Units that reach an owner of a moment along services (reverse search from owners).
    const std::size_t n = m_.units.size();
    std::vector<std::uint32_t> reverse_offsets(n + 1, 0), reverse(targets_.size());
    for (auto t : targets_) ++reverse_offsets[t + 1];
    for (std::size_t v = 0; v < n; ++v) reverse_offsets[v + 1] += reverse_offsets[v];
    std::vector<std::uint32_t> fill(reverse_offsets.begin(), reverse_offsets.end() - 1);
    for (std::size_t v = 0; v < n; ++v)
      for (auto e = offsets_[v]; e < offsets_[v + 1]; ++e) reverse[fill[targets_[e]]++] = static_cast<std::uint32_t>(v);
    std::vector<bool> reaches = owner;
    std::vector<std::uint32_t> queue;
    for (std::size_t v = 0; v < n; ++v)
      if (owner[v]) queue.push_back(static_cast<std::uint32_t>(v));
    while (!queue.empty()) {
      auto v = queue.back();
      queue.pop_back();
      for (auto e = reverse_offsets[v]; e < reverse_offsets[v + 1]; ++e)
        if (!reaches[reverse[e]]) reaches[reverse[e]] = true, queue.push_back(reverse[e]);
    }
    for (std::size_t v = 0; v < n; ++v)
      if (!reaches[v])
        d_.warning(text::diagnostic("/units/" + std::to_string(v), "no_path_to_customer", "diag.no_path_to_customer",
                                    {quoted(m_.units[v].id)}));
  }

  const Model &m_;
  Diagnostics &d_;
  Index units_, competencies_, positions_, people_, segments_, moments_, policies_, modules_, plans_;
  static constexpr std::uint32_t none = UINT32_MAX;
  std::vector<std::pair<std::uint32_t, std::uint32_t>> ends_;  // each service's (from, to) units; none if unresolved
  std::vector<std::uint32_t> offsets_, targets_;  // service graph over unit indices
};

}  // namespace

void validate(const Model &model, Diagnostics &diagnostics) { Validator(model, diagnostics).run(); }

Diagnostics validate(const Model &model) {
  Diagnostics d;
  validate(model, d);
  return d;
}

}  // namespace servicechain
