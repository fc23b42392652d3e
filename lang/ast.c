/* lang/ast.c -- constructors of syntax-tree nodes (prefix ast_), called from
 * the grammar's actions.  Constructors decode what the token text says
 * (string escapes, number suffixes, column types) and report what is
 * malformed there; names are resolved later, in check.c. */
#include "lang/ast.h"

#include <string.h>

#include "lang/limits.h"
#include "lang/parse.h"

static Ast *node(ParseCtx *pc, AstKind k, Span span) {
  Ast *n = arena_zalloc(pc->arena, sizeof *n);
  n->kind = k;
  n->src = pc->src;
  n->span = span;
  n->op = span;
  n->index = -1;
  return n;
}

/* The bytes of token [t] as the lexer saw them: for an expression inside a
 * message that is a copy of the source with `\"` read as ` "`. */
static const char *tbytes(ParseCtx *pc, Tok t) {
  return (const char *)pc->lx.base + (t.off - pc->lx.base_off);
}

static Span tspan(Tok t) {
  Span s = {t.off, t.len};
  return s;
}

Span ast_join(Span a, Span b) {
  uint32_t end = b.off + b.len > a.off + a.len ? b.off + b.len : a.off + a.len;
  uint32_t off = a.off < b.off ? a.off : b.off;
  Span s = {off, end - off};
  return s;
}

/* The token's text as a NUL-terminated string; backquoted identifiers lose
 * their backquotes. */
static const char *tok_text(ParseCtx *pc, Tok t) {
  const char *s = tbytes(pc, t);
  uint32_t n = t.len;
  if (n >= 2 && s[0] == '`') {
    s++;
    n -= 2;
  }
  return arena_strndup(pc->arena, s, n);
}

Ast *ast_list(ParseCtx *pc) {
  Span none = {0, 0};
  return node(pc, AST_LIST, none);
}

Ast *ast_push(ParseCtx *pc, Ast *list, Ast *item) {
  if (!item)
    return list;
  if (list->n == list->cap) {
    int cap = list->cap ? list->cap * 2 : 4;
    Ast **items = arena_alloc(pc->arena, (size_t)cap * sizeof *items);
    if (list->n)
      memcpy(items, list->list, (size_t)list->n * sizeof *items);
    list->list = items;
    list->cap = cap;
  }
  list->list[list->n++] = item;
  list->span = list->n == 1 ? item->span : ast_join(list->span, item->span);
  return list;
}

/* Decodes a string token: escapes \" \\ \n \t \{ \}; curly-quoted strings
 * (already reported by the lexer) lose their 3-byte quotes. */
static void decode_string(ParseCtx *pc, Tok t, Ast *n) {
  const char *s = tbytes(pc, t);
  uint32_t len = t.len;
  uint32_t open = (unsigned char)s[0] == 0xE2 ? 3 : 1; // “ is E2 80 9C
  uint32_t close = 0;
  if (s[0] == '\\' && len >= 4) { // \"…\" inside a message's {…}
    open = 2;
    close = 2;
  } else if (len >= open + 1) {
    if (s[len - 1] == '"')
      close = 1;
    else if (len >= open + 3 && (unsigned char)s[len - 3] == 0xE2)
      close = 3;
  }
  if (len < open + close) // unterminated, reported by the lexer
    close = 0;
  char *out = arena_alloc(pc->arena, len + 1);
  uint32_t k = 0;
  for (uint32_t i = open; i < len - close; i++) {
    char c = s[i];
    if (c == '\\' && i + 1 < len - close) {
      c = s[++i];
      if (c == 'n')
        c = '\n';
      else if (c == 't')
        c = '\t';
    }
    out[k++] = c;
  }
  out[k] = '\0';
  n->str = out;
  n->str_len = k;
}

Ast *ast_string(ParseCtx *pc, Tok t) {
  Ast *n = node(pc, AST_STRING, tspan(t));
  decode_string(pc, t, n);
  return n;
}

Ast *ast_bool(ParseCtx *pc, Tok t, bool value) {
  Ast *n = node(pc, AST_BOOL, tspan(t));
  n->is_key = value;
  return n;
}

