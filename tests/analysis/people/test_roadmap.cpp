// The culture roadmap (§4.14): weak-process rules, sequence order, the plan it
// writes (valid, accepted by `plan`), bundled content in both languages.
#include <catch2/catch.hpp>
#include <cstdio>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "servicechain/analysis/people/roadmap.hpp"
#include "servicechain/analysis/plans/plan.hpp"
#include "servicechain/io/json_writer.hpp"
#include "servicechain/io/model_json.hpp"
#include "servicechain/validate.hpp"
#include "support/command.hpp"

using namespace servicechain;

namespace {

std::string source(const std::string &rel) { return std::string(SERVICECHAIN_SOURCE_DIR) + "/" + rel; }
Model hotel() { return load_model(source("examples/hotel.json")); }

Unit unit(std::string id, Level level, std::optional<std::string> parent = std::nullopt) {
  Unit u;
  u.id = std::move(id);
  u.name = u.id;
  u.level = level;
  u.parent = std::move(parent);
  return u;
}

Person person(std::string id, std::string unit, std::optional<std::string> manager = std::nullopt) {
  Person p;
  p.id = std::move(id);
  p.name = p.id;
  p.unit = std::move(unit);
  p.manager = std::move(manager);
  return p;
}

MaturityResponse response(std::string id, Level level, std::vector<std::pair<std::string, double>> scores) {
  return {std::move(id), level, std::move(scores), {}};
}

// A small organization: gm (directive) over m1 (managerial) over o1, o2 (operative).
// Bundled maturity model; the scores make, in model order:
//   true_north   dir 4, oper 4            → not weak
//   meaning      dir 3, oper 2.5 → 2.6    → weak (low score)
//   alignment    dir 4, oper 3 (gap 1.0)  → weak (level gap, exactly on the threshold)
//   leadership   dir 2 only (no operative) → weak (low score), gap null
//   training     dir 3, oper 3            → not weak (score exactly 3)
//   policies     dir 3.9, oper 3 → gap 0.9 → not weak
//   emotional_conditions dir 1, oper 5 → gap −4 → weak (|gap|), score 3
Model small_org() {
  Model m;
  m.units = {unit("gm", Level::directive), unit("m1", Level::managerial, "gm"), unit("o1", Level::operative, "m1"),
             unit("o2", Level::operative, "m1")};
  m.people = {person("ceo", "gm"), person("boss", "m1", "ceo"), person("a", "o1", "boss"), person("b", "o1", "a"),
              person("c", "o2", "boss")};
  Assessment a;
  a.responses.push_back(response("d1", Level::directive,
                                 {{"tn1", 4}, {"mp1", 3}, {"al1", 4}, {"ld1", 2}, {"tr1", 3}, {"ps1", 3.9}, {"em1", 1}}));
  a.responses.push_back(response("o1", Level::operative,
                                 {{"tn1", 4}, {"mp1", 2}, {"al1", 3}, {"tr1", 3}, {"ps1", 3}, {"em1", 5}}));
  a.responses.push_back(response("o2", Level::operative, {{"mp1", 3}, {"mp2", 3}, {"mp3", 2}}));
  m.assessment = a;
  return m;
}

std::vector<std::string> weak_ids(const RoadmapResult &r) {
  std::vector<std::string> ids;
  for (const auto &p : r.processes) ids.push_back(p.id);
  return ids;
}

const RoadmapProcess &process(const RoadmapResult &r, const std::string &id) {
  for (const auto &p : r.processes)
    if (p.id == id) return p;
  FAIL("no process " << id);
  throw 0;
}

}  // namespace

