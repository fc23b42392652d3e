/* runtime/interp.c -- the evaluator (prefix interp_): a tree walk over the
 * resolved AST, per submission.
 *
 * missing and errors are values: an absent table, row or cell evaluates to
 * VAL_MISSING carrying the path of what is absent (支出决算表["201"].基本支出),
 * and everything computed from it stays missing, so an assert that meets one
 * is reported as skipped with that path -- never as passed.  Evaluation
 * errors (division by zero) are VAL_ERROR values located at the operator;
 * they end that assert only, and the other rules still run. */
#include "runtime/interp.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "lang/pattern.h"
#include "lang/uwidth.h"
#include "runtime/match.h"
#include "runtime/narrative.h"
#include "runtime/slip.h"
#include "stdlib/std.h"

// Lets followed back to find the claim figure a finding is about.
#define CHECK_LET_CHAIN 32
// Loops nested deeper than this keep only the innermost rows as context.
#define INTERP_MAX_CONTEXT 4

struct Interp {
  const Program *p;
  const Submission *s;
  Report *r;
  Arena *a;            // temporaries and report strings (= r->arena)
  Value *gvals;        // global lets, computed on first use
  unsigned char *gstate; // 0 not yet, 1 computing, 2 done
  // Details a global's evaluation attached (rollup in a let): given again
  // to every assert that uses the cached value.
  const char ***gdetails;
  int *n_gdetails;
  Value *frame;        // locals of the rule being run
  const Ast **slot_def; // the expression each rule `let` slot was set from
  const Rule *rule;
  RuleResult *res;
  int rule_findings;   // findings listed for the current rule
  // Power-assert tracing of a failed assert.
  bool tracing;
  int gen_depth;       // > 0 inside a generator: values there are not traced
  TraceItem *trace;
  int n_trace, cap_trace;
  // Details attached by builtins (rollup) to the current assert.
  const char **details;
  int n_details, cap_details;
  // The claim match the statements run under (narrative findings).
  const Narrative *claim_doc;
  const Ast *claim;          // AST_CLAIM
  const Match *claim_match;
  void *cache[INTERP_N_CACHES]; // interp_cache
  // A leaf replaced during slip diagnosis (interp_eval_replacing).
  const Ast *replace;
  Value replace_with;
  // Rows of the enclosing loops, innermost last.
  const Table *ctx_table[INTERP_MAX_CONTEXT];
  const Row *ctx_row[INTERP_MAX_CONTEXT];
  int n_ctx;
};

Arena *interp_arena(Interp *I) { return I->a; }

Value interp_doc(Interp *I) {
  const Narrative *n = I->s->narrative;
  if (!n)
    return val_missing("说明 (no 说明.txt)");
  Value v = {0};
  v.kind = VAL_DOC;
  v.doc = n;
  v.from = 0;
  v.to = n->norm.len;
  return v;
}

const Submission *interp_submission(Interp *I) { return I->s; }

const Program *interp_program(Interp *I) { return I->p; }

void **interp_cache(Interp *I, InterpCache which) { return &I->cache[which]; }

void interp_detail(Interp *I, const char *message) {
  if (I->n_details == I->cap_details) {
    int cap = I->cap_details ? I->cap_details * 2 : 8;
    const char **d = arena_alloc(I->a, (size_t)cap * sizeof *d);
    if (I->n_details)
      memcpy(d, I->details, (size_t)I->n_details * sizeof *d);
    I->details = d;
    I->cap_details = cap;
  }
  I->details[I->n_details++] = arena_strdup(I->a, message);
}

Value interp_error(Interp *I, const Ast *at, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  Buf b;
  buf_init(&b);
  buf_vprintf(&b, fmt, ap);
  va_end(ap);
  Value v = {0};
  v.kind = VAL_ERROR;
  v.str = arena_strndup(I->a, b.s, b.len);
  v.src = at->src;
  v.span = at->op;
  buf_free(&b);
  return v;
}

/* Of two operands, the one that stops evaluation: an error before a
 * missing, the left before the right. */
static Value absent_of(Value l, Value r) {
  if (l.kind == VAL_ERROR)
    return l;
  if (r.kind == VAL_ERROR)
    return r;
  return l.kind == VAL_MISSING ? l : r;
}

static void trace(Interp *I, const Ast *e, Value v) {
  if (!I->tracing || I->gen_depth > 0)
    return;
  if (I->n_trace == I->cap_trace) {
    int cap = I->cap_trace ? I->cap_trace * 2 : 16;
    TraceItem *t = arena_alloc(I->a, (size_t)cap * sizeof *t);
    if (I->n_trace)
      memcpy(t, I->trace, (size_t)I->n_trace * sizeof *t);
    I->trace = t;
    I->cap_trace = cap;
  }
  I->trace[I->n_trace].node = e;
  I->trace[I->n_trace].value = v;
  I->n_trace++;
}

static Value eval(Interp *I, const Ast *e);

/* ------------------------------------------------------------ data access */

/* Returns the path of something missing: 表["key"], or 表["key"].列 when
 * [col] is given.  Built with memcpy, not printf: blank cells are common
 * (every empty amount is one) and each carries its path. */
