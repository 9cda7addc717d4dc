// The store's SQLite connection (libsqlite3): an embedded file, nothing to run.
#include <sqlite3.h>

#include <stdexcept>

#include "database.hpp"
#include "servicechain/service/store.hpp"

namespace servicechain::service::detail {
namespace {

class SqliteDatabase final : public Database {
 public:
  explicit SqliteDatabase(std::string path) : path_(std::move(path)) {}
  ~SqliteDatabase() override { close(); }
  SqliteDatabase(const SqliteDatabase &) = delete;
  SqliteDatabase &operator=(const SqliteDatabase &) = delete;

  std::vector<Row> query(std::string_view sql, const std::vector<std::string> &params) override {
    connect();
    sqlite3_stmt *stmt = nullptr;
    if (sqlite3_prepare_v2(db_, sql.data(), static_cast<int>(sql.size()), &stmt, nullptr) != SQLITE_OK) fail("prepare");
    std::vector<Row> rows;
    try {
      bind(stmt, params);
      for (int rc = sqlite3_step(stmt);; rc = sqlite3_step(stmt)) {
        if (rc == SQLITE_DONE) break;
        if (rc != SQLITE_ROW) fail("step");
        rows.push_back(read_row(stmt));
      }
    } catch (...) {
      sqlite3_finalize(stmt);
      throw;
    }
    sqlite3_finalize(stmt);
    return rows;
  }

  void begin() override { query("BEGIN IMMEDIATE", {}); }
  std::string_view backend() const override { return "sqlite"; }

 private:
  void connect() {
    if (db_) return;
    int rc = sqlite3_open_v2(path_.c_str(), &db_, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX, nullptr);
    if (rc != SQLITE_OK) {
      std::string message = db_ ? sqlite3_errmsg(db_) : sqlite3_errstr(rc);
      close();
      throw StoreUnavailable("sqlite:" + path_ + ": " + message);
    }
    sqlite3_busy_timeout(db_, 5000);  // another process (a second service) may be writing
    sqlite3_exec(db_, "PRAGMA journal_mode=WAL", nullptr, nullptr, nullptr);
  }

  void close() {
    if (db_) sqlite3_close_v2(db_);
    db_ = nullptr;
  }

  void bind(sqlite3_stmt *stmt, const std::vector<std::string> &params) {
    for (std::size_t i = 0; i < params.size(); ++i) {
      std::string name = "$";
      name.append(std::to_string(i + 1));
      int index = sqlite3_bind_parameter_index(stmt, name.c_str());
      if (index == 0) continue;  // a parameter the statement does not use
      if (sqlite3_bind_text(stmt, index, params[i].data(), static_cast<int>(params[i].size()), SQLITE_TRANSIENT) != SQLITE_OK)
        fail("bind");
    }
  }

  static Row read_row(sqlite3_stmt *stmt) {
    Row row;
    const int columns = sqlite3_column_count(stmt);
    for (int c = 0; c < columns; ++c) {
      if (sqlite3_column_type(stmt, c) == SQLITE_NULL) {
        row.emplace_back();
        continue;
      }
      const auto *text = reinterpret_cast<const char *>(sqlite3_column_text(stmt, c));
      row.emplace_back(std::string(text, static_cast<std::size_t>(sqlite3_column_bytes(stmt, c))));
    }
    return row;
  }

  [[noreturn]] void fail(const char *what) {
    const int code = sqlite3_errcode(db_);
    std::string message = "sqlite:" + path_ + ": " + what + ": " + sqlite3_errmsg(db_);
    // A file that cannot be read or written (permissions, disk) is the store being unavailable.
    if (code == SQLITE_CANTOPEN || code == SQLITE_IOERR || code == SQLITE_BUSY || code == SQLITE_LOCKED ||
        code == SQLITE_READONLY || code == SQLITE_FULL) {
      close();
      throw StoreUnavailable(message);
    }
    throw std::runtime_error(message);
  }

  std::string path_;
  sqlite3 *db_ = nullptr;
};

}  // namespace

std::unique_ptr<Database> open_sqlite(const std::string &path) { return std::make_unique<SqliteDatabase>(path); }

}  // namespace servicechain::service::detail
