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
  future.replace(future.find(" text 1 "), 8, " text 9 ");
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
