// The CLI in both languages (docs/language.md): help, CLI11's usage errors and
// the diagnostics of the library, all from the message catalogue.
#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <regex>
#include <set>
#include <sstream>

#include "cli.hpp"
#include "help_text.hpp"
#include "servicechain/io/orgchart.hpp"
#include "servicechain/io/services_csv.hpp"
#include "servicechain/report/validation.hpp"
#include "servicechain/text/messages.hpp"

using namespace servicechain;
using namespace servicechain::cli;

namespace {

std::string source_file(const std::string &relative) { return std::string(SERVICECHAIN_SOURCE_DIR) + "/" + relative; }

std::string read_text(const std::string &path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

/// The whole CLI (every command but `serve`, which lives in main's executable) in `language`.
std::unique_ptr<CLI::App> localized_app(Language language) {
  auto app = std::make_unique<CLI::App>("", "servicechain");
  app->set_version_flag("--version", "0");
  configure_app(*app);
  localize_help(*app, language);
  return app;
}

void for_each_command(CLI::App &app, const std::function<void(CLI::App &)> &visit) {
  visit(app);
  for (CLI::App *sub : app.get_subcommands({})) for_each_command(*sub, visit);
}

std::vector<std::string> descriptions(CLI::App &app) {
  std::vector<std::string> out;
  for_each_command(app, [&](CLI::App &command) {
    out.push_back(help_id(command) + " = " + command.get_description());
    for (const CLI::Option *option : command.get_options())
      out.push_back(help_ids(command, *option).first + " = " + option->get_description());
  });
  return out;
}

/// `text` after " = " (a descriptions() entry's description).
std::string description_of(const std::string &entry) { return entry.substr(entry.find(" = ") + 3); }

/// The usage error `servicechain --lang LANG ARGS` stops at, parsed in process as main does ("" if none).
std::string usage_error_of(const std::string &args, Language language) {
  const std::string saved = global().lang;
  global().lang = language == Language::es ? "es" : "en";
  auto app = localized_app(language);
  std::string message;
  try {
    app->parse(args, false);
  } catch (const UsageError &e) {
    message = e.what();
  }
  global().lang = saved;
  return message;
}

}  // namespace

TEST_CASE("every help text has a Spanish translation that differs from the English", "[language]") {
  const auto en_app = localized_app(Language::en), es_app = localized_app(Language::es);
  const auto en = descriptions(*en_app), es = descriptions(*es_app);
  REQUIRE(en.size() == es.size());
  REQUIRE(en.size() > 200);
  for (std::size_t i = 0; i < en.size(); ++i) {
    INFO(en[i] << "\n" << es[i]);
    CHECK(!description_of(en[i]).empty());
    CHECK(description_of(en[i]) != description_of(es[i]));  // no English left in the Spanish help
  }
}

TEST_CASE("the English help keeps its texts and the Spanish help is Spanish throughout", "[language]") {
  const auto en_app = localized_app(Language::en), es_app = localized_app(Language::es);
  CHECK(en_app->get_description() == "servicechain: service quality along the internal customer chain");
  CLI::App *analyze_en = en_app->get_subcommand("analyze");
  CHECK(analyze_en->get_option("--far")->get_description() ==
        "Readable output: list units at least this many services from a customer (default 3)");
  CHECK_THAT(analyze_en->help(), Catch::Contains("Usage:") && Catch::Contains("Options:") && Catch::Contains("Positionals:"));
  for_each_command(*es_app, [](CLI::App &command) {
    const std::string help = command.help();
    INFO(help);
    for (const char *english : {"Usage:", "Options:", "Positionals:", "Subcommands:", "REQUIRED", "Print this help", "Machine output",
                                "Model file", "default:", "(default", ":FILE", " UINT", " FLOAT"})
      CHECK_THAT(help, !Catch::Contains(english));
  });
  const std::string people = es_app->get_subcommand("people")->help();
  CHECK_THAT(people, Catch::Contains("Uso:") && Catch::Contains("Opciones:") && Catch::Contains("capacitación") &&
                         Catch::Contains("costo"));
  CHECK_THAT(es_app->help(), Catch::Contains("Comandos:") && Catch::Contains("cadena de clientes internos"));
}

TEST_CASE("the language is known before parsing: --lang, --lang=, then SERVICECHAIN_LANG", "[language]") {
  REQUIRE(unsetenv("SERVICECHAIN_LANG") == 0);
  const auto language = [](std::vector<const char *> argv) {
    argv.insert(argv.begin(), "servicechain");
    return command_line_language(static_cast<int>(argv.size()), argv.data());
  };
  CHECK(language({"analyze", "m.json"}) == Language::en);
  CHECK(language({"--lang", "es", "analyze", "--help"}) == Language::es);
  CHECK(language({"analyze", "--lang=es"}) == Language::es);
  CHECK(language({"analyze", "--", "--lang", "es"}) == Language::en);  // after "--": a file name
  CHECK(language({"--lang", "fr"}) == Language::en);  // --lang's own check refuses it when parsed
  REQUIRE(setenv("SERVICECHAIN_LANG", "es", 1) == 0);
  CHECK(language({"analyze"}) == Language::es);
  CHECK(language({"--lang", "en", "analyze"}) == Language::en);  // the command line wins
  REQUIRE(setenv("SERVICECHAIN_LANG", "klingon", 1) == 0);
  CHECK(language({"analyze"}) == Language::en);
  REQUIRE(unsetenv("SERVICECHAIN_LANG") == 0);
}

TEST_CASE("CLI11's usage errors read in Spanish and keep their English", "[language]") {
  const auto app = localized_app(Language::es);
  const CLI::ExtrasError extras(std::vector<std::string>{"--colour"});
  CHECK(usage_error_message(*app, extras, Language::en) ==
        "The following argument was not expected: --colour\nRun with --help for more information.\n");
  CHECK(usage_error_message(*app, extras, Language::es) ==
        "No se esperaba este argumento: --colour\nEjecute con --help para más información.\n");
  CHECK_THAT(usage_error_message(*app, CLI::RequiredError("--plan"), Language::es), Catch::StartsWith("--plan es obligatorio\n"));
  CHECK_THAT(usage_error_message(*app, CLI::ValidationError("--lang", "fr not in {en,es}"), Language::es),
             Catch::StartsWith("--lang: valor no válido: \"fr\" no es uno de {en,es}\n"));
  CHECK_THAT(usage_error_message(*app, CLI::ConversionError("--far", std::vector<std::string>{"x"}), Language::es),
             Catch::StartsWith("--far: no se puede leer el valor \"x\"\n"));
  CHECK_THAT(usage_error_message(*app, CLI::HorribleError("odd"), Language::es),
             Catch::StartsWith("error en la línea de comandos: odd\n"));
}

// tests/data/invalid_*.validate.txt are `servicechain validate` of the two
// fixtures before the messages moved to the catalogue: the English must not change.
TEST_CASE("validate: every diagnostic reads as before in English and in Spanish from the catalogue", "[language]") {
  for (const char *name : {"invalid_hotel", "invalid_reader"}) {
    const std::string file = std::string("tests/data/") + name + ".json";
    Diagnostics diagnostics;
    CHECK_FALSE(check_model_file(source_file(file), diagnostics).has_value());
    std::string english = validation_text(file, diagnostics, Language::en);
    CHECK(english == read_text(source_file(std::string("tests/data/") + name + ".validate.txt")));
    const std::string spanish = validation_text(file, diagnostics, Language::es);
    INFO(spanish);
    CHECK_THAT(spanish, Catch::Contains("error: ") && Catch::Contains("advertencia: ") && Catch::Contains("no válido"));
    for (const auto *list : {&diagnostics.errors, &diagnostics.warnings})
      for (const Diagnostic &d : *list) {
        INFO(d.code << ": " << d.message);
        CHECK(!d.message_id.empty());
        CHECK(text::diagnostic_message(d, Language::en) == d.message);
        const std::string es = text::diagnostic_message(d, Language::es);
        CHECK(es != d.message);
        CHECK(es.find('\x1F') == std::string::npos);  // every word argument found its text
      }
  }
  Diagnostics diagnostics;
  check_model_file(source_file("tests/data/invalid_hotel.json"), diagnostics);
  CHECK_THAT(validation_text("m.json", diagnostics, Language::es),
             Catch::Contains("no existe la unidad superior \"nowhere\" [dangling_reference]") &&
                 Catch::Contains("el segmento \"walk_in\" no tiene momentos de la verdad; queda fuera del ICS") &&
                 Catch::Contains("el id \"rooms\" de la unidad se usa más de una vez"));
}

TEST_CASE("every diagnostic message and word has both languages, and Spanish words carry no English", "[language]") {
  std::size_t messages = 0;
  for (const text::Message &m : text::message_catalogue()) {
    if (!m.id.starts_with("diag.")) continue;
    INFO(m.id);
    ++messages;
    CHECK(!m.en.empty());
    CHECK(!m.es.empty());
    if (m.en != "{0}" && m.id != "diag.word.id") CHECK(m.en != m.es);
  }
  CHECK(messages > 80);
  // A word is looked up by its English; a word the catalogue lacks stays as it is.
  CHECK(text::word("moment of truth") == text::term("diag.word.moment_of_truth"));
  CHECK(text::word("no such word") == "no such word");
  const Diagnostic d = text::diagnostic("/units/0/parent", "dangling_reference", "diag.dangling_reference",
                                        {text::word("parent unit"), "\"x\""});
  CHECK(d.message == "parent unit \"x\" does not exist");
  CHECK(text::diagnostic_message(d, Language::es) == "no existe la unidad superior \"x\"");
  // A diagnostic made without the catalogue keeps its message in every language.
  const Diagnostic plain{"/x", "custom", "as given"};
  CHECK(text::diagnostic_message(plain, Language::es) == "as given");
}

TEST_CASE("an invalid model named in an error lists its problems in Spanish", "[language]") {
  Diagnostics diagnostics;
  check_model_file(source_file("tests/data/invalid_hotel.json"), diagnostics);
  const ValidationError invalid(diagnostics, "m.json");
  CHECK(error_message(invalid, Language::en) == invalid.what());
  const std::string es = error_message(invalid, Language::es);
  CHECK_THAT(es, Catch::StartsWith("m.json: modelo no válido: 14 error(es)\n  m.json: ") &&
                     Catch::Contains("la persona \"ricardo_soler\" figura como su propio jefe [manager_cycle]"));
}

TEST_CASE("the CLI's own usage errors follow --lang and keep their English", "[language]") {
  const std::string saved = global().lang;
  global().lang = "en";
  CHECK(std::string(usage_error("cli.usage.nonnegative", {"--budget"}).what()) == "--budget must be a number >= 0");
  CHECK(std::string(usage_error("cli.usage.scale", {"7-1"}).what()) == "--scale must be MIN-MAX with MIN < MAX (e.g. 1-7), not \"7-1\"");
  global().lang = "es";
  CHECK(std::string(usage_error("cli.usage.nonnegative", {"--budget"}).what()) == "--budget debe ser un número >= 0");
  CHECK(std::string(usage_error("cli.usage.date", {"--as-of"}).what()) == "--as-of debe ser una fecha AAAA-MM-DD");
  global().lang = saved;
}

TEST_CASE("the commands' one-off usage errors read in Spanish and keep their English", "[language]") {
  const std::string model = source_file("examples/hotel.json"), orgchart = source_file("examples/orgchart.csv");
  struct Case {
    std::string args, en, es;
  };
  const std::vector<Case> cases = {
      {"convert " + model + " out.xyz", "cannot tell the output format from \"out.xyz\" (use .json, .xml, .txt, .bin or .dot)",
       "no se puede deducir el formato de salida de \"out.xyz\" (use .json, .xml, .txt, .bin o .dot)"},
      {"generate --seed 1", "generate needs --units N (or --from MODEL)", "generate requiere --units N (o --from MODELO)"},
      {"generate --seed 1 --from " + model + " -o never.json", "generate --from writes survey files only, not -o",
       "generate --from solo escribe archivos de encuesta, no -o"},
      {"import orgchart " + orgchart + " --delimiter x -o never.json", "--delimiter must be \",\", \";\" or \"tab\", not \"x\"",
       "--delimiter debe ser \",\", \";\" o \"tab\", no \"x\""},
      {"import orgchart " + orgchart + " --column boss -o never.json", "--column expects KEY=HEADER, got \"boss\"",
       "--column espera CLAVE=ENCABEZADO, no \"boss\""},
      {"import orgchart " + orgchart + " --column boss=Jefe -o never.json",
       "--column: unknown key \"boss\" (id, name, manager_id, unit, position, level)",
       "--column: clave desconocida \"boss\" (id, name, manager_id, unit, position, level)"},
      {"trend nps --wave w.csv", "trend nps needs --column NAME (the column holding the answers)",
       "trend nps requiere --column NOMBRE (la columna con las respuestas)"},
      {"trend internal --wave w.csv", "trend internal needs --model MODEL (the services the rows rate)",
       "trend internal requiere --model MODELO (los servicios que califican las filas)"},
      {"trend maturity --wave " + model, "--wave " + model + ": a maturity wave is DATE=MODEL (a model has no date column)",
       "--wave " + model + ": una medición de madurez es FECHA=MODELO (un modelo no tiene columna de fecha)"},
      {"trend maturity --wave 2026-01-31=", "--wave 2026-01-31=: no file after the date (DATE=FILE)",
       "--wave 2026-01-31=: falta el archivo después de la fecha (FECHA=ARCHIVO)"},
  };
  for (const Case &c : cases) {
    INFO(c.args);
    CHECK(usage_error_of(c.args, Language::en) == c.en);
    CHECK(usage_error_of(c.args, Language::es) == c.es);
  }
}

TEST_CASE("every usage error the commands throw comes from the catalogue", "[language]") {
  // `throw UsageError(e.what())` passes a library message on; a literal is English only: use usage_error(id).
  const std::regex literal(R"(throw\s+UsageError\s*\(\s*(std::string\s*\()?\s*")");
  std::string offenders;
  std::size_t files = 0;
  for (const auto &entry : std::filesystem::directory_iterator(source_file("tools/servicechain"))) {
    if (entry.path().extension() != ".cpp" && entry.path().extension() != ".hpp") continue;
    ++files;
    std::istringstream lines(read_text(entry.path().string()));
    std::string line;
    for (int number = 1; std::getline(lines, line); ++number)
      if (std::regex_search(line, literal)) {
        offenders += entry.path().filename().string();
        offenders.append(":").append(std::to_string(number)).append(": ").append(line).append("\n");
      }
  }
  CHECK(files > 10);
  CHECK(offenders == "");
}

TEST_CASE("an import error's heading names the kind of file in Spanish", "[language]") {
  const std::vector<Diagnostic> errors = {text::diagnostic("org.csv:3", "dangling_manager", "diag.dangling_manager", {"\"x\"", "\"y\""})};
  const OrgChartError orgchart(errors);
  CHECK_THAT(error_message(orgchart, Language::en), Catch::StartsWith("org chart: 1 error(s)\n"));
  CHECK_THAT(error_message(orgchart, Language::es),
             Catch::StartsWith("organigrama: 1 error(es)\n  org.csv:3: el jefe \"x\" de la persona \"y\" no está en el archivo"));
  CHECK_THAT(error_message(ServicesCsvError(errors), Language::es), Catch::StartsWith("CSV de servicios: 1 error(es)\n"));
}
