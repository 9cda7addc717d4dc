#include <catch2/catch.hpp>

#include "servicechain/analysis/chain/graph.hpp"
#include "servicechain/bundled.hpp"
#include "servicechain/generate.hpp"
#include "servicechain/io/archive.hpp"
#include "servicechain/io/files.hpp"
#include "servicechain/io/json_writer.hpp"
#include "servicechain/io/model_json.hpp"
#include "servicechain/log.hpp"
#include "servicechain/report/validation.hpp"

#include <atomic>
#include <csignal>
#include <fcntl.h>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <sys/stat.h>
#include <thread>
#include <unistd.h>
#include <spdlog/sinks/ostream_sink.h>

using namespace servicechain;

namespace {
Model parse(const std::string &text, Diagnostics &d) { return parse_model_json(text, d, "m.json"); }

bool has_error(const Diagnostics &d, const std::string &path, const std::string &code) {
  for (const auto &e : d.errors)
    if (e.path == path && e.code == code) return true;
  return false;
}

const char *minimal = R"({"format": "servicechain/1",
  "units": [{"id": "a", "level": "operative"}, {"id": "b", "level": "managerial", "parent": null, "quality": 0.5}],
  "segments": [{"id": "s"}],
  "services": [{"from": "a", "to": "b", "weight": 0.5}],
  "moments_of_truth": [{"id": "m", "segment": "s", "owner": "b"}]})";
}  // namespace

TEST_CASE("model json: the bundled hotel reads, validates and round-trips losslessly") {
  for (auto lang : {Language::en, Language::es}) {
    Diagnostics warnings;
    Model m = load_model_json(example_model_json(lang), "hotel", &warnings);
    CHECK(m.units.size() == 18);
    CHECK(m.people.size() == 59);
    CHECK(m.services.size() == 45);
    CHECK(m.moments.size() == 24);
    CHECK_FALSE(m.curriculum.has_value());
    CHECK(m.assessment.has_value());
    std::string once = to_json(m);
    Model again = load_model_json(once, "again");
    CHECK(again == m);
    CHECK(to_json(again) == once);
    CHECK(to_json(again, 0).find('\n') == to_json(again, 0).size() - 1);  // compact form is one line
  }
}

TEST_CASE("model json: defaults of omitted fields") {
  Diagnostics d;
  Model m = parse(minimal, d);
  REQUIRE(d.ok());
  CHECK(m.units[0].name == "a");
  CHECK_FALSE(m.units[0].parent);
  CHECK_FALSE(m.units[0].quality);
  CHECK(m.units[1].quality == 0.5);
  CHECK(m.segments[0].size == 1);
  CHECK(m.segments[0].name == "s");
  CHECK(m.moments[0].importance == 1);
  CHECK(m.moments[0].volume == 0);
  CHECK(m.moments[0].stage == 0);
  CHECK(m.services[0].name.empty());
}

TEST_CASE("model json: x- keys are kept on round trip, at any level") {
  Diagnostics d;
  Model m = parse(R"({"format":"servicechain/1","x-top":{"a":[1,2.5,"z"]},
      "units":[{"id":"u","level":"directive","x-hr":"E-17"}]})", d);
  REQUIRE(d.ok());
  REQUIRE(m.extensions.size() == 1);
  CHECK(m.extensions[0].first == "x-top");
  CHECK(m.extensions[0].second == R"({"a":[1,2.5,"z"]})");
  CHECK(m.units[0].extensions == Extensions{{"x-hr", "\"E-17\""}});
  Diagnostics d2;
  CHECK(parse(to_json(m), d2) == m);
}

TEST_CASE("model json: numbers read back exactly") {
  Diagnostics d;
  Model m = parse(R"({"format":"servicechain/1","units":[{"id":"u","level":"operative","quality":0.1}],
      "segments":[{"id":"s","size":123456789.123456789}]})", d);
  m.units[0].quality = 0.1 + 0.2;  // 0.30000000000000004
  Diagnostics d2;
  Model back = parse(to_json(m), d2);
  CHECK(*back.units[0].quality == 0.1 + 0.2);
  CHECK(back.segments[0].size == m.segments[0].size);
  std::string s;
  JsonWriter::append_number(s, 0.1);
  CHECK(s == "0.1");
}

