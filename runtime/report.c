/* runtime/report.c -- text and JSON rendering of results (prefix report_).
 *
 * The text report reads like a compiler's: one finding per failed assert,
 * `path:line:col: severity ID title`, the assert's source line, the value of
 * every sub-expression under it (power-assert style, aligned by display
 * width), the intervals behind a failed `≈`, the loop row and its data file
 * line, and the rule's own message. */
#include "runtime/report.h"

#include <stdlib.h>
#include <string.h>

#include "lang/diag.h"
#include "lang/uwidth.h"

// Values wider than this are cut with … in the diagram.
#define REPORT_MAX_VALUE_COLS 60
// Missing paths listed per skipped rule; the rest are counted.
#define REPORT_MAX_MISSING_SHOWN 3

static const char *sev_name(Severity s) {
  return s == SEV_ERROR ? "error" : s == SEV_WARNING ? "warning" : "info";
}

static const char *sev_color(Severity s) {
  return s == SEV_ERROR ? "\033[1;31m" : s == SEV_WARNING ? "\033[1;35m"
                                                          : "\033[1;36m";
}

static void header(Buf *out, const Finding *f, Src *src, uint32_t off,
                   bool color) {
  diag_where(out, src, off);
  Severity sev = f->sev;
  if (color)
    buf_printf(out, ": %s%s\033[0m \033[1m%s\033[0m %s\n", sev_color(sev),
               sev_name(sev), f->rule->id, f->rule->title);
  else
    buf_printf(out, ": %s %s %s\n", sev_name(sev), f->rule->id,
               f->rule->title);
}

/* ------------------------------------------------------- power-assert ---- */

typedef struct Anchor {
  uint32_t col;      // 0-based display column within the line
  const char *text;  // rendered value
  uint32_t width;    // display width of text
} Anchor;

/* The column a node's value hangs from: names at their start, members at the
 * field, operators at the operator, calls at the function name. */
static bool anchor_off(const Ast *e, uint32_t *off) {
  switch (e->kind) {
  case AST_NUMBER:
  case AST_STRING:
  case AST_BOOL:
  case AST_PAREN:
  case AST_GEN:
    return false;
  case AST_NAME:
    *off = e->span.off;
    return true;
  default:
    *off = e->op.off;
    return true;
  }
}

static bool worth_showing(Value v) {
  return v.kind == VAL_NUM || v.kind == VAL_BOOL || v.kind == VAL_STR ||
         v.kind == VAL_MISSING;
}

static const char *value_text(Arena *a, Value v, uint32_t *width) {
  Buf b;
  buf_init(&b);
  val_format(&b, v);
  uint32_t w = uwidth_advance(b.s, b.len, 0);
  if (w > REPORT_MAX_VALUE_COLS) { // cut by characters, add …
    size_t i = 0;
    uint32_t col = 0;
    while (i < b.len) {
      int32_t cp;
      size_t k = uwidth_decode(b.s + i, b.len - i, &cp);
      uint32_t next = uwidth_advance(b.s + i, k, col);
      if (next > REPORT_MAX_VALUE_COLS - 1)
        break;
      col = next;
      i += k;
    }
    b.len = i;
    buf_puts(&b, "…");
    w = col + 1;
  }
  *width = w;
  const char *s = arena_strndup(a, b.s, b.len);
  buf_free(&b);
  return s;
}

static int cmp_anchor(const void *x, const void *y) {
  const Anchor *a = x, *b = y;
  return (a->col > b->col) - (a->col < b->col);
}

/* Finds the traced value of [node], if any. */
static const TraceItem *traced(const Finding *f, const Ast *node) {
  for (int i = f->n_trace - 1; i >= 0; i--)
    if (f->trace[i].node == node)
      return &f->trace[i];
  return NULL;
}

/* Writes a gutter row of bars for the anchors in [a] not yet placed, and the
 * values placed in this row; see power_assert's layout. */
