// Survey measures (§4.5) against hand-computed values, malformed input, and the
// CLI on the bundled sample files against an independent computation
// (Python with exact fractions; the numbers are written in below).
#include <catch2/catch.hpp>

#include "support/command.hpp"
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "servicechain/analysis/survey/ipa.hpp"
#include "servicechain/analysis/survey/scores.hpp"
#include "servicechain/analysis/survey/servqual.hpp"
#include "servicechain/error.hpp"
#include "servicechain/io/json_writer.hpp"

using namespace servicechain;
using Catch::Matchers::Contains;

namespace {

// A default-map SERVQUAL header: respondent, segment, moment, E1..E22, P1..P22, weights.
std::string servqual_header(bool weights = true) {
  std::string h = "respondent,segment,moment";
  for (char side : {'E', 'P'})
    for (int i = 1; i <= 22; ++i) h += "," + std::string(1, side) + std::to_string(i);
  if (weights) h += ",W_tangibles,W_reliability,W_responsiveness,W_assurance,W_empathy";
  return h + "\n";
}

// One row: every E_i = e, every P_i = p ("" leaves the cell empty); `blank_p` lists
// items whose P is left empty.
std::string servqual_row(const std::string &id, const std::string &segment, const std::string &moment,
                         const std::string &e, const std::string &p, const std::vector<int> &blank_p = {},
                         const std::string &weights = ",,,,") {
  std::string r = id + "," + segment + "," + moment;
  for (int i = 1; i <= 22; ++i) r += "," + e;
  for (int i = 1; i <= 22; ++i)
    r += "," + (std::find(blank_p.begin(), blank_p.end(), i) != blank_p.end() ? std::string() : p);
  return r + "," + weights + "\n";
}

std::string run_cli(const std::string &args, int expected_status = 0) {
  auto result = servicechain::test::run_servicechain("-q " + args);
  CHECK(result.code == expected_status);
  return result.out;
}

std::string sample(const std::string &name) { return std::string(SERVICECHAIN_SOURCE_DIR) + "/examples/" + name; }

std::string message_of(const std::function<void()> &f) {
  try {
    f();
  } catch (const Error &e) {
    return e.what();
  }
  return "(no error)";
}

}  // namespace

TEST_CASE("servqual: pooled dimension means, weights not summing to 100, missing cells") {
  // R1: E 6, P 5 everywhere, weights 20 each. R2: E 5, P 7, no tangibles perception,
  // weights 10/20/30/20/10 (sum 90). R3: no expectations at all (no pairs), no weights.
  std::string csv = servqual_header() + servqual_row("R1", "A", "m1", "6", "5", {}, "20,20,20,20,20") +
                    servqual_row("R2", "A", "m1", "5", "7", {1, 2, 3, 4}, "10,20,30,20,10") +
                    servqual_row("R3", "B", "m2", "", "4");
  auto reader = CsvReader::from_text(csv, "s.csv");
  ServqualOptions o;
  o.by = ServqualGroupBy::segment;
  o.min_group = 2;
  auto r = servqual(reader, o);
  CHECK(r.overall.n == 3);
  REQUIRE(r.overall.dimensions.size() == 5);
  const auto &t = r.overall.dimensions[0];
  CHECK(t.name == "tangibles");
  CHECK(t.pairs == 4);  // only R1's
  CHECK(*t.expectation == 6);
  CHECK(*t.perception == 5);
  CHECK(*t.gap == -1);
  const auto &rel = r.overall.dimensions[1];
  CHECK(rel.pairs == 10);
  CHECK(*rel.expectation == Approx(5.5));
  CHECK(*rel.perception == Approx(6));
  CHECK(*rel.gap == Approx(0.5));
  for (std::size_t d = 2; d < 5; ++d) CHECK(*r.overall.dimensions[d].gap == Approx(0.5));
  // (-1 + 4·0.5)/5
  CHECK(*r.overall.unweighted == Approx(0.2));
  // w̄_tangibles = (20 + 100/9)/2 = 140/9; the rest sum to 760/9: (-140/9 + 380/9)/100 = 4/15
  CHECK(*r.overall.weighted == Approx(4.0 / 15));
  REQUIRE(r.overall.mean_weights.size() == 5);
  CHECK(r.overall.mean_weights[0] == Approx(140.0 / 9));
  CHECK(r.overall.mean_weights[2] == Approx((20 + 300.0 / 9) / 2));
  CHECK(r.overall.weighted_respondents == 2);
  // R1 own score -1 (negative), R2 +2, R3 has no pair: 1 of 2
  CHECK(r.overall.answered == 2);
  CHECK(*r.overall.negative_share == 0.5);
  // group A shown (n 2), B suppressed (n 1 < 2)
  REQUIRE(r.groups.size() == 1);
  CHECK(r.groups[0].key == "A");
  CHECK(r.groups[0].scores.n == 2);
  CHECK(*r.groups[0].scores.unweighted == Approx(0.2));
  CHECK(*r.groups[0].scores.weighted == Approx(4.0 / 15));
  CHECK(r.suppressed_groups == 1);
  CHECK(r.suppressed_respondents == 1);

  std::string json;
  JsonWriter w(json, 0);
  write_json(w, r);
  auto j = nlohmann::json::parse(json);
  for (const char *key : {"n", "dimensions", "unweighted", "weighted", "negative_share", "groups"}) CHECK(j.contains(key));
  CHECK(j["groups"][0].size() == 5);  // key, n, dimensions, unweighted, weighted
  CHECK(j["suppressed"] == 1);
}