TEST_CASE("model json: content errors carry JSON paths and stable codes, all at once") {
  Diagnostics d;
  parse(R"({"format":"servicechain/1",
    "units":[{"id":"a","level":"boss","qualty":1},{"level":"operative"},{"id":7,"level":"operative","level":"directive"}],
    "services":[{"from":"a","to":"a"}]})", d);
  CHECK(has_error(d, "/units/0/level", "bad_value"));
  CHECK(has_error(d, "/units/0/qualty", "unknown_key"));
  CHECK(has_error(d, "/units/1/id", "missing_required"));
  CHECK(has_error(d, "/units/2/id", "wrong_type"));
  CHECK(has_error(d, "/units/2/level", "duplicate_key"));
  CHECK(has_error(d, "/services/0/weight", "missing_required"));
  for (const auto &e : d.errors)
    if (e.code == "unknown_key") CHECK_THAT(e.message, Catch::Contains("did you mean \"quality\""));
}

TEST_CASE("model json: did you mean also catches two swapped letters") {
  Diagnostics d;
  parse(R"({"format":"servicechain/1",
    "units":[{"id":"a","levle":"operative"},{"id":"b","level":"operative"}],
    "services":[{"from":"a","to":"b","weigth":0.5}]})", d);
  auto message_at = [&](const std::string &path) {
    for (const auto &e : d.errors)
      if (e.path == path && e.code == "unknown_key") return e.message;
    return std::string();
  };
  CHECK_THAT(message_at("/units/0/levle"), Catch::Contains("did you mean \"level\""));
  CHECK_THAT(message_at("/services/0/weigth"), Catch::Contains("did you mean \"weight\""));
}

TEST_CASE("model json: format is required and must be servicechain/1") {
  Diagnostics d;
  parse(R"({"units":[]})", d);
  CHECK(has_error(d, "/format", "missing_required"));
  Diagnostics d2;
  parse(R"({"format":"servicechain/2"})", d2);
  CHECK(has_error(d2, "/format", "unsupported_format"));
  Diagnostics d3;
  parse(R"([1,2])", d3);
  CHECK(has_error(d3, "", "wrong_type"));
}

TEST_CASE("model json: syntax errors name file, line and column") {
  Diagnostics d;
  try {
    parse("{\"format\": \"servicechain/1\",\n  \"units\": [\n    {\"id\": \"a\",, }\n  ]}", d);
    FAIL("no error");
  } catch (const ParseError &e) {
    CHECK(e.source() == "m.json");
    CHECK(e.line() == 3);
    CHECK(e.column() == 16);  // the second comma
    CHECK_THAT(e.what(), Catch::StartsWith("m.json:3:16:"));
  }
}

TEST_CASE("model json: empty, truncated, binary and deeply nested files are refused") {
  Diagnostics d;
  CHECK_THROWS_AS(parse("", d), ParseError);
  CHECK_THROWS_AS(parse("   \n", d), ParseError);
  CHECK_THROWS_WITH(parse(R"({"format": "servicechain/1", "units": [{"id": "a")", d), Catch::Contains("m.json:1:"));
  std::string binary("\x7f" "ELF\x02\x01\x01\0\0\0\xff\xfe", 12);  // the literal's 12 bytes
  CHECK_THROWS_AS(parse(binary, d), ParseError);
  std::string deep = "{\"format\":\"servicechain/1\",\"x-deep\":" + std::string(200000, '[') + std::string(200000, ']') + "}";
  try {
    parse(deep, d);
    FAIL("no error");
  } catch (const LimitError &e) {
    CHECK_THAT(e.what(), Catch::Contains("m.json:1:") && Catch::Contains("nesting deeper"));
  }
  ReadLimits small;
  small.max_bytes = 10;
  CHECK_THROWS_AS(parse_model_json(minimal, d, "m.json", small), LimitError);
  ReadLimits strings;
  strings.max_string_bytes = 3;
  Diagnostics d2;
  parse_model_json(R"({"format":"servicechain/1","units":[{"id":"abcdef","level":"operative"}]})", d2, "m.json", strings);
  CHECK(has_error(d2, "/units/0/id", "limit_exceeded"));
}

