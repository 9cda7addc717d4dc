// Policies and standards (§4.7) on a small model whose every value is computed
// by hand in the comments.
#include <catch2/catch.hpp>

#include "support/command.hpp"
#include <nlohmann/json.hpp>

#include "servicechain/analysis/people/alignment.hpp"
#include "servicechain/analysis/people/fit.hpp"
#include "servicechain/analysis/people/training.hpp"
#include "servicechain/analysis/policies/compliance.hpp"
#include "servicechain/error.hpp"
#include "servicechain/io/json_writer.hpp"
#include "servicechain/io/model_json.hpp"
#include "servicechain/validate.hpp"

using namespace servicechain;

namespace {

// Units: top (directive) > mid (managerial) > desk, back (operative); lone
// (operative) under top. back serves desk (weight 0.5); desk owns the only moment.
// Delivered quality: top 0.9, mid 0.8, desk 0.5·0.5 + 0.5·1 = 0.75, back 1, lone 0.5.
// CSI = 75. Distances: desk 0, back 1, others none. Layers: top 0, mid 1, desk 2, back 2, lone 1.
// p1 (desk, position needs service 4, has 2: fit 0.5), p2 (back), p3 (mid) manages p1 and p2.
const char *model_json = R"({
  "format": "servicechain/1",
  "organization": {"id": "acme", "name": "Acme"},
  "units": [
    {"id": "top", "level": "directive", "parent": null, "quality": 0.9},
    {"id": "mid", "level": "managerial", "parent": "top", "quality": 0.8},
    {"id": "desk", "level": "operative", "parent": "mid", "quality": 0.5},
    {"id": "back", "level": "operative", "parent": "mid", "quality": 1.0},
    {"id": "lone", "level": "operative", "parent": "top", "quality": 0.5}
  ],
  "competencies": [{"id": "service"}],
  "positions": [{"id": "clerk", "title": "Clerk", "unit": "desk", "requires": {"service": 4}}],
  "people": [
    {"id": "p1", "unit": "desk", "position": "clerk", "manager": "p3", "competencies": {"service": 2},
     "customer_contacts_per_year": 5, "training_hours": 20},
    {"id": "p2", "unit": "back", "manager": "p3", "customer_contacts_per_year": 1, "training_hours": 8},
    {"id": "p3", "unit": "mid", "customer_contacts_per_year": 4, "training_hours": 16}
  ],
  "segments": [{"id": "guests", "size": 1}],
  "services": [{"from": "back", "to": "desk", "weight": 0.5}],
  "moments_of_truth": [{"id": "m1", "segment": "guests", "owner": "desk", "stage": 1}],
  "policies": [
    {"id": "chain", "statement": "A healthy chain", "standards": [
      {"id": "delivered", "metric": "unit.delivered_quality", "scope": {}, "op": ">=", "target": 0.7},
      {"id": "close", "metric": "unit.customer_distance", "scope": {"unit": "mid"}, "op": "<=", "target": 1},
      {"id": "flat", "metric": "unit.layers", "scope": {"level": "operative"}, "op": "<=", "target": 1}
    ]},
    {"id": "people", "statement": "People and customers", "standards": [
      {"id": "fit", "metric": "person.fit", "scope": {}, "op": ">=", "target": 0.6},
      {"id": "training", "metric": "person.training_hours", "scope": {"unit": "mid"}, "op": ">=", "target": 16},
      {"id": "span", "metric": "manager.span_of_control", "scope": {}, "op": "<=", "target": 1},
      {"id": "csi", "metric": "org.csi", "scope": {}, "op": ">=", "target": 70},
      {"id": "segment", "metric": "segment.satisfaction", "scope": {"moment": "m1"}, "op": ">=", "target": 0.8},
      {"id": "moment", "metric": "moment.quality", "scope": {"segment": "guests"}, "op": ">=", "target": 0.7}
    ]},
    {"id": "voice", "statement": "What customers say", "standards": [
      {"id": "nps", "metric": "survey.nps", "scope": {"segment": "guests"}, "op": ">=", "target": 0},
      {"id": "gap", "metric": "survey.servqual.unweighted", "scope": {"unit": "mid"}, "op": ">", "target": 0},
      {"id": "negative", "metric": "survey.servqual.negative_share", "scope": {}, "op": "<=", "target": 0.4},
      {"id": "csat", "metric": "survey.csat", "scope": {}, "op": ">=", "target": 0.8}
    ]}
  ]
})";

