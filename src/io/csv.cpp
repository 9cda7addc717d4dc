#include "servicechain/io/csv.hpp"

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstring>
#include <simdjson.h>

#include "servicechain/error.hpp"
#include "open_file.hpp"

namespace servicechain {

namespace {
constexpr std::size_t chunk_bytes = std::size_t{1} << 20;
}

std::optional<char> parse_csv_delimiter(std::string_view text) {
  if (text == ",") return ',';
  if (text == ";") return ';';
  if (text == "tab" || text == "\\t" || text == "\t") return '\t';
  return std::nullopt;
}

CsvReader::CsvReader(std::string source, const CsvOptions &options) : source_(std::move(source)), options_(options) {
  set_stops();
}

void CsvReader::set_stops() {
  std::fill(std::begin(stops_unquoted_), std::end(stops_unquoted_), 0);
  std::fill(std::begin(stops_quoted_), std::end(stops_quoted_), 0);
  for (unsigned char c : {static_cast<unsigned char>(options_.delimiter), (unsigned char)'\n', (unsigned char)'\r', (unsigned char)'"'})
    stops_unquoted_[c] = 1;
  stops_quoted_[static_cast<unsigned char>('"')] = 1;
  stops_quoted_[static_cast<unsigned char>('\n')] = 1;
  // A NUL byte is an error at its position (C code reading the data would take it as the end).
  stops_unquoted_[0] = stops_quoted_[0] = 1;
}
CsvReader::CsvReader(CsvReader &&other) noexcept { *this = std::move(other); }
CsvReader &CsvReader::operator=(CsvReader &&other) noexcept {
  if (this != &other) {
    if (file_) std::fclose(file_);
    source_ = std::move(other.source_);
    options_ = other.options_;
    set_stops();
    file_ = std::exchange(other.file_, nullptr);
    buffer_ = std::move(other.buffer_);
    pos_ = other.pos_;
    end_ = other.end_;
    eof_ = other.eof_;
    line_ = other.line_;
    col_ = other.col_;
    consumed_ = other.consumed_;
    record_ = std::move(other.record_);
    ends_ = std::move(other.ends_);
    field_line_ = std::move(other.field_line_);
    field_col_ = std::move(other.field_col_);
    record_line_ = other.record_line_;
    records_ = other.records_;
    header_ = std::move(other.header_);
    header_line_ = std::move(other.header_line_);
    header_col_ = std::move(other.header_col_);
  }
  return *this;
}
CsvReader::~CsvReader() {
  if (file_) std::fclose(file_);
}

CsvReader CsvReader::open(const std::filesystem::path &file, const CsvOptions &options) {
  CsvReader reader(file.string(), options);
  reader.file_ = detail::open_for_reading(file);
  reader.buffer_.resize(chunk_bytes);
  reader.read_header("empty file: expected a header row");
  return reader;
}

CsvReader CsvReader::from_text(std::string_view text, std::string source, const CsvOptions &options) {
  CsvReader reader(std::move(source), options);
  reader.buffer_.assign(text);
  reader.end_ = text.size();
  reader.eof_ = true;
  reader.read_header("empty input: expected a header row");
  return reader;
}

void CsvReader::read_header(const char *missing) {
  if (!read_record()) fail_at(1, 1, missing);
  for (std::size_t i = 0; i < size(); ++i) header_.emplace_back(field(i));
  header_line_ = field_line_;
  header_col_ = field_col_;
}

std::optional<std::size_t> CsvReader::column(std::string_view name) const {
  auto it = std::find(header_.begin(), header_.end(), name);
  if (it == header_.end()) return std::nullopt;
  auto first = static_cast<std::size_t>(it - header_.begin());
  auto again = std::find(it + 1, header_.end(), name);
  if (again != header_.end()) {
    auto i = static_cast<std::size_t>(again - header_.begin());
    fail_at(header_line_[i], header_col_[i],
            "repeated column \"" + std::string(name) + "\" in the header (first at line " +
                std::to_string(header_line_[first]) + ", column " + std::to_string(header_col_[first]) + ")");
  }
  return first;
}

void CsvReader::reject_extra_fields() const {
  const std::size_t want = header_.size();
  if (size() > want) fail(want, "this row has " + std::to_string(size()) + " fields, the header has " + std::to_string(want));
}

std::size_t CsvReader::require_column(std::string_view name) const {
  if (auto c = column(name)) return *c;
  fail_at(1, 1, "missing column \"" + std::string(name) + "\" in the header");
}

void CsvReader::fail_at(std::size_t line, std::size_t column, const std::string &message) const {
  throw ParseError(source_, line, column, message);
}

void CsvReader::fail(std::size_t i, const std::string &message) const { fail_at(field_line(i), field_column(i), message); }
void CsvReader::fail_record(const std::string &message) const { fail_at(record_line_, 1, message); }

bool CsvReader::fill() {
  if (eof_ || !file_) return false;
  std::size_t n = std::fread(buffer_.data(), 1, buffer_.size(), file_);
  if (n == 0) {
    if (std::ferror(file_)) throw InputError(source_ + ": read error");
    eof_ = true;
    return false;
  }
  pos_ = 0;
  end_ = n;
  return true;
}

bool CsvReader::next() {
  if (!read_record()) return false;
  if (++records_ > options_.max_records)
    throw LimitError(source_ + ":" + std::to_string(record_line_) + ": more than " +
                     std::to_string(options_.max_records) + " records (the limit of this reader)");
  return true;
}

// The steps of read_record, each called from one place in the hot loop:
// inlined as the lambdas they were (member functions are not inlined by default).
#define SC_CSV_STEP [[gnu::always_inline]] inline

// Where the record parser stands: before a field, inside an unquoted or a
// quoted field, or just after a quote inside a quoted field.
enum class CsvReader::State : unsigned char { field_start, unquoted, quoted, quote_in_quoted };

SC_CSV_STEP void CsvReader::start_field() {
  field_line_.push_back(line_);
  field_col_.push_back(col_);
}

// After bytes were added to the current field.
SC_CSV_STEP void CsvReader::check_limits() const {
  if (record_.size() > options_.max_record_bytes)
    fail_at(record_line_, 1, "record longer than " + std::to_string(options_.max_record_bytes) + " bytes");
  if (record_.size() - (ends_.empty() ? 0 : ends_.back()) > options_.max_field_bytes)
    fail_at(field_line_.back(), field_col_.back(), "field longer than " + std::to_string(options_.max_field_bytes) + " bytes");
}

SC_CSV_STEP void CsvReader::append(char c) {
  record_.push_back(c);
  check_limits();
}

SC_CSV_STEP void CsvReader::end_field() {
  if (ends_.size() >= options_.max_fields) fail_at(line_, col_, "more than " + std::to_string(options_.max_fields) + " fields in one record");
  ends_.push_back(record_.size());
}

// A line break `c` was read: CR LF counts as one break.
SC_CSV_STEP void CsvReader::skip_lf_after_cr(char c) {
  if (c == '\r' && (pos_ < end_ || fill()) && buffer_[pos_] == '\n') ++pos_, ++consumed_;
}

// A line break `c` ends the record inside or after a field.
SC_CSV_STEP void CsvReader::end_record(char c) {
  skip_lf_after_cr(c);
  end_field();
  ++line_;
  col_ = 1;
  check_utf8();
}

// The UTF-8 byte order mark at the very start of the input: skipped.
SC_CSV_STEP bool CsvReader::skip_bom() {
  if (consumed_ != 0 || pos_ != 0 || end_ - pos_ < 3 || std::memcmp(buffer_.data(), "\xEF\xBB\xBF", 3) != 0) return false;
  pos_ += 3;
  consumed_ += 3;
  return true;
}

// Fast path inside a field: copies a run of ordinary bytes at once (most of a
// file's bytes). False when the next byte needs the state machine.
SC_CSV_STEP bool CsvReader::copy_run(State state) {
  const unsigned char *table = state == State::unquoted ? stops_unquoted_ : stops_quoted_;
  const char *data = buffer_.data();
  std::size_t stop = pos_;
  while (stop < end_ && !table[static_cast<unsigned char>(data[stop])]) ++stop;
  if (stop == pos_) return false;
  const std::size_t run = stop - pos_;
  record_.append(data + pos_, run);
  pos_ = stop;
  col_ += run;
  consumed_ += run;
  check_limits();
  return true;
}

// The byte at the start of a field (or of a record, when nothing was seen yet).
// Returns the next state, or nullopt when a line break ended the line: then
// `done` says whether it ended a record (false for a blank line).
SC_CSV_STEP std::optional<CsvReader::State> CsvReader::at_field_start(char c, bool &any, bool &done) {
  if (c == '\n' || c == '\r') {
    skip_lf_after_cr(c);
    if (any) start_field(), end_field();  // the line ended with a delimiter: one more empty field
    ++line_;
    col_ = 1;
    done = any;  // a blank line ends no record
    if (any) check_utf8();
    return std::nullopt;
  }
  if (!any) record_line_ = line_;
  any = true;
  start_field();
  ++col_;
  if (c == '"') return State::quoted;
  if (c == options_.delimiter) {
    end_field();
    return State::field_start;
  }
  append(c);
  return State::unquoted;
}

// After a field's last byte: a delimiter starts the next field (`next` =
// field_start), a line break ends the record (`next` = nullopt). False for any
// other byte.
SC_CSV_STEP bool CsvReader::closes_field(char c, std::optional<State> &next) {
  if (c == options_.delimiter) {
    ++col_;
    end_field();
    next = State::field_start;
    return true;
  }
  if (c == '\n' || c == '\r') {
    end_record(c);
    next = std::nullopt;
    return true;
  }
  return false;
}

// A byte inside an unquoted field; nullopt when it ended the record.
SC_CSV_STEP std::optional<CsvReader::State> CsvReader::in_unquoted(char c) {
  if (std::optional<State> next; closes_field(c, next)) return next;
  if (c == '"') fail_at(line_, col_, "a quote inside an unquoted field (quote the whole field and double the quote)");
  ++col_;
  append(c);
  return State::unquoted;
}

// A byte inside a quoted field.
SC_CSV_STEP CsvReader::State CsvReader::in_quoted(char c) {
  if (c == '"') {
    ++col_;
    return State::quote_in_quoted;
  }
  if (c == '\n') ++line_, col_ = 1;
  else ++col_;
  append(c);
  return State::quoted;
}

// The byte after a quote inside a quoted field: a doubled quote, or the end of
// the field; nullopt when it ended the record.
SC_CSV_STEP std::optional<CsvReader::State> CsvReader::after_quote(char c) {
  if (c == '"') {  // "" inside quotes
    ++col_;
    append('"');
    return State::quoted;
  }
  if (std::optional<State> next; closes_field(c, next)) return next;
  fail_at(line_, col_, "unexpected character after a closing quote");
}

// The input ended in `state`: closes the last record, if there is one.
bool CsvReader::end_of_input(State state, bool any) {
  if (state == State::quoted) fail_at(field_line_.back(), field_col_.back(), "unterminated quoted field");
  if (!any) return false;
  if (state == State::field_start) start_field();  // the record ended with a delimiter: one more empty field
  end_field();
  check_utf8();
  return true;
}

bool CsvReader::read_record() {
  record_.clear();
  ends_.clear();
  field_line_.clear();
  field_col_.clear();
  State state = State::field_start;
  bool any = false;  // anything seen in this record
  for (;;) {
    if (pos_ == end_ && !fill()) break;
    if (skip_bom()) continue;
    if ((state == State::unquoted || state == State::quoted) && copy_run(state)) continue;
    const char c = buffer_[pos_];
    if (c == '\0') fail_at(line_, col_, "a NUL byte (U+0000), which a CSV text may not contain");
    ++pos_;
    ++consumed_;
    std::optional<State> next = state;
    switch (state) {
      case State::field_start: {
        bool done = false;
        next = at_field_start(c, any, done);
        if (!next && !done) continue;  // a blank line
        break;
      }
      case State::unquoted: next = in_unquoted(c); break;
      case State::quoted: next = in_quoted(c); break;
      case State::quote_in_quoted: next = after_quote(c); break;
    }
    if (!next) return true;
    state = *next;
  }
  return end_of_input(state, any);
}

#undef SC_CSV_STEP

void CsvReader::check_utf8() const {
  // The fields are stored one after another in record_, so the record can be valid
  // UTF-8 while a field is not: a character may straddle two fields ("\xC3" then
  // "\x93..." reads as one "Ó"; found by fuzz_orgchart). The record is checked at
  // once, and each field must also start on a character, not a continuation byte.
  const auto continuation = [&](std::size_t at) {
    return at < record_.size() && (static_cast<unsigned char>(record_[at]) & 0xC0) == 0x80;
  };
  bool valid = simdjson::validate_utf8(record_.data(), record_.size());
  for (std::size_t i = 1; valid && i < ends_.size(); ++i) valid = !continuation(begin(i));
  if (valid) return;
  for (std::size_t i = 0; i < ends_.size(); ++i) {
    auto f = field(i);
    if (!simdjson::validate_utf8(f.data(), f.size())) fail(i, "invalid UTF-8 in this field");
  }
  fail_record("invalid UTF-8");
}

std::optional<double> CsvReader::number(std::size_t i) const {
  std::string_view f = text(i);
  if (f.empty()) return std::nullopt;
  std::string local;
  if (options_.decimal_comma && f.find(',') != std::string_view::npos) {
    local.assign(f);
    std::replace(local.begin(), local.end(), ',', '.');
    f = local;
  }
  bool plus = f.front() == '+';
  if (plus) f.remove_prefix(1);
  double value = 0;
  auto [ptr, ec] = std::from_chars(f.data(), f.data() + f.size(), value);
  if (ec != std::errc() || ptr != f.data() + f.size() || !std::isfinite(value) || (plus && f.front() == '-')) {
    std::string name = i < header_.size() ? " in column \"" + header_[i] + "\"" : "";
    fail(i, "expected a number" + name + ", found \"" + std::string(field(i)) + "\"");
  }
  return value;
}

CsvSource CsvSource::file(std::filesystem::path path) { return CsvSource(true, path.string(), {}); }

CsvSource CsvSource::text(std::string text, std::string name) { return CsvSource(false, std::move(name), std::move(text)); }

CsvReader CsvSource::open(const CsvOptions &options) const {
  return is_file_ ? CsvReader::open(name_, options) : CsvReader::from_text(text_, name_, options);
}

}  // namespace servicechain
