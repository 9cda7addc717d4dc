// Org chart CSV import, and the people / maturity / import commands of the CLI.
#include <catch2/catch.hpp>

#include "support/command.hpp"
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <sys/wait.h>

#include "servicechain/error.hpp"
#include "servicechain/io/model_json.hpp"
#include "servicechain/io/orgchart.hpp"
#include "servicechain/text/messages.hpp"
#include "servicechain/validate.hpp"

using namespace servicechain;

namespace {

std::string source_path(const std::string &name) { return std::string(SERVICECHAIN_SOURCE_DIR) + "/" + name; }

const Unit *find_unit(const Model &m, std::string_view id) {
  for (const auto &u : m.units)
    if (u.id == id) return &u;
  return nullptr;
}

std::vector<Diagnostic> errors_of(std::string_view csv) {
  try {
    import_orgchart_text(csv, "org.csv");
  } catch (const OrgChartError &e) {
    return e.errors();
  }
  return {};
}

servicechain::test::CommandResult run_cli(const std::string &args) {
  return servicechain::test::run_servicechain(args, "2>/dev/null");
}

}  // namespace

TEST_CASE("orgchart: slugs") {
  CHECK(slug("Front Desk") == "front_desk");
  CHECK(slug("Food & Beverage") == "food_beverage");
  CHECK(slug("  Recepción / Conserjería ") == "recepcion_conserjeria");
  CHECK(slug("Maître d'") == "maitre_d");
  CHECK(slug("Año 2026—Ñu") == "ano_2026_nu");
  CHECK(slug("***").empty());
}

TEST_CASE("orgchart: the hotel sample rebuilds the hotel's unit tree, levels and people") {
  auto imported = import_orgchart(source_path("examples/orgchart.csv"));
  const Model &m = imported.model;
  Model hotel = load_model(source_path("examples/hotel.json"));
  CHECK(imported.warnings.empty());
  REQUIRE(m.units.size() == hotel.units.size());
  REQUIRE(m.people.size() == hotel.people.size());
  CHECK(m.positions.size() == hotel.positions.size());
  // Same tree and levels, matched by name.
  auto by_name = [](const Model &model, const std::string &name) -> const Unit * {
    for (const auto &u : model.units)
      if (u.name == name) return &u;
    return nullptr;
  };
  for (const auto &hu : hotel.units) {
    const Unit *u = by_name(m, hu.name);
    REQUIRE(u);
    CHECK(u->level == hu.level);
    if (!hu.parent) {
      CHECK_FALSE(u->parent);
    } else {
      REQUIRE(u->parent);
      CHECK(find_unit(m, *u->parent)->name == find_unit(hotel, *hu.parent)->name);
    }
  }
  CHECK(find_unit(m, "front_desk"));
  CHECK(find_unit(m, "food_beverage"));
  for (std::size_t i = 0; i < m.people.size(); ++i) {
    CHECK(m.people[i].id == hotel.people[i].id);
    CHECK(m.people[i].manager == hotel.people[i].manager);
  }
  CHECK(validate(m).ok());
}

