// Model comparison (§4.13): the CSI of both snapshots, each unit's contribution
// against an independent closed form of the CSI, the residual (0 in the linear
// model when only qualities change), added and removed units and services, and
// models of different organizations.
#include <catch2/catch.hpp>

#include <filesystem>
#include <nlohmann/json.hpp>

#include "servicechain/analysis/chain/diff.hpp"
#include "servicechain/error.hpp"
#include "servicechain/io/files.hpp"
#include "servicechain/io/json_writer.hpp"
#include "servicechain/io/model_json.hpp"
#include "support/command.hpp"

using namespace servicechain;
using Catch::Matchers::Contains;

namespace {

// a → b (0.4), a → c (0.3), b → c (0.2); one segment with moments at b and c (importance 1 each).
// By hand: q_a = s_a, q_b = 0.6·s_b + 0.4·s_a, q_c = 0.5·s_c + 0.3·s_a + 0.2·q_b, and
// CSI = 100·(q_b + q_c)/2 = 39·s_a + 36·s_b + 25·s_c: impacts 39, 36 and 25.
std::string model(double a, double b, double c, const std::string &organization = "org", const std::string &extra = "") {
  return R"({"format": "servicechain/1", "organization": {"id": ")" + organization + R"("},
    "units": [{"id": "a", "level": "operative", "quality": )" + std::to_string(a) + R"(},
              {"id": "b", "level": "operative", "quality": )" + std::to_string(b) + R"(},
              {"id": "c", "level": "operative", "quality": )" + std::to_string(c) + "}" + extra + R"(],
    "segments": [{"id": "s"}],
    "moments_of_truth": [{"id": "m1", "segment": "s", "owner": "b", "stage": 1}, {"id": "m2", "segment": "s", "owner": "c", "stage": 2}],
    "services": [{"from": "a", "to": "b", "name": "parts", "weight": 0.4}, {"from": "a", "to": "c", "name": "parts", "weight": 0.3},
                 {"from": "b", "to": "c", "name": "service", "weight": 0.2}]})";
}

}  // namespace

TEST_CASE("diff: contributions against the closed form and residual 0 when only qualities change (linear)") {
  const Model before = load_model_json(model(0.8, 0.6, 0.5)), after = load_model_json(model(0.9, 0.5, 0.5));
  auto d = diff_models(before, after);
  CHECK(*d.csi_old == Approx(39 * 0.8 + 36 * 0.6 + 25 * 0.5).epsilon(1e-13));
  CHECK(*d.csi_new == Approx(39 * 0.9 + 36 * 0.5 + 25 * 0.5).epsilon(1e-13));
  CHECK(*d.csi_change == Approx(0.3).epsilon(1e-11));
  REQUIRE(d.units.size() == 3);
  CHECK(d.units[0].id == "a");
  CHECK(d.units[0].s_change == Approx(0.1).epsilon(1e-12));
  CHECK(*d.units[0].contribution == Approx(3.9).epsilon(1e-12));
  CHECK(*d.units[1].contribution == Approx(-3.6).epsilon(1e-12));
  CHECK(*d.units[2].contribution == Approx(0).margin(1e-12));
  // q_b changes by 0.6·(−0.1) + 0.4·0.1 = −0.02; q_c by 0.3·0.1 + 0.2·(−0.02) = 0.026.
  CHECK(d.units[1].q_change == Approx(-0.02).epsilon(1e-10));
  CHECK(d.units[2].q_change == Approx(0.026).epsilon(1e-10));
  CHECK(*d.residual == Approx(0).margin(1e-12));
  CHECK((d.added.units.empty() && d.removed.units.empty() && d.added.services.empty() && d.removed.services.empty()));

  std::string text;
  JsonWriter w(text);
  write_json(w, d);
  auto j = nlohmann::json::parse(text);
  for (const char *key : {"old", "new", "change"}) CHECK(j["csi"].contains(key));
  for (const char *key : {"id", "s_change", "q_change", "contribution"}) CHECK(j["units"][0].contains(key));
  for (const char *key : {"units", "services"}) CHECK((j["added"].contains(key) && j["removed"].contains(key)));
  CHECK(j.contains("residual"));
}

