/* runtime/slip.c -- diagnosing the slip behind a failed `≈` (prefix slip_);
 * see slip.h for the slips tried, in order.  Runs only on a failed assert,
 * so its cost (a few hundred re-evaluations of one small expression for the
 * "different figure" search) is never paid on the passing path. */
#include "runtime/slip.h"

#include <string.h>

#include "lang/pattern.h"
#include "runtime/match.h"
#include "runtime/narrative.h"

// A candidate figure for "a different whole or part" must be within this
// factor of the figure it replaces: a slip swaps like for like.
#define SLIP_MAX_FACTOR 3
// Table cells named in a "same figure as …" hint.
#define SLIP_MAX_NAMED 3
// Figures of the narrative and the tables tried at most (a real submission
// has a few hundred).
#define SLIP_MAX_CANDIDATES 4000

typedef struct Candidate {
  Value v;
  const char *where;  // "说明.txt:45" or 表["key"].列
} Candidate;

static const TraceItem *traced(const TraceItem *t, int n, const Ast *node) {
  for (int i = n - 1; i >= 0; i--)
    if (t[i].node == node)
      return &t[i];
  return NULL;
}

/* A stated figure: a name, a cell or a literal (or a choice of such with
 * `??`), as opposed to a computation. */
static bool is_leaf(const Ast *e) {
  while (e->kind == AST_PAREN)
    e = e->a;
  if (e->kind == AST_COALESCE)
    return is_leaf(e->a) && is_leaf(e->b);
  return e->kind == AST_NAME || e->kind == AST_MEMBER ||
         e->kind == AST_NUMBER;
}

static const Ast *unparen(const Ast *e) {
  while (e->kind == AST_PAREN)
    e = e->a;
  return e;
}

static const char *fmt(Arena *a, const Num *n) {
  Buf b;
  buf_init(&b);
  num_format(&b, n);
  const char *s = arena_strndup(a, b.s, b.len);
  buf_free(&b);
  return s;
}

/* A share, growth or rate: a call of pct/growth/ratio or a division
 * somewhere in [e].  The slips are about those, not about sums. */
static bool is_rate(const Ast *e) {
  if (!e)
    return false;
  if (e->kind == AST_DIV)
    return true;
  if (e->kind == AST_CALL &&
      (strcmp(e->name, "pct") == 0 || strcmp(e->name, "growth") == 0 ||
       strcmp(e->name, "ratio") == 0))
    return true;
  if (is_rate(e->a) || is_rate(e->b) || is_rate(e->c))
    return true;
  for (int i = 0; e->kind == AST_CALL && i < e->n; i++)
    if (is_rate(e->list[i]))
      return true;
  return false;
}

static const char *src_text(Arena *a, const Ast *e) {
  return arena_strndup(a, e->src->bytes + e->span.off, e->span.len);
}

/* Every figure of the narrative (with its line) and every number cell of
 * the tables (with its path), in document / declaration order.  Built once
 * per submission (interp_cache) and reused by every failed assert. */
static int gather_all(Interp *I, Candidate *c, int cap);

typedef struct Pool {
  Candidate *c;
  int n;
} Pool;

static int gather(Interp *I, Candidate **out) {
  Pool **slot = (Pool **)interp_cache(I, INTERP_CACHE_FIGURES);
  if (!*slot) {
    Pool *p = arena_alloc(interp_arena(I), sizeof *p);
    p->c = arena_alloc(interp_arena(I), SLIP_MAX_CANDIDATES * sizeof *p->c);
    p->n = gather_all(I, p->c, SLIP_MAX_CANDIDATES);
    *slot = p;
  }
  *out = (*slot)->c;
  return (*slot)->n;
}