TEST_CASE("servqual: one respondent, zero weights, a dimension without pairs") {
  std::string csv = servqual_header() + servqual_row("R1", "A", "", "4", "6", {1, 2, 3, 4}, "0,0,0,0,0");
  auto reader = CsvReader::from_text(csv, "s.csv");
  auto r = servqual(reader);
  CHECK(r.overall.n == 1);
  CHECK_FALSE(r.overall.dimensions[0].gap);  // tangibles: no pair
  CHECK_FALSE(r.overall.dimensions[0].expectation);
  CHECK(*r.overall.dimensions[4].gap == 2);
  CHECK(*r.overall.unweighted == 2);    // mean over the four dimensions with pairs
  CHECK_FALSE(r.overall.weighted);      // weights sum to 0: not usable
  CHECK(*r.overall.negative_share == 0);
  CHECK(r.groups.empty());
}

TEST_CASE("servqual: partial weights are skipped, weights without gaps renormalize") {
  // R1 gives all weights (50 on tangibles), R2 leaves one blank (ignored).
  std::string csv = servqual_header() + servqual_row("R1", "A", "", "5", "4", {}, "50,10,10,10,20") +
                    servqual_row("R2", "A", "", "5", "7", {}, "50,,10,10,20");
  auto reader = CsvReader::from_text(csv, "s.csv");
  auto r = servqual(reader);
  CHECK(r.overall.weighted_respondents == 1);
  // every gap is (−1 + 2)/2 = 0.5 → weighted 0.5 whatever the weights
  CHECK(*r.overall.weighted == Approx(0.5));
  CHECK(*r.overall.negative_share == 0.5);
}

TEST_CASE("servqual: custom item map and scale; no weight columns") {
  auto reader = CsvReader::from_text("respondent,E1,E2,E3,P1,P2,P3\nr1,1,2,3,3,2,1\nr2,0,1,,1,3,2\n", "s.csv");
  ServqualOptions o;
  o.items = parse_item_map("first:1;rest:2-3");
  o.scale = *parse_scale("0-3");
  auto r = servqual(reader, o);
  // first: pairs (1,3), (0,1): gap (2 + 1)/2 = 1.5; rest: (2,2), (3,1), (1,3): gap 0
  CHECK(*r.overall.dimensions[0].gap == 1.5);
  CHECK(*r.overall.dimensions[1].gap == 0);
  CHECK(*r.overall.dimensions[1].expectation == 2);
  CHECK(*r.overall.unweighted == 0.75);
  CHECK_FALSE(r.overall.weighted);
  // r1: first +2, rest (0 − 2)/2 = −1 → +0.5; r2: first +1, rest +2 → positive
  CHECK(*r.overall.negative_share == 0);
  CHECK_THROWS_AS(parse_item_map("a:1-2;b:2"), ArgumentError);
  CHECK_THROWS_AS(parse_item_map("a"), ArgumentError);
  CHECK_FALSE(parse_scale("7-1"));
  CHECK(parse_scale("-3-3") == Scale{-3, 3});
}

TEST_CASE("servqual: malformed input names file, line and column") {
  ServqualOptions o;
  o.items = parse_item_map("a:1;b:2");
  auto run = [&](const std::string &text) {
    return message_of([&] {
      auto reader = CsvReader::from_text(text, "s.csv");
      servqual(reader, o);
    });
  };
  const std::string header = "respondent,E1,E2,P1,P2\n";
  CHECK_THAT(run(header + "r1,8,1,1,1\n"), Contains("s.csv:2:4:") && Contains("off the scale 1-7"));
  CHECK_THAT(run(header + "r1,1,x,1,1\n"), Contains("s.csv:2:6:") && Contains("expected a number"));
  CHECK_THAT(run("respondent,E1,E2,P1\nr1,1,1,1\n"), Contains("s.csv:1:1:") && Contains("\"P2\""));
  CHECK_THAT(run(header + "r1,1,1,1,1,1\n"), Contains("s.csv:2:12:") && Contains("6 fields"));
  CHECK_THAT(run(header + "r1,1,1\n"), Contains("s.csv:2:1:") && Contains("3 fields"));
  CHECK_THAT(run(header + "r1,1,1,1,1\nr\xff,1,1,1,1\n"), Contains("s.csv:3:1:") && Contains("UTF-8"));
  CHECK_THAT(run(header + "r1,\"1,1,1,1\n"), Contains("s.csv:2:4:") && Contains("unterminated"));
  CHECK_THAT(run("respondent,E1,E2,P1,P2,W_a\nr1,1,1,1,1,5\n"), Contains("\"W_b\""));
  CHECK_THAT(run("respondent,E1,E2,P1,P2,W_a,W_b\nr1,1,1,1,1,-5,5\n"), Contains("s.csv:2:12:") && Contains("negative"));
}

