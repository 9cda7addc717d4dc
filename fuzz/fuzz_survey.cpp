// Survey readers (SERVQUAL, IPA, NPS, CSAT, CES) on CSV text, with the measure
// and its options taken from the first byte. Properties: the only exceptions are
// servicechain::Error; results are finite and their JSON is written; an NPS lies
// in [-100, 100] and a CSAT share in [0, 1].
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "fuzz.hpp"
#include "servicechain/analysis/survey/ipa.hpp"
#include "servicechain/analysis/survey/scores.hpp"
#include "servicechain/analysis/survey/servqual.hpp"
#include "servicechain/error.hpp"
#include "servicechain/io/csv.hpp"
#include "servicechain/io/json_writer.hpp"

using namespace servicechain;

namespace {
void finite(const std::optional<double> &x) {
  if (x) FUZZ_CHECK(std::isfinite(*x));
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size) {
  if (size < 1) return 0;
  // byte 0: bits 0-2 the measure, bits 3-4 the grouping or crosshair,
  // bit 5 a small min_group, bit 6 a row filter, bit 7: the first line is an item
  // map and a scale ("name:1-4;...|1-7"), the CSV follows it.
  const std::uint8_t control = data[0];
  std::string_view text(reinterpret_cast<const char *>(data + 1), size - 1);
  std::optional<ServqualItemMap> items;
  std::optional<Scale> scale;
  if (control & 0x80) {
    auto newline = text.find('\n');
    std::string_view line = text.substr(0, newline);
    text = newline == std::string_view::npos ? std::string_view() : text.substr(newline + 1);
    auto bar = line.find('|');
    try {
      items = parse_item_map(line.substr(0, bar));
      FUZZ_CHECK(!items->empty());
    } catch (const Error &) {
    }
    if (bar != std::string_view::npos) {
      scale = parse_scale(line.substr(bar + 1));
      if (scale) FUZZ_CHECK(scale->min < scale->max && parse_scale(to_string(*scale)) == scale);
    }
  }
  std::optional<RowFilter> filter;
  if (control & 0x40) filter = RowFilter{"segment", {"business", "leisure"}};
  try {
    auto reader = CsvReader::from_text(text, "fuzz.csv");
    std::string json;
    JsonWriter w(json, 0);
    switch (control & 0x07) {
      case 0: {
        ServqualOptions o;
        if (items) o.items = *items;
        if (scale) o.scale = *scale;
        o.by = (control & 0x18) == 0x08 ? ServqualGroupBy::segment
             : (control & 0x18) == 0x10 ? ServqualGroupBy::moment : ServqualGroupBy::none;
        if (control & 0x20) o.min_group = 1;
        o.filter = filter;
        auto r = servqual(reader, o);
        finite(r.overall.unweighted);
        finite(r.overall.weighted);
        write_json(w, r);
        break;
      }
      case 1: {
        IpaOptions o;
        if (scale) o.scale = *scale;
        o.crosshair = control & 0x08 ? Crosshair::midpoint : Crosshair::mean;
        o.filter = filter;
        auto r = ipa(reader, o);
        finite(r.csi);
        write_json(w, r);
        break;
      }
      case 2: case 5: {
        auto r = nps(reader, ScoreOptions{"recommend", filter, std::nullopt});
        FUZZ_CHECK(r.nps >= -100 && r.nps <= 100 && r.promoters + r.passives + r.detractors == r.n);
        write_json(w, r);
        break;
      }
      case 3: case 6: {
        auto r = csat(reader, ScoreOptions{"csat", filter, std::nullopt});
        FUZZ_CHECK(r.csat >= 0 && r.csat <= 1);
        write_json(w, r);
        break;
      }
      default: {
        auto r = ces(reader, ScoreOptions{"ces", filter, scale});
        FUZZ_CHECK(std::isfinite(r.mean));
        write_json(w, r);
        break;
      }
    }
  } catch (const Error &) {
  }
  return 0;
}
