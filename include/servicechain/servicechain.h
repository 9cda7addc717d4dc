/** @file
 * servicechain C API (C99). See docs/c-api.md.
 *
 * No C++ exception crosses this boundary: every failure is reported by a NULL
 * result and, when `error` is not NULL, a message in *error (free it with
 * sc_string_free; it may stay NULL if even the message could not be allocated).
 * Every function is safe to call from several threads at once; one sc_model
 * may be shared by threads running sc_run concurrently (it is never modified).
 * Link with -lservicechain_c (CMake: servicechain::servicechain_c). */
#ifndef SERVICECHAIN_SERVICECHAIN_H
#define SERVICECHAIN_SERVICECHAIN_H

#include <stddef.h>

/** Marks the exported functions (the only symbols the library exports). */
#if defined(_WIN32)
#define SC_API
#else
#define SC_API __attribute__((visibility("default")))
#endif

#ifdef __cplusplus
extern "C" {
#endif

/** A validated model, read once and run many times. */
typedef struct sc_model sc_model;

/** The library version such as "0.1.0" (static storage; do not free). */
SC_API const char *sc_version(void);

/** Reads and validates a model from `length` bytes of servicechain/1 JSON.
 * NULL on failure; then *error holds, for an invalid model, exactly the JSON
 * that `servicechain validate --json` prints ({"valid": false, "errors": [...],
 * "warnings": [...]}), and a plain message for other failures. */
SC_API sc_model *sc_model_from_json(const char *json, size_t length, char **error);

/** Frees a model; NULL is allowed. */
SC_API void sc_model_free(sc_model *model);

/** Runs one CLI command on `model` and returns what `servicechain COMMAND
 * --json` prints. Requests look like {"command": "analyze", "model": "geometric"} or
 * {"command": "survey", "measure": "nps", "data": "<csv text>", "column":
 * "score"} (docs/c-api.md lists the mapping). `model` may be NULL for
 * commands that read no model. NULL on failure, with the message in *error.
 * Free the result with sc_string_free. */
SC_API char *sc_run(const sc_model *model, const char *request_json, char **error);

/** Frees a string returned by this API; NULL is allowed. */
SC_API void sc_string_free(char *s);

#ifdef __cplusplus
}
#endif

#endif /* SERVICECHAIN_SERVICECHAIN_H */
