#include <catch2/catch.hpp>

#include "servicechain/bundled.hpp"
#include "servicechain/io/archive.hpp"
#include "servicechain/io/model_json.hpp"

using namespace servicechain;

TEST_CASE("archives: text, xml and binary round trips are lossless") {
  Model m = load_model_json(example_model_json(), "hotel");
  m.units[0].quality = 0.1 + 0.2;  // a double that needs all 17 digits
  m.curriculum = default_curriculum();
  for (auto format : {ArchiveFormat::text, ArchiveFormat::xml, ArchiveFormat::binary}) {
    std::string bytes = to_archive(m, format);
    CHECK(bytes.starts_with("servicechain-archive "));
    CHECK(from_archive(bytes, format) == m);
  }
}

TEST_CASE("archives: the header is checked before Boost reads anything") {
  Model m = load_model_json(example_model_json(), "hotel");
  std::string text = to_archive(m, ArchiveFormat::text);
  CHECK_THROWS_WITH(from_archive("hello", ArchiveFormat::text), Catch::Contains("not a servicechain archive"));
  CHECK_THROWS_WITH(from_archive(text, ArchiveFormat::xml), Catch::Contains("text format"));
  CHECK_THROWS_WITH(from_archive(text.substr(0, text.size() - 10), ArchiveFormat::text), Catch::Contains("truncated"));
  std::string future = text;
  const std::string current = " text " + std::to_string(archive_version) + " ";
  future.replace(future.find(current), current.size(), " text 9 ");
  CHECK_THROWS_WITH(from_archive(future, ArchiveFormat::text), Catch::Contains("version 9"));
  // A corrupted payload of the announced length is reported, not a crash.
  std::string corrupt = text;
  auto body = corrupt.find('\n') + 1;
  for (std::size_t i = body + 40; i < corrupt.size(); i += 7) corrupt[i] = 'x';
  CHECK_THROWS_AS(from_archive(corrupt, ArchiveFormat::text), InputError);
}

TEST_CASE("archives: extensions pick the format") {
  CHECK(archive_format_for_extension(".xml") == ArchiveFormat::xml);
  CHECK(archive_format_for_extension(".bin") == ArchiveFormat::binary);
  CHECK(archive_format_for_extension(".txt") == ArchiveFormat::text);
  CHECK_FALSE(archive_format_for_extension(".json"));
}

TEST_CASE("archives: the header tag is a whole word and nothing follows the length") {
  // Found by fuzz_archive_header: "servicechain-archive=" passed as the tag.
  CHECK_THROWS_WITH(from_archive("servicechain-archive=\ttext  1\t4\r\nabcd", ArchiveFormat::text),
                    Catch::Contains("malformed servicechain archive header"));
  CHECK_THROWS_WITH(from_archive("servicechain-archivex text 1 1\nx", ArchiveFormat::text),
                    Catch::Contains("malformed"));
  CHECK_THROWS_WITH(from_archive("servicechain-archive text 1 1 trailing\nx", ArchiveFormat::text),
                    Catch::Contains("malformed"));
  // Found by fuzz_archive_header: "1-0" read as version 1 and length 0 (signed, unchecked text).
  CHECK_THROWS_WITH(from_archive("servicechain-archive xml 1-0\n", ArchiveFormat::xml), Catch::Contains("malformed"));
  CHECK_THROWS_WITH(from_archive("servicechain-archive xml 1 -0\n", ArchiveFormat::xml), Catch::Contains("malformed"));
  CHECK_THROWS_WITH(from_archive("servicechain-archive xml +1 0\n", ArchiveFormat::xml), Catch::Contains("malformed"));
  // Other whitespace between the words is still accepted: the payload is then checked.
  CHECK_THROWS_WITH(from_archive("servicechain-archive\ttext  1\t4\r\nabcd", ArchiveFormat::text),
                    Catch::Contains("cannot read archive"));
}