Ast *ast_import(ParseCtx *pc, Tok path) {
  Ast *n = node(pc, AST_IMPORT, tspan(path));
  decode_string(pc, path, n);
  n->name = n->str;
  return n;
}

Ast *ast_let(ParseCtx *pc, Tok kw, Tok name, Ast *e) {
  // The span starts at `let`: for-body indentation is judged from there.
  Ast *n = node(pc, AST_LET, ast_join(tspan(kw), e->span));
  n->op = tspan(name);
  n->name = tok_text(pc, name);
  n->a = e;
  return n;
}

Ast *ast_table(ParseCtx *pc, Tok name, Ast *cols, Tok end) {
  Ast *n = node(pc, AST_TABLE, ast_join(tspan(name), tspan(end)));
  n->op = tspan(name);
  n->name = tok_text(pc, name);
  n->list = cols->list;
  n->n = cols->n;
  return n;
}

// Column types as written in a `table` declaration.
static const struct {
  const char *word;
  ColKind kind;
  Unit unit;
} coltypes[] = {
    {"text", COL_TEXT, UNIT_NONE},   {"code", COL_CODE, UNIT_NONE},
    {"number", COL_NUMBER, UNIT_NONE}, {"元", COL_NUMBER, UNIT_YUAN},
    {"万元", COL_NUMBER, UNIT_WAN},   {"亿元", COL_NUMBER, UNIT_YI},
    {"%", COL_NUMBER, UNIT_PCT},
};

Ast *ast_column(ParseCtx *pc, Tok name, Tok type, const Tok *key) {
  Ast *n = node(pc, AST_COLUMN, ast_join(tspan(name), tspan(type)));
  n->op = tspan(name);
  n->name = tok_text(pc, name);
  n->is_key = key != NULL;
  n->coltype = type;
  n->index = -1;
  const char *w = tbytes(pc, type);
  for (size_t i = 0; i < sizeof coltypes / sizeof coltypes[0]; i++) {
    if (strlen(coltypes[i].word) == type.len &&
        memcmp(coltypes[i].word, w, type.len) == 0) {
      n->index = (int)coltypes[i].kind;
      n->unit = coltypes[i].unit;
    }
  }
  if (n->index < 0) {
    diag_error(pc->diags, pc->src, tspan(type), "unknown column type `%.*s`",
               (int)type.len, w);
    diag_help(pc->diags,
              "use one of `text`, `code`, `number`, `元`, `万元`, `亿元`, `%%`");
    pc->failed = true;
    n->index = COL_TEXT;
  }
  return n;
}

Ast *ast_rule(ParseCtx *pc, Tok id, Tok title, Tok sev, Ast *body, Tok end) {
  Ast *n = node(pc, AST_RULE, ast_join(tspan(id), tspan(end)));
  n->op = tspan(id);
  n->name = tok_text(pc, id);
  Ast tmp = {0};
  decode_string(pc, title, &tmp);
  n->str = tmp.str;
  n->str_len = tmp.str_len;
  n->sev = SEV_ERROR;
  if (sev.len) {
    const char *w = tbytes(pc, sev);
    if (sev.len == 5 && memcmp(w, "error", 5) == 0)
      n->sev = SEV_ERROR;
    else if (sev.len == 7 && memcmp(w, "warning", 7) == 0)
      n->sev = SEV_WARNING;
    else if (sev.len == 4 && memcmp(w, "info", 4) == 0)
      n->sev = SEV_INFO;
    else {
      diag_error(pc->diags, pc->src, tspan(sev), "unknown severity `%.*s`",
                 (int)sev.len, w);
      diag_help(pc->diags, "use `error`, `warning` or `info`");
      pc->failed = true;
    }
  }
  n->list = body->list;
  n->n = body->n;
  return n;
}

/* Splits a message into literal parts and `{expr}` parts, parsing each
 * expression from the rule file itself so its diagnostics point there. */
