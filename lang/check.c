/* lang/check.c -- name resolution and type checking (prefix check_).
 *
 * Fills in, on the AST: what each name refers to (table, global let, local
 * slot), column indexes of `row.col`, builtin ids of calls, frame slots of
 * `for`/generator variables and rule lets, and a static Type per
 * expression.  Reports: unknown names (with "did you mean"), duplicate
 * tables/columns/lets/rule IDs, let cycles (naming the cycle), wrong
 * argument counts, and `%` mixed with money where the units are known.
 *
 * Globals are resolved on demand, depth first, so their order in the files
 * does not matter and a cycle shows up as a global met while resolving. */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "lang/pattern.h"
#include "lang/program.h"
#include "lang/uwidth.h"

// Locals visible at one point of a rule; a rule with more is refused.
#define CHECK_MAX_LOCALS 256
// Expression depth the checker (and so the evaluator) will recurse into: a
// flat sum of n terms is n deep (`+` is left-associative), and sums of a few
// hundred cells are real; recursion this deep is still far from the stack's
// limit, also on worker threads.
#define CHECK_MAX_DEPTH 1000
// The name of the submission's narrative (说明.txt) in rules.
#define CHECK_NARRATIVE PROGRAM_NARRATIVE

typedef struct Local {
  const char *name;
  int slot;
  Type type;
} Local;

typedef struct Checker {
  Program *p;
  Diags *d;
  bool failed;
  Local locals[CHECK_MAX_LOCALS];
  int n_locals;   // visible now
  int n_slots;    // allocated in the current rule
  int depth;
  bool too_deep;  // the depth error was reported: once is enough
  bool quiet;     // a claim pattern of this rule was bad: its names are
                  // unknown because of it, so do not report them again
  // Globals being resolved, innermost last: the cycle when one repeats.
  int gstack[CHECK_MAX_DEPTH];
  int n_gstack;
  // Unknown names already reported: one root cause, one error.
  const char **unknown;
  int n_unknown, cap_unknown;
} Checker;

static Type ty(TypeKind k) {
  Type t = {k, UNIT_NONE, false, NULL};
  return t;
}

static Type ty_num(Unit u, bool known) {
  Type t = {TY_NUM, u, known, NULL};
  return t;
}

