// Safe text and bounded reads (docs/reliability.md, "Safe text" and the limits):
// control characters in ids and names, NUL bytes in JSON and CSV, bounded
// excerpts in messages, x- values under the string limit, and model files too
// large to read whole.
#include <catch2/catch.hpp>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <unistd.h>

#include "servicechain/error.hpp"
#include "servicechain/io/csv.hpp"
#include "servicechain/io/model_json.hpp"
#include "servicechain/text.hpp"
#include "servicechain/validate.hpp"

using namespace servicechain;
namespace fs = std::filesystem;

namespace {

const std::string unit_model_head = R"({"format": "servicechain/1", "units": [{"id": )";

std::string parse_error(std::string_view text, const ReadLimits &limits = {}) {
  Diagnostics diagnostics;
  try {
    parse_model_json(text, diagnostics, "m.json", limits);
  } catch (const Error &e) {
    return e.what();
  }
  return "no error";
}

Diagnostics diagnostics_of(std::string_view text, const ReadLimits &limits = {}) {
  Diagnostics diagnostics;
  Model model = parse_model_json(text, diagnostics, "m.json", limits);
  validate_after_parse(model, diagnostics);
  return diagnostics;
}

bool has(const Diagnostics &d, const std::string &path, const std::string &code) {
  for (const auto &e : d.errors)
    if (e.path == path && e.code == code) return true;
  return false;
}

std::string csv_error(const std::string &text) {
  try {
    auto reader = CsvReader::from_text(text, "data.csv");
    while (reader.next()) {
    }
  } catch (const Error &e) {
    return e.what();
  }
  return "no error";
}

}  // namespace

TEST_CASE("safe text: escape_control and excerpt") {
  CHECK(escape_control("plain text, ñandú") == "plain text, ñandú");
  CHECK(escape_control("a\x1b[31mred\x1b[0m") == "a\\u001B[31mred\\u001B[0m");
  CHECK(escape_control("line\nnext\ttab\r") == "line\nnext\ttab\\u000D");
  CHECK(escape_control("line\n", false) == "line\\u000A");
  CHECK(escape_control(std::string("nul\0!", 5)) == "nul\\u0000!");
  CHECK(escape_control("del\x7f c1\xc2\x85 end") == "del\\u007F c1\\u0085 end");
  CHECK(escape_control("bad\xff utf8\xc3") == "bad\\xFF utf8\\xC3");
  CHECK(excerpt("short") == "short");
  const std::string long_text(1000, 'a');
  CHECK(excerpt(long_text) == std::string(80, 'a') + "\u2026");
  CHECK(excerpt(std::string(100, 'n') + "ñ", 100) == std::string(100, 'n') + "\u2026");
  CHECK(find_control_character("ok") == std::nullopt);
  CHECK(find_control_character("o\xc2\x9fk") == 1u);
  CHECK(find_control_character("ok\x7f") == 2u);
  CHECK(find_control_character("ñ\xc2\xa0") == std::nullopt);  // NBSP is not a control character
}

TEST_CASE("safe text: control characters in ids and names are validation errors at their JSON path") {
  const std::string model = unit_model_head + R"("ops\u0000", "name": "Ops\u001b[31m", "level": "operative"}],
      "segments": [{"id": "guests", "name": "Guests\u0085", "size": 1}], "organization": {"id": "o", "name": "O\u007f"}})";
  const Diagnostics d = diagnostics_of(model);
  CHECK(has(d, "/units/0/id", "control_character"));
  CHECK(has(d, "/units/0/name", "control_character"));
  CHECK(has(d, "/segments/0/name", "control_character"));
  CHECK(has(d, "/organization/name", "control_character"));
  for (const auto &e : d.errors) CHECK(!find_control_character(e.message));  // messages show escapes, not the characters
}

TEST_CASE("safe text: a NUL byte in JSON or CSV is an error at its line and column") {
  std::string json = "{\"format\": \"servicechain/1\",\n  \"units\": [";
  json.push_back('\0');
  json += "]}";
  CHECK_THAT(parse_error(json), Catch::Contains("m.json:2:13:") && Catch::Contains("NUL byte"));
  std::string in_string = "{\"format\": \"servi";
  in_string.push_back('\0');
  in_string += "\"}";
  CHECK_THAT(parse_error(in_string), Catch::Contains("m.json:1:18:") && Catch::Contains("NUL byte"));
  std::string trailing = "{\"format\": \"servicechain/1\"}\n";
  trailing.push_back('\0');
  CHECK_THAT(parse_error(trailing), Catch::Contains("m.json:2:1:") && Catch::Contains("NUL byte"));

  std::string csv = "a,b\n1,x";
  csv.push_back('\0');
  csv += "y\n";
  CHECK_THAT(csv_error(csv), Catch::Contains("data.csv:2:4") && Catch::Contains("NUL byte"));
  std::string quoted = "a,b\n\"1";
  quoted.push_back('\0');
  quoted += "\",2\n";
  CHECK_THAT(csv_error(quoted), Catch::Contains("data.csv:2:3") && Catch::Contains("NUL byte"));
}