// Two SERVQUAL respondents: at m1 every P exceeds E by 1, at m2 every P is 2 below.
std::string servqual_csv() {
  std::string h = "respondent,segment,moment";
  for (char side : {'E', 'P'})
    for (int i = 1; i <= 22; ++i) h += "," + std::string(1, side) + std::to_string(i);
  auto row = [](const char *id, const char *moment, int e, int p) {
    std::string r = std::string(id) + ",guests," + moment;
    for (int i = 0; i < 22; ++i) r += "," + std::to_string(e);
    for (int i = 0; i < 22; ++i) r += "," + std::to_string(p);
    return r + "\n";
  };
  return h + "\n" + row("a", "m1", 5, 6) + row("b", "m2", 5, 3);
}

const StandardResult &standard(const ComplianceResult &r, std::size_t policy, std::size_t index) {
  return r.policies.at(policy).standards.at(index);
}

}  // namespace

TEST_CASE("policies: every known metric has an evaluator") {
  CHECK(metric_catalogue().size() == known_metrics().size());
  CHECK(compare(0.1 + 0.2, Comparison::equal, 0.3));
  CHECK_FALSE(compare(0.31, Comparison::equal, 0.3));
  CHECK(compare(2, Comparison::less_equal, 2));
  CHECK_FALSE(compare(2, Comparison::less, 2));
}

TEST_CASE("policies: model metrics over their scopes, compliance per standard and policy") {
  Model model = load_model_json(model_json, "test");
  auto r = check_policies(model);
  REQUIRE(r.policies.size() == 3);

  const auto &delivered = standard(r, 0, 0);  // all units ≥ 0.7: lone (0.5) fails
  REQUIRE(delivered.entities.size() == 5);
  CHECK(delivered.entities[2].id == "desk");
  CHECK(*delivered.entities[2].value == Approx(0.75));
  CHECK(delivered.passed == 4);
  CHECK(*delivered.compliance == 0.8);
  CHECK_FALSE(*delivered.entities[4].pass);

  const auto &close = standard(r, 0, 1);  // subtree of mid: mid (unreachable: fails), desk 0, back 1
  REQUIRE(close.entities.size() == 3);
  CHECK(close.entities[0].id == "mid");
  CHECK_FALSE(close.entities[0].value);
  CHECK_FALSE(*close.entities[0].pass);
  CHECK(*close.entities[2].value == 1);
  CHECK(close.passed == 2);
  CHECK(close.failed == 1);

  const auto &flat = standard(r, 0, 2);  // operative: desk 2, back 2, lone 1
  CHECK(flat.entities.size() == 3);
  CHECK(flat.passed == 1);
  CHECK(*r.policies[0].compliance == Approx(7.0 / 11));
  CHECK(r.policies[0].standards_met == 0);

  const auto &fit = standard(r, 1, 0);  // p1 0.5 < 0.6; p2 and p3 hold no position: fit 1 (§2)
  REQUIRE(fit.entities.size() == 3);
  CHECK(*fit.entities[0].value == 0.5);
  CHECK(*fit.entities[1].value == 1);
  CHECK(fit.passed == 2);
  CHECK(fit.failed == 1);
  const auto &training = standard(r, 1, 1);  // people of mid's subtree: 20, 8, 16
  CHECK(training.passed == 2);
  CHECK(training.failed == 1);
  const auto &span = standard(r, 1, 2);  // p3 manages two
  REQUIRE(span.entities.size() == 1);
  CHECK(span.entities[0].id == "p3");
  CHECK(span.entities[0].kind == EntityKind::manager);
  CHECK(*span.entities[0].value == 2);
  const auto &csi = standard(r, 1, 3);
  REQUIRE(csi.entities.size() == 1);
  CHECK(csi.entities[0].id == "acme");
  CHECK(*csi.entities[0].value == Approx(75));
  CHECK(*csi.entities[0].pass);
  const auto &segment = standard(r, 1, 4);  // 0.75 < 0.8
  REQUIRE(segment.entities.size() == 1);
  CHECK(segment.entities[0].id == "guests");
  CHECK_FALSE(*segment.entities[0].pass);
  CHECK(standard(r, 1, 5).passed == 1);
  CHECK(*r.policies[1].compliance == 0.6);  // 6 of 10 checks

  // no survey: not evaluated, not failed
  for (std::size_t s = 0; s < 4; ++s) {
    CHECK(standard(r, 2, s).status == StandardStatus::not_evaluated);
    CHECK(standard(r, 2, s).failed == 0);
  }
  CHECK_FALSE(r.policies[2].compliance);
  CHECK(r.passed == 13);
  CHECK(r.failed == 8);
  CHECK(r.standards == 13);
  CHECK(r.standards_met == 2);  // csi, moment
  CHECK(r.standards_not_evaluated == 4);
}

