// The store's schema, migrations and queries, written once for SQLite and
// PostgreSQL (database.hpp). docs/service.md describes the tables.
#include "servicechain/service/store.hpp"

#include <atomic>
#include <condition_variable>
#include <ctime>
#include <functional>
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

/// The store over a small pool of connections (one per concurrent request up
/// to `max_connections`), so that requests on different workers do not wait
/// for each other's round trips to the database.
class SqlStore final : public Store {
 public:
  SqlStore(std::function<std::unique_ptr<Database>()> open, std::size_t max_connections)
      : open_(std::move(open)), max_(std::max<std::size_t>(max_connections, 1)) {
    try {
      lease();
    } catch (const StoreUnavailable &e) {
      logger()->warn("store unavailable at start ({}); retrying on each request", e.what());
    }
  }

  std::string_view backend() const override { return backend_; }

  int schema_version() override {
    lease();
    return version_;
  }

  void ping() override { lease()->query("SELECT 1"); }

  std::optional<StoredModel> model(const std::string &id) override {
    auto rows = lease()->query("SELECT etag, json, uploaded_at FROM models WHERE id = $1", {id});
    if (rows.empty()) return std::nullopt;
    return StoredModel{id, text(rows[0], 0), text(rows[0], 1), text(rows[0], 2)};
  }

  std::optional<std::string> model_etag(const std::string &id) override {
    auto rows = lease()->query("SELECT etag FROM models WHERE id = $1", {id});
    if (rows.empty()) return std::nullopt;
    return text(rows[0], 0);
  }

  bool put_model(const StoredModel &m) override {
    Lease db = lease();
    return transaction(*db, [&] {
      const bool exists = !db->query("SELECT 1 FROM models WHERE id = $1", {m.id}).empty();
      db->query("INSERT INTO models (id, etag, json, uploaded_at) VALUES ($1, $2, $3, $4) ON CONFLICT (id) DO UPDATE"
                " SET etag = excluded.etag, json = excluded.json, uploaded_at = excluded.uploaded_at",
                {m.id, m.etag, m.json, m.uploaded_at});
      return !exists;
    });
  }

  bool delete_model(const std::string &id) override {
    Lease db = lease();
    return transaction(*db, [&] {
      db->query("DELETE FROM waves WHERE model_id = $1", {id});
      return !db->query("DELETE FROM models WHERE id = $1 RETURNING id", {id}).empty();
    });
  }

  bool put_wave(const std::string &model_id, const StoredWave &w) override {
    Lease db = lease();
    return transaction(*db, [&] {
      if (db->query("SELECT 1 FROM models WHERE id = $1", {model_id}).empty()) return false;
      db->query("INSERT INTO waves (model_id, kind, date, csv, uploaded_at) VALUES ($1, $2, $3, $4, $5)"
                " ON CONFLICT (model_id, kind, date) DO UPDATE SET csv = excluded.csv, uploaded_at = excluded.uploaded_at",
                {model_id, w.kind, w.date, w.csv, w.uploaded_at});
      return true;
    });
  }

  std::vector<StoredWave> waves(const std::string &model_id, const std::string &kind) override {
    std::vector<StoredWave> out;
    for (const Row &r : lease()->query("SELECT kind, date, csv, uploaded_at FROM waves WHERE model_id = $1 AND kind = $2"
                                       " ORDER BY date",
                                       {model_id, kind}))
      out.push_back({text(r, 0), text(r, 1), text(r, 2), text(r, 3)});
    return out;
  }

 private:
  /// A connection borrowed from the pool, given back when it goes out of scope.
  class Lease {
   public:
    Lease(SqlStore &store, std::unique_ptr<Database> db) : store_(store), db_(std::move(db)) {}
    Lease(Lease &&other) noexcept : store_(other.store_), db_(std::move(other.db_)), owner_(other.owner_) {
      other.owner_ = false;
    }
    Lease(const Lease &) = delete;
    Lease &operator=(const Lease &) = delete;
    Lease &operator=(Lease &&) = delete;
    ~Lease() {
      if (owner_) store_.give_back(std::move(db_));
    }
    Database *operator->() const { return db_.get(); }
    Database &operator*() const { return *db_; }

