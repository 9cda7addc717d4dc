// Model JSON reader: parse_model_json + validate_after_parse on arbitrary bytes.
// Properties: the only exceptions are servicechain::Error; the same bytes read
// from a file (parse_model_file, which scans through a window and reads with
// pread) give the same model and diagnostics, or fail too; a model that parses
// without errors survives to_json and a second parse unchanged (with no errors).
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <sys/mman.h>
#include <unistd.h>

#include "fuzz.hpp"
#include "servicechain/error.hpp"
#include "servicechain/io/model_json.hpp"
#include "servicechain/validate.hpp"

using namespace servicechain;

namespace {

/// The input as a regular file in memory (memfd), read by parse_model_file.
/// Returns false when parse_model_file threw.
bool parse_as_file(std::string_view text, Diagnostics &diagnostics, Model &model, const ReadLimits &limits) {
  const int fd = ::memfd_create("fuzz.json", MFD_CLOEXEC);
  FUZZ_CHECK(fd >= 0);
  FUZZ_CHECK(::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size()));
  bool ok = true;
  try {
    model = parse_model_file("/proc/self/fd/" + std::to_string(fd), diagnostics, limits);
  } catch (const Error &) {
    ok = false;
  }
  ::close(fd);
  return ok;
}

bool same_diagnostics(const std::vector<Diagnostic> &a, const std::vector<Diagnostic> &b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (a[i].path != b[i].path || a[i].code != b[i].code) return false;
  return true;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size) {
  std::string_view text(reinterpret_cast<const char *>(data), size);
  ReadLimits limits;
  limits.max_depth = 64;  // small enough to be reached by the fuzzer
  Diagnostics diagnostics;
  Model model;
  Diagnostics file_diagnostics;
  Model file_model;
  const bool file_ok = parse_as_file(text, file_diagnostics, file_model, limits);
  try {
    model = parse_model_json(text, diagnostics, "fuzz.json", limits);
  } catch (const Error &) {
    FUZZ_CHECK(!file_ok);
    return 0;
  }
  FUZZ_CHECK(file_ok);
  FUZZ_CHECK(file_model == model);
  FUZZ_CHECK(same_diagnostics(file_diagnostics.errors, diagnostics.errors));
  FUZZ_CHECK(same_diagnostics(file_diagnostics.warnings, diagnostics.warnings));
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