TEST_CASE("servqual: grouping by unit and level through the model; unknown moments") {
  Model m;
  for (auto [id, level] : {std::pair{"desk", Level::operative}, {"boss", Level::directive}}) {
    Unit u;
    u.id = id;
    u.level = level;
    m.units.push_back(u);
  }
  for (auto [id, owner] : {std::pair{"m1", "desk"}, {"m2", "desk"}, {"m3", "boss"}}) {
    MomentOfTruth mt;
    mt.id = id;
    mt.owner = owner;
    m.moments.push_back(mt);
  }
  std::string csv = servqual_header(false);
  auto row = [](const std::string &id, const std::string &moment, const std::string &p) {
    std::string r = servqual_row(id, "A", moment, "5", p);
    return r.substr(0, r.size() - 6) + "\n";  // no weight cells
  };
  csv += row("r1", "m1", "6") + row("r2", "m2", "4") + row("r3", "m3", "5") + row("r4", "", "5");
  ServqualOptions o;
  o.model = &m;
  o.min_group = 1;
  o.by = ServqualGroupBy::unit;
  auto reader = CsvReader::from_text(csv, "s.csv");
  auto r = servqual(reader, o);
  REQUIRE(r.groups.size() == 2);
  CHECK(r.groups[0].key == "boss");
  CHECK(*r.groups[0].scores.unweighted == 0);
  CHECK(r.groups[1].key == "desk");
  CHECK(r.groups[1].scores.n == 2);
  CHECK(*r.groups[1].scores.unweighted == 0);  // (+1 and −1)
  CHECK(*r.groups[1].scores.negative_share == 0.5);
  CHECK(r.ungrouped == 1);
  o.by = ServqualGroupBy::level;
  auto reader2 = CsvReader::from_text(csv, "s.csv");
  auto r2 = servqual(reader2, o);
  REQUIRE(r2.groups.size() == 2);
  CHECK(r2.groups[0].key == "directive");
  CHECK(r2.groups[1].key == "operative");
  o.min_group = 3;  // both groups suppressed
  auto reader3 = CsvReader::from_text(csv, "s.csv");
  CHECK(servqual(reader3, o).suppressed_groups == 2);
  auto bad = CsvReader::from_text(servqual_header(false) + row("r1", "m9", "5"), "s.csv");
  CHECK_THAT(message_of([&] { servqual(bad, o); }), Contains("s.csv:2:") && Contains("unknown moment"));
  o.model = nullptr;
  auto reader4 = CsvReader::from_text(csv, "s.csv");
  CHECK_THROWS_AS(servqual(reader4, o), ArgumentError);
  // a row filter keeps one moment only
  ServqualOptions f;
  f.filter = RowFilter{"moment", {"m2"}};
  auto reader5 = CsvReader::from_text(csv, "s.csv");
  auto r5 = servqual(reader5, f);
  CHECK(r5.overall.n == 1);
  CHECK(*r5.overall.unweighted == -1);
}

TEST_CASE("gap 1: managers' estimates against customers' expectations, by level") {
  Model m;
  for (auto [id, level] : {std::pair{"op", Level::operative}, {"top", Level::directive}}) {
    Unit u;
    u.id = id;
    u.level = level;
    m.units.push_back(u);
  }
  Gap1Options o;
  o.items = parse_item_map("a:1;b:2");
  o.scale = {1, 5};
  // customers' E: a = (4 + 2)/2 = 3, b = 5 (one answer); P is not needed
  auto customers = CsvReader::from_text("respondent,E1,E2\nc1,4,5\nc2,2,\n", "c.csv");
  auto managers = CsvReader::from_text("respondent,unit,M1,M2\nm1,op,5,4\nm2,top,1,\n", "m.csv");
  auto r = gap1(customers, managers, m, o);
  CHECK(r.customers == 2);
  CHECK(r.managers == 2);
  REQUIRE(r.levels.size() == 2);  // managerial has no managers: omitted
  CHECK(r.levels[0].level == Level::directive);
  CHECK(*r.levels[0].dimensions[0].gap1 == -2);
  CHECK_FALSE(r.levels[0].dimensions[1].gap1);
  CHECK(*r.levels[0].gap1 == -2);
  CHECK(r.levels[1].level == Level::operative);
  CHECK(*r.levels[1].dimensions[0].gap1 == 2);
  CHECK(*r.levels[1].dimensions[1].gap1 == -1);
  CHECK(*r.levels[1].gap1 == 0.5);
  auto c2 = CsvReader::from_text("respondent,E1,E2\nc1,4,5\n", "c.csv");
  auto m2 = CsvReader::from_text("respondent,unit,M1,M2\nm1,nowhere,5,4\n", "m.csv");
  CHECK_THAT(message_of([&] { gap1(c2, m2, m, o); }), Contains("m.csv:2:4:") && Contains("unknown unit"));
}

