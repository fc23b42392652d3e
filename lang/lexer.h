/* lang/lexer.h -- tokenizer for the rules language (prefix lex_).
 * Reports lexical errors itself (through Diags) and recovers: a confusable
 * full-width character is reported with a hint and then returned as its
 * ASCII token, so the parser sees what the author meant and nothing cascades;
 * any other bad byte is reported, skipped, and marks the parse so that the
 * next syntax error is not reported on top of it. */
#ifndef FISC_LEXER_H
#define FISC_LEXER_H

#include <stdbool.h>
#include <stdint.h>

#include "lang/diag.h"
#include "lang/tok.h"

typedef struct Lexer {
  const unsigned char *base; // start of the text being lexed (NUL-terminated)
  const unsigned char *cur;
  const unsigned char *lim;  // points at the terminating NUL
  uint32_t base_off;         // offset of base within src (sub-range lexing)
  Src *src;
  Diags *diags;
  bool want_rule_id;         // a rule ID comes next (after `rule`, or
                             // after `expect fail`)
  int prev_kind;             // the previous token's kind
  bool had_error;            // a lexical error since the last check
  bool escaped_quotes;       // inside a message's {…}: \" delimits strings
} Lexer;

/* Prepares [lx] to lex the NUL-terminated [n] bytes at [text], which start at
 * byte [base_off] of [src] (0 for a whole file). */
void lex_init(Lexer *lx, Src *src, const char *text, uint32_t n,
              uint32_t base_off, Diags *d);
/* Stores the next token in [*t] and returns its kind (0 at the end). */
int lex_next(Lexer *lx, Tok *t);

#endif
