// The C API (servicechain.h). Besides the real commands, this test registers a
// `probe` command that reports what it received, to check the request mapping.
#include <cmath>
#include <catch2/catch.hpp>

#include <filesystem>
#include <nlohmann/json.hpp>
#include <thread>

#include "cli.hpp"
#include "servicechain/io/files.hpp"
#include "servicechain/io/services_csv.hpp"
#include "servicechain/io/json_writer.hpp"
#include "servicechain/report/validation.hpp"
#include "servicechain/servicechain.h"

namespace {

using Json = nlohmann::json;
namespace cli = servicechain::cli;

void probe_setup(CLI::App &app) {
  struct Options {
    std::string model, file, propagation, ratings;
    std::vector<std::string> tags;
    double ratio = 0;
    bool verbose = false, json = false, fail = false, misuse = false;
  };
  auto o = std::make_shared<Options>();
  auto *cmd = app.add_subcommand("probe", "Reports its arguments (test only)");
  cmd->add_option("model", o->model)->required();
  cmd->add_option("file", o->file);
  cmd->add_option("--ratio", o->ratio);
  cmd->add_option("--tag", o->tags);
  cmd->add_option("--model", o->propagation);
  cmd->add_option("--ratings", o->ratings);
  cmd->add_flag("--verbose", o->verbose);
  cmd->add_flag("--fail", o->fail);
  cmd->add_flag("--misuse", o->misuse);
  cmd->add_flag("--json", o->json);
  cmd->callback([o] {
    if (o->misuse) throw cli::UsageError("--misuse given");
    servicechain::Model model = cli::load_model_file(o->model);
    std::string out;
    servicechain::JsonWriter w(out, 0);
    w.begin_object().field("units", static_cast<std::uint64_t>(model.units.size())).field("json", o->json);
    w.field("file_path", o->file).field("file", o->file.empty() ? "" : servicechain::read_file(o->file));
    w.field("ratings", o->ratings.empty() ? "" : servicechain::read_file(o->ratings));
    w.field("ratio", o->ratio).field("propagation", o->propagation).field("verbose", o->verbose);
    w.field("lang", cli::global().lang).field("text", cli::tr("english", "español"));
    w.key("tags").begin_array();
    for (const auto &t : o->tags) w.value(t);
    w.end_array().end_object();
    cli::emit(out);
    if (o->fail) throw cli::Exit{1};
  });
  auto *group = app.add_subcommand("probe-group", "Needs a subcommand (test only)");
  group->require_subcommand(1);
  auto inner_json = std::make_shared<bool>(false);
  auto *inner = group->add_subcommand("inner", "");
  inner->add_flag("--json", *inner_json);
  inner->callback([inner_json] { cli::emit(*inner_json ? "{\"inner\":true}" : "{}"); });
}
SERVICECHAIN_COMMAND(1000, probe_setup);

std::string hotel_text() { return servicechain::read_file(std::string(SERVICECHAIN_SOURCE_DIR) + "/examples/hotel.json"); }

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
  std::string text;  // the result, or the error
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

}  // namespace

TEST_CASE("c api: version") { CHECK(std::string(sc_version()) == SERVICECHAIN_VERSION_STRING); }

TEST_CASE("c api: an invalid model gives the validate --json report") {
  std::string bad = R"({"format":"servicechain/1","units":[{"id":"a","level":"x"}],
      "services":[{"from":"a","to":"b","weight":2}]})";
  servicechain::Diagnostics expected;
  CHECK_FALSE(servicechain::check_model_json(bad, expected));
  char *error = nullptr;
  CHECK(sc_model_from_json(bad.data(), bad.size(), &error) == nullptr);
  REQUIRE(error);
  CHECK(std::string(error) == servicechain::validation_report_json(expected));
  auto report = Json::parse(error);
  CHECK(report["valid"] == false);
  CHECK(report["errors"].size() == expected.errors.size());
  sc_string_free(error);

  // A syntax error is reported the same way, with code "syntax".
  std::string truncated = R"({"format": "servicechain/1", "units": [)";
  CHECK(sc_model_from_json(truncated.data(), truncated.size(), &error) == nullptr);
  REQUIRE(error);
  auto syntax = Json::parse(error);
  CHECK(syntax["errors"][0]["code"] == "syntax");
  CHECK_THAT(syntax["errors"][0]["message"].get<std::string>(), Catch::Contains("<input>:1:"));
  sc_string_free(error);
}

