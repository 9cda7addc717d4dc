// The C API (servicechain.h) as a program in another language sees it: linked
// against libservicechain_c only, through the exported sc_* functions.
#include <catch2/catch.hpp>

#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <thread>

#include "servicechain/servicechain.h"

namespace {

using Json = nlohmann::json;

std::string read_text(const std::string &relative) {
  std::ifstream in(std::string(SERVICECHAIN_SOURCE_DIR) + "/" + relative, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}
std::string hotel_text() { return read_text("examples/hotel.json"); }

struct Model {
  sc_model *handle = nullptr;
  explicit Model(const std::string &json) {
    char *error = nullptr;
    handle = sc_model_from_json(json.data(), json.size(), &error);
    INFO((error ? error : ""));
    REQUIRE(handle);
    REQUIRE(error == nullptr);
  }
  ~Model() { sc_model_free(handle); }
};

struct Result {
  bool ok;
  std::string text;  // the result, or the error object
};

Result run(const sc_model *model, const std::string &request) {
  char *error = nullptr;
  char *out = sc_run(model, request.c_str(), &error);
  Result r{out != nullptr, out ? out : (error ? error : "")};
  CHECK((out == nullptr) != (error == nullptr));
  sc_string_free(out);
  sc_string_free(error);
  return r;
}

Json run_json(const sc_model *model, const std::string &request) {
  Result r = run(model, request);
  INFO(r.text);
  REQUIRE(r.ok);
  return Json::parse(r.text);
}

/// The "error" object of a failed request.
Json error_of(const sc_model *model, const std::string &request) {
  Result r = run(model, request);
  INFO(r.text);
  REQUIRE_FALSE(r.ok);
  Json j = Json::parse(r.text);
  REQUIRE(j.contains("error"));
  return j["error"];
}

}  // namespace

TEST_CASE("c api: version") { CHECK(std::string(sc_version()) == SERVICECHAIN_VERSION_STRING); }

TEST_CASE("c api: an invalid model gives the invalid_model error with the validation list") {
  std::string bad = R"({"format":"servicechain/1","units":[{"id":"a","level":"x"}],
      "services":[{"from":"a","to":"b","weight":2}]})";
  char *error = nullptr;
  CHECK(sc_model_from_json(bad.data(), bad.size(), &error) == nullptr);
  REQUIRE(error);
  auto e = Json::parse(error)["error"];
  sc_string_free(error);
  CHECK(e["code"] == "invalid_model");
  REQUIRE(e["errors"].size() >= 2);
  CHECK(e["errors"][0]["path"] == "/units/0/level");
  CHECK(e["errors"][0].contains("code"));
  CHECK_THAT(e["message"].get<std::string>(), Catch::Contains("invalid model"));

  // A syntax error is bad_input with its line and column as the path.
  std::string truncated = "{\"format\": \"servicechain/1\",\n \"units\": [";
  CHECK(sc_model_from_json(truncated.data(), truncated.size(), &error) == nullptr);
  REQUIRE(error);
  auto syntax = Json::parse(error)["error"];
  sc_string_free(error);
  CHECK(syntax["code"] == "bad_input");
  CHECK_THAT(syntax["path"].get<std::string>(), Catch::StartsWith("<input>:2:"));
}

TEST_CASE("c api: NULL arguments fail cleanly") {
  char *error = nullptr;
  CHECK(sc_model_from_json(nullptr, 3, &error) == nullptr);
  CHECK_THAT(std::string(error), Catch::Contains("NULL") && Catch::Contains("bad_request"));
  sc_string_free(error);
  CHECK(sc_model_from_json(nullptr, 3, nullptr) == nullptr);  // no error slot: still no crash
  CHECK(sc_run(nullptr, nullptr, &error) == nullptr);
  CHECK_THAT(std::string(error), Catch::Contains("NULL"));
  sc_string_free(error);
  CHECK(sc_run(nullptr, "{\"command\":\"validate\"}", nullptr) == nullptr);
  sc_model_free(nullptr);
  sc_string_free(nullptr);
}

