// The HTTP service on a socket (Boost.Beast). A session per connection reads a
// request (bounded body and headers, a deadline), hands it to the worker pool
// (a full queue: 503 at once), and writes the routes' reply; keep-alive.
#include "servicechain/service/server.hpp"

#include <boost/asio/dispatch.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include <atomic>
#include <optional>
#include <thread>

#include "servicechain/log.hpp"
#include "worker_pool.hpp"

namespace servicechain::service {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;

namespace {

unsigned cores() { return std::max(1u, std::thread::hardware_concurrency()); }

/// What sessions share: the routes, the pool, the limits, the in-flight count.
struct Shared {
  Service &service;
  Limits limits;
  detail::WorkerPool pool;
  std::atomic<std::size_t> in_flight{0};
  std::atomic<bool> stopping{false};
  Shared(Service &s, const Limits &l)
      : service(s), limits(l), pool(l.workers ? l.workers : cores(), l.queue) {}
};

class Session : public std::enable_shared_from_this<Session> {
 public:
  Session(tcp::socket socket, Shared &shared) : stream_(std::move(socket)), shared_(shared) {}

  void start() {
    asio::dispatch(stream_.get_executor(), beast::bind_front_handler(&Session::read, shared_from_this()));
  }

 private:
  void read() {
    if (shared_.stopping) return close();
    parser_.emplace();
    parser_->body_limit(shared_.limits.body_bytes);
    parser_->header_limit(static_cast<std::uint32_t>(std::min<std::size_t>(shared_.limits.header_bytes, UINT32_MAX)));
    stream_.expires_after(shared_.limits.request_time);
    http::async_read(stream_, buffer_, *parser_, beast::bind_front_handler(&Session::on_read, shared_from_this()));
  }

  void on_read(beast::error_code ec, std::size_t) {
    if (ec == http::error::end_of_stream || ec == beast::error::timeout || ec == asio::error::operation_aborted ||
        ec == asio::error::connection_reset || ec == asio::error::eof)
      return close();
    ++shared_.in_flight;
    if (ec == http::error::body_limit)
      return send(problem(413, "limit_exceeded", "the request body is larger than " +
                                                     std::to_string(shared_.limits.body_bytes) + " bytes (--max-body)"),
                  false, true);
    if (ec == http::error::header_limit)
      return send(problem(431, "limit_exceeded", "the request headers are larger than " +
                                                     std::to_string(shared_.limits.header_bytes) + " bytes (--max-header)"),
                  false, true);
    if (ec) return send(problem(400, "bad_request", "malformed HTTP request: " + ec.message()), false, true);
    auto message = parser_->release();
    HttpRequest request{std::string(message.method_string()), std::string(message.target()),
                        std::string(message[http::field::authorization]), std::move(message.body())};
    const bool keep_alive = message.keep_alive();
    const bool head = message.method() == http::verb::head;
    const auto queued_at = std::chrono::steady_clock::now();
    auto self = shared_from_this();
    bool queued = shared_.pool.try_submit([self, request = std::move(request), keep_alive, head, queued_at]() mutable {
      HttpReply reply = std::chrono::steady_clock::now() - queued_at > self->shared_.limits.request_time
                            ? problem(503, "busy", "the request waited longer than the request time (--request-time)")
                            : self->shared_.service.handle(request);
      asio::post(self->stream_.get_executor(), [self, reply = std::move(reply), keep_alive, head]() mutable {
        self->send(std::move(reply), keep_alive, false, head);
      });
    });
    if (!queued) {
      HttpReply busy = problem(503, "busy", "too many requests waiting (--queue); try again");
      busy.headers.emplace_back("Retry-After", "1");
      send(std::move(busy), keep_alive);
    }
  }

  void send(HttpReply reply, bool keep_alive, bool error_close = false, bool head = false) {
    auto res = std::make_shared<http::response<http::string_body>>(static_cast<http::status>(reply.status), 11);
    res->set(http::field::server, "servicechain/" SERVICECHAIN_VERSION_STRING);
    if (!reply.media_type.empty()) res->set(http::field::content_type, reply.media_type);
    for (auto &[name, value] : reply.headers) res->set(name, value);
    res->keep_alive(keep_alive && !error_close && !shared_.stopping);
    res->body() = head ? std::string() : std::move(reply.body);
    res->prepare_payload();
    response_ = res;
    stream_.expires_after(shared_.limits.request_time);
    http::async_write(stream_, *res, beast::bind_front_handler(&Session::on_write, shared_from_this(), res->keep_alive()));
  }