TEST_CASE("c api: NULL arguments fail cleanly") {
  char *error = nullptr;
  CHECK(sc_model_from_json(nullptr, 3, &error) == nullptr);
  CHECK_THAT(std::string(error), Catch::Contains("NULL"));
  sc_string_free(error);
  CHECK(sc_model_from_json(nullptr, 3, nullptr) == nullptr);  // no error slot: still no crash
  CHECK(sc_run(nullptr, nullptr, &error) == nullptr);
  CHECK_THAT(std::string(error), Catch::Contains("NULL"));
  sc_string_free(error);
  CHECK(sc_run(nullptr, "{\"command\":\"validate\"}", nullptr) == nullptr);
  sc_model_free(nullptr);
  sc_string_free(nullptr);
}

TEST_CASE("c api: validate through sc_run prints what validate --json prints") {
  std::string text = hotel_text();
  Model model(text);
  servicechain::Diagnostics expected;
  REQUIRE(servicechain::check_model_json(text, expected));
  Result r = run(model.handle, R"({"command": "validate"})");
  REQUIRE(r.ok);
  CHECK(r.text == servicechain::validation_report_json(expected));
}

TEST_CASE("c api: requests map to options, flags, positional files and inline data") {
  Model model(hotel_text());

  auto flat = run_json(model.handle, R"({"command": "probe", "model": "geometric", "ratio": 0.25,
      "tag": ["a", "b c"], "verbose": true, "data": "x,y\n1,2\n", "lang": "es"})");
  CHECK(flat["units"] == 18);
  CHECK(flat["json"] == true);
  CHECK(flat["propagation"] == "geometric");  // "model" is the --model option; the model file is the handle
  CHECK(flat["ratio"] == 0.25);
  CHECK(flat["tags"] == Json::array({"a", "b c"}));
  CHECK(flat["verbose"] == true);
  CHECK(flat["file"] == "x,y\n1,2\n");
  CHECK(flat["lang"] == "es");
  CHECK(flat["text"] == "español");
  // The inline data went through a private temporary file, removed afterwards.
  std::string temp_path = flat["file_path"];
  CHECK(std::filesystem::path(temp_path).extension() == ".csv");
  CHECK_FALSE(std::filesystem::exists(temp_path));

  // The same through "args", with the positional named and an option file inline.
  auto nested = run_json(model.handle, R"({"command": "probe", "args": {"file": "k\n", "verbose": false,
      "ratings": {"data": "r\n5\n"}, "tag": "one"}})");
  CHECK(nested["file"] == "k\n");
  CHECK(nested["verbose"] == false);
  CHECK(nested["ratings"] == "r\n5\n");
  CHECK(nested["tags"] == Json::array({"one"}));
  CHECK(nested["lang"] == "en");  // options are per call, not left over from the last one
  CHECK(nested["text"] == "english");

  // {"path": ...} passes a file as it is.
  std::string example = std::string(SERVICECHAIN_SOURCE_DIR) + "/examples/surveys/nps.csv";
  auto by_path = run_json(model.handle, R"({"command": "probe", "file": {"path": ")" + example + R"("}})");
  CHECK(by_path["file"] == servicechain::read_file(example));
  CHECK(by_path["file_path"] == example);

  // Nested subcommands, by "subcommand" or in "command".
  CHECK(run(model.handle, R"({"command": "probe-group", "subcommand": "inner"})").text == "{\"inner\":true}");
  CHECK(run(model.handle, R"({"command": "probe-group inner"})").text == "{\"inner\":true}");
}

TEST_CASE("c api: bad requests come back as messages") {
  Model model(hotel_text());
  auto error_of = [&](const sc_model *m, const std::string &request) {
    Result r = run(m, request);
    CHECK_FALSE(r.ok);
    return r.text;
  };
  CHECK_THAT(error_of(model.handle, "not json"), Catch::StartsWith("request: not valid JSON"));
  CHECK_THAT(error_of(model.handle, "[1]"), Catch::Contains("JSON object"));
  CHECK_THAT(error_of(model.handle, "{}"), Catch::Contains("\"command\""));
  CHECK(error_of(model.handle, R"({"command": "no-such"})") == "unknown command \"no-such\"");
  CHECK(error_of(model.handle, R"({"command": "probe-group"})").find("needs a subcommand") != std::string::npos);
  CHECK(error_of(model.handle, R"({"command": "demo"})") == "command \"demo\" has no JSON output");
  CHECK(error_of(nullptr, R"({"command": "probe"})") == "command \"probe\" needs a model");
  CHECK(error_of(model.handle, R"({"command": "probe", "colour": 1})") == "command \"probe\" has no option \"colour\"");
  CHECK_THAT(error_of(model.handle, R"({"command": "probe", "verbose": 1})"), Catch::Contains("flag"));
  CHECK_THAT(error_of(model.handle, R"({"command": "probe", "ratio": "many"})"), Catch::StartsWith("usage error:"));
  CHECK(error_of(model.handle, R"({"command": "probe", "misuse": true})") == "usage error: --misuse given");
  CHECK_THAT(error_of(model.handle, R"({"command": "probe", "lang": "fr"})"), Catch::StartsWith("usage error:"));
  CHECK_THAT(error_of(model.handle, R"({"command": "probe", "help": true})"), Catch::Contains("help"));
  // A command that prints its result and then exits 1 still returns the result.
  auto failed = run(model.handle, R"({"command": "probe", "fail": true})");
  CHECK(failed.ok);
  CHECK(Json::parse(failed.text)["units"] == 18);
}

