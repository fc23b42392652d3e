/* lang/tok.h -- a token: a kind (TOK_* from the Lemon grammar) and a byte
 * slice of the source.  Tokens never own memory. */
#ifndef FISC_TOK_H
#define FISC_TOK_H

#include <stdint.h>

typedef struct Tok {
  int kind;          // TOK_* (grammar.h); 0 = end of input
  uint32_t off, len; // bytes in the Src
} Tok;

#endif
