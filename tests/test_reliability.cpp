// Issue 23: no wrong number shown as right (nearly closed loops solved to the
// residual bound of §4.1, and every command saying when a result did not
// converge; sizes and importances near 1e308 without overflow) and bounded work
// (plan selection, IPA, simulation limits).
#include <catch2/catch.hpp>

#include <chrono>
#include <cctype>
#include <cmath>
#include <map>
#include <random>
#include <set>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "servicechain/analysis/chain/analyze.hpp"
#include "servicechain/analysis/chain/impact.hpp"
#include "servicechain/analysis/chain/propagation.hpp"
#include "servicechain/analysis/people/alignment.hpp"
#include "servicechain/analysis/people/fit.hpp"
#include "servicechain/analysis/plans/plan.hpp"
#include "servicechain/analysis/policies/compliance.hpp"
#include "servicechain/analysis/simulation/simulation.hpp"
#include "servicechain/analysis/survey/ipa.hpp"
#include "servicechain/bundled.hpp"
#include "servicechain/error.hpp"
#include "servicechain/generate.hpp"
#include "servicechain/io/csv.hpp"
#include "servicechain/io/files.hpp"
#include "servicechain/io/model_json.hpp"
#include "servicechain/report/html.hpp"
#include "servicechain/run.hpp"
#include "servicechain/validate.hpp"
#include "support/command.hpp"

using namespace servicechain;
using Catch::Matchers::Contains;
using Catch::Matchers::WithinAbs;

namespace {

std::string data(const std::string &name) { return std::string(SERVICECHAIN_SOURCE_DIR) + "/tests/data/" + name; }
std::string example(const std::string &name) { return std::string(SERVICECHAIN_SOURCE_DIR) + "/examples/" + name; }

// The CSI of the near-closed loop, from numpy.linalg.solve of the whole system.
constexpr double loop_csi = 54.99999991210064;

// Options under which the loop cannot converge: a few sweeps and no fallback.
PropagationOptions capped() {
  PropagationOptions o;
  o.max_iterations = 10;
  o.fallback_direct_size = 0;
  return o;
}

// max |q - (1-W)s - A q| over every unit: the true residual of §4.1, recomputed.
double residual_of(const Model &model, const std::vector<double> &s, const std::vector<double> &q) {
  std::vector<double> r(model.units.size()), w(model.units.size(), 0.0);
  std::map<std::string, std::size_t> index;
  for (std::size_t u = 0; u < model.units.size(); ++u) index[model.units[u].id] = u;
  for (const auto &x : model.services) w[index[x.to]] += x.weight;
  for (std::size_t u = 0; u < r.size(); ++u) r[u] = q[u] - (1 - w[u]) * s[u];
  for (const auto &x : model.services) r[index[x.to]] -= x.weight * q[index[x.from]];
  double worst = 0;
  for (double v : r) worst = std::max(worst, std::fabs(v));
  return worst;
}

// A ring of n units, each taking `weight` of its quality from the previous one.
Model ring(std::size_t n, double weight) {
  Model m;
  for (std::size_t v = 0; v < n; ++v) {
    Unit u;
    u.id = "r" + std::to_string(v);
    u.quality = 0.3 + 0.6 * static_cast<double>((v * 37) % 101) / 100.0;
    m.units.push_back(u);
  }
  for (std::size_t v = 0; v < n; ++v) {
    Service s;
    s.from = m.units[(v + n - 1) % n].id;
    s.to = m.units[v].id;
    s.weight = weight;
    m.services.push_back(s);
  }
  Segment seg;
  seg.id = "all";
  m.segments.push_back(seg);
  MomentOfTruth moment;
  moment.id = "m";
  moment.segment = "all";
  moment.owner = m.units[0].id;
  m.moments.push_back(moment);
  return m;
}

// "inf" or "nan" as a word of its own (as printf and streams write them), not inside one.
bool has_non_finite(const std::string &text) {
  auto letter = [](char c) { return std::isalpha(static_cast<unsigned char>(c)) != 0; };
  for (const char *word : {"inf", "nan"})
    for (auto at = text.find(word); at != std::string::npos; at = text.find(word, at + 1)) {
      const bool starts = at == 0 || !letter(text[at - 1]);
      const bool ends = at + 3 >= text.size() || !letter(text[at + 3]);
      if (starts && ends) return true;
    }
  return false;
}

}  // namespace