static int gather_all(Interp *I, Candidate *c, int cap) {
  Arena *a = interp_arena(I);
  const Submission *s = interp_submission(I);
  int n = 0;
  const Narrative *doc = s->narrative;
  if (doc) {
    const char *why;
    uint32_t at;
    Pattern *num = pattern_compile(a, "{x}", 3, &why, &at);
    Match m;
    uint32_t pos = 0;
    while (num && n < cap &&
           match_find(num, doc->norm.text, pos, doc->norm.len, &m)) {
      NumParseError err;
      uint32_t len = m.hole_end[0] - m.hole_start[0];
      Num *v = num_parse(a, doc->norm.text + m.hole_start[0], len, &err);
      if (v) {
        uint32_t line, col;
        src_linecol(doc->src, narrative_orig(doc, m.hole_start[0]), &line,
                    &col);
        c[n].v = val_num(v, UNIT_NONE);
        c[n].where = arena_sprintf(a, "%s:%u", doc->src->path, line);
        n++;
      }
      pos = m.end > pos ? m.end : pos + 1;
    }
  }
  for (int t = 0; t < s->n_tables && n < cap; t++) {
    const Table *tab = s->tables[t];
    if (!tab)
      continue;
    const TableDecl *d = tab->decl;
    for (uint32_t r = 0; r < tab->n_rows && n < cap; r++)
      for (int k = 0; k < d->n_cols && n < cap; k++) {
        const Cell *cell = &tab->rows[r].cells[k];
        if (d->cols[k].kind != COL_NUMBER || !cell->num)
          continue;
        const Cell *key = &tab->rows[r].cells[d->key_col];
        c[n].v = val_num(cell->num, d->cols[k].unit);
        c[n].where = arena_sprintf(a, "%s[\"%.*s\"].%s", d->name,
                                   (int)key->len, key->text ? key->text : "",
                                   d->cols[k].name);
        n++;
      }
  }
  return n;
}

/* Is candidate [v] of the same magnitude as [orig] (within a factor)? */
/* The magnitude band of like figures around [orig]: |orig| / k .. |orig| · k
 * (computed once per input, so trying a candidate costs two comparisons). */
typedef struct Band {
  Num *lo, *hi;
  int sign;
} Band;

static Band band(Arena *a, const Num *orig) {
  Band b;
  Num *k = num_from_long(a, SLIP_MAX_FACTOR);
  Num *ao = num_abs(a, orig);
  b.lo = num_div(a, ao, k);
  b.hi = num_mul(a, ao, k);
  b.sign = num_sign(orig);
  return b;
}

static bool alike(Arena *a, const Num *v, const Band *b) {
  if (num_sign(v) == 0 || num_sign(v) != b->sign)
    return false;
  const Num *av = b->sign < 0 ? num_abs(a, v) : v;
  return num_cmp(av, b->lo) >= 0 && num_cmp(av, b->hi) <= 0;
}

/* Slip 5: one input of [comp] replaced by another figure of the
 * submission reproduces [stated]. */
static const char *other_figure(Interp *I, const Ast *comp,
                                const TraceItem *t, int n, const Num *stated,
                                const Candidate *cand, int n_cand) {
  Arena *a = interp_arena(I);
  // The inputs: names and cells under the computation, in source order.
  for (int i = 0; i < n; i++) {
    const Ast *leaf = t[i].node;
    if ((leaf->kind != AST_NAME && leaf->kind != AST_MEMBER) ||
        t[i].value.kind != VAL_NUM || leaf->span.off < comp->span.off ||
        leaf->span.off + leaf->span.len > comp->span.off + comp->span.len)
      continue;
    const Num *orig = t[i].value.num;
    Band bd = band(a, orig);
    for (int k = 0; k < n_cand; k++) {
      const Value *cv = &cand[k].v;
      // The stated figure itself, or the input's own value, proves nothing.
      if (!alike(a, cv->num, &bd) || num_cmp(cv->num, orig) == 0 ||
          num_approx(cv->num, stated))
        continue;
      Value sub = val_num(cv->num, t[i].value.unit);
      Value out = interp_eval_replacing(I, comp, leaf, sub);
      if (out.kind == VAL_NUM && num_approx(out.num, stated))
        return arena_sprintf(
            a, "%s (%s) in place of `%s` = %s gives %s, the stated figure: "
               "a different figure of the submission was used",
            fmt(a, cv->num), cand[k].where, src_text(a, leaf), fmt(a, orig),
            fmt(a, out.num));
    }
  }
  return NULL;
}

