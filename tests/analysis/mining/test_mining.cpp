#include <catch2/catch.hpp>

#include "support/command.hpp"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <csignal>
#include <cstdio>
#include <fcntl.h>
#include <filesystem>
#include <fstream>
#include <map>
#include <random>
#include <set>
#include <sstream>
#include <sys/stat.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

#include "servicechain/analysis/chain/graph.hpp"
#include "servicechain/analysis/mining/chain.hpp"
#include "servicechain/analysis/mining/social.hpp"
#include "servicechain/error.hpp"
#include "servicechain/io/model_json.hpp"
#include "servicechain/validate.hpp"

using namespace servicechain;

namespace {

constexpr std::int64_t second = 1000000;

const std::string header = "case:concept:name,concept:name,org:resource,time:timestamp\n";

/// (from, to) -> value with resource names, for readable checks.
std::map<std::pair<std::string, std::string>, double> by_name(const SocialNetwork &n) {
  std::map<std::pair<std::string, std::string>, double> m;
  for (const auto &p : n.pairs) m[{n.resources[p.from], n.resources[p.to]}] = p.value;
  return m;
}

SocialNetwork handover_text(const std::string &csv, double beta = 0, CaseOrder order = CaseOrder::detect) {
  EventLogOptions options;
  options.order = order;
  return handover_of_work(EventLogSource::text(csv, "log.csv"), beta, options);
}

using Pairs = std::map<std::pair<std::string, std::string>, double>;

}  // namespace

TEST_CASE("mining: ISO 8601 timestamps to UTC microseconds") {
  CHECK(parse_timestamp("1970-01-01T00:00:00Z") == 0);
  CHECK(parse_timestamp("1970-01-01") == 0);
  CHECK(parse_timestamp("1969-12-31T23:59:59Z") == -second);
  CHECK(parse_timestamp("2000-03-01T00:00:00Z") == std::int64_t{951868800} * second);
  CHECK(parse_timestamp("0000-01-01T00:00:00Z") == std::int64_t{-719528} * 86400 * second);
  const auto t = parse_timestamp("2026-03-02T11:01:00Z");
  REQUIRE(t);
  CHECK(*t == std::int64_t{1772449260} * second);
  // The same instant written in other ways.
  CHECK(parse_timestamp("2026-03-02T11:01:00") == t);  // no zone: UTC
  CHECK(parse_timestamp("2026-03-02 11:01:00") == t);
  CHECK(parse_timestamp("2026-03-02t11:01:00z") == t);
  CHECK(parse_timestamp("2026-03-02T11:01Z") == t);
  CHECK(parse_timestamp("2026-03-02T12:01:00+01:00") == t);
  CHECK(parse_timestamp("2026-03-02T06:31:00-0430") == t);
  CHECK(parse_timestamp("2026-03-02T13:01:00+02") == t);
  CHECK(parse_timestamp("2026-03-02T11:01:00+00:00") == t);
  CHECK(parse_timestamp(" 2026-03-02T11:01:00Z ") == t);
  // Fractions: cut at microseconds; comma as decimal mark.
  CHECK(parse_timestamp("2026-03-02T11:01:00.5Z") == *t + 500000);
  CHECK(parse_timestamp("2026-03-02T11:01:00,25Z") == *t + 250000);
  CHECK(parse_timestamp("2026-03-02T11:01:00.1234567Z") == *t + 123456);
  CHECK(parse_timestamp("2026-03-02T12:01:00.000001+01:00") == *t + 1);
  CHECK(parse_timestamp("2024-02-29T00:00:00Z"));
  // Malformed or out of range.
  for (const char *bad : {"", "2026", "2026-3-2", "2026-03-02T", "2026-03-02T11", "2026-03-02T11:1", "2026-13-01",
                          "2026-00-10", "2023-02-29", "2026-04-31", "2026-03-02T24:00:00", "2026-03-02T11:60:00",
                          "2026-03-02T11:01:61", "2026-03-02T11:01:00.Z", "2026-03-02T11:01:00+1", "2026-03-02T11:01:00+01:",
                          "2026-03-02T11:01:00+24:00", "2026-03-02T11:01:00 Z", "2026-03-02T11:01:00Zjunk",
                          "2026/03/02 11:01:00", "2026-03-02X11:01:00", "02/03/2026", "2026-03-02Z", "yesterday"}) {
    INFO(bad);
    CHECK_FALSE(parse_timestamp(bad));
  }
}

