// servicechain validate MODEL [--json]
#include <iostream>

#include "cli.hpp"
#include "servicechain/report/validation.hpp"

namespace servicechain::cli {
namespace {

void setup(CLI::App &app) {
  auto *cmd = app.add_subcommand("validate", "Check a model file and list every problem");
  auto file = std::make_shared<std::string>();
  auto json = std::make_shared<bool>(false);
  cmd->add_option("model", *file, "Model file (.json)")->required();
  cmd->add_flag("--json", *json, "Machine output: {valid, errors, warnings}");
  cmd->callback([cmd, file, json] {
    if (*json) return run_json(*cmd, "validate", {.positional = {{"model", "model"}}});
    Diagnostics diagnostics;
    check_model_file(*file, diagnostics);
    {
      for (const auto &e : diagnostics.errors)
        std::cout << msg("cli.validate.error") << ": " << (e.path.empty() ? "" : e.path + ": ") << e.message << " [" << e.code << "]\n";
      for (const auto &w : diagnostics.warnings)
        std::cout << msg("cli.validate.warning") << ": " << w.path << ": " << w.message << " [" << w.code << "]\n";
      if (diagnostics.ok())
        std::cout << *file << ": " << msg("cli.validate.valid") << " (" << diagnostics.warnings.size() << " "
                  << msg("cli.validate.warnings") << ")\n";
      else
        std::cout << *file << ": " << msg("cli.validate.invalid") << " (" << diagnostics.errors.size() << " "
                  << msg("cli.validate.errors") << ")\n";
    }
    if (!diagnostics.ok()) throw Exit{1};
  });
}

SERVICECHAIN_COMMAND(20, setup);

}  // namespace
}  // namespace servicechain::cli
