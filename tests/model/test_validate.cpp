#include <catch2/catch.hpp>

#include <algorithm>

#include "servicechain/analysis/people/fit.hpp"
#include "servicechain/io/model_json.hpp"
#include "servicechain/validate.hpp"

using namespace servicechain;

namespace {
// A small valid model; each test breaks one thing.
Model base() {
  Diagnostics d;
  Model m = parse_model_json(R"({"format":"servicechain/1",
    "competencies":[{"id":"c1"},{"id":"c2"}],
    "units":[{"id":"top","level":"directive","quality":0.9},
             {"id":"ops","level":"operative","parent":"top","quality":0.8},
             {"id":"desk","level":"operative","parent":"top"}],
    "positions":[{"id":"clerk","unit":"desk","requires":{"c1":4,"c2":2},"weights":{"c1":3}}],
    "people":[{"id":"boss","unit":"top"},
              {"id":"ann","unit":"desk","position":"clerk","manager":"boss","morale":0.5,"competencies":{"c1":2,"c2":3}}],
    "segments":[{"id":"guests","size":10}],
    "services":[{"from":"ops","to":"desk","weight":0.5},{"from":"top","to":"ops","weight":0.2}],
    "moments_of_truth":[{"id":"checkin","segment":"guests","owner":"desk"}],
    "policies":[{"id":"p","standards":[{"id":"s1","metric":"unit.quality","scope":{"unit":"desk"},"op":">=","target":0.5}]}],
    "plans":[{"id":"plan","start":"2026-01-12","actions":[
      {"id":"a1","target":{"unit":"desk"},"effect":{"quality":0.1}},
      {"id":"a2","target":{"person":"ann"},"effect":{"competency":"c1","delta":1},"after":["a1"],"due":"2026-02-27"}]}]
  })", d, "base.json");
  REQUIRE(d.ok());
  return m;
}

bool has(const std::vector<Diagnostic> &list, const std::string &path, const std::string &code) {
  for (const auto &e : list)
    if (e.path == path && e.code == code) return true;
  return false;
}
}  // namespace

TEST_CASE("validate: the base model is valid") {
  auto d = validate(base());
  CHECK(d.errors.empty());
  CHECK(d.warnings.empty());
}

TEST_CASE("validate: ids") {
  Model m = base();
  m.units[2].id = "ops";
  m.segments[0].id = "top";
  m.people[0].id = "";
  auto d = validate(m);
  CHECK(has(d.errors, "/units/2/id", "duplicate_id"));
  CHECK(has(d.errors, "/segments/0/id", "duplicate_id"));
  CHECK(has(d.errors, "/people/0/id", "empty_id"));
}

TEST_CASE("validate: dangling references") {
  Model m = base();
  m.units[1].parent = "nowhere";
  m.positions[0].unit = "x";
  m.people[1].manager = "ghost";
  m.services[0].from = "nobody";
  m.moments[0].segment = "vip";
  m.positions[0].requires_levels.emplace_back("c9", 1);
  m.plans[0].actions[1].after = {"a7"};
  auto d = validate(m);
  CHECK(has(d.errors, "/units/1/parent", "dangling_reference"));
  CHECK(has(d.errors, "/positions/0/unit", "dangling_reference"));
  CHECK(has(d.errors, "/people/1/manager", "dangling_reference"));
  CHECK(has(d.errors, "/services/0/from", "dangling_reference"));
  CHECK(has(d.errors, "/moments_of_truth/0/segment", "dangling_reference"));
  CHECK(has(d.errors, "/positions/0/requires/c9", "dangling_reference"));
  CHECK(has(d.errors, "/plans/0/actions/1/after/0", "dangling_reference"));
}

TEST_CASE("validate: cycles in the unit tree and the manager tree") {
  Model m = base();
  m.units[0].parent = "desk";
  m.people[0].manager = "ann";
  auto d = validate(m);
  CHECK(std::count_if(d.errors.begin(), d.errors.end(), [](auto &e) { return e.code == "unit_cycle"; }) == 1);
  CHECK(std::count_if(d.errors.begin(), d.errors.end(), [](auto &e) { return e.code == "manager_cycle"; }) == 1);
  for (const auto &e : d.errors)
    if (e.code == "unit_cycle") CHECK_THAT(e.message, Catch::Contains("top") && Catch::Contains("desk"));
}

