// The internal customer survey (§4.12) against hand-computed values, its bad
// input (each error at its file:line:column), the import into services[].rating,
// and on the bundled hotel: the example survey moves rating_gap in `analyze`.
#include <catch2/catch.hpp>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "servicechain/analysis/survey/internal.hpp"
#include "servicechain/error.hpp"
#include "servicechain/io/files.hpp"
#include "servicechain/io/json_writer.hpp"
#include "servicechain/io/model_json.hpp"
#include "support/command.hpp"

using namespace servicechain;
using Catch::Matchers::Contains;

namespace {

// a → b "parts" (0.4), a → b "advice" (0.1), a → c "parts" (0.3), b → c "service" (0.2).
// Linear delivered quality by hand: q_a = 0.8; q_b = 0.5·0.6 + 0.4·0.8 + 0.1·0.8 = 0.7;
// q_c = 0.5·0.5 + 0.3·0.8 + 0.2·0.7 = 0.63.
const char *model_json = R"({"format": "servicechain/1", "organization": {"id": "org", "name": "Org"},
  "units": [{"id": "a", "level": "operative", "quality": 0.8}, {"id": "b", "level": "operative", "quality": 0.6},
            {"id": "c", "level": "operative", "quality": 0.5}],
  "segments": [{"id": "s"}],
  "moments_of_truth": [{"id": "m", "segment": "s", "owner": "c", "stage": 1}],
  "services": [{"from": "a", "to": "b", "name": "parts", "weight": 0.4},
               {"from": "a", "to": "b", "name": "advice", "weight": 0.1},
               {"from": "a", "to": "c", "name": "parts", "weight": 0.3},
               {"from": "b", "to": "c", "name": "service", "weight": 0.2, "rating": 0.1}]})";

Model small_model() { return load_model_json(model_json); }

// b rates a's parts 5,4,4,3,5 (with eNPS 10,9,7,3,0); c rates a's parts 2,3 and b's service 4.
const char *survey_csv =
    "respondent_unit,supplier_unit,service,rating,enps,date\n"
    "b,a,parts,5,10,2026-03-31\n"
    "b,a,parts,4,9,2026-03-31\n"
    "b,a,parts,4,7,\n"
    "b,a,parts,3,3,2026-03-31\n"
    "b,a,parts,5,0,2026-03-31\n"
    "c,a,parts,2,,2026-03-31\n"
    "c,a,parts,3,8,2026-03-31\n"
    "c,b,service,4,,2026-03-31\n";

InternalSurveyResult survey(const std::string &csv, std::size_t min_group = 5, const Model &model = small_model()) {
  auto reader = CsvReader::from_text(csv, "int.csv");
  InternalSurveyOptions o;
  o.min_group = min_group;
  return internal_survey(reader, model, o);
}

std::string error_of(const std::string &csv) {
  try {
    survey(csv);
  } catch (const InputError &e) {
    return e.what();
  }
  return "no error";
}

}  // namespace

