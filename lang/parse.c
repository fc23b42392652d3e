/* lang/parse.c -- the parse driver (prefix parse_): feeds the lexer's tokens
 * to the Lemon parser, turns Lemon's syntax errors into diagnostics without
 * cascades, and gives `for … :` its body by indentation.
 *
 * Bracket matching is tracked here, on tokens, so that an unclosed `(`, `[`
 * or `{` is reported once at its opener ("unclosed `{` (opened at line 3)")
 * instead of as a confusing error at the end of the file. */
#include "lang/parse.h"

#include <stdlib.h>
#include <string.h>

#include "grammar.h"

// Tokens in one statement beyond which the file is refused: a real assert
// has well under a thousand, and a machine-made 5 MB expression would
// otherwise build half a gigabyte of syntax tree before anything says no.
#define PARSE_MAX_STMT_TOKENS 50000

/* A readable name for a token kind, for messages. */
static const char *tok_name(int kind) {
  switch (kind) {
  case 0: return "end of file";
  case TOK_IDENT: return "a name";
  case TOK_NUMBER: return "a number";
  case TOK_STRING: return "a string";
  case TOK_RULEID: return "a rule ID";
  case TOK_IMPORT: return "`import`";
  case TOK_TABLE: return "`table`";
  case TOK_KEY: return "`key`";
  case TOK_LET: return "`let`";
  case TOK_RULE: return "`rule`";
  case TOK_ASSERT: return "`assert`";
  case TOK_ELSE: return "`else`";
  case TOK_FOR: return "`for`";
  case TOK_IN: return "`in`";
  case TOK_WHERE: return "`where`";
  case TOK_IF: return "`if`";
  case TOK_THEN: return "`then`";
  case TOK_AND: return "`and`";
  case TOK_OR: return "`or`";
  case TOK_NOT: return "`not`";
  case TOK_CLAIM: return "`claim`";
  case TOK_CLAIMQ: return "`claim?`";
  case TOK_ALL: return "`all`";
  case TOK_REF: return "`ref`";
  case TOK_DROP: return "`drop`";
  case TOK_OVERRIDE: return "`override`";
  case TOK_ALTER: return "`alter`";
  case TOK_ADD: return "`add`";
  case TOK_RENAME: return "`rename`";
  case TOK_TO: return "`to`";
  case TOK_TAGS: return "`tags`";
  case TOK_SINCE: return "`since`";
  case TOK_UNTIL: return "`until`";
  case TOK_TEST: return "`test`";
  case TOK_WITH: return "`with`";
  case TOK_EXPECT: return "`expect`";
  case TOK_TRUE: return "`true`";
  case TOK_FALSE: return "`false`";
  case TOK_LPAREN: return "`(`";
  case TOK_RPAREN: return "`)`";
  case TOK_LBRACKET: return "`[`";
  case TOK_RBRACKET: return "`]`";
  case TOK_LBRACE: return "`{`";
  case TOK_RBRACE: return "`}`";
  case TOK_COMMA: return "`,`";
  case TOK_COLON: return "`:`";
  case TOK_DOT: return "`.`";
  case TOK_ASSIGN: return "`=`";
  case TOK_PLUS: return "`+`";
  case TOK_MINUS: return "`-`";
  case TOK_STAR: return "`*`";
  case TOK_SLASH: return "`/`";
  case TOK_EQ: return "`==`";
  case TOK_NE: return "`!=`";
  case TOK_LT: return "`<`";
  case TOK_LE: return "`<=`";
  case TOK_GT: return "`>`";
  case TOK_GE: return "`>=`";
  case TOK_APPROX: return "`≈`";
  case TOK_PM: return "`±`";
  case TOK_QQ: return "`??`";
  case TOK_PERCENT: return "`%`";
  default: return "a token";
  }
}

void parse_item(ParseCtx *pc, Ast *item) {
  if (pc->items && item)
    ast_push(pc, pc->items, item);
}

/* Lemon calls this for a token it cannot shift.  After a lexical error the
 * lexer has already said what is wrong, so stay silent (no cascade). */
