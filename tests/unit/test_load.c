/* tests/unit/test_load.c -- the data loader (runtime/load.c, csv.c, table.c).
 *
 * Tables are read from Srcs made from C strings, so every byte of a fixture
 * (GBK, UTF-16, NUL, stray quotes) sits next to the assertion about it.  The
 * folder-level tests write files into a fresh temporary folder; one reads the
 * checked-in submission under tests/unit/data/load/.  Diagnostics are
 * compared whole, caret rows included; the data lines mix CJK (2 columns), a
 * tab, a full-width bracket, a combining mark (0) and the ambiguous `·` (1),
 * so a caret that counted bytes would visibly drift. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <dirent.h>
#include <sys/stat.h>
#include <unistd.h>

#include "lang/arena.h"
#include "lang/buf.h"
#include "lang/diag.h"
#include "runtime/load.h"
#include "runtime/num.h"
#include "runtime/table.h"

#define PATH "data/支出决算表.csv"
// Srcs one test may load (each table keeps its Src until teardown).
#define MAX_SRCS 4

/* ------------------------------------------------------------------------ */
/* Declarations used by the tests (what `table` statements would build)     */
/* ------------------------------------------------------------------------ */

static ColDecl exp_cols[] = {
    {"科目编码", COL_CODE, UNIT_NONE, {0, 0}, NULL},
    {"科目名称", COL_TEXT, UNIT_NONE, {0, 0}, NULL},
    {"本年支出合计", COL_NUMBER, UNIT_WAN, {0, 0}, NULL},
    {"占比", COL_NUMBER, UNIT_PCT, {0, 0}, NULL},
};
static TableDecl exp_decl = {"支出决算表", NULL, {0, 0}, exp_cols, 4, 0, 0};

static ColDecl inc_cols[] = {
    {"科目编码", COL_CODE, UNIT_NONE, {0, 0}, NULL},
    {"本年收入合计", COL_NUMBER, UNIT_WAN, {0, 0}, NULL},
};
static TableDecl inc_decl = {"收入决算表", NULL, {0, 0}, inc_cols, 2, 0, 1};

// A table with a plain count and no money column.
static ColDecl staff_cols[] = {
    {"类别", COL_CODE, UNIT_NONE, {0, 0}, NULL},
    {"人数", COL_NUMBER, UNIT_NONE, {0, 0}, NULL},
};
static TableDecl staff_decl = {"人员表", NULL, {0, 0}, staff_cols, 2, 0, 0};

/* ------------------------------------------------------------------------ */
/* Fixture                                                                  */
/* ------------------------------------------------------------------------ */

typedef struct Fixture {
  Arena a;
  Diags d;
  Src *srcs[MAX_SRCS];
  int n_srcs;
  char dir[64]; // temporary submission folder, "" when none was made
} Fixture;

static int setup(void **state) {
  Fixture *f = test_calloc(1, sizeof *f);
  arena_init(&f->a);
  diag_init(&f->d);
  *state = f;
  return 0;
}

/* Removes the temporary folder [dir] and everything in it (prior/ too). */
static void remove_dir(const char *dir) {
  DIR *dp = opendir(dir);
  if (!dp)
    return;
  struct dirent *e;
  char path[512];
  while ((e = readdir(dp))) {
    if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
      continue;
    snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
    if (unlink(path) != 0)
      remove_dir(path);
  }
  closedir(dp);
  rmdir(dir);
}

static int teardown(void **state) {
  Fixture *f = *state;
  for (int i = 0; i < f->n_srcs; i++)
    src_free(f->srcs[i]);
  if (f->dir[0])
    remove_dir(f->dir);
  arena_free(&f->a);
  diag_free(&f->d);
  test_free(f);
  return 0;
}

/* Loads the [len] bytes at [bytes] as PATH against [decl]. */
static Table *load_bytes(Fixture *f, const TableDecl *decl, const char *bytes,
                         size_t len) {
  assert_true(f->n_srcs < MAX_SRCS);
  Src *src = src_from_string(PATH, bytes, len);
  f->srcs[f->n_srcs++] = src;
  return load_table(&f->a, src, decl, &f->d);
}

/* Loads the NUL-terminated [text] against the 支出决算表 declaration. */
static Table *load(Fixture *f, const char *text) {
  return load_bytes(f, &exp_decl, text, strlen(text));
}

/* Asserts that [n] formats as [want] (num_format: written decimals). */
static void assert_num(const Num *n, const char *want) {
  assert_non_null(n);
  Buf b;
  buf_init(&b);
  num_format(&b, n);
  assert_string_equal(b.s, want);
  buf_free(&b);
}

/* Asserts that cell [j] of [row] holds the text [want]. */
static void assert_text(const Row *row, int j, const char *want) {
  assert_non_null(row->cells[j].text);
  assert_string_equal(row->cells[j].text, want);
  assert_int_equal(row->cells[j].len, strlen(want));
}

/* Makes a temporary folder for a submission. */
static void make_dir(Fixture *f) {
  strcpy(f->dir, "/tmp/fisc-test-load-XXXXXX");
  assert_non_null(mkdtemp(f->dir));
}

/* Writes the [len] bytes at [bytes] to [name] in the fixture's folder. */
static void write_file(Fixture *f, const char *name, const char *bytes,
                       size_t len) {
  char path[512];
  snprintf(path, sizeof path, "%s/%s", f->dir, name);
  FILE *fp = fopen(path, "wb");
  assert_non_null(fp);
  assert_int_equal(fwrite(bytes, 1, len, fp), len);
  fclose(fp);
}

static void write_text(Fixture *f, const char *name, const char *text) {
  write_file(f, name, text, strlen(text));
}

/* ------------------------------------------------------------------------ */
/* Encodings                                                                */
/* ------------------------------------------------------------------------ */

static void test_load_utf8_plain(void **state) {
  Fixture *f = *state;
  Table *t = load(f, "科目编码,科目名称,本年支出合计,占比\n"
                     "201,一般公共服务支出,1118.78,100.00\n"
                     "20101,人大事务,634.14,56.68\n");
  assert_string_equal(f->d.out.s, "");
  assert_non_null(t);
  assert_ptr_equal(t->decl, &exp_decl);
  assert_int_equal(t->n_rows, 2);
  assert_text(&t->rows[0], 0, "201");
  assert_text(&t->rows[0], 1, "一般公共服务支出");
  assert_num(t->rows[0].cells[2].num, "1118.78");
  assert_num(t->rows[0].cells[3].num, "100.00");
  assert_null(t->rows[0].cells[0].num); // codes are text
  assert_null(t->rows[0].cells[1].num);
  assert_int_equal(t->rows[0].line, 2);
  assert_int_equal(t->rows[1].line, 3);
  // Cell.off is the byte offset of the cell's first character.
  const char *s = t->src->bytes;
  assert_int_equal(t->rows[1].cells[2].off, strstr(s, "634.14") - s);
  assert_int_equal(t->rows[1].cells[0].off, strstr(s, "20101") - s);
}

