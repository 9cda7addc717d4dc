#pragma once
// Helpers shared by the fuzz targets.
#include <cstdio>
#include <cstdlib>

// A broken property: report and abort, so that libFuzzer (or ctest) sees a crash.
#define FUZZ_CHECK(condition)                                                          \
  do {                                                                                 \
    if (!(condition)) {                                                                \
      std::fprintf(stderr, "%s:%d: property failed: %s\n", __FILE__, __LINE__, #condition); \
      std::abort();                                                                    \
    }                                                                                  \
  } while (false)
