// The HTTP service's routes (DESIGN §5, docs/service.md). Success bodies come
// from run() unchanged, so they are the CLI's --json bytes; failures are RFC
// 9457 problem documents carrying the library's error object as "error".
#include <nlohmann/json.hpp>

#include <cctype>
#include <random>

#include "http_util.hpp"
#include "servicechain/log.hpp"
#include "servicechain/service/service.hpp"

namespace servicechain::service {
namespace {

using Json = nlohmann::ordered_json;

/// A random etag (16 hex digits): unique across instances sharing one store,
/// so a model deleted and uploaded again never matches a cached one.
std::string new_etag() {
  thread_local std::mt19937_64 random{std::random_device{}()};
  static constexpr char digits[] = "0123456789abcdef";
  std::string etag;
  for (std::uint64_t bits = random(), i = 0; i < 16; ++i, bits >>= 4) etag.push_back(digits[bits & 15]);
  return etag;
}

/// A model id in a URL: 1-128 of letters, digits, '.', '_', '-' (not starting with '.').
bool valid_id(std::string_view id) {
  if (id.empty() || id.size() > 128 || id.front() == '.') return false;
  for (char c : id)
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '.' && c != '_' && c != '-') return false;
  return true;
}

HttpReply json_reply(unsigned status, const Json &body) {
  HttpReply reply;
  reply.status = status;
  reply.body = body.dump(2);
  reply.body.push_back('\n');
  return reply;
}

HttpReply method_not_allowed(std::string_view allow) {
  HttpReply reply = problem(405, "method_not_allowed", "this route answers " + std::string(allow));
  reply.headers.emplace_back("Allow", std::string(allow));
  return reply;
}

}  // namespace

Service::Service(std::unique_ptr<Store> store, std::string token, std::size_t cache_models)
    : store_(std::move(store)), token_(std::move(token)), cache_limit_(std::max<std::size_t>(cache_models, 1)) {}

HttpReply Service::handle(const HttpRequest &request) noexcept {
  try {
    try {
      if (!authorized(request)) {
        HttpReply reply = problem(401, "unauthorized", "a valid bearer token is required (Authorization: Bearer TOKEN)");
        reply.headers.emplace_back("WWW-Authenticate", "Bearer");
        return reply;
      }
      return route(request);
    } catch (const StoreUnavailable &e) {
      logger()->warn("store unavailable: {}", e.what());
      HttpReply reply = problem(503, "store_unavailable", e.what());
      reply.headers.emplace_back("Retry-After", "1");
      return reply;
    } catch (const std::bad_alloc &) {
      return problem(503, "limit_exceeded", "out of memory");
    } catch (const std::exception &e) {
      logger()->error("internal error: {}", e.what());
      return problem(500, "internal_error", e.what());
    }
  } catch (...) {  // even the problem document could not be built
    HttpReply reply;
    reply.status = 500;
    reply.media_type = "text/plain";
    return reply;
  }
}

bool Service::authorized(const HttpRequest &request) const {
  if (token_.empty()) return true;
  if (request.method == "GET" && detail::split_target(request.target).first == "/health") return true;
  constexpr std::string_view scheme = "Bearer ";
  std::string_view given = request.authorization;
  if (!given.starts_with(scheme)) return false;
  return detail::equal_constant_time(given.substr(scheme.size()), token_);
}

HttpReply Service::route(const HttpRequest &request) {
  auto [path, query] = detail::split_target(request.target);
  const std::string &m = request.method;
  if (path == "/health") return m == "GET" ? health() : method_not_allowed("GET");
  if (path == "/v1/version") return m == "GET" ? version() : method_not_allowed("GET");
  if (path == "/openapi.json") {
    if (m != "GET") return method_not_allowed("GET");
    HttpReply reply;
    reply.body = detail::openapi_document();
    return reply;
  }
  if (path == "/v1/run") return m == "POST" ? run_request(request) : method_not_allowed("POST");
  constexpr std::string_view models = "/v1/models/";
  if (path.starts_with(models)) {
    std::string_view rest = path.substr(models.size());
    std::string_view id = rest.substr(0, rest.find('/'));
    std::string_view sub = id.size() < rest.size() ? rest.substr(id.size()) : std::string_view{};
    const std::string decoded = detail::percent_decode(id);
    if (!valid_id(decoded))
      return problem(400, "bad_request", "a model id is 1 to 128 letters, digits, '.', '_' or '-'", std::string(path));
    if (sub.empty()) {
      if (m == "PUT") return put_model(decoded, request.body);
      if (m == "GET") return get_model(decoded);
      if (m == "DELETE") return delete_model(decoded);
      return method_not_allowed("GET, PUT, DELETE");
    }
    if (sub == "/waves") return m == "POST" ? post_wave(decoded, request.body) : method_not_allowed("POST");
    if (sub == "/trend") return m == "GET" ? trend(decoded, query) : method_not_allowed("GET");
    if (sub == "/report") return m == "GET" ? report(decoded, query) : method_not_allowed("GET");
  }
  return problem(404, "not_found", "no route " + std::string(path) + " (GET /openapi.json lists them)", std::string(path));
}

