/* lang/pattern.c -- compiling claim patterns (prefix pattern_): alternatives
 * of literal runs (normalised with norm_text), typed holes with the unit of
 * the literal after them, and `*` fillers.  It only builds the Pattern
 * (runtime/match.c searches with it); errors are returned as message and
 * byte offset, never printed -- the caller makes the diagnostic. */
#include "lang/pattern.h"

#include <stdio.h>
#include <string.h>

#include "lang/norm.h"

/* What compiling one pattern needs besides the result. */
typedef struct Comp {
  Arena *a;
  const char *s;        // the pattern as written
  uint32_t len;
  Pattern *p;
  PatAlt alts[PATTERN_MAX_ALTS];  // built here, copied to the arena at the end
  uint32_t item_off[PATTERN_MAX_ITEMS]; // source offset of each item of the
                                        // current alternative, for messages
  char *raw;            // the current literal run, escapes resolved
  uint32_t raw_len;
  uint32_t raw_off;     // source offset where the run began
  const char *err;
  uint32_t err_off;
} Comp;

/* Records the first error; later ones are consequences and are dropped. */
static bool fail(Comp *c, uint32_t off, const char *msg) {
  if (!c->err) {
    c->err = msg;
    c->err_off = off;
  }
  return false;
}

/* Returns the item slot for a new item at source offset [off] in the current
 * alternative, or NULL (with the error set) when the alternative is full. */
static PatItem *new_item(Comp *c, uint32_t off) {
  PatAlt *alt = &c->alts[c->p->n_alts];
  if (alt->n == PATTERN_MAX_ITEMS) {
    fail(c, off,
         arena_sprintf(c->a, "too many parts in one alternative (at most %d)",
                       PATTERN_MAX_ITEMS));
    return NULL;
  }
  c->item_off[alt->n] = off;
  PatItem *it = &alt->items[alt->n++];
  memset(it, 0, sizeof *it);
  it->hole = -1;
  return it;
}

/* Stores in [it] the ends of the first PATTERN_PROBE_CHARS characters of
 * its literal, the length of each read from its lead byte's high nibble;
 * none when one of them is cut short or starts with a continuation byte
 * (a normalised literal never does: it is valid UTF-8). */
static void char_ends(PatItem *it) {
  static const unsigned char len_by_nibble[16] = {
      1, 1, 1, 1, 1, 1, 1, 1, // 0xxx: ASCII
      1, 1, 1, 1,             // 10xx: continuation, refused below
      2, 2,                   // 110x
      3,                      // 1110
      4,                      // 1111
  };
  const unsigned char *u = (const unsigned char *)it->lit;
  uint32_t i = 0;
  it->n_chars = 0;
  while (i < it->len && it->n_chars < PATTERN_PROBE_CHARS) {
    uint32_t k = len_by_nibble[u[i] >> 4];
    if (k > it->len - i || (u[i] & 0xC0) == 0x80) {
      it->n_chars = 0;
      return;
    }
    i += k;
    it->char_end[it->n_chars++] = (uint8_t)i;
  }
}

/* Ends the current literal run: normalises it (so it compares equal to the
 * narrative's normal form) and appends it as one item.  A run of nothing but
 * white space normalises to nothing and adds no item. */
static bool flush_literal(Comp *c) {
  if (c->raw_len == 0)
    return true;
  Norm nm;
  norm_text(c->a, c->raw, c->raw_len, 0, false, &nm);
  c->raw_len = 0;
  if (nm.len == 0)
    return true;
  PatItem *it = new_item(c, c->raw_off);
  if (!it)
    return false;
  it->kind = PIT_LIT;
  it->lit = nm.text;
  it->len = nm.len;
  char_ends(it);
  return true;
}

/* Appends byte [b] (source offset [off]) to the current literal run. */
static void add_raw(Comp *c, char b, uint32_t off) {
  if (c->raw_len == 0)
    c->raw_off = off;
  c->raw[c->raw_len++] = b;
}

