// servicechain maturity MODEL [--json] [--weakest N]: culture maturity (§4.9,
// docs/people.md); demo section 420.
#include <iomanip>
#include <iostream>
#include <sstream>

#include "cli.hpp"
#include "servicechain/analysis/people/maturity.hpp"
#include "servicechain/io/json_writer.hpp"

namespace servicechain::cli {
namespace {

std::string fixed(const std::optional<double> &x, int digits) {
  if (!x) return "-";
  std::ostringstream s;
  s << std::fixed << std::setprecision(digits) << *x;
  return s.str();
}

// Text padded (or cut) to `width` characters, counting UTF-8 code points.
std::string column(std::string_view text, std::size_t width) {
  std::string out;
  std::size_t shown = 0;
  for (std::size_t i = 0; i < text.size();) {
    std::size_t len = 1;
    while (i + len < text.size() && (static_cast<unsigned char>(text[i + len]) & 0xC0) == 0x80) ++len;
    if (shown + 1 == width && i + len < text.size()) {
      out += "…";
      ++shown;
      break;
    }
    out.append(text, i, len);
    ++shown;
    i += len;
  }
  return out + std::string(width > shown ? width - shown : 0, ' ');
}

void print(const MaturityResult &r, std::ostream &out) {
  out << msg("cli.maturity.culture_maturity_index") << ": " << fixed(r.index, 1) << " / 100 ("
      << r.respondents << " " << msg("cli.maturity.respondents") << ")\n";
  out << "  " << column(msg("cli.maturity.process"), 46) << std::setw(7)
      << msg("cli.maturity.score") << std::setw(7) << msg("cli.maturity.dir") << std::setw(7) << msg("cli.maturity.mgr")
      << std::setw(7) << msg("cli.maturity.oper") << std::setw(8) << msg("cli.internal_survey.gap") << "\n";
  for (const auto &p : r.processes) {
    out << "  " << column(p.name, 46) << std::setw(7)
        << fixed(p.score, 2) << std::setw(7) << fixed(p.by_level[0], 2) << std::setw(7) << fixed(p.by_level[1], 2)
        << std::setw(7) << fixed(p.by_level[2], 2) << std::setw(8) << fixed(p.gap, 2) << "\n";
  }
  if (!r.weakest.empty()) {
    out << "  " << msg("cli.maturity.weakest") << ": ";
    for (std::size_t i = 0; i < r.weakest.size(); ++i)
      for (const auto &p : r.processes)
        if (p.id == r.weakest[i]) out << (i ? "; " : "") << p.name << " (" << fixed(p.score, 2) << ")";
    out << "\n";
  }
  if (r.gap)
    out << "  " << msg("cli.maturity.directive_minus_operative_rating_mean_over")
        << ": " << fixed(r.gap, 2) << "\n";
}

void setup(CLI::App &app) {
  auto *cmd = app.add_subcommand("maturity");
  struct Options {
    std::string file;
    bool json = false;
    std::size_t weakest = 3;
  };
  auto o = std::make_shared<Options>();
  cmd->add_option("model", o->file)->required();
  cmd->add_flag("--json", o->json);
  cmd->add_option("--weakest", o->weakest)->check(whole_number());
  cmd->callback([cmd, o] {
    if (o->json) {
      const ModelAndGraph loaded = load_model_and_graph_file(o->file);
      return run_json(*cmd, "maturity", {.model = &loaded});
    }
    Model model = load_model_file(o->file);
    MaturityOptions options;
    options.weakest = o->weakest;
    options.language = global().language();
    print(assess_maturity(model, options), std::cout);
  });
}
SERVICECHAIN_COMMAND(55, setup);

void maturity_section(const Model &model, Language language, std::ostream &out) {
  MaturityOptions options;
  options.language = language;
  auto result = assess_maturity(model, options);
  if (result.respondents == 0) return;
  print(result, out);
  out << "\n";
}
SERVICECHAIN_DEMO_SECTION(420, maturity_section);

}  // namespace
}  // namespace servicechain::cli
