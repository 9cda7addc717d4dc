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
  std::string case_id = "case:concept:name";  ///< header of the case id column
  std::string activity = "concept:name";  ///< header of the activity column
  std::string resource = "org:resource";  ///< header of the resource column
  std::string timestamp = "time:timestamp";  ///< header of the timestamp column (ISO 8601)
  /// The analyses do not need activities: by default the activity column is
  /// read when present and may be absent. Set to make its absence an error.
  bool require_activity = false;
};

/// How rows of one case are arranged in the file.
enum class CaseOrder : std::uint8_t {
  /// stream as if grouped; if a finished case shows up again, read the file again as `any`.
  /// A source that cannot be read twice (a pipe) is read once, as `any`.
  detect,
  grouped,  ///< stream; a case that shows up again after another one is a ParseError
  any,      ///< hold every event until the end of the file
};
/// "detect", "grouped" or "any".
std::string_view to_string(CaseOrder order);
/// The case order named by `text`; nullopt otherwise.
std::optional<CaseOrder> parse_case_order(std::string_view text);

/// Options of read_event_log() and the miners.
struct EventLogOptions {
  EventLogColumns columns;  ///< column names
  CsvOptions csv;  ///< CSV dialect (delimiter, limits)
  CaseOrder order = CaseOrder::detect;  ///< how rows of a case are arranged in the file
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
  std::uint32_t intern(std::string_view text);  ///< The id of `text`, adding it when new.
  /// The id of `text`, or nullopt when it was never interned.
  std::optional<std::uint32_t> find(std::string_view text) const;
  const std::string &name(std::uint32_t id) const { return names_[id]; }  ///< The text of an id.
  const std::vector<std::string> &names() const { return names_; }  ///< Every text, by id.
  std::size_t size() const { return names_.size(); }  ///< Number of distinct texts.
  void clear();  ///< Forgets every text.

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

/// One event of a case.
struct Event {
  std::int64_t time;        ///< microseconds since the epoch, UTC
  std::uint32_t resource;   ///< id in EventLogSummary::resources
  std::uint32_t activity;   ///< id in EventLogSummary::activities (0 when there is no activity column)
};

/// One case: its events ordered by time, ties in file order.
struct Trace {
  std::string_view case_id;  ///< the case's id (valid during on_case only)
  std::span<const Event> events;  ///< the case's events by time (valid during on_case only)
};

/// Receives the cases of a log.
class CaseVisitor {
 public:
  virtual ~CaseVisitor() = default;
  virtual void on_case(const Trace &trace) = 0;  ///< Receives one complete case.
  /// The log turned out not to be grouped by case (CaseOrder::detect): forget
  /// every case received so far; all of them will be sent again.
  virtual void restart() = 0;
};

/// Where an event log comes from: a file, or CSV text in memory (inline data
/// of a C API request).
class EventLogSource {
 public:
  static EventLogSource file(std::filesystem::path path);  ///< A log file.
  /// `text` must outlive every read of the source.
  static EventLogSource text(std::string_view csv, std::string name = "<input>");
  CsvReader open(const CsvOptions &options) const;  ///< Opens a CSV reader on the source.
  std::uint64_t size() const;  ///< bytes (0 when unknown)
  /// Whether the source can be read again from its start: text, or a regular
  /// file; not a pipe (a FIFO, /dev/stdin fed by a pipe).
  bool rereadable() const;
  const std::string &name() const { return name_; }  ///< the file name or the text's name, for messages

 private:
  std::filesystem::path path_;
  std::string_view text_;
  std::string name_;
  bool is_file_ = true;
};

/// What read_event_log() read.
struct EventLogSummary {
  std::size_t events = 0;  ///< events read
  std::size_t cases = 0;  ///< cases read
  bool grouped = true;  ///< rows of every case were contiguous
  std::uint64_t bytes = 0;  ///< bytes read
  StringTable resources;  ///< resource names, ids as in Event::resource
  StringTable activities;  ///< empty when the log has no activity column
};

/// Reads an event log and calls `visitor.on_case` once per case (after a
/// possible `restart`, see CaseOrder::detect). Errors: InputError when the file
/// cannot be read; ParseError with file, line and column for a missing column,
/// an empty case id or resource, a bad timestamp, malformed CSV, or (with
/// CaseOrder::grouped) a case that reappears.
EventLogSummary read_event_log(const EventLogSource &source, const EventLogOptions &options, CaseVisitor &visitor);

}  // namespace servicechain