/* The hole types after `:`, in the order of HoleKind. */
static const struct {
  const char *name;
  HoleKind kind;
} hole_types[] = {
    {"num", HOLE_NUM},   // also the default: {x}
    {"pct", HOLE_PCT},   // number, then % (consumed)
    {"int", HOLE_INT},   // digits only
    {"text", HOLE_TEXT}, // shortest text up to the next literal
    {"date", HOLE_DATE}, // YYYY年M月D日
};

/* True for ASCII blanks around a hole's name and type ("{ 合计 : pct }"). */
static bool blank(char ch) { return ch == ' ' || ch == '\t'; }

/* Returns true when a hole of kind [k] and unit [u] could bind the same
 * variable as [h]: both numbers ({x} and {x:pct} are both numbers) or both
 * the same non-number kind, and no two different units.  A phrasing that
 * names no unit ("支出{x}万元|支出{x}") takes the unit of the other; the
 * first unit seen is kept in [h]. */
static bool same_type(PatHole *h, HoleKind k, Unit u) {
  bool num_h = h->kind == HOLE_NUM || h->kind == HOLE_PCT;
  bool num_k = k == HOLE_NUM || k == HOLE_PCT;
  if (num_h != num_k || (!num_h && h->kind != k))
    return false;
  if (h->unit == UNIT_NONE)
    h->unit = u;
  return u == UNIT_NONE || h->unit == u;
}

/* Parses the hole "{name[:type]}" whose `{` is at [c->s + open] and appends
 * it.  Returns the offset just past its `}`, or 0 on error.  A full-width
 * colon `：` separates too: the pattern is typed in Chinese and its literal
 * text folds `：` to `:` anyway.
 *
 *   hole -> '{' blank* name blank* [ (':' | '：') blank* type blank* ] '}' */
static uint32_t parse_hole(Comp *c, uint32_t open) {
  const char *s = c->s;
  const char *close = memchr(s + open + 1, '}', c->len - open - 1);
  if (!close)
    return fail(c, open, "unclosed `{` (write `\\{` for a literal brace)"), 0;
  uint32_t end = (uint32_t)(close - s);
  if (memchr(s + open + 1, '{', end - open - 1))
    return fail(c, open, "unclosed `{` (write `\\{` for a literal brace)"), 0;
  // Split at the first ':' or '：' (UTF-8 EF BC 9A).
  uint32_t name_end = end, type_off = end;
  for (uint32_t i = open + 1; i < end; i++) {
    if (s[i] == ':') {
      name_end = i;
      type_off = i + 1;
      break;
    }
    if (i + 2 < end && memcmp(s + i, "\xEF\xBC\x9A", 3) == 0) {
      name_end = i;
      type_off = i + 3;
      break;
    }
  }
  uint32_t n0 = open + 1, n1 = name_end;
  while (n0 < n1 && blank(s[n0]))
    n0++;
  while (n1 > n0 && blank(s[n1 - 1]))
    n1--;
  if (n0 == n1)
    return fail(c, open, "empty hole name"), 0;
  HoleKind kind = HOLE_NUM;
  if (name_end < end) {
    uint32_t t0 = type_off, t1 = end;
    while (t0 < t1 && blank(s[t0]))
      t0++;
    while (t1 > t0 && blank(s[t1 - 1]))
      t1--;
    size_t i, n = sizeof hole_types / sizeof hole_types[0];
    for (i = 0; i < n; i++)
      if (strlen(hole_types[i].name) == t1 - t0 &&
          memcmp(hole_types[i].name, s + t0, t1 - t0) == 0)
        break;
    if (i == n)
      return fail(c, t0,
                  arena_sprintf(c->a,
                                "unknown hole type `%.*s` (expected `pct`, "
                                "`int`, `text`, `date` or none)",
                                (int)(t1 - t0), s + t0)),
             0;
    kind = hole_types[i].kind;
  }
  PatItem *it = new_item(c, open);
  if (!it)
    return 0;
  it->kind = PIT_HOLE;
  it->len = n1 - n0;   // the name, until holes are resolved in end_alt
  it->lit = s + n0;
  it->hole = (int)kind;
  // {x:pct} is {x}%: the % becomes literal text (joining the literal after
  // it), so the matcher treats both spellings alike and an alternative may
  // use either for the same variable.
  if (kind == HOLE_PCT)
    add_raw(c, '%', end);
  return end + 1;
}