  void on_write(bool keep_alive, beast::error_code ec, std::size_t) {
    --shared_.in_flight;
    response_.reset();
    if (ec || !keep_alive) return close();
    read();
  }

  void close() {
    beast::error_code ignored;
    stream_.socket().shutdown(tcp::socket::shutdown_both, ignored);
    stream_.close();
  }

  beast::tcp_stream stream_;
  beast::flat_buffer buffer_;
  std::optional<http::request_parser<http::string_body>> parser_;
  std::shared_ptr<void> response_;
  Shared &shared_;
};

}  // namespace

bool is_loopback(const std::string &host) {
  if (host == "localhost") return true;
  beast::error_code ec;
  auto address = asio::ip::make_address(host, ec);
  return !ec && address.is_loopback();
}

struct Server::Impl {
  asio::io_context ioc;
  tcp::acceptor acceptor{ioc};
  asio::signal_set signals{ioc, SIGINT, SIGTERM};
  asio::steady_timer drain{ioc};
  std::chrono::steady_clock::time_point drain_deadline;
  Shared shared;
  unsigned io_threads;

  Impl(Service &service, const ServerOptions &o)
      : shared(service, o.limits), io_threads(o.limits.io_threads ? o.limits.io_threads : std::min(cores(), 4u)) {
    beast::error_code ec;
    auto address = asio::ip::make_address(o.host == "localhost" ? "127.0.0.1" : o.host, ec);
    if (ec) throw std::runtime_error("--listen: \"" + o.host + "\" is not an IP address");
    tcp::endpoint endpoint(address, o.port);
    acceptor.open(endpoint.protocol());
    acceptor.set_option(asio::socket_base::reuse_address(true));
    acceptor.bind(endpoint, ec);
    if (ec) throw std::runtime_error("cannot listen on " + o.host + ":" + std::to_string(o.port) + ": " + ec.message());
    acceptor.listen(asio::socket_base::max_listen_connections);
  }

  void accept() {
    acceptor.async_accept(asio::make_strand(ioc), [this](beast::error_code ec, tcp::socket socket) {
      if (ec) {
        if (ec == asio::error::operation_aborted || !acceptor.is_open()) return;
        logger()->warn("accept: {}", ec.message());  // e.g. out of file descriptors: keep serving
      } else {
        std::make_shared<Session>(std::move(socket), shared)->start();
      }
      accept();
    });
  }

  /// Stops accepting, then ends the loop once nothing is in flight.
  void shut_down() {
    if (shared.stopping.exchange(true)) return;
    logger()->info("shutting down: finishing {} request(s) in flight", shared.in_flight.load());
    beast::error_code ignored;
    acceptor.close(ignored);
    signals.cancel();
    // Past a request time for each stage (queue, run, write) nothing is left to wait for.
    drain_deadline = std::chrono::steady_clock::now() + 3 * shared.limits.request_time;
    wait_for_drain();
  }

  void wait_for_drain() {
    if (shared.in_flight == 0 || std::chrono::steady_clock::now() > drain_deadline) return ioc.stop();
    drain.expires_after(std::chrono::milliseconds(10));
    drain.async_wait([this](beast::error_code) { wait_for_drain(); });
  }
};

Server::Server(Service &service, const ServerOptions &options) : impl_(std::make_unique<Impl>(service, options)) {}
Server::~Server() = default;

std::uint16_t Server::port() const { return impl_->acceptor.local_endpoint().port(); }

void Server::run() {
  impl_->signals.async_wait([this](beast::error_code ec, int) {
    if (!ec) impl_->shut_down();
  });
  impl_->accept();
  // A handler that throws (out of memory while writing a reply) ends that
  // connection, not the service: the loop goes on.
  auto loop = [this] {
    for (;;) {
      try {
        impl_->ioc.run();
        return;
      } catch (const std::exception &e) {
        logger()->error("connection dropped: {}", e.what());
      }
    }
  };
  std::vector<std::thread> threads;
  for (unsigned i = 1; i < impl_->io_threads; ++i) threads.emplace_back(loop);
  loop();
  for (auto &t : threads) t.join();
  impl_->shared.pool.stop();
}

void Server::stop() {
  asio::post(impl_->ioc, [this] { impl_->shut_down(); });
}

}  // namespace servicechain::service