const char *slip_explain(Interp *I, const Ast *approx, const TraceItem *trace,
                         int n_trace) {
  Arena *a = interp_arena(I);
  const Ast *l = unparen(approx->a), *r = unparen(approx->b);
  const TraceItem *tl = traced(trace, n_trace, approx->a);
  const TraceItem *tr = traced(trace, n_trace, approx->b);
  if (!tl || !tr || tl->value.kind != VAL_NUM || tr->value.kind != VAL_NUM)
    return NULL;
  // Which side is stated and which computed.
  const Ast *comp;
  const TraceItem *ts, *tc;
  if (is_leaf(l) && !is_leaf(r)) {
    ts = tl, tc = tr, comp = r;
  } else if (is_leaf(r) && !is_leaf(l)) {
    ts = tr, tc = tl, comp = l;
  } else if (is_leaf(l) && is_leaf(r)) {
    // Slip 6: two figures that should agree; is the first (the statement)
    // some other cell of the tables?
    Candidate *cand;
    int n = gather(I, &cand);
    Buf b;
    buf_init(&b);
    int hits = 0;
    for (int k = 0; k < n && hits < SLIP_MAX_NAMED; k++)
      if (strchr(cand[k].where, '[') &&
          num_approx(cand[k].v.num, tl->value.num) &&
          !num_approx(cand[k].v.num, tr->value.num)) {
        buf_puts(&b, hits++ ? ", " : "");
        buf_puts(&b, cand[k].where);
      }
    const char *hint =
        hits ? arena_sprintf(a, "the stated %s is %s: a figure from a "
                                "different line of the tables (总计 for 合计, "
                                "all funds for 财政拨款?)",
                             fmt(a, tl->value.num), b.s)
             : NULL;
    buf_free(&b);
    return hint;
  } else {
    return NULL;
  }
  const Num *s = ts->value.num, *c = tc->value.num;
  if (!is_rate(comp))
    return NULL;
  // 1. growth(this, last) written as this / last.
  if (comp->kind == AST_CALL && strcmp(comp->name, "growth") == 0 &&
      comp->n == 2) {
    const TraceItem *t0 = traced(trace, n_trace, comp->list[0]);
    const TraceItem *t1 = traced(trace, n_trace, comp->list[1]);
    if (t0 && t1 && t0->value.kind == VAL_NUM && t1->value.kind == VAL_NUM &&
        num_sign(t1->value.num) != 0) {
      Num *ratio = num_scale10(a, num_div(a, t0->value.num, t1->value.num), 2);
      if (num_approx(ratio, s))
        return arena_sprintf(a, "%s is this year ÷ last year (%s / %s = "
                                "%s%%), written as the growth rate, which is "
                                "%s%%",
                             fmt(a, s), fmt(a, t0->value.num),
                             fmt(a, t1->value.num), fmt(a, ratio), fmt(a, c));
    }
  }
  // 2. a fraction written as a percentage, or the reverse.
  if (num_approx(num_scale10(a, c, -2), s))
    return arena_sprintf(a, "%s is the share as a fraction; as a percentage "
                            "it is %s%%",
                         fmt(a, s), fmt(a, c));
  if (num_approx(num_scale10(a, c, 2), s))
    return arena_sprintf(a, "%s is a fraction (%s) multiplied by 100 twice",
                         fmt(a, s), fmt(a, c));
  // 3. the complement.
  Num *rest = num_sub(a, num_from_long(a, 100), c);
  if (num_approx(rest, s))
    return arena_sprintf(a, "%s is 100 − %s: the complement was written",
                         fmt(a, s), fmt(a, c));
  // 4. truncated instead of rounded half away from zero.
  if (s->dec >= 0) {
    Num *cut = num_trunc(a, c, s->dec);
    Num *round = num_round(a, c, s->dec);
    if (num_cmp(cut, s) == 0 && num_cmp(round, s) != 0)
      return arena_sprintf(a, "%s is %s cut off, not rounded: 四舍五入 gives "
                              "%s",
                           fmt(a, s), fmt(a, c), fmt(a, round));
  }
  // 5. a different figure of the submission as one input.
  Candidate *cand;
  int n = gather(I, &cand);
  return other_figure(I, comp, trace, n_trace, s, cand, n);
}
