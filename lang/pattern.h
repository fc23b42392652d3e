/* lang/pattern.h -- claim patterns (prefix pattern_): literal text with typed
 * holes, fillers and alternatives, compiled once from a rule's string.
 *
 *   "年度支出合计{合计}万元。其中:基本支出{基本}万元,占本年支出{占比:pct}"
 *
 *   {x}       a number: optional sign, digits with optional thousands
 *             separators, optional decimals (keeps its written precision)
 *   {x:pct}   a number followed by %  (the % is consumed)
 *   {x:int}   digits only
 *   {x:text}  the shortest text up to what follows the hole (never across
 *             。 or ；)
 *   {x:date}  YYYY年M月D日 (bound as text; year(d) reads the year)
 *   *         a short filler: at most PATTERN_MAX_FILLER characters, never
 *             crossing the end of a sentence (。;!?)
 *   |         separates alternative phrasings (at the top level)
 *   \{ \} \* \|  literal characters
 *
 * Literal text is normalised exactly like the narrative (norm.h), so
 * "完成年初预算的" matches across a line break, and full-width and ASCII
 * punctuation are the same.  A hole directly followed by 万元/元/亿元 takes
 * that unit; {x:pct} and a hole followed by % are percentages. */
#ifndef FISC_PATTERN_H
#define FISC_PATTERN_H

#include <stdbool.h>
#include <stdint.h>

#include "lang/arena.h"
#include "lang/unit.h"

// Characters (code points) a `*` filler may skip.
#define PATTERN_MAX_FILLER 30
// Holes in one pattern; items in one alternative; alternatives.
#define PATTERN_MAX_HOLES 16
#define PATTERN_MAX_ITEMS 64
#define PATTERN_MAX_ALTS 8
// Bytes a {x:text} hole may span.
#define PATTERN_MAX_TEXT 300
// Characters at the start of a literal whose ends are kept (PatItem's
// char_end): the matcher looks a literal up, in its text's index, by the
// rarest of them, and reads their bounds here instead of decoding them at
// every try of a text hole.  Among eight characters of a Chinese phrase
// one is nearly always rare.
#define PATTERN_PROBE_CHARS 8

typedef enum { HOLE_NUM, HOLE_PCT, HOLE_INT, HOLE_TEXT, HOLE_DATE } HoleKind;

typedef struct PatHole {
  const char *name;  // NUL-terminated
  HoleKind kind;
  Unit unit;         // from {x:pct} or the literal right after the hole
} PatHole;

typedef enum { PIT_LIT, PIT_HOLE, PIT_FILLER } PatItemKind;

typedef struct PatItem {
  PatItemKind kind;
  const char *lit;   // PIT_LIT: normalised bytes (not NUL-terminated)
  uint32_t len;
  int hole;          // PIT_HOLE: index into Pattern.holes
  // PIT_LIT: how many of its first PATTERN_PROBE_CHARS characters are whole
  // UTF-8 (0 when one of them is not), and where each ends: character k
  // is bytes [k ? char_end[k - 1] : 0, char_end[k]) of lit.
  uint8_t n_chars;
  uint8_t char_end[PATTERN_PROBE_CHARS];
} PatItem;

typedef struct PatAlt {
  PatItem items[PATTERN_MAX_ITEMS];
  int n;
} PatAlt;

typedef struct Pattern {
  PatHole holes[PATTERN_MAX_HOLES];  // union over the alternatives, by name
  int n_holes;
  PatAlt *alts;
  int n_alts;
  const char *text;  // normalised pattern, for messages
} Pattern;

/* Compiles the [len] bytes at [s] (the decoded string of a rule).  Returns
 * NULL and writes a message and the byte offset (into [s]) of the problem
 * when the pattern is malformed: unclosed `{`, unknown hole type, empty hole
 * name, two holes with no literal between them, an empty alternative,
 * limits exceeded. */
Pattern *pattern_compile(Arena *a, const char *s, uint32_t len,
                         const char **err, uint32_t *err_off);

#endif
