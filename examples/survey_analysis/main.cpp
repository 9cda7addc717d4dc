// Customer surveys: SERVQUAL gaps per dimension, importance–performance
// quadrants, and the Net Promoter Score with its 95% interval. Each measure
// streams its CSV file, so the same code reads a survey of any size.
//
//   servicechain_example_survey_analysis [SURVEYS_DIR]   (default: examples/surveys)
#include <exception>
#include <filesystem>
#include <iostream>

#include <servicechain/analysis/survey/ipa.hpp>
#include <servicechain/analysis/survey/scores.hpp>
#include <servicechain/analysis/survey/servqual.hpp>
#include <servicechain/io/csv.hpp>

namespace sc = servicechain;

int main(int argc, char **argv) try {
  // The data directory (examples/), as every example takes it.
  std::filesystem::path dir = std::filesystem::path(argc > 1 ? argv[1] : "examples") / "surveys";
  std::cout.precision(4);

  // SERVQUAL: columns E1..E22 (expectations) and P1..P22 (perceptions) on 1–7;
  // gap = perception − expectation, negative where the service falls short.
  auto servqual_file = sc::CsvReader::open(dir / "servqual.csv");
  sc::ServqualScores servqual = sc::servqual(servqual_file).overall;
  std::cout << "SERVQUAL, " << servqual.n << " respondents\n";
  for (const auto &dimension : servqual.dimensions)
    if (dimension.gap)
      std::cout << "  " << dimension.name << ": E " << *dimension.expectation << ", P " << *dimension.perception
                << ", gap " << *dimension.gap << "\n";
  if (servqual.unweighted) std::cout << "  unweighted score " << *servqual.unweighted << "\n";
  if (servqual.weighted) std::cout << "  weighted score " << *servqual.weighted << "\n";

  // Importance–performance: columns I_<attribute> and P_<attribute> on 1–5.
  auto ipa_file = sc::CsvReader::open(dir / "ipa.csv");
  sc::IpaResult ipa = sc::ipa(ipa_file);  // IpaOptions: scale 1–5, cross-hairs at the means
  std::cout << "IPA, " << ipa.n << " respondents\n";
  for (const auto &attribute : ipa.attributes)
    if (attribute.quadrant)
      std::cout << "  " << attribute.name << ": importance " << *attribute.importance << ", performance "
                << *attribute.performance << " -> " << sc::to_string(*attribute.quadrant) << "\n";

  // Net Promoter Score from the 0–10 "would you recommend us" column.
  auto nps_file = sc::CsvReader::open(dir / "nps.csv");
  sc::ScoreOptions recommend;
  recommend.column = "recommend";
  sc::NpsResult nps = sc::nps(nps_file, recommend);
  std::cout << "NPS " << nps.nps << " (95% CI " << nps.ci_low << " to " << nps.ci_high << "), " << nps.n
            << " answers: " << nps.promoters << " promoters, " << nps.detractors << " detractors\n";
} catch (const std::exception &e) {
  std::cerr << "error: " << e.what() << "\n";
  return 1;
}