TEST_CASE("ipa: means, cross-hairs, quadrants, CSI_ipa") {
  std::string csv =
      "respondent,I_x,P_x,I_y,P_y,I_z,P_z,I_w,P_w\n"
      "r1,5,2,3,4,4,4,3,3\n"
      "r2,5,4,1,4,4,,3,3\n";
  auto reader = CsvReader::from_text(csv, "i.csv");
  auto r = ipa(reader);
  // I: x 5, y 2, z 4, w 3 (cross 3.5); P: x 3, y 4, z 4, w 3 (cross 3.5)
  CHECK(r.n == 2);
  CHECK(*r.crosshair_importance == 3.5);
  CHECK(*r.crosshair_performance == 3.5);
  REQUIRE(r.attributes.size() == 4);
  CHECK(r.attributes[0].name == "x");
  CHECK(*r.attributes[2].performance == 4);
  CHECK(r.attributes[2].performance_n == 1);
  CHECK(*r.attributes[0].quadrant == Quadrant::concentrate_here);
  CHECK(*r.attributes[1].quadrant == Quadrant::possible_overkill);
  CHECK(*r.attributes[2].quadrant == Quadrant::keep_up_the_good_work);
  CHECK(*r.attributes[3].quadrant == Quadrant::low_priority);
  // 100·(5·3 + 2·4 + 4·4 + 3·3)/14/5 = 480/7
  CHECK(*r.csi == Approx(480.0 / 7));
  CHECK(r.csi_floor == 20);
  IpaOptions mid;
  mid.crosshair = Crosshair::midpoint;  // 3: ties count as ">="
  auto reader2 = CsvReader::from_text(csv, "i.csv");
  auto r2 = ipa(reader2, mid);
  CHECK(*r2.attributes[0].quadrant == Quadrant::keep_up_the_good_work);
  CHECK(*r2.attributes[3].quadrant == Quadrant::keep_up_the_good_work);
  auto lone = CsvReader::from_text("respondent,I_x,P_x,I_y\nr,1,1,1\n", "i.csv");
  CHECK_THAT(message_of([&] { ipa(lone); }), Contains("\"P_y\""));
  auto off = CsvReader::from_text("respondent,I_x,P_x\nr,6,1\n", "i.csv");
  CHECK_THAT(message_of([&] { ipa(off); }), Contains("i.csv:2:3:") && Contains("off the scale 1-5"));
}

TEST_CASE("nps, csat, ces: values and intervals") {
  ScoreOptions o;
  o.column = "x";
  auto r = CsvReader::from_text("id,x\na,10\nb,9\nc,8\nd,7\ne,6\nf,0\ng,\n", "n.csv");
  auto n = nps(r, o);
  CHECK(n.n == 6);
  CHECK(n.nps == 0);
  CHECK(n.se == Approx(100.0 / 3));  // 100·sqrt((1/3 + 1/3)/6)
  CHECK(n.ci_low == Approx(-196.0 / 3));
  CHECK(n.ci_high == Approx(196.0 / 3));
  auto all = CsvReader::from_text("x\n10\n10\n", "n.csv");
  auto top = nps(all, o);
  CHECK(top.nps == 100);
  CHECK(top.se == 0);
  auto low = CsvReader::from_text("x\n0\n9\n", "n.csv");  // 0 ∓ 1.96·100/√2: beyond ±100, not clamped
  CHECK(nps(low, o).ci_low == Approx(-196 / std::sqrt(2.0)));
  auto half = CsvReader::from_text("x\n8.5\n", "n.csv");
  CHECK_THAT(message_of([&] { nps(half, o); }), Contains("n.csv:2:1:") && Contains("integer from 0 to 10"));
  auto none = CsvReader::from_text("x\n\n,\n", "n.csv");
  CHECK_THROWS_AS(nps(none, o), InputError);
  auto empty = CsvReader::from_text("id,x\na,\n", "n.csv");
  CHECK_THAT(message_of([&] { nps(empty, o); }), Contains("no answers"));

  auto c = CsvReader::from_text("x\n5\n4\n3\n", "c.csv");
  auto s = csat(c, o);
  CHECK(s.csat == Approx(2.0 / 3));
  CHECK(s.ci_low == Approx(0.20765495512648796));  // Wilson, z = 1.96
  CHECK(s.ci_high == Approx(0.9385096847238394));
  auto c6 = CsvReader::from_text("x\n6\n", "c.csv");
  CHECK_THROWS_AS(csat(c6, o), ParseError);

  auto e = CsvReader::from_text("x\n1\n4\n7\n", "e.csv");
  auto effort = ces(e, o);
  CHECK(effort.mean == 4);
  CHECK(*effort.sd == Approx(3));
  CHECK(*effort.se == Approx(std::sqrt(3.0)));
  CHECK(*effort.ci_low == Approx(4 - 1.96 * std::sqrt(3.0)));
  auto one = CsvReader::from_text("x\n5\n", "e.csv");
  auto single = ces(one, o);
  CHECK(single.mean == 5);
  CHECK_FALSE(single.sd);
  CHECK_FALSE(single.ci_low);
}

