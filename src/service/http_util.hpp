#pragma once
// Pieces of the routes: URL parsing, problem documents, run() responses as
// HTTP replies, the token check, the OpenAPI document.
#include <map>
#include <string>
#include <string_view>
#include <utility>

#include "servicechain/run.hpp"
#include "servicechain/service/service.hpp"

namespace servicechain::service::detail {

/// (path, query) of a request target, split at '?'.
std::pair<std::string_view, std::string_view> split_target(std::string_view target);
/// %XX and '+' decoded.
std::string percent_decode(std::string_view text);
/// key=value pairs of a query string, decoded (the last of a repeated key wins).
std::map<std::string, std::string> parse_query(std::string_view query);
/// a == b, in time that depends on the lengths only (the bearer token check).
bool equal_constant_time(std::string_view a, std::string_view b);
/// 400 bad_request for a body that is not JSON, its path "<body>:line:column"
/// from the parser's byte offset (`what`: "request", "wave").
HttpReply json_syntax_problem(std::string_view what, std::string_view body, std::size_t byte, std::string_view message);
/// The HTTP status of a library error code (invalid_model 422, limit_exceeded
/// 413, not_found 404, store_unavailable 503, ...; 400 otherwise).
unsigned status_of(std::string_view code);
/// A failed run() or load_model_response() as a problem document.
HttpReply problem_from(const Response &response);
/// A run() response as a reply: 200 with the body unchanged on success (also
/// a failing result such as an invalid model's report, marked with the header
/// Servicechain-Status: 1), a problem document on an error.
HttpReply reply_from(const Response &response);
/// GET /openapi.json: OpenAPI 3.1 description of every route.
const std::string &openapi_document();

}  // namespace servicechain::service::detail
