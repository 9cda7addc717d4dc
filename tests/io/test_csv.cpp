#include <catch2/catch.hpp>
#include <cstdio>
#include <fstream>

#include "servicechain/error.hpp"
#include "servicechain/io/csv.hpp"

using namespace servicechain;

namespace {
std::vector<std::vector<std::string>> rows(CsvReader &r) {
  std::vector<std::vector<std::string>> out;
  while (r.next()) {
    std::vector<std::string> row;
    for (std::size_t i = 0; i < r.size(); ++i) row.emplace_back(r.field(i));
    out.push_back(row);
  }
  return out;
}
using Rows = std::vector<std::vector<std::string>>;
}  // namespace

TEST_CASE("csv: quoted fields, embedded delimiters, quotes and newlines, CRLF, BOM") {
  auto r = CsvReader::from_text("\xEF\xBB\xBF" "a,b,c\r\n1,\"x,y\",\"say \"\"hi\"\"\"\r\n\r\n2,\"multi\nline\",\r\n3,,z", "t.csv");
  CHECK(r.header() == std::vector<std::string>{"a", "b", "c"});
  CHECK(rows(r) == Rows{{"1", "x,y", "say \"hi\""}, {"2", "multi\nline", ""}, {"3", "", "z"}});
}

TEST_CASE("csv: lines and columns of records and fields") {
  auto r = CsvReader::from_text("a,b\n\"x\ny\",2\n3,4\n", "t.csv");
  REQUIRE(r.next());
  CHECK(r.line() == 2);
  CHECK(r.field_line(1) == 3);
  CHECK(r.field_column(1) == 4);  // y",2 : the field starts after the comma
  REQUIRE(r.next());
  CHECK(r.line() == 4);
  CHECK(r.field_column(1) == 3);
  CHECK_FALSE(r.next());
}

TEST_CASE("csv: numbers, decimal comma, semicolon and tab delimiters") {
  CsvOptions o;
  o.delimiter = ';';
  o.decimal_comma = true;
  auto r = CsvReader::from_text("x;y\n3,5; -2\n", "t.csv", o);
  REQUIRE(r.next());
  CHECK(*r.number(0) == 3.5);
  CHECK(*r.number(1) == -2);
  CHECK(parse_csv_delimiter("tab") == '\t');
  CHECK_FALSE(parse_csv_delimiter("|"));
  CsvOptions tab;
  tab.delimiter = '\t';
  auto t = CsvReader::from_text("x\ty\n1\t\n", "t.csv", tab);
  REQUIRE(t.next());
  CHECK(t.size() == 2);
  CHECK_FALSE(t.number(1));
}

TEST_CASE("csv: errors name source, line and column") {
  auto bad_number = CsvReader::from_text("x,y\n1,abc\n", "s.csv");
  REQUIRE(bad_number.next());
  try {
    (void)bad_number.number(1);
    FAIL("no error");
  } catch (const ParseError &e) {
    CHECK(e.line() == 2);
    CHECK(e.column() == 3);
    CHECK(std::string(e.what()).find("s.csv:2:3") != std::string::npos);
    CHECK(std::string(e.what()).find("\"y\"") != std::string::npos);
  }
  auto unterminated = CsvReader::from_text("x\n\"abc\n", "u.csv");
  CHECK_THROWS_AS(unterminated.next(), ParseError);
  auto stray = CsvReader::from_text("x\nab\"c\n", "q.csv");
  CHECK_THROWS_WITH(stray.next(), Catch::Contains("q.csv:2:3"));
  auto utf8 = CsvReader::from_text("x,y\nok,\xff\xfe\n", "b.csv");
  CHECK_THROWS_WITH(utf8.next(), Catch::Contains("b.csv:2:4") && Catch::Contains("UTF-8"));
  // A character cut in two by a delimiter: each field alone is invalid, though the
  // fields' bytes put together read "abÓz" (found by fuzz_orgchart).
  auto split = CsvReader::from_text("x,y\nab\xC3,\x93z\n", "s.csv");
  CHECK_THROWS_WITH(split.next(), Catch::Contains("s.csv:2:1") && Catch::Contains("UTF-8"));
  auto whole = CsvReader::from_text("x,y\nab,\xC3\x93z\n", "w.csv");
  REQUIRE(whole.next());
  CHECK(whole.field(1) == "\xC3\x93z");
  CHECK_THROWS_AS(CsvReader::from_text("", "e.csv"), ParseError);
  auto missing = CsvReader::from_text("a,b\n", "m.csv");
  CHECK_THROWS_WITH(missing.require_column("c"), Catch::Contains("missing column \"c\""));
}