TEST_CASE("mining: ties keep file order, events are ordered by time within a case") {
  // C is earliest; A and B share a timestamp and keep file order A, B.
  auto n = handover_text(header +
                         "1,x,A,2026-01-01T10:00:00Z\n"
                         "1,x,B,2026-01-01T10:00:00Z\n"
                         "1,x,C,2026-01-01T09:00:00Z\n");
  CHECK(n.cases == 1);
  CHECK(n.events == 3);
  CHECK(n.resources == std::vector<std::string>{"A", "B", "C"});
  CHECK(by_name(n) == Pairs{{{"A", "B"}, 0.5}, {{"C", "A"}, 0.5}});
  // The same tie the other way round in the file.
  auto m = handover_text(header +
                         "1,x,B,2026-01-01T10:00:00Z\n"
                         "1,x,A,2026-01-01T11:00:00+01:00\n"  // same instant as B
                         "1,x,C,2026-01-01T09:00:00Z\n");
  CHECK(by_name(m) == Pairs{{{"B", "A"}, 0.5}, {{"C", "B"}, 0.5}});
}

TEST_CASE("mining: single-event cases add resources and cases but nothing to the denominator") {
  auto n = handover_text(header +
                         "k1,x,A,2026-01-01T10:00:00Z\n"
                         "k1,x,B,2026-01-01T10:05:00Z\n"
                         "k2,x,C,2026-01-01T11:00:00Z\n"
                         "k3,x,A,2026-01-01T12:00:00Z\n");
  CHECK(n.cases == 3);
  CHECK(n.resources == std::vector<std::string>{"A", "B", "C"});
  CHECK(by_name(n) == Pairs{{{"A", "B"}, 1.0}});
  // Only single-event cases: no handover at all (and no division by zero).
  auto s = handover_text(header + "k1,x,A,2026-01-01T10:00:00Z\nk2,x,B,2026-01-01T10:00:00Z\n");
  CHECK(s.cases == 2);
  CHECK(s.pairs.empty());
}

TEST_CASE("mining: self-handovers count, beta > 0 weighs later handovers") {
  auto n = handover_text(header + "1,x,A,2026-01-01T10:00:00Z\n1,x,A,2026-01-01T10:01:00Z\n1,x,B,2026-01-01T10:02:00Z\n");
  CHECK(by_name(n) == Pairs{{{"A", "A"}, 0.5}, {{"A", "B"}, 0.5}});
  // Case A B C A with beta 0.5: A->B 1, A->C 0.5, A->A 0.25, B->C 1, B->A 0.5, C->A 1; denominator 3.
  const std::string log = header +
                          "1,x,A,2026-01-01T10:00:00Z\n1,x,B,2026-01-01T10:01:00Z\n"
                          "1,x,C,2026-01-01T10:02:00Z\n1,x,A,2026-01-01T10:03:00Z\n";
  auto b = by_name(handover_text(log, 0.5));
  REQUIRE(b.size() == 6);
  CHECK(b[{"A", "B"}] == Approx(1.0 / 3));
  CHECK(b[{"A", "C"}] == Approx(0.5 / 3));
  CHECK(b[{"A", "A"}] == Approx(0.25 / 3));
  CHECK(b[{"B", "C"}] == Approx(1.0 / 3));
  CHECK(b[{"B", "A"}] == Approx(0.5 / 3));
  CHECK(b[{"C", "A"}] == Approx(1.0 / 3));
  auto b0 = by_name(handover_text(log, 0));
  CHECK(b0 == Pairs{{{"A", "B"}, 1.0 / 3}, {{"B", "C"}, 1.0 / 3}, {{"C", "A"}, 1.0 / 3}});
  CHECK_THROWS_AS(handover_text(log, -0.1), ArgumentError);
  CHECK_THROWS_AS(handover_text(log, 1.5), ArgumentError);
}