void parse_syntax_error(ParseCtx *pc, int major, const Tok *t) {
  pc->failed = true;
  if (pc->overflow)
    return;
  if (pc->lx.had_error) {
    pc->lx.had_error = false;
    return;
  }
  pc->errors++;
  Span sp = {t->off, t->len};
  if (major == 0) {
    sp.off = pc->last.off + pc->last.len;
    sp.len = 0;
    diag_error(pc->diags, pc->src, sp, "unexpected end of file");
    return;
  }
  // The start of the next rule (or table…) inside an open `{`: the `}` is
  // what is missing, and that is the one thing to say.
  bool item = major == TOK_RULE || major == TOK_TABLE || major == TOK_IMPORT ||
              major == TOK_OVERRIDE || major == TOK_ALTER || major == TOK_TEST;
  if (item && pc->depth > 0 && pc->open[pc->depth - 1].kind == TOK_LBRACE) {
    uint32_t line, col;
    src_linecol(pc->src, pc->open[pc->depth - 1].off, &line, &col);
    diag_error(pc->diags, pc->src, sp,
               "expected `}` (to close `{` at line %u), found %s", line,
               tok_name(major));
    pc->unclosed_said = true;
    return;
  }
  const char *text = pc->src->bytes + t->off;
  if (major == TOK_IDENT || major == TOK_NUMBER)
    diag_error(pc->diags, pc->src, sp, "unexpected %s `%.*s`",
               major == TOK_IDENT ? "name" : "number",
               (int)t->len, text);
  else
    diag_error(pc->diags, pc->src, sp, "unexpected %s", tok_name(major));
  if (major == TOK_ASSIGN)
    diag_help(pc->diags, "compare with `==`; `=` only names a `let`");
}

void parse_stack_overflow(ParseCtx *pc) {
  pc->failed = true;
  pc->overflow = true;
  Span sp = {pc->last.off, pc->last.len};
  diag_error(pc->diags, pc->src, sp, "expression nested too deeply");
}

/* The statements after `for x in T:` that are indented further than `for`
 * (or that stand on its line) form its body; the rest follow the loop.
 * Applied recursively to every statement list of a rule. */
static void fold_for(ParseCtx *pc, Ast *block) {
  int out = 0;
  for (int i = 0; i < block->n; i++) {
    Ast *s = block->list[i];
    block->list[out++] = s;
    if (s->kind != AST_FOR || s->cap == -1) {
      if (s->kind == AST_FOR)
        fold_for(pc, s);
      continue;
    }
    uint32_t line, col;
    src_linecol(pc->src, s->op.off, &line, &col);
    Ast *body = ast_list(pc);
    while (i + 1 < block->n) {
      uint32_t l2, c2;
      src_linecol(pc->src, block->list[i + 1]->span.off, &l2, &c2);
      if (!(l2 == line || c2 > col))
        break;
      ast_push(pc, body, block->list[++i]);
    }
    s->list = body->list;
    s->n = body->n;
    s->cap = -1;
    if (s->n == 0) {
      diag_error(pc->diags, pc->src, s->op,
                 "`for` has no indented statement after its `:`");
      diag_help(pc->diags, "indent the statements of the loop body further "
                           "than `for`, or use `for … { … }`");
      pc->failed = true;
    }
    fold_for(pc, s);
  }
  block->n = out;
}

/* Runs the lexer and parser over [text] (starting at byte [off] of the Src)
 * with the start token [mode]. */