TEST_CASE("policies: survey metrics with scopes") {
  Model model = load_model_json(model_json, "test");
  ComplianceOptions o;
  o.surveys.push_back(survey_text("respondent,segment,recommend\na,guests,10\nb,guests,6\nc,other,0\n", "nps.csv"));
  o.surveys.push_back(survey_text(servqual_csv(), "servqual.csv"));
  auto r = check_policies(model, o);
  const auto &nps = standard(r, 2, 0);  // guests only: (1 − 1)/2 = 0
  REQUIRE(nps.status == StandardStatus::evaluated);
  REQUIRE(nps.entities.size() == 1);
  CHECK(nps.entities[0].id == "nps.csv");
  CHECK(*nps.entities[0].value == 0);
  CHECK(*nps.entities[0].pass);
  const auto &gap = standard(r, 2, 1);  // mid's subtree owns m1 only: +1
  CHECK(gap.entities[0].id == "servqual.csv");
  CHECK(*gap.entities[0].value == 1);
  CHECK(*gap.entities[0].pass);
  const auto &negative = standard(r, 2, 2);  // 1 of 2 negative
  CHECK(*negative.entities[0].value == 0.5);
  CHECK_FALSE(*negative.entities[0].pass);
  const auto &csat = standard(r, 2, 3);  // no file has a csat column
  CHECK(csat.status == StandardStatus::not_evaluated);
  CHECK_THAT(csat.reason, Catch::Matchers::Contains("csat"));
  CHECK(r.passed == 15);
  CHECK(r.failed == 9);

  std::string json;
  JsonWriter w(json, 0);
  write_json(w, r);
  auto j = nlohmann::json::parse(json);
  CHECK(j["policies"][2]["standards"][3]["status"] == "not_evaluated");
  CHECK(j["policies"][0]["standards"][1]["scope"]["unit"] == "mid");
  CHECK(j["policies"][0]["standards"][1]["entities"][0]["value"].is_null());
  CHECK(j["policies"][0]["standards"][1]["entities"][0]["pass"] == false);

  // a malformed survey is an error with its position, not a silent "not evaluated"
  ComplianceOptions bad;
  bad.surveys.push_back(survey_text("respondent,segment,recommend\na,guests,11\n", "bad.csv"));
  CHECK_THROWS_WITH(check_policies(model, bad), Catch::Matchers::Contains("bad.csv:2:"));
}