TEST_CASE("roadmap: weak processes by score and by level gap, in the maturity model's order") {
  const Model m = small_org();
  REQUIRE(validate(m).ok());
  auto r = culture_roadmap(m);
  CHECK(weak_ids(r) == std::vector<std::string>{"meaning", "alignment", "leadership", "emotional_conditions"});
  CHECK(process(r, "meaning").low_score);
  CHECK_FALSE(process(r, "meaning").level_gap);
  CHECK(*process(r, "meaning").score == Approx(2.6));
  CHECK(process(r, "alignment").level_gap);  // 4 − 3 = 1.0: on the threshold is weak
  CHECK_FALSE(process(r, "alignment").low_score);
  CHECK(process(r, "leadership").low_score);
  CHECK_FALSE(process(r, "leadership").gap);  // the operative level did not answer: no gap rule
  CHECK(process(r, "emotional_conditions").level_gap);  // |1 − 5| counts, whichever side is higher
  CHECK(r.respondents == 3);
  CHECK(r.assessed == 7);

  SECTION("thresholds are options") {
    RoadmapOptions o;
    o.threshold = 3.5;
    o.gap_threshold = 0.9;
    auto wider = culture_roadmap(m, o);
    CHECK(weak_ids(wider) == std::vector<std::string>{"meaning", "alignment", "leadership", "training", "policies",
                                                      "emotional_conditions"});
    o.threshold = 1;
    o.gap_threshold = 10;
    CHECK(culture_roadmap(m, o).processes.empty());
    o.gap_threshold = -1;
    CHECK_THROWS_AS(culture_roadmap(m, o), ArgumentError);
  }
  SECTION("without responses nothing is weak") {
    Model empty = m;
    empty.assessment->responses.clear();
    auto none = culture_roadmap(empty);
    CHECK(none.processes.empty());
    CHECK(none.actions == 0);
    CHECK(none.respondents == 0);
  }
}

TEST_CASE("roadmap: sequence, levers, one action per template and unit of its level") {
  const Model m = small_org();
  auto r = culture_roadmap(m);
  const auto &content = default_roadmap_content();
  // Each weak sequence process waits for the previous weak one; the first for none.
  CHECK_FALSE(process(r, "meaning").after);
  CHECK(process(r, "alignment").after == std::optional<std::string>("meaning"));
  CHECK(process(r, "leadership").after == std::optional<std::string>("alignment"));
  CHECK(process(r, "emotional_conditions").after == std::optional<std::string>("leadership"));
  CHECK(process(r, "meaning").kind == "process");
  std::size_t actions = 0;
  double cost = 0;
  for (const auto &p : r.processes) {
    const auto &c = *std::find_if(content.processes.begin(), content.processes.end(),
                                  [&](const auto &x) { return x.process == p.id; });
    REQUIRE(p.actions.size() == c.actions.size());
    REQUIRE(p.levers.size() == c.levers.size());
    for (std::size_t i = 0; i < p.levers.size(); ++i) CHECK(p.levers[i].id == c.levers[i]);
    CHECK_FALSE(p.levers.empty());
    for (const auto &step : p.actions) {
      const std::size_t expected = step.action.level == Level::directive ? 1 : step.action.level == Level::managerial ? 1 : 2;
      REQUIRE(step.units.size() == expected);
      for (const auto &u : step.units) {
        CHECK(u.action == "roadmap." + step.action.id + "." + u.unit);
        CHECK(u.cost == step.action.cost + step.action.cost_per_person * static_cast<double>(u.people));
        ++actions;
        cost += u.cost;
      }
    }
  }
  CHECK(r.actions == actions);
  CHECK(r.cost == Approx(cost));
  // o1 has two people, o2 one: per-person costs follow the headcount.
  const auto &workshop = process(r, "meaning").actions.back();
  REQUIRE(workshop.action.level == Level::operative);
  CHECK(workshop.units[0].people == 2);
  CHECK(workshop.units[1].people == 1);
}