static void test_load_bom_is_stripped(void **state) {
  Fixture *f = *state;
  Table *t = load(f, "\xEF\xBB\xBF科目编码,科目名称,本年支出合计,占比\n"
                     "201,一般公共服务支出,1118.78,100\n");
  assert_string_equal(f->d.out.s, "");
  assert_non_null(t);
  assert_int_equal(t->n_rows, 1);
  assert_true(strncmp(t->src->bytes, "科目编码", strlen("科目编码")) == 0);
  assert_int_equal(t->rows[0].cells[0].off, strstr(t->src->bytes, "201") -
                                                t->src->bytes);
}

static void test_load_gbk_is_converted(void **state) {
  Fixture *f = *state;
  // 科目编码,本年收入合计 / 201,一般,12.5 -- in GBK, as Chinese Excel
  // writes “CSV(逗号分隔)”.  支出 = D6 A7 B3 F6.
  static const char gbk[] =
      "\xBF\xC6\xC4\xBF\xB1\xE0\xC2\xEB,\xB1\xBE\xC4\xEA\xCA\xD5\xC8\xEB"
      "\xBA\xCF\xBC\xC6\r\n"
      "\xD6\xA7\xB3\xF6,12.5\r\n";
  Table *t = load_bytes(f, &inc_decl, gbk, sizeof gbk - 1);
  assert_string_equal(f->d.out.s, "");
  assert_non_null(t);
  assert_int_equal(t->n_rows, 1);
  assert_text(&t->rows[0], 0, "支出");
  assert_num(t->rows[0].cells[1].num, "12.5");
  assert_int_equal(t->rows[0].line, 2);
  // The Src now holds UTF-8, so diagnostics and offsets agree with it.
  assert_string_equal(t->src->bytes, "科目编码,本年收入合计\r\n支出,12.5\r\n");
  assert_int_equal(t->rows[0].cells[1].off,
                   strstr(t->src->bytes, "12.5") - t->src->bytes);
}

static void test_load_gbk_error_points_into_converted_text(void **state) {
  Fixture *f = *state;
  // 科目编码,本年收入合计 / 支出,十二 (GBK): the caret must sit under 十二 in
  // the UTF-8 text shown.
  static const char gbk[] =
      "\xBF\xC6\xC4\xBF\xB1\xE0\xC2\xEB,\xB1\xBE\xC4\xEA\xCA\xD5\xC8\xEB"
      "\xBA\xCF\xBC\xC6\n"
      "\xD6\xA7\xB3\xF6,\xCA\xAE\xB6\xFE\n";
  assert_null(load_bytes(f, &inc_decl, gbk, sizeof gbk - 1));
  assert_string_equal(
      f->d.out.s,
      "data/支出决算表.csv:2:6: error: `十二` is not a number (column "
      "`本年收入合计`)\n"
      "    2 | 支出,十二\n"
      "      |      ^~~~\n");
}

static void test_load_utf16_bom_is_refused(void **state) {
  Fixture *f = *state;
  // "科目" in UTF-16LE after its byte-order mark.
  static const char u16[] = "\xFF\xFE\xD1\x79\xEE\x76,\0\n\0";
  assert_null(load_bytes(f, &exp_decl, u16, sizeof u16 - 1));
  assert_string_equal(
      f->d.out.s,
      "data/支出决算表.csv:1:1: error: file is UTF-16 encoded; save it as "
      "UTF-8 or GBK CSV\n"
      // No excerpt: its bytes as UTF-8 would be noise.
      "      = help: in Excel use 另存为 → “CSV UTF-8(逗号分隔)” or "
      "“CSV(逗号分隔)”; “Unicode 文本” writes UTF-16\n");
}

static void test_load_utf16_without_bom_is_refused(void **state) {
  Fixture *f = *state;
  static const char u16[] = "2\0" "0\0" "1\0" ",\0" "1\0" "\n\0";
  assert_null(load_bytes(f, &exp_decl, u16, sizeof u16 - 1));
  assert_non_null(strstr(f->d.out.s,
                         "data/支出决算表.csv:1:2: error: file looks UTF-16 "
                         "encoded (it has NUL bytes between characters)"));
}

static void test_load_nul_byte_is_refused(void **state) {
  Fixture *f = *state;
  static const char bytes[] = "科目编码,科目名称,本年支出合计,占比\n"
                              "201,一般\0公共服务,1,2\n";
  assert_null(load_bytes(f, &exp_decl, bytes, sizeof bytes - 1));
  assert_string_equal(
      f->d.out.s,
      "data/支出决算表.csv:2:9: error: file contains a NUL byte; it is not "
      "CSV text\n"
      "    2 | 201,一般\xE2\x90\x80公共服务,1,2\n"
      "      |         ^\n");
}

static void test_load_invalid_utf8_that_is_not_gbk(void **state) {
  Fixture *f = *state;
  // 0xFF cannot start a character in UTF-8 or GB18030.
  static const char bytes[] = "科目编码,科目名称,本年支出合计,占比\n"
                              "201,a\xFF,1,2\n";
  assert_null(load_bytes(f, &exp_decl, bytes, sizeof bytes - 1));
  assert_string_equal(
      f->d.out.s,
      "data/支出决算表.csv:2:6: error: invalid UTF-8 byte 0xFF, and the "
      "file is not GBK either\n"
      "    2 | 201,a\xEF\xBF\xBD,1,2\n"
      "      |      ^\n"
      "      = help: in Excel use 另存为 → “CSV UTF-8(逗号分隔)” or "
      "“CSV(逗号分隔)”; “Unicode 文本” writes UTF-16\n");
}

static void test_load_bom_then_invalid_utf8_is_not_read_as_gbk(void **state) {
  Fixture *f = *state;
  // B9 FA B7 C0 is 国防 in GBK, but the BOM said UTF-8.
  static const char bytes[] = "\xEF\xBB\xBF科目编码,本年收入合计\n"
                              "\xB9\xFA\xB7\xC0,1\n";
  assert_null(load_bytes(f, &inc_decl, bytes, sizeof bytes - 1));
  assert_non_null(strstr(f->d.out.s,
                         "data/支出决算表.csv:2:1: error: invalid UTF-8 "
                         "byte 0xB9\n"));
  assert_non_null(strstr(f->d.out.s, "= note: the file starts with a UTF-8 "
                                     "byte-order mark, so it was not read "
                                     "as GBK\n"));
}