static void diagram(Buf *out, Arena *ar, const Finding *f, Src *src,
                    uint32_t line) {
  uint32_t loff, llen;
  src_line(src, line, &loff, &llen);
  Anchor *an = arena_alloc(ar, (size_t)(f->n_trace + 1) * sizeof *an);
  int n = 0;
  for (int i = 0; i < f->n_trace; i++) {
    const TraceItem *t = &f->trace[i];
    uint32_t off;
    if (!worth_showing(t->value) || !anchor_off(t->node, &off))
      continue;
    if (off < loff || off >= loff + llen)
      continue;
    uint32_t col = uwidth_advance(src->bytes + loff, off - loff, 0);
    bool dup = false;
    for (int k = 0; k < n; k++)
      if (an[k].col == col) { // the outer node (traced later) wins
        an[k].text = value_text(ar, t->value, &an[k].width);
        dup = true;
      }
    if (dup)
      continue;
    an[n].col = col;
    an[n].text = value_text(ar, t->value, &an[n].width);
    n++;
  }
  qsort(an, (size_t)n, sizeof *an, cmp_anchor);
  buf_printf(out, "%5u | ", line);
  uwidth_render(out, src->bytes + loff, llen, 0);
  buf_putc(out, '\n');
  if (n == 0)
    return;
  bool *placed = arena_zalloc(ar, (size_t)n * sizeof *placed);
  // First row: a bar under every anchor.
  Buf row;
  buf_init(&row);
  uint32_t col = 0;
  for (int k = 0; k < n; k++) {
    buf_repeat(&row, ' ', an[k].col - col);
    buf_puts(&row, "|");
    col = an[k].col + 1;
  }
  buf_printf(out, "      | %s\n", row.s);
  int left = n;
  while (left > 0) {
    // Place values right to left wherever they fit before the next column
    // that is still in use (a bar or a value placed in this row).
    bool *now = arena_zalloc(ar, (size_t)n * sizeof *now);
    uint32_t limit = UINT32_MAX;
    for (int k = n - 1; k >= 0; k--) {
      if (placed[k])
        continue;
      if (limit == UINT32_MAX || an[k].col + an[k].width < limit) {
        now[k] = true;
      }
      limit = an[k].col;
    }
    buf_clear(&row);
    col = 0;
    for (int k = 0; k < n; k++) {
      if (placed[k])
        continue;
      buf_repeat(&row, ' ', an[k].col - col);
      if (now[k]) {
        buf_puts(&row, an[k].text);
        col = an[k].col + an[k].width;
        placed[k] = true;
        left--;
      } else {
        buf_puts(&row, "|");
        col = an[k].col + 1;
      }
    }
    buf_printf(out, "      | %s\n", row.s);
  }
  buf_free(&row);
}

/* For a multi-line assert: `name = value` lines instead of a diagram. */
static void where_lines(Buf *out, Arena *ar, const Finding *f) {
  for (int i = 0; i < f->n_trace; i++) {
    const TraceItem *t = &f->trace[i];
    const Ast *e = t->node;
    if (!worth_showing(t->value) ||
        !(e->kind == AST_NAME || e->kind == AST_MEMBER ||
          e->kind == AST_CALL || e->kind == AST_INDEX))
      continue;
    uint32_t w;
    buf_printf(out, "      = where %.*s = %s\n", (int)e->span.len,
               e->src->bytes + e->span.off, value_text(ar, t->value, &w));
  }
}

