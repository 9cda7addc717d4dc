// Thread safety (docs/reliability.md): every analysis run on one shared
// `const Model` from many threads at once gives the same results, bit for bit,
// as the same analysis run alone. The ThreadSanitizer build (`tsan` preset)
// runs this test to catch races that happen not to change a result.
#include <catch2/catch.hpp>

#include <cstdint>
#include <filesystem>
#include <functional>
#include <ios>
#include <optional>
#include <span>
#include <sstream>
#include <string>
#include <thread>
#include <vector>
#include <unistd.h>

#include "servicechain/analysis/chain/analyze.hpp"
#include "servicechain/analysis/chain/dot.hpp"
#include "servicechain/analysis/chain/graph.hpp"
#include "servicechain/analysis/chain/structure.hpp"
#include "servicechain/analysis/people/alignment.hpp"
#include "servicechain/analysis/people/fit.hpp"
#include "servicechain/analysis/people/maturity.hpp"
#include "servicechain/analysis/people/training.hpp"
#include "servicechain/analysis/plans/plan.hpp"
#include "servicechain/analysis/policies/compliance.hpp"
#include "servicechain/analysis/simulation/simulation.hpp"
#include "servicechain/analysis/survey/ipa.hpp"
#include "servicechain/analysis/survey/scores.hpp"
#include "servicechain/analysis/survey/servqual.hpp"
#include "servicechain/bundled.hpp"
#include "servicechain/generate.hpp"
#include "servicechain/io/csv.hpp"
#include "servicechain/io/files.hpp"
#include "servicechain/io/json_writer.hpp"
#include "servicechain/io/model_json.hpp"
#include "servicechain/report/html.hpp"

using namespace servicechain;

namespace {

constexpr int thread_count = 8;

/// Text of results that do not have a JSON form. Numbers in hexadecimal
/// floating point, so two texts are equal only if every double is equal bit for bit.
class Fingerprint {
 public:
  Fingerprint() { out_ << std::hexfloat; }
  Fingerprint &operator<<(double x) {
    out_ << x << ' ';
    return *this;
  }
  Fingerprint &operator<<(std::size_t x) {
    out_ << x << ' ';
    return *this;
  }
  Fingerprint &operator<<(const std::string &x) {
    out_ << x.size() << ':' << x << ' ';
    return *this;
  }
  Fingerprint &operator<<(const std::optional<double> &x) {
    if (x) return *this << *x;
    out_ << "null ";
    return *this;
  }
  std::string str() const { return out_.str(); }

