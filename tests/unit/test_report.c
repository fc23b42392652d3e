/* tests/unit/test_report.c -- cmocka tests for runtime/report's JSON string
 * writer, which every JSON record of `fisc check --format json` goes
 * through.  Run one test with: test_report test_report_json_string_escapes. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <limits.h>
#include <stdio.h>
#include <string.h>

#include "lang/buf.h"
#include "runtime/report.h"

// The text json() returns; freed at the end of main.
static Buf out;

// Returns the JSON string for the [n] bytes at [s].
static const char *json(const char *s, size_t n) {
  buf_clear(&out);
  report_json_string(&out, s, n);
  return out.s;
}

static void test_report_json_string_escapes(void **state) {
  (void)state;
  assert_string_equal(json("", 0), "\"\"");
  assert_string_equal(json("支出决算表", strlen("支出决算表")),
                      "\"支出决算表\"");
  assert_string_equal(json("a\"b\\c", 5), "\"a\\\"b\\\\c\"");
  assert_string_equal(json("\"x\"", 3), "\"\\\"x\\\"\"");
  assert_string_equal(json("1\n2\t3", 5), "\"1\\n2\\t3\"");
  assert_string_equal(json("\x01\x7f\x1f", 3), "\"\\u0001\\u007f\\u001f\"");
  // An embedded NUL is written, not taken for the end.
  assert_string_equal(json("a\0b", 3), "\"a\\u0000b\"");
  // Text after the last escape is kept.
  assert_string_equal(json("\\ 元", strlen("\\ 元")), "\"\\\\ 元\"");
}

static void test_report_buf_putl_matches_printf(void **state) {
  (void)state;
  static const long values[] = {0, 7, -7, 10, 1234567890, -1000000,
                                LONG_MAX, LONG_MIN};
  for (size_t k = 0; k < sizeof values / sizeof values[0]; k++) {
    char want[32];
    snprintf(want, sizeof want, "%ld", values[k]);
    buf_clear(&out);
    buf_puts(&out, "n=");
    buf_putl(&out, values[k]);
    assert_string_equal(out.s + 2, want);
  }
}

int main(int argc, char **argv) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_report_json_string_escapes),
      cmocka_unit_test(test_report_buf_putl_matches_printf),
  };
  if (argc > 1)
    cmocka_set_test_filter(argv[1]);
  buf_init(&out);
  int failed = cmocka_run_group_tests(tests, NULL, NULL);
  buf_free(&out);
  return failed;
}
