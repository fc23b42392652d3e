/* lang/parse.h -- the parse driver (prefix parse_): lexer -> Lemon parser.
 * Also declares the Lemon-generated entry points, which only parse.c calls. */
#ifndef FISC_PARSE_H
#define FISC_PARSE_H

#include <stdbool.h>
#include <stddef.h>

#include "lang/arena.h"
#include "lang/ast.h"
#include "lang/diag.h"
#include "lang/lexer.h"

// Brackets nested deeper than this are refused: no rule needs 200 levels,
// and the limit keeps the parser stack and the evaluator's recursion bounded.
#define PARSE_MAX_NESTING 200

typedef struct ParseCtx {
  Arena *arena;   // program arena: every node goes here
  Src *src;
  Diags *diags;
  Lexer lx;
  Ast *items;     // MODE_FILE: the file's items, in order
  Ast *expr;      // MODE_EXPR: the expression
  Tok last;       // last token handed to the parser
  int errors;     // syntax errors reported in this parse
  bool failed;    // the tree is unusable (syntax error, bad character)
  bool lexed_bad; // a lexical error happened somewhere in this parse
  bool overflow;  // the parser stack overflowed: stop, say nothing more
  Tok open[PARSE_MAX_NESTING]; // open brackets, innermost last
  int depth;
  bool unclosed_said; // an unclosed `{` was reported already
} ParseCtx;

/* Parses the whole of [src].  Returns the list of items (AST_LIST of
 * AST_IMPORT/TABLE/LET/RULE), or NULL when the tree is unusable.  A file
 * whose only errors are confusable characters (reported, and read as the
 * ASCII they stand for) still returns its items, so the checker can report
 * more; the caller knows the file failed from the error count.  Nodes are
 * owned by [arena]. */
Ast *parse_file(Arena *arena, Src *src, Diags *d);
/* Parses the [len] bytes at byte [off] of [src] as one expression (used for
 * `{…}` interpolations in messages, where a quote inside is written `\"`:
 * [in_string] reads `\"` as `"`).  Returns NULL on error. */
Ast *parse_expr(Arena *arena, Src *src, uint32_t off, uint32_t len,
                bool in_string, Diags *d);

// Called from grammar actions.
void parse_item(ParseCtx *pc, Ast *item);
void parse_syntax_error(ParseCtx *pc, int major, const Tok *t);
void parse_stack_overflow(ParseCtx *pc);

// Lemon-generated (build/gen/grammar.c).
void *fisc_parse_Alloc(void *(*malloc_fn)(size_t), ParseCtx *pc);
void fisc_parse_Free(void *p, void (*free_fn)(void *));
void fisc_parse_(void *p, int major, Tok minor);
void fisc_parse_Init(void *p, ParseCtx *pc);
void fisc_parse_Finalize(void *p);
int fisc_parse_Fallback(int token);
#ifndef NDEBUG
#include <stdio.h>
void fisc_parse_Trace(FILE *out, char *prefix);
#endif

#endif