TEST_CASE("mining: a log not grouped by case gives the same result in every case order") {
  const std::string grouped = header +
                              "a,x,R1,2026-01-01T10:00:00Z\n"
                              "a,x,R2,2026-01-01T10:10:00Z\n"
                              "a,x,R3,2026-01-01T10:20:00Z\n"
                              "b,x,R2,2026-01-01T11:00:00Z\n"
                              "b,x,R1,2026-01-01T11:10:00Z\n";
  const std::string interleaved = header +
                                  "a,x,R3,2026-01-01T10:20:00Z\n"
                                  "b,x,R1,2026-01-01T11:10:00Z\n"
                                  "a,x,R1,2026-01-01T10:00:00Z\n"
                                  "b,x,R2,2026-01-01T11:00:00Z\n"
                                  "a,x,R2,2026-01-01T10:10:00Z\n";
  const Pairs expected{{{"R1", "R2"}, 1.0 / 3}, {{"R2", "R1"}, 1.0 / 3}, {{"R2", "R3"}, 1.0 / 3}};
  for (CaseOrder order : {CaseOrder::detect, CaseOrder::grouped, CaseOrder::any}) {
    INFO(to_string(order));
    auto g = handover_text(grouped, 0, order);
    CHECK(g.cases == 2);
    CHECK(by_name(g) == expected);
  }
  for (CaseOrder order : {CaseOrder::detect, CaseOrder::any}) {
    INFO(to_string(order));
    auto i = handover_text(interleaved, 0, order);
    CHECK(i.cases == 2);
    CHECK(i.events == 5);
    CHECK(by_name(i) == expected);
  }
  {  // from a file: detect reads it a second time
    const std::string path = "mining-interleaved-test.csv";
    std::ofstream(path) << interleaved;
    MiningResult f = mine_event_log(EventLogSource::file(path), {});
    std::remove(path.c_str());
    CHECK(f.cases == 2);
    CHECK(by_name(f.handover_network()) == expected);
  }
  MiningResult r = mine_event_log(EventLogSource::text(interleaved, "log.csv"), {});
  CHECK_FALSE(r.grouped);
  CHECK(mine_event_log(EventLogSource::text(grouped, "log.csv"), {}).grouped);
  // Declared grouped: the reappearing case is an error at its row and column.
  try {
    handover_text(interleaved, 0, CaseOrder::grouped);
    FAIL("no error");
  } catch (const ParseError &e) {
    CHECK(e.line() == 4);
    CHECK(e.column() == 1);
    CHECK_THAT(e.what(), Catch::Contains("\"a\" appears again"));
  }
}

TEST_CASE("mining: bad input names file, line and column") {
  auto error_of = [](const std::string &csv, EventLogOptions options = {}) -> std::string {
    try {
      handover_of_work(EventLogSource::text(csv, "log.csv"), 0, options);
    } catch (const ParseError &e) {
      return e.what();
    }
    return "no error";
  };
  CHECK_THAT(error_of(header + "1,x,A,2026-01-01T10:00:00Z\n1,x,B,2026-13-01T10:00:00Z\n"),
             Catch::StartsWith("log.csv:3:7: bad timestamp \"2026-13-01T10:00:00Z\" in column \"time:timestamp\""));
  CHECK_THAT(error_of(header + "1,\"quoted, name\",A,01/02/2026\n"), Catch::StartsWith("log.csv:2:20: bad timestamp"));
  CHECK_THAT(error_of(header + "1,x,A,\n"), Catch::StartsWith("log.csv:2:7: empty timestamp"));
  CHECK_THAT(error_of(header + "1,x,,2026-01-01\n"), Catch::StartsWith("log.csv:2:5: empty resource"));
  CHECK_THAT(error_of(header + ",x,A,2026-01-01\n"), Catch::StartsWith("log.csv:2:1: empty case id"));
  CHECK_THAT(error_of(header + "1,x,A\n"), Catch::StartsWith("log.csv:2:1: missing timestamp"));
  CHECK_THAT(error_of("case,resource,time\n1,A,2026-01-01\n"), Catch::StartsWith("log.csv:1:1: missing column \"case:concept:name\""));
  // Mapped columns; the activity column may be absent unless required.
  EventLogOptions mapped;
  mapped.columns.case_id = "case";
  mapped.columns.resource = "resource";
  mapped.columns.timestamp = "time";
  auto n = handover_of_work(EventLogSource::text("time,resource,case\n2026-01-01,A,1\n2026-01-02,B,1\n", "m.csv"), 0, mapped);
  CHECK(by_name(n) == Pairs{{{"A", "B"}, 1.0}});
  mapped.columns.require_activity = true;
  CHECK_THAT(error_of("time,resource,case\n2026-01-01,A,1\n", mapped), Catch::Contains("missing column \"concept:name\""));
  // Semicolons.
  EventLogOptions semicolon;
  semicolon.csv.delimiter = ';';
  auto s = handover_of_work(EventLogSource::text("case:concept:name;concept:name;org:resource;time:timestamp\n1;x;A;2026-01-01\n1;x;B;2026-01-02\n", "s.csv"),
                            0, semicolon);
  CHECK(by_name(s) == Pairs{{{"A", "B"}, 1.0}});
  CHECK_THROWS_AS(handover_of_work(EventLogSource::file("does-not-exist.csv")), InputError);
}