static void error(Checker *c, Src *src, Span sp, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static void error(Checker *c, Src *src, Span sp, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  Buf msg;
  buf_init(&msg);
  buf_vprintf(&msg, fmt, ap);
  va_end(ap);
  diag_error(c->d, src, sp, "%s", msg.s);
  buf_free(&msg);
  c->failed = true;
}

/* ---------------------------------------------------- did you mean … ? -- */

/* Edit distance between two UTF-8 strings, counted in code points. */
static int distance(const char *a, const char *b) {
  int32_t ca[64], cb[64];
  int na = 0, nb = 0;
  for (size_t i = 0, n = strlen(a); i < n && na < 64;) {
    i += uwidth_decode(a + i, n - i, &ca[na]);
    na++;
  }
  for (size_t i = 0, n = strlen(b); i < n && nb < 64;) {
    i += uwidth_decode(b + i, n - i, &cb[nb]);
    nb++;
  }
  int row[65];
  for (int j = 0; j <= nb; j++)
    row[j] = j;
  for (int i = 1; i <= na; i++) {
    int prev = row[0];
    row[0] = i;
    for (int j = 1; j <= nb; j++) {
      int cur = row[j];
      int best = prev + (ca[i - 1] != cb[j - 1]);
      if (row[j] + 1 < best)
        best = row[j] + 1;
      if (row[j - 1] + 1 < best)
        best = row[j - 1] + 1;
      row[j] = best;
      prev = cur;
    }
  }
  return row[nb];
}

typedef struct Suggest {
  const char *best;
  int dist;
  int limit;
} Suggest;

static void suggest_init(Suggest *s, const char *name) {
  int cps = 0;
  for (const char *q = name; *q; q++)
    cps += ((unsigned char)*q & 0xC0) != 0x80;
  s->best = NULL;
  s->dist = 1 << 30;
  s->limit = cps <= 3 ? 1 : cps / 3 + 1;
  // distance() compares at most 64 code points: past that, no suggestion
  // (no real name is that long; it would only be a guess).
  if (cps > 64)
    s->limit = -1;
}

static void suggest_try(Suggest *s, const char *name, const char *cand) {
  int d = distance(name, cand);
  if (d <= s->limit && d < s->dist) {
    s->dist = d;
    s->best = cand;
  }
}

static void suggest_help(Checker *c, Suggest *s) {
  if (s->best)
    diag_help(c->d, "did you mean `%s`?", s->best);
}

/* --------------------------------------------------------------- lookup -- */

static int find_table(Program *p, const char *name) {
  for (int i = 0; i < p->n_tables; i++)
    if (strcmp(p->tables[i]->name, name) == 0)
      return i;
  return -1;
}

static int find_global(Program *p, const char *name) {
  for (int i = 0; i < p->n_globals; i++)
    if (strcmp(p->globals[i].name, name) == 0)
      return i;
  return -1;
}

static int find_builtin(Program *p, const char *name) {
  for (int i = 0; i < p->n_builtins; i++)
    if (strcmp(p->builtins[i].name, name) == 0)
      return i;
  return -1;
}

static int find_column(const TableDecl *t, const char *name) {
  for (int i = 0; i < t->n_cols; i++)
    if (strcmp(t->cols[i].name, name) == 0)
      return i;
  return -1;
}

static Type column_type(const ColDecl *col) {
  if (col->kind == COL_NUMBER)
    return ty_num(col->unit, true);
  return ty(TY_STR);
}

static void check_expr(Checker *c, Ast *e);
static void resolve_global(Checker *c, int g, Ast *use);

// Bytes of a user's name quoted in a message; longer ones are cut with …
// (a 5 MB name must not become 5 MB of diagnostics).
#define CHECK_MAX_QUOTED 40

/* [name] for a message: cut at a character boundary after
 * CHECK_MAX_QUOTED bytes, with … (in the program arena). */
static const char *shown(Checker *c, const char *name) {
  size_t n = strlen(name);
  if (n <= CHECK_MAX_QUOTED)
    return name;
  size_t k = CHECK_MAX_QUOTED;
  while (k > 0 && ((unsigned char)name[k] & 0xC0) == 0x80)
    k--;
  return arena_sprintf(&c->p->arena, "%.*s…", (int)k, name);
}

/* True (and remembered) the first time [name] is reported unknown. */
static bool first_report(Checker *c, const char *name) {
  for (int i = 0; i < c->n_unknown; i++)
    if (strcmp(c->unknown[i], name) == 0)
      return false;
  if (c->n_unknown == c->cap_unknown) {
    c->cap_unknown = c->cap_unknown ? c->cap_unknown * 2 : 16;
    c->unknown = realloc(c->unknown, (size_t)c->cap_unknown * sizeof *c->unknown);
    if (!c->unknown)
      abort();
  }
  c->unknown[c->n_unknown++] = name;
  return true;
}

static void unknown_name(Checker *c, Ast *e) {
  if (c->quiet || !first_report(c, e->name)) {
    c->failed = true;
    return;
  }
  error(c, e->src, e->span, "unknown name `%s`", shown(c, e->name));
  Suggest s;
  suggest_init(&s, e->name);
  for (int i = c->n_locals - 1; i >= 0; i--)
    suggest_try(&s, e->name, c->locals[i].name);
  for (int i = 0; i < c->p->n_globals; i++)
    suggest_try(&s, e->name, c->p->globals[i].name);
  for (int i = 0; i < c->p->n_tables; i++)
    suggest_try(&s, e->name, c->p->tables[i]->name);
  suggest_help(c, &s);
}

/* name -> local | global let | table */
static void check_name(Checker *c, Ast *e) {
  for (int i = c->n_locals - 1; i >= 0; i--)
    if (strcmp(c->locals[i].name, e->name) == 0) {
      e->ref = REF_LOCAL;
      e->index = c->locals[i].slot;
      e->type = c->locals[i].type;
      return;
    }
  int g = find_global(c->p, e->name);
  if (g >= 0) {
    e->ref = REF_GLOBAL;
    e->index = g;
    resolve_global(c, g, e);
    e->type = c->p->globals[g].let->a->type;
    return;
  }
  int t = find_table(c->p, e->name);
  if (t >= 0) {
    e->ref = REF_TABLE;
    e->index = t;
    e->type = ty(TY_TABLE);
    e->type.table = c->p->tables[t];
    return;
  }
  if (strcmp(e->name, PROGRAM_PRIOR) == 0) {
    e->ref = REF_PRIOR;
    e->type = ty(TY_PRIOR);
    return;
  }
  // The submission's narrative needs no declaration.
  if (strcmp(e->name, CHECK_NARRATIVE) == 0) {
    e->ref = REF_DOC;
    e->index = 0;
    e->type = ty(TY_DOC);
    return;
  }
  unknown_name(c, e);
}

/* Units of the two operands of + - and comparisons: a percentage never
 * meets an amount of money. */
static void check_units(Checker *c, Ast *e, const char *verb) {
  Type l = e->a->type, r = e->b->type;
  if (l.kind != TY_NUM || r.kind != TY_NUM || !l.unit_known || !r.unit_known)
    return;
  bool lm = unit_is_money(l.unit), rm = unit_is_money(r.unit);
  if ((lm && r.unit == UNIT_PCT) || (rm && l.unit == UNIT_PCT)) {
    error(c, e->src, e->op, "cannot %s `%s` and `%s`", verb,
          unit_name(l.unit), unit_name(r.unit));
    diag_note(c->d, "the left side is in `%s`, the right side in `%s`",
              unit_name(l.unit), unit_name(r.unit));
    diag_help(c->d, "a percentage is not an amount: compare it with "
                    "`pct(part, whole)`");
  }
}

static Unit sum_unit(Type l, Type r) {
  if (unit_is_money(l.unit))
    return l.unit;
  if (unit_is_money(r.unit))
    return r.unit;
  if (l.unit == UNIT_PCT || r.unit == UNIT_PCT)
    return UNIT_PCT;
  return UNIT_NONE;
}

/* Declares a local in the current scope and gives it a frame slot. */
static int declare_local(Checker *c, Ast *at, const char *name, Type t) {
  if (c->n_locals == CHECK_MAX_LOCALS) {
    error(c, at->src, at->op, "more than %d local names in one rule",
          CHECK_MAX_LOCALS);
    return 0;
  }
  Local *l = &c->locals[c->n_locals++];
  l->name = name;
  l->slot = c->n_slots++;
  l->type = t;
  return l->slot;
}

/* The element type of what `for x in E` walks: rows of a table. */
static Type element_type(Checker *c, Ast *coll) {
  if (coll->type.kind == TY_LIST)
    return ty(TY_UNKNOWN);
  if (coll->type.kind == TY_TABLE || coll->type.kind == TY_ROWS) {
    Type t = ty(TY_ROW);
    t.table = coll->type.table;
    return t;
  }
  if (coll->type.kind != TY_UNKNOWN)
    error(c, coll->src, coll->span, "`for` walks the rows of a table or the "
                                    "items of a list; this is neither");
  return ty(TY_UNKNOWN);
}

static void check_call(Checker *c, Ast *e) {
  int b = find_builtin(c->p, e->name);
  if (b < 0 && !first_report(c, e->name)) {
    c->failed = true;
    for (int i = 0; i < e->n; i++)
      if (e->list[i]->kind != AST_GEN)
        check_expr(c, e->list[i]);
    return;
  }
  if (b < 0) {
    error(c, e->src, e->op, "unknown function `%s`", shown(c, e->name));
    Suggest s;
    suggest_init(&s, e->name);
    for (int i = 0; i < c->p->n_builtins; i++)
      suggest_try(&s, e->name, c->p->builtins[i].name);
    suggest_help(c, &s);
    for (int i = 0; i < e->n; i++)
      if (e->list[i]->kind != AST_GEN)
        check_expr(c, e->list[i]);
    return;
  }
  const BuiltinSig *sig = &c->p->builtins[b];
  e->index = b;
  bool gen = e->n == 1 && e->list[0]->kind == AST_GEN;
  if (!gen && (e->n < sig->min_args || e->n > sig->max_args)) {
    if (sig->min_args == sig->max_args)
      error(c, e->src, e->span, "`%s` takes %d argument%s, found %d",
            sig->name, sig->min_args, sig->min_args == 1 ? "" : "s", e->n);
    else
      error(c, e->src, e->span, "`%s` takes %d to %d arguments, found %d",
            sig->name, sig->min_args, sig->max_args, e->n);
  }
  for (int i = 0; i < e->n; i++) {
    Ast *a = e->list[i];
    if (a->kind == AST_GEN) {
      if (!(sig->flags & BI_AGGREGATE) || e->n != 1) {
        error(c, a->src, a->span, "`%s` does not take `… for … in …`",
              sig->name);
        continue;
      }
      // E for x in T [where C]: x is local to the generator.
      check_expr(c, a->b);
      int saved = c->n_locals;
      a->index = declare_local(c, a, a->name, element_type(c, a->b));
      if (a->c)
        check_expr(c, a->c);
      check_expr(c, a->a);
      a->type = a->a->type;
      c->n_locals = saved;
      continue;
    }
    // rollup(T, 本年支出合计): a bare name that is not a let or local is a
    // column of T (a let holding a column name is evaluated instead).
    bool named = a->kind == AST_NAME && find_global(c->p, a->name) < 0;
    for (int k = 0; named && k < c->n_locals; k++)
      named = strcmp(c->locals[k].name, a->name) != 0;
    if (i == 1 && (sig->flags & BI_COLUMN2) && named) {
      // rollup(T, 本年支出合计): the bare name is a column of T.
      a->kind = AST_STRING;
      a->str = a->name;
      a->str_len = (uint32_t)strlen(a->name);
      a->type = ty(TY_STR);
      const TableDecl *t = e->list[0]->type.table;
      if (t && (a->index = find_column(t, a->name)) < 0) {
        error(c, a->src, a->span, "table `%s` has no column `%s`", t->name,
              a->name);
        Suggest s;
        suggest_init(&s, a->name);
        for (int k = 0; k < t->n_cols; k++)
          suggest_try(&s, a->name, t->cols[k].name);
        suggest_help(c, &s);
      }
      continue;
    }
    check_expr(c, a);
    if (i == 0 && (sig->flags & BI_TABLE1) && a->type.kind != TY_TABLE &&
        a->type.kind != TY_UNKNOWN)
      error(c, a->src, a->span, "the first argument of `%s` must be a table",
            sig->name);
  }
  Type first = e->n > 0 ? e->list[0]->type : ty(TY_UNKNOWN);
  switch (sig->ret) {
  case RET_SAME:
    e->type = first.kind == TY_NUM ? first : ty_num(UNIT_NONE, false);
    if (gen && strcmp(sig->name, "count") == 0)
      e->type = ty_num(UNIT_NONE, true);
    break;
  case RET_PCT: e->type = ty_num(UNIT_PCT, true); break;
  case RET_PLAIN: e->type = ty_num(UNIT_NONE, true); break;
  case RET_BOOL: e->type = ty(TY_BOOL); break;
  case RET_STR: e->type = ty(TY_STR); break;
  case RET_ROWS:
    e->type = ty(TY_ROWS);
    e->type.table = first.table;
    break;
  case RET_DOC: e->type = ty(TY_DOC); break;
  }
}

/* The type rules of expressions; see docs/language.md. */
static void check_expr(Checker *c, Ast *e) {
  if (++c->depth > CHECK_MAX_DEPTH) {
    if (!c->too_deep)
      error(c, e->src, e->span, "expression nested more than %d deep",
            CHECK_MAX_DEPTH);
    c->too_deep = true;
    c->failed = true;
    c->depth--;
    return;
  }
  switch (e->kind) {
  case AST_NUMBER:
    e->type = ty_num(e->unit, true);
    if (c->p->n_literals == c->p->cap_literals) {
      int cap = c->p->cap_literals ? c->p->cap_literals * 2 : 64;
      Ast **l = arena_alloc(&c->p->arena, (size_t)cap * sizeof *l);
      if (c->p->n_literals)
        memcpy(l, c->p->literals, (size_t)c->p->n_literals * sizeof *l);
      c->p->literals = l;
      c->p->cap_literals = cap;
    }
    c->p->literals[c->p->n_literals++] = e;
    break;
  case AST_STRING:
    e->type = ty(TY_STR);
    break;
  case AST_BOOL:
    e->type = ty(TY_BOOL);
    break;
  case AST_NAME:
    check_name(c, e);
    break;
  case AST_PAREN:
    check_expr(c, e->a);
    e->type = e->a->type;
    break;
  case AST_MEMBER: {
    check_expr(c, e->a);
    const TableDecl *t = e->a->type.table;
    if (e->a->type.kind == TY_ROW && t) {
      e->index = find_column(t, e->name);
      if (e->index < 0) {
        error(c, e->src, e->op, "table `%s` has no column `%s`", t->name,
              shown(c, e->name));
        Suggest s;
        suggest_init(&s, e->name);
        for (int k = 0; k < t->n_cols; k++)
          suggest_try(&s, e->name, t->cols[k].name);
        suggest_help(c, &s);
        break;
      }
      e->type = column_type(&t->cols[e->index]);
    } else if (e->a->type.kind == TY_PRIOR) {
      // prior.TABLE, prior.说明: last year's submission.  This is the only
      // way to reach last year's files: `prior` has a type of its own, so
      // its members are resolved here, never at run time (the evaluator
      // refuses a member of a `prior` it did not see here).  So what is
      // marked here is all the loader needs to read of prior/.
      e->prior = true;
      int tix = find_table(c->p, e->name);
      if (tix >= 0) {
        e->ref = REF_TABLE;
        e->index = tix;
        e->type = ty(TY_TABLE);
        e->type.table = c->p->tables[tix];
        c->p->prior_tables[tix] = true;
      } else if (strcmp(e->name, CHECK_NARRATIVE) == 0) {
        e->ref = REF_DOC;
        e->index = 0;
        e->type = ty(TY_DOC);
        c->p->prior_narrative = true;
      } else {
        error(c, e->src, e->op, "`prior.%s`: no table `%s`", e->name,
              e->name);
        Suggest sg;
        suggest_init(&sg, e->name);
        for (int k = 0; k < c->p->n_tables; k++)
          suggest_try(&sg, e->name, c->p->tables[k]->name);
        suggest_help(c, &sg);
      }
    } else if (e->a->type.kind == TY_TABLE) {
      error(c, e->src, e->op, "`%s` is a table: pick a row first, as in "
                              "`%s[\"合计\"].%s`",
            t ? t->name : "?", t ? t->name : "T", e->name);
    } else if (e->a->type.kind != TY_UNKNOWN) {
      error(c, e->src, e->op, "only a row has columns");
    }
    break;
  }
  case AST_INDEX:
    check_expr(c, e->a);
    check_expr(c, e->b);
    if (e->a->type.kind == TY_TABLE) {
      e->type = ty(TY_ROW);
      e->type.table = e->a->type.table;
    } else if (e->a->type.kind != TY_UNKNOWN) {
      error(c, e->src, e->op, "only a table can be indexed by a key");
    }
    break;
  case AST_CALL:
    check_call(c, e);
    break;
  case AST_GEN:
    error(c, e->src, e->span, "`… for … in …` is only valid as the argument "
                              "of sum, count, min, max or avg");
    break;
  case AST_NEG:
    check_expr(c, e->a);
    e->type = e->a->type;
    break;
  case AST_NOT:
    check_expr(c, e->a);
    e->type = ty(TY_BOOL);
    break;
  case AST_ADD:
  case AST_SUB:
    check_expr(c, e->a);
    check_expr(c, e->b);
    check_units(c, e, e->kind == AST_ADD ? "add" : "subtract");
    e->type = ty_num(sum_unit(e->a->type, e->b->type),
                     e->a->type.unit_known && e->b->type.unit_known);
    break;
  case AST_MUL:
  case AST_DIV: {
    check_expr(c, e->a);
    check_expr(c, e->b);
    Type l = e->a->type, r = e->b->type;
    bool known = l.unit_known && r.unit_known;
    if (known && e->kind == AST_MUL && unit_is_money(l.unit) &&
        unit_is_money(r.unit))
      error(c, e->src, e->op, "cannot multiply two amounts (`%s` × `%s`)",
            unit_name(l.unit), unit_name(r.unit));
    Unit u = UNIT_NONE;
    if (e->kind == AST_MUL)
      u = sum_unit(l, r);
    else if (unit_is_money(l.unit) && !unit_is_money(r.unit))
      u = l.unit;
    else if (l.unit == UNIT_PCT && r.unit == UNIT_NONE)
      u = UNIT_PCT;
    e->type = ty_num(u, known);
    break;
  }
  case AST_EQ:
  case AST_NE:
  case AST_LT:
  case AST_LE:
  case AST_GT:
  case AST_GE:
  case AST_APPROX:
    check_expr(c, e->a);
    check_expr(c, e->b);
    if (e->c)
      check_expr(c, e->c);
    check_units(c, e, "compare");
    e->type = ty(TY_BOOL);
    break;
  case AST_AND:
  case AST_OR:
    check_expr(c, e->a);
    check_expr(c, e->b);
    e->type = ty(TY_BOOL);
    break;
  case AST_IN:
    check_expr(c, e->a);
    check_expr(c, e->b);
    if (e->b->type.kind != TY_LIST && e->b->type.kind != TY_UNKNOWN)
      error(c, e->src, e->op, "`in` looks for a value in a list, such as "
                              "`[\"a\", \"b\"]`");
    e->type = ty(TY_BOOL);
    break;
  case AST_LISTLIT:
    for (int i = 0; i < e->n; i++)
      check_expr(c, e->list[i]);
    e->type = ty(TY_LIST);
    break;
  case AST_COALESCE:
    check_expr(c, e->a);
    check_expr(c, e->b);
    e->type = e->a->type.kind != TY_UNKNOWN ? e->a->type : e->b->type;
    break;
  case AST_IF:
    check_expr(c, e->a);
    check_expr(c, e->b);
    check_expr(c, e->c);
    e->type = e->b->type;
    break;
  default:
    error(c, e->src, e->span, "not an expression");
    break;
  }
  c->depth--;
}

/* Resolves global let [g] on first use; meeting it again while it is being
 * resolved is a cycle, reported once with every let on it. */
static void resolve_global(Checker *c, int g, Ast *use) {
  Global *gl = &c->p->globals[g];
  if (gl->state == 2)
    return;
  if (gl->state == 1) {
    Buf chain;
    buf_init(&chain);
    int from = c->n_gstack - 1;
    while (from > 0 && c->gstack[from] != g)
      from--;
    for (int i = from; i < c->n_gstack; i++)
      buf_printf(&chain, "%s → ", c->p->globals[c->gstack[i]].name);
    buf_puts(&chain, gl->name);
    error(c, gl->let->src, gl->let->op, "`let` cycle: %s", chain.s);
    buf_free(&chain);
    gl->let->a->type = ty(TY_UNKNOWN);
    (void)use;
    return;
  }
  if (c->n_gstack == CHECK_MAX_DEPTH) {
    error(c, gl->let->src, gl->let->op, "`let`s depend on each other more "
                                        "than %d deep", CHECK_MAX_DEPTH);
    return;
  }
  gl->state = 1;
  c->gstack[c->n_gstack++] = g;
  // A global sees tables and other globals, never a rule's locals; it has
  // its own frame (its generator variables) and its own depth (chains of
  // lets are bounded by the gstack instead).  It may be resolved in the
  // middle of a rule, so the rule's scope is set aside and put back.
  int saved = c->n_locals, saved_depth = c->depth, saved_slots = c->n_slots;
  bool saved_quiet = c->quiet;
  Local *scope = malloc((size_t)(saved + 1) * sizeof *scope);
  if (!scope)
    abort();
  memcpy(scope, c->locals, (size_t)saved * sizeof *scope);
  c->n_locals = 0;
  c->n_slots = 0;
  c->depth = 0;
  c->quiet = false;
  check_expr(c, gl->let->a);
  gl->n_slots = c->n_slots;
  memcpy(c->locals, scope, (size_t)saved * sizeof *scope);
  free(scope);
  c->n_locals = saved;
  c->n_slots = saved_slots;
  c->depth = saved_depth;
  c->quiet = saved_quiet;
  c->n_gstack--;
  gl->state = 2;
}

static void check_block(Checker *c, Ast **stmts, int n);

/* claim [all|?] SOURCE "pattern" [in section "title"]: compiles the pattern
 * and declares its holes as locals for the statements after the claim. */
static void check_claim(Checker *c, Ast *s) {
  check_expr(c, s->a);
  if (s->a->type.kind != TY_DOC && s->a->type.kind != TY_UNKNOWN)
    error(c, s->src, s->a->span, "`claim` reads a narrative such as `%s`",
          CHECK_NARRATIVE);
  const char *why = NULL;
  uint32_t at = 0;
  Pattern *pat = pattern_compile(&c->p->arena, s->str, s->str_len, &why, &at);
  if (!pat) {
    // Point into the string token; exact when the pattern has no escapes.
    Span sp = {s->c->span.off + 1 + at, 1};
    if (sp.off >= s->c->span.off + s->c->span.len)
      sp = s->c->span;
    error(c, s->src, sp, "bad claim pattern: %s", why);
    // Still declare what look like its holes, and report no unknown names
    // in the rest of this rule: they follow from this error.
    c->quiet = true;
    for (uint32_t i = 0; i < s->str_len; i++) {
      if (s->str[i] != '{' || (i > 0 && s->str[i - 1] == '\\'))
        continue;
      uint32_t j = i + 1;
      while (j < s->str_len && !strchr(":}{", s->str[j]))
        j++;
      if (j > i + 1)
        declare_local(c, s, arena_strndup(&c->p->arena, s->str + i + 1,
                                          j - i - 1),
                      ty(TY_UNKNOWN));
    }
    return;
  }
  s->aux = pat;
  s->index = c->n_slots;
  for (int i = 0; i < pat->n_holes; i++) {
    const PatHole *h = &pat->holes[i];
    Type t = h->kind == HOLE_TEXT || h->kind == HOLE_DATE
                 ? ty(TY_STR)
                 : ty_num(h->unit, true);
    declare_local(c, s, h->name, t);
  }
}

/* assert / let / for / claim inside a rule. */
static void check_stmt(Checker *c, Ast *s) {
  switch (s->kind) {
  case AST_ASSERT:
    check_expr(c, s->a);
    if (s->a->type.kind != TY_BOOL && s->a->type.kind != TY_UNKNOWN)
      error(c, s->src, s->a->span, "`assert` needs a condition (a "
                                   "comparison or a test), not a value");
    if (s->interp)
      for (int i = 0; i < s->interp->n; i++)
        if (s->interp->list[i]->kind != AST_STRING)
          check_expr(c, s->interp->list[i]);
    break;
  case AST_LET:
    check_expr(c, s->a);
    s->ref = REF_LOCAL;
    s->index = declare_local(c, s, s->name, s->a->type);
    break;
  case AST_CLAIM:
    check_claim(c, s);
    break;
  case AST_REF:
  case AST_TAGS:
  case AST_SINCE:
  case AST_UNTIL:
    break; // metadata, collected by set_rule
  case AST_FOR: {
    check_expr(c, s->a);
    int saved = c->n_locals;
    s->index = declare_local(c, s, s->name, element_type(c, s->a));
    if (s->b)
      check_expr(c, s->b);
    check_block(c, s->list, s->n);
    c->n_locals = saved;
    break;
  }
  default:
    error(c, s->src, s->span, "not a statement");
    break;
  }
}

static void check_block(Checker *c, Ast **stmts, int n) {
  int saved = c->n_locals;
  for (int i = 0; i < n && !c->d->stopped; i++)
    check_stmt(c, stmts[i]);
  c->n_locals = saved;
}

/* Builds the TableDecl of a `table` item. */
static TableDecl *declare_table(Checker *c, Ast *t) {
  Arena *a = &c->p->arena;
  TableDecl *d = arena_zalloc(a, sizeof *d);
  d->name = t->name;
  d->src = t->src;
  d->span = t->op;
  d->cols = arena_zalloc(a, (size_t)(t->n ? t->n : 1) * sizeof *d->cols);
  d->key_col = -1;
  for (int i = 0; i < t->n; i++) {
    Ast *col = t->list[i];
    for (int k = 0; k < d->n_cols; k++)
      if (strcmp(d->cols[k].name, col->name) == 0) {
        error(c, col->src, col->op, "column `%s` declared twice in table "
                                    "`%s`", col->name, t->name);
        goto next;
      }
    if (col->is_key) {
      if (d->key_col >= 0) {
        error(c, col->src, col->op, "table `%s` has a second `key` column",
              t->name);
        goto next;
      }
      d->key_col = d->n_cols;
    }
    ColDecl *cd = &d->cols[d->n_cols++];
    cd->name = col->name;
    cd->kind = (ColKind)col->index;
    cd->unit = col->unit;
    cd->span = col->op;
  next:;
  }
  if (d->key_col < 0) {
    error(c, t->src, t->op, "table `%s` has no `key` column", t->name);
    diag_help(c->d, "mark the column that identifies a row: `key 科目编码 : "
                    "code`");
  }
  t->aux = d;
  return d;
}

/* Notes where an earlier declaration of the same thing is. */
static void note_first(Checker *c, const char *what, Src *src, Span at) {
  Buf w;
  buf_init(&w);
  diag_where(&w, src, at.off);
  diag_note(c->d, "%s at %s", what, w.s);
  buf_free(&w);
}

static int find_rule(Program *p, const char *id) {
  for (int i = 0; i < p->n_rules; i++)
    if (strcmp(p->rules[i].id, id) == 0)
      return i;
  return -1;
}

static void suggest_rule(Checker *c, const char *id) {
  Suggest s;
  suggest_init(&s, id);
  for (int i = 0; i < c->p->n_rules; i++)
    suggest_try(&s, id, c->p->rules[i].id);
  suggest_help(c, &s);
}

/* Fills a Rule from its AST, metadata included. */
static void set_rule(Rule *r, Ast *it) {
  memset(r, 0, sizeof *r);
  r->ast = it;
  r->id = it->name;
  r->title = it->str;
  r->sev = it->sev;
  for (int k = 0; k < it->n; k++) {
    const Ast *m = it->list[k];
    if (m->kind == AST_REF && !r->ref)
      r->ref = m->str;
    else if (m->kind == AST_TAGS)
      r->tags = m;
    else if (m->kind == AST_SINCE)
      r->since = (int)strtol(m->str, NULL, 10);
    else if (m->kind == AST_UNTIL)
      r->until = (int)strtol(m->str, NULL, 10);
  }
}

/* alter table T { add c : type  rename a to b  drop c }: changes a table
 * declared earlier (in reading order: an imported suite's). */
static void alter_table(Checker *c, Ast *it) {
  int t = find_table(c->p, it->name);
  if (t < 0) {
    error(c, it->src, it->op, "`alter table`: no table `%s` declared before",
          it->name);
    return;
  }
  TableDecl *d = c->p->tables[t];
  for (int i = 0; i < it->n; i++) {
    Ast *a = it->list[i];
    int col = find_column(d, a->name);
    if (a->kind == AST_ALTER_ADD) {
      if (col >= 0) {
        error(c, a->src, a->op, "table `%s` already has a column `%s`",
              d->name, a->name);
        continue;
      }
      ColDecl *cols = arena_zalloc(&c->p->arena, (size_t)(d->n_cols + 1) *
                                                     sizeof *cols);
      memcpy(cols, d->cols, (size_t)d->n_cols * sizeof *cols);
      cols[d->n_cols].name = a->name;
      cols[d->n_cols].kind = (ColKind)a->index;
      cols[d->n_cols].unit = a->unit;
      cols[d->n_cols].span = a->op;
      d->cols = cols;
      d->n_cols++;
      continue;
    }
    if (col < 0) {
      error(c, a->src, a->op, "table `%s` has no column `%s`", d->name,
            a->name);
      Suggest s;
      suggest_init(&s, a->name);
      for (int k = 0; k < d->n_cols; k++)
        suggest_try(&s, a->name, d->cols[k].name);
      suggest_help(c, &s);
      continue;
    }
    if (a->kind == AST_ALTER_RENAME) {
      if (find_column(d, a->str) >= 0)
        error(c, a->src, a->op, "table `%s` already has a column `%s`",
              d->name, a->str);
      else {
        if (!d->cols[col].renamed_from)
          d->cols[col].renamed_from = d->cols[col].name;
        d->cols[col].name = a->str;
      }
    } else if (col == d->key_col) {
      error(c, a->src, a->op, "cannot drop `%s`: it is the key of `%s`",
            a->name, d->name);
    } else {
      memmove(&d->cols[col], &d->cols[col + 1],
              (size_t)(d->n_cols - col - 1) * sizeof *d->cols);
      d->n_cols--;
      if (d->key_col > col)
        d->key_col--;
    }
  }
}

/* Reads the declarations of every item, in reading order (imports first):
 * tables and their alterations, lets and their overrides, rules with their
 * overrides and drops, tests.  Names are resolved afterwards, so a rule may
 * use a let or table declared anywhere. */
static void declare_all(Checker *c, Ast **items, int n) {
  Program *p = c->p;
  for (int i = 0; i < n; i++) {
    Ast *it = items[i];
    bool override = it->kind == AST_OVERRIDE;
    if (override)
      it = it->a;
    switch (it->kind) {
    case AST_TABLE: {
      int prev = find_table(p, it->name);
      if (prev >= 0) {
        error(c, it->src, it->op, "table `%s` is declared twice", it->name);
        note_first(c, "first declared", p->tables[prev]->src,
                   p->tables[prev]->span);
        diag_help(c->d, "to change an imported table, use `alter table %s "
                        "{ … }`", it->name);
        break;
      }
      TableDecl *td = declare_table(c, it);
      td->index = p->n_tables;
      p->tables[p->n_tables++] = td;
      break;
    }
    case AST_ALTER:
      alter_table(c, it);
      break;
    case AST_LET: {
      int prev = find_global(p, it->name);
      if (override) {
        if (prev < 0) {
          error(c, it->src, it->op, "`override let %s`: there is no `%s` to "
                                    "override", it->name, it->name);
          break;
        }
        p->globals[prev].let = it; // the suite's setting, restated
        it->ref = REF_GLOBAL;
        it->index = prev;
        break;
      }
      if (prev >= 0) {
        error(c, it->src, it->op, "`%s` is defined twice", it->name);
        note_first(c, "first defined", p->globals[prev].let->src,
                   p->globals[prev].let->op);
        diag_help(c->d, "to change an imported setting, use `override let`");
        break;
      }
      p->globals[p->n_globals].name = it->name;
      p->globals[p->n_globals].let = it;
      it->ref = REF_GLOBAL;
      it->index = p->n_globals++;
      break;
    }
    case AST_RULE: {
      int prev = find_rule(p, it->name);
      if (override) {
        if (prev < 0) {
          error(c, it->src, it->op, "`override rule %s`: there is no rule "
                                    "`%s` to override", it->name, it->name);
          suggest_rule(c, it->name);
          break;
        }
        set_rule(&p->rules[prev], it); // same place in the report
        p->rules[prev].overridden = true;
        break;
      }
      if (prev >= 0) {
        error(c, it->src, it->op, "rule ID `%s` is used twice", it->name);
        note_first(c, "first used", p->rules[prev].ast->src,
                   p->rules[prev].ast->op);
        diag_help(c->d, "to replace an imported rule, use `override rule %s`",
                  it->name);
        break;
      }
      set_rule(&p->rules[p->n_rules++], it);
      break;
    }
    case AST_DROP: {
      int prev = find_rule(p, it->name);
      if (prev < 0) {
        error(c, it->src, it->op, "`drop rule %s`: there is no rule `%s`",
              it->name, it->name);
        suggest_rule(c, it->name);
        break;
      }
      memmove(&p->rules[prev], &p->rules[prev + 1],
              (size_t)(p->n_rules - prev - 1) * sizeof *p->rules);
      p->n_rules--;
      Dropped *dr = &p->dropped[p->n_dropped++];
      dr->id = it->name;
      dr->reason = it->str;
      dr->at = it;
      break;
    }
    case AST_TEST:
      p->tests[p->n_tests++] = it;
      break;
    default:
      break;
    }
  }
}

/* test "name" { with …  expect … }: targets and values are expressions
 * over the suite's tables; expected rules must exist. */
static void check_test(Checker *c, Ast *t) {
  for (int i = 0; i < t->n; i++) {
    Ast *s = t->list[i];
    c->n_locals = 0;
    c->n_slots = 0;
    switch (s->kind) {
    case AST_WITH_SET:
    case AST_WITH_DROP:
    case AST_WITH_REPLACE: {
      Ast *target = s->a;
      check_expr(c, target);
      bool ok = target->kind == AST_MEMBER || target->kind == AST_INDEX ||
                (target->kind == AST_NAME &&
                 (target->ref == REF_TABLE || target->ref == REF_DOC ||
                  target->ref == REF_PRIOR));
      if (!ok)
        error(c, s->src, target->span, "`with` changes a cell "
                                       "(T[\"key\"].列), a row (T[\"key\"]), a "
                                       "table, `说明` or `prior`");
      if (s->kind == AST_WITH_SET)
        check_expr(c, s->b);
      break;
    }
    case AST_EXPECT:
      if (find_rule(c->p, s->name) < 0) {
        error(c, s->src, s->op, "no rule `%s` in the suite", s->name);
        suggest_rule(c, s->name);
      }
      break;
    default:
      break;
    }
  }
}

bool check_program(Program *p, Ast **items, int n, Diags *d) {
  Checker *c = calloc(1, sizeof *c);
  if (!c)
    abort();
  c->p = p;
  c->d = d;
  int nt = 0, ng = 0, nr = 0, nd = 0, ntest = 0;
  for (int i = 0; i < n; i++) {
    nt += items[i]->kind == AST_TABLE;
    ng += items[i]->kind == AST_LET;
    nr += items[i]->kind == AST_RULE;
    nd += items[i]->kind == AST_DROP;
    ntest += items[i]->kind == AST_TEST;
  }
  p->tables = arena_zalloc(&p->arena, (size_t)(nt + 1) * sizeof *p->tables);
  p->prior_tables = arena_zalloc(&p->arena, (size_t)(nt + 1) *
                                                sizeof *p->prior_tables);
  p->globals = arena_zalloc(&p->arena, (size_t)(ng + 1) * sizeof *p->globals);
  p->rules = arena_zalloc(&p->arena, (size_t)(nr + 1) * sizeof *p->rules);
  p->dropped = arena_zalloc(&p->arena, (size_t)(nd + 1) * sizeof *p->dropped);
  p->tests = arena_zalloc(&p->arena, (size_t)(ntest + 1) * sizeof *p->tests);

  // 1. Declarations, in reading order.
  declare_all(c, items, n);
  for (int g = 0; g < p->n_globals; g++)
    if (find_table(p, p->globals[g].name) >= 0)
      error(c, p->globals[g].let->src, p->globals[g].let->op,
            "`%s` is already the name of a table", p->globals[g].name);

  // 2. Resolve globals (on demand, so cycles are found), rules, tests.
  for (int g = 0; g < p->n_globals && !d->stopped; g++)
    resolve_global(c, g, NULL);
  for (int i = 0; i < p->n_rules && !d->stopped; i++) {
    Rule *r = &p->rules[i];
    c->n_locals = 0;
    c->n_slots = 0;
    c->quiet = false;
    check_block(c, r->ast->list, r->ast->n);
    r->n_slots = c->n_slots;
  }
  for (int i = 0; i < p->n_tests && !d->stopped; i++)
    check_test(c, p->tests[i]);
  bool ok = !c->failed;
  free(c->unknown);
  free(c);
  return ok;
}