static const char *missing_path(Interp *I, const char *table, const char *key,
                                uint32_t klen, const char *col) {
  size_t tl = strlen(table);
  size_t cl = col ? strlen(col) + 1 : 0;
  char *p = arena_alloc(I->a, tl + klen + cl + 5);
  char *o = p;
  memcpy(o, table, tl);
  o += tl;
  memcpy(o, "[\"", 2);
  o += 2;
  memcpy(o, key, klen);
  o += klen;
  memcpy(o, "\"]", 2);
  o += 2;
  if (col) {
    *o++ = '.';
    memcpy(o, col, cl - 1);
    o += cl - 1;
  }
  *o = '\0';
  return p;
}

static Value table_value(Interp *I, int index) {
  const Table *t = I->s->tables[index];
  if (!t) {
    const TableDecl *d = I->p->tables[index];
    return val_missing(arena_sprintf(I->a, "%s (no %s.csv)", d->name,
                                     d->name));
  }
  Value v = {0};
  v.kind = VAL_TABLE;
  v.table = t;
  return v;
}

/* The text of a key or code: strings as they are; whole numbers written
 * plainly, so T[2080505] finds the row "2080505". */
bool interp_text_of(Interp *I, Value k, const char **s, uint32_t *len) {
  if (k.kind == VAL_STR) {
    *s = k.str;
    *len = k.len;
    return true;
  }
  if (k.kind == VAL_NUM) {
    Buf b;
    buf_init(&b);
    num_format(&b, k.num);
    *s = arena_strndup(I->a, b.s, b.len);
    *len = (uint32_t)b.len;
    buf_free(&b);
    return true;
  }
  return false;
}

/* T[key] */
static Value eval_index(Interp *I, const Ast *e) {
  Value t = eval(I, e->a);
  Value k = eval(I, e->b);
  if (val_absent(t) || val_absent(k))
    return absent_of(t, k);
  if (t.kind != VAL_TABLE)
    return interp_error(I, e, "only a table can be indexed by a key");
  const char *ks;
  uint32_t klen;
  if (!interp_text_of(I, k, &ks, &klen))
    return interp_error(I, e, "a key must be text or a code");
  const Row *row = table_find(t.table, ks, klen);
  if (!row)
    return val_missing(missing_path(I, t.table->decl->name, ks, klen, NULL));
  Value v = {0};
  v.kind = VAL_ROW;
  v.table = t.table;
  v.row = row;
  return v;
}

/* prior.TABLE, prior.说明: last year's table or narrative. */
static Value eval_prior_member(Interp *I, const Ast *e, Value p) {
  const Submission *ps = p.sub;
  if (e->ref == REF_DOC) {
    load_narrative((Submission *)ps); // built on first use
    if (!ps->narrative)
      return val_missing("prior.说明 (no 说明.txt last year)");
    Value v = {0};
    v.kind = VAL_DOC;
    v.doc = ps->narrative;
    v.to = ps->narrative->norm.len;
    return v;
  }
  const Table *t = e->index < ps->n_tables ? ps->tables[e->index] : NULL;
  if (!t)
    return val_missing(arena_sprintf(I->a, "prior.%s (no %s.csv last year)",
                                     e->name, e->name));
  Value v = {0};
  v.kind = VAL_TABLE;
  v.table = t;
  return v;
}

/* row.col */
static Value eval_member(Interp *I, const Ast *e) {
  Value r = eval(I, e->a);
  if (val_absent(r))
    return r;
  if (e->prior) {
    if (r.kind != VAL_PRIOR)
      return interp_error(I, e, "`prior` is last year's submission");
    return eval_prior_member(I, e, r);
  }
  if (r.kind != VAL_ROW)
    return interp_error(I, e, "only a row has columns");
  const TableDecl *d = r.table->decl;
  int col = e->index;
  if (col < 0 || d != e->a->type.table) { // resolved dynamically
    col = -1;
    for (int i = 0; i < d->n_cols; i++)
      if (strcmp(d->cols[i].name, e->name) == 0)
        col = i;
    if (col < 0)
      return interp_error(I, e, "table `%s` has no column `%s`", d->name,
                          e->name);
  }
  const Cell *c = &r.row->cells[col];
  const ColDecl *cd = &d->cols[col];
  if (!c->text) {
    const Cell *k = &r.row->cells[d->key_col];
    return val_missing(missing_path(I, d->name, k->text ? k->text : "",
                                    k->text ? k->len : 0,
                                    cd->name));
  }
  if (cd->kind == COL_NUMBER)
    return val_num(c->num, cd->unit);
  return val_str(c->text, c->len);
}

/* ------------------------------------------------------------- arithmetic */

/* Result unit of + and -, after money has been brought to one unit. */
static Unit add_unit(Unit l, Unit r) {
  if (unit_is_money(l))
    return l;
  if (unit_is_money(r))
    return r;
  return l == UNIT_PCT || r == UNIT_PCT ? UNIT_PCT : UNIT_NONE;
}