TEST_CASE("mining: working together is symmetric, without the diagonal") {
  auto n = working_together(EventLogSource::text(header +
                                                 "1,x,A,2026-01-01T10:00:00Z\n1,x,B,2026-01-01T10:01:00Z\n1,x,A,2026-01-01T10:02:00Z\n"
                                                 "2,x,C,2026-01-01T10:00:00Z\n2,x,B,2026-01-01T10:01:00Z\n2,x,A,2026-01-01T10:02:00Z\n"
                                                 "3,x,C,2026-01-01T10:00:00Z\n",
                                                 "log.csv"));
  CHECK(n.cases == 3);
  CHECK(by_name(n) == Pairs{{{"A", "B"}, 2.0 / 3}, {{"B", "A"}, 2.0 / 3}, {{"A", "C"}, 1.0 / 3},
                            {{"C", "A"}, 1.0 / 3}, {{"B", "C"}, 1.0 / 3}, {{"C", "B"}, 1.0 / 3}});
  CHECK(std::is_sorted(n.pairs.begin(), n.pairs.end(), [](const ResourcePair &a, const ResourcePair &b) {
    return std::pair(a.from, a.to) < std::pair(b.from, b.to);
  }));
}

TEST_CASE("mining: the bundled hotel log (a tie and an out-of-order pair)") {
  auto source = EventLogSource::file(std::string(SERVICECHAIN_SOURCE_DIR) + "/examples/logs/events.csv");
  MiningRequest request;
  request.together = true;
  MiningResult r = mine_event_log(source, request);
  CHECK(r.cases == 30);
  CHECK(r.events == 179);
  CHECK(r.grouped);
  CHECK(r.resources.size() == 18);
  auto h = by_name(r.handover_network());
  // REQ-1012: david and luis in the same minute, in that file order. Denominator 179 - 30.
  CHECK(h[{"frontdesk_david", "security_luis"}] == 1.0 / 149);
  CHECK(h.count({"security_luis", "frontdesk_david"}) == 0);
  // REQ-1007's rows out of time order: laura, laura, rosa, rosa, ana once sorted.
  CHECK(h[{"frontdesk_laura", "frontdesk_laura"}] == 7.0 / 149);
  CHECK(h[{"housekeeping_rosa", "frontdesk_ana"}] == 4.0 / 149);
  CHECK(h[{"security_luis", "security_luis"}] == 3.0 / 149);
}

TEST_CASE("mining: chain from handovers, per resource and per unit") {
  // h: A->B 1/5, B->C 2/5, A->C 1/5, C->C 1/5 (a self-handover: no service).
  const std::string log = header +
                          "1,x,A,2026-01-01T10:00:00Z\n1,x,B,2026-01-01T10:01:00Z\n1,x,C,2026-01-01T10:02:00Z\n"
                          "2,x,A,2026-01-01T10:00:00Z\n2,x,C,2026-01-01T10:01:00Z\n"
                          "3,x,B,2026-01-01T10:00:00Z\n3,x,C,2026-01-01T10:01:00Z\n"
                          "4,x,C,2026-01-01T10:00:00Z\n4,x,C,2026-01-01T10:01:00Z\n";
  auto network = handover_text(log);
  Model m = chain_from_handover(network);
  REQUIRE(m.units.size() == 3);
  CHECK(m.units[0].id == "A");
  CHECK(m.units[2].level == Level::operative);
  REQUIRE(m.services.size() == 3);
  CHECK(m.services[0].from == "A");
  CHECK(m.services[0].to == "B");
  CHECK(m.services[0].weight == Approx(0.5));
  CHECK(m.services[1].from == "A");
  CHECK(m.services[1].to == "C");
  CHECK(m.services[1].weight == Approx(0.5 * 1 / 3));
  CHECK(m.services[2].from == "B");
  CHECK(m.services[2].weight == Approx(0.5 * 2 / 3));
  CHECK(validate(m).ok());
  // Round trip through JSON: ready for analyze.
  Model back = load_model_json(to_json(m));
  CHECK(back == m);
  ChainGraph graph(back);

  ChainMiningOptions alpha;
  alpha.alpha = 0.8;
  CHECK(chain_from_handover(network, alpha).services[2].weight == Approx(0.8 * 2 / 3));
  alpha.alpha = 0;
  CHECK_THROWS_AS(chain_from_handover(network, alpha), ArgumentError);

  // Units: A and B in one unit (their handover disappears), C in another.
  ResourceUnitMap map = parse_resource_unit_map("resource,unit\nA,front\nB,front\nC,back\nD,unused\n", "map.csv");
  Model u = chain_from_handover(network, {}, &map);
  REQUIRE(u.units.size() == 2);
  CHECK(u.units[0].id == "back");
  CHECK(u.units[1].id == "front");
  REQUIRE(u.services.size() == 1);
  CHECK(u.services[0].from == "front");
  CHECK(u.services[0].to == "back");
  CHECK(u.services[0].weight == 0.5);
  REQUIRE(u.services[0].extensions.size() == 1);
  CHECK(u.services[0].extensions[0].first == "x-handover");
  CHECK(std::stod(u.services[0].extensions[0].second) == Approx(0.6));

  ResourceUnitMap partial = parse_resource_unit_map("resource,unit\nA,front\n", "map.csv");
  CHECK_THROWS_WITH(chain_from_handover(network, {}, &partial), Catch::Contains("\"B\", \"C\""));
  CHECK_THROWS_WITH(parse_resource_unit_map("resource,unit\nA,front\nA,back\n", "map.csv"), Catch::StartsWith("map.csv:3:3:"));
  CHECK_THROWS_WITH(parse_resource_unit_map("who,unit\n", "map.csv"), Catch::Contains("missing column \"resource\""));
  CHECK(parse_resource_unit_map("resource,unit\nA,front\nA,front\n", "map.csv").size() == 1);
}

