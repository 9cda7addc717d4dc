// Helpers of the CLI (tools/servicechain/cli.hpp).
#include <catch2/catch.hpp>

#include "cli.hpp"
#include "servicechain/io/services_csv.hpp"

TEST_CASE("cli: --delimiter and --decimal-comma set the dialect and keep the reader's limits") {
  servicechain::cli::CsvArgs args;
  args.delimiter = ";";
  args.decimal_comma = true;
  servicechain::ServicesCsvOptions options;  // the import's own row bound
  args.apply(options.csv);
  CHECK(options.csv.delimiter == ';');
  CHECK(options.csv.decimal_comma);
  CHECK(options.csv.max_records == 50'000'000);
  CHECK(args.options().max_records == SIZE_MAX);  // plain options: the CsvOptions defaults
  args.delimiter = "|";
  CHECK_THROWS_AS(args.apply(options.csv), servicechain::cli::UsageError);
}
