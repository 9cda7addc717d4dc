#pragma once
// The HTTP service's store (docs/service.md): models and survey
// waves kept in an SQLite file or a PostgreSQL database. One schema for both,
// created and upgraded by numbered migrations; every write is a transaction.
#include <cstdint>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace servicechain::service {

/// The store cannot be reached (PostgreSQL down, SQLite file unreadable): the
/// service answers 503 and tries again on the next request.
struct StoreUnavailable : std::runtime_error {
  using std::runtime_error::runtime_error;
};

/// A stored model: its JSON as uploaded (validated), an etag that changes on
/// every upload, and the upload time.
struct StoredModel {
  std::string id;           ///< the URL's id
  std::string etag;         ///< random; a new one on every upload (cache key)
  std::string json;         ///< the model's servicechain/1 JSON, as uploaded
  std::string uploaded_at;  ///< ISO 8601 UTC, e.g. 2026-12-05T15:30:00Z
};

/// A stored survey wave: kind, date and the raw CSV.
struct StoredWave {
  std::string kind;         ///< servqual, nps, csat, ces or internal
  std::string date;         ///< YYYY-MM-DD
  std::string csv;          ///< the CSV text, as uploaded
  std::string uploaded_at;  ///< ISO 8601 UTC
};

/// The store's tables, over a small pool of connections (SQLite or libpq).
/// Safe to call from any thread. Connection failures are
/// StoreUnavailable (the next call reconnects); other database errors are
/// std::runtime_error.
class Store {
 public:
  virtual ~Store() = default;
  /// "sqlite" or "postgresql".
  virtual std::string_view backend() const = 0;
  /// The schema version after migrations (tries to connect and migrate).
  virtual int schema_version() = 0;
  /// Asks the database for a trivial answer (GET /health): StoreUnavailable when it cannot.
  virtual void ping() = 0;
  /// The model, or nullopt when there is none with that id.
  virtual std::optional<StoredModel> model(const std::string &id) = 0;
  /// The model's current etag (cheap: the cache's check), or nullopt.
  virtual std::optional<std::string> model_etag(const std::string &id) = 0;
  /// Creates or replaces a model in one transaction; true when it was created.
  virtual bool put_model(const StoredModel &model) = 0;
  /// Deletes a model and its waves in one transaction; false when there was none.
  virtual bool delete_model(const std::string &id) = 0;
  /// Adds (or replaces, same kind and date) a wave of an existing model; false
  /// when the model does not exist.
  virtual bool put_wave(const std::string &model_id, const StoredWave &wave) = 0;
  /// The model's waves of one kind in date order.
  virtual std::vector<StoredWave> waves(const std::string &model_id, const std::string &kind) = 0;
};

/// Opens "sqlite:PATH" or "postgresql://..." (also "postgres://..."), with up
/// to `max_connections` connections (one per concurrent request). The first
/// connection and the migrations are tried now and again on each use until
/// they succeed, so a service can start while its database is still down.
/// Throws std::invalid_argument on an unknown scheme.
std::unique_ptr<Store> open_store(std::string_view url, std::size_t max_connections = 4);

/// The current time as ISO 8601 UTC with seconds ("2026-12-05T15:30:00Z").
std::string utc_now();

}  // namespace servicechain::service
