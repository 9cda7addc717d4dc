#include "servicechain/analysis/people/roadmap.hpp"

#include <algorithm>
#include <cmath>
#include <string_view>
#include <unordered_map>
#include <unordered_set>

#include "servicechain/analysis/people/maturity.hpp"
#include "servicechain/error.hpp"
#include "servicechain/io/json_writer.hpp"
#include "servicechain/text/messages.hpp"
#include "servicechain/validate.hpp"

namespace servicechain {
namespace {

// Means of item scores are compared with this tolerance, so that a mean or a
// difference of means that is exactly on the threshold in real numbers counts
// as on it (weak for the gap, not weak for the score) whatever the rounding.
constexpr double score_tolerance = 1e-9;

bool is_weak_score(const ProcessMaturity &p, double threshold) {
  return p.score && *p.score < threshold - score_tolerance;
}
bool is_weak_gap(const ProcessMaturity &p, double gap_threshold) {
  return p.gap && std::fabs(*p.gap) >= gap_threshold - score_tolerance;
}

// Action ids of the roadmap: `plan.template.unit`, with `~2`, `~3` appended
// when the model (or the roadmap itself) already uses the id.
class ActionIds {
 public:
  explicit ActionIds(const Model &model) {
    for (const auto &plan : model.plans)
      for (const auto &action : plan.actions) used_.insert(action.id);
  }
  std::string make(const std::string &plan, const std::string &templ, const std::string &unit) {
    std::string base = plan;
    base.append(".").append(templ).append(".").append(unit);
    std::string id = base;
    for (std::size_t n = 2; used_.contains(id); ++n) {
      id = base;
      id.append("~").append(std::to_string(n));
    }
    used_.insert(id);
    return id;
  }

