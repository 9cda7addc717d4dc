// The umbrella header alone is enough for a program using the library
// (include/servicechain/servicechain.hpp): nothing else is included here.
#include "servicechain/servicechain.hpp"

#include <catch2/catch.hpp>

TEST_CASE("umbrella header: a model, an analysis and a request with one include") {
  using namespace servicechain;
  const Model model = load_model(std::string(SERVICECHAIN_SOURCE_DIR) + "/examples/hotel.json");
  const ChainAnalysis analysis = analyze_chain(model);
  CHECK(analysis.satisfaction.csi.has_value());
  SharedModel shared;
  REQUIRE(load_model_response(servicechain::read_file(std::string(SERVICECHAIN_SOURCE_DIR) + "/examples/hotel.json"), shared).ok());
  const Response r = run(R"({"command": "maturity"})", shared.get());
  CHECK(r.ok());
  CHECK(r.body.find("\"index\"") != std::string::npos);
}

TEST_CASE("analyze_checked: an invalid model is a ValidationError listing every problem") {
  using namespace servicechain;
  Model model = load_model(std::string(SERVICECHAIN_SOURCE_DIR) + "/examples/hotel.json");
  CHECK(analyze_checked(model).satisfaction.csi == analyze_chain(model).satisfaction.csi);
  model.services.push_back(model.services.front());  // the same service twice ...
  model.services.back().to = "no_such_unit";          // ... to a unit that does not exist
  try {
    analyze_checked(model);
    FAIL("no ValidationError");
  } catch (const ValidationError &e) {
    CHECK_FALSE(e.diagnostics().errors.empty());
    CHECK_THAT(e.what(), Catch::Contains("no_such_unit"));
  }
}

TEST_CASE("ChainAnalysis: a unit's results by id are its results by index") {
  using namespace servicechain;
  const Model model = load_model(std::string(SERVICECHAIN_SOURCE_DIR) + "/examples/hotel.json");
  const ChainAnalysis a = analyze_chain(model);
  for (std::uint32_t u = 0; u < model.units.size(); ++u) {
    auto by_id = a.unit(model, model.units[u].id);
    REQUIRE(by_id.has_value());
    CHECK(by_id->index == u);
    CHECK(by_id->delivered == a.propagation.delivered[u]);
    CHECK(by_id->impact == a.impact.impact[u]);
    CHECK(by_id->customer_distance == a.customer_distance[u]);
    CHECK(a.unit(u).quality == a.intrinsic[u]);
  }
  CHECK_FALSE(a.unit(model, "no_such_unit").has_value());
}