TEST_CASE("roadmap: levers are not part of the sequence") {
  Model m = small_org();
  // Make the involvement lever weak too: it comes after the seven processes and waits for nothing.
  m.assessment->responses.push_back(response("o3", Level::operative, {{"li1", 1}, {"li2", 2}}));
  auto r = culture_roadmap(m);
  REQUIRE(weak_ids(r).back() == "lever_involvement");
  CHECK(process(r, "lever_involvement").kind == "lever");
  CHECK_FALSE(process(r, "lever_involvement").after);
  REQUIRE(process(r, "lever_involvement").levers.size() == 1);
  CHECK(process(r, "lever_involvement").levers[0].id == "involvement");
}

TEST_CASE("roadmap: the written plan is valid, waits along the unit tree and runs in plan") {
  const Model m = small_org();
  auto r = culture_roadmap(m);
  RoadmapPlanOptions po;
  po.start = "2026-04-01";
  Model out = with_roadmap_plan(m, r, po);
  auto diagnostics = validate(out);
  INFO((diagnostics.errors.empty() ? std::string() : diagnostics.errors[0].message));
  REQUIRE(diagnostics.ok());
  const Plan &plan = out.plans.back();
  CHECK(plan.id == "roadmap");
  CHECK(plan.name == "Culture roadmap");
  CHECK(plan.start == std::optional<std::string>("2026-04-01"));
  CHECK(plan.budget == r.cost);
  REQUIRE(plan.actions.size() == r.actions);
  std::map<std::string, const Action *> by_id;
  for (const auto &a : plan.actions) {
    by_id[a.id] = &a;
    CHECK(a.stage == Stage::plan);
    CHECK(a.target.kind == ActionTarget::Kind::unit);
  }
  // Owners: each unit's head (the first person whose manager is outside the unit).
  CHECK(by_id.at("roadmap.mp_personal_goals.o1")->owner == std::optional<std::string>("a"));
  CHECK(by_id.at("roadmap.mp_personal_goals.o2")->owner == std::optional<std::string>("c"));
  CHECK(by_id.at("roadmap.mp_sponsor.gm")->owner == std::optional<std::string>("ceo"));
  // alignment's operative action on o1 waits for meaning's actions on o1, m1 and gm, in plan order.
  CHECK(by_id.at("roadmap.al_induction.o1")->after ==
        std::vector<std::string>{"roadmap.mp_sponsor.gm", "roadmap.mp_agree_plans.m1", "roadmap.mp_personal_goals.o1"});
  // the directive action waits for meaning's action on gm only (o1, o2 and m1 are below it).
  CHECK(by_id.at("roadmap.al_profiles.gm")->after == std::vector<std::string>{"roadmap.mp_sponsor.gm"});
  CHECK(by_id.at("roadmap.mp_sponsor.gm")->after.empty());

  PlanReportOptions options;
  options.plan = "roadmap";
  options.as_of = "2026-04-01";
  auto report = plan_report(out, options);
  CHECK(report.schedule.actions.size() == r.actions);
  CHECK(report.schedule.duration >= 30 + 20);  // al_review_gaps.m1 (20 days) waits for mp_agree_plans.m1 (30)

  SECTION("a second roadmap plan with the same id is refused; another id is fine") {
    CHECK_THROWS_AS(with_roadmap_plan(out, r, po), ArgumentError);
    RoadmapOptions o;
    o.plan_id = "roadmap2";
    auto second = culture_roadmap(out, o);
    CHECK(validate(with_roadmap_plan(out, second, po)).ok());
  }
  SECTION("a bad start date or budget is an argument error") {
    po.start = "2026-13-01";
    CHECK_THROWS_AS(roadmap_plan(m, r, po), ArgumentError);
    po.start = "2026-01-01";
    po.budget = -1;
    CHECK_THROWS_AS(roadmap_plan(m, r, po), ArgumentError);
    po.budget = std::nullopt;
    Model other = m;
    other.units.pop_back();  // a roadmap of another model: its unit o2 is unknown here
    other.people.pop_back();
    CHECK_THROWS_AS(roadmap_plan(other, r, po), ArgumentError);
  }
}

