#include "servicechain/analysis/mining/event_log.hpp"

#include <algorithm>
#include <cstring>
#include <system_error>

#include "analysis/mining/hashing.hpp"
#include "servicechain/error.hpp"
#include "servicechain/log.hpp"

namespace servicechain {

using mining_detail::FingerprintSet;
using mining_detail::mix64;

std::string_view to_string(CaseOrder order) {
  switch (order) {
    case CaseOrder::detect: return "detect";
    case CaseOrder::grouped: return "grouped";
    case CaseOrder::any: return "any";
  }
  return "detect";
}

std::optional<CaseOrder> parse_case_order(std::string_view text) {
  if (text == "detect") return CaseOrder::detect;
  if (text == "grouped") return CaseOrder::grouped;
  if (text == "any") return CaseOrder::any;
  return std::nullopt;
}

std::uint64_t hash_bytes(std::string_view text) {
  const char *p = text.data();
  std::size_t n = text.size();
  std::uint64_t h = 0x9E3779B97F4A7C15ULL ^ (n * 0xC2B2AE3D27D4EB4FULL);
  while (n >= 8) {
    std::uint64_t w;
    std::memcpy(&w, p, 8);
    h = (h ^ (w * 0x87C37B91114253D5ULL)) * 0x9FB21C651E98DF25ULL;
    h ^= h >> 29;
    p += 8;
    n -= 8;
  }
  if (n > 0) {
    std::uint64_t w = 0;
    std::memcpy(&w, p, n);
    h = (h ^ (w * 0x87C37B91114253D5ULL)) * 0x9FB21C651E98DF25ULL;
  }
  return mix64(h);
}

// --- StringTable ---------------------------------------------------------------

namespace {
// A slot keeps the hash's upper half next to the id: most probes are decided
// without touching the strings.
constexpr std::uint64_t slot_of(std::uint64_t hash, std::size_t id) { return (hash & 0xFFFFFFFF00000000ULL) | (id + 1); }
constexpr std::uint32_t id_of(std::uint64_t slot) { return static_cast<std::uint32_t>(slot) - 1; }
constexpr bool same_tag(std::uint64_t slot, std::uint64_t hash) { return ((slot ^ hash) >> 32) == 0; }
}  // namespace

std::optional<std::uint32_t> StringTable::find(std::string_view text) const {
  if (slots_.empty()) return std::nullopt;
  const std::uint64_t h = hash_bytes(text);
  const std::size_t mask = slots_.size() - 1;
  for (std::size_t i = h & mask;; i = (i + 1) & mask) {
    const std::uint64_t s = slots_[i];
    if (s == 0) return std::nullopt;
    if (same_tag(s, h) && names_[id_of(s)] == text) return id_of(s);
  }
}

std::uint32_t StringTable::intern(std::string_view text) {
  if (last_ != UINT32_MAX && names_[last_] == text) return last_;
  if (2 * (names_.size() + 1) > slots_.size()) grow();
  const std::uint64_t h = hash_bytes(text);
  const std::size_t mask = slots_.size() - 1;
  for (std::size_t i = h & mask;; i = (i + 1) & mask) {
    const std::uint64_t s = slots_[i];
    if (s == 0) {
      if (names_.size() >= UINT32_MAX - 1) throw LimitError("more than 4 billion distinct strings in one event log");
      slots_[i] = slot_of(h, names_.size());
      names_.emplace_back(text);
      hashes_.push_back(h);
      return last_ = id_of(slots_[i]);
    }
    if (same_tag(s, h) && names_[id_of(s)] == text) return last_ = id_of(s);
  }
}

void StringTable::grow() {
  slots_.assign(slots_.empty() ? 64 : slots_.size() * 2, 0);
  const std::size_t mask = slots_.size() - 1;
  for (std::size_t id = 0; id < names_.size(); ++id) {
    std::size_t i = hashes_[id] & mask;
    while (slots_[i] != 0) i = (i + 1) & mask;
    slots_[i] = slot_of(hashes_[id], id);
  }
}

void StringTable::clear() { *this = StringTable(); }

// --- EventLogSource ------------------------------------------------------------

EventLogSource EventLogSource::file(std::filesystem::path path) {
  EventLogSource s;
  s.name_ = path.string();
  s.path_ = std::move(path);
  return s;
}

EventLogSource EventLogSource::text(std::string_view csv, std::string name) {
  EventLogSource s;
  s.text_ = csv;
  s.name_ = std::move(name);
  s.is_file_ = false;
  return s;
}

CsvReader EventLogSource::open(const CsvOptions &options) const {
  return is_file_ ? CsvReader::open(path_, options) : CsvReader::from_text(text_, name_, options);
}

bool EventLogSource::rereadable() const {
  std::error_code ec;
  return !is_file_ || std::filesystem::is_regular_file(path_, ec);
}

std::uint64_t EventLogSource::size() const {
  if (!is_file_) return text_.size();
  std::error_code ec;
  auto n = std::filesystem::file_size(path_, ec);
  return ec ? 0 : n;
}

// --- reading -------------------------------------------------------------------

namespace {

/// Thrown inside a CaseOrder::detect pass when a finished case shows up again.
struct NotGrouped {};

bool earlier(const Event &a, const Event &b) { return a.time < b.time; }

void order_by_time(std::span<Event> events) {
  if (!std::is_sorted(events.begin(), events.end(), earlier)) std::stable_sort(events.begin(), events.end(), earlier);
}

class Pass {
 public:
  Pass(const EventLogSource &source, const EventLogOptions &options, EventLogSummary &summary, CaseVisitor &visitor)
      : options_(options), summary_(summary), visitor_(visitor), csv_(source.open(options.csv)), total_(source.size()) {
    const EventLogColumns &c = options.columns;
    case_col_ = csv_.require_column(c.case_id);
    resource_col_ = csv_.require_column(c.resource);
    time_col_ = csv_.require_column(c.timestamp);
    if (c.require_activity) activity_col_ = csv_.require_column(c.activity);
    else activity_col_ = csv_.column(c.activity);
  }

