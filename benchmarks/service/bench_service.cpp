// Load benchmark of `servicechain serve` (docs/performance.md, "HTTP service"):
// starts a service on a free loopback port with an SQLite store in a temporary
// directory, stores a model, then sends a fixed number of POST /v1/run analyze
// requests over N keep-alive connections (one client thread each) and reports
// throughput, p50/p99 latency, errors (any status but 200, or a body unlike the
// first) and the server's resident memory after each round. Bounded: it stops
// after --rounds × --requests requests.
//
//   servicechain_bench_service [--cli PATH] [--model FILE] [--store URL] [--connections 32]
//       [--requests 50000] [--rounds 2] [--warmup 2000] [-- serve options...]
#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <optional>
#include <thread>
#include <vector>

namespace beast = boost::beast;
namespace http = beast::http;
using tcp = boost::asio::ip::tcp;
using Clock = std::chrono::steady_clock;

namespace {

struct Options {
  std::string cli = SERVICECHAIN_CLI;
  std::string model = std::string(SERVICECHAIN_SOURCE_DIR) + "/examples/hotel.json";
  std::string store = "sqlite:bench.db";  // in the temporary directory
  unsigned connections = 32;
  std::size_t requests = 50000, rounds = 2, warmup = 2000;
  std::vector<std::string> serve_args;
};

struct Server {
  pid_t pid = -1;
  unsigned short port = 0;
};

std::string read_file(const std::string &path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + path);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

/// Starts `servicechain serve` in `dir`; the port from its "listening on" line.
Server start_server(const Options &o, const std::string &dir) {
  int pipe_fds[2];
  if (pipe(pipe_fds) != 0) throw std::runtime_error("pipe failed");
  Server s;
  s.pid = fork();
  if (s.pid == 0) {
    dup2(pipe_fds[1], 2);
    close(pipe_fds[0]);
    if (chdir(dir.c_str()) != 0) _exit(127);
    std::vector<std::string> args = {o.cli, "serve", "--listen", "127.0.0.1:0", "--store", o.store};
    args.insert(args.end(), o.serve_args.begin(), o.serve_args.end());
    std::vector<char *> argv;
    for (auto &a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    execv(argv[0], argv.data());
    _exit(127);
  }
  close(pipe_fds[1]);
  std::string line;
  char c;
  while (read(pipe_fds[0], &c, 1) == 1 && c != '\n') line.push_back(c);
  auto colon = line.rfind(':', line.find(" (store"));
  if (line.find("listening on") == std::string::npos || colon == std::string::npos)
    throw std::runtime_error("serve did not start: " + line);
  s.port = static_cast<unsigned short>(std::stoi(line.substr(colon + 1)));
  return s;  // the pipe stays open: the server's later log lines go nowhere harmful
}

long rss_kib(pid_t pid) {
  std::ifstream status("/proc/" + std::to_string(pid) + "/status");
  for (std::string line; std::getline(status, line);)
    if (line.rfind("VmRSS:", 0) == 0) return std::stol(line.substr(6));
  return -1;
}

/// One keep-alive connection sending requests in a loop.
class Client {
 public:
  explicit Client(unsigned short port) : stream_(ioc_) {
    tcp::resolver resolver(ioc_);
    stream_.connect(resolver.resolve("127.0.0.1", std::to_string(port)));
  }
  http::response<http::string_body> send(http::verb verb, const std::string &target, const std::string &body) {
    http::request<http::string_body> req{verb, target, 11};
    req.set(http::field::host, "127.0.0.1");
    req.set(http::field::content_type, "application/json");
    req.body() = body;
    req.prepare_payload();
    http::write(stream_, req);
    http::response<http::string_body> res;
    http::read(stream_, buffer_, res);
    return res;
  }

 private:
  boost::asio::io_context ioc_;
  beast::tcp_stream stream_;
  beast::flat_buffer buffer_;
};

const std::string analyze_body = R"({"command": "analyze", "model_id": "bench"})";

struct Round {
  double seconds = 0;
  std::vector<double> latencies_us;
  std::size_t errors = 0;
};

Round run_round(const Options &o, unsigned short port, const std::string &expected, std::size_t total) {
  std::atomic<std::size_t> next{0};
  std::atomic<std::size_t> errors{0};
  std::vector<std::vector<double>> latencies(o.connections);
  std::vector<std::thread> threads;
  const auto start = Clock::now();
  for (unsigned t = 0; t < o.connections; ++t)
    threads.emplace_back([&, t] {
      std::optional<Client> client;
      while (next.fetch_add(1) < total) {
        const auto begin = Clock::now();
        try {
          if (!client) client.emplace(port);
          auto res = client->send(http::verb::post, "/v1/run", analyze_body);
          if (res.result_int() != 200 || res.body() != expected) ++errors;
          if (!res.keep_alive()) client.reset();
        } catch (const std::exception &) {
          ++errors;
          client.reset();
        }
        latencies[t].push_back(std::chrono::duration<double, std::micro>(Clock::now() - begin).count());
      }
    });
  for (auto &th : threads) th.join();
  Round r;
  r.seconds = std::chrono::duration<double>(Clock::now() - start).count();
  for (auto &l : latencies) r.latencies_us.insert(r.latencies_us.end(), l.begin(), l.end());
  std::sort(r.latencies_us.begin(), r.latencies_us.end());
  r.errors = errors;
  return r;
}

double percentile(const std::vector<double> &sorted, double p) {
  if (sorted.empty()) return 0;
  return sorted[std::min(sorted.size() - 1, static_cast<std::size_t>(p * static_cast<double>(sorted.size())))];
}

Options parse(int argc, char **argv) {
  Options o;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    auto value = [&] {
      if (i + 1 >= argc) throw std::runtime_error(a + " needs a value");
      return std::string(argv[++i]);
    };
    if (a == "--cli") o.cli = value();
    else if (a == "--model") o.model = value();
    else if (a == "--store") o.store = value();
    else if (a == "--connections") o.connections = static_cast<unsigned>(std::stoul(value()));
    else if (a == "--requests") o.requests = std::stoul(value());
    else if (a == "--rounds") o.rounds = std::stoul(value());
    else if (a == "--warmup") o.warmup = std::stoul(value());
    else if (a == "--") o.serve_args.assign(argv + i + 1, argv + argc), i = argc;
    else throw std::runtime_error("unknown option " + a);
  }
  if (o.connections == 0) throw std::runtime_error("--connections must be at least 1");
  return o;
}

}  // namespace