TEST_CASE("roadmap: action ids avoid the model's own, competencies outside the catalogue are skipped") {
  Model m = small_org();
  Plan existing;
  existing.id = "old";
  Action taken;
  taken.id = "roadmap.mp_sponsor.gm";
  taken.target = {ActionTarget::Kind::unit, "gm"};
  taken.effect.delta = 0.01;
  existing.actions.push_back(taken);
  m.plans.push_back(existing);
  // A catalogue without "coaching": mp_agree_plans raises it.
  for (const char *c : {"communication", "planning", "technical_skill", "leadership", "customer_orientation",
                        "active_listening", "stress_management", "problem_solving", "teamwork"})
    m.competencies.push_back({c, c, {}});
  REQUIRE(validate(m).ok());
  auto r = culture_roadmap(m);
  const auto &meaning = process(r, "meaning");
  CHECK(meaning.actions[0].units[0].action == "roadmap.mp_sponsor.gm~2");
  CHECK(meaning.actions[1].action.id == "mp_agree_plans");
  CHECK(meaning.actions[1].skipped == std::optional<std::string>("unknown_competency"));
  CHECK(meaning.actions[1].units.empty());
  RoadmapPlanOptions po;
  po.start = "2026-04-01";
  CHECK(validate(with_roadmap_plan(m, r, po)).ok());
}

TEST_CASE("roadmap: a unit level without units and a process without content") {
  Model m = small_org();
  m.units.erase(m.units.begin() + 1);  // no managerial unit
  m.units[1].parent = "gm";
  m.units[2].parent = "gm";
  m.people.erase(m.people.begin() + 1);
  m.people[1].manager = "ceo";
  m.people[3].manager = "ceo";
  REQUIRE(validate(m).ok());
  auto r = culture_roadmap(m);
  CHECK(process(r, "meaning").actions[1].skipped == std::optional<std::string>("no_units"));

  Model own = small_org();
  MaturityProcess custom;
  custom.id = "our_own";
  custom.name = "Our own process";
  custom.items = {{"q1", "Question", {}}};
  own.assessment->processes = std::vector<MaturityProcess>{custom};
  own.assessment->responses = {response("x", Level::operative, {{"q1", 1}})};
  REQUIRE(validate(own).ok());
  auto r2 = culture_roadmap(own);
  REQUIRE(r2.processes.size() == 1);
  CHECK(r2.processes[0].kind == "other");
  CHECK(r2.processes[0].actions.empty());
  CHECK(r2.actions == 0);
}

TEST_CASE("roadmap: bundled content in both languages, complete and alike") {
  const auto &en = default_roadmap_content(Language::en);
  const auto &es = default_roadmap_content(Language::es);
  REQUIRE(en.levers.size() == 6);
  REQUIRE(es.levers.size() == 6);
  const auto &maturity = default_maturity_model(Language::en);
  REQUIRE(en.processes.size() == maturity.size());
  REQUIRE(es.processes.size() == maturity.size());
  const Model h = hotel();
  std::set<std::string> catalogue;
  for (const auto &c : h.competencies) catalogue.insert(c.id);
  for (std::size_t p = 0; p < maturity.size(); ++p) {
    const auto &a = en.processes[p], &b = es.processes[p];
    CHECK(a.process == maturity[p].id);
    CHECK(b.process == a.process);
    CHECK(a.lever == (p >= 7));  // the seven processes, then the six levers
    CHECK(a.levers == b.levers);
    REQUIRE(a.actions.size() == b.actions.size());
    CHECK(a.actions.size() >= 2);
    for (std::size_t i = 0; i < a.actions.size(); ++i) {
      CHECK(a.actions[i].id == b.actions[i].id);
      CHECK(a.actions[i].level == b.actions[i].level);
      CHECK(a.actions[i].effect == b.actions[i].effect);
      CHECK(a.actions[i].cost == b.actions[i].cost);
      CHECK(a.actions[i].title != b.actions[i].title);
      CHECK(a.actions[i].effect.delta > 0);
      if (a.actions[i].effect.kind == ActionEffect::Kind::competency) CHECK(catalogue.contains(a.actions[i].effect.competency));
    }
  }
}