TEST_CASE("validate: services: self-loops, weights, sums") {
  Model m = base();
  m.services.push_back({"desk", "desk", "", 0.1, std::nullopt, {}});
  m.services.push_back({"top", "desk", "", 0.6, 1.5, {}});
  m.services[1].weight = 0;
  auto d = validate(m);
  CHECK(has(d.errors, "/services/2", "self_loop"));
  CHECK(has(d.errors, "/services/3/rating", "out_of_range"));
  CHECK(has(d.errors, "/services/1/weight", "out_of_range"));
  CHECK(has(d.errors, "/units/2", "weights_exceed_one"));  // 0.5 + 0.6

  // One service with two problems shows both: a supplier that does not exist
  // and the share it takes of an over-full customer.
  Model both = base();
  both.services.push_back({"nowhere", "desk", "", 0.6, {}, {}});
  auto d2 = validate(both);
  CHECK(has(d2.errors, "/services/2/from", "dangling_reference"));
  CHECK(has(d2.errors, "/units/2", "weights_exceed_one"));

  Model ok = base();  // 0.7 + 0.2 + 0.1 sums to 1 within the tolerance
  ok.services = {{"ops", "desk", "", 0.7, {}, {}}, {"top", "desk", "", 0.2, {}, {}}};
  ok.units.push_back({"extra", "extra", std::string("top"), Level::operative, 0.5, {}});
  ok.services.push_back({"extra", "desk", "", 0.1, {}, {}});
  CHECK(validate(ok).errors.empty());
}

TEST_CASE("validate: a closed dependency loop is an error naming its units") {
  Model m = base();
  m.services = {{"ops", "desk", "", 1.0, {}, {}}, {"desk", "ops", "", 1.0, {}, {}}};
  auto d = validate(m);
  REQUIRE(std::count_if(d.errors.begin(), d.errors.end(), [](auto &e) { return e.code == "closed_loop"; }) == 1);
  for (const auto &e : d.errors)
    if (e.code == "closed_loop") CHECK_THAT(e.message, Catch::Contains("desk, ops"));
  // the same loop with some quality of its own is fine
  m.services[0].weight = 0.9;
  CHECK(validate(m).errors.empty());
}

TEST_CASE("validate: ranges") {
  Model m = base();
  m.units[0].quality = 1.2;
  m.people[1].morale = -0.1;
  m.people[1].competencies[0].second = 6;
  m.people[1].training_hours = -1;
  m.segments[0].size = -3;
  m.moments[0].importance = 0;
  m.positions[0].weights[0].second = 0;
  m.plans[0].actions[0].effect.delta = -0.1;
  auto d = validate(m);
  CHECK(has(d.errors, "/units/0/quality", "out_of_range"));
  CHECK(has(d.errors, "/people/1/morale", "out_of_range"));
  CHECK(has(d.errors, "/people/1/competencies/c1", "out_of_range"));
  CHECK(has(d.errors, "/people/1/training_hours", "out_of_range"));
  CHECK(has(d.errors, "/segments/0/size", "out_of_range"));
  CHECK(has(d.errors, "/moments_of_truth/0/importance", "out_of_range"));
  CHECK(has(d.errors, "/positions/0/weights/c1", "out_of_range"));
  CHECK(has(d.errors, "/plans/0/actions/0/effect/quality", "out_of_range"));
}

TEST_CASE("validate: policies, dates, plans") {
  Model m = base();
  m.policies[0].standards[0].metric = "unit.qualty";
  m.plans[0].start = "2026-13-01";
  m.plans[0].actions[1].due = "2025-02-29";  // not a leap year
  m.plans[0].actions[0].after = {"a2"};      // a1 <-> a2
  m.plans[0].actions[1].effect = {ActionEffect::Kind::quality, 0.1, ""};  // quality on a person
  auto d = validate(m);
  CHECK(has(d.errors, "/policies/0/standards/0/metric", "unknown_metric"));
  CHECK(has(d.errors, "/plans/0/start", "bad_date"));
  CHECK(has(d.errors, "/plans/0/actions/1/due", "bad_date"));
  CHECK(has(d.errors, "/plans/0/actions/1/effect/quality", "bad_target"));
  CHECK(std::count_if(d.errors.begin(), d.errors.end(), [](auto &e) { return e.code == "action_cycle"; }) == 1);
  CHECK(is_iso_date("2024-02-29"));
  CHECK_FALSE(is_iso_date("2024-2-29"));
}

