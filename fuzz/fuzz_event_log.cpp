// Event-log reader (read_event_log) on CSV text, with the case order and a
// timestamp taken from the first bytes. Properties: the only exceptions are
// servicechain::Error; every case has a non-empty id and its events in time
// order with known resource ids; the visitor receives exactly summary.cases
// cases holding summary.events events; parse_timestamp is total.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "fuzz.hpp"
#include "servicechain/analysis/mining/event_log.hpp"
#include "servicechain/error.hpp"

using namespace servicechain;

namespace {

struct Checker final : CaseVisitor {
  std::size_t cases = 0, events = 0;
  void on_case(const Trace &trace) override {
    FUZZ_CHECK(!trace.case_id.empty());
    FUZZ_CHECK(!trace.events.empty());
    for (std::size_t i = 1; i < trace.events.size(); ++i) FUZZ_CHECK(trace.events[i - 1].time <= trace.events[i].time);
    ++cases;
    events += trace.events.size();
  }
  void restart() override { cases = events = 0; }
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size) {
  if (size < 1) return 0;
  // byte 0: bits 0-1 the case order, bit 2 require the activity column,
  // bit 3 the semicolon delimiter.
  EventLogOptions options;
  options.order = static_cast<CaseOrder>((data[0] & 3) % 3);
  options.columns.require_activity = data[0] & 4;
  if (data[0] & 8) options.csv.delimiter = ';';
  std::string_view text(reinterpret_cast<const char *>(data + 1), size - 1);

  // Timestamps on their own: the first line as one.
  std::string_view first_line = text.substr(0, text.find('\n'));
  if (auto t = parse_timestamp(first_line)) (void)*t;

  Checker checker;
  try {
    auto summary = read_event_log(EventLogSource::text(text, "fuzz.csv"), options, checker);
    FUZZ_CHECK(checker.cases == summary.cases);
    FUZZ_CHECK(checker.events == summary.events);
    FUZZ_CHECK(summary.cases <= summary.events);
  } catch (const Error &) {
  }
  return 0;
}