TEST_CASE("internal survey: supplier means, intervals, gaps, services and eNPS by hand") {
  auto r = survey(survey_csv);
  CHECK(r.n == 8);
  REQUIRE(r.suppliers.size() == 2);
  // a: ratings 5,4,4,3,5,2,3 → quarters 4,3,3,2,4,1,2: mean 19/28; Σ(x − mean)² = 59/16 − 7·(19/28)² = 13/28.
  const auto &a = r.suppliers[0];
  CHECK(a.unit == "a");
  CHECK(a.n == 7);
  CHECK(a.respondent_units == 2);
  CHECK_FALSE(a.suppressed);
  CHECK(*a.internal_rating == Approx(19.0 / 28).epsilon(1e-14));
  const double sd = std::sqrt(13.0 / 28 / 6);
  CHECK(*a.sd == Approx(sd).epsilon(1e-14));
  REQUIRE(a.ci);
  CHECK((*a.ci)[0] == Approx(19.0 / 28 - 1.96 * sd / std::sqrt(7.0)).epsilon(1e-14));
  CHECK((*a.ci)[1] == Approx(19.0 / 28 + 1.96 * sd / std::sqrt(7.0)).epsilon(1e-14));
  CHECK(a.delivered == Approx(0.8).epsilon(1e-14));
  CHECK(*a.rating_gap == Approx(19.0 / 28 - 0.8).epsilon(1e-13));
  // b: one row, below the privacy minimum: listed, suppressed, values null; delivered shown.
  const auto &b = r.suppliers[1];
  CHECK(b.unit == "b");
  CHECK(b.n == 1);
  CHECK(b.suppressed);
  CHECK_FALSE(b.internal_rating);
  CHECK_FALSE(b.ci);
  CHECK_FALSE(b.rating_gap);
  CHECK(b.delivered == Approx(0.7).epsilon(1e-14));

  // Services by (from, to, name): a→b parts (mean of 1, .75, .75, .5, 1 = 0.8), a→c parts (2 rows), b→c service (1).
  REQUIRE(r.services.size() == 3);
  CHECK((r.services[0].from == "a" && r.services[0].to == "b" && r.services[0].name == "parts"));
  CHECK(r.services[0].n == 5);
  CHECK(*r.services[0].rating == Approx(0.8).epsilon(1e-14));
  CHECK((r.services[1].to == "c" && r.services[1].n == 2 && r.services[1].suppressed && !r.services[1].rating));
  CHECK((r.services[2].from == "b" && r.services[2].suppressed));

  // eNPS of b: 10, 9 promoters, 3, 0 detractors, 7 passive: 0; se = 100·sqrt(0.8/5) = 40.
  REQUIRE(r.respondents.size() == 2);
  CHECK(r.respondents[0].unit == "b");
  CHECK(r.respondents[0].n == 5);
  CHECK(*r.respondents[0].enps == Approx(0).margin(1e-12));
  CHECK(*r.respondents[0].se == Approx(40).epsilon(1e-14));
  CHECK((*r.respondents[0].ci)[0] == Approx(-78.4).epsilon(1e-14));
  // c answered 3 rows, 1 with an enps value: suppressed.
  CHECK((r.respondents[1].unit == "c" && r.respondents[1].rows == 3 && r.respondents[1].n == 1 && r.respondents[1].suppressed));
}

TEST_CASE("internal survey: the privacy minimum, geometric delivered quality and the JSON keys") {
  auto r = survey(survey_csv, 1);
  CHECK_FALSE(r.suppliers[1].suppressed);
  CHECK(*r.suppliers[1].internal_rating == Approx(0.75));
  CHECK_FALSE(r.suppliers[1].ci);  // n = 1: no interval
  CHECK(*r.services[1].rating == Approx((0.25 + 0.5) / 2));
  CHECK(*r.respondents[1].enps == Approx(0));  // one answer 8: a passive

  auto reader = CsvReader::from_text(survey_csv, "int.csv");
  InternalSurveyOptions o;
  o.propagation = PropagationModel::geometric;
  auto g = internal_survey(reader, small_model(), o);
  // q_b = 0.6^0.5 · 0.8^0.4 · 0.8^0.1
  CHECK(g.suppliers[1].delivered == Approx(std::pow(0.6, 0.5) * std::pow(0.8, 0.5)).epsilon(1e-12));

  std::string text;
  JsonWriter w(text);
  write_json(w, r);
  auto j = nlohmann::json::parse(text);
  for (const char *key : {"n", "suppliers", "services", "respondents"}) CHECK(j.contains(key));
  for (const char *key : {"unit", "n", "respondent_units", "internal_rating", "ci", "delivered", "rating_gap", "suppressed"})
    CHECK(j["suppliers"][0].contains(key));
  for (const char *key : {"from", "to", "name", "n", "rating", "suppressed"}) CHECK(j["services"][0].contains(key));
  for (const char *key : {"unit", "n", "enps", "ci", "suppressed"}) CHECK(j["respondents"][0].contains(key));
}