/* Returns the unit a hole takes from the literal right after it: 万元, 亿元,
 * 元 or % (already normalised, so ％ is %). */
static Unit unit_after(const PatItem *next) {
  if (!next || next->kind != PIT_LIT)
    return UNIT_NONE;
  static const struct {
    const char *text;
    Unit unit;
  } units[] = {
      {"万元", UNIT_WAN}, // before 元: 万元 also ends in 元
      {"亿元", UNIT_YI},
      {"元", UNIT_YUAN},
      {"%", UNIT_PCT},
  };
  for (size_t i = 0; i < sizeof units / sizeof units[0]; i++) {
    size_t n = strlen(units[i].text);
    if (next->len >= n && memcmp(next->lit, units[i].text, n) == 0)
      return units[i].unit;
  }
  return UNIT_NONE;
}

/* Checks the alternative just finished and resolves its holes against the
 * pattern's hole table.  [bar] is the offset of the `|` (or the end) that
 * closed it, [open] that of the `|` that opened it (0 for the first).
 *
 * Rules: not empty; no `*` at either end or twice in a row; a literal
 * between any two holes (a filler is not enough: two numbers with only a
 * filler between could split one written figure anywhere); a text hole is
 * followed by a literal or ends the alternative, and does not start an
 * alternative that has no literal after it; each name once per alternative,
 * and with one type across alternatives. */
static bool end_alt(Comp *c, uint32_t open, uint32_t bar) {
  PatAlt *alt = &c->alts[c->p->n_alts];
  if (alt->n == 0)
    return fail(c, bar < c->len ? bar : open, "empty alternative");
  PatItem *it = alt->items;
  if (it[0].kind == PIT_FILLER)
    return fail(c, c->item_off[0], "`*` cannot start an alternative");
  if (it[alt->n - 1].kind == PIT_FILLER)
    return fail(c, c->item_off[alt->n - 1], "`*` cannot end an alternative");
  int last = -1; // index of the last non-filler item
  for (int i = 0; i < alt->n; i++) {
    if (it[i].kind == PIT_FILLER) {
      if (it[i - 1].kind == PIT_FILLER)
        return fail(c, c->item_off[i], "two `*` in a row");
      if (it[i - 1].kind == PIT_HOLE && it[i - 1].hole == HOLE_TEXT)
        return fail(c, c->item_off[i],
                    "`*` after a text hole (end the text with literal text)");
      continue;
    }
    if (it[i].kind == PIT_HOLE && last >= 0 && it[last].kind == PIT_HOLE)
      return fail(c, c->item_off[i],
                  "two holes need literal text between them");
    last = i;
  }
  if (it[0].kind == PIT_HOLE && it[0].hole == HOLE_TEXT &&
      (alt->n == 1 || it[1].kind != PIT_LIT))
    return fail(c, c->item_off[0],
                "a text hole at the start needs literal text after it");
  // Resolve names: it->lit/len hold the name and it->hole the kind until
  // here; afterwards hole is the index into Pattern.holes.
  Pattern *p = c->p;
  bool seen[PATTERN_MAX_HOLES] = {false};
  for (int i = 0; i < alt->n; i++) {
    if (it[i].kind != PIT_HOLE)
      continue;
    HoleKind kind = (HoleKind)it[i].hole;
    Unit unit = kind == HOLE_PCT ? UNIT_PCT : UNIT_NONE;
    if (kind == HOLE_NUM || kind == HOLE_INT)
      unit = unit_after(i + 1 < alt->n ? &it[i + 1] : NULL);
    int h;
    for (h = 0; h < p->n_holes; h++)
      if (strlen(p->holes[h].name) == it[i].len &&
          memcmp(p->holes[h].name, it[i].lit, it[i].len) == 0)
        break;
    const char *name = arena_strndup(c->a, it[i].lit, it[i].len);
    if (h == p->n_holes) {
      if (h == PATTERN_MAX_HOLES)
        return fail(c, c->item_off[i],
                    arena_sprintf(c->a, "too many holes (at most %d)",
                                  PATTERN_MAX_HOLES));
      p->holes[h].name = name;
      p->holes[h].kind = kind;
      p->holes[h].unit = unit;
      p->n_holes++;
    } else if (seen[h]) {
      return fail(c, c->item_off[i],
                  arena_sprintf(c->a, "hole `%s` appears twice", name));
    } else if (!same_type(&p->holes[h], kind, unit)) {
      return fail(c, c->item_off[i],
                  arena_sprintf(c->a,
                                "hole `%s` has another type or unit in an "
                                "earlier alternative",
                                name));
    }
    seen[h] = true;
    it[i].hole = h;
    it[i].lit = NULL;
    it[i].len = 0;
  }
  p->n_alts++;
  return true;
}