HttpReply Service::health() {
  store_->ping();  // StoreUnavailable: 503, so a load balancer takes this instance out
  return json_reply(200, Json{{"status", "ok"}, {"store", store_->backend()}});
}

HttpReply Service::version() {
  Json body{{"name", "servicechain"}, {"version", SERVICECHAIN_VERSION_STRING}, {"format", "servicechain/1"},
            {"store", store_->backend()}};
  try {
    body["schema_version"] = store_->schema_version();
  } catch (const StoreUnavailable &) {
    body["schema_version"] = nullptr;
  }
  return json_reply(200, body);
}

HttpReply Service::run_request(const HttpRequest &request) {
  Json body;
  try {
    body = Json::parse(request.body);
  } catch (const Json::parse_error &e) {
    return detail::json_syntax_problem("request", request.body, e.byte, e.what());
  }
  if (!body.is_object()) return problem(400, "bad_request", "request: must be a JSON object");
  SharedModel model;
  auto model_id = body.find("model_id");
  auto inline_model = body.find("model");
  const bool has_inline = inline_model != body.end() && inline_model->is_object() && inline_model->contains("format");
  if (model_id != body.end() && has_inline)
    return problem(400, "bad_request", "request: give \"model_id\" or an inline \"model\", not both", "/model_id");
  if (model_id != body.end()) {
    if (!model_id->is_string() || !valid_id(model_id->get<std::string>()))
      return problem(400, "bad_request", "request: \"model_id\" must be a stored model's id", "/model_id");
    model = stored_model(model_id->get<std::string>());
    if (!model) return problem(404, "not_found", "no model " + model_id->get<std::string>(), "/model_id");
    body.erase(model_id);
  } else if (has_inline) {
    Response loaded = load_model_response(inline_model->dump(), model, "<model>");
    if (!loaded.ok()) return detail::problem_from(loaded);
    body.erase(inline_model);
  }
  RunOptions options;
  options.allow_paths = false;  // a client must not make the server read its own files
  Response response = run(model || has_inline ? body.dump() : request.body, model.get(), options);
  return detail::reply_from(response);
}

HttpReply Service::put_model(const std::string &id, const std::string &body) {
  SharedModel model;
  Response loaded = load_model_response(body, model, "<body>");
  if (!loaded.ok()) return detail::problem_from(loaded);
  StoredModel stored{id, new_etag(), body, utc_now()};
  const bool created = store_->put_model(stored);
  {
    std::lock_guard lock(cache_mutex_);
    if (cache_.size() >= cache_limit_ && !cache_.contains(id)) cache_.erase(cache_.begin());
    cache_[id] = {stored.etag, model};
  }
  HttpReply reply = json_reply(created ? 201 : 200, Json{{"id", id}, {"etag", stored.etag}, {"uploaded_at", stored.uploaded_at}});
  reply.headers.emplace_back("ETag", "\"" + stored.etag + "\"");
  reply.headers.emplace_back("Location", "/v1/models/" + id);
  return reply;
}

HttpReply Service::get_model(const std::string &id) {
  auto stored = store_->model(id);
  if (!stored) return problem(404, "not_found", "no model " + id);
  HttpReply reply;
  reply.body = std::move(stored->json);
  reply.headers.emplace_back("ETag", "\"" + stored->etag + "\"");
  reply.headers.emplace_back("Servicechain-Uploaded-At", stored->uploaded_at);
  return reply;
}

HttpReply Service::delete_model(const std::string &id) {
  if (!store_->delete_model(id)) return problem(404, "not_found", "no model " + id);
  {
    std::lock_guard lock(cache_mutex_);
    cache_.erase(id);
  }
  HttpReply reply;
  reply.status = 204;
  reply.media_type.clear();
  return reply;
}

HttpReply Service::report(const std::string &id, std::string_view query) {
  auto params = detail::parse_query(query);
  const std::string lang = params.contains("lang") ? params["lang"] : "en";
  if (lang != "en" && lang != "es") return problem(400, "bad_option", "lang must be en or es", "?lang");
  SharedModel model = stored_model(id);
  if (!model) return problem(404, "not_found", "no model " + id);
  RunOptions options;
  options.allow_paths = false;
  return detail::reply_from(run(Json{{"command", "report"}, {"lang", lang}}.dump(), model.get(), options));
}

SharedModel Service::stored_model(const std::string &id) {
  auto etag = store_->model_etag(id);  // another instance may have replaced it: always ask the store
  if (!etag) return nullptr;
  {
    std::lock_guard lock(cache_mutex_);
    auto it = cache_.find(id);
    if (it != cache_.end() && it->second.first == *etag) return it->second.second;
  }
  auto stored = store_->model(id);
  if (!stored) return nullptr;
  SharedModel model;
  Response loaded = load_model_response(stored->json, model, id);
  if (!loaded.ok()) throw std::runtime_error("stored model " + id + " no longer loads: " + loaded.body);
  std::lock_guard lock(cache_mutex_);
  if (cache_.size() >= cache_limit_ && !cache_.contains(id)) cache_.erase(cache_.begin());
  cache_[id] = {stored->etag, model};
  return model;
}

}  // namespace servicechain::service