TEST_CASE("c api: a freed or foreign handle is refused, not used") {
  std::string text = hotel_text();
  char *error = nullptr;
  sc_model *model = sc_model_from_json(text.data(), text.size(), &error);
  REQUIRE(model);
  CHECK(run(model, R"({"command": "maturity"})").ok);
  sc_model_free(model);
  auto freed = error_of(model, R"({"command": "maturity"})");
  CHECK(freed["code"] == "bad_request");
  CHECK_THAT(freed["message"].get<std::string>(), Catch::Contains("not a live sc_model"));
  sc_model_free(model);  // a second free does nothing

  // A pointer that never came from sc_model_from_json.
  alignas(16) unsigned char junk[64] = {};
  auto foreign = error_of(reinterpret_cast<const sc_model *>(junk), R"({"command": "analyze"})");
  CHECK(foreign["code"] == "bad_request");
  sc_model_free(reinterpret_cast<sc_model *>(junk));  // ignored
}

TEST_CASE("c api: the morale ceiling through requests (no_morale_cap)") {
  Model model(hotel_text());
  auto capped = run_json(model.handle, R"({"command": "analyze", "no_betweenness": true})");
  auto uncapped = run_json(model.handle, R"({"command": "analyze", "no_betweenness": true, "no_morale_cap": true})");
  CHECK(capped["csi"].get<double>() == Approx(68.15903684418625).epsilon(1e-12));
  CHECK(uncapped["csi"].get<double>() == Approx(73.15229955223754).epsilon(1e-12));
  CHECK(capped["units"][0]["capped"] == true);  // gm: quality 0.82, ceiling 0.798
  CHECK(uncapped["units"][0]["capped"] == false);
  auto plan = run_json(model.handle, R"({"command": "plan", "plan": "service_recovery_2026", "as_of": "2026-03-01"})");
  CHECK(plan["gains"][1]["reason"] == "ceiling_binds");  // sr03: quality of a capped unit
}

TEST_CASE("c api: requests take options flat or in args, inline data and files") {
  Model model(hotel_text());
  auto validate = run_json(model.handle, R"({"command": "validate"})");
  CHECK(validate["valid"] == true);

  auto flat = run_json(model.handle, R"({"command": "analyze", "model": "geometric", "fidelity": 0.8, "no_betweenness": true})");
  auto nested = run_json(model.handle, R"({"command": "analyze", "args": {"model": "geometric", "fidelity": "0.8", "no-betweenness": true}})");
  CHECK(flat == nested);
  CHECK(flat["model"] == "geometric");
  CHECK(flat["betweenness_method"] == "none");

  // A survey inline, by "subcommand", by "measure", from a file.
  const std::string csv = "score\n9\n10\n3\n";
  auto inline_nps = run_json(nullptr, R"({"command": "survey nps", "column": "score", "data": "score\n9\n10\n3\n"})");
  CHECK(inline_nps["n"] == 3);
  CHECK(run_json(nullptr, R"({"command": "survey", "measure": "nps", "column": "score", "file": {"data": "score\n9\n10\n3\n"}})") == inline_nps);
  auto from_file = run_json(nullptr, R"({"command": "survey", "subcommand": "nps", "column": "recommend", "data": {"path": ")" +
                                         std::string(SERVICECHAIN_SOURCE_DIR) + R"(/examples/surveys/nps.csv"}})");
  CHECK(from_file["n"].get<int>() > 3);

  // Spanish content for "lang": "es" (the bundled curriculum's titles).
  auto es = run_json(model.handle, R"({"command": "maturity", "lang": "es"})");
  auto en = run_json(model.handle, R"({"command": "maturity"})");
  CHECK(es["processes"][0]["name"] != en["processes"][0]["name"]);

  // The report is HTML.
  Result report = run(model.handle, R"({"command": "report", "as_of": "2026-06-01"})");
  REQUIRE(report.ok);
  CHECK_THAT(report.text, Catch::StartsWith("<!DOCTYPE html>"));
}