// ---- solving nearly closed loops --------------------------------------------------

TEST_CASE("reliability: a near-closed loop of 65 units is solved to the residual bound", "[reliability][chain]") {
  Model model = load_model(data("near_closed_loop.json"));
  ChainGraph g(model);
  auto s = intrinsic_quality(model);
  auto q = propagate(g, s);
  CHECK(q.converged);
  CHECK(q.residual <= 1e-12);
  CHECK(residual_of(model, s, q.delivered) <= 1e-12);
  REQUIRE(csi(g, q.delivered));
  CHECK_THAT(*csi(g, q.delivered), WithinAbs(loop_csi, 1e-6));  // the iteration stopped at 1.1 before
  auto im = impact(g, s, q.delivered);
  CHECK(im.converged);
  double total = 0;  // the linear CSI is homogeneous of degree 1 in s
  for (std::size_t u = 0; u < s.size(); ++u) total += *im.impact[u] * s[u];
  CHECK_THAT(total, WithinAbs(loop_csi, 1e-6));

  auto geometric = propagate(g, s, PropagationModel::geometric);
  CHECK(geometric.converged);
  CHECK(impact(g, s, geometric.delivered, PropagationModel::geometric).converged);

  // GMRES (no dense fallback) reaches the same answer.
  PropagationOptions gmres;
  gmres.fallback_direct_size = 0;
  auto qg = propagate(g, s, PropagationModel::linear, gmres);
  CHECK(qg.converged);
  CHECK(qg.iterations < 1000);
  for (std::size_t u = 0; u < s.size(); ++u) CHECK_THAT(qg.delivered[u], WithinAbs(q.delivered[u], 1e-7));
  auto ig = impact(g, s, qg.delivered, PropagationModel::linear, gmres);
  CHECK(ig.converged);
  for (std::size_t u = 0; u < s.size(); ++u) CHECK_THAT(*ig.impact[u], WithinAbs(*im.impact[u], 1e-5));

  // Plain Gauss-Seidel alone stalls: reported, never silently wrong.
  PropagationOptions plain;
  plain.fallback_direct_size = 0;
  plain.gmres = false;
  plain.max_iterations = 1000;
  auto stalled = propagate(g, s, PropagationModel::linear, plain);
  CHECK(!stalled.converged);
  CHECK(stalled.nearly_closed.size() == 65);
}

TEST_CASE("reliability: a 3,000-unit near-closed ring goes to GMRES and converges", "[reliability][chain]") {
  Model model = ring(3000, 1 - 1e-8);
  ChainGraph g(model);
  auto s = intrinsic_quality(model);
  for (auto m : {PropagationModel::linear, PropagationModel::geometric}) {
    auto q = propagate(g, s, m);
    CHECK(q.converged);
    CHECK(q.residual <= 1e-12);
    CHECK(q.iterations < 2000);
    if (m == PropagationModel::linear) CHECK(residual_of(model, s, q.delivered) <= 1e-12);
    auto im = impact(g, s, q.delivered, m);
    CHECK(im.converged);
  }
}

// ---- every command says when a result did not converge ---------------------------