static Ast *interpolate(ParseCtx *pc, Tok msg) {
  Ast *parts = ast_list(pc);
  const char *s = pc->src->bytes;
  uint32_t i = msg.off + 1, end = msg.off + msg.len;
  if (end > i && s[end - 1] == '"')
    end--;
  Buf lit;
  buf_init(&lit);
  uint32_t lit_off = i;
  while (i < end) {
    char c = s[i];
    if (c == '\\' && i + 1 < end) {
      char e = s[i + 1];
      buf_putc(&lit, e == 'n' ? '\n' : e == 't' ? '\t' : e);
      i += 2;
      continue;
    }
    if (c == '{') {
      uint32_t j = i + 1;
      while (j < end && s[j] != '}')
        j++;
      if (j == end) {
        Span sp = {i, 1};
        diag_error(pc->diags, pc->src, sp, "unclosed `{` in message");
        diag_help(pc->diags, "write `\\{` for a literal brace");
        pc->failed = true;
        break;
      }
      if (lit.len) {
        Span sp = {lit_off, i - lit_off};
        Ast *p = node(pc, AST_STRING, sp);
        p->str = arena_strndup(pc->arena, lit.s, lit.len);
        p->str_len = (uint32_t)lit.len;
        ast_push(pc, parts, p);
        buf_clear(&lit);
      }
      Ast *e = parse_expr(pc->arena, pc->src, i + 1, j - i - 1, true,
                          pc->diags);
      if (!e)
        pc->failed = true;
      else
        ast_push(pc, parts, e);
      i = j + 1;
      lit_off = i;
      continue;
    }
    buf_putc(&lit, c);
    i++;
  }
  if (lit.len) {
    Span sp = {lit_off, end - lit_off};
    Ast *p = node(pc, AST_STRING, sp);
    p->str = arena_strndup(pc->arena, lit.s, lit.len);
    p->str_len = (uint32_t)lit.len;
    ast_push(pc, parts, p);
  }
  buf_free(&lit);
  return parts;
}

Ast *ast_assert(ParseCtx *pc, Tok kw, Ast *e, const Tok *msg) {
  Span end = msg ? tspan(*msg) : e->span;
  Ast *n = node(pc, AST_ASSERT, ast_join(tspan(kw), end));
  n->op = tspan(kw);
  n->a = e;
  if (msg)
    n->interp = interpolate(pc, *msg);
  return n;
}

Ast *ast_for(ParseCtx *pc, Tok kw, Tok name, Ast *coll, Ast *where,
             Ast *body) {
  Ast *n = node(pc, AST_FOR, ast_join(tspan(kw), where ? where->span
                                                       : coll->span));
  n->op = tspan(kw);
  n->name = tok_text(pc, name);
  n->a = coll;
  n->b = where;
  if (body) {
    n->list = body->list;
    n->n = body->n;
    n->cap = -1; // braced form: body complete
  }
  return n;
}

Ast *ast_claim(ParseCtx *pc, Tok kw, int flags, Ast *source, Tok pat,
               Ast *section) {
  Ast *n = node(pc, AST_CLAIM, ast_join(tspan(kw), section ? section->span
                                                         : tspan(pat)));
  n->op = tspan(kw);
  n->a = source;
  n->b = section;
  n->flags = flags;
  Ast *p = ast_string(pc, pat);
  n->c = p; // the pattern string, with its position for diagnostics
  n->str = p->str;
  n->str_len = p->str_len;
  return n;
}

Ast *ast_ref(ParseCtx *pc, Tok kw, Tok doc) {
  Ast *n = ast_string(pc, doc);
  n->kind = AST_REF;
  n->op = tspan(kw);
  n->span = ast_join(tspan(kw), tspan(doc));
  return n;
}

Ast *ast_meta(ParseCtx *pc, AstKind k, Tok kw, Ast *list) {
  Ast *n = node(pc, k, ast_join(tspan(kw), list->span));
  n->op = tspan(kw);
  n->list = list->list;
  n->n = list->n;
  return n;
}