static void test_load_excel_workbook_is_refused(void **state) {
  Fixture *f = *state;
  static const char xlsx[] = "PK\x03\x04\x14\0\x06\0";
  assert_null(load_bytes(f, &exp_decl, xlsx, sizeof xlsx - 1));
  assert_non_null(strstr(f->d.out.s,
                         "data/支出决算表.csv:1:1: error: file is an Excel "
                         "workbook, not CSV text\n"));
}

/* ------------------------------------------------------------------------ */
/* CSV structure                                                            */
/* ------------------------------------------------------------------------ */

static void test_load_quoted_fields(void **state) {
  Fixture *f = *state;
  Table *t = load(f, "科目编码,科目名称,本年支出合计,占比\r\n"
                     "\"201\",\"一般, \"\"公共\"\" 服务\",\"1,234.56\",5\r\n"
                     "202,\"外交\n支出\",  7  ,\"　6 \"\r\n"
                     "203,国防,8,9\r\n");
  assert_string_equal(f->d.out.s, "");
  assert_non_null(t);
  assert_int_equal(t->n_rows, 3);
  assert_text(&t->rows[0], 0, "201");
  assert_text(&t->rows[0], 1, "一般, \"公共\" 服务");
  assert_num(t->rows[0].cells[2].num, "1234.56");
  assert_text(&t->rows[0], 2, "1,234.56"); // the text as written
  assert_text(&t->rows[1], 1, "外交\n支出");
  assert_num(t->rows[1].cells[2].num, "7"); // blanks around a figure
  assert_num(t->rows[1].cells[3].num, "6"); // U+3000 inside the quotes
  // The line break inside the quotes counts: 203 is on line 5.
  assert_int_equal(t->rows[0].line, 2);
  assert_int_equal(t->rows[1].line, 3);
  assert_int_equal(t->rows[2].line, 5);
  const char *s = t->src->bytes;
  // Offsets skip the opening quote and the blanks.
  assert_int_equal(t->rows[0].cells[2].off, strstr(s, "1,234.56") - s);
  assert_int_equal(t->rows[1].cells[2].off, strstr(s, "7 ") - s);
}

static void test_load_plain_fields_trim_blanks(void **state) {
  Fixture *f = *state;
  /* Unquoted cells lose blanks (space, tab, NBSP, U+3000) at both ends and
   * keep everything else, including characters whose UTF-8 starts like
   * U+3000 (〇 is E3 80 87) or ends like it (一 is E4 B8 80). */
  Table *t = load(f, "科目编码,科目名称,本年支出合计,占比\n"
                     "201,\u3000一\t,\xC2\xA0 7\u3000,5\n"
                     "202,〇,8,9\n"
                     "203,\u3000\xC2\xA0,9,1\n");
  assert_string_equal(f->d.out.s, "");
  assert_non_null(t);
  assert_int_equal(t->n_rows, 3);
  assert_text(&t->rows[0], 1, "一");
  assert_num(t->rows[0].cells[2].num, "7");
  assert_text(&t->rows[1], 1, "〇");
  assert_null(t->rows[2].cells[1].text); // only blanks: blank
  const char *s = t->src->bytes;
  // The cell's source range is the trimmed text itself.
  assert_int_equal(t->rows[0].cells[1].off, strstr(s, "一\t") - s);
  assert_int_equal(t->rows[0].cells[1].len, strlen("一"));
  assert_int_equal(t->rows[0].cells[2].off, strstr(s, "7\u3000") - s);
  assert_int_equal(t->rows[1].cells[1].off, strstr(s, "〇") - s);
}

static void test_load_unterminated_quote(void **state) {
  Fixture *f = *state;
  assert_null(load(f, "科目编码,科目名称,本年支出合计,占比\n"
                      "201,一般公共服务,1,2\n"
                      "202,\"外交·支出,3,4\n"
                      "203,国防,5,6\n"));
  assert_string_equal(
      f->d.out.s,
      "data/支出决算表.csv:3:5: error: unterminated quoted field\n"
      "    3 | 202,\"外交·支出,3,4\n"
      "      |     ^\n"
      "      = help: the quote opened on line 3 is never closed; a quote "
      "inside a quoted field is written \"\"\n");
}

static void test_load_text_after_closing_quote(void **state) {
  Fixture *f = *state;
  assert_null(load(f, "科目编码,科目名称,本年支出合计,占比\n"
                      "201,\"一般\"公共,1,2\n"));
  assert_string_equal(
      f->d.out.s,
      "data/支出决算表.csv:2:11: error: unexpected text after the closing "
      "quote of a field\n"
      "    2 | 201,\"一般\"公共,1,2\n"
      "      |           ^~~~\n"
      "      = help: a quote inside a quoted field is written \"\"\n");
}

static void test_load_ragged_row(void **state) {
  Fixture *f = *state;
  assert_null(load(f, "科目编码,科目名称,本年支出合计,占比\n"
                      "201,一般公共服务,1,2\n"
                      "202,外交,3\n"
                      "203,国防,5,6,7\n"));
  assert_string_equal(
      f->d.out.s,
      "data/支出决算表.csv:3:1: error: row has 3 fields, header has 4\n"
      "    3 | 202,外交,3\n"
      "      | ^~~~~~~~~~\n"
      "data/支出决算表.csv:4:1: error: row has 5 fields, header has 4\n"
      "    4 | 203,国防,5,6,7\n"
      "      | ^~~~~~~~~~~~~~\n");
}

static void test_load_blank_lines_are_skipped(void **state) {
  Fixture *f = *state;
  Table *t = load(f, "\n科目编码,科目名称,本年支出合计,占比\n"
                     "\n"
                     "201,一般公共服务,1,2\n"
                     "   \n"
                     ",,,\n"
                     "202,外交,3,4");
  assert_string_equal(f->d.out.s, "");
  assert_non_null(t);
  assert_int_equal(t->n_rows, 2);
  assert_int_equal(t->rows[0].line, 4);
  assert_int_equal(t->rows[1].line, 7);
  assert_num(t->rows[1].cells[3].num, "4"); // last line without a break
}

