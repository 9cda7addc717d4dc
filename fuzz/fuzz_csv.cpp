// Generic CSV reader: CsvReader::from_text with options taken from the first
// bytes. Properties: the only exceptions are servicechain::Error; positions are
// 1-based and never go backwards; no field exceeds max_field_bytes, no record
// max_fields or max_record_bytes; number() gives a finite value or throws ParseError.
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "fuzz.hpp"
#include "servicechain/error.hpp"
#include "servicechain/io/csv.hpp"

using namespace servicechain;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size) {
  CsvOptions options;
  if (size >= 3) {
    // byte 0: delimiter (bits 0-1: , ; tab; bit 7: any byte, taken from byte 1),
    // decimal comma (bit 6), small limits instead of the defaults (bits 3-5) from bytes 1-2.
    static constexpr char delimiters[] = {',', ';', '\t'};
    options.delimiter = data[0] & 0x80 ? static_cast<char>(data[1]) : delimiters[(data[0] & 0x03) % 3];
    options.decimal_comma = data[0] & 0x40;
    if (data[0] & 0x20) options.max_field_bytes = data[1] % 16;
    if (data[0] & 0x10) options.max_fields = data[2] % 8;
    if (data[0] & 0x08) options.max_record_bytes = data[2] % 32;
    data += 3;
    size -= 3;
  }
  std::string_view text(reinterpret_cast<const char *>(data), size);
  try {
    auto reader = CsvReader::from_text(text, "fuzz.csv", options);
    FUZZ_CHECK(reader.header().size() <= options.max_fields);
    std::size_t last_line = 1;
    while (reader.next()) {
      FUZZ_CHECK(reader.line() > last_line);
      last_line = reader.line();
      FUZZ_CHECK(reader.size() >= 1 && reader.size() <= options.max_fields);
      FUZZ_CHECK(reader.bytes_read() <= size);
      std::size_t record_bytes = 0;
      for (std::size_t i = 0; i < reader.size(); ++i) {
        FUZZ_CHECK(reader.field(i).size() <= options.max_field_bytes);
        record_bytes += reader.field(i).size();
        FUZZ_CHECK(reader.field_line(i) >= reader.line());
        FUZZ_CHECK(reader.field_column(i) >= 1);
        try {
          if (auto value = reader.number(i)) FUZZ_CHECK(std::isfinite(*value));
        } catch (const ParseError &e) {
          FUZZ_CHECK(e.line() == reader.field_line(i));
        }
      }
      FUZZ_CHECK(record_bytes <= options.max_record_bytes);
      FUZZ_CHECK(reader.field(reader.size()).empty());  // past the end: empty, not out of bounds
    }
  } catch (const Error &) {
  }
  return 0;
}
