// The report as a manager reads it: the executive summary first, every area of
// the seeds in both languages, numbers and money per language, the plan's date
// from the data, warnings summarized.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cstring>
#include <regex>

#include "servicechain/bundled.hpp"
#include "servicechain/io/csv.hpp"
#include "servicechain/io/model_json.hpp"
#include "servicechain/report/html.hpp"
#include "servicechain/report/html_request.hpp"
#include "servicechain/text/messages.hpp"

using namespace servicechain;

namespace {

Model hotel(Language language) { return load_model_json(example_model_json(language), "hotel"); }

std::string report(const Model &model, HtmlReportRequest request) { return build_html_report(model, ChainGraph(model), request); }

std::string section_of(const std::string &html, const std::string &id) {
  const auto start = html.find("<section id=\"" + id + "\"");
  REQUIRE(start != std::string::npos);
  return html.substr(start, html.find("</section>", start) - start);
}

// The text of the HTML without tags, style and SVG drawings (what a reader sees, roughly).
// By hand: std::regex recurses per character and overflows the stack on a whole report.
std::string visible_text(const std::string &html) {
  std::string out;
  for (std::size_t i = 0; i < html.size();) {
    for (const char *block : {"svg", "style"}) {
      if (html.compare(i, std::strlen(block) + 1, std::string("<") + block) == 0) {
        const auto end = html.find(std::string("</") + block + ">", i);
        i = end == std::string::npos ? html.size() : end + std::strlen(block) + 3;
      }
    }
    if (i >= html.size()) break;
    if (html[i] == '<') {
      const auto end = html.find('>', i);
      i = end == std::string::npos ? html.size() : end + 1;
      out += ' ';
      continue;
    }
    out += html[i++];
  }
  return out;
}

const char *const area_sections[] = {"executive-summary", "summary", "chain", "impact", "moments", "internal",
                                     "compliance", "alignment", "culture", "training", "plans", "simulation"};

}  // namespace

TEST_CASE("report sections: the executive summary comes first and every area has its section, in both languages", "[report]") {
  for (Language language : {Language::en, Language::es}) {
    const Model model = hotel(language);
    HtmlReportRequest request;
    request.language = language;
    const std::string html = report(model, request);
    INFO((language == Language::es ? "es" : "en"));
    for (const char *id : area_sections) CHECK_THAT(html, Catch::Contains(std::string("<section id=\"") + id + "\""));
    // The summary is the first section after the header's cards, before the drawing.
    CHECK(html.find("id=\"executive-summary\"") < html.find("id=\"chain\""));
    // Each area section says what it shows and how to read it.
    for (const char *id : {"executive-summary", "chain", "impact", "moments", "internal", "compliance", "alignment", "culture", "plans", "simulation"})
      CHECK_THAT(section_of(html, id), Catch::Contains("<p class=\"lead\">"));
    const std::string summary = section_of(html, "executive-summary");
    CHECK(std::count(summary.begin(), summary.end(), '\n') < 40);  // one screen
    CHECK(summary.find("<ol class=\"todo\">") != std::string::npos);
  }
}

TEST_CASE("report sections: the summary's figures come from the analyses", "[report]") {
  const Model model = hotel(Language::en);
  const ChainAnalysis chain = analyze_chain(model);
  HtmlReportRequest request;
  const std::string summary = section_of(report(model, request), "executive-summary");
  REQUIRE(chain.satisfaction.csi);
  CHECK_THAT(summary, Catch::Contains("<strong>" + text::format_number(*chain.satisfaction.csi, 1, Language::en) + "</strong> out of 100"));
  // Every unit whose morale caps its quality is named (the first five, then a count).
  std::size_t capped = 0;
  for (std::size_t u = 0; u < model.units.size(); ++u) capped += chain.capped[u] != 0;
  REQUIRE(capped > 0);
  CHECK_THAT(summary, Catch::Contains("In " + std::to_string(capped) + " units morale caps quality"));
  // The weakest link: the lowest s upstream of a moment owner.
  double weakest = 2;
  std::string weakest_name;
  for (const auto &m : model.moments)
    for (std::size_t u = 0; u < model.units.size(); ++u)
      if (model.units[u].id == m.owner && chain.weakest_upstream[u].quality < weakest)
        weakest = chain.weakest_upstream[u].quality, weakest_name = model.units[chain.weakest_upstream[u].unit].name;
  CHECK_THAT(summary, Catch::Contains("weakest link on the way to the customers is <strong>" + weakest_name + "</strong>"));
  const ComplianceResult compliance = check_policies(model);
  REQUIRE(compliance.compliance);
  CHECK_THAT(summary, Catch::Contains("met in " + text::format_percent(*compliance.compliance, 0, Language::en) + " of the checks"));
}

TEST_CASE("report sections: the CSI's change against an earlier snapshot", "[report]") {
  const Model model = hotel(Language::en);
  HtmlReportRequest request;
  request.previous_csi = 60.0;
  const auto csi = *analyze_chain(model).satisfaction.csi;
  const std::string summary = section_of(report(model, request), "executive-summary");
  CHECK_THAT(summary, Catch::Contains("That is " + text::format_number(csi - 60.0, 1, Language::en) + " points more than before (60.0)."));
}