/* Under a failed ≈: the intervals the two sides stand for. */
static void approx_notes(Buf *out, const Finding *f) {
  for (int i = 0; i < f->n_trace; i++) {
    const TraceItem *t = &f->trace[i];
    if (t->node->kind != AST_APPROX || t->node->c ||
        t->value.kind != VAL_BOOL || t->value.b)
      continue;
    const TraceItem *l = traced(f, t->node->a), *r = traced(f, t->node->b);
    if (!l || !r || l->value.kind != VAL_NUM || r->value.kind != VAL_NUM)
      continue;
    const Ast *la = t->node->a, *ra = t->node->b;
    buf_printf(out, "      = `%.*s` stands for ", (int)la->span.len,
               la->src->bytes + la->span.off);
    num_format_interval(out, l->value.num);
    buf_printf(out, ", `%.*s` for ", (int)ra->span.len,
               ra->src->bytes + ra->span.off);
    num_format_interval(out, r->value.num);
    buf_puts(out, ": they do not meet, so no rounding explains the gap\n");
  }
}

static void message_lines(Buf *out, const char *msg) {
  if (!msg)
    return;
  const char *s = msg;
  while (*s) {
    const char *nl = strchr(s, '\n');
    size_t n = nl ? (size_t)(nl - s) : strlen(s);
    buf_printf(out, "  %.*s\n", (int)n, s);
    s += n + (nl ? 1 : 0);
  }
}

/* A claim whose pattern is not in the narrative: the claim line, the
 * message naming the pattern. */
static void render_not_found(Buf *out, const Finding *f, bool color) {
  header(out, f, f->at->src, f->at->op.off, color);
  diag_excerpt(out, f->at->src, f->at->c ? f->at->c->span : f->at->op, '^');
  message_lines(out, f->message);
}

static void render_fail(Buf *out, Arena *ar, const Finding *f, bool color) {
  if (f->not_found) {
    render_not_found(out, f, color);
    return;
  }
  const Ast *cond = f->at->a;
  Src *src = f->at->src;
  if (f->narr_src) {
    // About a sentence of the narrative: point there first, then at the
    // rule that checked it.
    header(out, f, f->narr_src, f->narr_span.off, color);
    diag_excerpt(out, f->narr_src, f->narr_span, '^');
    buf_puts(out, "  --> ");
    diag_where(out, src, cond->span.off);
    buf_putc(out, '\n');
  } else {
    header(out, f, src, cond->span.off, color);
  }
  uint32_t l1, c1, l2, c2;
  src_linecol(src, cond->span.off, &l1, &c1);
  src_linecol(src, cond->span.off + (cond->span.len ? cond->span.len - 1 : 0),
              &l2, &c2);
  if (f->n_trace > 0) {
    if (l1 == l2) {
      diagram(out, ar, f, src, l1);
    } else {
      diag_excerpt(out, src, cond->span, '^');
      where_lines(out, ar, f);
    }
    approx_notes(out, f);
  }
  if (f->context)
    buf_printf(out, "      = row %s at %s\n", f->context, f->data_at);
  if (f->hint)
    buf_printf(out, "      = hint: %s\n", f->hint);
  message_lines(out, f->message);
}

static void render_error(Buf *out, const Finding *f, bool color) {
  header(out, f, f->err_src, f->err_span.off, color);
  diag_excerpt(out, f->err_src, f->err_span, '^');
  if (f->context)
    buf_printf(out, "      = row %s at %s\n", f->context, f->data_at);
  buf_printf(out, "  evaluation error: %s\n", f->error);
}

static const char *unit_title(const Report *r, Arena *a) {
  const UnitInfo *u = &r->sub->unit;
  if (!u->name)
    return arena_strdup(a, "");
  return arena_sprintf(a, " — %s%s%s", u->name, u->year ? " " : "",
                       u->year ? u->year : "");
}