TEST_CASE("model json: check_model_json and check_model_file report a resource limit as one error, not a throw") {
  const std::string deep = "{\"format\":\"servicechain/1\",\"x-deep\":" + std::string(200, '[') + std::string(200, ']') + "}";
  Diagnostics d;
  REQUIRE_NOTHROW(check_model_json(deep, d, "deep.json"));
  REQUIRE(d.errors.size() == 1);
  CHECK(d.errors[0].path.empty());
  CHECK(d.errors[0].code == "limit_exceeded");
  CHECK_THAT(d.errors[0].message, Catch::StartsWith("deep.json:1:") && Catch::Contains("nesting deeper than the limit of 128"));
  const auto file = std::filesystem::temp_directory_path() / ("sc_check_deep_" + std::to_string(::getpid()) + ".json");
  write_file_atomic(file, deep);
  Diagnostics f;
  CHECK_FALSE(check_model_file(file, f));
  REQUIRE(f.errors.size() == 1);
  CHECK(f.errors[0].code == "limit_exceeded");
  CHECK_THAT(validation_report_json(f), Catch::Contains("\"valid\": false") && Catch::Contains("\"limit_exceeded\""));
  std::filesystem::remove(file);
}

TEST_CASE("model json: the complete example in docs/model-format.md is valid") {
  std::string doc = servicechain::read_file(std::string(SERVICECHAIN_SOURCE_DIR) + "/docs/model-format.md");
  auto begin = doc.find("```json\n");
  REQUIRE(begin != std::string::npos);
  begin += 8;
  auto end = doc.find("```", begin);
  Diagnostics warnings;
  Model m = load_model_json(doc.substr(begin, end - begin), "model-format.md", &warnings);
  CHECK(m.units.size() == 4);
  CHECK(m.people[2].extensions == Extensions{{"x-hr-id", "\"E-0042\""}});
  CHECK(warnings.errors.empty());
}

TEST_CASE("model json: objects with very many keys, duplicates found among them") {
  // Duplicate keys were found by a linear scan per key, so an object of 10^5 keys
  // cost 10^10 comparisons (a hang on a 1 MB file). A large object now uses a hash set.
  std::string text = R"({"format":"servicechain/1","units":[{"id":"u","level":"operative"}],"competencies":[{"id":"c0"}],)";
  text += R"("positions":[{"id":"p","unit":"u","requires":{)";
  for (int i = 0; i < 20000; ++i) text += (i ? ",\"c" : "\"c") + std::to_string(i) + "\":1";
  text += R"(,"c7":2}}])";
  for (int i = 0; i < 20000; ++i) text += ",\"x-" + std::to_string(i) + "\":" + std::to_string(i);
  text += R"(,"x-19999":0,"units":[]})";
  Diagnostics d;
  Model m = parse(text, d);
  CHECK(m.extensions.size() == 20000);
  CHECK(m.extensions.back() == std::pair<std::string, std::string>{"x-19999", "19999"});
  REQUIRE(m.positions.size() == 1);
  CHECK(m.positions[0].requires_levels.size() == 20000);
  CHECK(find_value(m.positions[0].requires_levels, "c7") == 1.0);
  CHECK(has_error(d, "/positions/0/requires/c7", "duplicate_key"));
  CHECK(has_error(d, "/x-19999", "duplicate_key"));
  CHECK(has_error(d, "/units", "duplicate_key"));
  CHECK(d.errors.size() == 3);
}

TEST_CASE("model json: a syntax error deep inside a large file is located without building a document") {
  std::string text = "{\"format\":\"servicechain/1\",\"x-big\":[";
  for (int i = 0; i < 100000; ++i) text += "[1,2,3],";
  text += "\n  [1,2,,3]]}";
  Diagnostics d;
  try {
    parse(text, d);
    FAIL("no error");
  } catch (const ParseError &e) {
    CHECK(e.line() == 2);
    CHECK(e.column() == 8);  // the second comma
  }
}

TEST_CASE("model json: syntax error messages are valid UTF-8 whatever the input") {
  // Found by fuzz_c_api: nlohmann's "last read: '\xff'" put the raw byte into the
  // message, and so into validate's JSON report.
  Diagnostics d;
  try {
    parse("\xff", d);
    FAIL("no error");
  } catch (const ParseError &e) {
    CHECK_THAT(e.what(), Catch::Contains("last read: '\\xFF'"));
  }
}

