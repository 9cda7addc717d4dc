// Model JSON reader: parse_model_json + validate_after_parse on arbitrary bytes.
// Properties: the only exceptions are servicechain::Error; a model that parses
// without errors survives to_json and a second parse unchanged (with no errors).
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "fuzz.hpp"
#include "servicechain/error.hpp"
#include "servicechain/io/model_json.hpp"
#include "servicechain/validate.hpp"

using namespace servicechain;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size) {
  std::string_view text(reinterpret_cast<const char *>(data), size);
  ReadLimits limits;
  limits.max_depth = 64;  // small enough to be reached by the fuzzer
  Diagnostics diagnostics;
  Model model;
  try {
    model = parse_model_json(text, diagnostics, "fuzz.json", limits);
  } catch (const Error &) {
    return 0;
  }
  bool parsed_clean = diagnostics.ok();
  validate_after_parse(model, diagnostics);
  if (!parsed_clean) return 0;

  for (int indent : {2, 0}) {
    std::string written = to_json(model, indent);
    Diagnostics again;
    Model reread = parse_model_json(written, again, "written.json", limits);
    FUZZ_CHECK(again.ok());
    FUZZ_CHECK(reread == model);
  }
  return 0;
}
