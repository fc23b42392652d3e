/* runtime/testrun.c -- running a suite's `test` blocks (prefix testrun_).
 *
 * Each test starts from its fixture folder (or from nothing), applies its
 * `with` changes to the loaded submission in memory -- the fixture on disk
 * is never written -- runs every rule, and compares the outcomes of the rules
 * it names with what it expects.  A test passes when all its expectations
 * hold. */
#define _GNU_SOURCE // memmem
#include "runtime/testrun.h"

#include <stdlib.h>
#include <string.h>

#include "runtime/interp.h"
#include "runtime/load.h"
#include "runtime/narrative.h"
#include "runtime/report.h"

// Values listed under a failed assert in the test log.
#define TESTRUN_MAX_VALUES 8

typedef struct Coverage {
  bool *fired;   // some passing test expects the rule to fail
  bool *passed;  // some passing test expects the rule to pass
} Coverage;

/* The text a constant (a literal, maybe negated) stands for, or NULL. */
static const char *const_text(Arena *a, const Ast *e, Unit *unit) {
  *unit = UNIT_NONE;
  while (e->kind == AST_PAREN)
    e = e->a;
  if (e->kind == AST_STRING)
    return e->str;
  if (e->kind == AST_NUMBER) {
    *unit = e->unit;
    return e->str;
  }
  if (e->kind == AST_NEG && e->a->kind == AST_NUMBER) {
    *unit = e->a->unit;
    return arena_sprintf(a, "-%s", e->a->str);
  }
  return NULL;
}

/* The submission a target speaks of: this year's, or `prior.` last year's
 * (created empty when the fixture has none). */
static Submission *target_sub(Submission *s, const Ast *table_node) {
  if (table_node->kind != AST_MEMBER || !table_node->prior)
    return s;
  if (!s->prior) {
    s->prior = calloc(1, sizeof *s->prior);
    if (!s->prior)
      abort();
    arena_init(&s->prior->arena);
    s->prior->is_prior = true;
    s->prior->dir = "prior";
    s->prior->n_tables = s->n_tables;
    s->prior->tables = arena_zalloc(&s->prior->arena,
                                    (size_t)(s->n_tables + 1) *
                                        sizeof *s->prior->tables);
  }
  return s->prior;
}

/* The table a target names, created empty when the fixture lacks it. */
static Table *target_table(Submission *s, const TableDecl *d) {
  Table *t = s->tables[d->index];
  if (t)
    return t;
  t = arena_zalloc(&s->arena, sizeof *t);
  t->decl = d;
  t->src = src_from_string(arena_sprintf(&s->arena, "%s.csv (test)", d->name),
                           "", 0);
  // The submission frees its sources: keep this one with them.
  if (s->n_srcs == s->cap_srcs) {
    s->cap_srcs = s->cap_srcs ? s->cap_srcs * 2 : 8;
    s->srcs = realloc(s->srcs, (size_t)s->cap_srcs * sizeof *s->srcs);
    if (!s->srcs)
      abort();
  }
  s->srcs[s->n_srcs++] = t->src;
  s->tables[d->index] = t;
  return t;
}

/* The row of [t] with [key], appended (every cell blank) when absent. */
static Row *target_row(Submission *s, Table *t, const char *key) {
  const Row *r = table_find(t, key, (uint32_t)strlen(key));
  if (r)
    return (Row *)r;
  Row *rows = arena_alloc(&s->arena, (t->n_rows + 1) * sizeof *rows);
  if (t->n_rows)
    memcpy(rows, t->rows, t->n_rows * sizeof *rows);
  Row *nr = &rows[t->n_rows];
  nr->cells = arena_zalloc(&s->arena, (size_t)t->decl->n_cols *
                                          sizeof *nr->cells);
  nr->line = 0;
  Cell *k = &nr->cells[t->decl->key_col];
  k->text = arena_strdup(&s->arena, key);
  k->len = (uint32_t)strlen(key);
  t->rows = rows;
  t->n_rows++;
  table_index(t, &s->arena);
  return nr;
}