static Value eval_arith(Interp *I, const Ast *e) {
  Value l = eval(I, e->a);
  Value r = eval(I, e->b);
  if (val_absent(l) || val_absent(r))
    return absent_of(l, r);
  if (l.kind != VAL_NUM || r.kind != VAL_NUM)
    return interp_error(I, e, "`%s` needs numbers on both sides",
                        ast_op_name(e->kind));
  Arena *a = I->a;
  bool lm = unit_is_money(l.unit), rm = unit_is_money(r.unit);
  if (lm && rm)
    r = val_convert(a, r, l.unit);
  switch (e->kind) {
  case AST_ADD:
  case AST_SUB:
    if ((lm && r.unit == UNIT_PCT) || (rm && l.unit == UNIT_PCT))
      return interp_error(I, e, "cannot %s `%s` and `%s`",
                          e->kind == AST_ADD ? "add" : "subtract",
                          unit_name(l.unit), unit_name(r.unit));
    return val_num(e->kind == AST_ADD ? num_add(a, l.num, r.num)
                                      : num_sub(a, l.num, r.num),
                   add_unit(l.unit, r.unit));
  case AST_MUL: {
    if (lm && rm)
      return interp_error(I, e, "cannot multiply two amounts");
    Num *n = num_mul(a, l.num, r.num);
    Unit u = add_unit(l.unit, r.unit);
    // x% of an amount (or of a percentage) is x/100 of it.
    if ((l.unit == UNIT_PCT && r.unit != UNIT_NONE) ||
        (r.unit == UNIT_PCT && l.unit != UNIT_NONE))
      n = num_scale10(a, n, -2);
    if (l.unit == UNIT_PCT && r.unit == UNIT_PCT)
      u = UNIT_PCT;
    return val_num(n, u);
  }
  case AST_DIV: {
    if (num_sign(r.num) == 0) {
      Buf b;
      buf_init(&b);
      val_format(&b, r);
      Value err = interp_error(I, e, "division by zero (the divisor is %s)",
                               b.s);
      buf_free(&b);
      return err;
    }
    Num *n = num_div(a, l.num, r.num);
    Unit u = UNIT_NONE;
    if (lm && !rm)
      u = l.unit;
    else if (l.unit == UNIT_PCT && r.unit == UNIT_NONE)
      u = UNIT_PCT;
    if (r.unit == UNIT_PCT && l.unit != UNIT_PCT)
      n = num_scale10(a, n, 2);
    return val_num(n, u);
  }
  default:
    return interp_error(I, e, "not arithmetic");
  }
}

/* Renders a number as text, for comparing it with a code. */
static Value num_as_text(Interp *I, Value v) {
  Buf b;
  buf_init(&b);
  num_format(&b, v.num);
  Value s = val_str(arena_strndup(I->a, b.s, b.len), (uint32_t)b.len);
  buf_free(&b);
  return s;
}

static bool cmp_holds(AstKind k, int c) {
  switch (k) {
  case AST_EQ: return c == 0;
  case AST_NE: return c != 0;
  case AST_LT: return c < 0;
  case AST_LE: return c <= 0;
  case AST_GT: return c > 0;
  case AST_GE: return c >= 0;
  default: return false;
  }
}

/* == != < <= > >= ≈ (and ≈ ± t) */
static Value eval_compare(Interp *I, const Ast *e) {
  Value l = eval(I, e->a);
  Value r = eval(I, e->b);
  Value t = {0};
  t.kind = VAL_NUM;
  if (e->c)
    t = eval(I, e->c);
  if (val_absent(l) || val_absent(r) || val_absent(t))
    return absent_of(absent_of(l, r), t);
  if (l.kind == VAL_NUM && r.kind == VAL_STR)
    l = num_as_text(I, l);
  if (r.kind == VAL_NUM && l.kind == VAL_STR)
    r = num_as_text(I, r);
  if (l.kind == VAL_STR && r.kind == VAL_STR) {
    if (e->kind != AST_EQ && e->kind != AST_NE)
      return interp_error(I, e, "text can only be compared with == and !=");
    bool eq = l.len == r.len && memcmp(l.str, r.str, l.len) == 0;
    return val_bool(e->kind == AST_EQ ? eq : !eq);
  }
  if (l.kind == VAL_BOOL && r.kind == VAL_BOOL &&
      (e->kind == AST_EQ || e->kind == AST_NE))
    return val_bool((l.b == r.b) == (e->kind == AST_EQ));
  if (l.kind != VAL_NUM || r.kind != VAL_NUM)
    return interp_error(I, e, "cannot compare these values with `%s`",
                        ast_op_name(e->kind));
  if ((unit_is_money(l.unit) && r.unit == UNIT_PCT) ||
      (unit_is_money(r.unit) && l.unit == UNIT_PCT))
    return interp_error(I, e, "cannot compare `%s` and `%s`",
                        unit_name(l.unit), unit_name(r.unit));
  if (unit_is_money(l.unit) && unit_is_money(r.unit))
    r = val_convert(I->a, r, l.unit);
  if (e->kind != AST_APPROX)
    return val_bool(cmp_holds(e->kind, num_cmp(l.num, r.num)));
  if (e->c) {
    if (t.kind != VAL_NUM)
      return interp_error(I, e->c, "the tolerance must be a number");
    if (unit_is_money(l.unit) && unit_is_money(t.unit))
      t = val_convert(I->a, t, l.unit);
    return val_bool(num_within(l.num, r.num, t.num));
  }
  return val_bool(num_approx(l.num, r.num));
}

/* x in [a, b, …]: x equals one of the items (text as text, numbers
 * exactly). */
static Value eval_in(Interp *I, const Ast *e) {
  Value x = eval(I, e->a);
  Value l = eval(I, e->b);
  if (val_absent(x) || val_absent(l))
    return absent_of(x, l);
  if (l.kind != VAL_LIST)
    return interp_error(I, e, "`in` looks for a value in a list");
  for (uint32_t i = 0; i < l.n_items; i++) {
    Value y = l.items[i];
    if (x.kind == VAL_NUM && y.kind == VAL_STR)
      x = num_as_text(I, x);
    if (y.kind == VAL_NUM && x.kind == VAL_STR)
      y = num_as_text(I, y);
    if (x.kind == VAL_STR && y.kind == VAL_STR && x.len == y.len &&
        memcmp(x.str, y.str, x.len) == 0)
      return val_bool(true);
    if (x.kind == VAL_NUM && y.kind == VAL_NUM && num_cmp(x.num, y.num) == 0)
      return val_bool(true);
  }
  return val_bool(false);
}

