// The store's schema, migrations and queries, written once for SQLite and
// PostgreSQL (database.hpp). docs/service.md describes the tables.
#include "servicechain/service/store.hpp"

#include <ctime>
#include <mutex>
#include <type_traits>

#include "database.hpp"
#include "servicechain/log.hpp"

namespace servicechain::service {
namespace {

using detail::Database;
using detail::Row;

/// Numbered migrations: migration i (1-based) brings the schema to version i.
/// Append only; never edit one that has shipped. Plain SQL both dialects accept.
const std::vector<std::vector<std::string_view>> &migrations() {
  static const std::vector<std::vector<std::string_view>> list = {
      {// 1: models (validated JSON, upload time, etag) and their survey waves (raw CSV)
       "CREATE TABLE models (id TEXT PRIMARY KEY, etag TEXT NOT NULL, json TEXT NOT NULL, uploaded_at TEXT NOT NULL)",
       "CREATE TABLE waves (model_id TEXT NOT NULL, kind TEXT NOT NULL, date TEXT NOT NULL, csv TEXT NOT NULL,"
       " uploaded_at TEXT NOT NULL, PRIMARY KEY (model_id, kind, date))"},
  };
  return list;
}

const std::string &text(const Row &row, std::size_t column) {
  static const std::string empty;
  return row.at(column) ? *row[column] : empty;
}

class SqlStore final : public Store {
 public:
  explicit SqlStore(std::unique_ptr<Database> db) : db_(std::move(db)) {
    try {
      std::lock_guard lock(mutex_);
      migrate();
    } catch (const StoreUnavailable &e) {
      logger()->warn("store unavailable at start ({}); retrying on each request", e.what());
    }
  }

  std::string_view backend() const override { return db_->backend(); }

  int schema_version() override {
    std::lock_guard lock(mutex_);
    migrate();
    return version_;
  }

  void ping() override {
    std::lock_guard lock(mutex_);
    migrate();
    db_->query("SELECT 1");
  }

  std::optional<StoredModel> model(const std::string &id) override {
    std::lock_guard lock(mutex_);
    migrate();
    auto rows = db_->query("SELECT etag, json, uploaded_at FROM models WHERE id = $1", {id});
    if (rows.empty()) return std::nullopt;
    return StoredModel{id, text(rows[0], 0), text(rows[0], 1), text(rows[0], 2)};
  }

  std::optional<std::string> model_etag(const std::string &id) override {
    std::lock_guard lock(mutex_);
    migrate();
    auto rows = db_->query("SELECT etag FROM models WHERE id = $1", {id});
    if (rows.empty()) return std::nullopt;
    return text(rows[0], 0);
  }

  bool put_model(const StoredModel &m) override {
    std::lock_guard lock(mutex_);
    migrate();
    return transaction([&] {
      const bool exists = !db_->query("SELECT 1 FROM models WHERE id = $1", {m.id}).empty();
      db_->query("INSERT INTO models (id, etag, json, uploaded_at) VALUES ($1, $2, $3, $4) ON CONFLICT (id) DO UPDATE"
                 " SET etag = excluded.etag, json = excluded.json, uploaded_at = excluded.uploaded_at",
                 {m.id, m.etag, m.json, m.uploaded_at});
      return !exists;
    });
  }

  bool delete_model(const std::string &id) override {
    std::lock_guard lock(mutex_);
    migrate();
    return transaction([&] {
      db_->query("DELETE FROM waves WHERE model_id = $1", {id});
      return !db_->query("DELETE FROM models WHERE id = $1 RETURNING id", {id}).empty();
    });
  }

  bool put_wave(const std::string &model_id, const StoredWave &w) override {
    std::lock_guard lock(mutex_);
    migrate();
    return transaction([&] {
      if (db_->query("SELECT 1 FROM models WHERE id = $1", {model_id}).empty()) return false;
      db_->query("INSERT INTO waves (model_id, kind, date, csv, uploaded_at) VALUES ($1, $2, $3, $4, $5)"
                 " ON CONFLICT (model_id, kind, date) DO UPDATE SET csv = excluded.csv, uploaded_at = excluded.uploaded_at",
                 {model_id, w.kind, w.date, w.csv, w.uploaded_at});
      return true;
    });
  }

  std::vector<StoredWave> waves(const std::string &model_id, const std::string &kind) override {
    std::lock_guard lock(mutex_);
    migrate();
    std::vector<StoredWave> out;
    for (const Row &r : db_->query("SELECT kind, date, csv, uploaded_at FROM waves WHERE model_id = $1 AND kind = $2"
                                   " ORDER BY date",
                                   {model_id, kind}))
      out.push_back({text(r, 0), text(r, 1), text(r, 2), text(r, 3)});
    return out;
  }

 private:
  /// Runs `body` between BEGIN and COMMIT; ROLLBACK when it throws.
  template <class Body>
  std::invoke_result_t<Body> transaction(Body body) {
    db_->begin();
    try {
      auto result = body();
      db_->query("COMMIT");
      return result;
    } catch (...) {
      try {
        db_->query("ROLLBACK");
      } catch (...) {  // the connection is gone: the server rolls back by itself
      }
      throw;
    }
  }

  /// Brings the schema to the newest version, once per process (two services
  /// starting together: the write transaction lets one migrate, the other sees it).
  void migrate() {
    if (version_ > 0) return;
    db_->query("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)");
    version_ = transaction([&] {
      if (db_->backend() == "postgresql") db_->query("LOCK TABLE schema_version IN EXCLUSIVE MODE");
      auto rows = db_->query("SELECT MAX(version) FROM schema_version");
      int current = rows.empty() || !rows[0][0] ? 0 : std::stoi(*rows[0][0]);
      const auto &list = migrations();
      for (int v = current + 1; v <= static_cast<int>(list.size()); ++v) {
        for (auto sql : list[static_cast<std::size_t>(v - 1)]) db_->query(sql);
        db_->query("INSERT INTO schema_version (version) VALUES ($1)", {std::to_string(v)});
        logger()->info("store: schema migrated to version {}", v);
      }
      return std::max(current, static_cast<int>(list.size()));
    });
  }

  std::unique_ptr<Database> db_;
  std::mutex mutex_;
  int version_ = 0;
};

}  // namespace

std::unique_ptr<Store> open_store(std::string_view url) {
  if (url.starts_with("sqlite:")) {
    std::string path(url.substr(7));
    if (path.empty()) throw std::invalid_argument("--store sqlite:PATH needs a file name");
    return std::make_unique<SqlStore>(detail::open_sqlite(path));
  }
  if (url.starts_with("postgresql://") || url.starts_with("postgres://"))
    return std::make_unique<SqlStore>(detail::open_postgresql(std::string(url)));
  throw std::invalid_argument("--store must be sqlite:PATH or postgresql://..., not \"" + std::string(url) + "\"");
}

std::string utc_now() {
  std::time_t now = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&now, &tm);
  char buffer[32];
  std::strftime(buffer, sizeof buffer, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buffer;
}

}  // namespace servicechain::service