/* Replaces the narrative with [text] (a new source kept by [s]). */
static void set_narrative(Submission *s, const char *text, size_t len) {
  Src *src = src_from_string("说明.txt (test)", text, len);
  if (s->n_srcs == s->cap_srcs) {
    s->cap_srcs = s->cap_srcs ? s->cap_srcs * 2 : 8;
    s->srcs = realloc(s->srcs, (size_t)s->cap_srcs * sizeof *s->srcs);
    if (!s->srcs)
      abort();
  }
  s->srcs[s->n_srcs++] = src;
  s->narrative_src = src;
  s->narrative = arena_zalloc(&s->arena, sizeof *s->narrative);
  narrative_build(s->narrative, src, &s->arena);
}

/* Applies one `with` statement.  Returns NULL, or why it cannot apply. */
static const char *apply_with(Submission *s, const Ast *w, Arena *a) {
  const Ast *target = w->a;
  Unit unit;
  // 说明 (this year's or last year's).
  if ((target->kind == AST_NAME && target->ref == REF_DOC) ||
      (target->kind == AST_MEMBER && target->prior && target->ref == REF_DOC)) {
    Submission *ts = target_sub(s, target);
    load_narrative(ts); // last year's is built on first use
    if (w->kind == AST_WITH_DROP) {
      ts->narrative = NULL;
      ts->narrative_src = NULL;
      return NULL;
    }
    if (w->kind == AST_WITH_SET) {
      const char *text = const_text(a, w->b, &unit);
      if (!text)
        return "the new 说明 must be a string";
      set_narrative(ts, text, strlen(text));
      return NULL;
    }
    // replace "old" by "new": every occurrence, in the original text.
    if (!ts->narrative)
      return "there is no 说明 to edit";
    const Src *src = ts->narrative->src;
    const char *old = w->str, *rep = w->b->str;
    size_t olen = w->str_len, rlen = w->b->str_len;
    if (olen == 0 || !memmem(src->bytes, src->len, old, olen))
      return arena_sprintf(a, "`%s` is not in 说明", old);
    Buf b;
    buf_init(&b);
    const char *p = src->bytes, *end = src->bytes + src->len;
    for (;;) {
      const char *hit = memmem(p, (size_t)(end - p), old, olen);
      if (!hit)
        break;
      buf_add(&b, p, (size_t)(hit - p));
      buf_add(&b, rep, rlen);
      p = hit + olen;
    }
    buf_add(&b, p, (size_t)(end - p));
    set_narrative(ts, b.s, b.len);
    buf_free(&b);
    return NULL;
  }
  // A whole table: drop only.
  if (target->ref == REF_TABLE &&
      (target->kind == AST_NAME || target->kind == AST_MEMBER) &&
      target->type.kind == TY_TABLE) {
    if (w->kind != AST_WITH_DROP)
      return "a whole table can only be dropped";
    target_sub(s, target)->tables[target->index] = NULL;
    return NULL;
  }
  // prior itself: drop only.
  if (target->kind == AST_NAME && target->ref == REF_PRIOR) {
    if (w->kind != AST_WITH_DROP)
      return "`prior` can only be dropped";
    if (s->prior) {
      load_free(s->prior);
      free(s->prior);
      s->prior = NULL;
    }
    return NULL;
  }
  // T["key"] (drop) or T["key"].col (set).
  const Ast *index = target->kind == AST_MEMBER ? target->a : target;
  if (index->kind != AST_INDEX || index->a->type.kind != TY_TABLE)
    return "`with` changes T[\"key\"].列, T[\"key\"], a table or 说明";
  const TableDecl *d = index->a->type.table;
  Submission *ts = target_sub(s, index->a);
  const char *key = const_text(a, index->b, &unit);
  if (!key)
    return "the key must be a string or a code";
  if (target->kind == AST_INDEX) {
    if (w->kind != AST_WITH_DROP)
      return "a whole row can only be dropped; set its cells instead";
    Table *t = ts->tables[d->index];
    const Row *r = t ? table_find(t, key, (uint32_t)strlen(key)) : NULL;
    if (!r)
      return arena_sprintf(a, "%s has no row `%s` to drop", d->name, key);
    uint32_t at = (uint32_t)(r - t->rows);
    memmove(&t->rows[at], &t->rows[at + 1],
            (t->n_rows - at - 1) * sizeof *t->rows);
    t->n_rows--;
    table_index(t, &s->arena);
    return NULL;
  }
  if (w->kind != AST_WITH_SET || target->index < 0)
    return "a cell can only be set: `with T[\"key\"].列 = value`";
  Table *t = target_table(ts, d);
  Row *row = target_row(ts, t, key);
  const ColDecl *col = &d->cols[target->index];
  Cell *cell = &row->cells[target->index];
  const char *text = const_text(a, w->b, &unit);
  if (!text)
    return "the value must be a literal (a number, or a string)";
  if (*text == '\0') { // "" makes the cell blank
    cell->text = NULL;
    cell->num = NULL;
    return NULL;
  }
  cell->text = arena_strdup(&ts->arena, text);
  cell->len = (uint32_t)strlen(text);
  cell->num = NULL;
  if (col->kind == COL_NUMBER) {
    NumParseError e;
    Num *n = num_parse(&ts->arena, text, cell->len, &e);
    if (!n)
      return arena_sprintf(a, "`%s` is not a number for column `%s`", text,
                           col->name);
    if (unit_is_money(unit) && unit_is_money(col->unit))
      n = num_scale10(&ts->arena, n, unit_pow10(unit) - unit_pow10(col->unit));
    cell->num = n;
  }
  return NULL;
}

