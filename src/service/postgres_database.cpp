// The store's PostgreSQL connection (libpq, the reference C client): several
// service instances share one database.
#include <libpq-fe.h>

#include <stdexcept>

#include "database.hpp"
#include "servicechain/log.hpp"
#include "servicechain/service/store.hpp"

namespace servicechain::service::detail {
namespace {

class PostgresDatabase final : public Database {
 public:
  explicit PostgresDatabase(std::string conninfo) : conninfo_(std::move(conninfo)) {}
  ~PostgresDatabase() override { close(); }
  PostgresDatabase(const PostgresDatabase &) = delete;
  PostgresDatabase &operator=(const PostgresDatabase &) = delete;

  std::vector<Row> query(std::string_view sql, const std::vector<std::string> &params) override {
    connect();
    std::vector<const char *> values;
    std::vector<int> lengths;
    for (const auto &p : params) {
      values.push_back(p.c_str());
      lengths.push_back(static_cast<int>(p.size()));
    }
    const std::string statement(sql);
    PGresult *result = PQexecParams(conn_, statement.c_str(), static_cast<int>(params.size()), nullptr, values.data(),
                                    lengths.data(), nullptr, 0);
    const ExecStatusType status = PQresultStatus(result);
    if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) {
      std::string message = "postgresql: ";
      message.append(result ? PQresultErrorMessage(result) : PQerrorMessage(conn_));
      while (!message.empty() && (message.back() == '\n' || message.back() == ' ')) message.pop_back();
      PQclear(result);
      if (PQstatus(conn_) != CONNECTION_OK) {  // the server went away: reconnect next time
        close();
        throw StoreUnavailable(message);
      }
      throw std::runtime_error(message);
    }
    std::vector<Row> rows = read_rows(result);
    PQclear(result);
    return rows;
  }

  void begin() override { query("BEGIN", {}); }
  std::string_view backend() const override { return "postgresql"; }

 private:
  void connect() {
    if (conn_ && PQstatus(conn_) == CONNECTION_OK) return;
    close();
    conn_ = PQconnectdb(conninfo_.c_str());
    if (!conn_ || PQstatus(conn_) != CONNECTION_OK) {
      std::string message = "postgresql: cannot connect: ";
      message.append(conn_ ? PQerrorMessage(conn_) : "out of memory");
      while (!message.empty() && (message.back() == '\n' || message.back() == ' ')) message.pop_back();
      close();
      throw StoreUnavailable(message);
    }
    // libpq prints notices ("relation already exists, skipping") on stderr: log them instead.
    PQsetNoticeProcessor(conn_, [](void *, const char *text) { logger()->debug("postgresql: {}", text); }, nullptr);
  }

  void close() {
    if (conn_) PQfinish(conn_);
    conn_ = nullptr;
  }

  static std::vector<Row> read_rows(PGresult *result) {
    std::vector<Row> rows;
    const int n = PQntuples(result), columns = PQnfields(result);
    rows.reserve(static_cast<std::size_t>(n));
    for (int r = 0; r < n; ++r) {
      Row row;
      for (int c = 0; c < columns; ++c) {
        if (PQgetisnull(result, r, c)) row.emplace_back();
        else row.emplace_back(std::string(PQgetvalue(result, r, c), static_cast<std::size_t>(PQgetlength(result, r, c))));
      }
      rows.push_back(std::move(row));
    }
    return rows;
  }

  std::string conninfo_;
  PGconn *conn_ = nullptr;
};

}  // namespace

std::unique_ptr<Database> open_postgresql(const std::string &conninfo) {
  return std::make_unique<PostgresDatabase>(conninfo);
}

}  // namespace servicechain::service::detail
