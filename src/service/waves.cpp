// POST /v1/models/{id}/waves and GET /v1/models/{id}/trend (§4.13): survey
// waves kept in the store as raw CSV, the trend computed from them with the
// library's survey_trend(), its JSON that of `servicechain trend --json`.
#include <nlohmann/json.hpp>

#include <charconv>

#include "http_util.hpp"
#include "servicechain/analysis/chain/propagation.hpp"
#include "servicechain/analysis/survey/common.hpp"
#include "servicechain/analysis/survey/trend.hpp"
#include "servicechain/error.hpp"
#include "servicechain/io/json_writer.hpp"
#include "servicechain/service/service.hpp"

namespace servicechain::service {
namespace {

using Json = nlohmann::ordered_json;

/// YYYY-MM-DD with a month 01-12 and a day 01-31.
bool valid_date(std::string_view d) {
  if (d.size() != 10 || d[4] != '-' || d[7] != '-') return false;
  for (std::size_t i : {0, 1, 2, 3, 5, 6, 8, 9})
    if (d[i] < '0' || d[i] > '9') return false;
  const int month = (d[5] - '0') * 10 + (d[6] - '0'), day = (d[8] - '0') * 10 + (d[9] - '0');
  return month >= 1 && month <= 12 && day >= 1 && day <= 31;
}

/// A library exception (being handled) as a problem document: 400 with the
/// file:line:column of a parse error, 413 for a limit. Call in a catch block.
HttpReply input_problem() {
  try {
    throw;
  } catch (const LimitError &e) {
    return problem(413, "limit_exceeded", e.what());
  } catch (const ParseError &e) {
    std::string where = e.source();
    if (e.line() > 0) where.append(":").append(std::to_string(e.line()));
    if (e.column() > 0) where.append(":").append(std::to_string(e.column()));
    return problem(400, "bad_input", e.what(), where);
  } catch (const InputError &e) {
    return problem(400, "bad_input", e.what());
  } catch (const ArgumentError &e) {
    return problem(400, "bad_option", e.what());
  } catch (const Error &e) {
    return problem(400, "bad_input", e.what());
  }
}

/// The CSV dialect of the query (delimiter, decimal-comma), as the survey commands take it.
CsvOptions csv_options(std::map<std::string, std::string> &q) {
  CsvOptions csv;
  if (q.contains("delimiter")) {
    auto d = parse_csv_delimiter(q["delimiter"]);
    if (!d) throw ArgumentError("delimiter must be \",\", \";\" or \"tab\"");
    csv.delimiter = *d;
  }
  csv.decimal_comma = q.contains("decimal-comma") && q["decimal-comma"] != "false";
  if (csv.decimal_comma && csv.delimiter == ',') throw ArgumentError("decimal-comma needs delimiter \";\" or \"tab\"");
  return csv;
}

Scale scale_of(std::map<std::string, std::string> &q, Scale fallback) {
  if (!q.contains("scale")) return fallback;
  auto s = parse_scale(q["scale"]);
  if (!s) throw ArgumentError("scale must be MIN-MAX with MIN < MAX (e.g. 1-7)");
  return *s;
}

/// The survey options of the query string (§4.13: over HTTP, `trend`'s options go there).
TrendOptions trend_options(TrendKind kind, std::map<std::string, std::string> &q) {
  TrendOptions o;
  if (kind == TrendKind::nps || kind == TrendKind::csat || kind == TrendKind::ces) {
    if (q["column"].empty()) throw ArgumentError("trend " + std::string(to_string(kind)) + " needs column=NAME");
    o.score.column = q["column"];
    if (kind == TrendKind::ces) o.score.scale = scale_of(q, {1, 7});
  }
  if (kind == TrendKind::servqual) {
    o.servqual.scale = scale_of(q, {1, 7});
    if (q.contains("items")) o.servqual.items = parse_item_map(q["items"]);
  }
  if (q.contains("min-group")) {
    const std::string &text = q["min-group"];
    std::size_t value = 0;
    auto r = std::from_chars(text.data(), text.data() + text.size(), value);
    if (r.ec != std::errc() || r.ptr != text.data() + text.size()) throw ArgumentError("min-group must be a whole number");
    o.internal.min_group = value;
  }
  if (q.contains("propagation")) {
    auto p = parse_propagation_model(q["propagation"]);
    if (!p) throw ArgumentError("propagation must be linear or geometric");
    o.internal.propagation = *p;
  }
  return o;
}

}  // namespace

HttpReply Service::post_wave(const std::string &id, const std::string &body) {
  Json wave;
  try {
    wave = Json::parse(body);
  } catch (const Json::parse_error &e) {
    return detail::json_syntax_problem("wave", body, e.byte, e.what());
  }
  if (!wave.is_object()) return problem(400, "bad_request", "wave: must be an object {\"kind\", \"date\", \"csv\"}");
  for (const char *key : {"kind", "date", "csv"})
    if (!wave.contains(key) || !wave[key].is_string())
      return problem(400, "bad_request", std::string("wave: \"") + key + "\" (a string) is required", std::string("/") + key);
  const std::string kind = wave["kind"], date = wave["date"], csv = wave["csv"];
  auto parsed = parse_trend_kind(kind);
  if (!parsed || *parsed == TrendKind::maturity)
    return problem(400, "bad_option", "wave: kind must be servqual, nps, csat, ces or internal", "/kind");
  if (!valid_date(date)) return problem(400, "bad_option", "wave: date must be YYYY-MM-DD", "/date");
  try {  // well-formed CSV only: a malformed wave is refused now, not at every trend
    CsvReader reader = CsvReader::from_text(csv, "wave " + date);
    while (reader.next()) {
    }
  } catch (const InputError &) {
    return input_problem();
  }
  StoredWave stored{kind, date, csv, utc_now()};
  if (!store_->put_wave(id, stored)) return problem(404, "not_found", "no model " + id);
  HttpReply reply;
  reply.status = 201;
  reply.body = Json{{"model", id}, {"kind", kind}, {"date", date}, {"uploaded_at", stored.uploaded_at}}.dump(2);
  reply.body.push_back('\n');
  return reply;
}

HttpReply Service::trend(const std::string &id, std::string_view query) {
  auto q = detail::parse_query(query);
  auto kind = parse_trend_kind(q["kind"]);
  if (!kind || *kind == TrendKind::maturity)
    return problem(400, "bad_option", "kind=servqual, nps, csat, ces or internal is required", "?kind");
  SharedModel model = stored_model(id);
  if (!model) return problem(404, "not_found", "no model " + id);
  std::vector<StoredWave> stored = store_->waves(id, q["kind"]);
  if (stored.empty()) return problem(404, "not_found", "model " + id + " has no " + q["kind"] + " waves", "?kind");
  try {
    TrendOptions options = trend_options(*kind, q);
    const CsvOptions csv = csv_options(q);
    options.model = &model->model;
    std::vector<SurveyWaveInput> waves;
    for (const auto &w : stored) {
      std::string source = "wave " + w.date;
      waves.push_back({w.date, source, [text = std::string_view(w.csv), source, csv] {
                         return CsvReader::from_text(text, source, csv);
                       }});
    }
    const TrendResult result = survey_trend(*kind, waves, options);
    HttpReply reply;
    JsonWriter writer(reply.body);
    write_json(writer, result);
    reply.body.push_back('\n');
    return reply;
  } catch (const Error &) {
    return input_problem();
  }
}

}  // namespace servicechain::service
