#pragma once
// The one request/response contract: every command of the CLI as one library
// call. The CLI's --json, the C API, the Python package and the HTTP service
// are thin layers over run(), so all four give byte-identical JSON for the same
// request (docs/requests.md lists the requests and their options).
#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "servicechain/analysis/chain/graph.hpp"

namespace servicechain {

/// What a request returns: a body and how to read it.
struct Response {
  /// 0 success; 1 bad input or a result that fails (the CLI's exit code 1);
  /// 2 a malformed request or option (the CLI's usage error, exit code 2).
  int status = 0;
  /// The command's JSON (what the CLI's --json prints, final newline included),
  /// the report's HTML, or on failure the error object
  /// {"error": {"code", "message", "path" (when known), "errors" (invalid model)}}.
  std::string body;
  /// "application/json" or "text/html".
  std::string media_type = "application/json";
  /// The body is the error object (a failing result such as an invalid model's
  /// validation report has status 1 and is not an error object).
  bool error = false;
  /// True on success (status 0).
  bool ok() const { return status == 0; }
};

/// A model read and validated once, with its frozen chain graph: immutable,
/// shared by any number of concurrent run() calls.
using SharedModel = std::shared_ptr<const ModelAndGraph>;

/// Reads and validates servicechain/1 JSON named `source` in messages. On
/// success `out` holds the model and the response is status 0 with an empty
/// body; otherwise `out` is untouched and the body is the error object (code
/// invalid_model with every validation problem, bad_input with file:line:col,
/// limit_exceeded). Never throws.
Response load_model_response(std::string_view json, SharedModel &out, std::string_view source = "<input>");

/// Runs one request: a JSON object with "command" (e.g. "analyze",
/// "survey nps"), that command's options and its inline data (CSV text, a
/// second model, trend waves), on `model` (null for commands that read none).
/// Never throws; every failure is an error response.
Response run(std::string_view request_json, const ModelAndGraph *model = nullptr);

/// How run() delivers a body (the overload below).
struct RunOptions {
  /// When set, a successful body is passed here in pieces as it is written (a
  /// million-unit analysis never sits in memory whole) and Response::body stays
  /// empty; an error's body is returned as usual (nothing was passed to the sink).
  std::function<void(std::string_view)> sink;
};

/// run() with RunOptions (the CLI streams large results to standard output).
Response run(std::string_view request_json, const ModelAndGraph *model, const RunOptions &options);

}  // namespace servicechain
