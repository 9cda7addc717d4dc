// The C API's readers: sc_model_from_json on arbitrary bytes, then sc_run with
// the rest of the input as a request. Requests are limited to commands that read
// only inline data and write only their result (validate, survey) and may not
// name files ("path"), so that fuzzing touches no file of the machine.
// Properties: no exception or crash crosses the boundary; every call returns
// exactly one of a result and an error; every error is a JSON error object.
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "fuzz.hpp"
#include "servicechain/servicechain.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size) {
  // The model is the bytes before the first NUL, the request the bytes after it.
  std::string_view input(reinterpret_cast<const char *>(data), size);
  auto nul = input.find('\0');
  std::string_view model_json = input.substr(0, nul);
  std::string request = nul == std::string_view::npos ? std::string() : std::string(input.substr(nul + 1));

  char *error = nullptr;
  sc_model *model = sc_model_from_json(model_json.data(), model_json.size(), &error);
  FUZZ_CHECK((model == nullptr) != (error == nullptr));
  if (error) {
    FUZZ_CHECK(nlohmann::json::accept(error));
    sc_string_free(error);
    error = nullptr;
  }

  if (!request.empty() && request.find("path") == std::string::npos) {
    auto parsed = nlohmann::json::parse(request, nullptr, false);
    bool allowed = parsed.is_object() && parsed.contains("command") && parsed["command"].is_string() &&
                   (parsed["command"] == "validate" || parsed["command"] == "survey");
    if (allowed) {
      char *result = sc_run(model, request.c_str(), &error);
      FUZZ_CHECK((result == nullptr) != (error == nullptr));
      FUZZ_CHECK(nlohmann::json::accept(result ? result : error));
      sc_string_free(result);
      sc_string_free(error);
    }
  }
  sc_model_free(model);
  return 0;
}