Ast *ast_year(ParseCtx *pc, AstKind k, Tok kw, Tok year) {
  Ast *n = node(pc, k, ast_join(tspan(kw), tspan(year)));
  n->op = tspan(kw);
  n->str = arena_strndup(pc->arena, tbytes(pc, year), year.len);
  n->str_len = year.len;
  if (year.len != 4 || strspn(n->str, "0123456789") != 4) {
    diag_error(pc->diags, pc->src, tspan(year), "a fiscal year is four "
                                                "digits, like 2021");
    pc->failed = true;
  }
  return n;
}

Ast *ast_listlit(ParseCtx *pc, Ast *items, Tok open, Tok close) {
  Ast *n = node(pc, AST_LISTLIT, ast_join(tspan(open), tspan(close)));
  n->op = tspan(open);
  n->list = items->list;
  n->n = items->n;
  for (int i = 0; i < n->n; i++)
    if (n->list[i]->kind == AST_GEN) {
      diag_error(pc->diags, pc->src, n->list[i]->span,
                 "`… for … in …` is not allowed in a list");
      pc->failed = true;
    }
  return n;
}

Ast *ast_override(ParseCtx *pc, Ast *item) {
  Ast *n = node(pc, AST_OVERRIDE, item->span);
  n->op = item->op;
  n->a = item;
  return n;
}

Ast *ast_drop(ParseCtx *pc, Tok kw, Tok id, Tok reason) {
  Ast *n = node(pc, AST_DROP, ast_join(tspan(kw), tspan(reason)));
  n->op = tspan(id);
  n->name = tok_text(pc, id);
  Ast tmp = {0};
  decode_string(pc, reason, &tmp);
  n->str = tmp.str;
  n->str_len = tmp.str_len;
  return n;
}

Ast *ast_alter(ParseCtx *pc, Tok kw, Tok name, Ast *alters, Tok end) {
  Ast *n = node(pc, AST_ALTER, ast_join(tspan(kw), tspan(end)));
  n->op = tspan(name);
  n->name = tok_text(pc, name);
  n->list = alters->list;
  n->n = alters->n;
  return n;
}

Ast *ast_alter_add(ParseCtx *pc, Tok kw, Tok name, Tok type) {
  Ast *col = ast_column(pc, name, type, NULL);
  col->kind = AST_ALTER_ADD;
  col->span = ast_join(tspan(kw), col->span);
  return col;
}

Ast *ast_alter_rename(ParseCtx *pc, Tok kw, Tok old, Tok name) {
  Ast *n = node(pc, AST_ALTER_RENAME, ast_join(tspan(kw), tspan(name)));
  n->op = tspan(old);
  n->name = tok_text(pc, old);
  n->str = tok_text(pc, name);
  n->str_len = (uint32_t)strlen(n->str);
  return n;
}

Ast *ast_alter_drop(ParseCtx *pc, Tok kw, Tok name) {
  Ast *n = node(pc, AST_ALTER_DROP, ast_join(tspan(kw), tspan(name)));
  n->op = tspan(name);
  n->name = tok_text(pc, name);
  return n;
}

Ast *ast_test(ParseCtx *pc, Tok kw, Tok name, Ast *body, Tok end) {
  Ast *n = node(pc, AST_TEST, ast_join(tspan(kw), tspan(end)));
  n->op = tspan(name);
  Ast tmp = {0};
  decode_string(pc, name, &tmp);
  n->str = tmp.str;
  n->str_len = tmp.str_len;
  n->list = body->list;
  n->n = body->n;
  return n;
}

/* Checks that the word [w] of a `with` or `expect` statement is [want]. */
static bool word_is(ParseCtx *pc, Tok w, const char *want, const char *help) {
  const char *s = tbytes(pc, w);
  if (w.len == strlen(want) && memcmp(s, want, w.len) == 0)
    return true;
  diag_error(pc->diags, pc->src, tspan(w), "expected `%s`, found `%.*s`", want,
             (int)w.len, s);
  diag_help(pc->diags, "%s", help);
  pc->failed = true;
  return false;
}

Ast *ast_with_fixture(ParseCtx *pc, Tok kw, Tok word, Tok path) {
  word_is(pc, word, "fixture", "write `with fixture \"folder\"`");
  Ast *n = ast_string(pc, path);
  n->kind = AST_WITH_FIXTURE;
  n->op = tspan(kw);
  n->span = ast_join(tspan(kw), tspan(path));
  return n;
}