TEST_CASE("orgchart: units, positions and levels are derived") {
  const char *csv =
      "id;name;manager_id;unit;position;level\n"
      "ceo;Ana;;Dirección;Director;directivo\n"
      "s1;Bea;ceo;Sales;Manager;managerial\n"
      "s2;Carl;s1;Sales;Agent;operative\n"
      "s3;Dana;s1;Sales;Agent;OPERATIVE\n"
      "w1;Eve;s1;Warehouse;Manager;managerial\n"
      "w2;Fred;w1;Warehouse;Picker;\n";
  OrgChartOptions o;
  o.csv.delimiter = ';';
  auto m = import_orgchart_text(csv, "org.csv", o).model;
  REQUIRE(m.units.size() == 3);
  CHECK(m.units[0].id == "direccion");
  CHECK(m.units[0].name == "Dirección");
  CHECK(m.units[0].level == Level::directive);
  CHECK(m.units[1].id == "sales");
  CHECK(m.units[1].parent == std::optional<std::string>("direccion"));
  CHECK(m.units[1].level == Level::operative);   // two operative, one managerial
  CHECK(m.units[2].parent == std::optional<std::string>("sales"));  // its top person reports to Sales
  CHECK(m.units[2].level == Level::managerial);  // one managerial, one unknown
  // "Manager" is used in two units: one position per unit, prefixed ids.
  std::vector<std::string> ids;
  for (const auto &p : m.positions) ids.push_back(p.id);
  CHECK(ids == std::vector<std::string>{"director", "sales_manager", "agent", "warehouse_manager", "picker"});
  CHECK(m.positions[1].unit == "sales");
  CHECK(m.positions[1].level == Level::managerial);
  CHECK_FALSE(m.positions[4].level);  // no holder has a level: the unit's
  CHECK(m.people[5].position == std::optional<std::string>("picker"));
  CHECK(m.people[5].manager == std::optional<std::string>("w1"));
  CHECK(m.people[0].name == "Ana");
  CHECK(validate(m).ok());

  OrgChartOptions keep = o;
  keep.slug_ids = false;
  auto k = import_orgchart_text(csv, "org.csv", keep).model;
  CHECK(k.units[0].id == "Dirección");
  CHECK(k.positions[1].id == "Sales/Manager");
}

TEST_CASE("orgchart: a unit whose top people report to several units gets the most common, with a warning") {
  const char *csv =
      "id,name,manager_id,unit,position,level\n"
      "a,,,Top,,directive\n"
      "b,,a,Left,,managerial\n"
      "c,,a,Right,,managerial\n"
      "d,,b,Shared,,operative\n"
      "e,,c,Shared,,operative\n"
      "f,,c,Shared,,operative\n";
  auto imported = import_orgchart_text(csv, "org.csv");
  const Unit *shared = find_unit(imported.model, "shared");
  REQUIRE(shared);
  CHECK(shared->parent == std::optional<std::string>("right"));
  REQUIRE(imported.warnings.size() == 1);
  CHECK(imported.warnings[0].code == "unit_parent_ambiguous");
  CHECK(imported.warnings[0].path == "org.csv:5");
  CHECK_THAT(imported.warnings[0].message, Catch::Contains("right ×2") && Catch::Contains("left ×1"));
}

TEST_CASE("orgchart: the ambiguous-parent warning names a top person without a manager in both languages") {
  const char *csv =
      "id,name,manager_id,unit,position,level\n"
      "a,,,Top,,directive\n"
      "b,,a,Shared,,operative\n"
      "c,,,Shared,,operative\n";
  auto imported = import_orgchart_text(csv, "org.csv");
  REQUIRE(imported.warnings.size() == 1);
  const Diagnostic &w = imported.warnings[0];
  CHECK(w.code == "unit_parent_ambiguous");
  CHECK_THAT(w.message, Catch::Contains("(no manager) ×1") && Catch::Contains("top ×1"));
  const std::string es = text::diagnostic_message(w, Language::es);
  CHECK_THAT(es, Catch::Contains("(sin jefe) ×1") && Catch::Contains("top ×1") && Catch::StartsWith("las personas"));
  CHECK(es.find('\x1F') == std::string::npos);
}

TEST_CASE("orgchart: rows are bounded") {
  CHECK(OrgChartOptions{}.csv.max_records == 50'000'000);
  OrgChartOptions one;
  one.csv.max_records = 1;
  CHECK_THROWS_AS(import_orgchart_text("id,name,manager_id,unit\np1,A,,X\np2,B,p1,X\n", "o.csv", one), LimitError);
}

