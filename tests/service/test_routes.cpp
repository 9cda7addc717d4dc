// The HTTP service's routes without the network (service.hpp): a Service over an
// SQLite store in a temporary file, requests in, replies out. The pytest suite
// next to this file runs the same routes through real `servicechain serve`
// processes; this one runs under the sanitizers with the other Catch2 tests.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <unistd.h>

#include "servicechain/service/service.hpp"

using namespace servicechain::service;

namespace {

std::string read_file(const std::string &path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

/// A temporary SQLite file, removed with its WAL files at the end.
struct TempStore {
  std::filesystem::path path = std::filesystem::temp_directory_path() /
                               ("servicechain-routes-" + std::to_string(::getpid()) + ".db");
  ~TempStore() {
    for (const char *suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path.string() + suffix);
  }
};

bool has(const std::string &text, const std::string &part) { return text.find(part) != std::string::npos; }

}  // namespace

TEST_CASE("routes: store, analyze, replace and delete, with run()'s bodies", "[service]") {
  TempStore temp;
  Service service(open_store("sqlite:" + temp.path.string()), "");
  const std::string hotel = read_file(std::string(SERVICECHAIN_SOURCE_DIR) + "/examples/hotel.json");

  HttpReply put = service.handle({"PUT", "/v1/models/hotel", "", hotel});
  CHECK(put.status == 201);
  CHECK(service.handle({"PUT", "/v1/models/hotel", "", hotel}).status == 200);
  CHECK(service.handle({"GET", "/v1/models/hotel", "", ""}).body == hotel);

  servicechain::SharedModel model;
  REQUIRE(servicechain::load_model_response(hotel, model).ok());
  const std::string expected = servicechain::run(R"({"command": "analyze"})", model.get()).body;
  HttpReply analyzed = service.handle({"POST", "/v1/run", "", R"({"command": "analyze", "model_id": "hotel"})"});
  CHECK(analyzed.status == 200);
  CHECK(analyzed.body == expected);

  CHECK(service.handle({"DELETE", "/v1/models/hotel", "", ""}).status == 204);
  HttpReply gone = service.handle({"POST", "/v1/run", "", R"({"command": "analyze", "model_id": "hotel"})"});
  CHECK(gone.status == 404);
  CHECK(gone.media_type == "application/problem+json");
}

TEST_CASE("routes: every error is a problem document with the library's error object", "[service]") {
  TempStore temp;
  Service service(open_store("sqlite:" + temp.path.string()), "token-123");
  const std::string bearer = "Bearer token-123";

  HttpReply no_token = service.handle({"GET", "/v1/version", "", ""});
  CHECK(no_token.status == 401);
  CHECK(has(no_token.body, R"("code": "unauthorized")"));
  CHECK(service.handle({"GET", "/v1/version", "Bearer token-12", ""}).status == 401);
  CHECK(service.handle({"GET", "/v1/version", "Bearer token-1234", ""}).status == 401);
  CHECK(service.handle({"GET", "/health", "", ""}).status == 200);  // probes need no token

  HttpReply invalid = service.handle({"PUT", "/v1/models/m", bearer, R"({"format": "servicechain/1", "units": [{"id": "a"}]})"});
  CHECK(invalid.status == 422);
  CHECK(has(invalid.body, R"("errors": [)"));
  HttpReply path = service.handle({"POST", "/v1/run", bearer, R"({"command": "survey nps", "column": "x", "data": {"path": "/etc/hostname"}})"});
  CHECK(path.status == 400);
  CHECK(has(path.body, R"("path": "/data")"));
  HttpReply syntax = service.handle({"POST", "/v1/run", bearer, "{\n  \"command\": ]"});
  CHECK(syntax.status == 400);
  CHECK(has(syntax.body, R"("path": "<body>:2:)"));
  CHECK(service.handle({"GET", "/v1/models/..%2Fx", bearer, ""}).status == 400);
  CHECK(service.handle({"GET", "/nowhere", bearer, ""}).status == 404);
  CHECK(service.handle({"PATCH", "/v1/models/m", bearer, ""}).status == 405);
}

TEST_CASE("routes: an unreachable store answers 503 and the service goes on", "[service]") {
  Service service(open_store("postgresql://nobody@127.0.0.1:1/none?connect_timeout=2"), "");
  HttpReply health = service.handle({"GET", "/health", "", ""});
  CHECK(health.status == 503);
  CHECK(has(health.body, R"("code": "store_unavailable")"));
  CHECK(service.handle({"GET", "/v1/version", "", ""}).status == 200);
  CHECK(service.handle({"GET", "/openapi.json", "", ""}).status == 200);
}
