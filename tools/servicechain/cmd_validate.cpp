// servicechain validate MODEL [--json]
#include <iostream>

#include "cli.hpp"
#include "servicechain/io/files.hpp"
#include "servicechain/io/json_writer.hpp"
#include "servicechain/io/model_json.hpp"

namespace servicechain::cli {
namespace {

void write_list(JsonWriter &w, std::string_view key, const std::vector<Diagnostic> &list) {
  w.key(key).begin_array();
  for (const auto &d : list) w.begin_object().field("path", d.path).field("code", d.code).field("message", d.message).end_object();
  w.end_array();
}

void setup(CLI::App &app) {
  auto *cmd = app.add_subcommand("validate", "Check a model file and list every problem");
  auto file = std::make_shared<std::string>();
  auto json = std::make_shared<bool>(false);
  cmd->add_option("model", *file, "Model file (.json)")->required();
  cmd->add_flag("--json", *json, "Machine output: {valid, errors, warnings}");
  cmd->callback([file, json] {
    Diagnostics diagnostics;
    std::string text = read_file(*file);
    try {
      Model model = parse_model_json(text, diagnostics, *file);
      validate_after_parse(model, diagnostics);
    } catch (const ParseError &e) {
      diagnostics.error("", "syntax", e.what());
    }
    if (*json) {
      std::string out;
      JsonWriter w(out);
      w.begin_object().field("valid", diagnostics.ok());
      write_list(w, "errors", diagnostics.errors);
      write_list(w, "warnings", diagnostics.warnings);
      w.end_object();
      out.push_back('\n');
      emit(out);
    } else {
      for (const auto &e : diagnostics.errors)
        std::cout << tr("error", "error") << ": " << (e.path.empty() ? "" : e.path + ": ") << e.message << " [" << e.code << "]\n";
      for (const auto &w : diagnostics.warnings)
        std::cout << tr("warning", "aviso") << ": " << w.path << ": " << w.message << " [" << w.code << "]\n";
      if (diagnostics.ok())
        std::cout << *file << ": " << tr("valid", "válido") << " (" << diagnostics.warnings.size() << " "
                  << tr("warnings", "avisos") << ")\n";
      else
        std::cout << *file << ": " << tr("invalid", "no válido") << " (" << diagnostics.errors.size() << " "
                  << tr("errors", "errores") << ")\n";
    }
    if (!diagnostics.ok()) throw Exit{1};
  });
}

SERVICECHAIN_COMMAND(20, setup);

}  // namespace
}  // namespace servicechain::cli