Ast *ast_with_set(ParseCtx *pc, Tok kw, Ast *target, Ast *value) {
  Ast *n = node(pc, AST_WITH_SET, ast_join(tspan(kw), value->span));
  n->op = tspan(kw);
  n->a = target;
  n->b = value;
  return n;
}

Ast *ast_with_drop(ParseCtx *pc, Tok kw, Ast *target) {
  Ast *n = node(pc, AST_WITH_DROP, ast_join(tspan(kw), target->span));
  n->op = tspan(kw);
  n->a = target;
  return n;
}

Ast *ast_with_replace(ParseCtx *pc, Tok kw, Ast *target, Tok w1, Tok old,
                      Tok w2, Tok new_text) {
  word_is(pc, w1, "replace", "write `with 说明 replace \"old\" by \"new\"`");
  word_is(pc, w2, "by", "write `with 说明 replace \"old\" by \"new\"`");
  Ast *n = node(pc, AST_WITH_REPLACE, ast_join(tspan(kw), tspan(new_text)));
  n->op = tspan(kw);
  n->a = target;
  Ast *o = ast_string(pc, old);
  n->str = o->str;
  n->str_len = o->str_len;
  n->c = o;
  n->b = ast_string(pc, new_text);
  return n;
}

Ast *ast_expect(ParseCtx *pc, Tok kw, Tok word, Tok id) {
  Ast *n = node(pc, AST_EXPECT, ast_join(tspan(kw), tspan(id)));
  n->op = tspan(id);
  n->name = tok_text(pc, id);
  const char *w = tbytes(pc, word);
  if (word.len == 4 && memcmp(w, "fail", 4) == 0)
    n->flags = EXPECT_FAIL;
  else if (word.len == 4 && memcmp(w, "pass", 4) == 0)
    n->flags = EXPECT_PASS;
  else if (word.len == 4 && memcmp(w, "skip", 4) == 0)
    n->flags = EXPECT_SKIP;
  else {
    diag_error(pc->diags, pc->src, tspan(word), "expected `fail`, `pass` or "
                                                "`skip`, found `%.*s`",
               (int)word.len, w);
    pc->failed = true;
  }
  return n;
}

Ast *ast_claim_section(ParseCtx *pc, Tok word, Tok title) {
  const char *w = tbytes(pc, word);
  if (word.len != 7 || memcmp(w, "section", 7) != 0) {
    diag_error(pc->diags, pc->src, tspan(word), "expected `section` after "
                                                "`in`, found `%.*s`",
               (int)word.len, w);
    diag_help(pc->diags, "scope a claim with `in section \"标题\"`");
    pc->failed = true;
  }
  return ast_string(pc, title);
}

Ast *ast_if(ParseCtx *pc, Tok kw, Ast *c, Ast *t, Ast *e) {
  Ast *n = node(pc, AST_IF, ast_join(tspan(kw), e->span));
  n->op = tspan(kw);
  n->a = c;
  n->b = t;
  n->c = e;
  return n;
}

Ast *ast_binary(ParseCtx *pc, AstKind k, Ast *l, Ast *r, Tok op) {
  Ast *n = node(pc, k, ast_join(l->span, r->span));
  n->op = tspan(op);
  n->a = l;
  n->b = r;
  return n;
}

Ast *ast_within(ParseCtx *pc, Ast *l, Ast *r, Ast *tol, Tok op) {
  Ast *n = ast_binary(pc, AST_APPROX, l, r, op);
  n->c = tol;
  n->span = ast_join(n->span, tol->span);
  return n;
}

Ast *ast_unary(ParseCtx *pc, AstKind k, Ast *e, Tok op) {
  Ast *n = node(pc, k, ast_join(tspan(op), e->span));
  n->op = tspan(op);
  n->a = e;
  return n;
}