static void test_load_bare_cr_is_refused(void **state) {
  Fixture *f = *state;
  assert_null(load(f, "科目编码,科目名称,本年支出合计,占比\r201,一,1,2\r"));
  assert_non_null(strstr(f->d.out.s, "error: lines end with a bare carriage "
                                     "return (old Mac format)\n"));
}

static void test_load_too_many_fields(void **state) {
  Fixture *f = *state;
  // A line of 5000 commas: refused at CSV_MAX_FIELDS, not stored.
  Buf b;
  buf_init(&b);
  buf_repeat(&b, ',', 5000);
  buf_puts(&b, "\n科目编码,科目名称,本年支出合计,占比\n");
  assert_null(load_bytes(f, &exp_decl, b.s, b.len));
  buf_free(&b);
  assert_int_equal(f->d.n_errors, 1);
  assert_non_null(strstr(f->d.out.s,
                         "data/支出决算表.csv:1:1: error: row has more than "
                         "4096 fields; this is not a table\n"));
}

/* ------------------------------------------------------------------------ */
/* Header                                                                   */
/* ------------------------------------------------------------------------ */

static void test_load_columns_in_any_order(void **state) {
  Fixture *f = *state;
  Table *t = load(f, "占比,本年支出合计,科目名称,科目编码\n"
                     "56.68,634.14,人大事务,20101\n");
  assert_string_equal(f->d.out.s, "");
  assert_non_null(t);
  assert_text(&t->rows[0], 0, "20101");
  assert_text(&t->rows[0], 1, "人大事务");
  assert_num(t->rows[0].cells[2].num, "634.14");
  assert_num(t->rows[0].cells[3].num, "56.68");
}

static void test_load_missing_column(void **state) {
  Fixture *f = *state;
  assert_null(load(f, "科目编码,科目名称,占比\n"
                      "201,一般公共服务,2\n"));
  assert_string_equal(
      f->d.out.s,
      "data/支出决算表.csv:1:1: error: header has no column `本年支出合计` "
      "(declared in table `支出决算表`)\n"
      "    1 | 科目编码,科目名称,占比\n"
      "      | ^~~~~~~~~~~~~~~~~~~~~~\n"
      "      = help: the header has `科目编码`, `科目名称`, `占比`\n");
}

static void test_load_missing_column_near_miss(void **state) {
  Fixture *f = *state;
  assert_null(load(f, "科目编码,科目名称,本年支出 合计,占比\n"));
  assert_non_null(strstr(f->d.out.s,
                         "      = help: header column `本年支出 合计` differs "
                         "from `本年支出合计` only in spaces or full-width "
                         "characters\n"));
  // No warning about the same column: the help already names it.
  assert_null(strstr(f->d.out.s, "warning"));
}

static void test_load_extra_column_warns(void **state) {
  Fixture *f = *state;
  Table *t = load(f, "科目编码,科目名称,基本支出,本年支出合计,占比\n"
                     "201,一般公共服务,9,1,2\n");
  assert_non_null(t); // a warning does not fail the table
  assert_int_equal(f->d.n_errors, 0);
  assert_int_equal(f->d.n_warnings, 1);
  assert_string_equal(
      f->d.out.s,
      "data/支出决算表.csv:1:19: warning: column `基本支出` is not declared "
      "in table `支出决算表`; ignored\n"
      "    1 | 科目编码,科目名称,基本支出,本年支出合计,占比\n"
      "      |                   ^~~~~~~~\n");
  assert_num(t->rows[0].cells[2].num, "1");
}

static void test_load_repeated_header_column(void **state) {
  Fixture *f = *state;
  assert_null(load(f, "科目编码,占比,科目名称,本年支出合计,占比\n"));
  assert_string_equal(
      f->d.out.s,
      "data/支出决算表.csv:1:37: error: column `占比` appears twice in the "
      "header\n"
      "    1 | 科目编码,占比,科目名称,本年支出合计,占比\n"
      "      |                                     ^~~~\n"
      "data/支出决算表.csv:1:10: note: first `占比` is here\n"
      "    1 | 科目编码,占比,科目名称,本年支出合计,占比\n"
      "      |          ^~~~\n");
}

static void test_load_no_header_row(void **state) {
  Fixture *f = *state;
  assert_null(load(f, "编码,名称\n201,一般\n"));
  assert_string_equal(
      f->d.out.s,
      "data/支出决算表.csv:1:1: error: no header row: no line has the key "
      "column `科目编码`\n"
      "    1 | 编码,名称\n"
      "      | ^\n"
      "      = help: table `支出决算表` needs a header row naming its "
      "columns: 科目编码, 科目名称, 本年支出合计, 占比\n");
}

static void test_load_empty_file(void **state) {
  Fixture *f = *state;
  assert_null(load(f, ""));
  assert_non_null(strstr(f->d.out.s,
                         "data/支出决算表.csv:1:1: error: file is empty; "
                         "expected a header row with column `科目编码`\n"));
}

static void test_load_header_only_is_an_empty_table(void **state) {
  Fixture *f = *state;
  Table *t = load(f, "科目编码,科目名称,本年支出合计,占比\n");
  assert_string_equal(f->d.out.s, "");
  assert_non_null(t);
  assert_int_equal(t->n_rows, 0);
  assert_null(table_find(t, "201", 3));
}

/* ------------------------------------------------------------------------ */
/* Title lines and 金额单位                                                 */
/* ------------------------------------------------------------------------ */

static void test_load_title_yuan_converts_to_wan(void **state) {
  Fixture *f = *state;
  Table *t = load(f, "支出决算表,,,\n"
                     "公开03表,,,\n"
                     "部门：武汉市东西湖区大数据中心,,,金额单位：元\n"
                     "科目编码,科目名称,本年支出合计,占比\n"
                     "201,一般公共服务支出,12345,56.68\n"
                     "202,外交,1234567.89,5\n");
  assert_string_equal(f->d.out.s, "");
  assert_non_null(t);
  assert_int_equal(t->n_rows, 2);
  assert_int_equal(t->rows[0].line, 5);
  // 12345 元 = 1.2345 万元 exactly; a percentage is never scaled.
  assert_num(t->rows[0].cells[2].num, "1.2345");
  assert_num(t->rows[0].cells[3].num, "56.68");
  assert_num(t->rows[1].cells[2].num, "123.456789");
  Num *want = num_parse(&f->a, "123.456789", 10, &(NumParseError){0});
  assert_int_equal(num_cmp(t->rows[1].cells[2].num, want), 0);
  assert_text(&t->rows[0], 2, "12345"); // the text stays as written
}

