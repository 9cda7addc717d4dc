// servicechain mine handover|together|chain LOG: the internal customer chain
// discovered from an event log (docs/mining.md).
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <iomanip>
#include <iostream>

#include "cli.hpp"
#include "servicechain/analysis/mining/chain.hpp"
#include "servicechain/analysis/mining/social.hpp"
#include "servicechain/io/json_writer.hpp"
#include "servicechain/io/model_json.hpp"
#include "servicechain/validate.hpp"

namespace servicechain::cli {
namespace {

struct LogOptions {
  std::string log;
  std::string case_column = "case:concept:name";
  std::string activity_column = "concept:name";
  std::string resource_column = "org:resource";
  std::string timestamp_column = "time:timestamp";
  std::string delimiter = ",";
  std::string order = "detect";
  bool activity_given = false;
  bool json = false;
  std::uint64_t max_pairs = default_max_resource_pairs;
};

void add_log_options(CLI::App *cmd, LogOptions &o) {
  cmd->add_option("log", o.log)->required();
  cmd->add_option("--case-column", o.case_column)->capture_default_str();
  cmd->add_option_function<std::string>(
         "--activity-column", [&o](const std::string &v) { o.activity_column = v, o.activity_given = true; });
  cmd->add_option("--resource-column", o.resource_column)->capture_default_str();
  cmd->add_option("--timestamp-column", o.timestamp_column)->capture_default_str();
  cmd->add_option("--delimiter", o.delimiter)->capture_default_str();
  cmd->add_option("--order", o.order)
      ->check(CLI::IsMember({"detect", "grouped", "any"}))
      ->capture_default_str();
  cmd->add_option("--max-pairs", o.max_pairs)
      ->check(whole_number(1, std::uint64_t{1} << 40))
      ->capture_default_str();
}

/// A progress bar on stderr for large files, only when stderr is a terminal.
class ProgressBar {
 public:
  ProgressBar() : enabled_(!global().quiet && ::isatty(STDERR_FILENO) == 1), start_(Clock::now()), last_(start_) {}
  ~ProgressBar() { finish(); }
  void update(std::uint64_t done, std::uint64_t total) {
    if (!enabled_ || total < min_bytes) return;
    auto now = Clock::now();
    if (now - last_ < std::chrono::milliseconds(100) && done < total) return;
    last_ = now;
    const double share = std::min(1.0, static_cast<double>(done) / static_cast<double>(total));
    const double seconds = std::chrono::duration<double>(now - start_).count();
    const int width = 30, filled = static_cast<int>(share * width);
    std::fprintf(stderr, "\r[%s%s] %3d%%  %.0f MB/s", std::string(filled, '#').c_str(), std::string(width - filled, ' ').c_str(),
                 static_cast<int>(share * 100), seconds > 0 ? static_cast<double>(done) / 1e6 / seconds : 0.0);
    std::fflush(stderr);
    drawn_ = true;
  }
  void finish() {
    if (drawn_) std::fprintf(stderr, "\r\033[K"), std::fflush(stderr);
    drawn_ = false;
  }

