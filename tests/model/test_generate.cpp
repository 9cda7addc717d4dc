// Synthetic organizations: valid, deterministic, shaped as documented (docs/generate.md).
#include <catch2/catch.hpp>

#include "support/command.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <unistd.h>

#include "servicechain/analysis/chain/structure.hpp"
#include "servicechain/analysis/mining/social.hpp"
#include "servicechain/analysis/survey/servqual.hpp"
#include "servicechain/generate.hpp"
#include "servicechain/io/csv.hpp"
#include "servicechain/io/model_json.hpp"
#include "servicechain/validate.hpp"

using namespace servicechain;

namespace {

std::string describe(const Diagnostics &d) {
  std::string s;
  for (const auto &e : d.errors) s += "error " + e.path + " " + e.code + ": " + e.message + "\n";
  for (const auto &w : d.warnings) s += "warning " + w.path + " " + w.code + ": " + w.message + "\n";
  return s;
}

std::string shell(const std::string &command, int &status) {
  auto result = servicechain::test::run_command(command);
  status = result.code;
  return result.out;
}

std::string slurp(const std::string &path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

}  // namespace

TEST_CASE("generated organizations validate without errors or warnings", "[generate]") {
  for (std::size_t units : {1, 2, 3, 10, 57, 500, 3000}) {
    for (std::uint64_t seed : {1, 2, 99}) {
      for (double k : {0.0, 1.5, 5.0, 10.0}) {
        GenerateOptions o;
        o.units = units;
        o.seed = seed;
        o.services_per_unit = k;
        o.cycle_share = 0.1;
        INFO("units " << units << " seed " << seed << " services/unit " << k);
        Model model = generate_organization(o);
        Diagnostics d = validate(model);
        INFO(describe(d));
        CHECK(d.errors.empty());
        CHECK(d.warnings.empty());
        CHECK(model.units.size() == units);
      }
    }
  }
}

TEST_CASE("generated organizations with people and a plan validate and read back", "[generate]") {
  for (std::uint64_t seed : {3, 4}) {
    GenerateOptions o;
    o.units = 300;
    o.seed = seed;
    o.people_per_unit = 3;
    o.plan_actions = 40;
    o.segments = 4;
    Model model = generate_organization(o);
    Diagnostics d = validate(model);
    INFO(describe(d));
    CHECK(d.errors.empty());
    CHECK(d.warnings.empty());
    CHECK(model.people.size() == 900);
    CHECK(model.positions.size() == 300);
    REQUIRE(model.plans.size() == 1);
    CHECK(model.plans[0].actions.size() == 40);
    CHECK(model.segments.size() == 4);
    for (const Unit &u : model.units) CHECK_FALSE(u.quality.has_value());  // quality comes from people
    // The JSON form reads back to the same model.
    Model again = load_model_json(to_json(model), "generated");
    CHECK(again == model);
  }
}

TEST_CASE("the same seed gives the same organization; another seed another", "[generate]") {
  GenerateOptions o;
  o.units = 2000;
  o.seed = 11;
  o.people_per_unit = 1;
  o.plan_actions = 5;
  CHECK(generate_organization(o) == generate_organization(o));
  GenerateOptions other = o;
  other.seed = 12;
  CHECK_FALSE(generate_organization(o) == generate_organization(other));
}

TEST_CASE("generated chain has the documented shape", "[generate]") {
  GenerateOptions o;
  o.units = 20000;
  o.seed = 5;
  o.services_per_unit = 5;
  o.cycle_share = 0.05;
  Model model = generate_organization(o);
  std::map<std::string, std::size_t> index;
  for (std::size_t v = 0; v < model.units.size(); ++v) index[model.units[v].id] = v;

  // About K services per unit (fix-ups and cycle runs add a few).
  const double per_unit = static_cast<double>(model.services.size()) / static_cast<double>(o.units);
  CHECK(per_unit > 4.5);
  CHECK(per_unit < 5.8);

  // Incoming weights at most 0.9; services grouped by the unit they serve.
  std::vector<double> inflow(o.units, 0.0);
  for (const Service &s : model.services) inflow[index.at(s.to)] += s.weight;
  for (double w : inflow) CHECK(w <= 0.9 + 1e-12);
  for (std::size_t i = 1; i < model.services.size(); ++i)
    CHECK(index.at(model.services[i - 1].to) <= index.at(model.services[i].to));

  // Circular dependencies of 2 to 50 units, covering roughly the requested share.
  ChainGraph graph(model);
  auto cycles = circular_dependencies(graph);
  std::size_t in_cycles = 0;
  for (const auto &c : cycles) {
    CHECK(c.size() >= 2);
    CHECK(c.size() <= 50);
    in_cycles += c.size();
  }
  const double share = static_cast<double>(in_cycles) / static_cast<double>(o.units);
  CHECK(share > 0.03);
  CHECK(share < 0.07);

  // Levels: directive root, operative leaves own every moment; three segments.
  CHECK(model.units[0].level == Level::directive);
  CHECK_FALSE(model.units[0].parent.has_value());
  CHECK(model.units.back().level == Level::operative);
  CHECK(model.segments.size() == 3);
  CHECK(model.moments.size() == 1000);
  for (const MomentOfTruth &m : model.moments) CHECK(model.units[index.at(m.owner)].level == Level::operative);

  // Mostly local: most services join units at most 2*branching apart, or parent and child.
  std::size_t local = 0;
  for (const Service &s : model.services) {
    auto f = index.at(s.from), t = index.at(s.to);
    bool parent = model.units[t].parent == model.units[f].id || model.units[f].parent == model.units[t].id;
    if (parent || (f > t ? f - t : t - f) <= 2 * o.branching) ++local;
  }
  CHECK(static_cast<double>(local) / static_cast<double>(model.services.size()) > 0.9);
}

TEST_CASE("generate rejects options out of range", "[generate]") {
  GenerateOptions o;
  o.units = 0;
  CHECK_THROWS_AS(generate_organization(o), ArgumentError);
  o.units = 10;
  o.services_per_unit = 11;
  CHECK_THROWS_AS(generate_organization(o), ArgumentError);
  o.services_per_unit = 5;
  o.cycle_share = 1.5;
  CHECK_THROWS_AS(generate_organization(o), ArgumentError);
}

TEST_CASE("servicechain generate writes a valid file, the same for the same seed", "[generate][cli]") {
  const std::string cli = SERVICECHAIN_CLI;
  const std::string dir = std::getenv("TMPDIR") ? std::getenv("TMPDIR") : "/tmp";
  const std::string a = dir + "/sc_generate_test_a.json", b = dir + "/sc_generate_test_b.json";
  int status = 0;
  shell("\"" + cli + "\" -q generate --units 400 --services-per-unit 7 --seed 9 --people-per-unit 2 -o \"" + a + "\"", status);
  REQUIRE(status == 0);
  shell("\"" + cli + "\" -q generate --units 400 --services-per-unit 7 --seed 9 --people-per-unit 2 -o \"" + b + "\"", status);
  REQUIRE(status == 0);
  const std::string first = slurp(a);
  CHECK(first == slurp(b));
  CHECK(first.find("\"format\": \"servicechain/1\"") != std::string::npos);
  std::string out = shell("\"" + cli + "\" validate \"" + a + "\" --json", status);
  CHECK(status == 0);
  CHECK(out.find("\"valid\": true") != std::string::npos);
  CHECK(out.find("\"warnings\": []") != std::string::npos);
  // The library gives the same model.
  GenerateOptions o;
  o.units = 400;
  o.services_per_unit = 7;
  o.seed = 9;
  o.people_per_unit = 2;
  CHECK(load_model_json(first, a) == generate_organization(o));
  // Usage errors exit 2.
  shell("\"" + cli + "\" generate --units 10 --seed 1 --services-per-unit 12 -o \"" + a + "\" 2>/dev/null", status);
  CHECK(status == 2);
  std::remove(a.c_str());
  std::remove(b.c_str());
}

TEST_CASE("generate: a SERVQUAL survey of the moments' customers reads as DESIGN 4.5 and reflects unit quality", "[generate]") {
  GenerateOptions o;
  o.units = 500;
  o.seed = 4;
  const Model model = generate_organization(o);
  GeneratedSurveyOptions so;
  so.respondents = 400;
  so.seed = 9;
  const std::string csv = generate_servqual_csv(model, so);
  CHECK(csv == generate_servqual_csv(model, so));  // deterministic
  GeneratedSurveyOptions other = so;
  other.seed = 10;
  CHECK(csv != generate_servqual_csv(model, other));
  auto reader = CsvReader::from_text(csv, "survey.csv");
  ServqualResult r = servqual(reader);
  CHECK(r.overall.n == 400);
  CHECK(r.has_weights);
  REQUIRE(r.overall.dimensions.size() == 5);
  // Generated qualities lie in [0.6, 1]: perceptions fall short of expectations.
  for (const auto &d : r.overall.dimensions) {
    REQUIRE(d.gap.has_value());
    CHECK(*d.gap < 0);
    CHECK(*d.gap > -2.5);
    CHECK(*d.expectation > 5);
  }
  // Lower owner quality, larger shortfall: make every unit perfect and the gap nearly vanishes.
  Model perfect = model;
  for (Unit &u : perfect.units) u.quality = 1.0;
  auto perfect_reader = CsvReader::from_text(generate_servqual_csv(perfect, so), "perfect.csv");
  ServqualResult p = servqual(perfect_reader);
  REQUIRE(p.overall.unweighted.has_value());
  REQUIRE(r.overall.unweighted.has_value());
  CHECK(std::abs(*p.overall.unweighted) < 0.15);
  CHECK(*p.overall.unweighted > *r.overall.unweighted + 0.5);

  Model no_moments = model;
  no_moments.moments.clear();
  CHECK_THROWS_AS(generate_servqual_csv(no_moments, so), ArgumentError);
  GeneratedSurveyOptions none = so;
  none.respondents = 0;
  CHECK_THROWS_AS(generate_servqual_csv(model, none), ArgumentError);
}

TEST_CASE("generate: an event log follows the chain, so its handover of work finds the model's services", "[generate]") {
  GenerateOptions o;
  o.units = 300;
  o.seed = 6;
  const Model model = generate_organization(o);
  GeneratedEventLogOptions lo;
  lo.cases = 500;
  lo.seed = 2;
  const std::string csv = generate_event_log_csv(model, lo);
  CHECK(csv == generate_event_log_csv(model, lo));
  std::set<std::pair<std::string, std::string>> services;
  for (const Service &s : model.services) services.emplace(s.from, s.to);
  const SocialNetwork handover = handover_of_work(EventLogSource::text(csv, "log.csv"));
  CHECK(handover.cases == 500);
  CHECK(handover.events >= 500);
  CHECK(handover.events <= 500 * lo.max_events);
  REQUIRE_FALSE(handover.pairs.empty());
  for (const ResourcePair &pair : handover.pairs) {
    INFO(handover.resources[pair.from] << " -> " << handover.resources[pair.to]);
    CHECK(services.count({handover.resources[pair.from], handover.resources[pair.to]}) == 1);
  }
  // Timestamps are ISO 8601 and never go back within a case.
  auto reader = CsvReader::from_text(csv, "log.csv");
  std::string last_case;
  std::int64_t last_time = 0;
  std::size_t rows = 0;
  while (reader.next()) {
    auto time = parse_timestamp(reader.text(3));
    REQUIRE(time.has_value());
    if (reader.text(0) == last_case) CHECK(*time >= last_time);
    last_case = std::string(reader.text(0));
    last_time = *time;
    ++rows;
  }
  CHECK(rows == handover.events);
  CHECK_THAT(csv, Catch::Contains("c001,request,") && Catch::Contains(",2027-01-01T"));

  GeneratedEventLogOptions bad = lo;
  bad.max_events = 0;
  CHECK_THROWS_AS(generate_event_log_csv(model, bad), ArgumentError);
  CHECK_THROWS_AS(generate_event_log_csv(Model{}, lo), ArgumentError);
}

TEST_CASE("servicechain generate --survey --event-log writes the model's survey and log beside it", "[generate][cli]") {
  const std::string cli = SERVICECHAIN_CLI;
  const std::string dir = std::getenv("TMPDIR") ? std::getenv("TMPDIR") : "/tmp";
  const std::string tag = dir + "/sc_generate_extras_" + std::to_string(::getpid());
  const std::string model_file = tag + ".json", survey = tag + "_survey.csv", log = tag + "_log.csv";
  int status = 0;
  shell("\"" + cli + "\" -q generate --units 300 --seed 5 -o \"" + model_file + "\" --survey \"" + survey +
            "\" --respondents 50 --event-log \"" + log + "\" --cases 40",
        status);
  REQUIRE(status == 0);
  GenerateOptions o;
  o.units = 300;
  o.seed = 5;
  const Model model = generate_organization(o);
  GeneratedSurveyOptions so;
  so.respondents = 50;
  so.seed = 5;
  GeneratedEventLogOptions lo;
  lo.cases = 40;
  lo.seed = 5;
  CHECK(slurp(survey) == generate_servqual_csv(model, so));
  CHECK(slurp(log) == generate_event_log_csv(model, lo));
  std::string out = shell("\"" + cli + "\" survey servqual \"" + survey + "\" --json", status);
  CHECK(status == 0);
  CHECK(out.find("\"n\": 50") != std::string::npos);
  out = shell("\"" + cli + "\" mine handover \"" + log + "\" --json", status);
  CHECK(status == 0);
  CHECK(out.find("\"cases\": 40") != std::string::npos);
  // Out of range: a usage error, nothing written.
  std::remove(survey.c_str());
  shell("\"" + cli + "\" -q generate --units 10 --seed 5 -o \"" + model_file + "\" --survey \"" + survey +
            "\" --respondents 0 2>/dev/null",
        status);
  CHECK(status == 2);
  CHECK_FALSE(std::ifstream(survey).good());
  for (const auto &f : {model_file, survey, log}) std::remove(f.c_str());
}

TEST_CASE("generate: a support share makes most units one strongly connected component", "[generate]") {
  GenerateOptions o;
  o.units = 20000;
  o.seed = 3;
  o.support_share = 0.3;
  Model model = generate_organization(o);
  Diagnostics d = validate(model);
  INFO(describe(d));
  CHECK(d.errors.empty());
  CHECK(d.warnings.empty());
  CHECK(generate_organization(o) == model);  // deterministic

  ChainGraph graph(model);
  auto cycles = circular_dependencies(graph);
  std::size_t largest = 0;
  for (const auto &c : cycles) largest = std::max(largest, c.size());
  CHECK(static_cast<double>(largest) > 0.95 * static_cast<double>(o.units));

  // About the requested share of services touches a support unit (u1..u4), half each way;
  // every weight stays positive although the support units have thousands of inputs.
  std::size_t to_support = 0, from_support = 0;
  std::map<std::string, std::size_t> inputs;
  for (const Service &s : model.services) {
    auto support = [](const std::string &id) { return id >= "u00001" && id <= "u00004"; };
    if (support(s.to) && !support(s.from)) ++to_support;
    if (support(s.from) && !support(s.to)) ++from_support;
    ++inputs[s.to];
    CHECK(s.weight > 0);
  }
  const double services = static_cast<double>(model.services.size());
  CHECK(static_cast<double>(to_support) / services > 0.10);
  CHECK(static_cast<double>(to_support) / services < 0.18);
  CHECK(static_cast<double>(from_support) / services > 0.10);
  CHECK(static_cast<double>(from_support) / services < 0.20);  // the tree adds a few from u1..u4 to their children
  CHECK(inputs["u00001"] > 1000);

  // Without a support share nothing changes: the local shape, small cycles only.
  GenerateOptions local = o;
  local.support_share = 0;
  local.support_units = 7;  // ignored without a share
  GenerateOptions plain = o;
  plain.support_share = 0;
  CHECK(generate_organization(local) == generate_organization(plain));
  for (const auto &c : circular_dependencies(ChainGraph(generate_organization(plain)))) CHECK(c.size() <= 50);

  GenerateOptions bad = o;
  bad.support_share = 1.5;
  CHECK_THROWS_AS(generate_organization(bad), ArgumentError);
  bad = o;
  bad.support_units = 0;
  CHECK_THROWS_AS(generate_organization(bad), ArgumentError);
}