TEST_CASE("safe text: error messages quote at most a bounded excerpt of the input") {
  const std::string key(5000, 'k');
  const Diagnostics d = diagnostics_of(R"({"format": "servicechain/1", ")" + key + R"(": 1})");
  REQUIRE(has(d, "/" + key, "unknown_key"));
  for (const auto &e : d.errors) CHECK(e.message.size() < 200);
  // A syntax error inside a long token: nlohmann's "last read" is cut too.
  const std::string message = parse_error(R"({"format": ")" + std::string(4000, 'a') + "\x01\"}");
  CHECK_THAT(message, Catch::Contains("\u2026"));
  CHECK(message.size() < 400);
}

TEST_CASE("safe text: x- values and keys are held to the string limit") {
  ReadLimits limits;
  limits.max_string_bytes = 64;
  const std::string big(100, 'v');
  CHECK(has(diagnostics_of(R"({"format": "servicechain/1", "x-note": ")" + big + R"("})", limits), "/x-note", "limit_exceeded"));
  CHECK(has(diagnostics_of(R"({"format": "servicechain/1", "x-note": {"a": [")" + big + R"("]}})", limits), "/x-note/a/0",
            "limit_exceeded"));
  // A key too long is reported at the object holding it, the key quoted as a bounded excerpt.
  const Diagnostics long_key = diagnostics_of(R"({"format": "servicechain/1", "x-)" + big + R"(": 1})", limits);
  CHECK(has(long_key, "", "limit_exceeded"));
  CHECK_THAT(long_key.errors.at(0).message, Catch::Contains("key \"x-vvv") && Catch::Contains("\u2026\" of 102 bytes"));
  CHECK(has(diagnostics_of(R"({"format": "servicechain/1", "x-note": {")" + big + R"(": 1}})", limits), "/x-note",
            "limit_exceeded"));
  CHECK(diagnostics_of(R"({"format": "servicechain/1", "x-note": "short"})", limits).ok());
}

TEST_CASE("safe text: a model file too large to read whole is not read whole; a device stops at the limit") {
  auto dir = fs::temp_directory_path() / ("sc_safe_text_" + std::to_string(::getpid()));
  fs::create_directories(dir);
  auto file = dir / "big.json";
  {
    std::ofstream out(file, std::ios::binary);
    out << "{\"format\": \"servicechain/1\",\n\"units\": [\n" << std::string(std::size_t{3} << 20, ' ') << "\nx]}";
  }
  ReadLimits limits;
  limits.max_whole_bytes = 1 << 20;  // the file is 3 MiB: its syntax error is found streaming
  Diagnostics diagnostics;
  CHECK_THROWS_WITH(parse_model_file(file, diagnostics, limits), Catch::Contains("big.json:4:1: JSON syntax error"));
  {
    std::ofstream out(file, std::ios::binary);  // valid JSON the piecewise reader refuses: a top-level array
    out << "[" << std::string(std::size_t{3} << 20, ' ') << "]";
  }
  CHECK_THROWS_WITH(parse_model_file(file, diagnostics, limits),
                    Catch::Contains("big.json: 3145730 bytes, over the limit of 1048576 bytes") &&
                        Catch::Contains("max_whole_bytes"));
  {
    std::ofstream out(file, std::ios::binary);  // a string past the limit: never held whole
    out << "[\"" << std::string(std::size_t{3} << 20, 's') << "\"]";
  }
  CHECK_THROWS_AS(parse_model_file(file, diagnostics, limits), LimitError);
  // A device never ends: read in chunks and stopped past the limit, not at 4 GiB.
  const auto start = std::chrono::steady_clock::now();
  CHECK_THROWS_WITH(parse_model_file("/dev/zero", diagnostics, limits),
                    Catch::Contains("/dev/zero: larger than the limit of 1048576 bytes"));
  CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(20));
  fs::remove_all(dir);
}