/* and / or: a decided side wins over a missing one (false and missing is
 * false), otherwise missing stays missing. */
static Value eval_logic(Interp *I, const Ast *e) {
  Value l = eval(I, e->a);
  bool is_and = e->kind == AST_AND;
  if (l.kind == VAL_ERROR)
    return l;
  if (l.kind == VAL_BOOL && l.b != is_and)
    return l; // false and …, true or …
  Value r = eval(I, e->b);
  if (r.kind == VAL_ERROR)
    return r;
  if (r.kind == VAL_BOOL && r.b != is_and)
    return r;
  if (val_absent(l) || val_absent(r))
    return absent_of(l, r);
  if (l.kind != VAL_BOOL || r.kind != VAL_BOOL)
    return interp_error(I, e, "`%s` needs conditions on both sides",
                        ast_op_name(e->kind));
  return val_bool(is_and);
}

/* ------------------------------------------------------------------ calls */

/* What `for x in C` walks: the rows of a table or row list, or the items
 * of a list.  Returns false when [coll] is none of these. */
static bool walkable(Value coll, uint32_t *n) {
  if (coll.kind == VAL_TABLE)
    *n = coll.table->n_rows;
  else if (coll.kind == VAL_ROWS)
    *n = coll.n_rows;
  else if (coll.kind == VAL_LIST)
    *n = coll.n_items;
  else
    return false;
  return true;
}

static Value walk_item(Value coll, uint32_t i) {
  if (coll.kind == VAL_LIST)
    return coll.items[i];
  Value row = {0};
  row.kind = VAL_ROW;
  row.table = coll.table;
  row.row = coll.kind == VAL_TABLE ? &coll.table->rows[i] : coll.rows[i];
  return row;
}

/* Walks `E for x in T [where C]`, appending E's value for every row to
 * [out]. Returns a missing/error value that stops the walk, or VAL_BOOL. */
static Value walk_gen(Interp *I, const Ast *g, Value **out, int *n, int *cap) {
  Value coll = eval(I, g->b);
  if (val_absent(coll))
    return coll;
  uint32_t nrows;
  if (!walkable(coll, &nrows))
    return interp_error(I, g->b, "`for` walks the rows of a table or the "
                                 "items of a list");
  I->gen_depth++;
  Value stop = val_bool(true);
  for (uint32_t i = 0; i < nrows; i++) {
    I->frame[g->index] = walk_item(coll, i);
    if (g->c) {
      Value w = eval(I, g->c);
      if (val_absent(w)) {
        stop = w;
        break;
      }
      if (w.kind != VAL_BOOL) {
        stop = interp_error(I, g->c, "`where` needs a condition");
        break;
      }
      if (!w.b)
        continue;
    }
    Value v = eval(I, g->a);
    if (*n == *cap) {
      *cap = *cap ? *cap * 2 : 16;
      Value *nv = arena_alloc(I->a, (size_t)*cap * sizeof *nv);
      if (*n)
        memcpy(nv, *out, (size_t)*n * sizeof *nv);
      *out = nv;
    }
    (*out)[(*n)++] = v;
  }
  I->gen_depth--;
  return stop;
}

static Value eval_call(Interp *I, const Ast *e) {
  if (e->index < 0)
    return interp_error(I, e, "unknown function `%s`", e->name);
  const BuiltinSig *sig = &I->p->builtins[e->index];
  Value *args = NULL;
  int n = 0, cap = 0;
  if (e->n == 1 && e->list[0]->kind == AST_GEN) {
    Value stop = walk_gen(I, e->list[0], &args, &n, &cap);
    if (val_absent(stop))
      return stop;
  } else {
    cap = e->n ? e->n : 1;
    args = arena_alloc(I->a, (size_t)cap * sizeof *args);
    for (int i = 0; i < e->n; i++)
      args[n++] = eval(I, e->list[i]);
  }
  if (!(sig->flags & BI_LAZY))
    for (int i = 0; i < n; i++)
      if (val_absent(args[i])) {
        Value stop = args[i];
        for (int k = i + 1; k < n; k++) // an error outranks a missing
          if (args[k].kind == VAL_ERROR)
            stop = args[k];
        return stop;
      }
  return std_fns[e->index](I, e, args, n);
}

/* ------------------------------------------------------------ expressions */

static Value eval_global(Interp *I, int g) {
  if (I->gstate[g] == 2) {
    for (int k = 0; k < I->n_gdetails[g]; k++)
      interp_detail(I, I->gdetails[g][k]);
    return I->gvals[g];
  }
  // A global is evaluated outside any loop, trace or replacement: its value
  // is shared by every rule.
  bool tracing = I->tracing;
  const Ast *replace = I->replace;
  I->tracing = false;
  I->replace = NULL;
  I->gstate[g] = 1;
  int before = I->n_details;
  // Its own frame: a global's generator must not touch the rule's locals.
  Value *frame = I->frame;
  int ns = I->p->globals[g].n_slots;
  I->frame = arena_zalloc(I->a, (size_t)(ns > 0 ? ns : 1) * sizeof *I->frame);
  Value v = eval(I, I->p->globals[g].let->a);
  I->frame = frame;
  int n = I->n_details - before;
  if (n > 0) {
    I->gdetails[g] = arena_alloc(I->a, (size_t)n * sizeof **I->gdetails);
    memcpy(I->gdetails[g], I->details + before,
           (size_t)n * sizeof **I->gdetails);
    I->n_gdetails[g] = n;
  }
  I->gvals[g] = v;
  I->gstate[g] = 2;
  I->tracing = tracing;
  I->replace = replace;
  return v;
}