TEST_CASE("validate: warnings") {
  Model m = base();
  m.segments.push_back({"walkin", "walkin", 1, {}});
  m.units.push_back({"archive", "archive", std::string("top"), Level::operative, std::nullopt, {}});
  m.people[1].unit = "ops";
  auto d = validate(m);
  CHECK(d.errors.empty());
  CHECK(has(d.warnings, "/segments/1", "segment_without_moments"));
  CHECK(has(d.warnings, "/units/3/quality", "unknown_quality"));
  CHECK(has(d.warnings, "/units/3", "no_path_to_customer"));
  CHECK(has(d.warnings, "/units/0", "no_path_to_customer") == false);  // top -> ops -> desk
  CHECK(has(d.warnings, "/people/1/position", "position_in_other_unit"));
}

TEST_CASE("validate: a file with three independent errors lists all three") {
  std::string text = R"({"format":"servicechain/1",
    "units":[{"id":"a","level":"operative","quality":2},{"id":"b","level":"operative"}],
    "services":[{"from":"a","to":"zz","weight":0.5}],
    "segments":[{"id":"s","size":1,"colour":"red"}]})";
  try {
    load_model_json(text, "three.json");
    FAIL("no error");
  } catch (const ValidationError &e) {
    const auto &errors = e.diagnostics().errors;
    REQUIRE(errors.size() == 3);
    CHECK(has(errors, "/units/0/quality", "out_of_range"));
    CHECK(has(errors, "/services/0/to", "dangling_reference"));
    CHECK(has(errors, "/segments/0/colour", "unknown_key"));
  }
}

TEST_CASE("fit and intrinsic quality by hand") {
  Model m = base();
  // ann: c1 have 2 / req 4 = 0.5 (weight 3), c2 have 3 / req 2 -> 1 (weight 1): (1.5 + 1) / 4
  CHECK(fit(m.people[1], m.positions[0]) == Approx(0.625));
  auto f = people_fit(m);
  CHECK(f[0] == 1.0);  // no position
  auto s = intrinsic_quality(m);
  CHECK(s[0] == 0.9);                     // explicit
  CHECK(s[1] == 0.8);                     // explicit
  CHECK(s[2] == Approx(0.5 * 0.625));     // morale x fit of its one person
  m.units.push_back({"empty", "empty", std::nullopt, Level::operative, std::nullopt, {}});
  CHECK(intrinsic_quality(m).back() == 1.0);
  Position nothing{"p0", "p0", "desk", std::nullopt, {{"c1", 0}}, {}, {}};
  CHECK(fit(m.people[1], nothing) == 1.0);
}

TEST_CASE("validate: the organization's id is required and non-empty") {
  Diagnostics missing;
  parse_model_json(R"({"format":"servicechain/1","organization":{"name":"x"}})", missing, "m.json");
  CHECK(has(missing.errors, "/organization/id", "missing_required"));
  Diagnostics empty;
  Model m = parse_model_json(R"({"format":"servicechain/1","organization":{"id":""}})", empty, "m.json");
  CHECK(has(empty.errors, "/organization/id", "empty_id"));
  // the same code from validate() for a model built in code
  Model built = base();
  built.organization = Organization{"", "x", {}};
  Diagnostics d;
  validate(built, d);
  CHECK(has(d.errors, "/organization/id", "empty_id"));
  validate_after_parse(m, empty);
  CHECK(std::count_if(empty.errors.begin(), empty.errors.end(), [](const Diagnostic &e) { return e.path == "/organization/id"; }) == 1);
}

TEST_CASE("validate: one service with a dangling end and an over-full weight sum reports both problems") {
  Model model = load_model(std::string(SERVICECHAIN_SOURCE_DIR) + "/examples/hotel.json");
  Service extra = model.services.front();
  extra.from = "no_such_unit";  // dangling supplier ...
  extra.weight = 0.99;          // ... whose weight still counts towards its customer's sum
  model.services.push_back(extra);
  const Diagnostics d = validate(model);
  const auto has = [&](std::string_view code) {
    return std::any_of(d.errors.begin(), d.errors.end(), [&](const Diagnostic &e) { return e.code == code; });
  };
  CHECK(has("dangling_reference"));
  CHECK(has("weights_exceed_one"));
}