TEST_CASE("policies: a person's level and fit are the ones the people analysis uses") {
  // P belongs to directive HQ and holds `agent`, a position of operative Ops with
  // no level of its own: P is operative (§2, docs/people.md). Q holds no position: fit 1.
  Model model = load_model_json(R"({"format": "servicechain/1",
    "units": [{"id": "HQ", "level": "directive"}, {"id": "Ops", "parent": "HQ", "level": "operative"}],
    "competencies": [{"id": "a"}],
    "positions": [{"id": "agent", "unit": "Ops", "requires": {"a": 4}}],
    "people": [{"id": "P", "unit": "HQ", "position": "agent", "competencies": {"a": 1}, "training_hours": 5},
               {"id": "Q", "unit": "HQ", "training_hours": 12}],
    "curriculum": [{"id": "op1", "level": "operative", "raises": {"a": 1}, "hours": 1, "cost": 1},
                   {"id": "dir1", "level": "directive", "raises": {"a": 1}, "hours": 1, "cost": 1}],
    "policies": [{"id": "pol", "statement": "x", "standards": [
      {"id": "op_hours", "metric": "person.training_hours", "scope": {"level": "operative"}, "op": ">=", "target": 10},
      {"id": "dir_hours", "metric": "person.training_hours", "scope": {"level": "directive"}, "op": ">=", "target": 10},
      {"id": "fit", "metric": "person.fit", "scope": {}, "op": ">=", "target": 0.6}]}]})",
                                "levels");
  CHECK(people_levels(model) == std::vector<std::optional<Level>>{Level::operative, Level::directive});
  auto r = check_policies(model);
  const auto &op = standard(r, 0, 0);
  REQUIRE(op.entities.size() == 1);
  CHECK(op.entities[0].id == "P");
  const auto &dir = standard(r, 0, 1);
  REQUIRE(dir.entities.size() == 1);
  CHECK(dir.entities[0].id == "Q");
  auto training = training_needs(model, {});
  REQUIRE(training.needs.size() == 1);
  CHECK(training.needs[0].level == Level::operative);
  CHECK(training.needs[0].modules == std::vector<std::string>{"op1"});
  // person.fit: the fits of align() (people_fit), 1 for Q who holds no position
  const auto &fit = standard(r, 0, 2);
  const auto aligned = align(model);
  REQUIRE(fit.entities.size() == 2);
  for (std::size_t i = 0; i < 2; ++i) CHECK(fit.entities[i].value == aligned.people[i].fit);
  CHECK(*fit.entities[0].value == 0.25);
  CHECK(*fit.entities[1].value == 1);
}

TEST_CASE("check CLI: bundled hotel compliance") {
  std::string command = std::string(SERVICECHAIN_CLI) + " -q check " + SERVICECHAIN_SOURCE_DIR + "/examples/hotel.json --json";
  auto result = servicechain::test::run_command(command);
  REQUIRE(result.code == 0);
  const std::string &out = result.out;
  auto j = nlohmann::json::parse(out);
  REQUIRE(j["policies"].size() == 4);
  CHECK(j["standards"] == 14);
  // records has no path to a customer: its distance is null and fails "<= 2"
  const auto &distance = j["policies"][1]["standards"][1];
  CHECK(distance["id"] == "customer_distance");
  CHECK(distance["failed"] == 1);
  // call_centre sits under reservations under rooms under gm: 3 layers > 2
  CHECK(j["policies"][2]["standards"][0]["failed"] == 1);
  // rosa_delgado has 9 direct reports > 8
  CHECK(j["policies"][2]["standards"][1]["failed"] == 1);
  CHECK(servicechain::test::run_command(command + " --fidelity 2 2>/dev/null").code == 2);
  CHECK(servicechain::test::run_command(command + " --fidelity 0.8 --no-morale-cap > /dev/null").code == 0);
}

