/* lang/lexer.re -- tokenizer for the rules language (re2c 3.0, UTF-8 mode).
 *
 * build/gen/lexer.c is GENERATED from this file by re2c; never edit it.
 * The lexer reports its own errors and recovers (see lexer.h): confusable
 * full-width punctuation typed by a Chinese input method is reported with a
 * help line and then returned as the ASCII token it stands for. */
#include "lang/lexer.h"

#include <stdio.h>
#include <string.h>

#include "grammar.h"
#include "lang/uwidth.h"

/*!include:re2c "unicode_categories.re" */

void lex_init(Lexer *lx, Src *src, const char *text, uint32_t n,
              uint32_t base_off, Diags *d) {
  lx->base = (const unsigned char *)text;
  lx->cur = lx->base;
  lx->lim = lx->base + n;
  lx->base_off = base_off;
  lx->src = src;
  lx->diags = d;
  lx->want_rule_id = false;
  lx->prev_kind = 0;
  lx->had_error = false;
  lx->escaped_quotes = false;
  // A UTF-8 byte-order mark (Windows Notepad) at the start of a file.
  if (base_off == 0 && n >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0)
    lx->cur += 3;
}

static Span span_of(const Lexer *lx, const unsigned char *start,
                    const unsigned char *end) {
  Span s = {lx->base_off + (uint32_t)(start - lx->base),
            (uint32_t)(end - start)};
  return s;
}

static int tok(Tok *t, int kind, const unsigned char *start, Lexer *lx) {
  Span s = span_of(lx, start, lx->cur);
  t->kind = kind;
  t->off = s.off;
  t->len = s.len;
  // A rule ID follows `rule`, and `expect fail|pass|skip`.
  lx->want_rule_id = kind == TOK_RULE ||
                     (kind == TOK_IDENT && lx->prev_kind == TOK_EXPECT);
  lx->prev_kind = kind;
  return kind;
}

/* A full-width character where ASCII punctuation was meant: report it with
 * the ASCII replacement, which the caller then returns as a token. */
static void confusable(Lexer *lx, const unsigned char *start,
                       const char *ascii) {
  int32_t cp;
  uwidth_decode((const char *)start, (size_t)(lx->cur - start), &cp);
  diag_error(lx->diags, lx->src, span_of(lx, start, lx->cur),
             "fullwidth `%.*s` (U+%04X) is not valid here",
             (int)(lx->cur - start), (const char *)start, (unsigned)cp);
  diag_help(lx->diags, "use ASCII `%s` instead", ascii);
}

/* Any other character that cannot start a token: report and skip it. */
static void bad_char(Lexer *lx, const unsigned char *start) {
  lx->had_error = true;
  Span s = span_of(lx, start, lx->cur);
  if (*start >= 0x80 && lx->cur - start == 1) {
    // One damaged character is one error: skip its continuation bytes.
    for (int k = 0; k < 3 && lx->cur < lx->lim && (*lx->cur & 0xC0) == 0x80;
         k++)
      lx->cur++;
    diag_error(lx->diags, lx->src, s, "invalid UTF-8 byte `\\x%02X`",
               (unsigned)*start);
    diag_help(lx->diags, "save the rule file as UTF-8");
  } else if (*start < 0x20 || *start == 0x7f) {
    diag_error(lx->diags, lx->src, s, "control character `\\x%02X` in rules",
               (unsigned)*start);
  } else {
    int32_t cp;
    uwidth_decode((const char *)start, (size_t)(lx->cur - start), &cp);
    diag_error(lx->diags, lx->src, s, "unexpected character `%.*s` (U+%04X)",
               (int)(lx->cur - start), (const char *)start, (unsigned)cp);
  }
}

/* A rule ID is everything up to the next space, quote or brace: IDs such as
 * `I-05` or `T03.1` are not expressions, so the lexer reads them raw right
 * after the keyword `rule`. */
static int rule_id(Lexer *lx, Tok *t) {
  while (lx->cur < lx->lim &&
         (*lx->cur == ' ' || *lx->cur == '\t' || *lx->cur == '\r' ||
          *lx->cur == '\n'))
    lx->cur++;
  const unsigned char *start = lx->cur;
  while (lx->cur < lx->lim && !strchr(" \t\r\n\"{#", *lx->cur))
    lx->cur++;
  if (lx->cur == start) { // no ID: let the parser report it
    lx->want_rule_id = false;
    return -1;
  }
  return tok(t, TOK_RULEID, start, lx);
}