TEST_CASE("survey CLI on the bundled sample files matches an independent computation") {
  // Expected values computed with Python (fractions.Fraction, then float) from the
  // §4.5 definitions, independently of this library.
  auto j = nlohmann::json::parse(run_cli("survey servqual " + sample("surveys/servqual.csv") + " --json"));
  CHECK(j["n"] == 36);
  const double gaps[] = {-0.14788732394366197, -0.8659217877094972, -0.8951048951048951, -0.2222222222222222,
                         -0.23595505617977527};
  const double expectation[] = {5.845070422535211, 6.4692737430167595, 6.188811188811189, 6.097222222222222,
                                5.853932584269663};
  for (int d = 0; d < 5; ++d) {
    CHECK(j["dimensions"][d]["gap"].get<double>() == Approx(gaps[d]).epsilon(1e-12));
    CHECK(j["dimensions"][d]["expectation"].get<double>() == Approx(expectation[d]).epsilon(1e-12));
  }
  CHECK(j["dimensions"][3]["perception"].get<double>() == Approx(5.875).epsilon(1e-12));
  CHECK(j["unweighted"].get<double>() == Approx(-0.47341825703201035).epsilon(1e-12));
  CHECK(j["weighted"].get<double>() == Approx(-0.5633710601536392).epsilon(1e-12));
  CHECK(j["negative_share"].get<double>() == Approx(0.7777777777777778).epsilon(1e-12));
  CHECK(j["groups"].empty());

  auto s = nlohmann::json::parse(run_cli("survey servqual " + sample("surveys/servqual.csv") + " --by segment --json"));
  REQUIRE(s["groups"].size() == 3);
  CHECK(s["groups"][0]["key"] == "business");
  CHECK(s["groups"][0]["n"] == 12);
  CHECK(s["groups"][0]["unweighted"].get<double>() == Approx(-0.7361278398846015).epsilon(1e-12));
  CHECK(s["groups"][0]["weighted"].get<double>() == Approx(-1.0434036884350173).epsilon(1e-12));
  CHECK(s["groups"][1]["key"] == "event_organizers");
  CHECK(s["groups"][1]["weighted"].get<double>() == Approx(-0.7816243131868131).epsilon(1e-12));
  CHECK(s["groups"][2]["dimensions"][3]["gap"].get<double>() == Approx(0.109375).epsilon(1e-12));

  auto m = nlohmann::json::parse(run_cli("survey servqual " + sample("surveys/servqual.csv") + " --by moment --json"));
  REQUIRE(m["groups"].size() == 2);  // biz_checkin and fam_room have 5 respondents; 10 moments suppressed
  CHECK(m["groups"][0]["key"] == "biz_checkin");
  CHECK(m["groups"][0]["unweighted"].get<double>() == Approx(-0.6126491228070176).epsilon(1e-12));
  CHECK(m["groups"][1]["weighted"].get<double>() == Approx(-0.2447111111111111).epsilon(1e-12));
  CHECK(m["suppressed"] == 10);
  CHECK(m["ungrouped"] == 2);

  auto l = nlohmann::json::parse(run_cli("survey servqual " + sample("surveys/servqual.csv") + " --by level --model " +
                                         sample("hotel.json") + " --json"));
  REQUIRE(l["groups"].size() == 1);
  CHECK(l["groups"][0]["key"] == "operative");
  CHECK(l["groups"][0]["n"] == 34);
  CHECK(l["groups"][0]["unweighted"].get<double>() == Approx(-0.4541013377688599).epsilon(1e-12));

  auto g = nlohmann::json::parse(run_cli("survey gap1 " + sample("surveys/servqual.csv") + " --managers " +
                                         sample("surveys/servqual-managers.csv") + " --model " + sample("hotel.json") +
                                         " --json"));
  REQUIRE(g["levels"].size() == 3);
  CHECK(g["levels"][0]["level"] == "directive");
  CHECK(g["levels"][0]["n"] == 2);
  const double directive[] = {0.7708333333333334, -1.1692737430167597, -1.4375, 0.027777777777777776,
                              -1.2547486033519553};
  for (int d = 0; d < 5; ++d) CHECK(g["levels"][0]["dimensions"][d]["gap1"].get<double>() == Approx(directive[d]).epsilon(1e-12));
  CHECK(g["levels"][2]["dimensions"][1]["gap1"].get<double>() == Approx(0.0057262569832402235).epsilon(1e-9));

  auto i = nlohmann::json::parse(run_cli("survey ipa " + sample("surveys/ipa.csv") + " --json"));
  CHECK(i["crosshair"]["importance"].get<double>() == Approx(4.16));
  CHECK(i["crosshair"]["performance"].get<double>() == Approx(3.76));
  const char *quadrants[] = {"keep_up_the_good_work", "concentrate_here", "keep_up_the_good_work", "keep_up_the_good_work",
                             "possible_overkill",     "concentrate_here", "low_priority",          "possible_overkill"};
  REQUIRE(i["attributes"].size() == 8);
  for (int a = 0; a < 8; ++a) CHECK(i["attributes"][a]["quadrant"] == quadrants[a]);
  CHECK(i["attributes"][1]["performance"].get<double>() == Approx(3.08));
  CHECK(i["csi_ipa"].get<double>() == Approx(75.20673076923077).epsilon(1e-12));

  auto n = nlohmann::json::parse(run_cli("survey nps " + sample("surveys/nps.csv") + " --column recommend --json"));
  CHECK(n["n"] == 40);
  CHECK(n["nps"].get<double>() == Approx(15));
  CHECK(n["se"].get<double>() == Approx(13.01441508482037).epsilon(1e-12));
  CHECK(n["ci"][0].get<double>() == Approx(-10.50825356624793).epsilon(1e-12));
  CHECK(n["ci"][1].get<double>() == Approx(40.50825356624792).epsilon(1e-12));
  auto c = nlohmann::json::parse(run_cli("survey csat " + sample("surveys/nps.csv") + " --column csat --json"));
  CHECK(c["csat"].get<double>() == 0.75);
  CHECK(c["ci"][0].get<double>() == Approx(0.598057409330299).epsilon(1e-12));
  CHECK(c["ci"][1].get<double>() == Approx(0.8581303210445048).epsilon(1e-12));
  auto e = nlohmann::json::parse(run_cli("survey ces " + sample("surveys/nps.csv") + " --column ces --json"));
  CHECK(e["mean"].get<double>() == Approx(5.65));
  CHECK(e["sd"].get<double>() == Approx(1.1220402662000857).epsilon(1e-12));
  CHECK(e["ci"][0].get<double>() == Approx(5.302276118973837).epsilon(1e-12));
}