void report_text(Buf *out, const Report *r, bool color) {
  Arena scratch;
  arena_init(&scratch);
  if (color)
    buf_printf(out, "\033[1m%s%s\033[0m\n\n", r->sub->dir,
               unit_title(r, &scratch));
  else
    buf_printf(out, "%s%s\n\n", r->sub->dir, unit_title(r, &scratch));
  for (int i = 0; i < r->n_findings; i++) {
    const Finding *f = &r->findings[i];
    if (f->kind == OUT_FAIL)
      render_fail(out, &scratch, f, color);
    else if (f->kind == OUT_ERROR)
      render_error(out, f, color);
    else
      continue;
    buf_putc(out, '\n');
  }
  // Rules whose findings were cut, then the skipped ones, compactly.
  for (int i = 0; i < r->prog->n_rules; i++) {
    const RuleResult *res = &r->results[i];
    int listed = 0;
    for (int k = 0; k < r->n_findings; k++)
      listed += r->findings[k].rule == res->rule &&
                r->findings[k].kind != OUT_SKIP;
    int total = res->n_failed + res->n_errors;
    if (total > listed)
      buf_printf(out, "%s: %d more findings not shown\n\n", res->rule->id,
                 total - listed);
  }
  // Skipped rules: one entry per rule, with the first few missing paths.
  bool any_skip = false;
  for (int i = 0; i < r->prog->n_rules; i++) {
    const Rule *rule = r->results[i].rule;
    int n = 0;
    for (int k = 0; k < r->n_findings; k++) {
      const Finding *f = &r->findings[k];
      if (f->kind != OUT_SKIP || f->rule != rule)
        continue;
      if (!any_skip)
        buf_puts(out, "skipped (data missing, not checked):\n");
      any_skip = true;
      if (n == 0)
        buf_printf(out, "  %s %s\n", rule->id, rule->title);
      if (n < REPORT_MAX_MISSING_SHOWN)
        buf_printf(out, "      missing %s\n", f->missing);
      n++;
    }
    if (n > REPORT_MAX_MISSING_SHOWN)
      buf_printf(out, "      … and %d more\n", n - REPORT_MAX_MISSING_SHOWN);
  }
  if (any_skip)
    buf_putc(out, '\n');
  int pass = 0, fail = 0, skip = 0, err = 0, na = 0;
  for (int i = 0; i < r->prog->n_rules; i++) {
    Outcome o = r->results[i].outcome;
    pass += o == OUT_PASS;
    fail += o == OUT_FAIL;
    skip += o == OUT_SKIP;
    err += o == OUT_ERROR;
    na += o == OUT_NA;
  }
  int n = r->prog->n_rules - na;
  buf_printf(out, "%d rule%s: %d passed, %d failed, %d skipped, %d "
                  "evaluation error%s",
             n, n == 1 ? "" : "s", pass, fail, skip, err,
             err == 1 ? "" : "s");
  if (na)
    buf_printf(out, " (%d not for fiscal year %s)", na, r->sub->unit.year);
  buf_putc(out, '\n');
  arena_free(&scratch);
}

bool report_has_errors(const Report *r) {
  // By finding: a claim not found is a warning even in an error rule.
  for (int i = 0; i < r->n_findings; i++) {
    const Finding *f = &r->findings[i];
    if (f->sev == SEV_ERROR && (f->kind == OUT_FAIL || f->kind == OUT_ERROR))
      return true;
  }
  return false;
}

void report_tally(ReportTotals *t, const Report *r) {
  t->units++;
  t->units_failed += report_has_errors(r);
  for (int i = 0; i < r->prog->n_rules; i++) {
    Outcome o = r->results[i].outcome;
    t->rules_passed += o == OUT_PASS;
    t->rules_failed += o == OUT_FAIL;
    t->rules_skipped += o == OUT_SKIP;
    t->rules_errors += o == OUT_ERROR;
  }
}

void report_text_summary(Buf *out, const ReportTotals *t) {
  int n = t->units + t->units_unreadable;
  buf_printf(out, "summary: %d submission%s, %d with errors, %d unreadable\n",
             n, n == 1 ? "" : "s", t->units_failed, t->units_unreadable);
}

/* ------------------------------------------------------------------ JSON -- */