  void streamed(bool detect) {
    std::string current;
    std::vector<Event> events;
    FingerprintSet finished;
    std::uint64_t current_hash = 0;
    bool any = false;
    while (next()) {
      std::string_view case_id = required(case_col_, "case id");
      Event event = read_event();
      if (!any || case_id != current) {
        if (any) {
          emit(current, events);
          finished.insert(current_hash);
        }
        current_hash = hash_bytes(case_id);
        if (finished.contains(current_hash)) {
          if (detect) throw NotGrouped{};
          csv_.fail(case_col_, "case \"" + std::string(case_id) +
                                   "\" appears again after other cases: the log is not grouped by case "
                                   "(read it with case order \"any\" or \"detect\")");
        }
        current.assign(case_id);
        events.clear();
        any = true;
      }
      events.push_back(event);
      progress();
    }
    if (any) emit(current, events);
  }

  void held() {
    StringTable cases;
    std::vector<Event> events;
    std::vector<std::uint32_t> case_of;
    std::uint32_t last = UINT32_MAX;
    while (next()) {
      std::string_view case_id = required(case_col_, "case id");
      Event event = read_event();
      const std::size_t known = cases.size();
      std::uint32_t c = cases.intern(case_id);
      if (c != last && c < known) summary_.grouped = false;
      last = c;
      events.push_back(event);
      case_of.push_back(c);
      progress();
    }
    // Counting sort by case keeps file order inside each case.
    std::vector<std::size_t> offsets(cases.size() + 1, 0);
    for (std::uint32_t c : case_of) ++offsets[c + 1];
    for (std::size_t c = 0; c < cases.size(); ++c) offsets[c + 1] += offsets[c];
    std::vector<Event> sorted(events.size());
    {
      std::vector<std::size_t> next(offsets.begin(), offsets.end() - 1);
      for (std::size_t i = 0; i < events.size(); ++i) sorted[next[case_of[i]]++] = events[i];
    }
    std::vector<Event>().swap(events);
    std::vector<std::uint32_t>().swap(case_of);
    for (std::size_t c = 0; c < cases.size(); ++c) {
      std::span<Event> trace(sorted.data() + offsets[c], offsets[c + 1] - offsets[c]);
      order_by_time(trace);
      visitor_.on_case({cases.name(static_cast<std::uint32_t>(c)), trace});
      ++summary_.cases;
    }
  }

