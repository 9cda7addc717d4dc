#include "json_locate.hpp"

#include <algorithm>
#include <iterator>
#include <utility>
#include <nlohmann/json.hpp>
#include <vector>

#include "servicechain/text.hpp"

namespace servicechain::detail {

namespace {

/// The bytes of the text, read in chunks, with the position of the last byte
/// handed out and a guard that ends the text early (as if it ended there) at a
/// NUL byte, at a string past the length limit, or at a bracket too deep.
class GuardedBytes {
 public:
  GuardedBytes(const ReadBytes &read, std::size_t max_string_bytes, std::size_t max_depth)
      : read_(read), max_string_(max_string_bytes), max_depth_(max_depth), buffer_(std::size_t{1} << 16) {}

  /// The next byte, or nullopt at the end (or where the guard stopped the text).
  std::optional<char> next() {
    if (stop_ || (at_ == size_ && !refill())) return std::nullopt;
    const char c = buffer_[at_];
    if (!guard(c)) return std::nullopt;
    ++at_;
    advance_position(c);
    return c;
  }

  /// The parser took the byte handed out last (the cursor reads one byte ahead
  /// of it): errors are placed at the byte the parser took last.
  void consume() {
    before_ = taken_;
    taken_ = {line_, column_};
    ++taken_count_;
  }
  /// Line and column of the `chars`-th byte the parser took (nlohmann's error
  /// position; it may have given back the last byte it looked at).
  std::pair<std::size_t, std::size_t> place(std::size_t chars) const {
    const auto &at = chars + 1 == taken_count_ ? before_ : taken_;
    return {at.first, std::max<std::size_t>(at.second, 1)};
  }
  /// Why the text was cut short, with the position of the byte concerned.
  const std::optional<JsonProblem> &stop() const { return stop_; }

 private:
  bool refill() {
    size_ = read_(buffer_.data(), buffer_.size());
    at_ = 0;
    return size_ > 0;
  }

  void advance_position(char c) {
    // line_/column_ are those of the byte just handed out
    if (after_newline_) ++line_, column_ = 0, after_newline_ = false;
    ++column_;
    after_newline_ = c == '\n';
  }

  /// False (and stop_ set, at the position of `c`) when `c` must end the text.
  bool guard(char c) {
    const auto stop_here = [&](std::string message, bool limit) {
      std::size_t line = line_, column = column_ + 1;
      if (after_newline_) ++line, column = 1;
      stop_ = JsonProblem{line, column, std::move(message), limit};
      return false;
    };
    if (c == '\0') return stop_here("a NUL byte (U+0000), which JSON does not allow", false);
    if (in_string_) {
      if (escaped_) escaped_ = false;
      else if (c == '\\') escaped_ = true;
      else if (c == '"') in_string_ = false;
      if (in_string_ && ++string_bytes_ > max_string_)
        return stop_here("string longer than the limit of " + std::to_string(max_string_) + " bytes", true);
    } else if (c == '"') {
      in_string_ = true;
      string_bytes_ = 0;
    } else if (c == '[' || c == '{') {
      if (++depth_ > max_depth_)
        return stop_here("nesting deeper than the limit of " + std::to_string(max_depth_) + " levels", true);
    } else if ((c == ']' || c == '}') && depth_ > 0) {
      --depth_;
    }
    return true;
  }

  const ReadBytes &read_;
  std::size_t max_string_, max_depth_;
  std::vector<char> buffer_;
  std::size_t size_ = 0, at_ = 0;
  std::size_t line_ = 1, column_ = 0;
  std::pair<std::size_t, std::size_t> taken_{1, 0}, before_{1, 0};
  std::size_t taken_count_ = 0;
  bool after_newline_ = false;
  bool in_string_ = false, escaped_ = false;
  std::size_t string_bytes_ = 0, depth_ = 0;
  std::optional<JsonProblem> stop_;
};

/// An input iterator over GuardedBytes for nlohmann's SAX parser; the default
/// one is the end.
class Cursor {
 public:
  using iterator_category = std::input_iterator_tag;
  using value_type = char;
  using difference_type = std::ptrdiff_t;
  using pointer = const char *;
  using reference = const char &;

  Cursor() = default;
  explicit Cursor(GuardedBytes &bytes) : bytes_(&bytes) { load(); }
  const char &operator*() const { return current_; }
  Cursor &operator++() {
    load();
    return *this;
  }
  Cursor operator++(int) {
    Cursor before = *this;
    load();
    return before;
  }
  bool operator==(const Cursor &other) const { return at_end() == other.at_end(); }
  bool operator!=(const Cursor &other) const { return !(*this == other); }

 private:
  bool at_end() const { return !bytes_ || ended_; }
  void load() {
    if (started_) bytes_->consume();  // moving on: the parser took current_
    started_ = true;
    auto c = bytes_->next();
    ended_ = !c;
    current_ = c.value_or('\0');
  }
  GuardedBytes *bytes_ = nullptr;
  char current_ = '\0';
  bool ended_ = true, started_ = false;
};

/// Keeps the first syntax error (nlohmann's message) and where it was read.
struct ErrorPlace final : nlohmann::json_sax<nlohmann::json> {
  explicit ErrorPlace(const GuardedBytes &bytes) : bytes_(bytes) {}
  std::optional<JsonProblem> problem;
  bool null() override { return true; }
  bool boolean(bool) override { return true; }
  bool number_integer(number_integer_t) override { return true; }
  bool number_unsigned(number_unsigned_t) override { return true; }
  bool number_float(number_float_t, const string_t &) override { return true; }
  bool string(string_t &) override { return true; }
  bool binary(binary_t &) override { return true; }
  bool start_object(std::size_t) override { return true; }
  bool key(string_t &) override { return true; }
  bool end_object() override { return true; }
  bool start_array(std::size_t) override { return true; }
  bool end_array() override { return true; }
  bool parse_error(std::size_t position, const std::string &, const nlohmann::detail::exception &e) override {
    const auto [line, column] = bytes_.place(position);
    problem = JsonProblem{line, column, readable(e.what()), false};
    return false;
  }

 private:
  /// nlohmann's "[json.exception.parse_error.101] parse error at line 1, column 2: syntax error ...; last read: '...'"
  /// as "JSON syntax error: syntax error ...", the input it quotes bounded and escaped.
  static std::string readable(std::string what) {
    const auto colon = what.find(": ");
    if (colon != std::string::npos) what = what.substr(colon + 2);
    std::string out = "JSON syntax error: ";
    const auto quote = what.find("last read: '");
    if (quote == std::string::npos) return out + escape_control(what, false);
    const std::size_t begin = quote + 12;
    const std::size_t end = what.size() > begin && what.back() == '\'' ? what.size() - 1 : what.size();
    out += escape_control(std::string_view(what).substr(0, begin), false);
    out += excerpt(std::string_view(what).substr(begin, end - begin));
    return out + "'";
  }
  const GuardedBytes &bytes_;
};

}  // namespace

std::optional<JsonProblem> locate_json_problem(const ReadBytes &read, std::size_t max_string_bytes, std::size_t max_depth) {
  GuardedBytes bytes(read, max_string_bytes, max_depth);
  ErrorPlace place(bytes);
  try {
    nlohmann::json::sax_parse(Cursor(bytes), Cursor(), &place);
  } catch (const std::exception &) {
  }
  // A guard cut the text short: that is the problem, wherever the parser then
  // saw the (false) end of the input.
  if (bytes.stop()) return bytes.stop();
  return place.problem;
}

}  // namespace servicechain::detail