namespace {

// A straightforward reference: whole log in memory, cases sorted by (time, row).
struct RefEvent {
  std::string case_id, resource;
  std::int64_t time;
  std::size_t row;
};

Pairs reference_handover(const std::vector<RefEvent> &log, double beta) {
  std::map<std::string, std::vector<RefEvent>> cases;
  for (const auto &e : log) cases[e.case_id].push_back(e);
  Pairs sums;
  double denominator = 0;
  for (auto &[id, events] : cases) {
    std::sort(events.begin(), events.end(), [](const RefEvent &a, const RefEvent &b) {
      return a.time != b.time ? a.time < b.time : a.row < b.row;
    });
    denominator += static_cast<double>(events.size() - 1);
    for (std::size_t i = 0; i + 1 < events.size(); ++i)
      for (std::size_t j = i + 1; j < events.size(); ++j) {
        sums[{events[i].resource, events[j].resource}] += beta == 0 ? 1.0 : std::pow(beta, static_cast<double>(j - i - 1));
        if (beta == 0) break;
      }
  }
  for (auto &[k, v] : sums) v /= denominator;
  return sums;
}

Pairs reference_together(const std::vector<RefEvent> &log) {
  std::map<std::string, std::set<std::string>> cases;
  for (const auto &e : log) cases[e.case_id].insert(e.resource);
  Pairs counts;
  for (const auto &[id, resources] : cases)
    for (const auto &a : resources)
      for (const auto &b : resources)
        if (a != b) counts[{a, b}] += 1;
  for (auto &[k, v] : counts) v /= static_cast<double>(cases.size());
  return counts;
}

/// Writes `micros` since the epoch in one of several ISO 8601 forms.
std::string format_time(std::int64_t micros, std::mt19937_64 &rng) {
  const int form = static_cast<int>(rng() % 4);
  const int offset_minutes = form == 2 ? 330 : form == 3 ? -480 : 0;  // +05:30, -08:00
  std::int64_t local = micros + std::int64_t{offset_minutes} * 60 * second;
  std::int64_t seconds = local / second;
  const std::int64_t fraction = local % second;
  std::int64_t days = seconds / 86400, rest = seconds % 86400;
  // civil_from_days (dates after 1970 only)
  days += 719468;
  const std::int64_t era = days / 146097, doe = days - era * 146097;
  const std::int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const std::int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100), mp = (5 * doy + 2) / 153;
  const std::int64_t d = doy - (153 * mp + 2) / 5 + 1, m = mp < 10 ? mp + 3 : mp - 9, y = yoe + era * 400 + (m <= 2);
  char buf[64];
  int n = std::snprintf(buf, sizeof buf, "%04lld-%02lld-%02lld%c%02lld:%02lld:%02lld", static_cast<long long>(y),
                        static_cast<long long>(m), static_cast<long long>(d), form == 1 ? ' ' : 'T',
                        static_cast<long long>(rest / 3600), static_cast<long long>(rest / 60 % 60), static_cast<long long>(rest % 60));
  std::string s(buf, static_cast<std::size_t>(n));
  if (fraction) {
    std::snprintf(buf, sizeof buf, ".%06lld", static_cast<long long>(fraction));
    s += buf;
  }
  if (form == 0) s += "Z";
  if (form == 2) s += "+05:30";
  if (form == 3) s += "-08:00";
  return s;
}

void check_close(const Pairs &actual, const Pairs &expected) {
  REQUIRE(actual.size() == expected.size());
  for (auto a = actual.begin(), e = expected.begin(); a != actual.end(); ++a, ++e) {
    REQUIRE(a->first == e->first);
    REQUIRE(a->second == Approx(e->second).epsilon(1e-12));
  }
}

}  // namespace