static Value eval_inner(Interp *I, const Ast *e) {
  switch (e->kind) {
  case AST_NUMBER:
    return val_num(e->aux, e->unit); // parsed once, by interp_prepare
  case AST_STRING:
    return val_str(e->str, e->str_len);
  case AST_BOOL:
    return val_bool(e->is_key);
  case AST_NAME:
    switch (e->ref) {
    case REF_LOCAL: return I->frame[e->index];
    case REF_GLOBAL: return eval_global(I, e->index);
    case REF_TABLE: return table_value(I, e->index);
    case REF_DOC: return interp_doc(I);
    case REF_PRIOR: {
      if (!I->s->prior)
        return val_missing("prior (no prior-year submission: prior/ or "
                           "--prior)");
      Value v = {0};
      v.kind = VAL_PRIOR;
      v.sub = I->s->prior;
      return v;
    }
    default: return interp_error(I, e, "unknown name `%s`", e->name);
    }
  case AST_PAREN:
    return eval(I, e->a);
  case AST_MEMBER:
    return eval_member(I, e);
  case AST_INDEX:
    return eval_index(I, e);
  case AST_CALL:
    return eval_call(I, e);
  case AST_NEG: {
    Value v = eval(I, e->a);
    if (val_absent(v))
      return v;
    if (v.kind != VAL_NUM)
      return interp_error(I, e, "`-` needs a number");
    return val_num(num_neg(I->a, v.num), v.unit);
  }
  case AST_NOT: {
    Value v = eval(I, e->a);
    if (val_absent(v))
      return v;
    if (v.kind != VAL_BOOL)
      return interp_error(I, e, "`not` needs a condition");
    return val_bool(!v.b);
  }
  case AST_ADD:
  case AST_SUB:
  case AST_MUL:
  case AST_DIV:
    return eval_arith(I, e);
  case AST_EQ:
  case AST_NE:
  case AST_LT:
  case AST_LE:
  case AST_GT:
  case AST_GE:
  case AST_APPROX:
    return eval_compare(I, e);
  case AST_AND:
  case AST_OR:
    return eval_logic(I, e);
  case AST_COALESCE: {
    Value v = eval(I, e->a);
    return v.kind == VAL_MISSING ? eval(I, e->b) : v;
  }
  case AST_LISTLIT: {
    Value *items = arena_alloc(I->a, (size_t)(e->n + 1) * sizeof *items);
    for (int i = 0; i < e->n; i++)
      items[i] = eval(I, e->list[i]);
    Value v = {0};
    v.kind = VAL_LIST;
    v.items = items;
    v.n_items = (uint32_t)e->n;
    return v;
  }
  case AST_IN:
    return eval_in(I, e);
  case AST_IF: {
    Value c = eval(I, e->a);
    if (val_absent(c))
      return c;
    if (c.kind != VAL_BOOL)
      return interp_error(I, e, "`if` needs a condition");
    return eval(I, c.b ? e->b : e->c);
  }
  default:
    return interp_error(I, e, "cannot evaluate this");
  }
}

/* True when [e] is the leaf being replaced: the same node, or a name bound
 * to the same local, global or table. */
static bool replaced(const Interp *I, const Ast *e) {
  const Ast *r = I->replace;
  if (e == r)
    return true;
  return r->kind == AST_NAME && e->kind == AST_NAME && e->ref == r->ref &&
         e->index == r->index;
}

static Value eval(Interp *I, const Ast *e) {
  // The common case -- no assert being traced, no leaf replaced -- is a
  // tail call (a local's value directly), so each node costs one call.
  if (!I->tracing && !I->replace) {
    if (e->kind == AST_NAME && e->ref == REF_LOCAL)
      return I->frame[e->index];
    return eval_inner(I, e);
  }
  if (I->replace && replaced(I, e))
    return I->replace_with;
  Value v = eval_inner(I, e);
  trace(I, e, v);
  return v;
}

Value interp_eval_replacing(Interp *I, const Ast *e, const Ast *leaf,
                            Value v) {
  bool tracing = I->tracing;
  int n_details = I->n_details;
  I->tracing = false;
  I->replace = leaf;
  I->replace_with = v;
  Value out = eval(I, e);
  I->replace = NULL;
  I->tracing = tracing;
  I->n_details = n_details; // a rollup re-run attaches nothing
  return out;
}

/* ------------------------------------------------------------- statements */

static const char *context_text(Interp *I) {
  if (I->n_ctx == 0)
    return NULL;
  Buf b;
  buf_init(&b);
  for (int i = 0; i < I->n_ctx; i++) {
    if (i)
      buf_puts(&b, ", ");
    Value v = {0};
    v.kind = VAL_ROW;
    v.table = I->ctx_table[i];
    v.row = I->ctx_row[i];
    val_format(&b, v);
  }
  const char *s = arena_strndup(I->a, b.s, b.len);
  buf_free(&b);
  return s;
}