static void test_load_title_unit_forms(void **state) {
  Fixture *f = *state;
  // `单位:亿元` (ASCII colon) inside a cell with other text.
  Table *t = load_bytes(f, &inc_decl,
                        "\"部门：武汉市, 单位:亿元\"\n科目编码,本年收入合计\n"
                        "201,0.5\n",
                        strlen("\"部门：武汉市, 单位:亿元\"\n"
                               "科目编码,本年收入合计\n201,0.5\n"));
  assert_string_equal(f->d.out.s, "");
  assert_num(t->rows[0].cells[1].num, "5000"); // 0.5 亿元 = 5000 万元
  // `（单位：万元）`: already the declared unit.
  const char *t2 = "收入决算表（单位：万元）\n科目编码,本年收入合计\n201,0.5\n";
  t = load_bytes(f, &inc_decl, t2, strlen(t2));
  assert_num(t->rows[0].cells[1].num, "0.5");
  // The label in one cell and the unit in the next.
  const char *t3 = "金额单位：,,元\n科目编码,本年收入合计\n201,50\n";
  t = load_bytes(f, &inc_decl, t3, strlen(t3));
  assert_num(t->rows[0].cells[1].num, "0.0050");
  // 编制单位：… names the unit of account, not the unit of amounts.
  const char *t4 = "编制单位：武汉市元宝公司\n科目编码,本年收入合计\n201,7\n";
  t = load_bytes(f, &inc_decl, t4, strlen(t4));
  assert_num(t->rows[0].cells[1].num, "7");
  assert_string_equal(f->d.out.s, "");
}

static void test_load_unconvertible_unit(void **state) {
  Fixture *f = *state;
  assert_null(load(f, "支出决算表\n"
                      "部门：武汉市·东西湖区,,金额单位：千元,\n"
                      "科目编码,科目名称,本年支出合计,占比\n"
                      "201,一般公共服务,1,2\n"));
  assert_string_equal(
      f->d.out.s,
      "data/支出决算表.csv:2:34: error: cannot convert 金额单位 `千元` to "
      "the declared `万元`\n"
      "    2 | 部门：武汉市·东西湖区,,金额单位：千元,\n"
      "      |                                  ^~~~\n"
      "      = help: amounts can be read in 元, 万元 or 亿元; restate the "
      "table in one of them\n");
}

static void test_load_unit_ignored_without_money_columns(void **state) {
  Fixture *f = *state;
  const char *text = "单位：人\n类别,人数\n在职,12\n";
  Table *t = load_bytes(f, &staff_decl, text, strlen(text));
  assert_string_equal(f->d.out.s, "");
  assert_num(t->rows[0].cells[1].num, "12");
}

/* ------------------------------------------------------------------------ */
/* Cells and numbers                                                        */
/* ------------------------------------------------------------------------ */

static void test_load_blank_is_missing_and_zero_is_zero(void **state) {
  Fixture *f = *state;
  Table *t = load(f, "科目编码,科目名称,本年支出合计,占比\n"
                     "201,,0,\n"
                     "202,外交, ,0.00 %\n");
  assert_string_equal(f->d.out.s, "");
  assert_non_null(t);
  const Cell *c = t->rows[0].cells;
  assert_null(c[1].text); // blank text cell
  assert_int_equal(c[1].len, 0);
  assert_num(c[2].num, "0"); // 0 is a value...
  assert_int_equal(num_sign(c[2].num), 0);
  assert_null(c[3].text); // ...blank is missing
  assert_null(c[3].num);
  c = t->rows[1].cells;
  assert_null(c[2].num); // only a space
  assert_null(c[2].text);
  assert_num(c[3].num, "0.00"); // "0.00 %": the % and its space dropped
  // A blank cell still knows where it is: just after its comma.
  const char *s = t->src->bytes;
  assert_int_equal(t->rows[0].cells[1].off, strstr(s, ",,0") + 1 - s);
}

static void test_load_bad_number_message(void **state) {
  Fixture *f = *state;
  // Columns of line 2: "201," 4, 一般公共服务 12, · 1, e + U+0301 1, the tab
  // to 24, （支出） 8, "," 1: abc starts at display column 34 (byte 41 of
  // the line).
  assert_null(load(f, "科目编码,科目名称,本年支出合计,占比\n"
                      "201,一般公共服务·e\xCC\x81\t（支出）,abc,5%\n"));
  assert_string_equal(
      f->d.out.s,
      "data/支出决算表.csv:2:34: error: `abc` is not a number (column "
      "`本年支出合计`)\n"
      "    2 | 201,一般公共服务·e\xCC\x81      （支出）,abc,5%\n"
      "      |                                  ^~~\n");
}

static void test_load_misplaced_separator_message(void **state) {
  Fixture *f = *state;
  assert_null(load(f, "科目编码,科目名称,本年支出合计,占比\n"
                      "201,一般公共服务,\"1,2,3\",5\n"));
  assert_string_equal(
      f->d.out.s,
      "data/支出决算表.csv:2:19: error: `1,2,3` is not a number: misplaced "
      "thousands separator (column `本年支出合计`)\n"
      "    2 | 201,一般公共服务,\"1,2,3\",5\n"
      "      |                   ^~~~~\n");
}

static void test_load_exponent_is_refused(void **state) {
  Fixture *f = *state;
  assert_null(load(f, "科目编码,科目名称,本年支出合计,占比\n"
                      "201,一般,1e400,5\n"));
  assert_string_equal(
      f->d.out.s,
      "data/支出决算表.csv:2:10: error: `1e400` is not a number: exponent "
      "notation is not accepted (column `本年支出合计`)\n"
      "    2 | 201,一般,1e400,5\n"
      "      |          ^~~~~\n");
}

static void test_load_forty_digit_number(void **state) {
  Fixture *f = *state;
  const char *big = "1234567890123456789012345678901234567890";
  char text[256];
  snprintf(text, sizeof text,
           "科目编码,科目名称,本年支出合计,占比\n201,一般,%s,5\n", big);
  Table *t = load(f, text);
  assert_string_equal(f->d.out.s, "");
  assert_num(t->rows[0].cells[2].num, big);
}

static void test_load_too_many_digits(void **state) {
  Fixture *f = *state;
  char text[256];
  snprintf(text, sizeof text,
           "科目编码,科目名称,本年支出合计,占比\n201,一般,%s%s%s,5\n",
           "1234567890123456789012345678901234567890",
           "1234567890123456789012345678901234567890",
           "1234567890");
  assert_null(load(f, text));
  assert_non_null(strstr(f->d.out.s, "is not a number: too many digits "
                                     "(column `本年支出合计`)\n"));
  // The 90-digit text (over NUM_MAX_DIGITS) is cut in the message.
  assert_non_null(strstr(f->d.out.s, "`1234567890123456789012345678901234567890"
                                     "…`"));
}

