// RunOptions::allow_paths: a server (the HTTP service) refuses inputs that name
// files, so a client cannot make it read the server's own files.
#include <catch2/catch.hpp>
#include <string>

#include "servicechain/run.hpp"

using servicechain::Response;
using servicechain::RunOptions;

namespace {

const std::string nps_file = std::string(SERVICECHAIN_SOURCE_DIR) + "/examples/surveys/nps.csv";
const std::string hotel_file = std::string(SERVICECHAIN_SOURCE_DIR) + "/examples/hotel.json";

Response run_without_paths(const std::string &request) {
  RunOptions options;
  options.allow_paths = false;
  return servicechain::run(request, nullptr, options);
}

}  // namespace

TEST_CASE("allow_paths = false refuses {\"path\"} inputs with a bad_option at their JSON path", "[run][paths]") {
  const std::string request = R"({"command": "survey nps", "column": "recommend", "data": {"path": ")" + nps_file + R"("}})";
  REQUIRE(servicechain::run(request).ok());  // the default reads the file

  Response refused = run_without_paths(request);
  CHECK(refused.status == 2);
  CHECK(refused.error);
  CHECK(refused.body.find(R"("code": "bad_option")") != std::string::npos);
  CHECK(refused.body.find(R"("path": "/data")") != std::string::npos);
  CHECK(refused.body.find("nps.csv") == std::string::npos);  // nothing of the file leaks
}

TEST_CASE("allow_paths = false refuses a plain string naming a file, also inside args and arrays", "[run][paths]") {
  Response model_path = run_without_paths(R"({"command": "validate", "model": ")" + hotel_file + R"("})");
  CHECK(model_path.status == 2);
  CHECK(model_path.body.find(R"("path": "/model")") != std::string::npos);

  Response in_args = run_without_paths(R"({"command": "validate", "args": {"model": {"path": ")" + hotel_file + R"("}}})");
  CHECK(in_args.status == 2);
  CHECK(in_args.body.find(R"("path": "/args/model")") != std::string::npos);
}

TEST_CASE("allow_paths = false still runs inline data, byte for byte as with paths allowed", "[run][paths]") {
  const std::string request =
      R"({"command": "survey nps", "column": "recommend", "data": "recommend\n10\n9\n3\n7\n"})";
  Response inline_data = run_without_paths(request);
  REQUIRE(inline_data.ok());
  CHECK(inline_data.body == servicechain::run(request).body);
}