/* A failed assert for the test log: where, the rule's message, and the
 * values of the names and cells it read (expected vs actual, in effect). */
static void explain_fail(Buf *why, const Finding *f) {
  uint32_t line, col;
  const Ast *cond = f->at->a ? f->at->a : f->at;
  src_linecol(cond->src, cond->span.off, &line, &col);
  buf_printf(why, "    failed at %s:%u: %.*s\n", cond->src->path, line,
             (int)cond->span.len, cond->src->bytes + cond->span.off);
  if (f->message)
    buf_printf(why, "    %s\n", f->message);
  int shown = 0;
  for (int i = 0; i < f->n_trace && shown < TESTRUN_MAX_VALUES; i++) {
    const TraceItem *t = &f->trace[i];
    const Ast *e = t->node;
    if ((e->kind != AST_NAME && e->kind != AST_MEMBER &&
         e->kind != AST_CALL) ||
        (t->value.kind != VAL_NUM && t->value.kind != VAL_STR &&
         t->value.kind != VAL_MISSING))
      continue;
    Buf v;
    buf_init(&v);
    val_format(&v, t->value);
    buf_printf(why, "      %.*s = %s\n", (int)e->span.len,
               e->src->bytes + e->span.off, v.s);
    buf_free(&v);
    shown++;
  }
}

static const char *expect_name(int k) {
  return k == EXPECT_FAIL ? "fail" : k == EXPECT_PASS ? "pass" : "skip";
}

static bool expect_holds(int k, Outcome o) {
  return (k == EXPECT_FAIL && o == OUT_FAIL) ||
         (k == EXPECT_PASS && o == OUT_PASS) ||
         (k == EXPECT_SKIP && o == OUT_SKIP);
}

static const char *outcome_word(Outcome o) {
  static const char *const w[] = {"pass", "fail", "skip", "error", "n/a"};
  return w[o];
}

/* The folder of the file [src] came from, joined with [rel]. */
static const char *beside(Arena *a, const Src *src, const char *rel) {
  const char *slash = strrchr(src->path, '/');
  if (rel[0] == '/' || !slash)
    return rel;
  return arena_sprintf(a, "%.*s/%s", (int)(slash - src->path), src->path,
                       rel);
}

