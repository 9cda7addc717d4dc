#pragma once
// Portable sampling on top of std::mt19937_64 (whose output the standard fixes):
// std::uniform_*_distribution are implementation-defined, so results seeded the
// same way would differ between standard libraries.
#include <cstdint>
#include <limits>
#include <random>

namespace servicechain::detail {

/// Uniform integer in [0, bound), bound > 0 (rejection, no modulo bias).
inline std::uint64_t uniform_below(std::mt19937_64 &rng, std::uint64_t bound) {
  constexpr std::uint64_t max = std::numeric_limits<std::uint64_t>::max();
  const std::uint64_t limit = max - max % bound;
  std::uint64_t x;
  do x = rng(); while (x >= limit);
  return x % bound;
}

/// Uniform double in [0, 1) with 53 random bits.
inline double uniform01(std::mt19937_64 &rng) { return static_cast<double>(rng() >> 11) * 0x1.0p-53; }

/// True with probability p.
inline bool bernoulli(std::mt19937_64 &rng, double p) { return uniform01(rng) < p; }

}  // namespace servicechain::detail
