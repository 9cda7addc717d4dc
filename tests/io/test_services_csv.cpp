// Services CSV import (import_services) and `servicechain import services`.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "support/command.hpp"
#include "servicechain/io/model_json.hpp"
#include "servicechain/io/services_csv.hpp"
#include "servicechain/validate.hpp"

using namespace servicechain;

namespace {

std::string source_path(const std::string &name) { return std::string(SERVICECHAIN_SOURCE_DIR) + "/" + name; }

const Model &hotel() {
  static const Model model = load_model(source_path("examples/hotel.json"));
  return model;
}

std::vector<Diagnostic> errors_of(std::string_view csv, const ServicesCsvOptions &options = {}) {
  try {
    import_services_text(csv, "services.csv", hotel(), options);
  } catch (const ServicesCsvError &e) {
    return e.errors();
  }
  return {};
}

std::string file_text(const std::filesystem::path &path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

}  // namespace

TEST_CASE("services CSV: the bundled file, which names units by name, gives the hotel's services") {
  auto imported = import_services(source_path("examples/services.csv"), hotel());
  CHECK(imported.services == hotel().services);
  // One warning for all the names, not one per row; it counts them and shows a few.
  REQUIRE(imported.warnings.size() == 1);
  CHECK(imported.warnings[0].code == "unit_by_name");
  CHECK(imported.warnings[0].path == source_path("examples/services.csv") + ":2:1");
  CHECK_THAT(imported.warnings[0].message, Catch::Contains("18 unit(s)") && Catch::Contains("\"General Management\" → gm"));
}

TEST_CASE("services CSV: ids, names and slugs; optional columns; dialect") {
  auto a = import_services_text("from,to,weight\ngm,rooms,0.25\nFRONT DESK,Kitchen,1\n", "a.csv", hotel());
  REQUIRE(a.services.size() == 2);
  CHECK(a.services[0].from == "gm");
  CHECK(a.services[0].to == "rooms");
  CHECK(a.services[0].weight == 0.25);
  CHECK(a.services[0].name.empty());
  CHECK_FALSE(a.services[0].rating);
  CHECK(a.services[1].from == "front_desk");  // slug of the text
  CHECK(a.services[1].to == "kitchen");       // by name
  REQUIRE(a.warnings.size() == 2);
  CHECK(a.warnings[0].code == "unit_by_name");
  CHECK(a.warnings[1].code == "unit_by_slug");
  CHECK(a.warnings[1].path == "a.csv:3:1");

  ServicesCsvOptions semicolons;
  semicolons.csv.delimiter = ';';
  semicolons.csv.decimal_comma = true;
  semicolons.columns.from = "de";
  semicolons.columns.to = "para";
  semicolons.columns.weight = "peso";
  semicolons.columns.rating = "nota";
  auto b = import_services_text("de;para;peso;nota;name\n gm ; hr ;0,3; 0,65 ;Plantilla\n", "b.csv", hotel(), semicolons);
  REQUIRE(b.services.size() == 1);
  CHECK(b.services[0].from == "gm");
  CHECK(b.services[0].to == "hr");
  CHECK(b.services[0].weight == 0.3);
  CHECK(b.services[0].rating == 0.65);
  CHECK(b.services[0].name == "Plantilla");
  CHECK(b.warnings.empty());

  // A required column, or an optional one the caller named, must exist: ParseError at line 1.
  CHECK_THROWS_AS(import_services_text("from,to\ngm,hr\n", "c.csv", hotel()), ParseError);
  ServicesCsvOptions named;
  named.columns.rating = "score";
  CHECK_THROWS_WITH(import_services_text("from,to,weight\ngm,hr,0.1\n", "d.csv", hotel(), named),
                    Catch::Contains("d.csv:1") && Catch::Contains("score"));
  // Every row becomes part of the model: the rows are bounded (50 million by default).
  CHECK(ServicesCsvOptions{}.csv.max_records == 50'000'000);
  ServicesCsvOptions two_rows;
  two_rows.csv.max_records = 2;
  CHECK(import_services_text("from,to,weight\ngm,hr,0.1\ngm,rooms,0.1\n", "f.csv", hotel(), two_rows).services.size() == 2);
  CHECK_THROWS_AS(import_services_text("from,to,weight\ngm,hr,0.1\ngm,rooms,0.1\n\ngm,fnb,0.1\n", "f.csv", hotel(), two_rows),
                  LimitError);
  CHECK_THROWS_WITH(import_services_text("from,to,weight\ngm,hr,0.1\ngm,rooms,0.1\n\ngm,fnb,0.1\n", "f.csv", hotel(), two_rows),
                    Catch::StartsWith("f.csv:5: more than 2 records"));
  // Malformed CSV is a ParseError with its position.
  CHECK_THROWS_AS(import_services_text("from,to,weight\n\"gm,hr,0.1\n", "e.csv", hotel()), ParseError);
}

TEST_CASE("services CSV: every content problem at once, each at its row and column") {
  const auto errors = errors_of(
      "from,to,weight,rating\n"
      "nowhere,gm,2,x\n"
      "gm,gm,0.1,0.5\n"
      ",rooms,,\n"
      "front_desk,kitchen,abc,1.5\n"
      "gm,hr,0,\n");
  std::vector<std::pair<std::string, std::string>> got;
  for (const auto &e : errors) got.emplace_back(e.path, e.code);
  const std::vector<std::pair<std::string, std::string>> expected{
      {"services.csv:2:1", "unknown_unit"}, {"services.csv:2:12", "out_of_range"}, {"services.csv:2:14", "not_a_number"},
      {"services.csv:3:4", "self_loop"},    {"services.csv:4:1", "missing_unit"},  {"services.csv:4:8", "missing_value"},
      {"services.csv:5:20", "not_a_number"}, {"services.csv:5:24", "out_of_range"}, {"services.csv:6:7", "out_of_range"}};
  CHECK(got == expected);
  // A name two units share is ambiguous, not a guess.
  Model twins = hotel();
  twins.units[1].name = twins.units[2].name;
  try {
    import_services_text("from,to,weight\n" + twins.units[1].name + ",gm,0.1\n", "t.csv", twins);
    FAIL("no error");
  } catch (const ServicesCsvError &e) {
    REQUIRE(e.errors().size() == 1);
    CHECK(e.errors()[0].code == "ambiguous_unit");
    CHECK(std::string(e.what()).find("services CSV: 1 error(s)") == 0);
  }
}

TEST_CASE("import services CLI: adds or replaces, validates the whole, writes atomically") {
  namespace fs = std::filesystem;
  const fs::path dir = fs::temp_directory_path() / "servicechain_test_import_services";
  fs::remove_all(dir);
  fs::create_directories(dir);
  const fs::path model = dir / "hotel.json";
  fs::copy_file(source_path("examples/hotel.json"), model);
  const std::string cli = "-q import services ";

  // Replace: the bundled CSV gives back the same services.
  auto replaced = test::run_servicechain(cli + source_path("examples/services.csv") + " --model " + model.string() +
                                         " -o " + (dir / "replaced.json").string() + " --replace");
  CHECK(replaced.code == 0);
  CHECK(load_model(dir / "replaced.json").services == hotel().services);

  // Add, in place: one more service, the rest unchanged.
  {
    std::ofstream(dir / "more.csv") << "from,to,name,weight,rating\nrecords,accounting,Archived invoices,0.05,0.8\n";
  }
  auto added = test::run_servicechain(cli + (dir / "more.csv").string() + " --model " + model.string() + " -o " +
                                      model.string());
  CHECK(added.code == 0);
  Model extended = load_model(model);
  REQUIRE(extended.services.size() == hotel().services.size() + 1);
  CHECK(extended.services.back().from == "records");
  CHECK(extended.services.back().rating == 0.8);

  // --json prints the resulting model; without -o nothing is written.
  auto printed = test::run_servicechain(cli + (dir / "more.csv").string() + " --model " + source_path("examples/hotel.json") +
                                        " --json");
  CHECK(printed.code == 0);
  Diagnostics read_back;
  CHECK(parse_model_json(printed.out, read_back, "stdout").services.size() == hotel().services.size() + 1);
  CHECK(read_back.ok());
  CHECK(test::run_servicechain(cli + (dir / "more.csv").string() + " --model " + model.string()).code == 2);  // no -o, no --json

  // Rows fine one by one but too much weight into one unit together: exit 1, nothing written.
  {
    std::ofstream(dir / "heavy.csv") << "from,to,weight\ngm,rooms,0.9\n";
  }
  const std::string before = file_text(model);
  auto heavy = test::run_servicechain(cli + (dir / "heavy.csv").string() + " --model " + model.string() + " -o " +
                                      model.string(), "2>&1");
  CHECK(heavy.code == 1);
  CHECK_THAT(heavy.out, Catch::Contains("/units/") || Catch::Contains("weight"));
  CHECK(file_text(model) == before);

  // Bad rows: exit 1 with every position; usage errors: exit 2.
  {
    std::ofstream(dir / "bad.csv") << "from,to,weight\nnowhere,gm,0.1\n";
  }
  auto bad = test::run_servicechain(cli + (dir / "bad.csv").string() + " --model " + model.string() + " -o " +
                                    (dir / "out.json").string(), "2>&1");
  CHECK(bad.code == 1);
  CHECK_THAT(bad.out, Catch::Contains("bad.csv:2:1") && Catch::Contains("unknown_unit"));
  CHECK_FALSE(fs::exists(dir / "out.json"));
  CHECK(test::run_servicechain(cli + (dir / "bad.csv").string() + " --model " + model.string() + " -o x.json --column size=w")
            .code == 2);
  CHECK(test::run_servicechain(cli + (dir / "bad.csv").string() + " --model " + model.string() +
                               " -o x.json --decimal-comma")
            .code == 2);
  fs::remove_all(dir);
}

TEST_CASE("services CSV: a column name the header repeats is an error at the repeat, naming it") {
  CHECK_THROWS_WITH(import_services_text("from,to,weight,to\ngm,rooms,0.5,kitchen\n", "services.csv", hotel()),
                    Catch::StartsWith("services.csv:1:16: repeated column \"to\" in the header (first at line 1, column 6)"));
  CHECK_THROWS_WITH(import_services_text("from,to,weight,rating,rating\ngm,rooms,0.5,0.9,0.1\n", "services.csv", hotel()),
                    Catch::StartsWith("services.csv:1:23: repeated column \"rating\""));
}

TEST_CASE("services CSV: a row with more fields than the header is an error at the extra field") {
  CHECK_THROWS_WITH(import_services_text("from,to,name,weight,rating\ngm,hr,x,0.5,,extra\n", "s.csv", hotel()),
                    Catch::StartsWith("s.csv:2:14: this row has 6 fields, the header has 5"));
  const auto bad = std::filesystem::temp_directory_path() / "sc_services_extra_field.csv";
  std::ofstream(bad) << "from,to,weight\ngm,hr,0.5,extra\n";
  auto r = servicechain::test::run_servicechain("import services " + bad.string() + " --model " +
                                                source_path("examples/hotel.json") + " --json");
  CHECK(r.code == 1);
  CHECK_THAT(r.out, Catch::Contains(bad.string() + ":2:11: this row has 4 fields"));
}