TEST_CASE("policies: morale, ceiling, ratings, fidelity and maturity metrics (§4.7)") {
  // The model above with morale: p1 (desk, fit 0.5) 0.6, p2 (back) missing = 1,
  // p3 (mid) 0.5; back's service to desk rated 0.8. Ceilings: desk 0.6·0.5 = 0.3,
  // back 1, mid 0.5; s after the ceiling: top 0.9, mid 0.5, desk 0.3, back 1, lone 0.5.
  std::string text = model_json;
  auto replace = [&](const std::string &from, const std::string &to) {
    auto at = text.find(from);
    REQUIRE(at != std::string::npos);
    text.replace(at, from.size(), to);
  };
  replace(R"("id": "p1", "unit": "desk",)", R"("id": "p1", "unit": "desk", "morale": 0.6,)");
  replace(R"("id": "p3", "unit": "mid",)", R"("id": "p3", "unit": "mid", "morale": 0.5,)");
  replace(R"("weight": 0.5}])", R"("weight": 0.5, "rating": 0.8}])");
  replace(text.substr(text.find(R"("policies": [)")), R"("policies": [
    {"id": "new", "statement": "Employees as first customers", "standards": [
      {"id": "quality", "metric": "unit.quality", "scope": {}, "op": ">=", "target": 0.5},
      {"id": "morale", "metric": "unit.morale", "scope": {}, "op": ">=", "target": 0.6},
      {"id": "ceiling", "metric": "unit.morale_ceiling", "scope": {}, "op": ">=", "target": 0.5},
      {"id": "rating", "metric": "unit.internal_rating", "scope": {}, "op": ">=", "target": 0.7},
      {"id": "gap", "metric": "unit.rating_gap", "scope": {}, "op": ">=", "target": -0.1},
      {"id": "fidelity", "metric": "unit.message_fidelity", "scope": {}, "op": ">=", "target": 0.8},
      {"id": "person_morale", "metric": "person.morale", "scope": {}, "op": ">=", "target": 0.6},
      {"id": "maturity", "metric": "org.maturity_index", "scope": {}, "op": ">=", "target": 50},
      {"id": "enps", "metric": "unit.enps", "scope": {"level": "operative"}, "op": ">=", "target": 0},
      {"id": "survey_rating", "metric": "unit.survey_internal_rating", "scope": {}, "op": ">=", "target": 0.7}
    ]}]})");
  Model model = load_model_json(text, "test");
  auto values = [](const StandardResult &s) {
    std::vector<std::optional<double>> v;
    for (const auto &e : s.entities) v.push_back(e.value);
    return v;
  };
  using V = std::vector<std::optional<double>>;
  auto r = check_policies(model);
  const auto &st = r.policies[0].standards;
  CHECK(values(st[0]) == V{0.9, 0.5, 0.3, 1.0, 0.5});
  CHECK(values(st[1]) == V{std::nullopt, 0.5, 0.6, 1.0, std::nullopt});
  CHECK(values(st[2]) == V{std::nullopt, 0.5, 0.3, 1.0, std::nullopt});
  CHECK(st[2].passed == 2);  // mid 0.5 and back 1; nulls are not counted
  CHECK(st[2].failed == 1);
  CHECK(values(st[3]) == V{std::nullopt, std::nullopt, std::nullopt, 0.8, std::nullopt});
  REQUIRE(st[4].entities[3].value);
  CHECK_THAT(*st[4].entities[3].value, Catch::Matchers::WithinAbs(0.8 - 1.0, 1e-15));  // back delivers 1
  // desk: layers 2 + distance 0; back: 2 + 1; the others reach no customer
  REQUIRE(st[5].entities[2].value);
  CHECK_THAT(*st[5].entities[2].value, Catch::Matchers::WithinAbs(0.81, 1e-15));
  CHECK_THAT(*st[5].entities[3].value, Catch::Matchers::WithinAbs(0.729, 1e-15));
  CHECK(!st[5].entities[0].value);
  CHECK(values(st[6]) == V{0.6, 1.0, 0.5});
  CHECK(st[7].status == StandardStatus::not_evaluated);  // no assessment
  CHECK(st[8].status == StandardStatus::not_evaluated);  // no internal survey
  CHECK(st[8].reason == "no internal customer survey given");
  CHECK(st[9].status == StandardStatus::not_evaluated);

  // The cap off: unit.quality is the given quality.
  ComplianceOptions uncapped;
  uncapped.morale_cap = false;
  CHECK(values(check_policies(model, uncapped).policies[0].standards[0]) == V{0.9, 0.8, 0.5, 1.0, 0.5});

  // An internal survey's results: suppressed groups and units without rows count as null.
  ComplianceOptions survey;
  survey.internal_survey = InternalSurveyMeasures{
      "internal.csv", {{"desk", 20.0, false}, {"back", std::nullopt, true}}, {{"back", 0.75, false}}};
  auto s = check_policies(model, survey).policies[0].standards;
  CHECK(s[8].status == StandardStatus::evaluated);
  CHECK(values(s[8]) == V{20.0, std::nullopt, std::nullopt});  // desk, back (suppressed), lone
  CHECK(s[8].passed == 1);
  CHECK(s[8].failed == 0);
  CHECK(values(s[9]) == V{std::nullopt, std::nullopt, std::nullopt, 0.75, std::nullopt});

  // With an assessment the maturity index is evaluated.
  Model assessed = load_model(std::string(SERVICECHAIN_SOURCE_DIR) + "/examples/hotel.json");
  assessed.policies = model.policies;
  auto m = check_policies(assessed).policies[0].standards[7];
  CHECK(m.status == StandardStatus::evaluated);
  REQUIRE(m.entities.size() == 1);
  REQUIRE(m.entities[0].value);
  CHECK(*m.entities[0].value > 0);
}