  std::uint64_t bytes_read() const { return csv_.bytes_read(); }

 private:
  bool next() {
    if (!csv_.next()) return false;
    csv_.reject_extra_fields();
    return true;
  }

  std::string_view required(std::size_t column, const char *what) {
    if (column >= csv_.size()) csv_.fail_record("missing " + std::string(what) + " (the row has " + std::to_string(csv_.size()) + " fields)");
    std::string_view f = csv_.field(column);
    if (f.empty()) csv_.fail(column, "empty " + std::string(what));
    return f;
  }

  Event read_event() {
    Event event{};
    std::string_view resource = required(resource_col_, "resource");
    std::string_view time = required(time_col_, "timestamp");
    auto t = parse_timestamp(time);
    if (!t) {
      std::string shown(time.substr(0, 64));
      csv_.fail(time_col_, "bad timestamp \"" + shown + "\" in column \"" + options_.columns.timestamp +
                               "\": expected ISO 8601 such as 2026-03-02T11:01:00Z or 2026-03-02T12:01:00.250+01:00");
    }
    event.time = *t;
    event.resource = summary_.resources.intern(resource);
    if (activity_col_ && *activity_col_ < csv_.size()) event.activity = summary_.activities.intern(csv_.field(*activity_col_));
    ++summary_.events;
    return event;
  }

  void emit(const std::string &case_id, std::vector<Event> &events) {
    order_by_time(events);
    visitor_.on_case({case_id, events});
    ++summary_.cases;
  }

  void progress() {
    if (options_.progress && (summary_.events & 0xFFFF) == 0) options_.progress(csv_.bytes_read(), total_);
  }

  const EventLogOptions &options_;
  EventLogSummary &summary_;
  CaseVisitor &visitor_;
  CsvReader csv_;
  std::uint64_t total_;
  std::size_t case_col_ = 0, resource_col_ = 0, time_col_ = 0;
  std::optional<std::size_t> activity_col_;
};

}  // namespace

EventLogSummary read_event_log(const EventLogSource &source, const EventLogOptions &options, CaseVisitor &visitor) {
  EventLogSummary summary;
  auto finish = [&](Pass &pass) {
    summary.bytes = pass.bytes_read();
    if (options.progress) options.progress(summary.bytes, source.size());
    logger()->debug("event log read: {} events, {} cases, {} resources, {} bytes, grouped by case: {}", summary.events,
                    summary.cases, summary.resources.size(), summary.bytes, summary.grouped);
  };
  // A pipe cannot be read a second time (nor opened again: its writer may be
  // gone, or another would be awaited): detect holds its events from the start.
  const bool detect = options.order == CaseOrder::detect && source.rereadable();
  if (options.order == CaseOrder::detect && !detect)
    logger()->info("event log {} is a pipe, which can be read only once: holding every event until the end "
                   "(case order \"grouped\" streams a grouped log instead)", source.name());
  if (detect || options.order == CaseOrder::grouped) {
    Pass pass(source, options, summary, visitor);
    try {
      pass.streamed(detect);
      finish(pass);
      return summary;
    } catch (const NotGrouped &) {
      logger()->info("event log is not grouped by case: reading it again, holding every event until the end");
    }
    visitor.restart();
    summary.events = summary.cases = 0;
  }
  Pass pass(source, options, summary, visitor);
  pass.held();
  finish(pass);
  return summary;
}

}  // namespace servicechain