TEST_CASE("reliability: results that did not converge say so (library)", "[reliability]") {
  Model model = load_model(data("near_closed_loop.json"));
  ChainAnalysisOptions chain_options;
  chain_options.propagation = capped();
  auto a = analyze_chain(model, chain_options);
  auto c = a.convergence();
  CHECK(!c.converged);
  CHECK(c.nearly_closed.size() == 65);
  auto json = chain_analysis_json(model, a);
  CHECK_THAT(json, Contains("\"converged\": false") && Contains("\"code\": \"not_converged\"") && Contains("\"u00\""));
  CHECK(convergence_message(c).find("65 units") != std::string::npos);
  CHECK(convergence_message(c, Language::es).find("65 unidades") != std::string::npos);

  SimulationOptions sim;
  sim.runs = 3;
  sim.threads = 2;
  sim.solver = capped();
  ChainGraph g(model);
  auto result = simulate(model, g, intrinsic_quality(model), sim);
  CHECK(!result.convergence.converged);
  CHECK_THAT(to_json(result, sim), Contains("not_converged"));

  ComplianceOptions check;
  check.solver = capped();
  CHECK(!check_policies(model, check).convergence.converged);

  PlanReportOptions plan;
  plan.plan = "loop_plan";
  plan.as_of = "2026-02-01";
  plan.solver = capped();
  auto report = plan_report(model, plan);
  CHECK(!report.convergence.converged);
  CHECK_THAT(to_json(report), Contains("not_converged"));

  HtmlReportInput input;
  input.model = &model;
  input.graph = &g;
  input.chain = &a;
  input.plans.push_back(report);
  CHECK_THAT(html_report(input), Contains("id=\"not-converged\""));

  // With the default solver nothing is said.
  auto fine = analyze_chain(model);
  CHECK(fine.convergence().converged);
  CHECK_THAT(chain_analysis_json(model, fine), !Contains("not_converged"));
  input.chain = &fine;
  PlanReportOptions default_plan;
  default_plan.plan = "loop_plan";
  default_plan.as_of = "2026-02-01";
  input.plans = {plan_report(model, default_plan)};
  CHECK_THAT(html_report(input), !Contains("not-converged"));
}

TEST_CASE("cli: every command says when the chain did not converge", "[reliability][cli]") {
  const std::string loop = data("near_closed_loop.json");
  const std::string cap = "--solver-iterations 10 --solver-direct-limit 0 ";
  using servicechain::test::run_servicechain;

  // The default solver gets the loop right (report printed CSI 1.1 before).
  auto right = run_servicechain("analyze " + loop);
  CHECK(right.code == 0);
  CHECK_THAT(right.out, Contains("55.0 / 100") && !Contains("Warning"));

  auto text = run_servicechain(cap + "analyze " + loop);
  CHECK(text.code == 0);
  CHECK_THAT(text.out, Contains("Warning: the chain did not converge in 65 units"));
  auto es = run_servicechain("--lang es " + cap + "analyze " + loop);
  CHECK_THAT(es.out, Contains("Aviso: la cadena no convergió en 65 unidades"));
  const auto ratings = std::filesystem::temp_directory_path() / "sc_reliability_internal.csv";
  {
    std::ofstream csv(ratings);
    csv << "respondent_unit,supplier_unit,service,rating\nu01,u00,s0,4\n";
  }
  const std::string internal = "survey internal " + ratings.string() + " --model " + loop;
  for (const std::string &command : {"analyze " + loop + " --json", "simulate " + loop + " --runs 3 --json",
                                    "check " + loop + " --json", "plan " + loop + " --plan loop_plan --as-of 2026-02-01 --json",
                                    "people " + loop + " --json", "diff " + loop + " " + loop + " --json",
                                    internal + " --json"}) {
    INFO(command);
    auto json = run_servicechain(cap + command, "2>/dev/null");
    CHECK(json.code == 0);
    CHECK_THAT(json.out, Contains("\"converged\": false") && Contains("\"code\": \"not_converged\""));
    auto fine = run_servicechain(command, "2>/dev/null");
    CHECK(fine.code == 0);
    CHECK_THAT(fine.out, !Contains("not_converged"));
  }
  for (const std::string &command : {"simulate " + loop + " --runs 3", "check " + loop,
                                    "plan " + loop + " --plan loop_plan --as-of 2026-02-01", "people " + loop,
                                    "diff " + loop + " " + loop, internal}) {
    INFO(command);
    auto readable = run_servicechain(cap + command, "2>/dev/null");
    CHECK(readable.code == 0);
    CHECK_THAT(readable.out, Contains("Warning: the chain did not converge"));
  }
  auto html = std::filesystem::temp_directory_path() / "sc_reliability_loop.html";
  auto report = run_servicechain(cap + "report " + loop + " -o " + html.string());
  CHECK(report.code == 0);
  CHECK_THAT(read_file(html), Contains("id=\"not-converged\"") && Contains("did not converge"));
  report = run_servicechain("report " + loop + " -o " + html.string());
  CHECK(report.code == 0);
  CHECK_THAT(read_file(html), !Contains("not-converged") && Contains("55.0"));
  std::filesystem::remove(html);
  std::filesystem::remove(ratings);
}

