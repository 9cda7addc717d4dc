// servicechain validate MODEL [--json]
#include <iostream>
#include <sstream>

#include "cli.hpp"
#include "servicechain/report/validation.hpp"

namespace servicechain::cli {

std::string validation_text(const std::string &file, const Diagnostics &diagnostics, Language language) {
  std::ostringstream out;
  const auto line = [&](std::string_view kind_id, const Diagnostic &d) {
    out << text::message(kind_id, language) << ": " << (d.path.empty() ? "" : d.path + ": ") << text::diagnostic_message(d, language)
        << " [" << d.code << "]\n";
  };
  for (const auto &e : diagnostics.errors) line("cli.validate.error", e);
  for (const auto &w : diagnostics.warnings) line("cli.validate.warning", w);
  const bool ok = diagnostics.ok();
  out << file << ": " << text::message(ok ? "cli.validate.valid" : "cli.validate.invalid", language) << " ("
      << (ok ? diagnostics.warnings.size() : diagnostics.errors.size()) << " "
      << text::message(ok ? "cli.validate.warnings" : "cli.validate.errors", language) << ")\n";
  return out.str();
}

namespace {

void setup(CLI::App &app) {
  auto *cmd = app.add_subcommand("validate");
  auto file = std::make_shared<std::string>();
  auto json = std::make_shared<bool>(false);
  cmd->add_option("model", *file)->required();
  cmd->add_flag("--json", *json);
  cmd->callback([cmd, file, json] {
    if (*json) return run_json(*cmd, "validate", {.positional = {{"model", "model"}}});
    Diagnostics diagnostics;
    check_model_file(*file, diagnostics);
    std::cout << validation_text(*file, diagnostics, global().language());
    if (!diagnostics.ok()) throw Exit{1};
  });
}

SERVICECHAIN_COMMAND(20, setup);

}  // namespace
}  // namespace servicechain::cli