static const char *data_at(Interp *I) {
  if (I->n_ctx == 0)
    return NULL;
  const Table *t = I->ctx_table[I->n_ctx - 1];
  return arena_sprintf(I->a, "%s:%u", t->src->path,
                       I->ctx_row[I->n_ctx - 1]->line);
}

/* The original span of normalised range [from, to) of [n]. */
static Span narr_span(const Narrative *n, uint32_t from, uint32_t to) {
  if (to <= from)
    to = from + 1 <= n->norm.len ? from + 1 : from;
  uint32_t a = narrative_orig(n, from);
  uint32_t last = narrative_orig(n, to > from ? to - 1 : from);
  int32_t cp;
  size_t k = last < n->src->len
                 ? uwidth_decode(n->src->bytes + last, n->src->len - last, &cp)
                 : 0;
  Span s = {a, (uint32_t)(last + k - a)};
  return s;
}

static Finding *add_finding(Interp *I, Outcome kind, const Ast *at) {
  Report *r = I->r;
  if (I->rule_findings >= INTERP_MAX_FINDINGS_PER_RULE)
    return NULL;
  if (r->n_findings == r->cap_findings) {
    r->cap_findings = r->cap_findings ? r->cap_findings * 2 : 32;
    Finding *f = arena_alloc(I->a, (size_t)r->cap_findings * sizeof *f);
    if (r->n_findings)
      memcpy(f, r->findings, (size_t)r->n_findings * sizeof *f);
    r->findings = f;
  }
  Finding *f = &r->findings[r->n_findings++];
  memset(f, 0, sizeof *f);
  f->kind = kind;
  f->sev = I->rule->sev;
  f->rule = I->rule;
  f->at = at;
  if (I->claim_match) {
    f->narr_src = I->claim_doc->src;
    f->narr_span = narr_span(I->claim_doc, I->claim_match->start,
                             I->claim_match->end);
  }
  f->context = context_text(I);
  f->data_at = data_at(I);
  I->rule_findings++;
  return f;
}

/* A skip is listed once per rule and missing path. */
static void add_skip(Interp *I, const Ast *at, const char *path) {
  Report *r = I->r;
  for (int i = r->n_findings - 1; i >= 0 && r->findings[i].rule == I->rule;
       i--)
    if (r->findings[i].kind == OUT_SKIP &&
        strcmp(r->findings[i].missing, path) == 0)
      return;
  Finding *f = add_finding(I, OUT_SKIP, at);
  if (f)
    f->missing = path;
}

static void add_error(Interp *I, const Ast *at, Value err) {
  I->res->n_errors++;
  Finding *f = add_finding(I, OUT_ERROR, at);
  if (f) {
    f->error = err.str;
    f->err_src = err.src;
    f->err_span = err.span;
  }
}

/* The rule's own message with its {…} parts evaluated. */
static const char *interpolate(Interp *I, const Ast *parts) {
  Buf b;
  buf_init(&b);
  for (int i = 0; i < parts->n; i++) {
    const Ast *p = parts->list[i];
    if (p->kind == AST_STRING && p->type.kind == TY_UNKNOWN &&
        p->str == NULL)
      continue;
    Value v = p->kind == AST_STRING ? val_str(p->str, p->str_len)
                                    : eval(I, p);
    val_format(&b, v);
  }
  const char *s = arena_strndup(I->a, b.s, b.len);
  buf_free(&b);
  return s;
}

/* The first claim hole (frame slot in [first, first + n)) that [e] reads,
 * directly or through the rule's lets, or -1: a finding on a claim points
 * at the figure it is about. */
static int hole_read(const Interp *I, const Ast *e, int first, int n,
                     int depth) {
  if (!e || depth > CHECK_LET_CHAIN)
    return -1;
  if (e->kind == AST_NAME && e->ref == REF_LOCAL) {
    if (e->index >= first && e->index < first + n)
      return e->index - first;
    const Ast *def = I->slot_def[e->index];
    return def ? hole_read(I, def, first, n, depth + 1) : -1;
  }
  const Ast *kids[3] = {e->a, e->b, e->c};
  for (int i = 0; i < 3; i++) {
    int h = hole_read(I, kids[i], first, n, depth);
    if (h >= 0)
      return h;
  }
  for (int i = 0; i < e->n && e->kind != AST_LIST; i++) {
    int h = hole_read(I, e->list[i], first, n, depth);
    if (h >= 0)
      return h;
  }
  return -1;
}

/* Records a statement that met missing data (skipped) or an evaluation
 * error; returns whether [v] was either, so the statement stops. */
static bool stopped(Interp *I, const Ast *s, Value v) {
  if (v.kind == VAL_MISSING) {
    I->res->n_skipped++;
    add_skip(I, s, v.str);
    return true;
  }
  if (v.kind == VAL_ERROR) {
    add_error(I, s, v);
    return true;
  }
  return false;
}

