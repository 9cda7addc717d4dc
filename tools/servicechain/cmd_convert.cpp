// servicechain convert IN OUT: between JSON and Boost archives (.xml .txt .bin), or
// to a GraphViz drawing of the chain (.dot, nodes coloured by delivered quality).
#include <filesystem>

#include "cli.hpp"
#include "servicechain/analysis/chain/dot.hpp"
#include "servicechain/analysis/chain/propagation.hpp"
#include "servicechain/analysis/people/fit.hpp"
#include "servicechain/io/files.hpp"
#include "servicechain/io/model_json.hpp"

namespace servicechain::cli {
namespace {

namespace fs = std::filesystem;

void setup(CLI::App &app) {
  auto *cmd = app.add_subcommand("convert");
  struct Options {
    std::string in, out;
    bool trusted = false;
  };
  auto o = std::make_shared<Options>();
  cmd->add_option("input", o->in)->required();
  output_file(cmd->add_option("output", o->out))->required();
  cmd->add_flag("--trusted", o->trusted);
  cmd->callback([o] {
    auto ext = fs::path(o->out).extension().string();
    if (ext != ".json" && ext != ".xml" && ext != ".txt" && ext != ".bin" && ext != ".dot")
      throw usage_error("cli.usage.output_format", {o->out});
    Model model = load_model_file(o->in, o->trusted);
    if (ext == ".dot") {  // a drawing, coloured by linear delivered quality; not read back
      ChainGraph graph(model);
      auto q = propagate(graph, intrinsic_quality(model));
      write_file_atomic(o->out, to_dot(model, graph, q.delivered));
      return;
    }
    save_model(model, o->out);
  });
}

SERVICECHAIN_COMMAND(90, setup);

}  // namespace
}  // namespace servicechain::cli