// Files with lists over about 1 MiB are read in pieces (docs/model-format.md,
// "Reading large files"); these check the pieces against the whole-file reader.
namespace {
std::string large_model_json() {
  GenerateOptions options;
  options.units = 12000;  // services: about 7 MB of JSON, several pieces
  options.people_per_unit = 1;
  options.seed = 7;
  return to_json(generate_organization(options));
}

/// The text with the first `what` at or after `from` replaced by `with`.
std::string replace_after(std::string text, std::size_t from, const std::string &what, const std::string &with) {
  auto at = text.find(what, from);
  REQUIRE(at != std::string::npos);
  return text.replace(at, what.size(), with);
}

std::pair<std::size_t, std::size_t> line_column_of(const std::string &text, std::size_t offset) {
  std::size_t line = 1, column = 1;
  for (std::size_t i = 0; i < offset; ++i) (text[i] == '\n') ? (++line, column = 1) : ++column;
  return {line, column};
}

/// A large model is read from memory (parse_model_json) or from a regular file
/// (parse_model_file: the scan goes through a window and pieces are read with
/// pread); both must behave the same.
enum class ReadFrom { memory, file };

Model parse_from(ReadFrom from, const std::string &text, Diagnostics &d) {
  if (from == ReadFrom::memory) return parse(text, d);
  const auto dir = std::filesystem::temp_directory_path() / ("sc_model_json_" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  const auto file = dir / "m.json";
  write_file_atomic(file, text);
  struct Remove {
    std::filesystem::path dir;
    ~Remove() { std::filesystem::remove_all(dir); }
  } remove{dir};
  return parse_model_file(file, d);
}

/// parse_from with the library's debug log captured into `log`: it says which
/// reader ran ("... in pieces" or the whole-file one).
Model parse_from_logged(ReadFrom from, const std::string &text, Diagnostics &d, std::string &log) {
  std::ostringstream out;
  auto logger = std::make_shared<spdlog::logger>("servicechain-test", std::make_shared<spdlog::sinks::ostream_sink_st>(out));
  logger->set_level(spdlog::level::debug);
  set_logger(logger);
  struct Restore {
    ~Restore() { set_logger(nullptr); }
  } restore;
  Model read = parse_from(from, text, d);
  log = out.str();
  return read;
}
}  // namespace

TEST_CASE("model json: a large file read in pieces gives the same model as writing it") {
  const ReadFrom from = GENERATE(ReadFrom::memory, ReadFrom::file);
  GenerateOptions options;
  options.units = 12000;
  options.people_per_unit = 1;
  options.seed = 7;
  Model original = generate_organization(options);
  std::string text = to_json(original);
  REQUIRE(text.size() > 4 * (std::size_t{1} << 20));
  // the debug log says which reader ran: this file must not fall back to the whole-file one
  std::string log;
  Diagnostics d;
  Model read = parse_from_logged(from, text, d, log);
  CHECK_THAT(log, Catch::Contains("m.json in pieces"));
  CHECK(d.errors.empty());
  CHECK(read == original);
  // compact JSON (no white space) is cut into pieces the same way
  Diagnostics dc;
  CHECK(parse_from(from, to_json(original, 0), dc) == original);
  CHECK(dc.errors.empty());
}

TEST_CASE("model json: errors deep in a large file keep their list index and position") {
  const ReadFrom from = GENERATE(ReadFrom::memory, ReadFrom::file);
  auto parse = [from](const std::string &text, Diagnostics &d) { return parse_from(from, text, d); };
  const std::string text = large_model_json();
  const std::size_t services = text.find("\"services\"");
  REQUIRE(services != std::string::npos);

  SECTION("a content error far down the list has its global index") {
    // the 9000th service's weight becomes a string
    std::size_t at = services;
    for (int i = 0; i < 9000; ++i) at = text.find("\"from\"", at + 1);
    std::string bad = replace_after(text, at, "\"weight\": ", "\"weight\": \"heavy\", \"w\": ");
    Diagnostics d;
    parse(bad, d);
    CHECK(has_error(d, "/services/8999/weight", "wrong_type"));
    CHECK(has_error(d, "/services/8999/w", "unknown_key"));
    CHECK(d.errors.size() == 2);
  }
  SECTION("a syntax error inside a piece is located in the whole file") {
    std::size_t at = text.find("},", services + 3'000'000);
    std::string bad = text;
    bad[at + 1] = ';';
    auto [line, column] = line_column_of(bad, at + 1);
    Diagnostics d;
    try {
      parse(bad, d);
      FAIL("no error");
    } catch (const ParseError &e) {
      CHECK(e.line() == line);
      CHECK(e.column() == column);
    }
  }
  SECTION("an empty element or a trailing comma at a cut between pieces is a syntax error") {
    std::size_t at = text.find("},", services + 2'000'000);
    std::string empty_element = text;
    empty_element.insert(at + 2, " ,");
    Diagnostics d;
    CHECK_THROWS_AS(parse(empty_element, d), ParseError);
    std::size_t end = text.find("\n  ]", services);
    std::string trailing = text;
    trailing.insert(end, ",");
    CHECK_THROWS_AS(parse(trailing, d), ParseError);
  }
  SECTION("a mismatched closing bracket of a big list is a syntax error") {
    std::size_t end = text.find("\n  ]", services);
    std::string bad = text;
    bad[end + 3] = '}';
    Diagnostics d;
    CHECK_THROWS_AS(parse(bad, d), ParseError);
  }
  SECTION("a repeated big list is reported once as a duplicate key") {
    std::size_t end = text.find("\n  ]", services) + 4;
    std::string twice = text;
    twice.insert(end, ", " + text.substr(services, end - services));
    Diagnostics d;
    parse(twice, d);
    CHECK(has_error(d, "/services", "duplicate_key"));
    CHECK(d.errors.size() == 1);
  }
}

TEST_CASE("model json: files that are not regular, too large or missing") {
  const auto dir = std::filesystem::temp_directory_path() / ("sc_model_files_" + std::to_string(::getpid()));
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  const std::string text = large_model_json();
  Diagnostics expected_d;
  const Model expected = parse(text, expected_d);

  SECTION("a pipe is read as a stream, then in pieces from memory") {
    const auto fifo = dir / "model.fifo";
    REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
    // The pipe must be opened once: a reader that opened it, closed it and opened
    // it again could leave the writer with no reader (EPIPE) in between.
    auto old_sigpipe = std::signal(SIGPIPE, SIG_IGN);
    bool all_written = false;
    std::thread writer([&] {
      const int fd = ::open(fifo.c_str(), O_WRONLY | O_CLOEXEC);
      std::size_t done = 0;
      while (fd >= 0 && done < text.size()) {
        const ssize_t n = ::write(fd, text.data() + done, text.size() - done);
        if (n <= 0) break;
        done += static_cast<std::size_t>(n);
      }
      all_written = done == text.size();
      if (fd >= 0) ::close(fd);
    });
    Diagnostics d;
    Model read = parse_model_file(fifo, d);
    writer.join();
    std::signal(SIGPIPE, old_sigpipe);
    CHECK(all_written);
    CHECK(read == expected);
    CHECK(d.errors.size() == expected_d.errors.size());
  }
  SECTION("a file over max_bytes is a LimitError before anything is read") {
    write_file_atomic(dir / "m.json", text);
    ReadLimits limits;
    limits.max_bytes = text.size() - 1;
    Diagnostics d;
    CHECK_THROWS_AS(parse_model_file(dir / "m.json", d, limits), LimitError);
    limits.max_bytes = text.size();
    CHECK(parse_model_file(dir / "m.json", d, limits) == expected);
  }
  SECTION("a missing file or a directory is an InputError naming it") {
    Diagnostics d;
    CHECK_THROWS_WITH(parse_model_file(dir / "missing.json", d), Catch::Contains("missing.json"));
    CHECK_THROWS_AS(parse_model_file(dir / "missing.json", d), InputError);
    CHECK_THROWS_AS(parse_model_file(dir, d), InputError);
  }
  std::filesystem::remove_all(dir);
}

TEST_CASE("model json: a top-level key with invalid UTF-8 or a control byte is a syntax error") {
  // Found by fuzz_model_json: the field-by-field reader takes top-level keys from
  // its own scan, so it must refuse what simdjson refuses in every other string.
  Diagnostics d;
  CHECK_THROWS_AS(parse("{\"format\": \"servicechain/1\", \"x-\xff\xfe\": 1}", d), ParseError);
  CHECK_THROWS_AS(parse(std::string("{\"format\": \"servicechain/1\", \"x-\x01\": 1}"), d), ParseError);
  Diagnostics ok;
  parse("{\"format\": \"servicechain/1\", \"x-caf\xc3\xa9\": 1}", ok);
  CHECK(ok.errors.empty());
}

TEST_CASE("model json: an invalid model's error names its file on every line") {
  const auto path = (std::filesystem::temp_directory_path() / "sc_invalid_named.json").string();
  std::ofstream(path) << R"({"format": "servicechain/1", "units": [{"id": "u", "level": "operative", "quality": 2}]})";
  auto check = [&](const auto &load) {
    try {
      load();
      FAIL("no ValidationError");
    } catch (const ValidationError &e) {
      CHECK(e.source() == path);
      CHECK(std::string(e.what()) == path + ": invalid model: 1 error(s)\n  " + path + ": " +
                                          e.diagnostics().errors[0].path + ": " + e.diagnostics().errors[0].message +
                                          " [" + e.diagnostics().errors[0].code + "]");
    }
  };
  check([&] { return load_model(path); });
  check([&] { return load_model_and_graph(path); });
  check([&] { return load_model_json(read_file(path), path); });
  std::filesystem::remove(path);
}

TEST_CASE("model json: integers too big for 64 bits are read as doubles, in pieces and whole") {
  const ReadFrom from = GENERATE(ReadFrom::memory, ReadFrom::file);
  // audit v/int_20digit.json, v/int_pretty_20digit.json, v/neg_big_int.json
  const std::string text = "{\"format\":\"servicechain/1\",\n \"segments\": [{\"id\":\"s\",\"size\":20000000000000000000},"
                           "{\"id\":\"t\",\"size\":100000000000000000000000000000},"
                           "{\"id\":\"u\",\"size\":-99999999999999999999}],\n \"x-n\": [18446744073709551616]}";
  Diagnostics d;
  Model m = parse_from(from, text, d);
  REQUIRE(m.segments.size() == 3);
  CHECK(m.segments[0].size == 2e19);
  CHECK(m.segments[1].size == 1e29);
  CHECK(m.segments[2].size == -99999999999999999999.0);
  CHECK(d.ok());
  REQUIRE(m.extensions.size() == 1);
  Diagnostics d2;
  CHECK(parse(to_json(m), d2) == m);
  // the same in a list read in pieces: the piece is widened, not sent to the whole-file reader
  GenerateOptions options;
  options.units = 12000;
  options.people_per_unit = 1;
  options.seed = 7;
  Model large = generate_organization(options);
  large.services.at(9000).rating = 0.123456;
  std::string big = replace_after(to_json(large), 0, "0.123456", "300000000000000000000");
  large.services.at(9000).rating = 3e20;
  std::string log;
  Diagnostics d3;
  Model read = parse_from_logged(from, big, d3, log);
  CHECK_THAT(log, Catch::Contains("m.json in pieces"));
  CHECK(read == large);
  CHECK(d3.errors.empty());
  // a number no double holds is a syntax error with its line and column
  try {
    Diagnostics d4;
    parse_from(from, "{\"format\":\"servicechain/1\",\n\"x-a\": 1" + std::string(400, '0') + "}", d4);
    FAIL("no error");
  } catch (const ParseError &e) {
    CHECK(e.line() == 2);
    CHECK(e.column() == 408);  // where the number ends
    CHECK_THAT(e.what(), Catch::Contains("number overflow"));
  }
}

TEST_CASE("model json: a leading UTF-8 byte-order mark is skipped") {
  const ReadFrom from = GENERATE(ReadFrom::memory, ReadFrom::file);
  const std::string bom = "\xEF\xBB\xBF";
  Diagnostics d;
  Model m = parse_from(from, bom + minimal, d);
  CHECK(d.ok());
  Diagnostics d0;
  CHECK(m == parse(minimal, d0));
  try {  // positions still count the file's bytes
    Diagnostics d2;
    parse_from(from, bom + "{\"format\": 1,,}", d2);
    FAIL("no error");
  } catch (const ParseError &e) {
    CHECK(e.line() == 1);
    CHECK(e.column() == 17);
  }
  Diagnostics d3;
  CHECK_THROWS_WITH(parse_from(from, bom, d3), Catch::Contains("empty file"));
}

TEST_CASE("model json: x- keys on assessment processes, items and responses are kept") {
  Diagnostics d;
  Model m = parse(R"({"format":"servicechain/1","assessment":{
      "processes":[{"id":"p","x-p":1,"items":[{"id":"i","text":"t","x-i":[true]}]}],
      "responses":[{"level":"operative","scores":{"i":3},"x-r":{"a":"b"}}]}})", d);
  REQUIRE(d.ok());
  const Assessment &a = m.assessment.value();
  CHECK(a.processes->at(0).extensions == Extensions{{"x-p", "1"}});
  CHECK(a.processes->at(0).items.at(0).extensions == Extensions{{"x-i", "[true]"}});
  CHECK(a.responses.at(0).extensions == Extensions{{"x-r", R"({"a":"b"})"}});
  Diagnostics d2;
  CHECK(parse(to_json(m), d2) == m);
  for (auto format : {ArchiveFormat::text, ArchiveFormat::xml, ArchiveFormat::binary})
    CHECK(from_archive(to_archive(m, format), format) == m);
  // scope, target and effect stay closed
  Diagnostics d3;
  parse(R"({"format":"servicechain/1","plans":[{"id":"p","actions":[
      {"id":"a","target":{"unit":"u","x-t":1},"effect":{"quality":0.1,"x-e":1}}]}]})", d3);
  CHECK(has_error(d3, "/plans/0/actions/0/target/x-t", "unknown_key"));
  CHECK(has_error(d3, "/plans/0/actions/0/effect/x-e", "unknown_key"));
}