/* Runs one test; returns whether it passed, writing its line(s). */
static bool run_test(const Program *p, const Ast *t, Coverage *cov, FILE *out,
                     Arena *a) {
  Diags d;
  diag_init(&d);
  Submission s;
  const char *fixture = NULL;
  for (int i = 0; i < t->n; i++)
    if (t->list[i]->kind == AST_WITH_FIXTURE)
      fixture = beside(a, t->src, t->list[i]->str);
  bool ok;
  if (fixture) {
    LoadOptions lo = interp_load_options(p, NULL);
    ok = load_submission_with(&s, fixture, p->tables, p->n_tables, &lo, &d);
  } else {
    memset(&s, 0, sizeof s);
    arena_init(&s.arena);
    s.dir = "(empty submission)";
    s.n_tables = p->n_tables;
    s.tables = arena_zalloc(&s.arena, (size_t)(p->n_tables + 1) *
                                          sizeof *s.tables);
    ok = true;
  }
  Buf why;
  buf_init(&why);
  if (!ok)
    buf_printf(&why, "the fixture `%s` could not be read:\n%s", fixture,
               d.out.s);
  for (int i = 0; ok && i < t->n; i++) {
    const Ast *w = t->list[i];
    if (w->kind != AST_WITH_SET && w->kind != AST_WITH_DROP &&
        w->kind != AST_WITH_REPLACE)
      continue;
    const char *bad = apply_with(&s, w, a);
    if (bad) {
      uint32_t line, col;
      src_linecol(w->src, w->op.off, &line, &col);
      buf_printf(&why, "%s:%u: %s\n", w->src->path, line, bad);
      ok = false;
    }
  }
  bool passed = ok;
  if (ok) {
    Report r;
    interp_run(p, &s, &r);
    for (int i = 0; i < t->n; i++) {
      const Ast *e = t->list[i];
      if (e->kind != AST_EXPECT)
        continue;
      const RuleResult *res = NULL;
      int ri = -1;
      for (int k = 0; k < p->n_rules; k++)
        if (strcmp(p->rules[k].id, e->name) == 0) {
          res = &r.results[k];
          ri = k;
        }
      if (!res)
        continue; // the checker made sure the rule exists
      if (!expect_holds(e->flags, res->outcome)) {
        passed = false;
        uint32_t line, col;
        src_linecol(e->src, e->op.off, &line, &col);
        buf_printf(&why, "%s:%u: expected %s %s, got %s\n", e->src->path,
                   line, expect_name(e->flags), e->name,
                   outcome_word(res->outcome));
        // Show what the rule said, so the author sees why.
        for (int k = 0; k < r.n_findings; k++) {
          const Finding *f = &r.findings[k];
          if (f->rule != res->rule)
            continue;
          if (f->kind == OUT_SKIP)
            buf_printf(&why, "    skipped: missing %s\n", f->missing);
          else if (f->kind == OUT_ERROR)
            buf_printf(&why, "    error: %s\n", f->error);
          else
            explain_fail(&why, f);
        }
      } else if (ri >= 0) {
        if (e->flags == EXPECT_FAIL)
          cov->fired[ri] = true;
        if (e->flags == EXPECT_PASS)
          cov->passed[ri] = true;
      }
    }
    interp_report_free(&r);
  }
  uint32_t line, col;
  src_linecol(t->src, t->op.off, &line, &col);
  fprintf(out, "%s %s:%u %s\n", passed ? "ok  " : "FAIL", t->src->path, line,
          t->str);
  if (!passed) {
    // Indent the explanation under the test.
    const char *q = why.s;
    while (*q) {
      const char *nl = strchr(q, '\n');
      size_t n = nl ? (size_t)(nl - q) : strlen(q);
      fprintf(out, "       %.*s\n", (int)n, q);
      q += n + (nl ? 1 : 0);
    }
  }
  buf_free(&why);
  load_free(&s);
  diag_free(&d);
  return passed;
}

int testrun_suite(const Program *p, bool coverage, FILE *out, FILE *err) {
  (void)err;
  Arena a;
  arena_init(&a);
  Coverage cov;
  cov.fired = arena_zalloc(&a, (size_t)(p->n_rules + 1));
  cov.passed = arena_zalloc(&a, (size_t)(p->n_rules + 1));
  int passed = 0, failed = 0;
  for (int i = 0; i < p->n_tests; i++) {
    if (run_test(p, p->tests[i], &cov, out, &a))
      passed++;
    else
      failed++;
  }
  int uncovered = 0;
  if (coverage) {
    fputs("\ncoverage:\n", out);
    for (int i = 0; i < p->n_rules; i++) {
      if (cov.fired[i] && cov.passed[i])
        continue;
      uncovered++;
      fprintf(out, "  %-8s %s — no test makes it %s\n", p->rules[i].id,
              p->rules[i].title,
              !cov.fired[i] && !cov.passed[i] ? "fire or pass"
              : !cov.fired[i]                 ? "fire"
                                              : "pass");
    }
    if (uncovered == 0)
      fprintf(out, "  every rule (%d) has a test that makes it fire and one "
                   "that makes it pass\n", p->n_rules);
    else
      fprintf(out, "  %d of %d rules not fully covered\n", uncovered,
              p->n_rules);
  }
  fprintf(out, "%d passed, %d failed\n", passed, failed);
  arena_free(&a);
  return failed || uncovered ? 1 : 0;
}