static void run_assert(Interp *I, const Ast *s) {
  I->n_details = 0;
  Value v = eval(I, s->a);
  if (stopped(I, s, v))
    return;
  if (v.kind != VAL_BOOL) {
    add_error(I, s, interp_error(I, s->a, "`assert` needs a condition"));
    return;
  }
  I->res->n_checked++;
  if (v.b)
    return;
  I->res->n_failed++;
  // Evaluate again, tracing every sub-expression for the diagram.
  int n_details = I->n_details;
  const char **details = I->details;
  I->details = NULL;
  I->n_details = I->cap_details = 0;
  I->tracing = true;
  I->n_trace = I->cap_trace = 0;
  I->trace = NULL;
  eval(I, s->a);
  I->tracing = false;
  const char *msg = s->interp ? interpolate(I, s->interp) : NULL;
  // The slip that reproduces a stated figure, for the first failed ≈.
  const char *hint = NULL;
  for (int i = 0; i < I->n_trace && !hint; i++) {
    const TraceItem *t = &I->trace[i];
    if (t->node->kind == AST_APPROX && !t->node->c &&
        t->value.kind == VAL_BOOL && !t->value.b)
      hint = slip_explain(I, t->node, I->trace, I->n_trace);
  }
  int k = 0;
  do {
    Finding *f = add_finding(I, OUT_FAIL, s);
    if (!f)
      return;
    f->message = n_details ? details[k] : msg;
    if (k == 0) {
      f->trace = I->trace;
      f->n_trace = I->n_trace;
      f->hint = hint;
    }
    if (I->claim_match) {
      const Pattern *pat = I->claim->aux;
      int h = hole_read(I, s->a, I->claim->index, pat->n_holes, 0);
      if (h >= 0 && I->claim_match->bound[h])
        f->narr_span = narr_span(I->claim_doc, I->claim_match->hole_start[h],
                                 I->claim_match->hole_end[h]);
    }
    if (n_details && msg && k == n_details - 1)
      f->message = arena_sprintf(I->a, "%s\n%s", details[k], msg);
  } while (++k < n_details);
}

static void run_block(Interp *I, Ast *const *stmts, int n);

static void run_for(Interp *I, const Ast *s) {
  Value coll = eval(I, s->a);
  if (stopped(I, s, coll))
    return;
  uint32_t nrows;
  if (!walkable(coll, &nrows)) {
    add_error(I, s, interp_error(I, s->a, "`for` walks the rows of a table "
                                          "or the items of a list"));
    return;
  }
  for (uint32_t i = 0; i < nrows; i++) {
    Value row = walk_item(coll, i);
    I->frame[s->index] = row;
    int depth = I->n_ctx;
    if (row.kind == VAL_ROW && depth < INTERP_MAX_CONTEXT) {
      I->ctx_table[depth] = row.table;
      I->ctx_row[depth] = row.row;
      I->n_ctx++;
    }
    bool go = true;
    if (s->b) {
      Value w = eval(I, s->b);
      if (w.kind == VAL_MISSING) {
        I->res->n_skipped++;
        add_skip(I, s, w.str);
        go = false;
      } else if (w.kind == VAL_ERROR) {
        add_error(I, s, w);
        go = false;
      } else if (w.kind != VAL_BOOL) {
        add_error(I, s, interp_error(I, s->b, "`where` needs a condition"));
        go = false;
      } else {
        go = w.b;
      }
    }
    if (go)
      run_block(I, s->list, s->n);
    I->n_ctx = depth;
  }
}

static void run_claim(Interp *I, const Ast *s, Ast *const *rest, int n_rest);

static void run_block(Interp *I, Ast *const *stmts, int n) {
  for (int i = 0; i < n; i++) {
    const Ast *s = stmts[i];
    switch (s->kind) {
    case AST_CLAIM:
      // The claim's holes are in scope for everything after it.
      run_claim(I, s, stmts + i + 1, n - i - 1);
      return;
    case AST_ASSERT:
      run_assert(I, s);
      break;
    case AST_LET:
      I->frame[s->index] = eval(I, s->a);
      I->slot_def[s->index] = s->a;
      break;
    case AST_FOR:
      run_for(I, s);
      break;
    default:
      break;
    }
  }
}

/* Binds hole [h] of claim [s] from match [m] into the frame. */
static Value hole_value(Interp *I, const Ast *s, const Narrative *doc,
                        const Match *m, int h) {
  const Pattern *pat = s->aux;
  const PatHole *hole = &pat->holes[h];
  if (!m->bound[h])
    return val_missing(arena_sprintf(I->a, "{%s} (not in this phrasing)",
                                     hole->name));
  const char *t = doc->norm.text + m->hole_start[h];
  uint32_t len = m->hole_end[h] - m->hole_start[h];
  if (hole->kind == HOLE_TEXT || hole->kind == HOLE_DATE)
    return val_str(arena_strndup(I->a, t, len), len);
  if (len && t[len - 1] == '%')
    len--;
  NumParseError err;
  Num *n = num_parse(I->a, t, len, &err);
  if (!n)
    return interp_error(I, s, "claim hole {%s} read `%.*s`, which is not a "
                              "number: %s",
                        hole->name, (int)len, t, num_parse_error_str(err));
  if (hole->unit == UNIT_PCT)
    n = num_as_rounded(I->a, n); // "0%" is a rounded rate, not "none"
  return val_num(n, hole->unit);
}

/* claim [all|?] SOURCE "pattern" [in section "title"]: finds the pattern
 * in the narrative, binds its holes, and runs the rest of the block once
 * (claim, claim?) or once per match (claim all).  Not found is a finding of
 * its own (severity warning) -- or, for claim?, a skip. */