TEST_CASE("survey CLI: semicolons and decimal commas, exit codes") {
  std::string path = std::filesystem::temp_directory_path() / "servicechain_test_survey_ces.csv";
  {
    std::ofstream f(path);
    f << "id;effort\na;4,5\nb; 5,5 \nc;  \n";  // a cell of blanks is unanswered
  }
  auto j = nlohmann::json::parse(run_cli("survey ces " + path + " --column effort --delimiter ';' --decimal-comma --json"));
  CHECK(j["n"] == 2);
  CHECK(j["mean"].get<double>() == 5);
  // bad input: exit 1 with the position; usage errors: exit 2
  CHECK_THAT(run_cli("survey ces " + path + " --column effort --delimiter ';'", 1), Contains(":2:3:"));
  run_cli("survey ces " + path + " --column effort --delimiter '|'", 2);
  run_cli("survey servqual " + sample("surveys/servqual.csv") + " --by unit", 2);
  run_cli("survey servqual " + sample("surveys/servqual.csv") + " --scale 7-1", 2);
  // --items: a map that does not parse is a usage error naming it, in servqual and gap1
  CHECK_THAT(run_cli("survey servqual " + sample("surveys/servqual.csv") + " --items 'tangibles:1-x'", 2),
             Contains("tangibles"));
  run_cli("survey gap1 " + sample("surveys/servqual.csv") + " --managers " + sample("surveys/servqual-managers.csv") +
              " --model " + sample("hotel.json") + " --items 'nonsense'",
          2);
  // the default map spelled out gives the default result
  const std::string default_items = "tangibles:1-4;reliability:5-9;responsiveness:10-13;assurance:14-17;empathy:18-22";
  CHECK(run_cli("survey servqual " + sample("surveys/servqual.csv") + " --json --items '" + default_items + "'") ==
        run_cli("survey servqual " + sample("surveys/servqual.csv") + " --json"));
  run_cli("survey nps " + sample("surveys/nps.csv") + " --column nowhere", 1);
  run_cli("survey nps /nonexistent/file.csv --column recommend", 1);
  std::filesystem::remove(path);
  // readable output in both languages
  CHECK_THAT(run_cli("survey servqual " + sample("surveys/servqual.csv")), Contains("reliability") && Contains("-0.87"));
  CHECK_THAT(run_cli("--lang es survey ipa " + sample("surveys/ipa.csv")), Contains("concentrarse aquí"));
}