TEST_CASE("orgchart: manager cycles and dangling managers name their rows") {
  auto errors = errors_of(
      "id,name,manager_id,unit\n"
      "a,A,,U\n"       // line 2
      "b,B,c,U\n"      // line 3
      "c,C,d,U\n"      // line 4
      "d,D,b,V\n"      // line 5
      "e,E,ghost,V\n"  // line 6
      "f,F,f,V\n");    // line 7: manages themself
  REQUIRE(errors.size() == 3);
  CHECK(errors[0].code == "dangling_manager");
  CHECK(errors[0].path == "org.csv:6");
  CHECK_THAT(errors[0].message, Catch::Contains("\"ghost\""));
  CHECK(errors[1].code == "manager_cycle");
  CHECK(errors[1].path == "org.csv:3");
  CHECK_THAT(errors[1].message, Catch::Contains("lines 3, 4, 5"));
  CHECK(errors[2].code == "manager_cycle");
  CHECK_THAT(errors[2].message, Catch::Contains("lines 7"));

  try {
    import_orgchart_text("id,manager_id,unit\na,,U\n", "org.csv");
  } catch (...) {
    FAIL("a minimal org chart must import");
  }
  auto dup = errors_of("id,manager_id,unit,level\na,,U,boss\na,,U,\n,,U,\nb,,,\n");
  REQUIRE(dup.size() == 4);
  CHECK(dup[0].code == "bad_level");
  CHECK(dup[0].path == "org.csv:2:6");
  CHECK(dup[1].code == "duplicate_id");
  CHECK(dup[1].path == "org.csv:3");
  CHECK_THAT(dup[1].message, Catch::Contains("line 2"));
  CHECK(dup[2].code == "missing_id");
  CHECK(dup[3].code == "missing_unit");
  CHECK_THROWS_WITH(import_orgchart_text("id,unit\na,U\n", "org.csv"), Catch::Contains("manager_id"));
  OrgChartOptions mapped;
  mapped.columns.name = "full_name";
  CHECK_THROWS_WITH(import_orgchart_text("id,manager_id,unit\na,,U\n", "org.csv", mapped), Catch::Contains("full_name"));
}

TEST_CASE("cli: people --json on the hotel") {
  auto r = run_cli("people --json " + source_path("examples/hotel.json"));
  REQUIRE(r.code == 0);
  auto j = nlohmann::json::parse(r.out);
  CHECK(j["people"].size() == 59);
  CHECK(j["people"][0]["id"] == "elena_vargas");
  CHECK(j["alignment"].size() == 18);
  CHECK(j["alignment"][4]["unit"] == "hr");
  CHECK(j["alignment"][4]["moves"].size() == 2);
  CHECK(j["alignment"][4]["optimal"].get<double>() == Approx(2.0));
  CHECK(j["below_threshold"].size() == 2);
  CHECK(j["alignment_total"]["moves"] == 6);
  const auto &t = j["training"];
  CHECK(t["budget"].is_null());
  CHECK(t["by_level"].size() == 3);
  CHECK(t["needs"].size() > 0);
  CHECK(t["cost"].get<double>() == Approx(t["full"]["cost"].get<double>()));

  auto b = run_cli("people --json --budget 1000 --threshold 0.8 " + source_path("examples/hotel.json"));
  REQUIRE(b.code == 0);
  auto jb = nlohmann::json::parse(b.out);
  CHECK(jb["training"]["cost"].get<double>() <= 1000);
  CHECK(jb["training"]["budget"] == 1000);
  CHECK(jb["below_threshold"].size() > 2);

  CHECK(t["impact"] == "adjoint");
  // priority = need × impact_per_person of the unit, as `analyze` reports it
  auto a = nlohmann::json::parse(run_cli("analyze --json " + source_path("examples/hotel.json")).out);
  std::map<std::string, double> per_person;
  for (const auto &u : a["units"])
    if (!u["impact_per_person"].is_null()) per_person[u["id"].get<std::string>()] = u["impact_per_person"].get<double>();
  for (const auto &n : t["needs"])
    CHECK(n["priority"].get<double>() ==
          Approx(n["need"].get<double>() * per_person.at(n["unit"].get<std::string>())).epsilon(1e-12));

  CHECK(run_cli("people --budget -5 " + source_path("examples/hotel.json")).code == 2);
  CHECK(run_cli("people /nonexistent/model.json").code == 1);
  auto es = run_cli("--lang es people " + source_path("examples/hotel-es.json"));
  CHECK(es.code == 0);
  CHECK_THAT(es.out, Catch::Contains("Plan de capacitación por nivel"));
}

