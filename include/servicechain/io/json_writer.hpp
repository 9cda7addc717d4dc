#pragma once
// A small streaming JSON writer. Numbers are written in the shortest form that
// reads back to the same double (std::to_chars); non-finite numbers become null.
// Streaming keeps the CLI's output memory flat for million-unit results, which a
// DOM library (build the whole tree, then dump) does not.
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace servicechain {

/// Writes JSON into a string as it goes, with shortest round-trip numbers (the
/// CLI's --json output). Calls chain: `w.begin_object().field("n", 3).end_object()`.
class JsonWriter {
 public:
  /// Appends to `out`. `indent` spaces per level; 0 writes compact JSON.
  explicit JsonWriter(std::string &out, int indent = 2) : out_(out), indent_(indent) {}

  JsonWriter &begin_object();  ///< Opens an object: `{`.
  JsonWriter &end_object();    ///< Closes the innermost object.
  JsonWriter &begin_array();   ///< Opens an array: `[`.
  JsonWriter &end_array();     ///< Closes the innermost array.
  JsonWriter &key(std::string_view name);  ///< The key of the next value inside an object.

  /// Writes one value (string, number or boolean); inside an object, after key().
  ///@{
  JsonWriter &value(std::string_view text);
  JsonWriter &value(const char *text) { return value(std::string_view(text)); }
  JsonWriter &value(const std::string &text) { return value(std::string_view(text)); }
  JsonWriter &value(double number);
  JsonWriter &value(std::int64_t number);
  JsonWriter &value(std::uint64_t number);
  JsonWriter &value(int number) { return value(static_cast<std::int64_t>(number)); }
  JsonWriter &value(unsigned number) { return value(static_cast<std::uint64_t>(number)); }
  JsonWriter &value(long long number) { return value(static_cast<std::int64_t>(number)); }
  JsonWriter &value(unsigned long long number) { return value(static_cast<std::uint64_t>(number)); }
  JsonWriter &value(bool flag);
  ///@}
  JsonWriter &null();  ///< Writes `null`.
  /// Inserts already-serialized JSON (e.g. an "x-" value) as one value.
  JsonWriter &raw(std::string_view json);
  /// The value, or `null` when empty.
  template <class T>
  JsonWriter &value(const std::optional<T> &v) { return v ? value(*v) : null(); }

  /// key(name).value(v) in one call.
  template <class T>
  JsonWriter &field(std::string_view name, const T &v) { key(name); return value(v); }

  /// From now on, whenever a closed object or array leaves more than
  /// `threshold` bytes in the output string, hands them to `sink` and empties
  /// the string: output of any size in bounded memory. Call flush() at the end.
  void stream_to(std::function<void(std::string_view)> sink, std::size_t threshold = std::size_t{1} << 20) {
    sink_ = std::move(sink);
    threshold_ = threshold;
  }
  /// Hands what is left in the output string to the sink of stream_to, if any.
  void flush() {
    if (sink_ && !out_.empty()) sink_(out_);
    if (sink_) out_.clear();
  }

  /// Writes `text` as a JSON string literal (with escapes) onto `out`.
  static void append_string(std::string &out, std::string_view text);
  /// Writes the shortest round-trip form of `number` (null when not finite).
  static void append_number(std::string &out, double number);

 private:
  void before_value();
  JsonWriter &close(char bracket);
  void newline();
  std::string &out_;
  std::function<void(std::string_view)> sink_;  ///< see stream_to
  std::size_t threshold_ = 0;
  int indent_;
  std::vector<bool> has_items_;  // one per open container
  bool after_key_ = false;
};

}  // namespace servicechain