TEST_CASE("model json: a key repeated inside an x- value is an error, at any depth") {
  Diagnostics d;
  parse(R"({"format":"servicechain/1","x-a":{"b":1,"b":2},
      "units":[{"id":"u","level":"operative","x-u":[{"c":{"d":1,"e":2,"d":3}}]}]})", d);
  CHECK(has_error(d, "/x-a/b", "duplicate_key"));
  CHECK(has_error(d, "/units/0/x-u/0/c/d", "duplicate_key"));
  CHECK(d.errors.size() == 2);
  Diagnostics d2;
  parse(R"({"format":"servicechain/1","x-a":{"b":{"b":1},"c":[{"b":1},{"b":2}]}})", d2);
  CHECK(d2.ok());
}

TEST_CASE("model json: the parser kept between loads serves any limits, sizes and threads") {
  // The reader keeps one parser between loads of small models (ParserLease):
  // a load after another with other limits, a larger or a smaller text, or on
  // another thread at the same time must read as a fresh parser would.
  const std::string hotel(example_model_json(Language::en));
  const Model first = load_model_json(hotel, "hotel");
  ReadLimits shallow;
  shallow.max_depth = 4;
  const std::string deep = R"({"format": "servicechain/1", "x-deep": [[[[[1]]]]]})";
  Diagnostics d;
  CHECK_THROWS_AS(parse_model_json(deep, d, "m.json", shallow), LimitError);
  CHECK(load_model_json(hotel, "hotel") == first);  // the default depth again
  Diagnostics dm;
  CHECK(parse_model_json(minimal, dm, "m.json").units.size() == 2);
  CHECK(dm.errors.empty());
  // a field larger than the kept parser may be: the load gets a parser of its own
  std::string big = hotel;
  big.insert(big.find('{') + 1, "\"x-big\": \"" + std::string(300000, 'a') + "\", ");
  Diagnostics warnings;
  Model with_big = load_model_json(big, "big", &warnings);
  REQUIRE(with_big.extensions.size() == first.extensions.size() + 1);
  CHECK(with_big.units == first.units);
  CHECK(load_model_json(hotel, "hotel") == first);
  std::vector<std::thread> threads;
  std::atomic<int> same{0};
  for (int t = 0; t < 4; ++t)
    threads.emplace_back([&] {
      for (int i = 0; i < 10; ++i) same += load_model_json(hotel, "hotel") == first;
    });
  for (auto &thread : threads) thread.join();
  CHECK(same == 40);
}