TEST_CASE("mining: randomized logs agree with a straightforward reference") {
  std::mt19937_64 rng(20260302);
  for (int round = 0; round < 60; ++round) {
    const int cases = 1 + static_cast<int>(rng() % 40);
    const int resources = 1 + static_cast<int>(rng() % 8);
    std::vector<RefEvent> log;
    for (int c = 0; c < cases; ++c) {
      const int n = 1 + static_cast<int>(rng() % 9);
      for (int k = 0; k < n; ++k) {
        // Few distinct times so that ties are common; some with microseconds.
        std::int64_t t = std::int64_t{1772449260} * second + static_cast<std::int64_t>(rng() % 6) * 60 * second;
        if (rng() % 4 == 0) t += static_cast<std::int64_t>(rng() % 3) * 250001;
        log.push_back({"case-" + std::to_string(c), "r" + std::to_string(rng() % resources), t, 0});
      }
    }
    const bool shuffled = round % 2 == 1;
    if (shuffled) std::shuffle(log.begin(), log.end(), rng);
    std::string csv = header;
    for (std::size_t i = 0; i < log.size(); ++i) {
      log[i].row = i;
      csv += log[i].case_id + ",act," + log[i].resource + "," + format_time(log[i].time, rng) + "\n";
    }
    const double beta = round % 3 == 0 ? 0.0 : round % 3 == 1 ? 0.4 : 1.0;
    INFO("round " << round << " beta " << beta << (shuffled ? " shuffled" : " grouped"));
    for (CaseOrder order : {CaseOrder::detect, CaseOrder::any}) {
      EventLogOptions options;
      options.order = order;
      MiningRequest request;
      request.beta = beta;
      request.together = true;
      MiningResult r = mine_event_log(EventLogSource::text(csv, "random.csv"), request, options);
      CHECK(r.cases == static_cast<std::size_t>(cases));
      CHECK(r.events == log.size());
      std::set<std::string> names;
      for (const auto &e : log) names.insert(e.resource);
      CHECK(r.resources == std::vector<std::string>(names.begin(), names.end()));
      check_close(by_name(r.handover_network()), reference_handover(log, beta));
      check_close(by_name(r.together_network()), reference_together(log));
    }
  }
}

namespace {
servicechain::test::CommandResult run_cli(const std::string &args) { return servicechain::test::run_servicechain(args); }
}  // namespace

TEST_CASE("mining: CLI mine handover, together and chain") {
  const std::string log = std::string(SERVICECHAIN_SOURCE_DIR) + "/examples/logs/events.csv";
  const std::string map = std::string(SERVICECHAIN_SOURCE_DIR) + "/examples/logs/resource-units.csv";
  auto h = run_cli("mine handover " + log + " --json");
  CHECK(h.code == 0);
  CHECK_THAT(h.out, Catch::StartsWith("{\n  \"cases\": 30,"));
  CHECK_THAT(h.out, Catch::Contains("\"from\": \"frontdesk_david\",\n      \"to\": \"security_luis\",\n      \"value\": 0.006711409395973154"));
  auto t = run_cli("mine together " + log + " --json");
  CHECK(t.code == 0);
  CHECK_THAT(t.out, Catch::Contains("\"together\": ["));

  const std::string model = "mined-chain-test.json";
  auto c = run_cli("mine chain " + log + " --map " + map + " --alpha 0.6 -o " + model);
  CHECK(c.code == 0);
  Model m = load_model(model);
  CHECK(m.units.size() == 10);
  for (const Service &s : m.services) CHECK(s.from != s.to);
  std::map<std::string, double> inputs;
  for (const Service &s : m.services) inputs[s.to] += s.weight;
  for (const auto &[unit, w] : inputs) CHECK(w == Approx(0.6));
  std::remove(model.c_str());

  const std::string bad = "mined-bad-log.csv";
  {
    std::ofstream out(bad);
    out << header << "1,x,A,2026-01-01T10:00:00Z\n1,x,B,2026-02-30T10:00:00Z\n";
  }
  auto e = run_cli("mine handover " + bad + " --json");
  CHECK(e.code == 1);
  CHECK_THAT(e.out, Catch::Contains(bad + ":3:7: bad timestamp"));
  std::remove(bad.c_str());
  CHECK(run_cli("mine handover " + log + " --beta 2").code == 2);
  CHECK(run_cli("mine handover " + log + " --delimiter '|'").code == 2);
  CHECK(run_cli("mine handover " + log + " --case-column nope").code == 1);
}