void report_json_string(Buf *out, const char *s, size_t n) {
  buf_putc(out, '"');
  size_t run = 0; // start of the bytes not yet written, none escaped
  for (size_t i = 0; i < n; i++) {
    unsigned char c = (unsigned char)s[i];
    if (c >= 0x20 && c != '"' && c != '\\' && c != 0x7f)
      continue;
    buf_add(out, s + run, i - run);
    run = i + 1;
    if (c == '"' || c == '\\')
      buf_printf(out, "\\%c", c);
    else if (c == '\n')
      buf_puts(out, "\\n");
    else if (c == '\t')
      buf_puts(out, "\\t");
    else
      buf_printf(out, "\\u%04x", c);
  }
  buf_add(out, s + run, n - run);
  buf_putc(out, '"');
}

static void jstr(Buf *out, const char *s) {
  if (!s)
    buf_puts(out, "null");
  else
    report_json_string(out, s, strlen(s));
}

static void jloc(Buf *out, Src *src, uint32_t off) {
  uint32_t line, col;
  src_linecol(src, off, &line, &col);
  buf_puts(out, "{\"file\":");
  jstr(out, src->path);
  buf_puts(out, ",\"line\":");
  buf_putl(out, (long)line);
  buf_puts(out, ",\"column\":");
  buf_putl(out, (long)col);
  buf_putc(out, '}');
}

static const char *outcome_name(Outcome o) {
  static const char *const names[] = {"pass", "fail", "skip", "error", "n/a"};
  return names[o];
}

static void json_finding(Buf *out, const Finding *f) {
  buf_printf(out, "{\"kind\":\"%s\",\"severity\":\"%s\",\"location\":",
             outcome_name(f->kind), sev_name(f->sev));
  if (f->kind == OUT_ERROR)
    jloc(out, f->err_src, f->err_span.off);
  else
    jloc(out, f->at->src, f->at->a ? f->at->a->span.off : f->at->span.off);
  buf_puts(out, ",\"narrative\":");
  if (f->narr_src)
    jloc(out, f->narr_src, f->narr_span.off);
  else
    buf_puts(out, "null");
  buf_puts(out, ",\"hint\":");
  jstr(out, f->hint);
  buf_puts(out, ",\"message\":");
  jstr(out, f->kind == OUT_ERROR ? f->error : f->message);
  buf_puts(out, ",\"missing\":");
  jstr(out, f->missing);
  buf_puts(out, ",\"row\":");
  jstr(out, f->context);
  buf_puts(out, ",\"data\":");
  jstr(out, f->data_at);
  buf_puts(out, ",\"values\":[");
  int shown = 0;
  for (int i = 0; i < f->n_trace; i++) {
    const TraceItem *t = &f->trace[i];
    if (!worth_showing(t->value) || t->node->kind == AST_NUMBER ||
        t->node->kind == AST_STRING || t->node->kind == AST_PAREN)
      continue;
    if (shown++)
      buf_putc(out, ',');
    buf_puts(out, "{\"expr\":");
    report_json_string(out, t->node->src->bytes + t->node->span.off,
                       t->node->span.len);
    Buf v;
    buf_init(&v);
    val_format(&v, t->value);
    buf_puts(out, ",\"value\":");
    report_json_string(out, v.s, v.len);
    if (t->value.kind == VAL_NUM) {
      buf_clear(&v);
      num_format_interval(&v, t->value.num);
      buf_puts(out, ",\"interval\":");
      report_json_string(out, v.s, v.len);
    }
    buf_free(&v);
    buf_putc(out, '}');
  }
  buf_puts(out, "]}");
}

/* Per rule: `{"id":…,"title":…,"ref":…,"severity":"…"` and the location
 * object, each NUL-terminated in one malloc'ed block. */
struct ReportJsonRules {
  int n;
  char **head;
  char **loc;
};