TEST_CASE("csv: streams a file larger than its buffer") {
  std::string path = "csv_stream_test.csv";
  {
    std::ofstream out(path);
    out << "id,text\n";
    for (int i = 0; i < 200000; ++i) out << i << ",\"row " << i << " with, comma\"\n";
  }
  auto r = CsvReader::open(path);
  std::size_t n = 0;
  double sum = 0;
  while (r.next()) {
    ++n;
    sum += *r.number(0);
    REQUIRE(r.field(1) == "row " + std::to_string(n - 1) + " with, comma");
  }
  CHECK(n == 200000);
  CHECK(sum == 199999.0 * 200000.0 / 2);
  std::remove(path.c_str());
}

TEST_CASE("csv: limits on field bytes, fields per record and record bytes") {
  // Found by fuzz_csv: the first byte of an unquoted field and every "" inside
  // quotes escaped max_field_bytes, so "" pairs could grow a field without bound.
  CsvOptions tiny;
  tiny.max_field_bytes = 0;
  CHECK_THROWS_WITH(CsvReader::from_text("b\n", "t.csv", tiny), Catch::Contains("t.csv:1:1: field longer than 0 bytes"));
  CsvOptions four;
  four.max_field_bytes = 4;
  auto ok = CsvReader::from_text("h\n\"\"\"\"\"\"\"\"\"\"\n", "t.csv", four);  // four quotes: at the limit
  REQUIRE(ok.next());
  CHECK(ok.field(0) == "\"\"\"\"");
  auto quotes = CsvReader::from_text("h\n\"" + std::string(10, '"') + "\"\n", "t.csv", four);
  CHECK_THROWS_WITH(quotes.next(), Catch::Contains("t.csv:2:1: field longer than 4 bytes"));

  CsvOptions fields;
  fields.max_fields = 2;
  auto r = CsvReader::from_text("a,b\n1,2,3\n", "t.csv", fields);
  CHECK_THROWS_WITH(r.next(), Catch::Contains("more than 2 fields"));

  CsvOptions record;
  record.max_record_bytes = 6;
  auto rr = CsvReader::from_text("a,b,c\n12,34,5\n12,34,567\n", "t.csv", record);
  REQUIRE(rr.next());  // 5 bytes of field data
  CHECK_THROWS_WITH(rr.next(), Catch::Contains("t.csv:3:1: record longer than 6 bytes"));

  CsvOptions records;
  records.max_records = 1;
  CHECK(CsvOptions{}.max_records == SIZE_MAX);  // streaming readers: no bound by default
  auto one = CsvReader::from_text("a\n1\n\n2\n", "t.csv", records);
  REQUIRE(one.next());  // the header is not a record; blank lines do not count
  CHECK_THROWS_AS(one.next(), LimitError);
  auto again = CsvReader::from_text("a\n1\n\n2\n", "t.csv", records);
  REQUIRE(again.next());
  CHECK_THROWS_WITH(again.next(), Catch::StartsWith("t.csv:4: more than 1 records"));
}

