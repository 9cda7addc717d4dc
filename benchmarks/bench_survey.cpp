// SERVQUAL on a generated file of 100,000 and 1,000,000 respondents: time,
// throughput (bytes/s) and peak RSS. Memory must not grow with rows (the reader
// streams and servqual keeps one accumulator per group), so the peak after the
// 1,000,000-row run should match the one after the 100,000-row run.
#include <benchmark/benchmark.h>
#include <sys/resource.h>
#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <string>

#include "servicechain/analysis/survey/servqual.hpp"

namespace {

double peak_rss_mb() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return static_cast<double>(usage.ru_maxrss) / 1024.0;  // ru_maxrss is in KiB on Linux
}

std::map<std::int64_t, std::filesystem::path> &files() {
  static std::map<std::int64_t, std::filesystem::path> generated;
  return generated;
}

void remove_files() {
  for (auto &[rows, path] : files()) std::filesystem::remove(path);
}

// Writes a SERVQUAL file with `rows` respondents (deterministic LCG), a few
// cells left blank, weights on most rows, eight segments and 24 moments.
const std::filesystem::path &survey_file(std::int64_t rows) {
  auto it = files().find(rows);
  if (it != files().end()) return it->second;
  if (files().empty()) std::atexit(remove_files);
  auto path = std::filesystem::temp_directory_path() /
              ("servicechain_bench_servqual_" + std::to_string(getpid()) + "_" + std::to_string(rows) + ".csv");
  std::FILE *f = std::fopen(path.c_str(), "wb");
  if (!f) std::abort();
  std::string line = "respondent,segment,moment";
  for (char side : {'E', 'P'})
    for (int i = 1; i <= 22; ++i) line += "," + std::string(1, side) + std::to_string(i);
  line += ",W_tangibles,W_reliability,W_responsiveness,W_assurance,W_empathy\n";
  std::fwrite(line.data(), 1, line.size(), f);
  std::uint64_t state = 42;
  auto next = [&] {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    return static_cast<std::uint32_t>(state >> 33);
  };
  for (std::int64_t r = 0; r < rows; ++r) {
    line = "R" + std::to_string(r) + ",seg" + std::to_string(next() % 8) + ",m" + std::to_string(next() % 24);
    for (int i = 0; i < 44; ++i) {
      std::uint32_t x = next();
      line += ',';
      if (x % 50 != 0) line += static_cast<char>('1' + x % 7);  // 2% blank
    }
    if (next() % 10 != 0)
      for (int d = 0; d < 5; ++d) line += "," + std::to_string(next() % 40);
    else
      line += ",,,,,";
    line += '\n';
    std::fwrite(line.data(), 1, line.size(), f);
  }
  std::fclose(f);
  return files().emplace(rows, path).first->second;
}

void BM_Servqual(benchmark::State &state) {
  const auto &path = survey_file(state.range(0));
  const auto bytes = static_cast<std::int64_t>(std::filesystem::file_size(path));
  servicechain::ServqualOptions options;
  options.by = servicechain::ServqualGroupBy::segment;
  double unweighted = 0;
  for (auto _ : state) {
    auto reader = servicechain::CsvReader::open(path);
    auto result = servicechain::servqual(reader, options);
    unweighted = result.overall.unweighted.value_or(0);
    benchmark::DoNotOptimize(unweighted);
  }
  state.SetBytesProcessed(bytes * static_cast<std::int64_t>(state.iterations()));
  state.counters["rows"] = static_cast<double>(state.range(0));
  state.counters["file_mb"] = static_cast<double>(bytes) / 1e6;
  state.counters["peak_rss_mb"] = peak_rss_mb();
}
BENCHMARK(BM_Servqual)->Arg(100000)->Arg(1000000)->Iterations(2)->Unit(benchmark::kMillisecond);

}  // namespace
