#include "servicechain/analysis/survey/generate.hpp"

#include <algorithm>
#include <cmath>
#include <random>
#include <unordered_map>

#include "../../io/csv_field.hpp"
#include "../../util/random.hpp"
#include "servicechain/analysis/chain/graph.hpp"
#include "servicechain/analysis/chain/propagation.hpp"
#include "servicechain/analysis/people/fit.hpp"
#include "servicechain/error.hpp"
#include "servicechain/validate.hpp"

namespace servicechain {

namespace {

using detail::append_csv_field;

/// About N(0, 0.5): the sum of three uniforms, portable where std::normal_distribution is not.
double noise(std::mt19937_64 &rng) { return detail::uniform01(rng) + detail::uniform01(rng) + detail::uniform01(rng) - 1.5; }

int answer(double center, double spread, int low, int high, std::mt19937_64 &rng) {
  const double x = std::round(center + spread * noise(rng));
  return static_cast<int>(std::clamp(x, static_cast<double>(low), static_cast<double>(high)));
}

}  // namespace

std::string generate_internal_survey_csv(const Model &model, const GeneratedInternalSurveyOptions &options) {
  if (options.respondents_per_unit > 100000) throw ArgumentError("internal survey: at most 100,000 respondents per unit");
  if (!options.date.empty() && !is_iso_date(options.date))
    throw ArgumentError("internal survey: date \"" + options.date + "\" is not a date YYYY-MM-DD");
  const ChainGraph graph(model);
  const auto s = intrinsic_quality(model);
  const auto q = propagate(graph, s).delivered;
  std::vector<std::size_t> headcount(model.units.size(), 0);
  std::unordered_map<std::string_view, std::size_t> unit;
  for (std::size_t u = 0; u < model.units.size(); ++u) unit.emplace(model.units[u].id, u);
  for (const auto &p : model.people)
    if (auto it = unit.find(p.unit); it != unit.end()) ++headcount[it->second];
  std::vector<std::vector<const Service *>> received(model.units.size());
  for (const auto &service : model.services)
    if (unit.count(service.from) && unit.count(service.to)) received[unit.at(service.to)].push_back(&service);

  std::mt19937_64 rng(options.seed ^ 0x1e7a5c0ffee5eedULL);
  std::string out = "respondent,respondent_unit,supplier_unit,service,rating,enps";
  out.append(options.date.empty() ? "\n" : ",date\n");
  for (std::size_t to = 0; to < model.units.size(); ++to) {
    if (received[to].empty()) continue;
    std::size_t respondents = options.respondents_per_unit;
    if (respondents == 0) respondents = headcount[to] > 0 ? headcount[to] : 6;
    for (std::size_t r = 1; r <= respondents; ++r) {
      const std::string respondent = model.units[to].id + "-" + std::to_string(r);
      bool first = true;
      for (const Service *service : received[to]) {
        const int rating = answer(1 + 4 * q[unit.at(service->from)], 1.2, 1, 5, rng);
        append_csv_field(out, respondent);
        out.push_back(',');
        append_csv_field(out, service->to);
        out.push_back(',');
        append_csv_field(out, service->from);
        out.push_back(',');
        append_csv_field(out, service->name);
        out.append(",").append(std::to_string(rating)).append(",");
        if (first) out.append(std::to_string(answer(10 * s[to], 2.5, 0, 10, rng)));
        first = false;
        if (!options.date.empty()) out.append(",").append(options.date);
        out.push_back('\n');
      }
    }
  }
  return out;
}

}  // namespace servicechain