TEST_CASE("csv: a plus sign is not followed by a minus sign") {
  auto r = CsvReader::from_text("x\n+5\n+-5\n", "t.csv");
  REQUIRE(r.next());
  CHECK(r.number(0) == 5.0);
  REQUIRE(r.next());
  CHECK_THROWS_WITH(r.number(0), Catch::Contains("t.csv:3:1: expected a number"));
}

TEST_CASE("csv: long runs keep columns and the field length limit") {
  CsvOptions o;
  o.max_field_bytes = 8;
  auto ok = CsvReader::from_text("a,b,c\n12345678,\"x\ny\r\nzz\",end\n", "t.csv", o);
  REQUIRE(ok.next());
  CHECK(ok.field(0) == "12345678");
  CHECK(ok.field(1) == "x\ny\r\nzz");
  CHECK(ok.field_line(2) == 4);
  CHECK(ok.field_column(2) == 5);
  auto unquoted = CsvReader::from_text("a,b\n1,123456789\n", "t.csv", o);
  CHECK_THROWS_WITH(unquoted.next(), Catch::StartsWith("t.csv:2:3: field longer than 8 bytes"));
  auto quoted = CsvReader::from_text("a,b\n1,\"12345\n6789\"\n", "t.csv", o);
  CHECK_THROWS_WITH(quoted.next(), Catch::StartsWith("t.csv:2:3: field longer than 8 bytes"));
  CsvOptions semicolon;
  semicolon.delimiter = ';';
  auto s = CsvReader::from_text("a;b\nx,y;\"p;q\"\n", "t.csv", semicolon);
  REQUIRE(s.next());
  CHECK(s.field(0) == "x,y");
  CHECK(s.field(1) == "p;q");
  CHECK(s.field_column(1) == 5);
}

TEST_CASE("csv: a column name the header repeats is an error where it repeats, when it is looked up") {
  auto r = CsvReader::from_text("a,b,\"a\",c,c,c\n1,2,3,4,5,6\n", "t.csv");
  CHECK(r.column("b") == 1u);  // other names are unaffected, and so is a repeat nobody asks for
  CHECK_FALSE(r.column("z"));
  try {
    r.column("a");
    FAIL("no error");
  } catch (const ParseError &e) {
    CHECK(e.line() == 1);
    CHECK(e.column() == 5);
    CHECK_THAT(e.what(), Catch::StartsWith("t.csv:1:5: repeated column \"a\" in the header (first at line 1, column 1)"));
  }
  CHECK_THROWS_WITH(r.require_column("c"), Catch::StartsWith("t.csv:1:11: repeated column \"c\""));
  CHECK_THROWS_AS(r.optional_column("c", "c"), ParseError);
  CHECK_THROWS_AS(r.optional_column("a", "x"), ParseError);
  // Also when the reader was moved, and from a file.
  CsvReader moved = std::move(r);
  CHECK_THROWS_WITH(moved.column("a"), Catch::StartsWith("t.csv:1:5:"));
  const std::string path = "csv-repeated-header-test.csv";
  std::ofstream(path) << "\"multi\nline\",x,\"x\"\n1,2,3\n";
  auto f = CsvReader::open(path);
  std::remove(path.c_str());
  CHECK(f.column("multi\nline") == 0u);
  CHECK_THROWS_WITH(f.column("x"), Catch::StartsWith(path + ":2:9: repeated column \"x\" in the header (first at line 2, column 7)"));
}

TEST_CASE("csv: fields past the header's width") {
  auto r = CsvReader::from_text("a,b\n1,2\n1,\n1\n1,2,3\n", "t.csv");
  for (int i = 0; i < 3; ++i) {  // as wide as the header, or narrower: no complaint here
    REQUIRE(r.next());
    CHECK_NOTHROW(r.reject_extra_fields());
  }
  REQUIRE(r.next());
  CHECK_THROWS_WITH(r.reject_extra_fields(), Catch::StartsWith("t.csv:5:5: this row has 3 fields, the header has 2"));
}