TEST_CASE("diff: added and removed units and services, and a changed structure leaves a residual") {
  const Model before = load_model_json(model(0.8, 0.6, 0.5));
  // NEW: unit d (quality 0.4) serving c with weight 0.1 named "extra"; b → c renamed "service v2".
  std::string text = model(0.8, 0.6, 0.5, "org", R"(, {"id": "d", "level": "operative", "quality": 0.4})");
  const std::string old_service = R"({"from": "b", "to": "c", "name": "service", "weight": 0.2})";
  text.replace(text.find(old_service), old_service.size(),
               R"({"from": "b", "to": "c", "name": "service v2", "weight": 0.2}, {"from": "d", "to": "c", "name": "extra", "weight": 0.1})");
  const Model after = load_model_json(text);
  auto d = diff_models(before, after);
  CHECK(d.added.units == std::vector<std::string>{"d"});
  CHECK(d.removed.units.empty());
  REQUIRE(d.added.services.size() == 2);
  CHECK((d.added.services[0] == ServiceId{"b", "c", "service v2"}));
  CHECK((d.added.services[1] == ServiceId{"d", "c", "extra"}));
  REQUIRE(d.removed.services.size() == 1);
  CHECK((d.removed.services[0] == ServiceId{"b", "c", "service"}));
  // No unit's s changed, so every contribution is 0 and the residual is all of ΔCSI:
  // q_c loses 0.1·s_c = 0.05 and gains 0.1·q_d = 0.04, so CSI moves by 50·(−0.01) = −0.5.
  for (const auto &u : d.units) CHECK(*u.contribution == Approx(0).margin(1e-12));
  CHECK(*d.csi_change == Approx(-0.5).epsilon(1e-10));
  CHECK(*d.residual == Approx(-0.5).epsilon(1e-10));
  // Reversed, d is removed.
  auto back = diff_models(after, before);
  CHECK(back.removed.units == std::vector<std::string>{"d"});
}

TEST_CASE("diff: models of different organizations are an error, and the geometric model runs") {
  const Model a = load_model_json(model(0.8, 0.6, 0.5)), b = load_model_json(model(0.8, 0.6, 0.5, "other"));
  CHECK_THROWS_WITH(diff_models(a, b), Contains("/organization/id") && Contains("\"org\"") && Contains("\"other\""));
  const Model c = load_model_json(model(0.9, 0.6, 0.5));
  ModelDiffOptions o;
  o.propagation = PropagationModel::geometric;
  auto g = diff_models(a, c, o);
  CHECK(g.propagation == PropagationModel::geometric);
  REQUIRE(g.units[0].contribution);
  CHECK(g.residual);  // not 0 in general: the geometric CSI is not linear in s
  CHECK(*g.csi_change == Approx(*g.csi_new - *g.csi_old));
}

namespace {
using servicechain::test::run_servicechain;
std::string example(const std::string &name) { return std::string(SERVICECHAIN_SOURCE_DIR) + "/examples/" + name; }
}  // namespace

TEST_CASE("cli: diff of the hotel's two quarters, readable en/es and organizations") {
  auto json = run_servicechain("diff " + example("hotel.json") + " " + example("waves/hotel-2026-q2.json") + " --json", "2>/dev/null");
  REQUIRE(json.code == 0);
  auto j = nlohmann::json::parse(json.out);
  CHECK(j["csi"]["change"].get<double>() > 0);
  CHECK(j["residual"].get<double>() == Approx(0).margin(1e-9));  // only qualities changed
  double sum = 0;
  for (const auto &u : j["units"]) sum += u["contribution"].get<double>();
  CHECK(sum == Approx(j["csi"]["change"].get<double>()).epsilon(1e-9));
  auto es = run_servicechain("--lang es diff " + example("hotel.json") + " " + example("waves/hotel-2026-q2.json"), "2>/dev/null");
  CHECK(es.code == 0);
  CHECK_THAT(es.out, Contains("Comparación de modelos") && Contains("contribución"));
  std::string text = read_file(example("hotel.json"));
  text.replace(text.find("\"hotel_mirador\""), 15, "\"other_hotel\"");
  const auto other_file = std::filesystem::temp_directory_path() / "sc_diff_other.json";
  write_file_atomic(other_file, text);
  auto other = run_servicechain("diff " + example("hotel.json") + " " + other_file.string(), "2>&1 >/dev/null");
  CHECK(other.code == 1);
  CHECK_THAT(other.out, Contains("different organizations") && Contains("sc_diff_other.json") && Contains("\"hotel_mirador\""));
}
