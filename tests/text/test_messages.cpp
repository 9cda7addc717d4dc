// The message catalogue and the number formatter (include/servicechain/text/messages.hpp).
#include <catch2/catch.hpp>

#include <algorithm>
#include <regex>
#include <set>
#include <stdexcept>

#include "servicechain/bundled.hpp"
#include "servicechain/io/model_json.hpp"
#include "servicechain/text/messages.hpp"

using namespace servicechain;
using namespace servicechain::text;

namespace {

// The placeholders {0}, {1}, … of a text, as a set.
std::set<std::string> placeholders(std::string_view text) {
  std::set<std::string> out;
  static const std::regex placeholder(R"(\{[0-9]\})");
  const std::string s(text);
  for (auto it = std::sregex_iterator(s.begin(), s.end(), placeholder); it != std::sregex_iterator(); ++it) out.insert(it->str());
  return out;
}

}  // namespace

TEST_CASE("every message has both languages, the same placeholders and a unique id", "[messages]") {
  const auto catalogue = message_catalogue();
  REQUIRE(catalogue.size() > 200);
  for (std::size_t i = 0; i < catalogue.size(); ++i) {
    const Message &m = catalogue[i];
    INFO(m.id);
    CHECK(!m.id.empty());
    CHECK(!m.en.empty());
    CHECK(!m.es.empty());
    CHECK(placeholders(m.en) == placeholders(m.es));
    if (i > 0) CHECK(catalogue[i - 1].id < m.id);  // sorted, so no id twice
    CHECK(message(m.id, Language::en) == m.en);
    CHECK(message(m.id, Language::es) == m.es);
  }
}

TEST_CASE("Spanish messages follow the seeds' Latin American terms", "[messages]") {
  // Spain's words the seeds do not use, and the English abbreviation of the index.
  const std::regex spain(R"(\b(coste|costes|formación|momentos de verdad|CSI)\b)");
  for (const Message &m : message_catalogue()) {
    INFO(m.id << ": " << m.es);
    CHECK_FALSE(std::regex_search(std::string(m.es), spain));
  }
  CHECK(message("term.csi", Language::es) == "ICS");
  CHECK(message("stage.plan", Language::es) == "planificar");
  CHECK(message("stage.do", Language::es) == "hacer");
  CHECK(message("stage.check", Language::es) == "verificar");
  CHECK(message("stage.act", Language::es) == "actuar");
}

TEST_CASE("an unknown message id is an error, and placeholders are filled in order", "[messages]") {
  CHECK_THROWS_AS(message("no.such.message", Language::en), std::out_of_range);
  CHECK(format("summary.and_more", Language::en, {"3"}) == "and 3 more");
  CHECK(format("summary.and_more", Language::es, {"3"}) == "y 3 más");
  // A placeholder without an argument stays as it is.
  CHECK(format("summary.and_more", Language::en, {}) == "and {0} more");
}

TEST_CASE("numbers: decimal comma and thousands in Spanish, point and commas in English", "[messages]") {
  CHECK(format_number(73.2, 1, Language::es) == "73,2");
  CHECK(format_number(73.2, 1, Language::en) == "73.2");
  CHECK(format_number(1234.5, 1, Language::es) == "1.234,5");
  CHECK(format_number(1234.5, 1, Language::en) == "1,234.5");
  CHECK(format_number(1234567.891, 2, Language::en) == "1,234,567.89");
  CHECK(format_number(-1234.5, 0, Language::es) == "-1.234");  // rounds half to even in printf: 1234.5 → 1234
  CHECK(format_number(-0.001, 2, Language::en) == "0.00");
  CHECK(format_number(999.999, 2, Language::en) == "1,000.00");
  CHECK(format_number(0.5, 3, Language::es) == "0,500");
  CHECK(format_number(12, 0, Language::en) == "12");
  CHECK(format_number(std::numeric_limits<double>::quiet_NaN(), 1, Language::en) == "–");
  CHECK(format_count(20000, Language::en) == "20,000");
  CHECK(format_count(20000, Language::es) == "20.000");
  CHECK(format_count(999, Language::es) == "999");
  CHECK(format_percent(0.8333, 1, Language::es) == "83,3\u00a0%");
}

TEST_CASE("money has two decimals, thousands and the currency code", "[messages]") {
  CHECK(format_money(20120, "", Language::en) == "20,120.00");
  CHECK(format_money(20120, "", Language::es) == "20.120,00");
  CHECK(format_money(20120, "USD", Language::en) == "20,120.00\u00a0USD");
  CHECK(format_money(1.005e6, "MXN", Language::es) == "1.005.000,00\u00a0MXN");
}

TEST_CASE("dates per language; anything else unchanged", "[messages]") {
  CHECK(format_date("2026-03-05", Language::en) == "5 March 2026");
  CHECK(format_date("2026-03-05", Language::es) == "5 de marzo de 2026");
  CHECK(format_date("2026-12-31", Language::es) == "31 de diciembre de 2026");
  CHECK(format_date("2026-13-05", Language::en) == "2026-13-05");
  CHECK(format_date("yesterday", Language::es) == "yesterday");
}

TEST_CASE("the model's currency comes from the organization's x-currency", "[messages]") {
  Model model = load_model_json(example_model_json(Language::en), "hotel");
  CHECK_FALSE(model_currency(model));
  REQUIRE(model.organization);
  model.organization->extensions.push_back({"x-currency", "\"USD\""});
  CHECK(model_currency(model) == "USD");
  model.organization->extensions.back().second = "42";  // not a string: ignored
  CHECK_FALSE(model_currency(model));
}

TEST_CASE("long warning lists are summarized", "[messages]") {
  const auto few = summarize_warnings(3);
  CHECK(few.shown == 3);
  CHECK_FALSE(few.summarized);
  const auto many = summarize_warnings(967);
  CHECK(many.total == 967);
  CHECK(many.shown == 5);
  CHECK(many.summarized);
  CHECK(summarize_warnings(20).shown == 20);
  CHECK(summarize_warnings(21, 20, 5).shown == 5);
}