static void test_load_negative_zero_is_zero(void **state) {
  Fixture *f = *state;
  Table *t = load(f, "科目编码,科目名称,本年支出合计,占比\n201,一般,-0,-0.0\n");
  assert_string_equal(f->d.out.s, "");
  assert_int_equal(num_sign(t->rows[0].cells[2].num), 0);
  assert_int_equal(num_sign(t->rows[0].cells[3].num), 0);
}

static void test_load_percent_sign_only_in_percent_columns(void **state) {
  Fixture *f = *state;
  assert_null(load(f, "科目编码,科目名称,本年支出合计,占比\n"
                      "201,一般,5%,52.7％\n"
                      "202,外交,-,3\n"));
  assert_string_equal(
      f->d.out.s,
      "data/支出决算表.csv:2:10: error: `5%` is not a number (column "
      "`本年支出合计`)\n"
      "    2 | 201,一般,5%,52.7％\n"
      "      |          ^~\n"
      "      = help: column `本年支出合计` is declared in 万元, not %\n"
      "data/支出决算表.csv:3:10: error: `-` is not a number (column "
      "`本年支出合计`)\n"
      "    3 | 202,外交,-,3\n"
      "      |          ^\n"
      "      = help: leave the cell blank when there is no amount, or write "
      "0\n");
}

static void test_load_reports_every_bad_cell(void **state) {
  Fixture *f = *state;
  assert_null(load(f, "科目编码,科目名称,本年支出合计,占比\n"
                      "201,一般,x,5\n"
                      "202,外交,1,y\n"
                      "203,国防,z,5\n"));
  assert_int_equal(f->d.n_errors, 3);
}

/* ------------------------------------------------------------------------ */
/* Keys                                                                     */
/* ------------------------------------------------------------------------ */

static void test_load_blank_key(void **state) {
  Fixture *f = *state;
  assert_null(load(f, "科目编码,科目名称,本年支出合计,占比\n"
                      " ,合计,1,2\n"));
  assert_string_equal(
      f->d.out.s,
      "data/支出决算表.csv:2:2: error: key column `科目编码` is blank\n"
      "    2 |  ,合计,1,2\n"
      "      |  ^\n"
      "      = help: every row of table `支出决算表` needs a `科目编码`; "
      "delete the row if it is not part of the table\n");
}

static void test_load_duplicate_key(void **state) {
  Fixture *f = *state;
  assert_null(load(f, "科目编码,科目名称,本年支出合计,占比\n"
                      "合计,,3,100\n"
                      "201,一般,1,2\n"
                      "合计,,3,100\n"));
  assert_string_equal(
      f->d.out.s,
      "data/支出决算表.csv:4:1: error: duplicate key `合计` in column "
      "`科目编码`\n"
      "    4 | 合计,,3,100\n"
      "      | ^~~~\n"
      "data/支出决算表.csv:2:1: note: first row with key `合计` is here\n"
      "    2 | 合计,,3,100\n"
      "      | ^~~~\n");
}

static void test_load_table_find(void **state) {
  Fixture *f = *state;
  Table *t = load(f, "科目编码,科目名称,本年支出合计,占比\n"
                     "合计,,3,100\n"
                     "201,一般,1,2\n"
                     "20101,人大,1,2\n");
  assert_non_null(t);
  assert_ptr_equal(table_find(t, "201", 3), &t->rows[1]);
  assert_ptr_equal(table_find(t, "20101", 5), &t->rows[2]);
  assert_ptr_equal(table_find(t, "合计", strlen("合计")), &t->rows[0]);
  assert_null(table_find(t, "2010", 4));
  assert_null(table_find(t, "", 0));
}

/* ------------------------------------------------------------------------ */
/* Robustness                                                               */
/* ------------------------------------------------------------------------ */

/* Feeds pseudo-random bytes (a fixed xorshift sequence) drawn from an
 * alphabet rich in CSV metacharacters, and some raw bytes, through
 * load_table: any outcome is fine as long as nothing crashes or leaks
 * (the sanitizers watch). */
static void test_load_never_crashes_on_garbage(void **state) {
  Fixture *f = *state;
  static const char *const atoms[] = {
      ",", "\"", "\"\"", "\n", "\r\n", "\r", " ", "\t", "　", "科目编码", "1",
      "1,234", "-", "%", "金额单位：", "万元", "千元", "\xFF", "\xD6\xA7",
      "\xEF\xBB\xBF", "e", "占比", "本年支出合计", "科目名称", "\xE4\xB8"};
  uint32_t x = 2463534242u;
  for (int round = 0; round < 300; round++) {
    Buf b;
    buf_init(&b);
    int n = (int)(x % 60);
    for (int i = 0; i < n; i++) {
      x ^= x << 13;
      x ^= x >> 17;
      x ^= x << 5;
      buf_puts(&b, atoms[x % (sizeof atoms / sizeof *atoms)]);
    }
    Src *src = src_from_string(PATH, b.s, b.len);
    Arena a;
    arena_init(&a);
    Diags d;
    diag_init(&d);
    (void)load_table(&a, src, &exp_decl, &d);
    diag_free(&d);
    arena_free(&a);
    src_free(src);
    buf_free(&b);
    x = x * 1103515245u + 12345u;
  }
  (void)f;
}

/* ------------------------------------------------------------------------ */
/* Submission folders                                                       */
/* ------------------------------------------------------------------------ */

static void test_load_submission_absent_table_is_null(void **state) {
  Fixture *f = *state;
  make_dir(f);
  write_text(f, "支出决算表.csv", "科目编码,科目名称,本年支出合计,占比\n"
                                  "201,一般,1,2\n");
  write_text(f, "unit.csv", "name,code,year\n大数据中心,123,2021\n");
  TableDecl *decls[] = {&exp_decl, &inc_decl};
  Submission s;
  assert_true(load_submission(&s, f->dir, decls, 2, &f->d));
  assert_string_equal(f->d.out.s, "");
  assert_int_equal(s.n_tables, 2);
  assert_non_null(s.tables[0]);
  assert_null(s.tables[1]); // 收入决算表.csv is absent: missing, no error
  assert_int_equal(s.tables[0]->n_rows, 1);
  assert_string_equal(s.unit.name, "大数据中心");
  assert_string_equal(s.unit.code, "123");
  assert_string_equal(s.unit.year, "2021");
  assert_int_equal(s.n_srcs, 2);
  load_free(&s);
}