Ast *ast_index(ParseCtx *pc, Ast *t, Ast *key, Tok open, Tok close) {
  Ast *n = node(pc, AST_INDEX, ast_join(t->span, tspan(close)));
  n->op = tspan(open);
  n->a = t;
  n->b = key;
  return n;
}

Ast *ast_member(ParseCtx *pc, Ast *obj, Tok name) {
  Ast *n = node(pc, AST_MEMBER, ast_join(obj->span, tspan(name)));
  n->op = tspan(name);
  n->a = obj;
  n->name = tok_text(pc, name);
  return n;
}

Ast *ast_call(ParseCtx *pc, Tok fn, Ast *args, Tok close) {
  Ast *n = node(pc, AST_CALL, ast_join(tspan(fn), tspan(close)));
  n->op = tspan(fn);
  n->name = tok_text(pc, fn);
  n->list = args->list;
  n->n = args->n;
  return n;
}

Ast *ast_gen(ParseCtx *pc, Ast *e, Tok name, Ast *coll, Ast *where) {
  Ast *n = node(pc, AST_GEN, ast_join(e->span, where ? where->span
                                                      : coll->span));
  n->op = e->op;
  n->name = tok_text(pc, name);
  n->a = e;
  n->b = coll;
  n->c = where;
  return n;
}

// Unit suffixes a number literal may carry, longest first.
static const struct {
  const char *suffix;
  Unit unit;
} suffixes[] = {
    {"万元", UNIT_WAN}, {"亿元", UNIT_YI}, {"元", UNIT_YUAN},
    {"％", UNIT_PCT},   {"%", UNIT_PCT},
};

Ast *ast_number(ParseCtx *pc, Tok t) {
  Ast *n = node(pc, AST_NUMBER, tspan(t));
  const char *s = tbytes(pc, t);
  uint32_t len = t.len;
  for (size_t i = 0; i < sizeof suffixes / sizeof suffixes[0]; i++) {
    size_t k = strlen(suffixes[i].suffix);
    if (len > k && memcmp(s + len - k, suffixes[i].suffix, k) == 0) {
      n->unit = suffixes[i].unit;
      len -= (uint32_t)k;
      break;
    }
  }
  n->str = arena_strndup(pc->arena, s, len);
  n->str_len = len;
  // The lexer gave digits with at most one point: only the size can be off.
  const char *dot = memchr(s, '.', len);
  uint32_t decimals = dot ? (uint32_t)(s + len - dot - 1) : 0;
  uint32_t digits = len - (dot ? 1 : 0);
  if (digits > NUM_MAX_DIGITS || decimals > NUM_MAX_DECIMALS) {
    diag_error(pc->diags, pc->src, tspan(t), "number has more than %s",
               digits > NUM_MAX_DIGITS ? "80 digits" : "40 decimals");
    pc->failed = true;
  }
  return n;
}

Ast *ast_name(ParseCtx *pc, Tok t) {
  Ast *n = node(pc, AST_NAME, tspan(t));
  n->name = tok_text(pc, t);
  return n;
}

Ast *ast_paren(ParseCtx *pc, Ast *e, Tok open, Tok close) {
  Ast *n = node(pc, AST_PAREN, ast_join(tspan(open), tspan(close)));
  n->op = e->op;
  n->a = e;
  return n;
}

bool ast_is_comparison(AstKind k) {
  return k == AST_EQ || k == AST_NE || k == AST_LT || k == AST_LE ||
         k == AST_GT || k == AST_GE || k == AST_APPROX;
}

const char *ast_op_name(AstKind k) {
  switch (k) {
  case AST_ADD: return "+";
  case AST_SUB: return "-";
  case AST_MUL: return "*";
  case AST_DIV: return "/";
  case AST_EQ: return "==";
  case AST_NE: return "!=";
  case AST_LT: return "<";
  case AST_LE: return "<=";
  case AST_GT: return ">";
  case AST_GE: return ">=";
  case AST_APPROX: return "≈";
  case AST_AND: return "and";
  case AST_OR: return "or";
  case AST_NOT: return "not";
  case AST_NEG: return "-";
  case AST_COALESCE: return "??";
  case AST_IN: return "in";
  default: return "?";
  }
}