TEST_CASE("mining: a column name the header repeats, and fields past the header, are errors at their position") {
  auto error_of = [](const std::string &csv, CaseOrder order = CaseOrder::detect) -> std::string {
    EventLogOptions options;
    options.order = order;
    try {
      handover_of_work(EventLogSource::text(csv, "log.csv"), 0, options);
    } catch (const ParseError &e) {
      return e.what();
    }
    return "no error";
  };
  // The audit's repro: the first org:resource column was read, the second ignored.
  CHECK_THAT(error_of("case:concept:name,org:resource,org:resource,time:timestamp\nc1,x,p,2026-01-01T09:00:00Z\n"),
             Catch::StartsWith("log.csv:1:32: repeated column \"org:resource\" in the header (first at line 1, column 19)"));
  // The activity column is optional, and still may not be repeated.
  CHECK_THAT(error_of(header.substr(0, header.size() - 1) + ",concept:name\n1,x,A,2026-01-01,y\n"),
             Catch::StartsWith("log.csv:1:60: repeated column \"concept:name\""));
  // A repeated column the reader does not read is no error.
  CHECK(error_of("note,case:concept:name,org:resource,time:timestamp,note\n,1,A,2026-01-01,\n") == "no error");
  // Extra fields (the audit's repro), in every case order.
  const std::string extra = "case:concept:name,org:resource,time:timestamp\nc1,x,2026-01-01T09:00:00Z,EXTRA\nc1,y,2026-01-01T09:01:00Z\n";
  for (CaseOrder order : {CaseOrder::detect, CaseOrder::grouped, CaseOrder::any}) {
    INFO(to_string(order));
    CHECK_THAT(error_of(extra, order), Catch::StartsWith("log.csv:2:27: this row has 4 fields, the header has 3"));
  }
  // The resource → unit map.
  CHECK_THROWS_WITH(parse_resource_unit_map("resource,unit,unit\nA,u,v\n", "map.csv"),
                    Catch::StartsWith("map.csv:1:15: repeated column \"unit\""));
}

TEST_CASE("mining: an unordered log through a pipe is read once in the default (detect) order") {
  const std::string log = header +
                          "c1,a,x,2026-01-01T10:00:00Z\n"
                          "c2,a,y,2026-01-01T10:00:00Z\n"
                          "c1,a,y,2026-01-01T10:01:00Z\n"
                          "c2,a,x,2026-01-01T10:03:00Z\n"
                          "c1,a,z,2026-01-01T10:02:00Z\n";
  const Pairs expected{{{"x", "y"}, 1.0 / 3}, {{"y", "z"}, 1.0 / 3}, {{"y", "x"}, 1.0 / 3}};
  const auto dir = std::filesystem::temp_directory_path() / ("sc_mining_pipe_" + std::to_string(::getpid()));
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);

  SECTION("a FIFO") {
    const auto fifo = dir / "log.fifo";
    REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
    CHECK_FALSE(EventLogSource::file(fifo).rereadable());
    auto old_sigpipe = std::signal(SIGPIPE, SIG_IGN);
    std::atomic<bool> read_done{false};
    bool all_written = false;
    std::thread writer([&] {
      const int fd = ::open(fifo.c_str(), O_WRONLY | O_CLOEXEC);
      all_written = fd >= 0 && ::write(fd, log.data(), log.size()) == static_cast<ssize_t>(log.size());
      if (fd >= 0) ::close(fd);
      // A reader that opened the FIFO a second time would wait for a writer forever:
      // open it (without blocking) and close it, so that such a reader fails, not hangs.
      while (!read_done) {
        const int again = ::open(fifo.c_str(), O_WRONLY | O_NONBLOCK | O_CLOEXEC);
        if (again >= 0) ::close(again);
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
      }
    });
    std::string error;
    MiningResult r;
    try {
      r = mine_event_log(EventLogSource::file(fifo), {});
    } catch (const Error &e) {
      error = e.what();
    }
    read_done = true;
    writer.join();
    std::signal(SIGPIPE, old_sigpipe);
    CHECK(all_written);
    CHECK(error.empty());
    CHECK(r.cases == 2);
    CHECK_FALSE(r.grouped);
    CHECK(by_name(r.handover_network()) == expected);
  }
  SECTION("the CLI's stdin, fed by a pipe or a file") {
    const auto file = dir / "log.csv";
    std::ofstream(file) << log;
    CHECK(EventLogSource::file(file).rereadable());
    const std::string cli = SERVICECHAIN_CLI;
    auto from_file = servicechain::test::run_command(cli + " mine handover " + file.string() + " --json 2>&1");
    auto piped = servicechain::test::run_command("cat " + file.string() + " | " + cli + " mine handover /dev/stdin --json 2>&1");
    auto redirected = servicechain::test::run_command(cli + " mine handover /dev/stdin --json < " + file.string() + " 2>&1");
    CHECK(from_file.code == 0);
    CHECK(piped.code == 0);
    CHECK(piped.out == from_file.out);
    CHECK(redirected.out == from_file.out);
    CHECK_THAT(from_file.out, Catch::StartsWith("{\n  \"cases\": 2,"));
  }
  std::filesystem::remove_all(dir);
}