static void test_load_submission_unit_chinese_headers(void **state) {
  Fixture *f = *state;
  make_dir(f);
  // Any column order, GBK-free UTF-8 with a BOM, CRLF.
  write_text(f, "unit.csv", "\xEF\xBB\xBF年度,单位名称,单位编码\r\n"
                            "2021,武汉市东西湖区大数据中心,107001\r\n");
  Submission s;
  assert_true(load_submission(&s, f->dir, NULL, 0, &f->d));
  assert_string_equal(f->d.out.s, "");
  assert_string_equal(s.unit.name, "武汉市东西湖区大数据中心");
  assert_string_equal(s.unit.code, "107001");
  assert_string_equal(s.unit.year, "2021");
  load_free(&s);
}

static void test_load_submission_without_unit_csv(void **state) {
  Fixture *f = *state;
  make_dir(f);
  Submission s;
  TableDecl *decls[] = {&exp_decl};
  assert_true(load_submission(&s, f->dir, decls, 1, &f->d));
  assert_null(s.tables[0]);
  assert_null(s.unit.name);
  assert_null(s.unit.code);
  assert_null(s.unit.year);
  load_free(&s);
}

static void test_load_submission_malformed_unit_csv(void **state) {
  Fixture *f = *state;
  make_dir(f);
  write_text(f, "unit.csv", "name,year\n大数据中心,2021\n");
  Submission s;
  assert_false(load_submission(&s, f->dir, NULL, 0, &f->d));
  assert_non_null(strstr(f->d.out.s, "/unit.csv:1:1: error: unit.csv has no "
                                     "column `code` (or `单位编码`)\n"));
  load_free(&s);

  diag_free(&f->d);
  diag_init(&f->d);
  write_text(f, "unit.csv", "name,code,year\na,1,2021\nb,2,2021\n");
  assert_false(load_submission(&s, f->dir, NULL, 0, &f->d));
  assert_non_null(strstr(f->d.out.s, "/unit.csv:3:1: error: unit.csv has "
                                     "more than one data row\n"));
  load_free(&s);
}

static void test_load_submission_missing_folder(void **state) {
  Fixture *f = *state;
  Submission s;
  TableDecl *decls[] = {&exp_decl};
  assert_false(load_submission(&s, "no/such/单位", decls, 1, &f->d));
  assert_string_equal(f->d.out.s, "fisc: error: submission folder "
                                  "`no/such/单位` does not exist\n");
  load_free(&s);
}

static void test_load_submission_errors_fail_the_load(void **state) {
  Fixture *f = *state;
  make_dir(f);
  write_text(f, "收入决算表.csv", "科目编码,本年收入合计\n201,x\n");
  write_text(f, "支出决算表.csv", "科目编码,科目名称,本年支出合计,占比\n"
                                  "201,一般,1,2\n");
  TableDecl *decls[] = {&exp_decl, &inc_decl};
  Submission s;
  assert_false(load_submission(&s, f->dir, decls, 2, &f->d));
  assert_non_null(s.tables[0]); // the good table still loaded
  assert_null(s.tables[1]);
  assert_int_equal(f->d.n_errors, 1);
  assert_non_null(strstr(f->d.out.s, "/收入决算表.csv:2:5: error: `x` is not "
                                     "a number (column `本年收入合计`)\n"));
  load_free(&s);
}

/* The checked-in folder tests/unit/data/load/dongxihu-2021: GBK table with
 * title lines in 元, UTF-8 table with a BOM, unit.csv in Chinese. */
static void test_load_submission_fixture_folder(void **state) {
  Fixture *f = *state;
  // __FILE__ is this file's path as the compiler was given it; the fixture
  // folder sits beside it.
  char dir[512];
  snprintf(dir, sizeof dir, "%s", __FILE__);
  char *slash = strrchr(dir, '/');
  snprintf(slash ? slash + 1 : dir,
           sizeof dir - (size_t)(slash ? slash + 1 - dir : 0),
           "data/load/dongxihu-2021");
  TableDecl *decls[] = {&exp_decl, &inc_decl};
  Submission s;
  assert_true(load_submission(&s, dir, decls, 2, &f->d));
  assert_string_equal(f->d.out.s, "");
  Table *exp = s.tables[0];
  Table *inc = s.tables[1];
  assert_non_null(exp);
  assert_non_null(inc);
  assert_int_equal(exp->n_rows, 3);
  const Row *r = table_find(exp, "20101", 5);
  assert_non_null(r);
  assert_text(r, 1, "人大事务");
  assert_num(r->cells[2].num, "634.14");
  assert_int_equal(inc->n_rows, 2);
  r = table_find(inc, "合计", strlen("合计"));
  assert_non_null(r);
  assert_num(r->cells[1].num, "1118.7800"); // 11187800 元
  assert_string_equal(s.unit.name, "武汉市东西湖区大数据中心");
  assert_string_equal(s.unit.year, "2021");
  load_free(&s);
}

/* Writes a submission whose prior/ holds a 支出决算表.csv with a bad figure
 * and a 收入决算表.csv without its 本年收入合计 column; last year's tables
 * go to [prior_dir] ("prior" for DIR/prior). */
static void write_broken_prior(Fixture *f, const char *prior_dir) {
  make_dir(f);
  char path[96];
  snprintf(path, sizeof path, "%s/%s", f->dir, prior_dir);
  assert_int_equal(mkdir(path, 0700), 0);
  write_text(f, "支出决算表.csv", "科目编码,科目名称,本年支出合计,占比\n"
                                  "201,一般,1,2\n");
  snprintf(path, sizeof path, "%s/支出决算表.csv", prior_dir);
  write_text(f, path, "科目编码,科目名称,本年支出合计,占比\n201,一般,x,2\n");
  snprintf(path, sizeof path, "%s/收入决算表.csv", prior_dir);
  write_text(f, path, "科目编码\n201\n");
}

/* Only last year's tables a rule reads are read: a broken one that no rule
 * reads costs nothing and says nothing, while one that is read still
 * reports its faults (an error for a bad figure, a warning for a column
 * last year did not have). */
