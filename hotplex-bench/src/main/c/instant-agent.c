/*
 * instant-agent: the lightest stand-in for Claude Code's stream-json mode, for the engine-overhead and scale
 * benchmarks. It costs about 1 MB of memory and answers a turn in a few microseconds, so what those benchmarks
 * measure is hotplex (and the pipes), not the fake.
 *
 * stdin, one JSON object per line:
 *   a control_request (e.g. initialize)  -> a control_response "success" with the same request_id
 *   a user message                       -> system/init, an assistant text "ECHO: <text>", a result with that text
 * Anything else is ignored. It exits at end of input. Arguments are ignored (it accepts Claude Code's flags).
 *
 * It matches on the compact JSON that hotplex and the raw driver write ("type":"user"); it is no JSON parser.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char session_id[64];

/* Copies the JSON string value that follows `key` (e.g. "\"text\":\"") into out, escapes kept as they are. */
static int string_after(const char *line, const char *key, char *out, size_t cap) {
  const char *start = strstr(line, key);
  if (start == NULL) {
    return 0;
  }
  start += strlen(key);
  size_t n = 0;
  for (const char *p = start; *p != '\0' && n + 1 < cap; p++) {
    if (*p == '"' && (p == start || p[-1] != '\\')) {
      break;
    }
    out[n++] = *p;
  }
  out[n] = '\0';
  return 1;
}

/* One write per line, as the real CLI prints each message on its own. */
static void emit(const char *text) {
  size_t length = strlen(text);
  while (length > 0) {
    ssize_t written = write(STDOUT_FILENO, text, length);
    if (written <= 0) {
      exit(1);
    }
    text += written;
    length -= (size_t) written;
  }
}

static void answer_control(const char *line, char *out, size_t cap) {
  char id[256];
  if (!string_after(line, "\"request_id\":\"", id, sizeof id)) {
    return;
  }
  snprintf(out, cap, "{\"type\":\"control_response\",\"response\":{\"subtype\":\"success\",\"request_id\":\"%s\","
      "\"response\":{}}}\n", id);
  emit(out);
}

static void answer_user(const char *line, char *out, size_t cap) {
  static char text[8192];
  if (!string_after(line, "\"text\":\"", text, sizeof text)) {
    text[0] = '\0';
  }
  snprintf(out, cap, "{\"type\":\"system\",\"subtype\":\"init\",\"session_id\":\"%s\",\"model\":\"instant\","
      "\"cwd\":\"/\",\"tools\":[],\"permissionMode\":\"default\"}\n", session_id);
  emit(out);
  snprintf(out, cap, "{\"type\":\"assistant\",\"session_id\":\"%s\",\"message\":{\"role\":\"assistant\","
      "\"content\":[{\"type\":\"text\",\"text\":\"ECHO: %s\"}]}}\n", session_id, text);
  emit(out);
  snprintf(out, cap, "{\"type\":\"result\",\"subtype\":\"success\",\"is_error\":false,\"result\":\"ECHO: %s\","
      "\"session_id\":\"%s\",\"num_turns\":1,\"duration_ms\":0,\"duration_api_ms\":0,\"total_cost_usd\":0,"
      "\"usage\":{\"input_tokens\":1,\"output_tokens\":1}}\n", text, session_id);
  emit(out);
}

int main(void) {
  snprintf(session_id, sizeof session_id, "00000000-0000-4000-8000-%012ld", (long) getpid());
  static char out[16384];
  char *line = NULL;
  size_t cap = 0;
  while (getline(&line, &cap, stdin) >= 0) {
    if (strstr(line, "\"type\":\"control_request\"") != NULL) {
      answer_control(line, out, sizeof out);
    } else if (strstr(line, "\"type\":\"user\"") != NULL) {
      answer_user(line, out, sizeof out);
    }
  }
  free(line);
  return 0;
}