TEST_CASE("internal survey: a row without a service name counts for the only service between the units") {
  // c → a has one service name ("parts"): attributed; a → b has two ("parts", "advice"): supplier only.
  auto r = survey("respondent_unit,supplier_unit,rating\nc,a,5\nb,a,1\n", 1);
  CHECK(r.suppliers[0].n == 2);
  REQUIRE(r.services.size() == 1);
  CHECK((r.services[0].to == "c" && r.services[0].n == 1));
}

TEST_CASE("internal survey: bad input names the file, line and column") {
  const std::string head = "respondent_unit,supplier_unit,service,rating,enps,date\n";
  CHECK_THAT(error_of(head + "b,a,parts,4,,\nzz,a,parts,4,,\n"), Contains("int.csv:3:1") && Contains("unknown unit \"zz\""));
  CHECK_THAT(error_of(head + "b,x,parts,4,,\n"), Contains("int.csv:2:3") && Contains("unknown unit \"x\""));
  CHECK_THAT(error_of(head + "a,b,,4,,\n"), Contains("int.csv:2:3") && Contains("no service from \"b\" to \"a\""));
  CHECK_THAT(error_of(head + "b,a,cleaning,4,,\n"),
             Contains("int.csv:2:5") && Contains("no service \"cleaning\"") && Contains("\"parts\""));
  CHECK_THAT(error_of(head + "b,a,parts,6,,\n"), Contains("int.csv:2:11") && Contains("off the scale 1-5"));
  CHECK_THAT(error_of(head + "b,a,parts,0,,\n"), Contains("int.csv:2:11") && Contains("off the scale"));
  CHECK_THAT(error_of(head + "b,a,parts,,,\n"), Contains("int.csv:2:11") && Contains("missing rating"));
  CHECK_THAT(error_of(head + "b,a,parts,4,11,\n"), Contains("int.csv:2:13") && Contains("0 to 10"));
  CHECK_THAT(error_of(head + "b,a,parts,4,7.5,\n"), Contains("int.csv:2:13"));
  CHECK_THAT(error_of(head + "b,a,parts,4,,2026-02-30\n"), Contains("int.csv:2:14") && Contains("not a date YYYY-MM-DD"));
  CHECK_THAT(error_of(head + "b,a,parts,4,,31/03/2026\n"), Contains("int.csv:2:14"));
  CHECK_THAT(error_of("respondent_unit,supplier_unit\nb,a\n"), Contains("int.csv:1:1") && Contains("missing column \"rating\""));
  CHECK_THAT(error_of(head + "b,a,parts,4,,,extra\n"), Contains("int.csv:2"));
}

TEST_CASE("internal survey: unsuppressed service means go into services[].rating") {
  Model model = small_model();
  auto r = survey(survey_csv, 5, model);
  CHECK(apply_internal_ratings(model, r) == 1);
  CHECK(*model.services[0].rating == Approx(0.8));  // a → b parts
  CHECK_FALSE(model.services[1].rating);              // a → b advice: no rows
  CHECK_FALSE(model.services[2].rating);              // a → c parts: suppressed
  CHECK(*model.services[3].rating == Approx(0.1));    // b → c service: suppressed, kept
}

namespace {
using servicechain::test::run_servicechain;
std::string example(const std::string &name) { return std::string(SERVICECHAIN_SOURCE_DIR) + "/examples/" + name; }
}  // namespace

