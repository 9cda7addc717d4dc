// Services CSV import (import_services_text) against the bundled hotel.
// Properties: the only exceptions are servicechain::Error; every imported
// service joins two different units of the model, by id, with a weight in
// (0, 1] and a rating in [0, 1] when given; the model with the imported services
// in place of its own survives to_json and a re-read unchanged.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "fuzz.hpp"
#include "servicechain/bundled.hpp"
#include "servicechain/error.hpp"
#include "servicechain/io/model_json.hpp"
#include "servicechain/io/services_csv.hpp"

using namespace servicechain;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size) {
  if (size < 1) return 0;
  static const Model hotel = load_model_json(example_model_json());
  // byte 0: bit 0 the semicolon delimiter, bit 1 decimal commas (with ';'), bit 2 renamed columns.
  ServicesCsvOptions options;
  if (data[0] & 1) options.csv.delimiter = ';';
  if ((data[0] & 3) == 3) options.csv.decimal_comma = true;
  if (data[0] & 4) options.columns = {"de", "para", "nombre", "peso", "nota"};
  std::string_view text(reinterpret_cast<const char *>(data + 1), size - 1);

  ServicesImport imported;
  try {
    imported = import_services_text(text, "fuzz.csv", hotel, options);
  } catch (const Error &) {
    return 0;
  }
  auto is_unit = [&](const std::string &id) {
    for (const Unit &u : hotel.units)
      if (u.id == id) return true;
    return false;
  };
  for (const Service &s : imported.services) {
    FUZZ_CHECK(is_unit(s.from) && is_unit(s.to) && s.from != s.to);
    FUZZ_CHECK(s.weight > 0 && s.weight <= 1);
    FUZZ_CHECK(!s.rating || (*s.rating >= 0 && *s.rating <= 1));
  }
  Model model = hotel;
  model.services = std::move(imported.services);
  Diagnostics again;
  Model reread = parse_model_json(to_json(model), again, "written.json");
  FUZZ_CHECK(again.ok());
  FUZZ_CHECK(reread == model);
  return 0;
}
