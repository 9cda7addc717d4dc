// servicechain serve [--listen HOST:PORT] [--store sqlite:PATH|postgresql://...] [--token-file F] [limits]
// The HTTP service (DESIGN §5, docs/service.md): the library's servicechain_service
// over Boost.Beast, with models and waves in SQLite or PostgreSQL. Linked into
// the CLI only (not into the C API, which shares the other commands).
#include <charconv>
#include <fstream>
#include <iostream>
#include <sstream>
#include <thread>

#include "cli.hpp"
#include "servicechain/service/server.hpp"

namespace servicechain::cli {
namespace {

struct Args {
  std::string listen = "127.0.0.1:8080";
  std::string store = "sqlite:servicechain.db";
  std::string token_file;
  std::size_t max_body = std::size_t{64} << 20, max_header = std::size_t{16} << 10, queue = 1024, cache_models = 64;
  unsigned workers = 0, io_threads = 0;
  double request_time = 30;
};

/// "HOST:PORT", "[V6]:PORT" or ":PORT" (host 127.0.0.1).
std::pair<std::string, std::uint16_t> split_listen(const std::string &listen) {
  auto colon = listen.rfind(':');
  if (colon == std::string::npos) throw usage_error("cli.usage.listen", {listen});
  std::string host = listen.substr(0, colon), port_text = listen.substr(colon + 1);
  if (host.size() >= 2 && host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
  if (host.empty()) host = "127.0.0.1";
  unsigned port = 0;
  auto r = std::from_chars(port_text.data(), port_text.data() + port_text.size(), port);
  if (r.ec != std::errc() || r.ptr != port_text.data() + port_text.size() || port > 65535)
    throw usage_error("cli.usage.listen_port", {port_text});
  return {host, static_cast<std::uint16_t>(port)};
}

/// The token: the file's content without surrounding whitespace.
std::string read_token(const std::string &file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw InputError(file + ": cannot read the token file");
  std::stringstream text;
  text << in.rdbuf();
  std::string token = text.str();
  const auto first = token.find_first_not_of(" \t\r\n"), last = token.find_last_not_of(" \t\r\n");
  if (first == std::string::npos) throw InputError(file + ": the token file is empty");
  return token.substr(first, last - first + 1);
}

void serve(const Args &a) {
  auto [host, port] = split_listen(a.listen);
  if (!service::is_loopback(host) && a.token_file.empty())
    throw usage_error("cli.usage.listen_token", {a.listen});
  if (!(a.request_time > 0) || a.request_time > 86400) throw usage_error("cli.usage.request_time");
  std::string token = a.token_file.empty() ? std::string() : read_token(a.token_file);
  std::unique_ptr<service::Store> store;
  try {
    // one connection per worker: no request waits for another's round trip to the database
    store = service::open_store(a.store, a.workers ? a.workers : std::max(1u, std::thread::hardware_concurrency()));
  } catch (const std::invalid_argument &e) {
    throw UsageError(e.what());
  }
  service::Service routes(std::move(store), std::move(token), a.cache_models);
  service::ServerOptions options;
  options.host = host;
  options.port = port;
  options.limits.body_bytes = a.max_body;
  options.limits.header_bytes = a.max_header;
  options.limits.workers = a.workers;
  options.limits.io_threads = a.io_threads;
  options.limits.queue = a.queue;
  options.limits.request_time = std::chrono::milliseconds(static_cast<long long>(a.request_time * 1000));
  service::Server server(routes, options);
  // Tests and scripts read the port from this line (with --listen HOST:0 it is the chosen one).
  std::cerr << "servicechain: listening on http://" << (host.find(':') != std::string::npos ? "[" + host + "]" : host)
            << ":" << server.port() << " (store " << routes.store().backend() << ")" << std::endl;
  server.run();
  std::cerr << "servicechain: stopped" << std::endl;
}

void setup(CLI::App &app) {
  auto a = std::make_shared<Args>();
  auto *cmd = app.add_subcommand("serve");
  cmd->add_option("--listen", a->listen);
  cmd->add_option("--store", a->store);
  cmd->add_option("--token-file", a->token_file);
  cmd->add_option("--max-body", a->max_body)->check(CLI::PositiveNumber);
  cmd->add_option("--max-header", a->max_header)
      ->check(CLI::PositiveNumber);
  cmd->add_option("--workers", a->workers);
  cmd->add_option("--queue", a->queue)
      ->check(CLI::PositiveNumber);
  cmd->add_option("--request-time", a->request_time);
  cmd->add_option("--io-threads", a->io_threads);
  cmd->add_option("--cache-models", a->cache_models)->check(CLI::PositiveNumber);
  cmd->callback([a] { serve(*a); });
}
SERVICECHAIN_COMMAND(97, setup);

}  // namespace
}  // namespace servicechain::cli