TEST_CASE("cli: survey internal and import internal-survey on the hotel: the example moves rating_gap in analyze") {
  const std::string survey_file = example("surveys/internal.csv");
  auto json = run_servicechain("survey internal " + survey_file + " --model " + example("hotel.json") + " --json", "2>/dev/null");
  REQUIRE(json.code == 0);
  auto j = nlohmann::json::parse(json.out);
  CHECK(j["n"].get<int>() > 100);

  // An independent mean of one service from the CSV text: maintenance → housekeeping "Room repairs".
  std::ifstream in(survey_file);
  std::string line;
  double sum = 0;
  int count = 0;
  while (std::getline(in, line))
    if (line.find(",housekeeping,maintenance,Room repairs,") != std::string::npos) {
      const auto rating = line.substr(line.find("Room repairs,") + 13, 1);
      sum += (std::stod(rating) - 1) / 4;
      ++count;
    }
  REQUIRE(count >= 5);
  bool found = false;
  for (const auto &s : j["services"])
    if (s["from"] == "maintenance" && s["to"] == "housekeeping") {
      found = true;
      CHECK(s["n"].get<int>() == count);
      CHECK(s["rating"].get<double>() == Approx(sum / count).epsilon(1e-12));
    }
  CHECK(found);

  const auto dir = std::filesystem::temp_directory_path() / "sc_internal_import";
  std::filesystem::create_directories(dir);
  const std::string model = (dir / "hotel.json").string();
  std::filesystem::copy_file(example("hotel.json"), model, std::filesystem::copy_options::overwrite_existing);
  auto before = run_servicechain("analyze " + model + " --json", "2>/dev/null");
  // In place: -o is the --model file (the documented update, atomic).
  auto imported = run_servicechain("import internal-survey " + survey_file + " --model " + model + " -o " + model);
  REQUIRE(imported.code == 0);
  CHECK_THAT(imported.out, Contains("service ratings written"));
  auto after = run_servicechain("analyze " + model + " --json", "2>/dev/null");
  REQUIRE((before.code == 0 && after.code == 0));
  auto units_before = nlohmann::json::parse(before.out)["units"], units_after = nlohmann::json::parse(after.out)["units"];
  bool moved = false;
  for (std::size_t i = 0; i < units_before.size(); ++i)
    if (units_before[i]["id"] == "maintenance") {
      CHECK(units_after[i]["rating_gap"] != units_before[i]["rating_gap"]);
      moved = true;
    }
  CHECK(moved);
  // maintenance supplies housekeeping (0.2, now the survey's mean), front_desk (0.1) and bar (0.1),
  // each rated by the survey with enough rows or not: its internal_rating is the weighted mean of the rated ones.
  auto written = load_model(model);
  double weighted = 0, weights = 0;
  for (const auto &s : written.services)
    if (s.from == "maintenance" && s.rating) {
      weighted += s.weight * *s.rating;
      weights += s.weight;
    }
  for (const auto &u : units_after)
    if (u["id"] == "maintenance") CHECK(u["internal_rating"].get<double>() == Approx(weighted / weights).epsilon(1e-12));

  // The survey file is an input: refused as the output.
  auto refused = run_servicechain("import internal-survey " + survey_file + " --model " + model + " -o " + survey_file);
  CHECK(refused.code == 2);
  auto unknown = run_servicechain("survey internal " + survey_file + " --model " + example("waves/hotel-2026-q2.json") +
                                  " --min-group 0 --lang es");
  CHECK(unknown.code == 0);
  CHECK_THAT(unknown.out, Contains("Encuesta de cliente interno") && Contains("0,"));
}

TEST_CASE("cli: generate --from writes the hotel's internal survey deterministically") {
  const auto dir = std::filesystem::temp_directory_path() / "sc_internal_generate";
  std::filesystem::create_directories(dir);
  const std::string a = (dir / "a.csv").string(), b = (dir / "b.csv").string();
  auto run = [&](const std::string &out) {
    return run_servicechain("-q generate --from " + example("hotel.json") + " --seed 7 --internal-survey " + out +
                            " --internal-date 2026-03-31");
  };
  REQUIRE(run(a).code == 0);
  REQUIRE(run(b).code == 0);
  CHECK(read_file(a) == read_file(b));
  CHECK(read_file(a) == read_file(example("surveys/internal.csv")));  // the bundled example is this output
  CHECK(run_servicechain("generate --seed 1").code == 2);  // neither --units nor --from
  CHECK(run_servicechain("generate --from " + example("hotel.json") + " --seed 1 -o " + a).code == 2);
}
