/* A C program that uses an installed servicechain C API (tests/packaging).
 *   c_consumer MODEL.json REQUEST   prints sc_run's result; exit 3 on an unknown command
 *   c_consumer --malformed          checks that bad models and requests return NULL with a JSON error object */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <servicechain/servicechain.h>

static int check_malformed(void) {
  const char *syntax = "{\"format\": \"servicechain/1\", \"units\": [";
  const char *invalid = "{\"format\": \"servicechain/1\", \"units\": [{\"id\": \"a\", \"level\": \"x\"}]}";
  char *error = NULL;
  sc_model *model = sc_model_from_json(syntax, strlen(syntax), &error);
  if (model || !error || !strstr(error, "\"code\": \"bad_input\"") || !strstr(error, "\"path\": \"<input>:1:"))
    return fprintf(stderr, "syntax error not reported\n"), 1;
  sc_string_free(error);
  model = sc_model_from_json(invalid, strlen(invalid), &error);
  if (model || !error || !strstr(error, "\"code\": \"invalid_model\"") || !strstr(error, "\"path\": \"/units/0/level\""))
    return fprintf(stderr, "invalid model not reported\n"), 1;
  sc_string_free(error);
  if (sc_model_from_json(NULL, 0, &error) || !error) return fprintf(stderr, "NULL json not reported\n"), 1;
  sc_string_free(error);
  if (sc_run(NULL, "{\"command\": \"validate\"}", &error) || !error) return fprintf(stderr, "missing model not reported\n"), 1;
  sc_string_free(error);
  if (sc_run(NULL, "not json", &error) || !error) return fprintf(stderr, "bad request not reported\n"), 1;
  sc_string_free(error);
  printf("malformed input reported; version %s\n", sc_version());
  return 0;
}

int main(int argc, char **argv) {
  static char text[1 << 22];
  size_t length;
  FILE *f;
  char *error = NULL, *result;
  sc_model *model;
  if (argc == 2 && strcmp(argv[1], "--malformed") == 0) return check_malformed();
  if (argc != 3) return fprintf(stderr, "usage: c_consumer MODEL.json REQUEST | --malformed\n"), 2;
  f = fopen(argv[1], "rb");
  if (!f) return fprintf(stderr, "cannot open %s\n", argv[1]), 1;
  length = fread(text, 1, sizeof text, f);
  fclose(f);
  model = sc_model_from_json(text, length, &error);
  if (!model) return fprintf(stderr, "model rejected: %s\n", error ? error : "?"), 1;
  result = sc_run(model, argv[2], &error);
  sc_model_free(model);
  if (!result) {
    int unknown = error && (strstr(error, "\"code\": \"unknown_command\"") != NULL || strncmp(error, "unknown command", 15) == 0);
    fprintf(stderr, "%s\n", error ? error : "?");
    sc_string_free(error);
    return unknown ? 3 : 1;
  }
  fputs(result, stdout);
  sc_string_free(result);
  return 0;
}