TEST_CASE("report sections: Spanish numbers, terms and names; PDCA stages translated", "[report]") {
  const Model model = hotel(Language::es);
  HtmlReportRequest request;
  request.language = Language::es;
  request.currency = "MXN";
  const std::string html = report(model, request);
  const std::string text = visible_text(html);
  // No Spain-only words, no English index abbreviation, no English stage names in the progress line.
  for (const char *word : {"coste", "formación", "momentos de verdad", "momento de verdad", " CSI", "Progress"}) {
    INFO(word);
    CHECK(text.find(word) == std::string::npos);
  }
  const std::string plans = section_of(html, "plans");
  CHECK_THAT(plans, Catch::Contains("planificar ") && Catch::Contains("hacer ") && Catch::Contains("verificar ") && Catch::Contains("actuar "));
  // Money with thousands and the currency; the CSI with a decimal comma.
  const std::string training = section_of(html, "training");
  CHECK(std::regex_search(training.substr(0, training.find("<figure")), std::regex(R"(costo [0-9]{1,3}(\.[0-9]{3})*,[0-9]{2}\xC2\xA0MXN)")));
  const auto csi = *analyze_chain(model).satisfaction.csi;
  CHECK_THAT(section_of(html, "executive-summary"), Catch::Contains(text::format_number(csi, 1, Language::es)));
  CHECK(text::format_number(csi, 1, Language::es).find(',') != std::string::npos);
  // Moments of truth by name, in the order of the cycle of service.
  const std::string moments = section_of(html, "moments");
  std::int64_t last_stage = -1;
  std::size_t last_at = 0;
  for (const auto &segment : model.segments) {
    last_stage = -1;
    std::vector<const MomentOfTruth *> cycle;
    for (const auto &m : model.moments)
      if (m.segment == segment.id) cycle.push_back(&m);
    std::stable_sort(cycle.begin(), cycle.end(), [](auto *a, auto *b) { return a->stage < b->stage; });
    for (const auto *m : cycle) {
      const auto at = moments.find("</span> " + m->name + "<br>", last_at);
      INFO(m->name);
      REQUIRE(at != std::string::npos);
      CHECK(m->stage >= last_stage);
      last_stage = m->stage, last_at = at;
    }
  }
}

TEST_CASE("report sections: money per language, currency from the model", "[report]") {
  Model model = hotel(Language::en);
  REQUIRE(model.organization);
  model.organization->extensions.push_back({"x-currency", "\"USD\""});
  HtmlReportRequest request;
  const std::string training = section_of(report(model, request), "training");
  CHECK(std::regex_search(training.substr(0, training.find("<figure")), std::regex(R"(cost [0-9]{1,3}(,[0-9]{3})*\.[0-9]{2}\xC2\xA0USD)")));
  request.currency = "EUR<script>";
  CHECK_THROWS_AS(report(model, request), ArgumentError);
}

TEST_CASE("report sections: overdue actions at the plan's own date, not the clock", "[report]") {
  const Model model = hotel(Language::en);
  REQUIRE(!model.plans.empty());
  for (const auto &plan : model.plans) {
    PlanReportOptions options;
    options.plan = plan.id;
    const PlanReport r = plan_report(model, options);
    CHECK(r.as_of == plan_data_date(plan));
    REQUIRE(plan.start);
    CHECK(r.as_of == *plan.start);
  }
  HtmlReportRequest request;
  const std::string plans = section_of(report(model, request), "plans");
  CHECK_THAT(plans, Catch::Contains("overdue at " + text::format_date(*model.plans.front().start, Language::en)));
  // Without a start date: the latest due date of the plan's actions.
  Plan plan = model.plans.front();
  plan.start.reset();
  std::string latest;
  for (const auto &a : plan.actions)
    if (a.due) latest = std::max(latest, *a.due);
  CHECK(plan_data_date(plan) == latest);
  plan.actions.clear();
  CHECK(plan_data_date(plan).empty());
}

TEST_CASE("report sections: a long list of warnings is summarized", "[report]") {
  Model model = hotel(Language::en);
  // 30 units off the chain: 30 warnings "no path to any moment of truth".
  for (int i = 0; i < 30; ++i) {
    Unit u;
    u.id = "island" + std::to_string(i);
    u.name = "Island " + std::to_string(i);
    u.quality = 0.8;
    model.units.push_back(u);
  }
  HtmlReportRequest request;
  const std::string warnings = section_of(report(model, request), "warnings");
  CHECK(std::count(warnings.begin(), warnings.end(), '\n') < 20);
  CHECK_THAT(warnings, Catch::Contains("more (") && Catch::Contains("--all-warnings"));
  request.all_warnings = true;
  const std::string all = section_of(report(model, request), "warnings");
  for (int i = 0; i < 30; ++i) CHECK_THAT(all, Catch::Contains("island" + std::to_string(i) + "&quot;"));
}

TEST_CASE("report sections: a chain too wide for legible labels is split by department", "[report]") {
  if (!graphviz_available()) return;
  Model model = hotel(Language::en);
  // Forty reception desks side by side under the rooms division, each serving the front desk.
  for (int i = 0; i < 40; ++i) {
    Unit u;
    u.id = "desk" + std::to_string(i);
    u.name = "Reception desk number " + std::to_string(i);
    u.parent = "rooms";
    u.quality = 0.8;
    model.units.push_back(u);
    Service s;
    s.from = u.id;
    s.to = "front_desk";
    s.name = "cover";
    s.weight = 0.005;
    model.services.push_back(s);
  }
  HtmlReportRequest request;
  const std::string html = report(model, request);
  CHECK_THAT(section_of(html, "chain"), Catch::Contains("collapsed by department: 5 groups at depth 1") && Catch::Contains("too small to read"));
  for (const char *department : {"rooms", "fnb", "admin"}) CHECK_THAT(html, Catch::Contains(std::string("<section id=\"detail-") + department + "\""));
  // On request, the whole chain, scrolling inside its box rather than widening the page.
  request.full_chain = true;
  const std::string full = section_of(report(model, request), "chain");
  CHECK_THAT(full, Catch::Contains("the full chain, 58 units.") && Catch::Contains("class=\"chart drawing scroll\""));
}