TEST_CASE("c api: bad requests come back as error objects with their codes") {
  Model model(hotel_text());
  CHECK(error_of(model.handle, "not json")["code"] == "bad_request");
  CHECK(error_of(model.handle, "[1]")["code"] == "bad_request");
  CHECK(error_of(model.handle, "{}")["code"] == "bad_request");
  CHECK(error_of(model.handle, R"({"command": "no-such"})")["code"] == "unknown_command");
  CHECK(error_of(model.handle, R"({"command": "demo"})")["code"] == "unknown_command");
  CHECK_THAT(error_of(model.handle, R"({"command": "survey"})")["message"].get<std::string>(), Catch::Contains("needs a subcommand"));
  CHECK_THAT(error_of(nullptr, R"({"command": "analyze"})")["message"].get<std::string>(), Catch::Contains("needs a model"));
  auto unknown = error_of(model.handle, R"({"command": "analyze", "colour": 1})");
  CHECK(unknown["code"] == "bad_option");
  CHECK(unknown["path"] == "/colour");
  CHECK(error_of(model.handle, R"({"command": "analyze", "args": {"fidelity": 2}})")["path"] == "/args/fidelity");
  CHECK(error_of(model.handle, R"({"command": "analyze", "lang": "fr"})")["code"] == "bad_option");
  auto csv = error_of(nullptr, R"({"command": "survey nps", "column": "score", "data": "score\n9\n\"x\n"})");
  CHECK(csv["code"] == "bad_input");
  CHECK_THAT(csv["path"].get<std::string>(), Catch::StartsWith("<data>:3:"));
}

TEST_CASE("c api: one model, many threads") {
  Model model(hotel_text());
  const std::string expected_en = run(model.handle, R"({"command": "maturity"})").text;
  const std::string expected_es = run(model.handle, R"({"command": "maturity", "lang": "es"})").text;
  REQUIRE(expected_en != expected_es);
  std::vector<int> mismatches(4, 0);
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t)
    threads.emplace_back([&, t] {
      const std::string request = t % 2 ? R"({"command": "maturity", "lang": "es"})" : R"({"command": "maturity"})";
      for (int i = 0; i < 25; ++i) {
        char *error = nullptr;
        char *out = sc_run(model.handle, request.c_str(), &error);
        if (!out || out != (t % 2 ? expected_es : expected_en)) ++mismatches[t];
        sc_string_free(out);
        sc_string_free(error);
      }
    });
  for (auto &th : threads) th.join();
  CHECK(mismatches == std::vector<int>(4, 0));
}

TEST_CASE("c api: imports return the resulting model") {
  // An org chart as inline CSV, no model handle needed: the model's JSON comes back.
  auto chart = run_json(nullptr, R"({"command": "import orgchart",
      "data": "id,name,manager_id,unit,level\np1,Ana,,Front Desk,operative\np2,Luis,p1,Front Desk,operative\n"})");
  CHECK(chart["format"] == "servicechain/1");
  REQUIRE(chart["units"].size() == 1);
  CHECK(chart["units"][0]["id"] == "front_desk");
  CHECK(chart["people"].size() == 2);

  // Services as inline CSV, added to a model given inline, or to the handle's.
  const std::string services = R"("data": "from,to,weight\nGeneral Management,Records & Archive,0.1\n")";
  auto extended = run_json(nullptr, R"({"command": "import services", )" + services + R"(, "model": {"data": )" + Json(hotel_text()).dump() + "}}");
  REQUIRE(extended["services"].size() == 46);
  CHECK(extended["services"][45]["from"] == "gm");
  CHECK(extended["services"][45]["to"] == "records");
  Model model(hotel_text());
  CHECK(run_json(model.handle, R"({"command": "import services", )" + services + "}") == extended);

  // A bad row is bad_input naming its line and column.
  auto bad = error_of(model.handle, R"({"command": "import services", "data": "from,to,weight\ngm,nowhere,0.1\n"})");
  CHECK(bad["code"] == "bad_input");
  CHECK_THAT(bad["message"].get<std::string>(), Catch::Contains("<data>:2:4") && Catch::Contains("unknown_unit"));
}