 private:
  std::unordered_set<std::string> used_;
};

// What culture_roadmap needs of the model besides the assessment.
struct ModelFacts {
  std::array<std::vector<std::size_t>, 3> units_by_level;  // model order
  std::vector<std::size_t> headcount;
  std::unordered_set<std::string_view> competencies;  // empty: any competency is accepted
  explicit ModelFacts(const Model &model) : headcount(model.units.size(), 0) {
    std::unordered_map<std::string_view, std::size_t> unit_index;
    for (std::size_t u = 0; u < model.units.size(); ++u) {
      unit_index.emplace(model.units[u].id, u);
      units_by_level[static_cast<int>(model.units[u].level)].push_back(u);
    }
    for (const auto &person : model.people)
      if (auto it = unit_index.find(person.unit); it != unit_index.end()) ++headcount[it->second];
    for (const auto &c : model.competencies) competencies.insert(c.id);
  }
};

RoadmapStep make_step(const Model &model, const RoadmapTemplate &t, const ModelFacts &facts, const std::string &plan_id,
                      ActionIds &ids) {
  RoadmapStep step;
  step.action = t;
  if (t.effect.kind == ActionEffect::Kind::competency && !facts.competencies.empty() &&
      !facts.competencies.contains(t.effect.competency)) {
    step.skipped = "unknown_competency";
    return step;
  }
  const auto &units = facts.units_by_level[static_cast<int>(t.level)];
  if (units.empty()) step.skipped = "no_units";
  for (std::size_t u : units) {
    const std::size_t people = facts.headcount[u];
    step.units.push_back({model.units[u].id, ids.make(plan_id, t.id, model.units[u].id), people,
                          t.cost + t.cost_per_person * static_cast<double>(people)});
  }
  return step;
}

}  // namespace

RoadmapResult culture_roadmap(const Model &model, const RoadmapOptions &options) {
  if (!std::isfinite(options.threshold)) throw ArgumentError("roadmap: the threshold must be a number");
  if (!(options.gap_threshold >= 0 && std::isfinite(options.gap_threshold)))
    throw ArgumentError("roadmap: the gap threshold must be a number >= 0");
  if (options.plan_id.empty()) throw ArgumentError("roadmap: the plan id must not be empty");
  MaturityOptions mo;
  mo.weakest = 0;
  mo.language = options.language;
  const MaturityResult maturity = assess_maturity(model, mo);
  const RoadmapContent &content = default_roadmap_content(options.language);
  std::unordered_map<std::string_view, const RoadmapProcessContent *> content_of;
  for (const auto &p : content.processes) content_of.emplace(p.process, &p);
  std::unordered_map<std::string_view, const RoadmapLever *> lever_of;
  for (const auto &l : content.levers) lever_of.emplace(l.id, &l);

  RoadmapResult result;
  result.threshold = options.threshold;
  result.gap_threshold = options.gap_threshold;
  result.respondents = maturity.respondents;
  result.index = maturity.index;
  result.plan_id = options.plan_id;
  const ModelFacts facts(model);
  ActionIds ids(model);
  std::optional<std::string> previous;  // the last weak process of the sequence with actions
  for (const auto &pm : maturity.processes) {
    if (pm.score) ++result.assessed;
    const bool low = is_weak_score(pm, options.threshold), gap = is_weak_gap(pm, options.gap_threshold);
    if (!low && !gap) continue;
    RoadmapProcess rp{pm.id, pm.name, "other", pm.score, pm.by_level, pm.gap, low, gap, {}, {}, std::nullopt};
    auto found = content_of.find(pm.id);
    if (found != content_of.end()) {
      const RoadmapProcessContent &c = *found->second;
      rp.kind = c.lever ? "lever" : "process";
      for (const auto &id : c.levers) rp.levers.push_back(*lever_of.at(id));
      for (const auto &t : c.actions) {
        rp.actions.push_back(make_step(model, t, facts, options.plan_id, ids));
        for (const auto &ua : rp.actions.back().units) {
          ++result.actions;
          result.cost += ua.cost;
        }
      }
      const bool has_actions =
          std::any_of(rp.actions.begin(), rp.actions.end(), [](const RoadmapStep &s) { return !s.units.empty(); });
      if (!c.lever) {
        rp.after = previous;
        if (has_actions) previous = rp.id;
      }
    }
    result.processes.push_back(std::move(rp));
  }
  return result;
}

namespace {

// The unit tree and each unit's head, for the plan's owners and dependencies.
struct UnitTree {
  std::unordered_map<std::string_view, std::size_t> index;
  std::vector<std::optional<std::size_t>> parent;
  std::vector<std::optional<std::string>> head;
  explicit UnitTree(const Model &model) : parent(model.units.size()), head(model.units.size()) {
    for (std::size_t u = 0; u < model.units.size(); ++u) index.emplace(model.units[u].id, u);
    for (std::size_t u = 0; u < model.units.size(); ++u)
      if (model.units[u].parent)
        if (auto it = index.find(*model.units[u].parent); it != index.end()) parent[u] = it->second;
    std::unordered_map<std::string_view, std::string_view> unit_of_person;
    for (const auto &p : model.people) unit_of_person.emplace(p.id, p.unit);
    for (const auto &p : model.people) {
      auto u = index.find(p.unit);
      if (u == index.end() || head[u->second]) continue;
      auto manager_unit = p.manager ? unit_of_person.find(*p.manager) : unit_of_person.end();
      if (manager_unit == unit_of_person.end() || manager_unit->second != p.unit) head[u->second] = p.id;
    }
  }
  // The unit and its ancestors, nearest first (the validated tree has no cycle;
  // the step limit guards an unvalidated one).
  std::vector<std::size_t> chain(std::size_t u) const {
    std::vector<std::size_t> out{u};
    while (parent[out.back()] && out.size() <= parent.size()) out.push_back(*parent[out.back()]);
    return out;
  }
};

}  // namespace

Plan roadmap_plan(const Model &model, const RoadmapResult &roadmap, const RoadmapPlanOptions &options) {
  if (!is_iso_date(options.start)) throw ArgumentError("roadmap: the plan start must be a date YYYY-MM-DD");
  if (options.budget && !(*options.budget >= 0 && std::isfinite(*options.budget)))
    throw ArgumentError("roadmap: the budget must be a number >= 0");
  Plan plan;
  plan.id = roadmap.plan_id;
  plan.name = !options.name.empty() ? options.name : std::string(text::message("roadmap.plan_name", options.language));
  plan.start = options.start;
  plan.budget = options.budget.value_or(roadmap.cost);
  const UnitTree tree(model);
  plan.actions.reserve(roadmap.actions);
  // Per process: unit index -> (position in the plan, action id) of its actions.
  std::unordered_map<std::string_view, std::unordered_map<std::size_t, std::vector<std::pair<std::size_t, std::string>>>>
      actions_of;
  for (const auto &process : roadmap.processes) {
    auto &mine = actions_of[process.id];
    const auto *before = process.after ? &actions_of[*process.after] : nullptr;
    for (const auto &step : process.actions) {
      for (const auto &ua : step.units) {
        auto found = tree.index.find(ua.unit);
        if (found == tree.index.end())
          throw ArgumentError("roadmap: unit \"" + ua.unit + "\" of the roadmap is not in the model");
        const std::size_t u = found->second;
        Action a;
        a.id = ua.action;
        a.title = step.action.title;
        a.type = step.action.type;
        a.target = {ActionTarget::Kind::unit, ua.unit};
        a.effect = step.action.effect;
        a.cost = ua.cost;
        a.duration_days = step.action.duration_days;
        a.owner = tree.head[u];
        if (before) {
          std::vector<std::pair<std::size_t, std::string>> after;
          for (std::size_t v : tree.chain(u))
            if (auto it = before->find(v); it != before->end()) after.insert(after.end(), it->second.begin(), it->second.end());
          std::sort(after.begin(), after.end());
          for (auto &[position, id] : after) a.after.push_back(std::move(id));
        }
        mine[u].emplace_back(plan.actions.size(), a.id);
        plan.actions.push_back(std::move(a));
      }
    }
  }
  return plan;
}

Model with_roadmap_plan(Model model, const RoadmapResult &roadmap, const RoadmapPlanOptions &options) {
  for (const auto &plan : model.plans)
    if (plan.id == roadmap.plan_id)
      throw ArgumentError("roadmap: the model already has a plan \"" + roadmap.plan_id +
                          "\"; choose another plan id or remove it");
  Plan plan = roadmap_plan(model, roadmap, options);
  model.plans.push_back(std::move(plan));
  return model;
}

namespace {

void write_effect(JsonWriter &w, const ActionEffect &e) {
  w.key("effect").begin_object();
  switch (e.kind) {
    case ActionEffect::Kind::quality: w.field("quality", e.delta); break;
    case ActionEffect::Kind::morale: w.field("morale", e.delta); break;
    case ActionEffect::Kind::competency: w.field("competency", e.competency).field("delta", e.delta); break;
  }
  w.end_object();
}

void write_step(JsonWriter &w, const RoadmapStep &s) {
  const RoadmapTemplate &t = s.action;
  w.begin_object().field("template", t.id).field("title", t.title).field("level", to_string(t.level))
      .field("type", to_string(t.type));
  write_effect(w, t.effect);
  w.field("cost", t.cost).field("cost_per_person", t.cost_per_person).field("duration_days", t.duration_days)
      .field("skipped", s.skipped);
  w.key("units").begin_array();
  for (const auto &u : s.units)
    w.begin_object().field("unit", u.unit).field("action", u.action).field("people", static_cast<std::uint64_t>(u.people))
        .field("cost", u.cost).end_object();
  w.end_array().end_object();
}

void write_process(JsonWriter &w, const RoadmapProcess &p) {
  w.begin_object().field("id", p.id).field("name", p.name).field("kind", p.kind).field("score", p.score);
  w.key("levels").begin_object();
  for (Level l : {Level::directive, Level::managerial, Level::operative})
    w.field(to_string(l), p.by_level[static_cast<int>(l)]);
  w.end_object().field("gap", p.gap);
  w.key("reasons").begin_array();
  if (p.low_score) w.value("low_score");
  if (p.level_gap) w.value("level_gap");
  w.end_array().field("after", p.after);
  w.key("levers").begin_array();
  for (const auto &l : p.levers) w.begin_object().field("id", l.id).field("name", l.name).end_object();
  w.end_array();
  w.key("actions").begin_array();
  for (const auto &s : p.actions) write_step(w, s);
  w.end_array().end_object();
}

}  // namespace

void write_json(JsonWriter &w, const RoadmapResult &r) {
  w.begin_object().field("threshold", r.threshold).field("gap_threshold", r.gap_threshold)
      .field("respondents", static_cast<std::uint64_t>(r.respondents)).field("assessed", static_cast<std::uint64_t>(r.assessed))
      .field("index", r.index).field("plan", r.plan_id);
  w.key("weak").begin_array();
  for (const auto &p : r.processes) w.value(p.id);
  w.end_array();
  w.key("processes").begin_array();
  for (const auto &p : r.processes) write_process(w, p);
  w.end_array();
  w.field("actions", static_cast<std::uint64_t>(r.actions)).field("cost", r.cost).end_object();
}

}  // namespace servicechain
