#pragma once
// The HTTP service on a socket (Boost.Beast): `servicechain serve`
// (docs/service.md). I/O threads read and write; a fixed pool of workers runs
// the routes; requests beyond the pool wait in a bounded queue, and only a
// full queue answers 503.
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

#include "servicechain/service/service.hpp"

namespace servicechain::service {

/// Limits of one service instance (docs/service.md lists the defaults).
struct Limits {
  std::size_t body_bytes = std::size_t{64} << 20;   ///< a request body (413 beyond)
  std::size_t header_bytes = std::size_t{16} << 10;  ///< all request headers (431 beyond)
  unsigned workers = 0;                              ///< requests handled at once (0: one per core)
  std::size_t queue = 1024;                          ///< requests waiting for a worker (503 beyond)
  /// Reading a request, waiting in the queue and writing the reply, each (the
  /// connection is closed, or 503 from the queue, when it runs out).
  std::chrono::milliseconds request_time{30000};
  unsigned io_threads = 0;  ///< threads reading and writing sockets (0: one per core, at most 4)
};

/// Where and how to listen.
struct ServerOptions {
  std::string host = "127.0.0.1";  ///< an IP address; "localhost" is 127.0.0.1
  std::uint16_t port = 8080;       ///< 0: any free port (see Server::port)
  Limits limits;                   ///< limits
};

/// True when `host` is a loopback address (127.0.0.0/8, ::1, "localhost").
bool is_loopback(const std::string &host);

/// A listening server. The constructor binds (throws std::runtime_error when it
/// cannot); run() serves until stop() or SIGTERM/SIGINT, then finishes the
/// requests in flight and returns.
class Server {
 public:
  /// Binds the address of `options` and starts the workers; `service` must outlive the server.
  Server(Service &service, const ServerOptions &options);
  /// Closes the socket (call after run() has returned, or without running).
  ~Server();
  Server(const Server &) = delete;
  Server &operator=(const Server &) = delete;
  /// The port it listens on (the chosen one when the options said 0).
  std::uint16_t port() const;
  /// Serves until stopped; returns after in-flight requests are answered.
  void run();
  /// Stops accepting and ends run() once in-flight requests are answered (any thread).
  void stop();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace servicechain::service
