// run() and load_model_response(): the one request/response contract (DESIGN §5,
// docs/requests.md). Every failure becomes the error object; nothing throws out.
#include "servicechain/run.hpp"

#include <new>

#include "request.hpp"
#include "servicechain/io/model_json.hpp"
#include "servicechain/report/validation.hpp"

namespace servicechain {

namespace {

using detail::RequestError;

void write_diagnostics(JsonWriter &w, const std::vector<Diagnostic> &list) {
  w.begin_array();
  for (const auto &d : list) w.begin_object().field("path", d.path).field("code", d.code).field("message", d.message).end_object();
  w.end_array();
}

Response error_response(int status, std::string_view code, std::string_view message, std::string_view path = {},
                        const std::vector<Diagnostic> *errors = nullptr) {
  Response r;
  r.status = status;
  r.error = true;
  JsonWriter w(r.body);
  w.begin_object().key("error").begin_object().field("code", code).field("message", message);
  if (!path.empty()) w.field("path", path);
  if (errors) {
    w.key("errors");
    write_diagnostics(w, *errors);
  }
  w.end_object().end_object();
  r.body.push_back('\n');
  return r;
}

/// "file:line:column" of a parse error (the parts it knows).
std::string location(const ParseError &e) {
  std::string s = e.source().empty() ? "<input>" : e.source();
  if (e.line() > 0) s.append(":").append(std::to_string(e.line()));
  if (e.column() > 0) s.append(":").append(std::to_string(e.column()));
  return s;
}

/// The error object of the exception being handled. Must be called in a catch block.
Response current_error() noexcept {
  try {
    try {
      throw;
    } catch (const RequestError &e) {
      return error_response(e.status, e.code, e.what(), e.path);
    } catch (const ValidationError &e) {
      return error_response(1, "invalid_model", e.what(), e.source(), &e.diagnostics().errors);
    } catch (const LimitError &e) {
      return error_response(1, "limit_exceeded", e.what());
    } catch (const ParseError &e) {
      return error_response(1, "bad_input", e.what(), location(e));
    } catch (const InputError &e) {
      return error_response(1, "bad_input", e.what());
    } catch (const ArgumentError &e) {
      // well-formed, but naming what the model lacks (an unknown plan): the CLI's exit 1
      return error_response(1, "bad_option", e.what());
    } catch (const std::bad_alloc &) {
      return error_response(1, "limit_exceeded", "out of memory");
    } catch (const std::exception &e) {
      return error_response(1, "internal_error", e.what());
    }
  } catch (...) {  // even the error object could not be built (out of memory)
    Response r;
    r.status = 1;
    r.error = true;
    return r;
  }
}

}  // namespace

Response load_model_response(std::string_view json, SharedModel &out, std::string_view source) {
  try {
    Diagnostics diagnostics;
    std::optional<Model> model = check_model_json(json, diagnostics, source);
    if (!model) {
      // A syntax error or a limit of the reader is one diagnostic with an empty path.
      if (diagnostics.errors.size() == 1 && diagnostics.errors.front().path.empty()) {
        const Diagnostic &d = diagnostics.errors.front();
        if (d.code == "limit_exceeded") return error_response(1, "limit_exceeded", d.message);
        // "<input>:3:7: expected ..." → path "<input>:3:7"
        std::string_view message = d.message, path;
        if (auto colon = message.find(": "); colon != std::string_view::npos) path = message.substr(0, colon);
        return error_response(1, "bad_input", d.message, path);
      }
      ValidationError error(std::move(diagnostics), std::string(source));
      return error_response(1, "invalid_model", error.what(), {}, &error.diagnostics().errors);
    }
    ChainGraph graph(*model);
    out = std::make_shared<const ModelAndGraph>(ModelAndGraph{std::move(*model), std::move(graph)});
    return {};
  } catch (...) {
    return current_error();
  }
}

Response run(std::string_view request_json, const ModelAndGraph *model) { return run(request_json, model, RunOptions{}); }

Response run(std::string_view request_json, const ModelAndGraph *model, const RunOptions &options) {
  try {
    detail::ParsedRequest request = detail::parse_request(request_json);
    const detail::Command *command = nullptr;
    for (const auto &c : detail::commands())
      if (c.spec == request.spec) command = &c;
    if (request.spec->model == CommandSpec::Model::required && !model)
      throw RequestError("bad_request", "command \"" + std::string(request.spec->name) + "\" needs a model");
    Response response;
    response.media_type = std::string(request.spec->media_type);
    detail::Context context{request.options, model, request.language, response, options.sink ? &options.sink : nullptr};
    command->handle(context);
    return response;
  } catch (...) {
    return current_error();
  }
}

}  // namespace servicechain
