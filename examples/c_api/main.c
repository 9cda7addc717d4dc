/* Using servicechain from C: read a model, validate it, run an analysis.
 *
 *   servicechain_c_example examples/hotel.json
 *
 * Build: cc main.c $(pkg-config --cflags --libs servicechain_c)
 * (or link servicechain::servicechain_c from CMake). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <servicechain/servicechain.h>

static char *read_whole_file(const char *path, size_t *length) {
  FILE *f = fopen(path, "rb");
  char *text = NULL;
  size_t size = 0, capacity = 0, n;
  if (!f) return NULL;
  do {
    if (capacity - size < 4096) {
      char *bigger = realloc(text, capacity = capacity * 2 + 4096);
      if (!bigger) {
        free(text);
        fclose(f);
        return NULL;
      }
      text = bigger;
    }
    n = fread(text + size, 1, capacity - size, f);
    size += n;
  } while (n > 0);
  fclose(f);
  *length = size;
  return text;
}

/* Runs one request and prints its JSON result or its error. */
static int run(const sc_model *model, const char *request) {
  char *error = NULL;
  char *result = sc_run(model, request, &error);
  printf("request %s\n", request);
  if (!result) {
    printf("  failed: %s\n", error ? error : "(no message)");
    sc_string_free(error);
    return 1;
  }
  printf("%s", result);
  sc_string_free(result);
  return 0;
}

int main(int argc, char **argv) {
  const char *broken = "{\"format\": \"servicechain/1\", \"units\": [{\"id\": \"a\", \"level\": \"x\"}]}";
  char *error = NULL;
  char *text;
  size_t length = 0;
  sc_model *model;
  int failures = 0;

  if (argc != 2) {
    fprintf(stderr, "usage: %s MODEL.json\n", argv[0]);
    return 2;
  }
  printf("servicechain %s\n", sc_version());

  /* An invalid model: NULL, and the error object with code "invalid_model" and,
     in "errors", the validation list of `validate --json`. */
  model = sc_model_from_json(broken, strlen(broken), &error);
  if (model || !error || !strstr(error, "\"code\": \"invalid_model\"")) {
    fprintf(stderr, "an invalid model was not reported\n");
    return 1;
  }
  printf("invalid model reported:\n%s", error);
  sc_string_free(error);
  error = NULL;

  text = read_whole_file(argv[1], &length);
  if (!text) {
    fprintf(stderr, "cannot read %s\n", argv[1]);
    return 1;
  }
  model = sc_model_from_json(text, length, &error);
  free(text);
  if (!model) {
    fprintf(stderr, "invalid model:\n%s\n", error ? error : "(no message)");
    sc_string_free(error);
    return 1;
  }

  failures += run(model, "{\"command\": \"validate\"}");
  failures += run(model, "{\"command\": \"analyze\", \"model\": \"geometric\"}");
  /* A bad option comes back as an error object (code "bad_option"). */
  if (run(model, "{\"command\": \"validate\", \"no_such_option\": 1}") == 0) ++failures;

  sc_model_free(model);
  return failures == 0 ? 0 : 1;
}
