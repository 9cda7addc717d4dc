// Org chart CSV import (import_orgchart_text). Properties: the only exceptions
// are servicechain::Error; an imported chart is a model that validates without
// errors and survives to_json and a re-read unchanged; slug() gives only
// lower-case ASCII letters, digits and '_'.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "fuzz.hpp"
#include "servicechain/error.hpp"
#include "servicechain/io/model_json.hpp"
#include "servicechain/io/orgchart.hpp"
#include "servicechain/validate.hpp"

using namespace servicechain;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size) {
  if (size < 1) return 0;
  // byte 0: bit 0 ids as given (not slugs), bit 1 the semicolon delimiter.
  OrgChartOptions options;
  options.slug_ids = !(data[0] & 1);
  if (data[0] & 2) options.csv.delimiter = ';';
  std::string_view text(reinterpret_cast<const char *>(data + 1), size - 1);

  for (char c : slug(text.substr(0, 256)))
    FUZZ_CHECK((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_');

  OrgChartImport imported;
  try {
    imported = import_orgchart_text(text, "fuzz.csv", options);
  } catch (const Error &) {
    return 0;
  }
  Diagnostics diagnostics;
  validate(imported.model, diagnostics);
  FUZZ_CHECK(diagnostics.ok());
  Diagnostics again;
  Model reread = parse_model_json(to_json(imported.model), again, "written.json");
  FUZZ_CHECK(again.ok());
  FUZZ_CHECK(reread == imported.model);
  return 0;
}