static void test_load_prior_reads_only_the_tables_rules_read(void **state) {
  Fixture *f = *state;
  write_broken_prior(f, "prior");
  TableDecl *decls[] = {&exp_decl, &inc_decl};
  bool reads[] = {false, true}; // 收入决算表 only
  LoadOptions o = {0};
  o.prior_selected = true;
  o.prior_tables = reads;
  Submission s;
  assert_true(load_submission_with(&s, f->dir, decls, 2, &o, &f->d));
  assert_int_equal(f->d.n_errors, 0);
  assert_int_equal(f->d.n_warnings, 1);
  assert_non_null(strstr(f->d.out.s, "/prior/收入决算表.csv:1:1: warning: "
                                     "last year's table has no column "
                                     "`本年收入合计`; its cells are "
                                     "missing\n"));
  assert_null(strstr(f->d.out.s, "支出决算表"));
  assert_non_null(s.tables[0]); // this year's is read whatever the mask
  assert_non_null(s.prior);
  assert_null(s.prior->tables[0]); // not read
  assert_non_null(s.prior->tables[1]);
  load_free(&s);

  // The other way round: the bad figure in a table that is read is an
  // error, as it always was.
  diag_free(&f->d);
  diag_init(&f->d);
  reads[0] = true;
  reads[1] = false;
  assert_false(load_submission_with(&s, f->dir, decls, 2, &o, &f->d));
  assert_int_equal(f->d.n_errors, 1);
  assert_int_equal(f->d.n_warnings, 0);
  assert_non_null(strstr(f->d.out.s, "/prior/支出决算表.csv:2:10: error: `x` "
                                     "is not a number (column "
                                     "`本年支出合计`)\n"));
  assert_null(s.prior->tables[1]);
  load_free(&s);
}

/* --prior PATH reads the same tables of last year's as DIR/prior would;
 * without a selection (load_submission) every table of last year's is. */
static void test_load_prior_selection_holds_for_prior_path(void **state) {
  Fixture *f = *state;
  write_broken_prior(f, "2020");
  char prior[96];
  snprintf(prior, sizeof prior, "%s/2020", f->dir);
  TableDecl *decls[] = {&exp_decl, &inc_decl};
  bool reads[] = {false, false};
  LoadOptions o = {0};
  o.prior = prior;
  o.prior_selected = true;
  o.prior_tables = reads;
  Submission s;
  assert_true(load_submission_with(&s, f->dir, decls, 2, &o, &f->d));
  assert_string_equal(f->d.out.s, "");
  assert_non_null(s.prior);
  assert_null(s.prior->tables[0]);
  assert_null(s.prior->tables[1]);
  load_free(&s);

  assert_false(load_submission_with_prior(&s, f->dir, prior, decls, 2,
                                          &f->d));
  assert_int_equal(f->d.n_errors, 1);
  assert_int_equal(f->d.n_warnings, 1);
  load_free(&s);
}

/* Last year's 说明.txt is read only when a rule reads prior.说明: a UTF-16
 * one (refused with an error) says nothing when no rule reads it. */
static void test_load_prior_narrative_only_when_read(void **state) {
  Fixture *f = *state;
  make_dir(f);
  char path[96];
  snprintf(path, sizeof path, "%s/prior", f->dir);
  assert_int_equal(mkdir(path, 0700), 0);
  write_file(f, "prior/说明.txt", "\xFF\xFEa\0b\0", 6);
  LoadOptions o = {0};
  o.prior_selected = true;
  Submission s;
  assert_true(load_submission_with(&s, f->dir, NULL, 0, &o, &f->d));
  assert_string_equal(f->d.out.s, "");
  assert_non_null(s.prior);
  assert_null(s.prior->narrative_src);
  load_free(&s);

  o.prior_narrative = true;
  assert_false(load_submission_with(&s, f->dir, NULL, 0, &o, &f->d));
  assert_int_equal(f->d.n_errors, 1);
  assert_non_null(strstr(f->d.out.s, "/prior/说明.txt"));
  load_free(&s);
}

int main(int argc, char **argv) {
  const struct CMUnitTest tests[] = {
#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)
      T(test_load_utf8_plain),
      T(test_load_bom_is_stripped),
      T(test_load_gbk_is_converted),
      T(test_load_gbk_error_points_into_converted_text),
      T(test_load_utf16_bom_is_refused),
      T(test_load_utf16_without_bom_is_refused),
      T(test_load_nul_byte_is_refused),
      T(test_load_invalid_utf8_that_is_not_gbk),
      T(test_load_bom_then_invalid_utf8_is_not_read_as_gbk),
      T(test_load_excel_workbook_is_refused),
      T(test_load_quoted_fields),
      T(test_load_unterminated_quote),
      T(test_load_text_after_closing_quote),
      T(test_load_ragged_row),
      T(test_load_blank_lines_are_skipped),
      T(test_load_plain_fields_trim_blanks),
      T(test_load_bare_cr_is_refused),
      T(test_load_too_many_fields),
      T(test_load_columns_in_any_order),
      T(test_load_missing_column),
      T(test_load_missing_column_near_miss),
      T(test_load_extra_column_warns),
      T(test_load_repeated_header_column),
      T(test_load_no_header_row),
      T(test_load_empty_file),
      T(test_load_header_only_is_an_empty_table),
      T(test_load_title_yuan_converts_to_wan),
      T(test_load_title_unit_forms),
      T(test_load_unconvertible_unit),
      T(test_load_unit_ignored_without_money_columns),
      T(test_load_blank_is_missing_and_zero_is_zero),
      T(test_load_bad_number_message),
      T(test_load_misplaced_separator_message),
      T(test_load_exponent_is_refused),
      T(test_load_forty_digit_number),
      T(test_load_too_many_digits),
      T(test_load_negative_zero_is_zero),
      T(test_load_percent_sign_only_in_percent_columns),
      T(test_load_reports_every_bad_cell),
      T(test_load_blank_key),
      T(test_load_duplicate_key),
      T(test_load_table_find),
      T(test_load_never_crashes_on_garbage),
      T(test_load_submission_absent_table_is_null),
      T(test_load_submission_unit_chinese_headers),
      T(test_load_submission_without_unit_csv),
      T(test_load_submission_malformed_unit_csv),
      T(test_load_submission_missing_folder),
      T(test_load_submission_errors_fail_the_load),
      T(test_load_submission_fixture_folder),
      T(test_load_prior_reads_only_the_tables_rules_read),
      T(test_load_prior_selection_holds_for_prior_path),
      T(test_load_prior_narrative_only_when_read),
#undef T
  };
  if (argc > 1)
    cmocka_set_test_filter(argv[1]);
  return cmocka_run_group_tests(tests, NULL, NULL);
}