int lex_next(Lexer *lx, Tok *t) {
  if (lx->want_rule_id) {
    int k = rule_id(lx, t);
    if (k >= 0)
      return k;
  }
  for (;;) {
    const unsigned char *start = lx->cur, *YYMARKER;
    // In `{…}` of a message, a string is written \"…\" (the message's own
    // quotes are escaped); the token keeps the backslashes.
    if (lx->escaped_quotes && start[0] == '\\' && start[1] == '"') {
      const unsigned char *q = start + 2;
      while (q < lx->lim && !(q[0] == '\\' && q[1] == '"'))
        q++;
      if (q < lx->lim) {
        lx->cur = q + 2;
        return tok(t, TOK_STRING, start, lx);
      }
    }
    (void)YYMARKER;
    /*!re2c
      re2c:define:YYCTYPE  = "unsigned char";
      re2c:define:YYCURSOR = "lx->cur";
      re2c:define:YYLIMIT  = "lx->lim";
      re2c:define:YYMARKER = "YYMARKER";
      re2c:yyfill:enable   = 0;
      re2c:eof             = 0;

      id_start = L | Nl | [_];
      id_cont  = id_start | Mn | Mc | Nd | Pc;
      digit    = [0-9];
      unit     = "元" | "万元" | "亿元" | "%" | "％";
      strchar  = [^"\\\n\x00] | "\\" [^\n\x00];
      other    = [\u0080-\U0010FFFF];

      $                        { return tok(t, 0, start, lx); }
      [ \t\r\n]+               { continue; }
      "#" [^\n\x00]*           { continue; }

      "import"                 { return tok(t, TOK_IMPORT, start, lx); }
      "table"                  { return tok(t, TOK_TABLE, start, lx); }
      "key"                    { return tok(t, TOK_KEY, start, lx); }
      "let"                    { return tok(t, TOK_LET, start, lx); }
      "rule"                   { return tok(t, TOK_RULE, start, lx); }
      "assert"                 { return tok(t, TOK_ASSERT, start, lx); }
      "else"                   { return tok(t, TOK_ELSE, start, lx); }
      "for"                    { return tok(t, TOK_FOR, start, lx); }
      "in"                     { return tok(t, TOK_IN, start, lx); }
      "where"                  { return tok(t, TOK_WHERE, start, lx); }
      "if"                     { return tok(t, TOK_IF, start, lx); }
      "then"                   { return tok(t, TOK_THEN, start, lx); }
      "and"                    { return tok(t, TOK_AND, start, lx); }
      "or"                     { return tok(t, TOK_OR, start, lx); }
      "not"                    { return tok(t, TOK_NOT, start, lx); }
      "claim"                  { return tok(t, TOK_CLAIM, start, lx); }
      "claim?"                 { return tok(t, TOK_CLAIMQ, start, lx); }
      "all"                    { return tok(t, TOK_ALL, start, lx); }
      "ref"                    { return tok(t, TOK_REF, start, lx); }
      "drop"                   { return tok(t, TOK_DROP, start, lx); }
      "override"               { return tok(t, TOK_OVERRIDE, start, lx); }
      "alter"                  { return tok(t, TOK_ALTER, start, lx); }
      "add"                    { return tok(t, TOK_ADD, start, lx); }
      "rename"                 { return tok(t, TOK_RENAME, start, lx); }
      "to"                     { return tok(t, TOK_TO, start, lx); }
      "tags"                   { return tok(t, TOK_TAGS, start, lx); }
      "since"                  { return tok(t, TOK_SINCE, start, lx); }
      "until"                  { return tok(t, TOK_UNTIL, start, lx); }
      "test"                   { return tok(t, TOK_TEST, start, lx); }
      "with"                   { return tok(t, TOK_WITH, start, lx); }
      "expect"                 { return tok(t, TOK_EXPECT, start, lx); }
      "true"                   { return tok(t, TOK_TRUE, start, lx); }
      "false"                  { return tok(t, TOK_FALSE, start, lx); }

      id_start id_cont*        { return tok(t, TOK_IDENT, start, lx); }
      "`" [^`\n\x00]+ "`"      { return tok(t, TOK_IDENT, start, lx); }
      digit+ ("." digit+)? unit? { return tok(t, TOK_NUMBER, start, lx); }
      ["] strchar* ["]         { return tok(t, TOK_STRING, start, lx); }
      ["] strchar*             {
        lx->had_error = true;
        diag_error(lx->diags, lx->src, span_of(lx, start, start + 1),
                   "unterminated string");
        diag_help(lx->diags, "close it with `\"` on the same line");
        return tok(t, TOK_STRING, start, lx);
      }
      "“" [^"”\n\x00]* ["”]   {
        diag_error(lx->diags, lx->src, span_of(lx, start, start + 3),
                   "curly quote `“` (U+201C) is not valid here");
        diag_help(lx->diags, "use ASCII `\"` around strings");
        return tok(t, TOK_STRING, start, lx);
      }

      "("  { return tok(t, TOK_LPAREN, start, lx); }
      ")"  { return tok(t, TOK_RPAREN, start, lx); }
      "["  { return tok(t, TOK_LBRACKET, start, lx); }
      "]"  { return tok(t, TOK_RBRACKET, start, lx); }
      "{"  { return tok(t, TOK_LBRACE, start, lx); }
      "}"  { return tok(t, TOK_RBRACE, start, lx); }
      ","  { return tok(t, TOK_COMMA, start, lx); }
      ":"  { return tok(t, TOK_COLON, start, lx); }
      "."  { return tok(t, TOK_DOT, start, lx); }
      "="  { return tok(t, TOK_ASSIGN, start, lx); }
      "+"  { return tok(t, TOK_PLUS, start, lx); }
      "-" | "−" { return tok(t, TOK_MINUS, start, lx); }
      "*" | "×" { return tok(t, TOK_STAR, start, lx); }
      "/" | "÷" { return tok(t, TOK_SLASH, start, lx); }
      "==" { return tok(t, TOK_EQ, start, lx); }
      "!=" | "≠" { return tok(t, TOK_NE, start, lx); }
      "<"  { return tok(t, TOK_LT, start, lx); }
      "<=" | "≤" { return tok(t, TOK_LE, start, lx); }
      ">"  { return tok(t, TOK_GT, start, lx); }
      ">=" | "≥" { return tok(t, TOK_GE, start, lx); }
      "≈" | "~=" { return tok(t, TOK_APPROX, start, lx); }
      // `+-` too: `99.5 +- 0.5` means a tolerance far more often than
      // `99.5 + -0.5`, and elsewhere it is a syntax error, never silent.
      "±" | "+/-" | "+-" { return tok(t, TOK_PM, start, lx); }
      "??" { return tok(t, TOK_QQ, start, lx); }
      "%"  { return tok(t, TOK_PERCENT, start, lx); }

      // Full-width punctuation typed by a Chinese input method.
      "（" { confusable(lx, start, "(");  return tok(t, TOK_LPAREN, start, lx); }
      "）" { confusable(lx, start, ")");  return tok(t, TOK_RPAREN, start, lx); }
      "：" { confusable(lx, start, ":");  return tok(t, TOK_COLON, start, lx); }
      "，" { confusable(lx, start, ",");  return tok(t, TOK_COMMA, start, lx); }
      "＝" { confusable(lx, start, "=");  return tok(t, TOK_ASSIGN, start, lx); }
      "＜" { confusable(lx, start, "<");  return tok(t, TOK_LT, start, lx); }
      "＞" { confusable(lx, start, ">");  return tok(t, TOK_GT, start, lx); }
      "【" { confusable(lx, start, "[");  return tok(t, TOK_LBRACKET, start, lx); }
      "】" { confusable(lx, start, "]");  return tok(t, TOK_RBRACKET, start, lx); }
      "＋" { confusable(lx, start, "+");  return tok(t, TOK_PLUS, start, lx); }
      "－" { confusable(lx, start, "-");  return tok(t, TOK_MINUS, start, lx); }
      "；" {
        diag_error(lx->diags, lx->src, span_of(lx, start, lx->cur),
                   "fullwidth `；` (U+FF1B) is not valid here");
        diag_help(lx->diags, "delete it: a statement ends at the end of its "
                             "line");
        continue;
      }
      "　" { confusable(lx, start, "space"); continue; }
      "”"  {
        diag_error(lx->diags, lx->src, span_of(lx, start, lx->cur),
                   "curly quote `”` (U+201D) is not valid here");
        diag_help(lx->diags, "use ASCII `\"` around strings");
        lx->had_error = true;
        continue;
      }

      other { bad_char(lx, start); continue; }
      *     { bad_char(lx, start); continue; }
    */
  }
}
