// Monte Carlo simulation (§4.11): summaries, reproducibility, agreement with the
// analytic CSI and with the Beta distribution, thread-count independence.
#include <catch2/catch.hpp>

#include "support/command.hpp"

#include <cmath>
#include <cstdio>
#include <sys/wait.h>

#include "servicechain/analysis/people/fit.hpp"
#include "servicechain/analysis/simulation/simulation.hpp"
#include "servicechain/bundled.hpp"
#include "servicechain/error.hpp"
#include "servicechain/io/model_json.hpp"

using namespace servicechain;

namespace {

servicechain::test::CommandResult run_cli(const std::string &args) {
  return servicechain::test::run_servicechain("-q " + args, "2>/dev/null");
}

std::string hotel() { return std::string(SERVICECHAIN_SOURCE_DIR) + "/examples/hotel.json"; }

// One unit of quality q owning one moment with `volume` encounters.
Model single_moment(double q, double volume) {
  Model m;
  m.units.push_back({"u", "u", std::nullopt, Level::operative, q, {}});
  m.segments.push_back({"seg", "seg", 1, {}});
  MomentOfTruth x;
  x.id = "m";
  x.segment = "seg";
  x.owner = "u";
  x.volume = volume;
  m.moments.push_back(x);
  return m;
}

}  // namespace

TEST_CASE("simulation: summaries match numpy (sample sd, linear percentiles)") {
  // numpy: mean, std(ddof=1), percentile(v, [5, 50, 95])
  auto s = summarize({3, 1, 4, 1, 5, 9, 2, 6, 5, 3});
  CHECK(*s.mean == Approx(3.9));
  CHECK(*s.sd == Approx(2.4698178070456938));
  CHECK(*s.p5 == Approx(1.0));
  CHECK(*s.p50 == Approx(3.5));
  CHECK(*s.p95 == Approx(7.65));
  auto one = summarize({2.5});
  CHECK(*one.mean == 2.5);
  CHECK_FALSE(one.sd);
  CHECK(*one.p5 == 2.5);
  CHECK(*one.p95 == 2.5);
  CHECK_FALSE(summarize({}).mean);
}

TEST_CASE("simulation: every run is reproducible on its own") {
  Model m = load_model_json(example_model_json(Language::en));
  ChainGraph g(m);
  auto s = intrinsic_quality(m);
  SimulationOptions o;
  o.runs = 12;
  o.seed = 42;
  o.threads = 3;
  auto all = simulate(m, g, s, o);
  for (std::uint64_t r : {0u, 5u, 11u}) {
    auto alone = simulate_run(m, g, s, r, o);
    CHECK(alone.csi == all.per_run[r].csi);
    CHECK(alone.satisfied == all.per_run[r].satisfied);
    CHECK(alone.nps == all.per_run[r].nps);
    CHECK(alone.segment_nps == all.per_run[r].segment_nps);
  }
  CHECK(all.per_run[0].csi != all.per_run[1].csi);
  o.threads = 1;
  auto again = simulate(m, g, s, o);
  CHECK(again.csi.mean == all.csi.mean);
  CHECK(again.nps.p95 == all.nps.p95);
  o.seed = 43;
  CHECK(simulate(m, g, s, o).csi.mean != all.csi.mean);
  CHECK(run_seed(1, 0) != run_seed(1, 1));
  CHECK(run_seed(1, 0) != run_seed(2, 0));
}