TEST_CASE("cli: maturity --json and import orgchart") {
  auto r = run_cli("maturity --json " + source_path("examples/hotel.json"));
  REQUIRE(r.code == 0);
  auto j = nlohmann::json::parse(r.out);
  CHECK(j["respondents"] == 20);
  CHECK(j["processes"].size() == 13);
  CHECK(j["weakest"].size() == 3);
  CHECK(j["index"].get<double>() == Approx(100 * (j["score"].get<double>() - 1) / 4));

  auto out = std::filesystem::temp_directory_path() / "sc_orgchart_model.json";
  std::filesystem::remove(out);
  auto imp = run_cli("import orgchart " + source_path("examples/orgchart.csv") + " -o " + out.string());
  CHECK(imp.code == 0);
  Model m = load_model(out);
  CHECK(m.people.size() == 59);
  CHECK(m.units.size() == 18);

  auto bad = std::filesystem::temp_directory_path() / "sc_orgchart_bad.csv";
  std::ofstream(bad) << "id;manager_id;unit\na;b;U\nb;a;U\n";
  CHECK(run_cli("import orgchart " + bad.string() + " -o " + out.string() + " --delimiter ';'").code == 1);
  CHECK(run_cli("import orgchart " + bad.string() + " -o " + out.string() + " --delimiter x").code == 2);
  CHECK(run_cli("import orgchart " + bad.string() + " -o " + out.string() + " --column boss=x").code == 2);
  auto demo = run_cli("demo");
  CHECK_THAT(demo.out, Catch::Contains("Training plan per level") && Catch::Contains("Alignment") &&
                           Catch::Contains("Culture maturity index"));
}

TEST_CASE("orgchart: a column name the header repeats is an error at the repeat, naming it") {
  CHECK_THROWS_AS(import_orgchart_text("id,name,manager_id,unit,manager_id\n1,a,,u,2\n", "org.csv"), ParseError);
  CHECK_THROWS_WITH(import_orgchart_text("id,name,manager_id,unit,manager_id\n1,a,,u,2\n", "org.csv"),
                    Catch::StartsWith("org.csv:1:25: repeated column \"manager_id\" in the header (first at line 1, column 9)"));
  // An optional column too.
  CHECK_THROWS_WITH(import_orgchart_text("id,unit,manager_id,level,level\n1,u,,operative,x\n", "org.csv"),
                    Catch::StartsWith("org.csv:1:26: repeated column \"level\""));
}

TEST_CASE("orgchart: a row with more fields than the header is an error at the extra field") {
  CHECK_THROWS_AS(import_orgchart_text("id,name,manager_id,unit\na,A,,U,extra\n", "org.csv"), ParseError);
  CHECK_THROWS_WITH(import_orgchart_text("id,name,manager_id,unit\na,A,,U\nb,B,a,U,extra\n", "org.csv"),
                    Catch::StartsWith("org.csv:3:9: this row has 5 fields, the header has 4"));
  auto bad = std::filesystem::temp_directory_path() / "sc_orgchart_extra_field.csv";
  std::ofstream(bad) << "id,name,manager_id,unit\na,A,,U,extra\n";
  auto r = servicechain::test::run_servicechain("import orgchart " + bad.string() + " --json");
  CHECK(r.code == 1);
  CHECK_THAT(r.out, Catch::Contains(bad.string() + ":2:8: this row has 5 fields"));
}