namespace {

/// One case whose events go through `resources` distinct resources, `rounds` times.
std::string one_case_log(std::size_t resources, std::size_t rounds = 1) {
  std::string csv = header;
  for (std::size_t round = 0; round < rounds; ++round)
    for (std::size_t r = 0; r < resources; ++r) csv.append("c1,x,r").append(std::to_string(r)).append(",2026-01-01T10:00:00Z\n");
  return csv;
}

std::string limit_error(const std::string &csv, const MiningRequest &request) {
  try {
    mine_event_log(EventLogSource::text(csv, "big.csv"), request);
  } catch (const LimitError &e) {
    return e.what();
  }
  return "no LimitError";
}

}  // namespace

TEST_CASE("mining: one case with 10,000 resources is refused by the pair limit, naming the log, case and limit") {
  const std::string csv = one_case_log(10000);  // ~ 350 KB; before the limit, 9-17 GB
  MiningRequest together;
  together.handover = false;
  together.together = true;
  const std::string t = limit_error(csv, together);
  CHECK_THAT(t, Catch::Contains("big.csv: case \"c1\" has 10000 resources"));
  CHECK_THAT(t, Catch::Contains("over the limit of 1000000 (--max-pairs)"));
  MiningRequest weighted;
  weighted.beta = 0.5;
  CHECK_THAT(limit_error(csv, weighted), Catch::Contains("over the limit of 1000000 (--max-pairs)"));
  // beta = 0 makes one pair per consecutive events: 9,999 pairs, within the limit.
  CHECK(mine_event_log(EventLogSource::text(csv, "big.csv"), MiningRequest{}).handover.size() == 9999);
}

TEST_CASE("mining: the pair limit holds across cases, and a raised limit lets the same log through") {
  std::string csv = header;
  for (int c = 0; c < 4; ++c)
    csv.append(std::to_string(c)).append(",x,a").append(std::to_string(c)).append(",2026-01-01T10:00:00Z\n")
        .append(std::to_string(c)).append(",x,b").append(std::to_string(c)).append(",2026-01-01T11:00:00Z\n");
  MiningRequest request;
  request.max_pairs = 3;
  CHECK_THAT(limit_error(csv, request), Catch::Contains("big.csv: case \"3\": more than 3 distinct resource pairs, the limit"));
  request.max_pairs = 4;
  CHECK(mine_event_log(EventLogSource::text(csv, "big.csv"), request).handover.size() == 4);
  request.max_pairs = 0;
  CHECK_THROWS_AS(mine_event_log(EventLogSource::text(csv, "big.csv"), request), ArgumentError);
}

TEST_CASE("mining: beta > 0 on a long case costs events x resources, not events squared") {
  // 200,000 events of two resources: the pairwise sum was 2 * 10^10 steps.
  const std::string csv = one_case_log(2, 100000);
  MiningRequest request;
  request.beta = 1;
  const MiningResult r = mine_event_log(EventLogSource::text(csv, "long.csv"), request);
  REQUIRE(r.handover.size() == 4);
  // With beta = 1 every earlier event hands over to every later one: r0 -> r1
  // gets one per (r0 at i, r1 at j > i): sum over rounds of (rounds - k) = n(n+1)/2.
  const double n = 100000, denominator = 2 * n - 1;
  CHECK(r.handover[1].value == Approx(n * (n + 1) / 2 / denominator).epsilon(1e-12));  // r0 -> r1
  CHECK(r.handover[0].value == Approx(n * (n - 1) / 2 / denominator).epsilon(1e-12));  // r0 -> r0
}

TEST_CASE("cli: mine together and mine handover --beta stop at --max-pairs with exit 1") {
  const std::string log = "mine-many-resources.csv";
  {
    std::ofstream out(log);
    out << one_case_log(1500);
  }
  auto t = test::run_servicechain("mine together " + log + " --json");
  CHECK(t.code == 1);
  CHECK_THAT(t.out, Catch::Contains(log + ": case \"c1\" has 1500 resources"));
  CHECK_THAT(t.out, Catch::Contains("--max-pairs"));
  CHECK(test::run_servicechain("mine handover " + log + " --beta 0.5 --json").code == 1);
  auto ok = test::run_servicechain("mine together " + log + " --json --max-pairs 2000000 >/dev/null", "2>&1");
  CHECK(ok.code == 0);
  CHECK(test::run_servicechain("mine together " + log + " --max-pairs 0").code == 2);
  std::remove(log.c_str());
}