TEST_CASE("simulation: with small sigma the mean CSI is the analytic CSI") {
  Model m = load_model_json(example_model_json(Language::en));
  ChainGraph g(m);
  auto s = intrinsic_quality(m);
  auto sat = satisfaction(g, propagate(g, s).delivered);
  SimulationOptions o;
  o.runs = 50;
  o.sigma = 0;
  auto exact = simulate(m, g, s, o);
  CHECK(*exact.csi.mean == Approx(*sat.csi).margin(1e-9));
  CHECK(*exact.csi.sd == Approx(0).margin(1e-9));
  REQUIRE(exact.segments.size() == m.segments.size());
  for (std::size_t c = 0; c < m.segments.size(); ++c)
    if (sat.segment_satisfaction[c]) CHECK(*exact.segments[c].csi.mean == Approx(100 * *sat.segment_satisfaction[c]).margin(1e-9));
  o.sigma = 0.002;
  o.runs = 200;
  auto near = simulate(m, g, s, o);
  CHECK(*near.csi.mean == Approx(*sat.csi).margin(0.05));
  CHECK(*near.csi.sd > 0);
}

TEST_CASE("simulation: encounters follow Beta(mu kappa, (1 - mu) kappa)") {
  // q = 0.75, kappa 20: Beta(15, 5). scipy: sf(0.7) = 0.71778, sf(0.85) = 0.14444, cdf(0.65) = 0.15000.
  Model m = single_moment(0.75, 1000);
  ChainGraph g(m);
  SimulationOptions o;
  o.runs = 400;
  o.sigma = 0;
  auto r = simulate(m, g, intrinsic_quality(m), o);
  CHECK(r.encounters_per_run == 1000);
  CHECK(*r.satisfied.mean == Approx(0.7177764584799285).margin(0.004));
  CHECK(*r.nps.mean == Approx(100 * (0.14444185884495325 - 0.1499963558661401)).margin(0.8));
  // Between runs only the binomial noise of 1000 draws is left.
  CHECK(*r.satisfied.sd == Approx(std::sqrt(0.71778 * 0.28222 / 1000)).epsilon(0.15));
  CHECK(*r.csi.mean == Approx(75).margin(1e-9));
  CHECK(*r.segments[0].satisfied.mean == *r.satisfied.mean);
}

TEST_CASE("simulation: no encounters gives null satisfaction and NPS") {
  Model m = single_moment(0.5, 0.9);  // rounds down to 0 encounters
  ChainGraph g(m);
  SimulationOptions o;
  o.runs = 5;
  auto r = simulate(m, g, intrinsic_quality(m), o);
  CHECK(r.encounters_per_run == 0);
  CHECK(r.csi.mean);
  CHECK_FALSE(r.satisfied.mean);
  CHECK_FALSE(r.nps.mean);
  o.runs = 0;
  CHECK_THROWS_AS(simulate(m, g, intrinsic_quality(m), o), ArgumentError);
  Model huge = single_moment(0.5, 1e30);  // refused, not hours of work
  o.runs = 1;
  CHECK_THROWS_AS(simulate(huge, ChainGraph(huge), intrinsic_quality(huge), o), ArgumentError);
}

TEST_CASE("simulation: the CLI gives identical JSON for 1 and 2 threads") {
  auto one = run_cli("simulate " + hotel() + " --runs 40 --seed 7 --threads 1 --json");
  auto two = run_cli("simulate " + hotel() + " --runs 40 --seed 7 --threads 2 --json");
  REQUIRE(one.code == 0);
  CHECK(one.out == two.out);
  CHECK_THAT(one.out, Catch::Contains(R"("runs": 40,)") && Catch::Contains(R"("seed": 7,)") && Catch::Contains(R"("p95":)"));
  auto plan1 = run_cli("simulate " + hotel() + " --runs 20 --threads 1 --plan service_recovery_2026 --json");
  auto plan2 = run_cli("simulate " + hotel() + " --runs 20 --threads 2 --plan service_recovery_2026 --json");
  REQUIRE(plan1.code == 0);
  CHECK(plan1.out == plan2.out);
  CHECK_THAT(plan1.out, Catch::Contains(R"("baseline": {)") && Catch::Contains(R"("with_plan": {)"));
  CHECK(run_cli("simulate " + hotel() + " --runs 0").code == 2);
  CHECK(run_cli("simulate " + hotel() + " --kappa 0").code == 2);
  CHECK(run_cli("simulate " + hotel() + " --runs 5 --plan nope").code == 1);
}