   private:
    SqlStore &store_;
    std::unique_ptr<Database> db_;
    bool owner_ = true;  ///< false once moved from
  };

  /// An idle connection, or a new one while fewer than max_ are open (else waits);
  /// the schema migrated on it first if no connection has done so yet.
  Lease lease() {
    std::unique_ptr<Database> db;
    {
      std::unique_lock lock(mutex_);
      idle_or_room_.wait(lock, [this] { return !idle_.empty() || open_count_ < max_; });
      if (!idle_.empty()) {
        db = std::move(idle_.back());
        idle_.pop_back();
      } else {
        ++open_count_;
      }
    }
    if (!db) {
      try {
        db = open_();
      } catch (...) {
        give_back(nullptr);
        throw;
      }
    }
    Lease lease(*this, std::move(db));
    migrate(*lease);
    return lease;
  }

  void give_back(std::unique_ptr<Database> db) {
    {
      std::lock_guard lock(mutex_);
      if (db) idle_.push_back(std::move(db));
      else --open_count_;
    }
    idle_or_room_.notify_one();
  }

  /// Runs `body` between BEGIN and COMMIT on `db`; ROLLBACK when it throws.
  template <class Body>
  static std::invoke_result_t<Body> transaction(Database &db, Body body) {
    db.begin();
    try {
      auto result = body();
      db.query("COMMIT");
      return result;
    } catch (...) {
      try {
        db.query("ROLLBACK");
      } catch (...) {  // the connection is gone: the server rolls back by itself
      }
      throw;
    }
  }

  /// Brings the schema to the newest version, once per process (two services
  /// starting together: the write transaction lets one migrate, the other sees it).
  void migrate(Database &db) {
    if (version_ > 0) return;
    std::lock_guard lock(migrate_mutex_);
    if (version_ > 0) return;
    db.query("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)");
    version_ = transaction(db, [&] {
      if (db.backend() == "postgresql") db.query("LOCK TABLE schema_version IN EXCLUSIVE MODE");
      auto rows = db.query("SELECT MAX(version) FROM schema_version");
      int current = rows.empty() || !rows[0][0] ? 0 : std::stoi(*rows[0][0]);
      const auto &list = migrations();
      for (int v = current + 1; v <= static_cast<int>(list.size()); ++v) {
        for (auto sql : list[static_cast<std::size_t>(v - 1)]) db.query(sql);
        db.query("INSERT INTO schema_version (version) VALUES ($1)", {std::to_string(v)});
        logger()->info("store: schema migrated to version {}", v);
      }
      return std::max(current, static_cast<int>(list.size()));
    });
  }

  std::function<std::unique_ptr<Database>()> open_;
  std::size_t max_;
  std::string backend_;
  std::mutex mutex_;
  std::condition_variable idle_or_room_;
  std::vector<std::unique_ptr<Database>> idle_;
  std::size_t open_count_ = 0;
  std::mutex migrate_mutex_;
  std::atomic<int> version_{0};

 public:
  /// The backend's name, known before any connection is made.
  void set_backend(std::string name) { backend_ = std::move(name); }
};

}  // namespace

std::unique_ptr<Store> open_store(std::string_view url, std::size_t max_connections) {
  std::function<std::unique_ptr<detail::Database>()> open;
  std::string backend;
  if (url.starts_with("sqlite:")) {
    std::string path(url.substr(7));
    if (path.empty()) throw std::invalid_argument("--store sqlite:PATH needs a file name");
    open = [path] { return detail::open_sqlite(path); };
    backend = "sqlite";
  } else if (url.starts_with("postgresql://") || url.starts_with("postgres://")) {
    open = [conninfo = std::string(url)] { return detail::open_postgresql(conninfo); };
    backend = "postgresql";
  } else {
    throw std::invalid_argument("--store must be sqlite:PATH or postgresql://..., not \"" + std::string(url) + "\"");
  }
  auto store = std::make_unique<SqlStore>(std::move(open), max_connections);
  store->set_backend(std::move(backend));
  return store;
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