/* Scans the pattern once, left to right:
 *
 *   pattern -> alt ('|' alt)*
 *   alt     -> (literal | hole | '*')+
 *   literal -> (char | '\' ('{' | '}' | '*' | '|' | '\'))+
 */
Pattern *pattern_compile(Arena *a, const char *s, uint32_t len,
                         const char **err, uint32_t *err_off) {
  Comp comp; // about 13 KB: on the stack, so the arena keeps only results
  memset(&comp, 0, sizeof comp);
  Comp *c = &comp;
  c->a = a;
  c->s = s;
  c->len = len;
  c->p = arena_zalloc(a, sizeof *c->p);
  c->raw = arena_alloc(a, (size_t)len + 1);
  uint32_t open = 0; // offset of the `|` that opened the current alternative
  uint32_t i = 0;
  bool ok = true;
  while (ok && i < len) {
    char ch = s[i];
    switch (ch) {
    case '\\':
      if (i + 1 < len && s[i + 1] && strchr("{}*|\\", s[i + 1])) {
        add_raw(c, s[i + 1], i);
        i += 2;
      } else {
        ok = fail(c, i,
                  i + 1 < len ? "unknown escape (only `\\{` `\\}` `\\*` "
                                "`\\|` `\\\\` are allowed)"
                              : "`\\` at the end of the pattern");
      }
      break;
    case '{':
      ok = flush_literal(c);
      if (ok) {
        uint32_t next = parse_hole(c, i);
        ok = next != 0;
        i = next;
      }
      break;
    case '}':
      ok = fail(c, i, "unmatched `}` (write `\\}` for a literal brace)");
      break;
    case '*':
      ok = flush_literal(c);
      if (ok) {
        PatItem *it = new_item(c, i);
        ok = it != NULL;
        if (ok)
          it->kind = PIT_FILLER;
        i++;
      }
      break;
    case '|':
      ok = flush_literal(c) && end_alt(c, open, i);
      if (ok && c->p->n_alts == PATTERN_MAX_ALTS)
        ok = fail(c, i,
                  arena_sprintf(a, "too many alternatives (at most %d)",
                                PATTERN_MAX_ALTS));
      open = i;
      i++;
      break;
    default:
      add_raw(c, ch, i);
      i++;
    }
  }
  if (ok)
    ok = flush_literal(c) && end_alt(c, open, len);
  if (!ok) {
    *err = c->err;
    *err_off = c->err_off;
    return NULL;
  }
  Pattern *p = c->p;
  p->alts = arena_alloc(a, sizeof *p->alts * (size_t)p->n_alts);
  memcpy(p->alts, c->alts, sizeof *p->alts * (size_t)p->n_alts);
  Norm whole;
  norm_text(a, s, len, 0, false, &whole);
  p->text = whole.text;
  return p;
}
