// Event-log mining throughput: a 10,000,000-event log grouped by case, written
// once to a temporary file, mined for handover of work (MB/s of CSV) with the
// peak resident memory of the process. Also the bare CSV reader on the same
// file, and a shuffled (not grouped) 1,000,000-event log to show what holding
// every event costs.
#include <benchmark/benchmark.h>
#include <sys/resource.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <random>
#include <string>
#include <vector>

#include "servicechain/analysis/mining/social.hpp"
#include "servicechain/io/csv.hpp"

using namespace servicechain;
namespace fs = std::filesystem;

namespace {

constexpr std::size_t big_events = 10'000'000;
constexpr std::size_t small_events = 1'000'000;

std::string timestamp(std::int64_t seconds, int form, int millis) {
  // seconds since 2026-03-01T00:00:00Z, less than 28 days
  const int day = static_cast<int>(seconds / 86400) + 1, rest = static_cast<int>(seconds % 86400);
  char buf[48];
  const int h = rest / 3600, m = rest / 60 % 60, s = rest % 60;
  switch (form) {
    case 0: std::snprintf(buf, sizeof buf, "2026-03-%02dT%02d:%02d:%02dZ", day, h, m, s); break;
    case 1: std::snprintf(buf, sizeof buf, "2026-03-%02dT%02d:%02d:%02d.%03dZ", day, h, m, s, millis); break;
    default: std::snprintf(buf, sizeof buf, "2026-03-%02dT%02d:%02d:%02d+00:00", day, h, m, s); break;
  }
  return buf;
}

/// Writes a log of about `events` events: cases of 1-19 events by 500 resources
/// and 40 activities; a few ties and out-of-order rows. Grouped by case unless shuffled.
fs::path make_log(std::size_t events, bool shuffled) {
  fs::path path = fs::temp_directory_path() /
                  ("servicechain-bench-" + std::to_string(events) + (shuffled ? "-shuffled" : "") + ".csv");
  if (fs::exists(path)) return path;
  std::mt19937_64 rng(7);
  std::vector<std::string> rows;
  std::FILE *out = std::fopen((path.string() + ".tmp").c_str(), "wb");
  std::string buffer = "case:concept:name,concept:name,org:resource,time:timestamp\n";
  std::size_t written = 0;
  for (std::size_t c = 0; written < events; ++c) {
    const std::size_t n = std::min<std::size_t>(1 + rng() % 19, events - written);
    std::int64_t t = static_cast<std::int64_t>(rng() % (27 * 86400));
    for (std::size_t k = 0; k < n; ++k) {
      std::string row = "CASE-" + std::to_string(1000000 + c) + ",Activity " + std::to_string(rng() % 40) +
                        ",resource_" + std::to_string(rng() % 500) + "," +
                        timestamp(t, static_cast<int>(rng() % 3), static_cast<int>(rng() % 1000)) + "\n";
      if (rng() % 10 != 0) t += static_cast<std::int64_t>(rng() % 600);  // one in ten: a tie
      if (shuffled) rows.push_back(std::move(row));
      else buffer += row;
      ++written;
    }
    if (buffer.size() > (1u << 20)) std::fwrite(buffer.data(), 1, buffer.size(), out), buffer.clear();
  }
  if (shuffled) {
    std::shuffle(rows.begin(), rows.end(), rng);
    for (const auto &row : rows) {
      buffer += row;
      if (buffer.size() > (1u << 20)) std::fwrite(buffer.data(), 1, buffer.size(), out), buffer.clear();
    }
  }
  std::fwrite(buffer.data(), 1, buffer.size(), out);
  std::fclose(out);
  fs::rename(path.string() + ".tmp", path);
  return path;
}

double peak_rss_mb() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return static_cast<double>(usage.ru_maxrss) / 1024.0;  // kilobytes on Linux
}

void mine(benchmark::State &state, std::size_t events, bool shuffled, CaseOrder order) {
  const fs::path path = make_log(events, shuffled);
  const auto bytes = static_cast<std::int64_t>(fs::file_size(path));
  EventLogOptions options;
  options.order = order;
  std::size_t pairs = 0;
  for (auto _ : state) {
    SocialNetwork n = handover_of_work(EventLogSource::file(path), 0, options);
    pairs = n.pairs.size();
    benchmark::DoNotOptimize(n);
  }
  state.SetBytesProcessed(bytes * state.iterations());
  state.counters["events"] = static_cast<double>(events);
  state.counters["pairs"] = static_cast<double>(pairs);
  state.counters["peak_rss_MB"] = peak_rss_mb();
}

void BM_MineHandoverGrouped10M(benchmark::State &state) { mine(state, big_events, false, CaseOrder::detect); }
void BM_MineHandoverShuffled1M(benchmark::State &state) { mine(state, small_events, true, CaseOrder::detect); }

void BM_CsvReaderOnly10M(benchmark::State &state) {
  const fs::path path = make_log(big_events, false);
  const auto bytes = static_cast<std::int64_t>(fs::file_size(path));
  for (auto _ : state) {
    CsvReader csv = CsvReader::open(path);
    std::size_t n = 0;
    while (csv.next()) n += csv.field(2).size();
    benchmark::DoNotOptimize(n);
  }
  state.SetBytesProcessed(bytes * state.iterations());
}

}  // namespace

// Run first: the grouped log's peak RSS is then the process's.
BENCHMARK(BM_MineHandoverGrouped10M)->Unit(benchmark::kMillisecond)->Iterations(2);
BENCHMARK(BM_CsvReaderOnly10M)->Unit(benchmark::kMillisecond)->Iterations(2);
BENCHMARK(BM_MineHandoverShuffled1M)->Unit(benchmark::kMillisecond)->Iterations(2);