TEST_CASE("roadmap: generic bundled content names no industry") {
  for (const char *file : {"data/curriculum.en.json", "data/curriculum.es.json", "data/maturity.en.json",
                           "data/maturity.es.json", "data/roadmap.en.json", "data/roadmap.es.json"}) {
    std::ifstream in(source(file));
    std::stringstream text;
    text << in.rdbuf();
    std::string lower = text.str();
    for (auto &ch : lower) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    REQUIRE(lower.size() > 100);
    for (const char *word : {"guest", "hotel", "room", "restaurant", "menu", "patient", "huésped", "habitaci", "hospital",
                             "paciente", " formación", "coste", "momentos de verdad"}) {
      INFO(file << " contains " << word);
      CHECK(lower.find(word) == std::string::npos);
    }
  }
}

TEST_CASE("roadmap: the hotel's roadmap feeds plan and simulate from the CLI") {
  const std::string out = "roadmap-test-hotel.json";
  std::remove(out.c_str());
  auto written = test::run_servicechain("--quiet roadmap " + source("examples/hotel.json") + " --plan-out " + out +
                                        " --start 2026-03-01 --json");
  REQUIRE(written.code == 0);
  CHECK(written.out.find("\"weak\"") != std::string::npos);
  CHECK(test::run_servicechain("--quiet validate " + out).code == 0);
  auto plan = test::run_servicechain("--quiet plan " + out + " --plan roadmap --as-of 2026-03-01 --json");
  CHECK(plan.code == 0);
  CHECK(plan.out.find("\"csi_after\"") != std::string::npos);
  auto simulate = test::run_servicechain("--quiet simulate " + out + " --plan roadmap --runs 20 --seed 1 --threads 1 --json");
  CHECK(simulate.code == 0);
  // The library's plan matches: one action per template and unit of its level.
  const Model h = hotel();
  auto r = culture_roadmap(h);
  const Model m = load_model(out);
  REQUIRE(m.plans.back().id == "roadmap");
  CHECK(m.plans.back().actions.size() == r.actions);
  CHECK(weak_ids(r) == std::vector<std::string>{"true_north", "meaning", "leadership", "policies", "emotional_conditions",
                                                "lever_involvement", "lever_job_descriptions", "lever_layers",
                                                "lever_customer_measurement"});
  std::remove(out.c_str());
  // Refuses to overwrite its input; a bad start is a usage error.
  CHECK(test::run_servicechain("roadmap " + source("examples/hotel.json") + " --plan-out " + source("examples/hotel.json")).code == 2);
  CHECK(test::run_servicechain("roadmap " + source("examples/hotel.json") + " --start 2026-02-30").code == 2);
  auto es = test::run_servicechain("--quiet --lang es roadmap " + source("examples/hotel-es.json"));
  CHECK(es.code == 0);
  CHECK(es.out.find("Hoja de ruta cultural") != std::string::npos);
  CHECK(es.out.find("3,0") != std::string::npos);
  // The demo shows the roadmap after the maturity table.
  auto demo = test::run_servicechain("--quiet demo", "2>/dev/null");
  CHECK(demo.out.find("Culture roadmap (weak processes in sequence") != std::string::npos);
}

TEST_CASE("roadmap: JSON keys and numbers") {
  auto r = culture_roadmap(small_org());
  std::string text;
  JsonWriter w(text);
  write_json(w, r);
  for (const char *key : {"\"threshold\": 3", "\"gap_threshold\": 1", "\"weak\"", "\"reasons\"", "\"low_score\"",
                          "\"level_gap\"", "\"levers\"", "\"template\"", "\"cost_per_person\"", "\"skipped\": null",
                          "\"after\": \"meaning\"", "\"plan\": \"roadmap\""})
    CHECK(text.find(key) != std::string::npos);
}
