#pragma once
// The HTTP service's routes (docs/service.md), independent of the
// network: a request in, a reply out. server.hpp puts them on a socket.
#include <cstddef>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "servicechain/run.hpp"
#include "servicechain/service/store.hpp"

namespace servicechain::service {

/// One HTTP request as the routes see it.
struct HttpRequest {
  std::string method;         ///< "GET", "PUT", ...
  std::string target;         ///< path and query, e.g. "/v1/models/hotel/trend?kind=nps"
  std::string authorization;  ///< the Authorization header ("" when absent)
  std::string body;           ///< the request body
};

/// One HTTP reply.
struct HttpReply {
  unsigned status = 200;                                     ///< HTTP status
  std::string media_type = "application/json";              ///< Content-Type
  std::string body;                                          ///< the body
  std::vector<std::pair<std::string, std::string>> headers;  ///< extra headers (ETag, Location, ...)
};

/// A problem document (RFC 9457, application/problem+json) with the library's
/// error object {"code", "message", "path"?} as its "error" member.
HttpReply problem(unsigned status, std::string_view code, std::string_view message, std::string_view path = {});

/// The routes over a store: models, waves, trends, reports and run(). Safe to
/// call from any number of threads at once.
class Service {
 public:
  /// `token`: the bearer token every route but GET /health requires (empty:
  /// none). `cache_models`: how many loaded models to keep (by id and etag).
  Service(std::unique_ptr<Store> store, std::string token, std::size_t cache_models = 64);
  /// Answers one request. Never throws: a failure is a problem document.
  HttpReply handle(const HttpRequest &request) noexcept;
  /// The store (for --store checks and the version route).
  Store &store() { return *store_; }

 private:
  HttpReply route(const HttpRequest &request);
  HttpReply run_request(const HttpRequest &request);
  HttpReply put_model(const std::string &id, const std::string &body);
  HttpReply get_model(const std::string &id);
  HttpReply delete_model(const std::string &id);
  HttpReply post_wave(const std::string &id, const std::string &body);
  HttpReply trend(const std::string &id, std::string_view query);
  HttpReply report(const std::string &id, std::string_view query);
  HttpReply health();
  HttpReply version();
  bool authorized(const HttpRequest &request) const;
  /// The stored model `id` loaded (from the cache when its etag is unchanged);
  /// null when there is none.
  SharedModel stored_model(const std::string &id);

  std::unique_ptr<Store> store_;
  std::string token_;
  std::size_t cache_limit_;
  std::mutex cache_mutex_;
  std::unordered_map<std::string, std::pair<std::string, SharedModel>> cache_;  ///< id → (etag, model)
};

}  // namespace servicechain::service