TEST_CASE("survey readers: a column name the header repeats is an error at the repeat, naming it") {
  using Catch::Matchers::StartsWith;
  ServqualOptions so;
  so.items = parse_item_map("a:1;b:2");
  auto sq = CsvReader::from_text("respondent,E1,E2,P1,P2,E1\nr,1,1,1,1,1\n", "s.csv");
  CHECK_THAT(message_of([&] { servqual(sq, so); }),
             StartsWith("s.csv:1:24: repeated column \"E1\" in the header (first at line 1, column 12)"));
  auto weights = CsvReader::from_text("respondent,E1,E2,P1,P2,W_a,W_b,W_a\nr,1,1,1,1,1,1,1\n", "s.csv");
  CHECK_THAT(message_of([&] { servqual(weights, so); }), StartsWith("s.csv:1:32: repeated column \"W_a\""));
  so.by = ServqualGroupBy::segment;
  auto segment = CsvReader::from_text("segment,respondent,E1,E2,P1,P2,segment\nx,r,1,1,1,1,y\n", "s.csv");
  CHECK_THAT(message_of([&] { servqual(segment, so); }), StartsWith("s.csv:1:32: repeated column \"segment\""));
  // A repeated column the measure does not read is no error.
  so.by = ServqualGroupBy::none;
  auto unread = CsvReader::from_text("respondent,note,E1,E2,P1,P2,note\nr,,1,2,1,2,\n", "s.csv");
  CHECK(*servqual(unread, so).overall.unweighted == 0);

  Model m;
  m.units.push_back(Unit{});
  m.units.back().id = "op";
  Gap1Options go;
  go.items = so.items;
  auto customers = CsvReader::from_text("respondent,E1,E2\nc,1,1\n", "c.csv");
  auto managers = CsvReader::from_text("respondent,unit,M1,M2,unit\nm,op,1,1,op\n", "m.csv");
  CHECK_THAT(message_of([&] { gap1(customers, managers, m, go); }), StartsWith("m.csv:1:23: repeated column \"unit\""));

  auto both = CsvReader::from_text("r,I_a,P_a,I_a,P_a\n1,5,1,2,4\n", "i.csv");  // audit: the first pair won
  CHECK_THAT(message_of([&] { ipa(both); }), StartsWith("i.csv:1:11: repeated column \"I_a\" in the header (first at line 1, column 3)"));
  auto p_twice = CsvReader::from_text("r,I_a,P_a,P_a\n1,5,1,2\n", "i.csv");
  CHECK_THAT(message_of([&] { ipa(p_twice); }), StartsWith("i.csv:1:11: repeated column \"P_a\""));

  ScoreOptions o;
  o.column = "x";
  auto n = CsvReader::from_text("x,x\n9,0\n", "n.csv");  // audit: NPS 100 from the first column
  CHECK_THAT(message_of([&] { nps(n, o); }), StartsWith("n.csv:1:3: repeated column \"x\""));
  auto c = CsvReader::from_text("x,id,x\n5,a,1\n", "c.csv");
  CHECK_THAT(message_of([&] { csat(c, o); }), StartsWith("c.csv:1:6: repeated column \"x\""));
  auto e = CsvReader::from_text("id,x,x\na,5,1\n", "e.csv");
  CHECK_THAT(message_of([&] { ces(e, o); }), StartsWith("e.csv:1:6: repeated column \"x\""));
  o.filter = RowFilter{"seg", {"a"}};
  auto f = CsvReader::from_text("seg,x,seg\na,9,b\n", "f.csv");
  CHECK_THAT(message_of([&] { nps(f, o); }), StartsWith("f.csv:1:7: repeated column \"seg\""));
}

