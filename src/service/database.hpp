#pragma once
// One SQL connection (SQLite or PostgreSQL) behind a common interface, so that
// the store's queries and migrations are written once (store.cpp).
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace servicechain::service::detail {

/// A result row: each column's text, nullopt for NULL.
using Row = std::vector<std::optional<std::string>>;

/// A connection. Parameters are $1, $2, ... in both dialects. Not thread-safe
/// (the store holds a mutex). Connection loss throws StoreUnavailable, after
/// which the next query reconnects; any other failure std::runtime_error.
class Database {
 public:
  virtual ~Database() = default;
  /// Runs one statement with text parameters; the rows it returns.
  virtual std::vector<Row> query(std::string_view sql, const std::vector<std::string> &params = {}) = 0;
  /// Starts a write transaction that excludes other writers of the schema
  /// (SQLite BEGIN IMMEDIATE; PostgreSQL BEGIN).
  virtual void begin() = 0;
  /// "sqlite" or "postgresql".
  virtual std::string_view backend() const = 0;
};

/// An SQLite file (created when missing), WAL journal, 5 s busy timeout.
std::unique_ptr<Database> open_sqlite(const std::string &path);
/// A PostgreSQL connection string (URI or key=value), connected lazily.
std::unique_ptr<Database> open_postgresql(const std::string &conninfo);

}  // namespace servicechain::service::detail
