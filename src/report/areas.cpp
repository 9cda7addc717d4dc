// The report's plain-words sections: the executive summary first, then one
// section per area of the seeds (moments of truth, internal customers,
// policies, alignment, culture, simulation) and the model's warnings. Every
// figure comes from an analysis the caller ran; nothing is recomputed here.
#include <algorithm>
#include <cmath>
#include <map>

#include "context.hpp"
#include "svg.hpp"

namespace servicechain::report_detail {

Context::Context(const HtmlReportInput &input, const CollapsedChain *view)
    : in(input), model(*input.model), chain(*input.chain), collapsed(view) {
  for (std::size_t u = 0; u < model.units.size(); ++u) unit_index.emplace(model.units[u].id, u);
}

namespace {

template <class Items>
std::string name_in(const Items &items, std::string_view id) {
  for (const auto &item : items)
    if (item.id == id) return escape(item.name.empty() ? item.id : item.name);
  return escape(id);
}

}  // namespace

std::string Context::unit_name(std::string_view id) const {
  const auto it = unit_index.find(id);
  return it == unit_index.end() ? escape(id) : unit_name(it->second);
}
std::string Context::unit_name(std::size_t index) const {
  const Unit &u = model.units[index];
  return escape(u.name.empty() ? u.id : u.name);
}
std::string Context::person_name(std::string_view id) const { return name_in(model.people, id); }
std::string Context::segment_name(std::string_view id) const { return name_in(model.segments, id); }
std::string Context::competency_name(std::string_view id) const { return name_in(model.competencies, id); }
std::string Context::position_name(std::string_view id) const {
  for (const auto &p : model.positions)
    if (p.id == id) return escape(p.title.empty() ? p.id : p.title);
  return escape(id);
}

std::string Context::level_name(Level level) const {
  switch (level) {
    case Level::directive: return msg("level.directive");
    case Level::managerial: return msg("level.managerial");
    case Level::operative: return msg("level.operative");
  }
  return "";
}

std::string Context::dimension_name(std::string_view name) const {
  for (const char *known : {"tangibles", "reliability", "responsiveness", "assurance", "empathy"})
    if (name == known) return msg("servqual." + std::string(name));
  return std::string(name);
}

std::string Context::stage_name(Stage stage) const {
  switch (stage) {
    case Stage::plan: return msg("stage.plan");
    case Stage::do_: return msg("stage.do");
    case Stage::check: return msg("stage.check");
    case Stage::act: return msg("stage.act");
    case Stage::done: return msg("stage.done");
  }
  return "";
}

std::string lead(const Context &c, std::string_view id) { return "<p class=\"lead\">" + c.msg(id) + "</p>\n"; }

namespace {

// --- executive summary ------------------------------------------------------------

// The unit whose own quality moves the CSI most per person working in it (the
// cheapest lever when improving a unit costs in proportion to its people), else
// by impact alone.
std::optional<std::size_t> unit_to_improve(const Context &c) {
  std::optional<std::size_t> best;
  double best_value = 0;
  for (std::size_t u = 0; u < c.chain.impact.impact.size(); ++u) {
    const auto &per_person = c.chain.impact_per_person[u];
    const auto &impact = c.chain.impact.impact[u];
    const double value = per_person ? *per_person : impact.value_or(0.0);
    if (impact && *impact > 0 && (!best || value > best_value)) best = u, best_value = value;
  }
  return best;
}

// The training module of the plan with the highest value per cost (summed over its enrolments).
struct ModuleChoice {
  std::string module;
  std::size_t people = 0;
  double cost = 0;
};
std::optional<ModuleChoice> training_to_give(const Context &c) {
  if (!c.in.training || c.in.training->plan.empty()) return std::nullopt;
  std::map<std::string, std::pair<double, ModuleChoice>> by_module;  // value, choice
  for (const auto &e : c.in.training->plan) {
    auto &[value, choice] = by_module[e.module];
    choice.module = e.module;
    value += e.value;
    choice.cost += e.cost;
    ++choice.people;
  }
  const auto ratio = [](const std::pair<double, ModuleChoice> &v) { return v.second.cost > 0 ? v.first / v.second.cost : v.first * 1e12; };
  const auto best = std::max_element(by_module.begin(), by_module.end(), [&](const auto &a, const auto &b) { return ratio(a.second) < ratio(b.second); });
  return best->second.second;
}

std::string module_title(const Context &c, const std::string &id) {
  for (const auto &m : curriculum_of(c.model, c.in.language))
    if (m.id == id) return escape(m.title.empty() ? id : m.title);
  return escape(id);
}

// The plan action not done with the highest predicted CSI gain per cost.
struct ActionChoice {
  const Plan *plan = nullptr;
  const Action *action = nullptr;
  double gain = 0;
};
std::optional<ActionChoice> action_to_take(const Context &c) {
  std::optional<ActionChoice> best;
  double best_ratio = 0;
  for (const auto &r : c.in.plans) {
    if (!r.plan) continue;
    for (const auto &g : r.gains) {
      if (!g.gain || *g.gain <= 0) continue;
      const auto it = std::find_if(r.plan->actions.begin(), r.plan->actions.end(), [&](const Action &a) { return a.id == g.id; });
      if (it == r.plan->actions.end()) continue;
      const double ratio = it->cost > 0 ? *g.gain / it->cost : *g.gain * 1e12;
      if (!best || ratio > best_ratio) best = ActionChoice{r.plan, &*it, *g.gain}, best_ratio = ratio;
    }
  }
  return best;
}

// The weakest unit upstream of the units that meet customers: the link that holds the chain back.
std::optional<WeakestLink> weakest_link(const Context &c) {
  std::optional<WeakestLink> weakest;
  for (const auto &m : c.model.moments) {
    const auto it = c.unit_index.find(m.owner);
    if (it == c.unit_index.end()) continue;
    const WeakestLink &w = c.chain.weakest_upstream[it->second];
    if (!weakest || w.quality < weakest->quality) weakest = w;
  }
  return weakest;
}

std::string csi_sentence(const Context &c) {
  const auto &csi = c.chain.satisfaction.csi;
  if (!csi) return "<p>" + c.msg("summary.no_csi") + "</p>\n";
  std::string out = "<p class=\"headline\">" + c.fmt("summary.csi", {c.num(*csi, 1)});
  if (c.in.previous_csi) {
    const double change = *csi - *c.in.previous_csi;
    out += " " + c.fmt(change >= 0 ? "summary.csi_up" : "summary.csi_down", {c.num(std::fabs(change), 1), c.num(*c.in.previous_csi, 1)});
  } else {
    out += trends_csi_sentence(c);
  }
  return out + "</p>\n";
}

}  // namespace

void executive_summary(std::string &out, const Context &c) {
  out += "<section id=\"executive-summary\"><h2>" + c.msg("summary.title") + "</h2>\n" + lead(c, "summary.lead");
  out += csi_sentence(c);
  out += "<h3>" + c.msg("summary.first_three") + "</h3>\n<ol class=\"todo\">\n";
  if (const auto u = unit_to_improve(c))
    out += "<li>" + c.fmt("summary.do_unit", {c.unit_name(*u), c.num(*c.chain.impact.impact[*u] * 0.1, 2)}) + "</li>\n";
  else
    out += "<li>" + c.msg("summary.no_unit") + "</li>\n";
  if (const auto t = training_to_give(c))
    out += "<li>" + c.fmt(t->people == 1 ? "summary.do_training_one" : "summary.do_training", {module_title(c, t->module), c.count(t->people), c.money(t->cost)}) +
           "</li>\n";
  else
    out += "<li>" + c.msg("summary.no_training") + "</li>\n";
  if (const auto a = action_to_take(c))
    out += "<li>" + c.fmt("summary.do_action", {escape(a->action->title.empty() ? a->action->id : a->action->title),
                                                 escape(a->plan->name.empty() ? a->plan->id : a->plan->name), c.num(a->gain, 2),
                                                 c.money(a->action->cost)}) +
           "</li>\n";
  else
    out += "<li>" + c.msg("summary.no_action") + "</li>\n";
  out += "</ol>\n<ul class=\"facts\">\n";
  if (const auto w = weakest_link(c))
    out += "<li>" + c.fmt("summary.weakest", {c.unit_name(w->unit), c.num(w->quality, 2)}) + "</li>\n";
  std::vector<std::string> capped;
  for (std::size_t u = 0; u < c.chain.capped.size(); ++u)
    if (c.chain.capped[u]) capped.push_back(c.unit_name(u));
  if (capped.empty()) {
    out += "<li>" + c.msg("summary.no_morale_cap") + "</li>\n";
  } else {
    std::string names;
    for (std::size_t i = 0; i < capped.size() && i < 5; ++i) names += (i ? ", " : "") + capped[i];
    if (capped.size() > 5) names += " " + c.fmt("summary.and_more", {c.count(capped.size() - 5)});
    out += "<li>" + c.fmt("summary.morale_cap", {c.count(capped.size()), names}) + "</li>\n";
  }
  if (c.in.compliance && c.in.compliance->compliance)
    out += "<li>" + c.fmt("summary.compliance", {c.percent(*c.in.compliance->compliance), c.count(c.in.compliance->standards_met),
                                                 c.count(c.in.compliance->standards)}) + "</li>\n";
  if (c.in.alignment && !c.in.alignment->below_threshold.empty())
    out += "<li>" + c.fmt("summary.below_fit", {c.count(c.in.alignment->below_threshold.size()), c.num(c.in.alignment->threshold, 1)}) + "</li>\n";
  if (c.in.maturity && c.in.maturity->index)
    out += "<li>" + c.fmt("summary.maturity", {c.num(*c.in.maturity->index, 0)}) + trends_maturity_sentence(c) + "</li>\n";
  out += trends_summary(c);
  out += "</ul></section>\n";
}

// --- moments of truth along each cycle of service --------------------------------------

void moments_section(std::string &out, const Context &c) {
  if (c.model.moments.empty()) return;
  out += "<section id=\"moments\"><h2>" + c.msg("moments.title") + "</h2>\n" + lead(c, "moments.lead");
  for (std::size_t s = 0; s < c.model.segments.size(); ++s) {
    const Segment &segment = c.model.segments[s];
    std::vector<std::size_t> cycle;
    for (std::size_t m = 0; m < c.model.moments.size(); ++m)
      if (c.model.moments[m].segment == segment.id) cycle.push_back(m);
    if (cycle.empty()) continue;
    std::stable_sort(cycle.begin(), cycle.end(), [&](std::size_t a, std::size_t b) { return c.model.moments[a].stage < c.model.moments[b].stage; });
    const auto &sat = c.chain.satisfaction.segment_satisfaction[s];
    out += "<h3>" + c.segment_name(segment.id) + (sat ? " <small>(" + c.fmt("moments.satisfaction", {c.num(100 * *sat, 1)}) + ")</small>" : "") + "</h3>\n";
    out += "<ol class=\"cycle\">";
    for (std::size_t m : cycle) {
      const MomentOfTruth &moment = c.model.moments[m];
      const double q = c.chain.satisfaction.moment_quality[m];
      out += "<li style=\"background:" + quality_colour(q) + "\" title=\"" + c.unit_name(moment.owner) + "\"><span class=\"stage\">" +
             c.count(static_cast<std::size_t>(std::max<std::int64_t>(moment.stage, 0))) + "</span> " + escape(moment.name.empty() ? moment.id : moment.name) +
             "<br><small>" + c.unit_name(moment.owner) + " · q " + c.num(q, 2) + "</small></li>";
    }
    out += "</ol>\n";
  }
  out += "<p class=\"legend\">" + c.msg("moments.legend") + "</p></section>\n";
}

// --- internal customers: ratings and gaps ---------------------------------------------

namespace {

void internal_ratings_table(std::string &out, const Context &c) {
  std::string rows;
  for (std::size_t u = 0; u < c.model.units.size(); ++u) {
    if (!c.chain.internal_rating[u]) continue;
    const double gap = c.chain.rating_gap[u].value_or(0.0);
    rows += "<tr><td>" + c.unit_name(u) + "</td><td class=\"num\">" + c.num(*c.chain.internal_rating[u], 2) + "</td><td class=\"num\">" +
            c.num(c.chain.propagation.delivered[u], 2) + "</td><td class=\"num" + (std::fabs(gap) >= 0.1 ? " flag" : "") + "\">" + c.num(gap, 2) + "</td></tr>\n";
  }
  if (rows.empty()) {
    out += "<p>" + c.msg("internal.no_ratings") + "</p>\n";
    return;
  }
  out += "<table><thead><tr><th>" + c.msg("col.unit") + "</th><th>" + c.msg("internal.col_rating") + "</th><th>" + c.msg("internal.col_delivered") +
         "</th><th>" + c.msg("internal.col_gap") + "</th></tr></thead><tbody>\n" + rows + "</tbody></table>\n";
}

void internal_survey_table(std::string &out, const Context &c) {
  const InternalSurveyResult &r = *c.in.internal_survey;
  out += "<h3>" + c.msg("internal.survey_title") + "</h3>\n<p>" + c.fmt("internal.survey_n", {c.count(r.n), c.count(r.min_group)}) + "</p>\n";
  out += "<table><thead><tr><th>" + c.msg("internal.col_supplier") + "</th><th>n</th><th>" + c.msg("internal.col_rating") + "</th><th>" +
         c.msg("internal.col_delivered") + "</th><th>" + c.msg("internal.col_gap") + "</th></tr></thead><tbody>\n";
  for (const auto &s : r.suppliers) {
    out += "<tr><td>" + c.unit_name(s.unit) + "</td><td class=\"num\">" + c.count(s.n) + "</td>";
    if (s.suppressed)
      out += "<td colspan=\"3\">" + c.msg("internal.suppressed") + "</td></tr>\n";
    else
      out += "<td class=\"num\">" + (s.internal_rating ? c.num(*s.internal_rating, 2) : "–") + "</td><td class=\"num\">" + c.num(s.delivered, 2) +
             "</td><td class=\"num\">" + (s.rating_gap ? c.num(*s.rating_gap, 2) : "–") + "</td></tr>\n";
  }
  out += "</tbody></table>\n";
}

}  // namespace

void internal_section(std::string &out, const Context &c) {
  out += "<section id=\"internal\"><h2>" + c.msg("internal.title") + "</h2>\n" + lead(c, "internal.lead");
  internal_ratings_table(out, c);
  if (c.in.internal_survey) internal_survey_table(out, c);
  out += "</section>\n";
}

// --- policies and standards -----------------------------------------------------------

namespace {

std::string comparison_text(Comparison op) {
  switch (op) {
    case Comparison::greater_equal: return "≥";
    case Comparison::greater: return "&gt;";
    case Comparison::less_equal: return "≤";
    case Comparison::less: return "&lt;";
    case Comparison::equal: return "=";
  }
  return "";
}

// The name of what a standard was checked on (a manager is a person; the organization has its name).
std::string entity_name(const Context &c, const EntityCheck &e) {
  switch (e.kind) {
    case EntityKind::unit: return c.unit_name(e.id);
    case EntityKind::person:
    case EntityKind::manager: return c.person_name(e.id);
    case EntityKind::moment: return name_in(c.model.moments, e.id);
    case EntityKind::segment: return c.segment_name(e.id);
    case EntityKind::organization:
      return c.model.organization && !c.model.organization->name.empty() ? escape(c.model.organization->name) : escape(e.id);
    case EntityKind::survey: break;
  }
  return escape(e.id);
}

}  // namespace

void compliance_section(std::string &out, const Context &c) {
  if (!c.in.compliance || c.in.compliance->policies.empty()) return;
  const ComplianceResult &r = *c.in.compliance;
  out += "<section id=\"compliance\"><h2>" + c.msg("compliance.title") + "</h2>\n" + lead(c, "compliance.lead");
  out += "<p>" + c.fmt("compliance.overall", {r.compliance ? c.percent(*r.compliance) : "–", c.count(r.standards_met), c.count(r.standards),
                                              c.count(r.standards_not_evaluated)}) + "</p>\n";
  std::vector<Bar> bars;
  for (const auto &p : r.policies)
    for (const auto &s : p.standards) {
      if (!s.compliance) continue;
      bars.push_back({s.id, 100 * *s.compliance, c.percent(*s.compliance), quality_colour(0.5 + *s.compliance / 2),
                      s.metric + " " + c.count(s.passed) + "/" + c.count(s.passed + s.failed)});
    }
  if (!bars.empty())
    out += "<figure class=\"chart\" data-chart=\"compliance\">" + horizontal_bar_chart(bars, c.msg("compliance.axis"), c.in.language) + "</figure>\n";
  out += "<table><thead><tr><th>" + c.msg("compliance.col_policy") + "</th><th>" + c.msg("compliance.col_standard") + "</th><th>" +
         c.msg("compliance.col_rule") + "</th><th>" + c.msg("compliance.col_share") + "</th><th>" + c.msg("compliance.col_failing") +
         "</th></tr></thead><tbody>\n";
  for (const auto &p : r.policies)
    for (const auto &s : p.standards) {
      std::string failing;
      std::size_t listed = 0;
      for (const auto &e : s.entities)
        if (e.pass && !*e.pass && listed++ < 5)
          failing += (failing.empty() ? "" : ", ") + entity_name(c, e);
      if (s.failed > 5) failing += " " + c.fmt("summary.and_more", {c.count(s.failed - 5)});
      // The policy's statement once, spanning the rows of its standards.
      const std::string policy_cell = &s != &p.standards.front() ? ""
                                                                 : "<td rowspan=\"" + std::to_string(p.standards.size()) + "\">" +
                                                                       escape(p.statement.empty() ? p.id : p.statement) + "</td>";
      out += "<tr>" + policy_cell + "<td>" + escape(s.id) + "</td><td><code>" + escape(s.metric) + " " +
             comparison_text(s.op) + " " + c.num(s.target, 2) + "</code></td><td class=\"num\">" +
             (s.status == StandardStatus::not_evaluated ? c.msg("compliance.not_evaluated") : s.compliance ? c.percent(*s.compliance) : "–") +
             "</td><td>" + failing + "</td></tr>\n";
    }
  out += "</tbody></table></section>\n";
}

// --- alignment: the right person in the right position ------------------------------------

void alignment_section(std::string &out, const Context &c) {
  if (!c.in.alignment || c.in.alignment->people.empty()) return;
  const AlignmentResult &a = *c.in.alignment;
  out += "<section id=\"alignment\"><h2>" + c.msg("alignment.title") + "</h2>\n" + lead(c, "alignment.lead");
  out += "<p>" + c.fmt("alignment.totals", {c.count(a.below_threshold.size()), c.count(a.people.size()), c.num(a.threshold, 1), c.num(a.current, 1),
                                            c.num(a.optimal, 1), c.count(a.moves)}) + "</p>\n";
  if (!a.below_threshold.empty()) {
    out += "<table><thead><tr><th>" + c.msg("col.person") + "</th><th>" + c.msg("col.unit") + "</th><th>" + c.msg("alignment.col_position") + "</th><th>" +
           c.msg("alignment.col_fit") + "</th></tr></thead><tbody>\n";
    std::size_t listed = 0;
    for (const auto &p : a.people) {
      if (!p.below_threshold || listed++ >= 30) continue;
      out += "<tr><td>" + c.person_name(p.id) + "</td><td>" + c.unit_name(p.unit) + "</td><td>" + (p.position ? c.position_name(*p.position) : "–") +
             "</td><td class=\"num\">" + c.num(p.fit, 2) + "</td></tr>\n";
    }
    out += "</tbody></table>\n";
    if (listed > 30) out += "<p>" + c.fmt("alignment.more", {c.count(listed - 30)}) + "</p>\n";
  }
  std::string moves;
  for (const auto &u : a.units)
    for (const auto &m : u.moves)
      moves += "<li>" + c.fmt("alignment.move", {c.person_name(m.person), c.position_name(m.from), c.position_name(m.to), c.num(m.fit_from, 2),
                                                 c.num(m.fit_to, 2)}) + "</li>\n";
  if (!moves.empty()) out += "<h3>" + c.msg("alignment.moves_title") + "</h3>\n<ul>" + moves + "</ul>\n";
  out += "</section>\n";
}

// --- culture maturity and the roadmap ------------------------------------------------------

namespace {

void roadmap_list(std::string &out, const Context &c) {
  const RoadmapResult &r = *c.in.roadmap;
  out += "<h3>" + c.msg("culture.roadmap_title") + "</h3>\n";
  if (r.processes.empty()) {
    out += "<p>" + c.msg("culture.roadmap_none") + "</p>\n";
    return;
  }
  out += "<p>" + c.fmt("culture.roadmap_totals", {c.count(r.processes.size()), c.count(r.actions), c.money(r.cost)}) + "</p>\n<ol>\n";
  for (const auto &p : r.processes) {
    out += "<li><strong>" + escape(p.name.empty() ? p.id : p.name) + "</strong> — " +
           (p.low_score ? c.fmt("culture.weak_score", {p.score ? c.num(*p.score, 1) : "–"}) : "") + (p.low_score && p.level_gap ? "; " : "") +
           (p.level_gap ? c.fmt("culture.weak_gap", {p.gap ? c.num(*p.gap, 1) : "–"}) : "");
    std::string steps;
    for (const auto &s : p.actions)
      if (!s.skipped) steps += "<li>" + escape(s.action.title) + " <small>(" + c.level_name(s.action.level) + ", " + c.count(s.units.size()) + " " + c.msg("culture.units") + ")</small></li>";
    if (!steps.empty()) out += "<ul>" + steps + "</ul>";
    out += "</li>\n";
  }
  out += "</ol>\n";
}

}  // namespace

void culture_section(std::string &out, const Context &c) {
  if (!c.in.maturity || c.in.maturity->respondents == 0) return;
  const MaturityResult &m = *c.in.maturity;
  out += "<section id=\"culture\"><h2>" + c.msg("culture.title") + "</h2>\n" + lead(c, "culture.lead");
  out += "<p>" + c.fmt("culture.index", {m.index ? c.num(*m.index, 0) : "–", c.count(m.respondents), m.gap ? c.num(*m.gap, 1) : "–"}) + "</p>\n";
  // One bar per process: its score (1–5), coloured by the directive–operative gap (red: the levels disagree by 1 or more).
  std::vector<Bar> bars;
  for (const auto &p : m.processes) {
    if (!p.score) continue;
    const double disagreement = p.gap ? std::min(std::fabs(*p.gap), 1.0) : 0.0;
    bars.push_back({p.name.empty() ? p.id : p.name, *p.score, c.num(*p.score, 1), quality_colour(1.0 - disagreement / 2),
                    p.gap ? c.fmt("culture.weak_gap", {c.num(*p.gap, 1)}) : ""});
  }
  if (!bars.empty())
    out += "<figure class=\"chart\" data-chart=\"culture\">" + horizontal_bar_chart(bars, c.msg("culture.axis"), c.in.language) + "<figcaption>" +
           c.msg("culture.caption") + "</figcaption></figure>\n";
  out += "<table><thead><tr><th>" + c.msg("culture.col_process") + "</th><th>" + c.msg("culture.col_score") + "</th><th class=\"level\">" + c.level_name(Level::directive) +
         "</th><th class=\"level\">" + c.level_name(Level::managerial) + "</th><th class=\"level\">" + c.level_name(Level::operative) + "</th><th>" + c.msg("culture.col_gap") +
         "</th></tr></thead><tbody>\n";
  auto opt = [&](const std::optional<double> &v) { return v ? c.num(*v, 1) : std::string("–"); };
  for (const auto &p : m.processes)
    out += "<tr><td>" + escape(p.name.empty() ? p.id : p.name) + "</td><td class=\"num\">" + opt(p.score) + "</td><td class=\"num\">" + opt(p.by_level[0]) +
           "</td><td class=\"num\">" + opt(p.by_level[1]) + "</td><td class=\"num\">" + opt(p.by_level[2]) + "</td><td class=\"num\">" + opt(p.gap) + "</td></tr>\n";
  out += "</tbody></table>\n";
  if (c.in.roadmap) roadmap_list(out, c);
  out += "</section>\n";
}

// --- simulation ------------------------------------------------------------------------

void simulation_section(std::string &out, const Context &c) {
  if (!c.in.simulation || !c.in.simulation->csi.mean) return;
  const SimulationResult &s = *c.in.simulation;
  auto opt = [&](const std::optional<double> &v, int d) { return v ? c.num(*v, d) : std::string("–"); };
  out += "<section id=\"simulation\"><h2>" + c.msg("simulation.title") + "</h2>\n" + lead(c, "simulation.lead");
  out += "<p>" + c.fmt("simulation.csi", {c.count(s.runs), opt(s.csi.mean, 1), opt(s.csi.p5, 1), opt(s.csi.p95, 1)}) + "</p>\n";
  if (s.satisfied.mean)
    out += "<p>" + c.fmt("simulation.satisfied", {c.percent(*s.satisfied.mean), s.satisfied.p5 ? c.percent(*s.satisfied.p5) : "–",
                                                  s.satisfied.p95 ? c.percent(*s.satisfied.p95) : "–", opt(s.nps.mean, 0)}) + "</p>\n";
  out += "<table><thead><tr><th>" + c.msg("col.segment") + "</th><th>" + c.msg("simulation.col_csi") + "</th><th>p5</th><th>p95</th><th>" +
         c.msg("simulation.col_satisfied") + "</th></tr></thead><tbody>\n";
  for (const auto &seg : s.segments) {
    if (!seg.csi.mean) continue;
    out += "<tr><td>" + c.segment_name(seg.id) + "</td><td class=\"num\">" + opt(seg.csi.mean, 1) + "</td><td class=\"num\">" + opt(seg.csi.p5, 1) +
           "</td><td class=\"num\">" + opt(seg.csi.p95, 1) + "</td><td class=\"num\">" + (seg.satisfied.mean ? c.percent(*seg.satisfied.mean) : "–") + "</td></tr>\n";
  }
  out += "</tbody></table></section>\n";
}

// --- the model's warnings -----------------------------------------------------------------

void warnings_section(std::string &out, const Context &c) {
  if (c.in.warnings.empty()) return;
  const auto summary = c.in.all_warnings ? text::WarningSummary{c.in.warnings.size(), c.in.warnings.size(), false}
                                         : text::summarize_warnings(c.in.warnings.size());
  out += "<section id=\"warnings\"><h2>" + c.msg("warnings.title") + "</h2>\n" + lead(c, "warnings.lead") + "<ul>\n";
  for (std::size_t i = 0; i < summary.shown; ++i) out += "<li>" + escape(c.in.warnings[i]) + "</li>\n";
  out += "</ul>\n";
  if (summary.summarized) out += "<p>" + c.fmt("warnings.more", {c.count(summary.total - summary.shown), c.count(summary.total)}) + "</p>\n";
  out += "</section>\n";
}

}  // namespace servicechain::report_detail