TEST_CASE("survey: answers and weights near 1e308 are summed without overflow") {
  // SERVQUAL weights 1e308 + 1e308 overflowed the row's total: `weighted` was null.
  ServqualOptions o;
  o.items = parse_item_map("a:1;b:2");
  auto heavy = CsvReader::from_text("respondent,E1,E2,P1,P2,W_a,W_b\nr1,4,4,5,3,1e308,1e308\nr2,4,4,5,3,1,3\n", "w.csv");
  auto w = servqual(heavy, o).overall;
  CHECK(w.mean_weights == std::vector<double>{37.5, 62.5});  // (50 + 25)/2, (50 + 75)/2
  REQUIRE(w.weighted);
  CHECK(*w.weighted == -0.25);  // 0.375·1 + 0.625·(−1)

  // Answers of 1e307: 40 of them overflowed each sum, and every mean was null.
  o.scale = {0, 1e307};
  std::string big = "respondent,E1,E2,P1,P2\n";
  for (int i = 0; i < 40; ++i) big += "r,1e307,1e307,1e307,0\n";
  auto sq = CsvReader::from_text(big, "b.csv");
  auto s = servqual(sq, o).overall;
  REQUIRE(s.dimensions[0].expectation);
  CHECK(*s.dimensions[0].expectation == Approx(1e307));
  CHECK(*s.dimensions[0].gap == Approx(0).margin(1e293));
  CHECK(*s.dimensions[1].gap == Approx(-1e307));
  CHECK(*s.unweighted == Approx(-5e306));
  CHECK(*s.negative_share == 1);

  Model m;
  m.units.push_back(Unit{});
  m.units.back().id = "op";
  Gap1Options go;
  go.items = parse_item_map("a:1");
  go.scale = {0, 1e307};
  std::string customers_csv = "respondent,E1\n", managers_csv = "respondent,unit,M1\n";
  for (int i = 0; i < 40; ++i) customers_csv += "c,1e307\n", managers_csv += "m,op,5e306\n";
  auto customers = CsvReader::from_text(customers_csv, "c.csv");
  auto managers = CsvReader::from_text(managers_csv, "m.csv");
  auto g = gap1(customers, managers, m, go);
  REQUIRE(g.levels.size() == 1);
  REQUIRE(g.levels[0].gap1);
  CHECK(*g.levels[0].gap1 == Approx(-5e306));

  // IPA on 0–1e308: the means were null, yet a quadrant was given.
  IpaOptions io;
  io.scale = {0, 1e308};
  auto i = CsvReader::from_text("I_a,P_a,I_b,P_b\n1e308,1e308,0,1e308\n1e308,1e308,0,1e308\n", "i.csv");
  auto r = ipa(i, io);
  REQUIRE(r.attributes[0].importance);
  CHECK(*r.attributes[0].importance == Approx(1e308));
  CHECK(*r.attributes[0].performance == Approx(1e308));
  CHECK(*r.crosshair_importance == Approx(5e307));
  CHECK(*r.attributes[0].quadrant == Quadrant::keep_up_the_good_work);
  CHECK(*r.attributes[1].quadrant == Quadrant::possible_overkill);
  CHECK(*r.csi == Approx(100));

  // CES: the squares of 1e200 overflowed the variance.
  ScoreOptions co;
  co.column = "x";
  co.scale = Scale{0, 1e200};
  auto c = CsvReader::from_text("x\n0\n1e200\n", "c.csv");
  auto effort = ces(c, co);
  CHECK(effort.mean == 5e199);
  REQUIRE(effort.sd);
  CHECK(*effort.sd == Approx(1e200 / std::sqrt(2.0)));
  CHECK(*effort.ci_high == Approx(5e199 + 1.96 * 5e199));

  // Only a result that is itself beyond the range of a double is an error, naming the scale.
  ServqualOptions wide;
  wide.items = parse_item_map("a:1");
  wide.scale = {-1e308, 1e308};
  auto gap = CsvReader::from_text("respondent,E1,P1\nr,-1e308,1e308\n", "g.csv");
  CHECK_THAT(message_of([&] { servqual(gap, wide); }),
             Contains("on the scale -1e+308-1e+308 is beyond the range of a double"));
  co.scale = Scale{0, 1.7e308};
  auto ci = CsvReader::from_text("x\n0\n1.7e308\n", "c.csv");
  CHECK_THAT(message_of([&] { ces(ci, co); }), Contains("beyond the range of a double"));
  io.scale = {-1e308, 1e-300};
  auto floor = CsvReader::from_text("I_a,P_a\n-1,-1\n", "i.csv");
  CHECK_THAT(message_of([&] { ipa(floor, io); }), Contains("the floor of CSI_ipa") && Contains("beyond the range"));
}

TEST_CASE("servqual: a score just below zero is negative; rounding of an exact zero is not") {
  ServqualOptions o;
  o.items = parse_item_map("a:1");
  // −5e-10 on 1–7 (the audit's repro): negative. The old rule (±1e-9 counts as zero) missed it.
  auto tiny = CsvReader::from_text("respondent,E1,P1\nr1,4,3.9999999995\nr2,4,4\n", "t.csv");
  CHECK(*servqual(tiny, o).overall.negative_share == 0.5);
  // Gap sums −2, −1 and 3 over 5 pairs each: 0 exactly, about −1e-17 in floating point.
  o.items = parse_item_map("a:1-5;b:6-10;c:11-15");
  std::string csv = "respondent";
  for (char side : {'E', 'P'})
    for (int i = 1; i <= 15; ++i) csv.append(",").append(servqual_column(side, i));
  csv += "\nr1,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,3,3,4,4,4,3,4,4,4,4,5,5,5,4,4\n";
  auto zero = CsvReader::from_text(csv, "z.csv");
  auto z = servqual(zero, o).overall;
  CHECK(*z.negative_share == 0);
  CHECK(*z.unweighted == Approx(0).margin(1e-15));
}

TEST_CASE("ipa: a mean just below the cross-hair is below it; rounding of equal means is not") {
  // The audit's repro: I_a = 4 is below the cross-hair 4.0000000005 (the old ±1e-9 rule put it on it).
  auto near = CsvReader::from_text("r,I_a,P_a,I_b,P_b\n1,4,3,4.000000001,3\n", "n.csv");
  auto r = ipa(near);
  CHECK(*r.attributes[0].quadrant == Quadrant::possible_overkill);  // I <, P = 3 ≥ 3
  CHECK(*r.attributes[1].quadrant == Quadrant::keep_up_the_good_work);
  // Three means of 1.6: their mean comes out 1.6000000000000003, yet all are on the cross-hairs.
  auto equal = CsvReader::from_text("r,I_a,P_a,I_b,P_b,I_c,P_c\n1,1.6,1.6,1.6,1.6,1.6,1.6\n", "e.csv");
  auto e = ipa(equal);
  CHECK(*e.crosshair_importance > 1.6);
  for (const auto &a : e.attributes) CHECK(*a.quadrant == Quadrant::keep_up_the_good_work);
}