#include <filesystem>
#include <fstream>

#include "servicechain/analysis/survey/internal.hpp"
#include "servicechain/io/files.hpp"

TEST_CASE("policies: check --survey with the hotel's internal survey fills unit.enps and unit.survey_internal_rating") {
  const std::string source = SERVICECHAIN_SOURCE_DIR;
  Model model = load_model(source + "/examples/hotel.json");
  Policy policy;
  policy.id = "first_customers";
  policy.statement = "Employees are the first customers";
  policy.standards.push_back({"enps", "unit.enps", {}, Comparison::greater_equal, 0, {}});
  policy.standards.push_back({"survey_rating", "unit.survey_internal_rating", {}, Comparison::greater_equal, 0.5, {}});
  model.policies = {policy};
  const std::string survey = source + "/examples/surveys/internal.csv";

  // The expected values: `survey internal` on the same file, unsuppressed only.
  auto reader = CsvReader::open(survey);
  const InternalSurveyResult expected = internal_survey(reader, model);
  std::map<std::string, std::optional<double>> enps, rating;
  for (const auto &r : expected.respondents) enps[r.unit] = r.suppressed ? std::nullopt : r.enps;
  for (const auto &s : expected.suppliers) rating[s.unit] = s.suppressed ? std::nullopt : s.internal_rating;

  ComplianceOptions options;
  options.surveys.push_back(survey_file(survey));
  const auto result = check_policies(model, options);
  const auto &st = result.policies[0].standards;
  REQUIRE(st.size() == 2);
  CHECK(st[0].status == StandardStatus::evaluated);
  CHECK(st[1].status == StandardStatus::evaluated);
  std::size_t valued = 0;
  for (const auto &e : st[0].entities) {
    CHECK(e.value == (enps.count(e.id) ? enps[e.id] : std::nullopt));
    valued += e.value.has_value();
  }
  for (const auto &e : st[1].entities) CHECK(e.value == (rating.count(e.id) ? rating[e.id] : std::nullopt));
  CHECK(valued > 0);
  CHECK(st[0].passed + st[0].failed == valued);

  // Without the survey they are not evaluated; with it twice, an error naming both.
  CHECK(check_policies(model).policies[0].standards[0].status == StandardStatus::not_evaluated);
  options.surveys.push_back(survey_file(survey));
  CHECK_THROWS_WITH(check_policies(model, options), Catch::Contains("at most one internal customer survey"));

  // The CLI (through run()) gives the same.
  const auto file = std::filesystem::temp_directory_path() / "sc_check_internal_survey.json";
  save_model(model, file.string());
  auto cli = servicechain::test::run_command(std::string(SERVICECHAIN_CLI) + " -q check " + file.string() + " --survey " +
                                             survey + " --json");
  REQUIRE(cli.code == 0);
  auto j = nlohmann::json::parse(cli.out);
  CHECK(j["policies"][0]["standards"][0]["status"] == "evaluated");
  CHECK(j["policies"][0]["standards"][1]["status"] == "evaluated");
  CHECK(j["policies"][0]["standards"][0]["passed"] == st[0].passed);
  std::filesystem::remove(file);
}