static void run(ParseCtx *pc, int mode, const char *text, uint32_t len,
                uint32_t off, bool escaped_quotes) {
  lex_init(&pc->lx, pc->src, text, len, off, pc->diags);
  pc->lx.escaped_quotes = escaped_quotes;
  void *p = fisc_parse_Alloc(malloc, pc);
  if (!p) {
    diag_error(pc->diags, NULL, (Span){0, 0}, "out of memory");
    exit(2);
  }
  Tok t = {mode, off, 0};
  fisc_parse_(p, mode, t);
  // Open brackets (pc->open): kind and position, to name an unclosed
  // opener.
  Tok *open = pc->open;
  int depth = 0;
  bool too_deep = false;
  uint32_t stmt_tokens = 0;
  for (;;) {
    int k = lex_next(&pc->lx, &t);
    // A new statement or item resets the count.
    if (k == TOK_ASSERT || k == TOK_LET || k == TOK_RULE || k == TOK_FOR ||
        k == TOK_CLAIM || k == TOK_CLAIMQ || k == TOK_TABLE ||
        k == TOK_TEST || k == TOK_WITH || k == TOK_EXPECT)
      stmt_tokens = 0;
    if (++stmt_tokens > PARSE_MAX_STMT_TOKENS) {
      diag_error(pc->diags, pc->src, (Span){t.off, t.len},
                 "statement longer than %d tokens", PARSE_MAX_STMT_TOKENS);
      diag_help(pc->diags, "split it into several `let`s");
      pc->failed = true;
      break;
    }
    if (pc->lx.had_error)
      pc->lexed_bad = true;
    if (k == TOK_LPAREN || k == TOK_LBRACKET || k == TOK_LBRACE) {
      if (depth == PARSE_MAX_NESTING) {
        if (!too_deep)
          diag_error(pc->diags, pc->src, (Span){t.off, t.len},
                     "brackets nested more than %d deep", PARSE_MAX_NESTING);
        too_deep = true;
        pc->failed = true;
        break;
      }
      open[depth++] = t;
    } else if (k == TOK_RPAREN || k == TOK_RBRACKET || k == TOK_RBRACE) {
      int want = k == TOK_RPAREN     ? TOK_LPAREN
                 : k == TOK_RBRACKET ? TOK_LBRACKET
                                     : TOK_LBRACE;
      if (depth > 0 && open[depth - 1].kind == want)
        depth--;
    } else if (k == 0 && depth > 0 && !pc->lexed_bad && !pc->unclosed_said) {
      // (After a lexical error -- an unterminated string that swallowed a
      // `]` -- the opener is that error's fault: say nothing more.)
      Tok o = open[depth - 1];
      uint32_t line, col;
      src_linecol(pc->src, o.off, &line, &col);
      diag_error(pc->diags, pc->src, (Span){o.off, o.len},
                 "unclosed %s (opened at line %u)", tok_name(o.kind), line);
      pc->failed = true;
      pc->lx.had_error = true; // the parser's own complaint would repeat it
    }
    pc->last = t;
    pc->depth = depth;
    fisc_parse_(p, k, t);
    if (k == 0 || pc->diags->stopped || pc->overflow)
      break;
  }
  // Other lexical errors leave holes in the tree.  (A confusable reported by
  // the lexer parses as what it stands for: the tree is sound, the file is
  // still wrong, and the caller sees that from the error count.)
  if (pc->lx.had_error || pc->lexed_bad)
    pc->failed = true;
  fisc_parse_Free(p, free);
}

Ast *parse_file(Arena *arena, Src *src, Diags *d) {
  ParseCtx pc = {0};
  pc.arena = arena;
  pc.src = src;
  pc.diags = d;
  pc.items = ast_list(&pc);
  run(&pc, TOK_MODE_FILE, src->bytes, (uint32_t)src->len, 0, false);
  if (pc.failed)
    return NULL;
  for (int i = 0; i < pc.items->n; i++) {
    Ast *r = pc.items->list[i];
    if (r->kind == AST_OVERRIDE)
      r = r->a;
    if (r->kind == AST_RULE) {
      Ast block = *r;
      block.kind = AST_LIST;
      fold_for(&pc, &block);
      r->n = block.n;
      r->list = block.list;
    }
  }
  return pc.failed ? NULL : pc.items;
}

Ast *parse_expr(Arena *arena, Src *src, uint32_t off, uint32_t len,
                bool in_string, Diags *d) {
  ParseCtx pc = {0};
  pc.arena = arena;
  pc.src = src;
  pc.diags = d;
  // The lexer needs a NUL-terminated text: lex a copy, positions offset.
  char *copy = arena_strndup(arena, src->bytes + off, len);
  run(&pc, TOK_MODE_EXPR, copy, len, off, in_string);
  if (!pc.failed && !pc.expr) {
    diag_error(d, src, (Span){off, len}, "empty `{}` in message");
    return NULL;
  }
  return pc.failed ? NULL : pc.expr;
}
