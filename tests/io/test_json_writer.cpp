// JsonWriter (src/io/json_writer.cpp): escapes and indentation against a
// byte-at-a-time reference, on every position of a word-at-a-time scan.
#include "servicechain/io/json_writer.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <string>
#include <string_view>

using servicechain::JsonWriter;

namespace {

std::string reference_escape(std::string_view text) {
  static constexpr char hex[] = "0123456789abcdef";
  std::string out = "\"";
  for (const char ch : text) {
    const auto c = static_cast<unsigned char>(ch);
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      case '\b': out += "\\b"; break;
      case '\f': out += "\\f"; break;
      default:
        if (c < 0x20) {
          out += "\\u00";
          out.push_back(hex[c >> 4]);
          out.push_back(hex[c & 15]);
        } else {
          out.push_back(ch);
        }
    }
  }
  return out + "\"";
}

}  // namespace

TEST_CASE("json writer: every special byte is escaped at every position of strings up to 24 bytes") {
  // 0x1f and 0x20 sit on the less-than test's edge, 0x21/0x23 beside '"', 0x5b/0x5d beside '\\',
  // 0x7f and UTF-8 bytes must pass through.
  const std::string specials[] = {"\"", "\\", "\n", "\x01", "\x1f", " ", "!", "#", "[", "]", "\x7f", "\xc3\xa9", std::string(1, '\0')};
  for (std::size_t length = 0; length <= 24; ++length) {
    for (std::size_t at = 0; at <= length; ++at) {
      for (const std::string &special : specials) {
        std::string text(length, 'a');
        text.insert(at, special);
        std::string out;
        JsonWriter::append_string(out, text);
        REQUIRE(out == reference_escape(text));
        REQUIRE(nlohmann::json::parse(out).get<std::string>() == text);
      }
    }
  }
}

TEST_CASE("json writer: indentation past the prepared run of spaces") {
  std::string out;
  JsonWriter w(out, 2);
  for (int depth = 0; depth < 40; ++depth) w.begin_array();
  w.value(1);
  for (int depth = 0; depth < 40; ++depth) w.end_array();
  REQUIRE(out.find("\n" + std::string(80, ' ') + "1\n" + std::string(78, ' ') + "]") != std::string::npos);
  REQUIRE(nlohmann::json::parse(out).dump() == std::string(40, '[') + "1" + std::string(40, ']'));
}
