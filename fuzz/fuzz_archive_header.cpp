// Boost archive header check. Boost.Serialization payloads are trusted-only by
// design (archive.hpp: Boost does not harden its readers and the CLI needs
// --trusted), so only the header, which guards every archive, is fuzzed: never
// the payload. Properties: the only exception is InputError; an accepted header
// names the format read and announces exactly the payload's length.
#include <charconv>
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

#include "fuzz.hpp"
#include "io/archive_header.hpp"
#include "servicechain/error.hpp"

using namespace servicechain;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size) {
  std::string_view bytes(reinterpret_cast<const char *>(data), size);
  for (auto format : {ArchiveFormat::text, ArchiveFormat::xml, ArchiveFormat::binary}) {
    try {
      std::string_view payload = detail::checked_archive_payload(bytes, format);
      FUZZ_CHECK(payload.data() + payload.size() == bytes.data() + bytes.size());
      std::string_view header = bytes.substr(0, bytes.size() - payload.size());
      FUZZ_CHECK(header.ends_with('\n'));
      // exactly four words: the tag, this format's name, a version, the length
      std::vector<std::string_view> words;
      for (std::size_t at = 0; at < header.size();) {
        std::size_t end = header.find_first_of(" \t\r\n\v\f", at);
        if (end != at) words.push_back(header.substr(at, end - at));
        at = end + 1;
      }
      FUZZ_CHECK(words.size() == 4 && words[0] == "servicechain-archive");
      FUZZ_CHECK(words[1] == (format == ArchiveFormat::text ? "text" : format == ArchiveFormat::xml ? "xml" : "binary"));
    } catch (const InputError &) {
    }
  }
  return 0;
}
