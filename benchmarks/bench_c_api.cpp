// The C API on the bundled hotel (18 units), as an embedding program calls it:
// through libservicechain_c's exported sc_* functions only. Targets (issue #17):
// model load <= 300 us, analyze <= 100 us per call, no thread started.
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>

#include "servicechain/servicechain.h"

namespace {

const std::string &hotel_text() {
  static const std::string text = [] {
    std::ifstream in(std::string(SERVICECHAIN_SOURCE_DIR) + "/examples/hotel.json", std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
  }();
  return text;
}

sc_model *load() {
  char *error = nullptr;
  sc_model *model = sc_model_from_json(hotel_text().data(), hotel_text().size(), &error);
  if (!model) std::abort();
  return model;
}

void BM_CApiModelLoad(benchmark::State &state) {
  for (auto _ : state) {
    sc_model *model = load();
    benchmark::DoNotOptimize(model);
    sc_model_free(model);
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * hotel_text().size()));
}
BENCHMARK(BM_CApiModelLoad)->Unit(benchmark::kMicrosecond)->UseRealTime();

/// One request per iteration on a loaded hotel.
void run_request(benchmark::State &state, const char *request) {
  sc_model *model = load();
  for (auto _ : state) {
    char *error = nullptr;
    char *out = sc_run(model, request, &error);
    if (!out) std::abort();
    benchmark::DoNotOptimize(out);
    sc_string_free(out);
  }
  sc_model_free(model);
}

void BM_CApiAnalyze(benchmark::State &state) { run_request(state, "{\"command\": \"analyze\"}"); }
BENCHMARK(BM_CApiAnalyze)->Unit(benchmark::kMicrosecond)->UseRealTime();

void BM_CApiValidate(benchmark::State &state) { run_request(state, "{\"command\": \"validate\"}"); }
BENCHMARK(BM_CApiValidate)->Unit(benchmark::kMicrosecond)->UseRealTime();

void BM_CApiPeople(benchmark::State &state) { run_request(state, "{\"command\": \"people\"}"); }
BENCHMARK(BM_CApiPeople)->Unit(benchmark::kMicrosecond)->UseRealTime();

void BM_CApiSurveyNpsInline(benchmark::State &state) {
  run_request(state, "{\"command\": \"survey nps\", \"column\": \"score\", \"data\": \"score\\n9\\n10\\n3\\n7\\n8\\n\"}");
}
BENCHMARK(BM_CApiSurveyNpsInline)->Unit(benchmark::kMicrosecond)->UseRealTime();

}  // namespace
