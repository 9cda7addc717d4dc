#include "servicechain/io/json_writer.hpp"

#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstring>

namespace servicechain {

namespace {

/// Whether a byte needs an escape in JSON: below 0x20, '"' or '\\'.
bool needs_escape(unsigned char c) { return c < 0x20 || c == '"' || c == '\\'; }

/// Whether one of the 8 bytes of `w` needs_escape (exact: the classic
/// zero-byte and less-than tests on a word).
bool any_needs_escape(std::uint64_t w) {
  constexpr std::uint64_t ones = 0x0101010101010101ULL, highs = 0x8080808080808080ULL;
  const auto has_zero = [&](std::uint64_t v) { return (v - ones) & ~v & highs; };
  return (has_zero(w ^ (ones * '"')) | has_zero(w ^ (ones * '\\')) | ((w - ones * 0x20) & ~w & highs)) != 0;
}

}  // namespace

void JsonWriter::append_string(std::string &out, std::string_view text) {
  static constexpr char hex[] = "0123456789abcdef";
  std::size_t i = 0;
  // Eight bytes at a time to the first that may need an escape (a byte at a
  // time was most of writing keys and ids).
  for (std::uint64_t w; i + 8 <= text.size(); i += 8) {
    std::memcpy(&w, text.data() + i, 8);
    if (any_needs_escape(w)) break;
  }
  while (i < text.size() && !needs_escape(static_cast<unsigned char>(text[i]))) ++i;
  // Most strings (every key, most ids) need no escape: one copy in one call.
  if (i == text.size()) {
    const std::size_t at = out.size();
    out.resize(at + text.size() + 2);
    char *p = out.data() + at;
    *p = '"';
    std::memcpy(p + 1, text.data(), text.size());
    p[text.size() + 1] = '"';
    return;
  }
  out.push_back('"');
  // Plain bytes are copied in runs: a push_back per byte was most of writing ids and keys.
  std::size_t run = 0;
  for (; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (!needs_escape(c)) continue;
    out.append(text.data() + run, i - run);
    run = i + 1;
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      case '\b': out += "\\b"; break;
      case '\f': out += "\\f"; break;
      default:
        out += "\\u00";
        out.push_back(hex[c >> 4]);
        out.push_back(hex[c & 15]);
    }
  }
  out.append(text.data() + run, text.size() - run);
  out.push_back('"');
}

void JsonWriter::append_number(std::string &out, double number) {
  if (!std::isfinite(number)) {
    out += "null";
    return;
  }
  char buffer[32];
  auto result = std::to_chars(buffer, buffer + sizeof buffer, number);
  out.append(buffer, result.ptr);
}

void JsonWriter::newline() {
  if (indent_ <= 0) return;
  // A newline and the usual indentation in one append: two calls per item were
  // a fifth of writing a small result.
  static constexpr std::string_view newline_and_spaces =
      "\n                                                                ";
  const std::size_t spaces = has_items_.size() * static_cast<std::size_t>(indent_);
  if (spaces < newline_and_spaces.size()) {
    out_.append(newline_and_spaces.data(), spaces + 1);
    return;
  }
  out_.push_back('\n');
  out_.append(spaces, ' ');
}

void JsonWriter::before_value() {
  if (after_key_) {
    after_key_ = false;
    return;
  }
  if (!has_items_.empty()) {
    if (has_items_.back()) out_.push_back(',');
    has_items_.back() = true;
    newline();
  }
}

JsonWriter &JsonWriter::begin_object() {
  before_value();
  out_.push_back('{');
  has_items_.push_back(false);
  return *this;
}

JsonWriter &JsonWriter::close(char bracket) {
  bool had_items = has_items_.back();
  has_items_.pop_back();
  if (had_items) newline();
  out_.push_back(bracket);
  if (sink_ && out_.size() > threshold_) flush();
  return *this;
}

JsonWriter &JsonWriter::end_object() { return close('}'); }

JsonWriter &JsonWriter::begin_array() {
  before_value();
  out_.push_back('[');
  has_items_.push_back(false);
  return *this;
}

JsonWriter &JsonWriter::end_array() { return close(']'); }

JsonWriter &JsonWriter::key(std::string_view name) {
  before_value();
  append_string(out_, name);
  out_ += indent_ > 0 ? ": " : ":";
  after_key_ = true;
  return *this;
}

JsonWriter &JsonWriter::value(std::string_view text) {
  before_value();
  append_string(out_, text);
  return *this;
}

JsonWriter &JsonWriter::value(double number) {
  before_value();
  append_number(out_, number);
  return *this;
}

JsonWriter &JsonWriter::value(std::int64_t number) {
  before_value();
  char buffer[24];
  auto result = std::to_chars(buffer, buffer + sizeof buffer, number);
  out_.append(buffer, result.ptr);
  return *this;
}

JsonWriter &JsonWriter::value(std::uint64_t number) {
  before_value();
  char buffer[24];
  auto result = std::to_chars(buffer, buffer + sizeof buffer, number);
  out_.append(buffer, result.ptr);
  return *this;
}

JsonWriter &JsonWriter::value(bool flag) {
  before_value();
  out_ += flag ? "true" : "false";
  return *this;
}

JsonWriter &JsonWriter::null() {
  before_value();
  out_ += "null";
  return *this;
}

JsonWriter &JsonWriter::raw(std::string_view json) {
  before_value();
  out_ += json;
  return *this;
}

}  // namespace servicechain