static void run_claim(Interp *I, const Ast *s, Ast *const *rest,
                      int n_rest) {
  const Pattern *pat = s->aux;
  Value src = eval(I, s->a);
  if (stopped(I, s, src))
    return;
  if (src.kind != VAL_DOC) {
    add_error(I, s, interp_error(I, s->a, "`claim` reads a narrative"));
    return;
  }
  const Narrative *doc = src.doc;
  uint32_t from = src.from, to = src.to;
  if (s->b) {
    int k = narrative_section(doc, s->b->str, s->b->str_len, I->a);
    if (k < 0 || doc->sections[k].start < from || doc->sections[k].end > to) {
      if (s->flags & CLAIM_OPTIONAL) {
        I->res->n_skipped++;
        add_skip(I, s, arena_sprintf(I->a, "说明 section “%s”", s->b->str));
        return;
      }
      I->res->n_failed++;
      Finding *f = add_finding(I, OUT_FAIL, s);
      if (f) {
        f->sev = SEV_WARNING;
        f->not_found = true;
        f->message = arena_sprintf(I->a, "说明中未找到章节：%s", s->b->str);
      }
      return;
    }
    from = doc->sections[k].start;
    to = doc->sections[k].end;
  }
  const Narrative *saved_doc = I->claim_doc;
  const Ast *saved_claim = I->claim;
  const Match *saved_match = I->claim_match;
  Match m;
  int found = 0;
  uint32_t pos = from;
  while (pos <= to &&
         match_find_indexed(pat, doc->norm.text, &doc->ix, pos, to, &m)) {
    found++;
    for (int h = 0; h < pat->n_holes; h++)
      I->frame[s->index + h] = hole_value(I, s, doc, &m, h);
    I->claim_doc = doc;
    I->claim = s;
    I->claim_match = &m;
    run_block(I, rest, n_rest);
    I->claim_doc = saved_doc;
    I->claim = saved_claim;
    I->claim_match = saved_match;
    if (!(s->flags & CLAIM_ALL))
      break;
    pos = m.end > m.start ? m.end : m.start + 1;
  }
  // `claim all` quantifies over the sentences there are: none is fine.
  if (found || (s->flags & CLAIM_ALL))
    return;
  if (s->flags & CLAIM_OPTIONAL) {
    I->res->n_skipped++;
    add_skip(I, s, arena_sprintf(I->a, "说明中的“%s”", pat->text));
    return;
  }
  I->res->n_failed++;
  Finding *f = add_finding(I, OUT_FAIL, s);
  if (f) {
    f->sev = SEV_WARNING;
    f->not_found = true;
    f->message = arena_sprintf(I->a, "说明中未找到：%s", s->str);
  }
}

void interp_prepare(Program *p) {
  for (int i = 0; i < p->n_literals; i++) {
    Ast *e = p->literals[i];
    NumParseError err;
    // The lexer and ast_number admit only digits with one point, within the
    // limits, so parsing cannot fail here.
    e->aux = num_parse(&p->arena, e->str, e->str_len, &err);
    if (!e->aux)
      abort();
  }
  p->prepared = true;
}

LoadOptions interp_load_options(const Program *p, const char *prior) {
  LoadOptions lo = {0};
  lo.prior = prior;
  lo.prior_selected = p->prior_tables != NULL;
  lo.prior_tables = p->prior_tables;
  lo.prior_narrative = p->prior_narrative;
  return lo;
}

void interp_run(const Program *p, const Submission *s, Report *r) {
  if (!p->prepared)
    interp_prepare((Program *)p);
  memset(r, 0, sizeof *r);
  arena_init(&r->arena);
  r->prog = p;
  r->sub = s;
  r->results = arena_zalloc(&r->arena, (size_t)(p->n_rules + 1) *
                                           sizeof *r->results);
  Interp I = {0};
  I.p = p;
  I.s = s;
  I.r = r;
  I.a = &r->arena;
  I.gvals = arena_zalloc(I.a, (size_t)(p->n_globals + 1) * sizeof *I.gvals);
  I.gstate = arena_zalloc(I.a, (size_t)(p->n_globals + 1));
  I.gdetails = arena_zalloc(I.a, (size_t)(p->n_globals + 1) *
                                     sizeof *I.gdetails);
  I.n_gdetails = arena_zalloc(I.a, (size_t)(p->n_globals + 1) *
                                       sizeof *I.n_gdetails);
  int max_slots = 1;
  for (int i = 0; i < p->n_rules; i++)
    if (p->rules[i].n_slots > max_slots)
      max_slots = p->rules[i].n_slots;
  I.frame = arena_zalloc(I.a, (size_t)max_slots * sizeof *I.frame);
  I.slot_def = arena_zalloc(I.a, (size_t)max_slots * sizeof *I.slot_def);
  // The fiscal year, for `since`/`until` (unknown: every rule applies).
  long year = s->unit.year ? strtol(s->unit.year, NULL, 10) : 0;
  for (int i = 0; i < p->n_rules; i++) {
    const Rule *rule = &p->rules[i];
    RuleResult *res = &r->results[i];
    res->rule = rule;
    if (year > 0 && ((rule->since && year < rule->since) ||
                     (rule->until && year > rule->until))) {
      res->outcome = OUT_NA;
      continue;
    }
    I.rule = rule;
    I.res = res;
    I.rule_findings = 0;
    memset(I.slot_def, 0, (size_t)max_slots * sizeof *I.slot_def);
    I.n_ctx = 0;
    run_block(&I, rule->ast->list, rule->ast->n);
    res->outcome = res->n_failed    ? OUT_FAIL
                   : res->n_errors  ? OUT_ERROR
                   : res->n_skipped ? OUT_SKIP
                                    : OUT_PASS;
  }
}

void interp_report_free(Report *r) { arena_free(&r->arena); }