// run() is what the C API and Python call: the same notices in its JSON bodies,
// with the solver's limits as request options.
TEST_CASE("run(): every body says when the chain did not converge", "[reliability][run]") {
  const ModelAndGraph loaded = load_model_and_graph(data("near_closed_loop.json"));
  const std::string cap = R"("solver-iterations": 10, "solver-direct-limit": 0)";
  const std::string loop_path = data("near_closed_loop.json");
  const std::string requests[] = {
      R"({"command": "analyze", )",
      R"({"command": "people", )",
      R"({"command": "check", )",
      R"({"command": "plan", "plan": "loop_plan", "as-of": "2026-02-01", )",
      R"({"command": "simulate", "runs": 3, )",
      R"({"command": "diff", "new": {"path": ")" + loop_path + R"("}, )",
      R"({"command": "survey internal", "data": "respondent_unit,supplier_unit,service,rating\nu01,u00,s0,4\n", )",
  };
  for (const std::string &request : requests) {
    INFO(request);
    const Response capped_response = run(request + cap + "}", &loaded);
    CHECK(!capped_response.error);
    CHECK_THAT(capped_response.body, Contains("\"converged\": false") && Contains("\"code\": \"not_converged\"") &&
                                         Contains("\"u00\""));
    const Response fine = run(request + R"("solver-direct-limit": 1000})", &loaded);
    CHECK(!fine.error);
    CHECK_THAT(fine.body, !Contains("not_converged"));
  }
  const Response report = run(R"({"command": "report", "as-of": "2026-02-01", )" + cap + "}", &loaded);
  CHECK(!report.error);
  CHECK_THAT(report.body, Contains("id=\"not-converged\""));
  const Response bad = run(R"({"command": "analyze", "solver-direct-limit": 20000})", &loaded);
  CHECK(bad.error);
  CHECK_THAT(bad.body, Contains("bad_option") && Contains("solver-direct-limit"));
}

// ---- sizes and importances near the top of the double range -------------------------

TEST_CASE("reliability: sizes and importances of 1e308 give the CSI of their ratios", "[reliability][chain]") {
  Model huge = load_model(example("hotel.json"));
  Model unit = huge;
  for (auto &s : huge.segments) s.size = 1e308;
  for (auto &m : huge.moments) m.importance = 1e308;
  for (auto &s : unit.segments) s.size = 1;
  for (auto &m : unit.moments) m.importance = 1;
  REQUIRE(validate(huge).ok());
  auto a = analyze_chain(huge), b = analyze_chain(unit);
  REQUIRE(a.satisfaction.csi);
  CHECK(std::isfinite(*a.satisfaction.csi));
  CHECK_THAT(*a.satisfaction.csi, WithinAbs(*b.satisfaction.csi, 1e-9));
  for (std::size_t u = 0; u < huge.units.size(); ++u) {
    REQUIRE(a.impact.impact[u]);
    CHECK_THAT(*a.impact.impact[u], WithinAbs(*b.impact.impact[u], 1e-9));
  }
  for (std::size_t c = 0; c < huge.segments.size(); ++c)
    if (b.satisfaction.segment_satisfaction[c])
      CHECK_THAT(*a.satisfaction.segment_satisfaction[c], WithinAbs(*b.satisfaction.segment_satisfaction[c], 1e-12));
  // Mixed magnitudes: one segment 1e308, one 1e-300 (its share underflows to nothing).
  Model mixed = unit;
  mixed.segments[0].size = 1e308;
  for (std::size_t c = 1; c < mixed.segments.size(); ++c) mixed.segments[c].size = 1e-300;
  auto m = analyze_chain(mixed);
  CHECK_THAT(*m.satisfaction.csi, WithinAbs(100 * *b.satisfaction.segment_satisfaction[0], 1e-9));

  auto file = std::filesystem::temp_directory_path() / "sc_reliability_1e308.json";
  write_file_atomic(file, to_json(huge));
  for (const std::string command : {"analyze", "report", "check", "simulate --runs 20", "plan --plan service_recovery_2026",
                                    "people"}) {
    INFO(command);
    auto space = command.find(' ');
    std::string args = space == std::string::npos ? command + " " + file.string()
                                                  : command.substr(0, space) + " " + file.string() + command.substr(space);
    auto out = servicechain::test::run_servicechain(args, "2>/dev/null");
    CHECK(out.code == 0);
    CHECK(!has_non_finite(out.out));
    if (command != "report") {
      auto json = servicechain::test::run_servicechain(args + " --json", "2>/dev/null");
      CHECK_THAT(json.out, !Contains("\"csi\": null") && !Contains("\"csi_before\": null"));
    }
  }
  std::filesystem::remove(file);
}