 private:
  using Clock = std::chrono::steady_clock;
  static constexpr std::uint64_t min_bytes = std::uint64_t{16} << 20;
  bool enabled_, drawn_ = false;
  Clock::time_point start_, last_;
};

MiningResult mine(const LogOptions &o, MiningRequest request) {
  request.max_pairs = static_cast<std::size_t>(o.max_pairs);
  EventLogOptions options;
  options.columns.case_id = o.case_column;
  options.columns.activity = o.activity_column;
  options.columns.resource = o.resource_column;
  options.columns.timestamp = o.timestamp_column;
  options.columns.require_activity = o.activity_given;
  auto delimiter = parse_csv_delimiter(o.delimiter);
  if (!delimiter) throw usage_error("cli.usage.delimiter", {o.delimiter});
  options.csv.delimiter = *delimiter;
  options.order = *parse_case_order(o.order);
  ProgressBar bar;
  options.progress = [&bar](std::uint64_t done, std::uint64_t total) { bar.update(done, total); };
  MiningResult result = mine_event_log(EventLogSource::file(o.log), request, options);
  bar.finish();
  return result;
}

void check_beta(double beta) {
  if (!(beta >= 0 && beta <= 1)) throw usage_error("cli.usage.beta");
}

/// The --json path: the library's run() with the progress bar.
void mine_json(const CLI::App &cmd, std::string_view command, const LogOptions &o) {
  if (!parse_csv_delimiter(o.delimiter)) throw usage_error("cli.usage.delimiter", {o.delimiter});
  auto bar = std::make_shared<ProgressBar>();
  run_json(cmd, command, {.progress = [bar](std::uint64_t done, std::uint64_t total) { bar->update(done, total); }});
  bar->finish();
}

void print_readable(const MiningResult &r, const std::vector<ResourcePair> &pairs, const char *title, const char *arrow) {
  std::cout << title << ": " << r.cases << " " << msg("cli.mine.cases") << ", " << r.events << " " << msg("cli.mine.events")
            << ", " << r.resources.size() << " " << msg("cli.mine.resources") << "\n";
  std::size_t width = 4;
  for (const auto &name : r.resources) width = std::max(width, name.size());
  for (const auto &p : pairs) {
    std::cout << "  " << std::left << std::setw(static_cast<int>(width)) << r.resources[p.from] << " " << arrow << " "
              << std::setw(static_cast<int>(width)) << r.resources[p.to] << "  ";
    std::string number;
    JsonWriter::append_number(number, p.value);
    std::cout << number << "\n";
  }
  if (pairs.empty()) std::cout << "  " << msg("cli.analyze.none") << "\n";
}

void setup(CLI::App &app) {
  auto *mine_cmd = app.add_subcommand("mine");
  mine_cmd->require_subcommand(1);

  {
    auto *cmd = mine_cmd->add_subcommand("handover");
    auto o = std::make_shared<LogOptions>();
    auto beta = std::make_shared<double>(0.0);
    add_log_options(cmd, *o);
    cmd->add_option("--beta", *beta)
        ->capture_default_str();
    cmd->add_flag("--json", o->json);
    cmd->callback([cmd, o, beta] {
      check_beta(*beta);
      if (o->json) return mine_json(*cmd, "mine handover", *o);
      MiningRequest request;
      request.beta = *beta;
      MiningResult r = mine(*o, request);
      print_readable(r, r.handover, msg("cli.mine.handover_of_work"), "->");
    });
  }
  {
    auto *cmd = mine_cmd->add_subcommand("together");
    auto o = std::make_shared<LogOptions>();
    add_log_options(cmd, *o);
    cmd->add_flag("--json", o->json);
    cmd->callback([cmd, o] {
      if (o->json) return mine_json(*cmd, "mine together", *o);
      MiningRequest request;
      request.handover = false;
      request.together = true;
      MiningResult r = mine(*o, request);
      print_readable(r, r.together, msg("cli.mine.working_together"), "<->");
    });
  }
  {
    auto *cmd = mine_cmd->add_subcommand("chain");
    auto o = std::make_shared<LogOptions>();
    auto map_file = std::make_shared<std::string>();
    auto output = std::make_shared<std::string>();
    auto alpha = std::make_shared<double>(0.5);
    auto beta = std::make_shared<double>(0.0);
    add_log_options(cmd, *o);
    cmd->add_option("--map", *map_file);
    cmd->add_option("--alpha", *alpha)->capture_default_str();
    cmd->add_option("--beta", *beta)->capture_default_str();
    output_file(cmd->add_option("-o,--output", *output));
    cmd->callback([cmd, o, map_file, output, alpha, beta] {
      check_beta(*beta);
      if (!(*alpha > 0 && *alpha <= 1)) throw usage_error("cli.usage.alpha");
      if (output->empty() || *output == "-") return mine_json(*cmd, "mine chain", *o);  // the model on stdout is run()'s
      ResourceUnitMap map;
      if (!map_file->empty()) {
        CsvOptions csv;
        csv.delimiter = parse_csv_delimiter(o->delimiter).value_or(',');
        map = read_resource_unit_map(*map_file, csv);  // before the log: a bad map fails fast
      }
      MiningRequest request;
      request.beta = *beta;
      MiningResult r = mine(*o, request);
      ChainMiningOptions chain;
      chain.alpha = *alpha;
      Model model = chain_from_handover(r.handover_network(), chain, map_file->empty() ? nullptr : &map);
      Diagnostics diagnostics = validate(model);
      if (!diagnostics.ok()) {
        if (*alpha == 1) throw InputError(ValidationError(diagnostics).what() + std::string("\n  with --alpha 1 a cycle of handovers is closed: use --alpha below 1"));
        throw ValidationError(diagnostics);
      }
      emit(to_json(model), *output);
      if (!global().quiet)
        std::cerr << *output << ": " << model.units.size() << " " << msg("cli.analyze.units") << ", " << model.services.size()
                  << " " << msg("cli.generate.services") << "\n";
    });
  }
}

SERVICECHAIN_COMMAND(70, setup);

}  // namespace
}  // namespace servicechain::cli