TEST_CASE("c api: one model, many threads") {
  std::string text = hotel_text();
  Model model(text);
  servicechain::Diagnostics diagnostics;
  servicechain::check_model_json(text, diagnostics);
  const std::string expected_validate = servicechain::validation_report_json(diagnostics);
  std::vector<int> mismatches(4, 0);
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t)
    threads.emplace_back([&, t] {
      std::string lang = t % 2 ? "es" : "en";
      std::string expected_text = t % 2 ? "español" : "english";
      for (int i = 0; i < 25; ++i) {
        char *error = nullptr;
        char *v = sc_run(model.handle, "{\"command\": \"validate\"}", &error);
        if (!v || v != expected_validate) ++mismatches[t];
        sc_string_free(v);
        sc_string_free(error);
        std::string request = "{\"command\": \"probe\", \"lang\": \"" + lang + "\", \"data\": \"t" + std::to_string(t) + "\"}";
        char *p = sc_run(model.handle, request.c_str(), &error);
        if (!p) {
          ++mismatches[t];
          sc_string_free(error);
          continue;
        }
        auto j = Json::parse(p);
        if (j["text"] != expected_text || j["file"] != "t" + std::to_string(t)) ++mismatches[t];
        sc_string_free(p);
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

  // Services as inline CSV, added to a model given inline too.
  auto extended = run_json(nullptr, R"({"command": "import services", "data": "from,to,weight\nGeneral Management,Records & Archive,0.1\n",
      "model": {"data": )" + Json(hotel_text()).dump() + "}}");
  REQUIRE(extended["services"].size() == 46);
  CHECK(extended["services"][45]["from"] == "gm");
  CHECK(extended["services"][45]["to"] == "records");

  // A bad row is a message naming its line and column.
  Result bad = run(nullptr, R"({"command": "import services", "data": "from,to,weight\ngm,nowhere,0.1\n",
      "model": {"data": )" + Json(hotel_text()).dump() + "}}");
  CHECK_FALSE(bad.ok);
  CHECK_THAT(bad.text, Catch::Contains(".csv:2:4") && Catch::Contains("unknown_unit"));
}

TEST_CASE("cli: --delimiter and --decimal-comma set the dialect and keep the reader's limits") {
  servicechain::cli::CsvArgs args;
  args.delimiter = ";";
  args.decimal_comma = true;
  servicechain::ServicesCsvOptions options;  // the import's own row bound
  args.apply(options.csv);
  CHECK(options.csv.delimiter == ';');
  CHECK(options.csv.decimal_comma);
  CHECK(options.csv.max_records == 50'000'000);
  CHECK(args.options().max_records == SIZE_MAX);  // plain options: the CsvOptions defaults
  args.delimiter = "|";
  CHECK_THROWS_AS(args.apply(options.csv), servicechain::cli::UsageError);
}

TEST_CASE("c api: analyze with a collapsed view (group_depth, group_max)") {
  Model model(hotel_text());
  auto by_depth = run_json(model.handle, R"({"command": "analyze", "group_depth": 1, "no_betweenness": true})");
  CHECK(by_depth["group_depth"] == 1);
  REQUIRE(by_depth["groups"].size() == 5);
  CHECK(by_depth["groups"][1]["id"] == "rooms");
  CHECK(by_depth["groups"][1]["units"] == 8);
  double units = 0, groups = 0;
  for (const auto &u : by_depth["units"]) units += u["impact"].get<double>();
  for (const auto &g : by_depth["groups"]) groups += g["impact"].get<double>();
  CHECK(std::abs(units - groups) < 1e-9);
  CHECK(by_depth["links"][0]["from"] == "admin");
  auto by_max = run_json(model.handle, R"({"command": "analyze", "group_max": 4})");
  CHECK(by_max["group_depth"] == 0);
  CHECK_FALSE(run(model.handle, R"({"command": "analyze", "group_max": 0})").ok);
}
