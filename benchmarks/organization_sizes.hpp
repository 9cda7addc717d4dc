#pragma once
// Shared by the organization-scale suites (bench_chain.cpp, bench_scale.cpp):
// the sizes 10^3..10^6 units, capped by SC_BENCH_MAX_UNITS, the generator's
// options they start from, and a fixture cache that holds one size at a time.
#include <cstdlib>
#include <memory>
#include <vector>

#include "servicechain/generate.hpp"

namespace servicechain::bench {

/// 10^3, 10^4, 10^5, 10^6 units, without those above SC_BENCH_MAX_UNITS.
inline std::vector<std::size_t> organization_sizes() {
  std::size_t max_units = 1'000'000;
  if (const char *cap = std::getenv("SC_BENCH_MAX_UNITS")) max_units = std::strtoull(cap, nullptr, 10);
  std::vector<std::size_t> sizes;
  for (std::size_t units : {1'000, 10'000, 100'000, 1'000'000})
    if (units <= max_units) sizes.push_back(units);
  return sizes;
}

/// The two shapes of chart DESIGN §6 asks to benchmark: local (small circular
/// dependencies) and a giant component around a few support units.
enum class Shape { local, giant };

/// The support share of the giant-component shape (with 4 support units, the
/// generator's default, over 99.8 % of the units form one component).
inline constexpr double giant_support_share = 0.3;

/// The generated organizations of the suites: 10 services per unit (or
/// SC_BENCH_SERVICES_PER_UNIT), seed 1.
inline GenerateOptions organization_options(std::size_t units, Shape shape = Shape::local) {
  GenerateOptions o;
  o.units = units;
  o.services_per_unit = 10;
  if (const char *per_unit = std::getenv("SC_BENCH_SERVICES_PER_UNIT")) o.services_per_unit = std::strtod(per_unit, nullptr);
  o.seed = 1;
  if (shape == Shape::giant) o.support_share = giant_support_share;
  return o;
}

/// The fixture for `units`, made by `make(units)` on first use. One size at a
/// time (benchmarks run in registration order, grouped by size), so the 10^6
/// fixture is the only large thing alive.
template <class Fixture, class Make>
Fixture &one_size_at_a_time(std::size_t units, Make make) {
  static std::unique_ptr<Fixture> current;
  static std::size_t current_units = 0;
  if (!current || current_units != units) {
    current.reset();
    current = std::make_unique<Fixture>(make(units));
    current_units = units;
  }
  return *current;
}

}  // namespace servicechain::bench
