#pragma once
// Streaming reader of CSV event logs (§4.10, docs/mining.md): one row per event
// with a case id, an activity, a resource and an ISO 8601 timestamp. Cases are
// handed to a visitor one at a time, their events ordered by timestamp (ties
// keep file order).
//
// Memory: a log grouped by case (all rows of a case together, in any order
// inside the case) is read holding only the current case's events, the string
// tables and a 64-bit fingerprint per finished case. A log in arbitrary order
// must be held whole (about 20 bytes per event plus the case ids) until the
// end, because a case is complete only at the end of the file.
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "servicechain/io/csv.hpp"

namespace servicechain {

/// Column names of an event log (the XES names PM4Py uses by default).
struct EventLogColumns {
  std::string case_id = "case:concept:name";
  std::string activity = "concept:name";
  std::string resource = "org:resource";
  std::string timestamp = "time:timestamp";
  /// The analyses do not need activities: by default the activity column is
  /// read when present and may be absent. Set to make its absence an error.
  bool require_activity = false;
};

/// How rows of one case are arranged in the file.
enum class CaseOrder : std::uint8_t {
  detect,   ///< stream as if grouped; if a finished case shows up again, read the file again as `any`
  grouped,  ///< stream; a case that shows up again after another one is a ParseError
  any,      ///< hold every event until the end of the file
};
std::string_view to_string(CaseOrder order);
std::optional<CaseOrder> parse_case_order(std::string_view text);

struct EventLogOptions {
  EventLogColumns columns;
  CsvOptions csv;
  CaseOrder order = CaseOrder::detect;
  /// Called now and then with the bytes read so far and the input's size.
  std::function<void(std::uint64_t bytes_read, std::uint64_t total_bytes)> progress;
};

/// Parses an ISO 8601 date-time into microseconds since 1970-01-01T00:00:00Z:
/// `YYYY-MM-DD`, optionally followed by `T` (or a space) and `hh:mm[:ss[.f...]]`
/// (comma also accepted as decimal mark; digits beyond microseconds are cut),
/// optionally followed by `Z` or an offset `±hh:mm`, `±hhmm`, `±hh`.
/// A time without zone is taken as UTC. Surrounding spaces are ignored.
/// nullopt when malformed or out of range (month 13, 30 February, hour 24, ...).
std::optional<std::int64_t> parse_timestamp(std::string_view text);

/// Interns strings as dense ids 0, 1, 2, ... in order of first appearance.
class StringTable {
 public:
  std::uint32_t intern(std::string_view text);
  std::optional<std::uint32_t> find(std::string_view text) const;
  const std::string &name(std::uint32_t id) const { return names_[id]; }
  const std::vector<std::string> &names() const { return names_; }
  std::size_t size() const { return names_.size(); }
  void clear();

 private:
  std::uint32_t insert(std::string_view text, std::uint64_t hash);
  void grow();
  std::vector<std::string> names_;
  std::vector<std::uint64_t> hashes_;  // per id
  std::vector<std::uint64_t> slots_;   // (hash >> 32) << 32 | (id + 1); 0 when empty
  std::uint32_t last_ = UINT32_MAX;    // last id returned: logs repeat the same resource often
};

/// 64-bit hash of a byte string (not cryptographic).
std::uint64_t hash_bytes(std::string_view text);

struct Event {
  std::int64_t time;        ///< microseconds since the epoch, UTC
  std::uint32_t resource;   ///< id in EventLogSummary::resources
  std::uint32_t activity;   ///< id in EventLogSummary::activities (0 when there is no activity column)
};

/// One case: its events ordered by time, ties in file order.
struct Trace {
  std::string_view case_id;
  std::span<const Event> events;
};

/// Receives the cases of a log.
class CaseVisitor {
 public:
  virtual ~CaseVisitor() = default;
  virtual void on_case(const Trace &trace) = 0;
  /// The log turned out not to be grouped by case (CaseOrder::detect): forget
  /// every case received so far; all of them will be sent again.
  virtual void restart() = 0;
};

/// Where an event log comes from: a file, or CSV text in memory (inline data
/// of a C API request).
class EventLogSource {
 public:
  static EventLogSource file(std::filesystem::path path);
  /// `text` must outlive every read of the source.
  static EventLogSource text(std::string_view csv, std::string name = "<input>");
  CsvReader open(const CsvOptions &options) const;
  std::uint64_t size() const;  ///< bytes (0 when unknown)
  const std::string &name() const { return name_; }

 private:
  std::filesystem::path path_;
  std::string_view text_;
  std::string name_;
  bool is_file_ = true;
};

struct EventLogSummary {
  std::size_t events = 0;
  std::size_t cases = 0;
  bool grouped = true;  ///< rows of every case were contiguous
  std::uint64_t bytes = 0;
  StringTable resources;
  StringTable activities;  ///< empty when the log has no activity column
};

/// Reads an event log and calls `visitor.on_case` once per case (after a
/// possible `restart`, see CaseOrder::detect). Errors: InputError when the file
/// cannot be read; ParseError with file, line and column for a missing column,
/// an empty case id or resource, a bad timestamp, malformed CSV, or (with
/// CaseOrder::grouped) a case that reappears.
EventLogSummary read_event_log(const EventLogSource &source, const EventLogOptions &options, CaseVisitor &visitor);

}  // namespace servicechain