 private:
  std::ostringstream out_;
};

std::string read_example(const char *name) {
  return read_file(std::string(SERVICECHAIN_SOURCE_DIR) + "/examples/" + name);
}

std::string fits(const Model &model) {
  Fingerprint f;
  for (double x : people_fit(model)) f << x;
  for (double x : intrinsic_quality(model)) f << x;
  return f.str();
}

std::string alignment(const Model &model) {
  auto r = align(model);
  Fingerprint f;
  for (const auto &p : r.people) f << p.id << p.fit << std::size_t(p.below_threshold);
  for (const auto &u : r.units) {
    f << u.unit << u.people << u.current << u.optimal;
    for (const auto &m : u.moves) f << m.person << m.from << m.to << m.fit_from << m.fit_to;
  }
  f << r.current << r.optimal << r.moves;
  return f.str();
}

std::string training(const Model &model, const ChainAnalysis &chain) {
  std::vector<double> impact;
  for (const auto &x : chain.impact.impact) impact.push_back(x.value_or(0));
  TrainingOptions options;
  options.budget = 5000;
  auto r = training_needs(model, impact, options);
  Fingerprint f;
  for (const auto &n : r.needs) {
    f << n.person << n.unit << n.competency << n.required << n.have << n.gap << n.weight << n.need << n.priority;
    for (const auto &m : n.modules) f << m;
  }
  for (const auto &e : r.plan) {
    f << e.person << e.module << e.hours << e.cost << e.value;
    for (const auto &c : e.competencies) f << c;
  }
  for (const auto &l : r.by_level) f << l.people << l.enrolments << l.hours << l.cost;
  f << r.uncovered << r.hours << r.cost << r.value << r.full_enrolments << r.full_hours << r.full_cost;
  return f.str();
}

std::string maturity(const Model &model) {
  auto r = assess_maturity(model);
  Fingerprint f;
  f << r.respondents;
  for (const auto &p : r.processes) {
    f << p.id << p.scores << p.score << p.index << p.gap;
    for (const auto &x : p.by_level) f << x;
  }
  f << r.score << r.index << r.gap;
  for (const auto &w : r.weakest) f << w;
  return f.str();
}

template <class Result>
std::string json_of(const Result &result) {
  std::string out;
  JsonWriter w(out, 0);
  write_json(w, result);
  return out;
}

/// Every analysis of one model, each giving a text that holds its whole result.
struct Analyses {
  std::vector<std::pair<std::string, std::function<std::string()>>> runs;
};

Analyses analyses_of(const Model &model, const ChainGraph &graph, const ChainAnalysis &chain, bool with_surveys) {
  Analyses a;
  auto add = [&](std::string name, std::function<std::string()> run) { a.runs.emplace_back(std::move(name), std::move(run)); };
  add("analyze linear", [&] { return chain_analysis_json(model, analyze_chain(model, graph)); });
  add("analyze geometric", [&] {
    ChainAnalysisOptions o;
    o.model = PropagationModel::geometric;
    return chain_analysis_json(model, analyze_chain(model, o));  // builds its own graph
  });
  add("fit", [&] { return fits(model); });
  add("alignment", [&] { return alignment(model); });
  add("training", [&] { return training(model, chain); });
  add("maturity", [&] { return maturity(model); });
  add("dot", [&] { return to_dot(model, graph, chain.propagation.delivered); });
  for (const auto &plan : model.plans) {
    add("plan " + plan.id, [&model, id = plan.id] {
      PlanReportOptions o;
      o.plan = id;
      o.as_of = "2026-06-30";
      return to_json(plan_report(model, o));
    });
  }
  add("simulation", [&] {
    SimulationOptions o;
    o.runs = 40;
    o.seed = 7;
    o.threads = 2;  // its own worker threads inside each of ours
    auto s = intrinsic_quality(model);
    return to_json(simulate(model, graph, s, o), o);
  });
  if (with_surveys) {
    add("policies", [&] {
      ComplianceOptions o;
      o.surveys.push_back(survey_text(read_example("surveys/nps.csv"), "nps.csv"));
      o.surveys.push_back(survey_text(read_example("surveys/servqual.csv"), "servqual.csv"));
      return json_of(check_policies(model, o));
    });
    add("servqual by unit", [&] {
      auto reader = CsvReader::from_text(read_example("surveys/servqual.csv"), "servqual.csv");
      ServqualOptions o;
      o.by = ServqualGroupBy::unit;
      o.model = &model;
      o.min_group = 1;
      return json_of(servqual(reader, o));
    });
    add("ipa", [&] {
      auto reader = CsvReader::from_text(read_example("surveys/ipa.csv"), "ipa.csv");
      return json_of(ipa(reader));
    });
    add("nps", [&] {
      auto reader = CsvReader::from_text(read_example("surveys/nps.csv"), "nps.csv");
      return json_of(nps(reader, ScoreOptions{"recommend", std::nullopt, std::nullopt}));
    });
    add("report", [&] {
      HtmlReportInput input;
      input.model = &model;
      input.graph = &graph;
      input.chain = &chain;
      return html_report(input);  // draws the chain with Graphviz when built with it
    });
  }
  return a;
}

/// Runs every analysis alone, then all of them in each of `thread_count` threads at
/// once (each thread in a different order), and compares the texts.
void check_concurrent(const Model &model, bool with_surveys) {
  const ChainGraph graph(model);
  const ChainAnalysis chain = analyze_chain(model, graph);
  const Analyses analyses = analyses_of(model, graph, chain, with_surveys);
  const std::size_t n = analyses.runs.size();

  std::vector<std::string> alone;
  for (const auto &[name, run] : analyses.runs) alone.push_back(run());

  std::vector<std::vector<std::string>> seen(thread_count, std::vector<std::string>(n));
  std::vector<std::thread> threads;
  for (int t = 0; t < thread_count; ++t) {
    threads.emplace_back([&, t] {
      for (std::size_t k = 0; k < n; ++k) {
        std::size_t i = (k + static_cast<std::size_t>(t)) % n;  // different analyses overlap
        seen[static_cast<std::size_t>(t)][i] = analyses.runs[i].second();
      }
    });
  }
  for (auto &thread : threads) thread.join();

  for (std::size_t i = 0; i < n; ++i) {
    INFO(analyses.runs[i].first);
    CHECK_FALSE(alone[i].empty());
    for (int t = 0; t < thread_count; ++t) CHECK(seen[static_cast<std::size_t>(t)][i] == alone[i]);
  }
}

}  // namespace

TEST_CASE("threads: analyses of the example hotel on a shared const model agree with a single thread") {
  const Model model = load_model_json(example_model_json(Language::en));
  REQUIRE_FALSE(model.plans.empty());
  check_concurrent(model, true);
}

TEST_CASE("threads: analyses of a generated organization with cycles agree with a single thread") {
  GenerateOptions o;
  o.units = 150;
  o.people_per_unit = 3;
  o.cycle_share = 0.2;
  o.plan_actions = 10;
  o.seed = 11;
  const Model model = generate_organization(o);
  check_concurrent(model, false);
}

// The library's own threads: the pieces of a large file read from the file on
// several threads, the graph built while the model is validated, betweenness
// sources split over threads. Each must equal its single-threaded counterpart.
TEST_CASE("threads: the library's internal threads give the single-threaded results") {
  GenerateOptions o;
  o.units = 12000;  // several 1 MiB pieces of services
  o.people_per_unit = 1;
  o.seed = 7;
  const Model original = generate_organization(o);
  const auto dir = std::filesystem::temp_directory_path() / ("sc_threads_" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  const auto file = dir / "m.json";
  save_model(original, file);
  ModelAndGraph loaded = load_model_and_graph(file);
  std::filesystem::remove_all(dir);
  CHECK(loaded.model == original);
  const ChainGraph alone(original);
  auto same = [](auto a, auto b) { return std::equal(a.begin(), a.end(), b.begin(), b.end()); };
  CHECK(same(loaded.graph.in_sources(), alone.in_sources()));
  CHECK(same(loaded.graph.in_weights(), alone.in_weights()));
  CHECK(same(loaded.graph.out_targets(), alone.out_targets()));
  const auto sources = betweenness_sample(alone.unit_count(), 64, 3);
  CHECK(betweenness_from_sources(alone, sources, 2) == betweenness_from_sources(alone, sources, 1));
}
