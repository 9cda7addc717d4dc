#include "servicechain/report/validation.hpp"

#include "servicechain/io/json_writer.hpp"
#include "servicechain/io/model_json.hpp"
#include "servicechain/text/messages.hpp"
#include "../io/model_json_file.hpp"

namespace servicechain {

namespace {
/// parse() then validate_after_parse, collecting everything in `diagnostics`. An
/// input the reader cannot take (a syntax error, a resource limit) is one error
/// with an empty path: code "syntax" or "limit_exceeded", the exception's message.
template <class Parse>
std::optional<Model> check(Diagnostics &diagnostics, Parse parse) {
  try {
    Model model = parse();
    validate_after_parse(model, diagnostics);
    if (diagnostics.ok()) return model;
  } catch (const ParseError &e) {
    diagnostics.error(text::diagnostic("", "syntax", "diag.syntax", {e.what()}));
  } catch (const LimitError &e) {
    diagnostics.error(text::diagnostic("", "limit_exceeded", "diag.limit_exceeded.input", {e.what()}));
  }
  return std::nullopt;
}
}  // namespace

std::optional<Model> check_model_file(const std::filesystem::path &file, Diagnostics &diagnostics) {
  return check(diagnostics, [&] { return parse_model_file(file, diagnostics); });
}

std::optional<Model> check_model_json(std::string_view text, Diagnostics &diagnostics, std::string_view source) {
  return check(diagnostics, [&] { return parse_model_json(text, diagnostics, source); });
}

namespace {
void write_list(JsonWriter &w, std::string_view key, const std::vector<Diagnostic> &list) {
  w.key(key).begin_array();
  for (const auto &d : list) w.begin_object().field("path", d.path).field("code", d.code).field("message", d.message).end_object();
  w.end_array();
}
}  // namespace

std::string validation_report_json(const Diagnostics &diagnostics) {
  std::string out;
  JsonWriter w(out);
  w.begin_object().field("valid", diagnostics.ok());
  write_list(w, "errors", diagnostics.errors);
  write_list(w, "warnings", diagnostics.warnings);
  w.end_object();
  out.push_back('\n');
  return out;
}

}  // namespace servicechain
