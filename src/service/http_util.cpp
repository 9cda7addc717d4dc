// URL parsing, problem documents (RFC 9457) and run() responses as replies.
#include "http_util.hpp"

#include <nlohmann/json.hpp>

namespace servicechain::service {

namespace {
using Json = nlohmann::ordered_json;

std::string_view reason(unsigned status) {
  switch (status) {
    case 400: return "Bad Request";
    case 401: return "Unauthorized";
    case 404: return "Not Found";
    case 405: return "Method Not Allowed";
    case 413: return "Content Too Large";
    case 422: return "Unprocessable Content";
    case 431: return "Request Header Fields Too Large";
    case 503: return "Service Unavailable";
    default: return "Internal Server Error";
  }
}

HttpReply problem_document(unsigned status, Json error) {
  Json body{{"type", "about:blank"}, {"title", reason(status)}, {"status", status}};
  if (error.contains("message")) body["detail"] = error["message"];
  body["error"] = std::move(error);
  HttpReply reply;
  reply.status = status;
  reply.media_type = "application/problem+json";
  reply.body = body.dump(2);
  reply.body.push_back('\n');
  return reply;
}
}  // namespace

HttpReply problem(unsigned status, std::string_view code, std::string_view message, std::string_view path) {
  Json error{{"code", code}, {"message", message}};
  if (!path.empty()) error["path"] = path;
  return problem_document(status, std::move(error));
}

namespace detail {

std::pair<std::string_view, std::string_view> split_target(std::string_view target) {
  auto q = target.find('?');
  if (q == std::string_view::npos) return {target, {}};
  return {target.substr(0, q), target.substr(q + 1)};
}

std::string percent_decode(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  auto hex = [](char c) -> int {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  };
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '+') {
      out.push_back(' ');
    } else if (text[i] == '%' && i + 2 < text.size() && hex(text[i + 1]) >= 0 && hex(text[i + 2]) >= 0) {
      out.push_back(static_cast<char>(hex(text[i + 1]) * 16 + hex(text[i + 2])));
      i += 2;
    } else {
      out.push_back(text[i]);
    }
  }
  return out;
}

std::map<std::string, std::string> parse_query(std::string_view query) {
  std::map<std::string, std::string> params;
  while (!query.empty()) {
    std::string_view pair = query.substr(0, query.find('&'));
    query.remove_prefix(std::min(query.size(), pair.size() + 1));
    if (pair.empty()) continue;
    auto eq = pair.find('=');
    if (eq == std::string_view::npos) params[percent_decode(pair)] = "";
    else params[percent_decode(pair.substr(0, eq))] = percent_decode(pair.substr(eq + 1));
  }
  return params;
}

bool equal_constant_time(std::string_view a, std::string_view b) {
  // Every byte of the longer one is looked at, whatever differs first.
  const std::size_t n = std::max(a.size(), b.size());
  unsigned char diff = a.size() == b.size() ? 0 : 1;
  for (std::size_t i = 0; i < n; ++i) {
    const unsigned char x = i < a.size() ? static_cast<unsigned char>(a[i]) : 0;
    const unsigned char y = i < b.size() ? static_cast<unsigned char>(b[i]) : 0;
    diff = static_cast<unsigned char>(diff | (x ^ y));
  }
  return diff == 0;
}

HttpReply json_syntax_problem(std::string_view what, std::string_view body, std::size_t byte, std::string_view message) {
  // nlohmann's byte is 1-based and points past the offending character
  const std::size_t end = std::min(body.size(), byte > 0 ? byte - 1 : 0);
  std::size_t line = 1, column = 1;
  for (std::size_t i = 0; i < end; ++i) {
    if (body[i] == '\n') {
      ++line;
      column = 1;
    } else {
      ++column;
    }
  }
  std::string path = "<body>:";
  path.append(std::to_string(line)).append(":").append(std::to_string(column));
  std::string text(what);
  text.append(": not valid JSON: ").append(message);
  return problem(400, "bad_request", text, path);
}

unsigned status_of(std::string_view code) {
  if (code == "invalid_model") return 422;
  if (code == "limit_exceeded") return 413;
  if (code == "not_found") return 404;
  if (code == "unauthorized") return 401;
  if (code == "store_unavailable") return 503;
  if (code == "internal_error") return 500;
  return 400;
}

HttpReply problem_from(const Response &response) {
  Json error;
  try {
    error = Json::parse(response.body).at("error");
  } catch (const std::exception &) {  // an empty body (out of memory while building it)
    return problem(500, "internal_error", "the request failed without an error object");
  }
  const std::string code = error.value("code", "internal_error");
  return problem_document(status_of(code), std::move(error));
}

HttpReply reply_from(const Response &response) {
  if (response.error) return problem_from(response);
  HttpReply reply;
  reply.body = response.body;
  reply.media_type = response.media_type;
  if (!response.ok()) reply.headers.emplace_back("Servicechain-Status", std::to_string(response.status));
  return reply;
}

}  // namespace detail
}  // namespace servicechain::service