ReportJsonRules *report_json_rules(const Program *p) {
  ReportJsonRules *j = calloc(1, sizeof *j);
  if (!j)
    abort();
  j->n = p->n_rules;
  j->head = calloc((size_t)p->n_rules + 1, sizeof *j->head);
  j->loc = calloc((size_t)p->n_rules + 1, sizeof *j->loc);
  if (!j->head || !j->loc)
    abort();
  Buf b;
  buf_init(&b);
  for (int i = 0; i < p->n_rules; i++) {
    const Rule *rule = &p->rules[i];
    buf_clear(&b);
    buf_puts(&b, "{\"id\":");
    jstr(&b, rule->id);
    buf_puts(&b, ",\"title\":");
    jstr(&b, rule->title);
    buf_puts(&b, ",\"ref\":");
    jstr(&b, rule->ref);
    buf_puts(&b, ",\"severity\":\"");
    buf_puts(&b, sev_name(rule->sev));
    buf_putc(&b, '"');
    j->head[i] = buf_take(&b);
    jloc(&b, rule->ast->src, rule->ast->op.off);
    j->loc[i] = buf_take(&b);
  }
  buf_free(&b);
  return j;
}

void report_json_rules_free(ReportJsonRules *j) {
  if (!j)
    return;
  for (int i = 0; i < j->n; i++) {
    free(j->head[i]);
    free(j->loc[i]);
  }
  free(j->head);
  free(j->loc);
  free(j);
}

void report_json(Buf *out, const Report *r, const ReportJsonRules *pre) {
  buf_puts(out, "{\"type\":\"unit\",\"submission\":");
  jstr(out, r->sub->dir);
  buf_puts(out, ",\"unit\":{\"name\":");
  jstr(out, r->sub->unit.name);
  buf_puts(out, ",\"code\":");
  jstr(out, r->sub->unit.code);
  buf_puts(out, ",\"year\":");
  jstr(out, r->sub->unit.year);
  buf_printf(out, "},\"errors\":%s,\"rules\":[",
             report_has_errors(r) ? "true" : "false");
  for (int i = 0; i < r->prog->n_rules; i++) {
    const RuleResult *res = &r->results[i];
    if (i)
      buf_putc(out, ',');
    buf_puts(out, pre->head[i]);
    buf_puts(out, ",\"outcome\":\"");
    buf_puts(out, outcome_name(res->outcome));
    buf_puts(out, "\",\"checked\":");
    buf_putl(out, res->n_checked);
    buf_puts(out, ",\"failed\":");
    buf_putl(out, res->n_failed);
    buf_puts(out, ",\"skipped\":");
    buf_putl(out, res->n_skipped);
    buf_puts(out, ",\"errors\":");
    buf_putl(out, res->n_errors);
    buf_puts(out, ",\"location\":");
    buf_puts(out, pre->loc[i]);
    buf_puts(out, ",\"findings\":[");
    int k = 0;
    for (int j = 0; j < r->n_findings; j++)
      if (r->findings[j].rule == res->rule) {
        if (k++)
          buf_putc(out, ',');
        json_finding(out, &r->findings[j]);
      }
    buf_puts(out, "]}");
  }
  buf_puts(out, "]}\n");
}

void report_json_unreadable(Buf *out, const char *dir) {
  buf_puts(out, "{\"type\":\"unit\",\"submission\":");
  jstr(out, dir);
  buf_puts(out, ",\"unreadable\":true}\n");
}

void report_json_summary(Buf *out, const ReportTotals *t, const char *top) {
  buf_printf(out, "{\"type\":\"summary\",\"units\":%d,\"units_with_errors\":"
                  "%d,\"units_unreadable\":%d,\"rules_passed\":%d,"
                  "\"rules_failed\":%d,\"rules_skipped\":%d,"
                  "\"rules_errors\":%d,\"top_failing\":%s}\n",
             t->units, t->units_failed, t->units_unreadable, t->rules_passed,
             t->rules_failed, t->rules_skipped, t->rules_errors, top);
}