// ---- bounded work: plans ---------------------------------------------------------------

TEST_CASE("reliability: the greedy plan selection evaluates a few groups per step", "[reliability][plans]") {
  GenerateOptions options;
  options.units = 200;
  options.plan_actions = 1500;
  options.seed = 23;
  Model model = generate_organization(options);
  REQUIRE(validate(model).ok());
  const Plan &plan = model.plans.front();
  auto s = select_actions(model, plan);
  CHECK(s.method == "greedy");
  REQUIRE(s.candidates > 1000);
  // Eager re-evaluation costs about one evaluation per candidate per step
  // (hundreds of steps here); the lazy one a few per step on top of 2 per candidate.
  CHECK(s.evaluations < 8 * s.candidates);
  CHECK(s.selected.size() > 100);
  CHECK(s.cost <= plan.budget + 1e-6);
  REQUIRE(s.csi_after);
  REQUIRE(s.csi_before);
  CHECK(*s.csi_after > *s.csi_before);
  // The selection is closed under `after`.
  std::set<std::string> chosen(s.selected.begin(), s.selected.end());
  for (const auto &a : plan.actions)
    if (chosen.count(a.id))
      for (const auto &p : a.after) CHECK(chosen.count(p) == 1);
}

TEST_CASE("reliability: the exact search on 25 actions that gain and cost nothing stops at its limit", "[reliability][plans]") {
  Model model = load_model(example("hotel.json"));
  // A unit no customer depends on: raising it changes no CSI.
  Unit island;
  island.id = "island";
  island.quality = 0.5;
  model.units.push_back(island);
  Plan plan;
  plan.id = "nothing";
  plan.budget = 0;
  for (int k = 0; k < 25; ++k) {
    Action a;
    a.id = "z" + std::to_string(100 + k);
    a.target = ActionTarget{ActionTarget::Kind::unit, "island"};
    a.effect = ActionEffect{ActionEffect::Kind::quality, 0.01, {}};
    plan.actions.push_back(a);
  }
  model.plans.push_back(plan);
  REQUIRE(validate(model).ok());
  SelectionOptions options;
  auto s = select_actions(model, model.plans.back(), options);
  CHECK(s.candidates == 25);
  CHECK(s.exact_stopped);  // 2^25 tied subsets: 39 s before the limit
  CHECK(s.method == "greedy");
  CHECK(s.selected.empty());  // nothing gains: the exact answer too
  CHECK(s.evaluations <= options.exact_max_evaluations + 100);
  // A lower limit is honoured.
  options.exact_max_evaluations = 50;
  auto low = select_actions(model, model.plans.back(), options);
  CHECK(low.exact_stopped);
  CHECK(low.evaluations <= 150);
  PlanReportOptions report;
  report.plan = "nothing";
  report.as_of = "2026-01-01";
  CHECK_THAT(to_json(plan_report(model, report)), Contains("\"exact_stopped\": true"));
}

// ---- bounded work: alignment, IPA, simulation ---------------------------------------------

