// GET /openapi.json: the OpenAPI 3.1 description of every route (docs/service.md).
#include <nlohmann/json.hpp>

#include "http_util.hpp"

namespace servicechain::service::detail {
namespace {

using Json = nlohmann::ordered_json;

Json problem_response(const char *description) {
  return {{"description", description},
          {"content", {{"application/problem+json", {{"schema", {{"$ref", "#/components/schemas/Problem"}}}}}}}};
}

Json json_response(const char *description, Json schema = Json{{"type", "object"}}) {
  return {{"description", description}, {"content", {{"application/json", {{"schema", std::move(schema)}}}}}};
}

Json json_body(const char *description, Json schema = Json{{"type", "object"}}) {
  return {{"required", true}, {"description", description}, {"content", {{"application/json", {{"schema", std::move(schema)}}}}}};
}

Json id_parameter() {
  return {{"name", "id"}, {"in", "path"}, {"required", true},
          {"schema", {{"type", "string"}, {"pattern", "^[A-Za-z0-9_-][A-Za-z0-9._-]{0,127}$"}}}};
}

Json query(const char *name, const char *description, bool required = false) {
  return {{"name", name}, {"in", "query"}, {"required", required}, {"description", description}, {"schema", {{"type", "string"}}}};
}

/// The errors every authenticated route may answer.
Json with_errors(Json responses) {
  responses["400"] = problem_response("malformed request, JSON or CSV (the error names the JSON path or line)");
  responses["401"] = problem_response("missing or wrong bearer token (when the service has one)");
  responses["413"] = problem_response("body larger than the limit");
  responses["503"] = problem_response("store unavailable, or the request queue is full");
  return responses;
}

Json paths() {
  Json p;
  p["/health"]["get"] = {{"summary", "Liveness and store check (no token needed)"}, {"security", Json::array()},
                         {"responses", {{"200", json_response("the service and its store answer")},
                                        {"503", problem_response("the store is unavailable")}}}};
  p["/v1/version"]["get"] = {{"summary", "Library version, model format, store and schema version"},
                             {"responses", with_errors({{"200", json_response("version")}})}};
  p["/openapi.json"]["get"] = {{"summary", "This document"}, {"responses", {{"200", json_response("OpenAPI 3.1")}}}};
  p["/v1/run"]["post"] = {
      {"summary", "Run one request (docs/requests.md) on an inline model or a stored one"},
      {"description", "The body is a request object {\"command\", options...} plus either \"model_id\" (a stored model) "
                      "or \"model\" (an inline servicechain/1 model object). The success body is the CLI's --json output, "
                      "byte for byte. Inputs naming files ({\"path\"}) are refused: give data inline."},
      {"requestBody", json_body("the request")},
      {"responses", with_errors({{"200", json_response("the command's JSON (the report: text/html)")},
                                 {"404", problem_response("no stored model with that id")},
                                 {"422", problem_response("the inline model is invalid: every problem listed")}})}};
  p["/v1/models/{id}"] = {
      {"parameters", Json::array({id_parameter()})},
      {"put", {{"summary", "Create or replace a model (validated; stored with its upload time)"},
               {"requestBody", json_body("the model (servicechain/1 JSON)")},
               {"responses", with_errors({{"200", json_response("replaced: {id, etag, uploaded_at}")},
                                          {"201", json_response("created: {id, etag, uploaded_at}")},
                                          {"422", problem_response("invalid model: every problem listed")}})}}},
      {"get", {{"summary", "The stored model JSON"},
               {"responses", with_errors({{"200", json_response("the model")}, {"404", problem_response("no such model")}})}}},
      {"delete", {{"summary", "Delete a model and its waves"},
                  {"responses", with_errors({{"204", {{"description", "deleted"}}}, {"404", problem_response("no such model")}})}}}};
  Json wave_schema{{"type", "object"},
                   {"required", {"kind", "date", "csv"}},
                   {"properties", {{"kind", {{"enum", {"servqual", "nps", "csat", "ces", "internal"}}}},
                                   {"date", {{"type", "string"}, {"format", "date"}}},
                                   {"csv", {{"type", "string"}}}}}};
  p["/v1/models/{id}/waves"] = {
      {"parameters", Json::array({id_parameter()})},
      {"post", {{"summary", "Add a survey wave (replaces one of the same kind and date)"},
                {"requestBody", json_body("the wave", wave_schema)},
                {"responses", with_errors({{"201", json_response("stored")}, {"404", problem_response("no such model")}})}}}};
  p["/v1/models/{id}/trend"] = {
      {"parameters", Json::array({id_parameter()})},
      {"get", {{"summary", "The trend over the stored waves of one kind (servicechain trend --json)"},
               {"parameters", Json::array({query("kind", "servqual, nps, csat, ces or internal", true),
                                           query("column", "nps, csat, ces: the column holding the answers"),
                                           query("scale", "servqual, ces: MIN-MAX"), query("items", "servqual: item map"),
                                           query("min-group", "internal: privacy minimum (default 5)"),
                                           query("propagation", "internal: linear or geometric"),
                                           query("delimiter", ", ; or tab"), query("decimal-comma", "true to read 3,5")})},
               {"responses", with_errors({{"200", json_response("the trend")},
                                          {"404", problem_response("no such model, or no waves of that kind")}})}}}};
  p["/v1/models/{id}/report"] = {
      {"parameters", Json::array({id_parameter()})},
      {"get", {{"summary", "The HTML report of a stored model"},
               {"parameters", Json::array({query("lang", "en (default) or es")})},
               {"responses", with_errors({{"200", {{"description", "HTML"}, {"content", {{"text/html", {{"schema", {{"type", "string"}}}}}}}}},
                                          {"404", problem_response("no such model")}})}}}};
  return p;
}

Json components() {
  Json error{{"type", "object"},
             {"required", {"code", "message"}},
             {"properties", {{"code", {{"type", "string"}}}, {"message", {{"type", "string"}}},
                             {"path", {{"type", "string"}, {"description", "JSON path or file:line:column"}}},
                             {"errors", {{"type", "array"}, {"description", "validation problems of an invalid model"}}}}}};
  return {{"schemas", {{"Problem", {{"type", "object"},
                                    {"description", "RFC 9457 problem details with the library's error object"},
                                    {"properties", {{"type", {{"type", "string"}}}, {"title", {{"type", "string"}}},
                                                    {"status", {{"type", "integer"}}}, {"detail", {{"type", "string"}}},
                                                    {"error", error}}}}}}},
          {"securitySchemes", {{"bearer", {{"type", "http"}, {"scheme", "bearer"}}}}}};
}

}  // namespace

const std::string &openapi_document() {
  static const std::string document = [] {
    Json doc{{"openapi", "3.1.0"},
             {"info", {{"title", "servicechain"}, {"version", SERVICECHAIN_VERSION_STRING},
                       {"description", "Service-quality modelling over HTTP (docs/service.md)"}}},
             {"paths", paths()},
             {"components", components()},
             {"security", Json::array({{{"bearer", Json::array()}}})}};
    return doc.dump(2) + "\n";
  }();
  return document;
}

}  // namespace servicechain::service::detail
