#pragma once
// A streaming RFC 4180 CSV reader: header row, quoted fields with embedded
// delimiters, quotes ("") and newlines, CRLF or LF, a UTF-8 byte-order mark.
// Invalid UTF-8 is an error. Every error names the source, line and column.
// Memory is one record plus a fixed read buffer, whatever the file size.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace servicechain {

/// How a CSV file is read: dialect and limits.
struct CsvOptions {
  char delimiter = ',';        ///< comma, semicolon or tab
  bool decimal_comma = false;  ///< read "3,5" as 3.5 (use with ';' or tab)
  std::size_t max_field_bytes = std::size_t{1} << 20;  ///< any one field (after unquoting)
  std::size_t max_fields = 100000;                    ///< per record
  std::size_t max_record_bytes = std::size_t{64} << 20;  ///< one record, all its fields together
  /// Records after the header (LimitError past it). Streaming readers (surveys,
  /// event logs) keep no record, so the default is no bound; the imports that
  /// build a model from every row bound it (see OrgChartOptions, ServicesCsvOptions).
  std::size_t max_records = SIZE_MAX;
};

/// Parses the --delimiter option: "," ";" "tab" or `"\t"`; nullopt otherwise.
std::optional<char> parse_csv_delimiter(std::string_view text);

/// A streaming RFC 4180 CSV reader: one record in memory at a time; every error names
/// the source, line and column.
class CsvReader {
 public:
  /// Streams a file. Throws InputError if it cannot be opened, ParseError on a
  /// malformed header.
  static CsvReader open(const std::filesystem::path &file, const CsvOptions &options = {});
  /// Reads CSV text held in memory (e.g. inline data of a C API request).
  static CsvReader from_text(std::string_view text, std::string source, const CsvOptions &options = {});

  CsvReader(CsvReader &&) noexcept;             ///< Movable (a reader owns its file), not copyable.
  CsvReader &operator=(CsvReader &&) noexcept;  ///< Movable, not copyable.
  ~CsvReader();

  const std::string &source() const { return source_; }  ///< the file or text name, for messages
  const std::vector<std::string> &header() const { return header_; }  ///< the header row's names
  /// Index of a header column, or nullopt. Every lookup of a name goes through
  /// here: a name the header repeats is a ParseError at the repeat (its line and
  /// column, naming it), since which of the columns was meant is unknown.
  std::optional<std::size_t> column(std::string_view name) const;
  /// Index of a header column; throws ParseError (line 1) naming it when absent.
  std::size_t require_column(std::string_view name) const;
  /// Index of an optional column: it may be absent under its default name, but a
  /// name the caller chose instead must exist (ParseError at line 1 otherwise).
  std::optional<std::size_t> optional_column(std::string_view name, std::string_view default_name) const {
    if (name == default_name) return column(name);
    return require_column(name);
  }

  /// Reads the next record; false at the end. Blank lines are skipped.
  bool next();

  /// Fields of the current record (a record may have fewer fields than the header).
  std::size_t size() const { return ends_.size(); }
  /// Field i of the current record (empty when the record is shorter).
  std::string_view field(std::size_t i) const {
    return i < ends_.size() ? std::string_view(record_).substr(begin(i), ends_[i] - begin(i)) : std::string_view();
  }
  /// Field i without leading and trailing blanks (spaces, tabs): how exports pad cells.
  std::string_view text(std::size_t i) const {
    std::string_view f = field(i);
    while (!f.empty() && (f.front() == ' ' || f.front() == '\t')) f.remove_prefix(1);
    while (!f.empty() && (f.back() == ' ' || f.back() == '\t')) f.remove_suffix(1);
    return f;
  }
  /// Line where the current record starts (1-based; the header is line 1).
  std::size_t line() const { return record_line_; }
  /// Line and column (1-based, in bytes) where field i starts.
  std::size_t field_line(std::size_t i) const { return i < field_line_.size() ? field_line_[i] : record_line_; }
  /// see field_line
  std::size_t field_column(std::size_t i) const { return i < field_col_.size() ? field_col_[i] : 1; }
  /// Bytes consumed so far (for progress reporting).
  std::size_t bytes_read() const { return consumed_; }

  /// Throws ParseError at the first field past the header's width when the current
  /// record has more fields than the header.
  void reject_extra_fields() const;

  /// Field i as a number (empty → nullopt). Throws ParseError at its position if not numeric.
  std::optional<double> number(std::size_t i) const;
  /// Throws ParseError at field i's position with `message`.
  [[noreturn]] void fail(std::size_t i, const std::string &message) const;
  /// Throws ParseError at the current record with `message`.
  [[noreturn]] void fail_record(const std::string &message) const;

 private:
  CsvReader(std::string source, const CsvOptions &options);
  std::size_t begin(std::size_t i) const { return i == 0 ? 0 : ends_[i - 1]; }
  bool fill();
  // The record parser (read_record) in steps: a state machine over bytes.
  enum class State : unsigned char;
  bool read_record();
  void start_field();
  void check_limits() const;
  void append(char c);
  void end_field();
  void skip_lf_after_cr(char c);
  void end_record(char c);
  bool skip_bom();
  bool copy_run(State state);
  std::optional<State> at_field_start(char c, bool &any, bool &done);
  bool closes_field(char c, std::optional<State> &next);
  std::optional<State> in_unquoted(char c);
  State in_quoted(char c);
  std::optional<State> after_quote(char c);
  bool end_of_input(State state, bool any);
  void read_header(const char *missing);
  [[noreturn]] void fail_at(std::size_t line, std::size_t column, const std::string &message) const;
  void check_utf8() const;
  void set_stops();

  std::string source_;
  CsvOptions options_;
  std::FILE *file_ = nullptr;
  std::string buffer_;
  std::size_t pos_ = 0, end_ = 0;
  bool eof_ = false;
  std::size_t line_ = 1, col_ = 1, consumed_ = 0;
  std::string record_;
  std::vector<std::size_t> ends_, field_line_, field_col_;
  std::size_t record_line_ = 0, records_ = 0;
  std::vector<std::string> header_;
  std::vector<std::size_t> header_line_, header_col_;  // where each header name starts
  // Bytes that end a run of ordinary bytes outside and inside quotes.
  unsigned char stops_unquoted_[256] = {}, stops_quoted_[256] = {};
};

/// A CSV input named once and opened when read: a file, or text held in memory
/// (inline data of a request). Analyses that read CSV (surveys, policies, the
/// report) take one, so they run on either without a temporary file.
class CsvSource {
 public:
  /// A file, opened by open().
  static CsvSource file(std::filesystem::path path);
  /// Text held in memory (copied), named `name` in messages.
  static CsvSource text(std::string text, std::string name = "<input>");
  /// A streaming reader from the start (CsvReader::open or CsvReader::from_text).
  CsvReader open(const CsvOptions &options = {}) const;
  /// The file, or the text's name: what messages call it.
  const std::string &name() const { return name_; }

 private:
  CsvSource(bool is_file, std::string name, std::string text)
      : is_file_(is_file), name_(std::move(name)), text_(std::move(text)) {}
  bool is_file_;
  std::string name_;
  std::string text_;
};

}  // namespace servicechain