TEST_CASE("reliability: alignment with 15-digit weights over 375 people in one unit", "[reliability][people]") {
  Model model;
  Unit unit;
  unit.id = "U";
  model.units.push_back(unit);
  for (const char *c : {"a", "b", "c"}) {
    Competency competency;
    competency.id = c;
    model.competencies.push_back(competency);
  }
  std::mt19937_64 rng(375);
  std::uniform_int_distribution<std::int64_t> digits(100000000000000, 999999999999999);
  std::uniform_int_distribution<int> level(0, 5);
  const std::size_t n = 375;
  for (std::size_t p = 0; p < n; ++p) {
    Position position;
    position.id = "P" + std::to_string(p);
    position.unit = "U";
    for (const char *c : {"a", "b", "c"}) {
      position.requires_levels.emplace_back(c, 1 + level(rng) % 5);
      position.weights.emplace_back(c, static_cast<double>(digits(rng)) * 1e-15);  // 15 significant digits
    }
    model.positions.push_back(position);
    Person person;
    person.id = "h" + std::to_string(p);
    person.unit = "U";
    person.position = position.id;
    for (const char *c : {"a", "b", "c"}) person.competencies.emplace_back(c, level(rng));
    model.people.push_back(person);
  }
  REQUIRE(validate(model).ok());
  auto r = align(model);  // over 60 s before: multiprecision scores of thousands of digits
  CHECK(r.approximate_units == 1);
  CHECK(r.optimal >= r.current - 1e-9);
  CHECK(r.moves > 0);
}

TEST_CASE("reliability: IPA with 50,000 attributes is read in one pass", "[reliability][survey]") {
  std::string header, row;
  for (int a = 0; a < 50000; ++a) {
    header.append(a ? "," : "").append("I_a").append(std::to_string(a)).append(",P_a").append(std::to_string(a));
    row.append(a ? "," : "").append(std::to_string(1 + a % 5)).append(",").append(std::to_string(1 + (a / 5) % 5));
  }
  CsvOptions csv;
  csv.max_fields = 200000;
  auto reader = CsvReader::from_text(header + "\n" + row + "\n", "wide.csv", csv);
  auto result = ipa(reader);  // 38 s before: each P_ column looked up by a scan of the header
  REQUIRE(result.attributes.size() == 50000);
  CHECK(result.attributes[7].importance == Approx(3));
  CHECK(result.attributes[7].performance == Approx(2));
  // A repeated or unpaired column is still an error naming it.
  auto repeated = CsvReader::from_text("I_x,P_x,I_x\n1,2,3\n", "r.csv");
  CHECK_THROWS_WITH(ipa(repeated), Contains("repeated column \"I_x\""));
  auto unpaired = CsvReader::from_text("I_x,P_y\n1,2\n", "u.csv");
  CHECK_THROWS_WITH(ipa(unpaired), Contains("missing column \"P_x\""));
}

TEST_CASE("reliability: simulation memory and work are bounded", "[reliability][simulation]") {
  Model model = load_model(example("hotel.json"));
  ChainGraph g(model);
  auto s = intrinsic_quality(model);
  SimulationOptions o;
  o.runs = 8'000'000;  // ran for hours before
  CHECK_THROWS_AS(simulate(model, g, s, o), LimitError);
  CHECK_THROWS_WITH(simulate(model, g, s, o), Contains("work limit"));
  o.runs = 200'000;
  o.max_memory_bytes = 1 << 20;
  CHECK_THROWS_WITH(simulate(model, g, s, o), Contains("memory limit of 1 MiB"));
  // 500 segments × 10^6 runs (12 GB before) is refused by the default memory limit.
  Model wide = model;
  for (int c = 0; c < 500; ++c) {
    Segment segment;
    segment.id = "extra" + std::to_string(c);
    wide.segments.push_back(segment);
  }
  ChainGraph wide_graph(wide);
  SimulationOptions many;
  many.runs = 1'000'000;
  many.max_work = 1e15;  // the memory limit, not the work one
  CHECK_THROWS_WITH(simulate(wide, wide_graph, intrinsic_quality(wide), many), Contains("memory limit"));

  const std::string hotel = example("hotel.json");
  auto work = servicechain::test::run_servicechain("simulate " + hotel + " --runs 8000000");
  CHECK(work.code == 1);
  CHECK_THAT(work.out, Contains(hotel + ": the simulation would take") && Contains("work limit") && Contains("--max-work"));
  auto memory = servicechain::test::run_servicechain("simulate " + hotel + " --runs 100000 --max-memory 1");
  CHECK(memory.code == 1);
  CHECK_THAT(memory.out, Contains(hotel + ": the simulation would keep") && Contains("memory limit of 1 MiB"));
  CHECK(servicechain::test::run_servicechain("simulate " + hotel + " --runs 20 --max-work 1e12").code == 0);
}