int main(int argc, char **argv) try {
  const Options o = parse(argc, argv);
  char dir_template[] = "/tmp/servicechain-bench-XXXXXX";
  const std::string dir = mkdtemp(dir_template);
  Server server = start_server(o, dir);
  Client setup(server.port);
  auto put = setup.send(http::verb::put, "/v1/models/bench", read_file(o.model));
  if (put.result_int() != 201 && put.result_int() != 200) throw std::runtime_error("PUT failed: " + put.body());
  const std::string expected = setup.send(http::verb::post, "/v1/run", analyze_body).body();
  run_round(o, server.port, expected, o.warmup);
  std::printf("servicechain serve: %u connections, %zu analyze requests per round, model %s, store %s\n",
              o.connections, o.requests, o.model.c_str(), o.store.c_str());
  std::printf("server RSS after warm-up (%zu requests): %ld KiB\n", o.warmup, rss_kib(server.pid));
  int failed = 0;
  for (std::size_t round = 1; round <= o.rounds; ++round) {
    Round r = run_round(o, server.port, expected, o.requests);
    std::printf("round %zu: %.0f requests/s, p50 %.2f ms, p99 %.2f ms, max %.2f ms, errors %zu, server RSS %ld KiB\n",
                round, static_cast<double>(o.requests) / r.seconds, percentile(r.latencies_us, 0.50) / 1000,
                percentile(r.latencies_us, 0.99) / 1000, r.latencies_us.empty() ? 0.0 : r.latencies_us.back() / 1000,
                r.errors, rss_kib(server.pid));
    failed |= r.errors != 0;
  }
  kill(server.pid, SIGTERM);
  int status = 0;
  waitpid(server.pid, &status, 0);
  std::string cleanup = "rm -rf '" + dir + "'";
  if (std::system(cleanup.c_str()) != 0) std::fprintf(stderr, "could not remove %s\n", dir.c_str());
  return failed;
} catch (const std::exception &e) {
  std::fprintf(stderr, "bench_service: %s\n", e.what());
  return 2;
}
