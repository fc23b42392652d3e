/* tests/fuzz/fuzz_narrative.c -- libFuzzer harness for the narrative side:
 * the input's first line is a claim pattern, the rest a 说明.txt.  The
 * pattern is compiled; the text is decoded as the loader does it, then
 * normalised and outlined (narrative_build); every match is then claimed
 * the way `claim all` walks the text, over the whole document and inside
 * each section, and the holes are read as the evaluator reads them.
 * Invariants of matches, sections and the offset map trap when broken. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "lang/arena.h"
#include "lang/diag.h"
#include "lang/pattern.h"
#include "runtime/load.h"
#include "runtime/match.h"
#include "runtime/narrative.h"
#include "runtime/num.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

// Matches claimed in one walk; the walk advances by at least one byte per
// match, so it ends anyway -- this only keeps a huge input's run short.
#define FUZZ_MAX_MATCHES 4096
// Sections walked on their own, as `claim … in section "…"` does.
#define FUZZ_MAX_SECTIONS 16

#define CHECK(c)                                                             \
  do {                                                                       \
    if (!(c))                                                                \
      __builtin_trap();                                                      \
  } while (0)

/* Claims every match of [p] in [from, to) as interp.c's run_claim does,
 * reading each bound hole like hole_value. */
static void claim_all(const Pattern *p, const Narrative *n, uint32_t from,
                      uint32_t to, Arena *a) {
  Match m;
  uint32_t pos = from;
  int k = 0;
  while (pos <= to && k++ < FUZZ_MAX_MATCHES &&
         match_find(p, n->norm.text, pos, to, &m)) {
    CHECK(m.start >= pos && m.start <= m.end && m.end <= to);
    CHECK(m.alt >= 0 && m.alt < p->n_alts);
    CHECK(narrative_orig(n, m.start) <= n->src->len);
    CHECK(narrative_orig(n, m.end) <= n->src->len);
    for (int h = 0; h < p->n_holes; h++) {
      if (!m.bound[h])
        continue;
      uint32_t hs = m.hole_start[h], he = m.hole_end[h];
      CHECK(m.start <= hs && hs <= he && he <= m.end);
      const char *t = n->norm.text + hs;
      uint32_t len = he - hs;
      if (p->holes[h].kind == HOLE_TEXT || p->holes[h].kind == HOLE_DATE)
        continue;
      if (len && t[len - 1] == '%')
        len--;
      NumParseError err;
      (void)num_parse(a, t, len, &err);
    }
    pos = m.end > m.start ? m.end : m.start + 1;
  }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  const char *s = (const char *)data;
  const char *nl = memchr(s, '\n', size);
  size_t plen = nl ? (size_t)(nl - s) : size;
  size_t toff = nl ? plen + 1 : size;

  Arena a;
  arena_init(&a);
  Diags d;
  diag_init(&d);
  Src *src = src_from_string("sub/说明.txt", s + toff, size - toff);
  const char *err = NULL;
  uint32_t err_off = 0;
  Pattern *p = pattern_compile(&a, s, (uint32_t)plen, &err, &err_off);
  if (!p)
    CHECK(err && err_off <= plen);

  if (load_decode(src, &d)) {
    Narrative n;
    narrative_build(&n, src, &a);
    const Norm *nm = &n.norm;
    CHECK(nm->text[nm->len] == '\0');
    CHECK(nm->map[nm->len] == src->len);
    for (uint32_t i = 0; i < nm->len; i++)
      CHECK(nm->map[i] <= nm->map[i + 1]);
    CHECK(n.n_sections >= 0 && n.n_sections <= NARRATIVE_MAX_SECTIONS);
    for (int i = 0; i < n.n_sections; i++) {
      const Section *sec = &n.sections[i];
      CHECK(sec->level >= 1 && sec->level <= 5);
      CHECK(sec->start <= sec->end && sec->end <= nm->len);
      CHECK(sec->line >= 1);
    }
    // The pattern line doubles as a section title to look up.
    int si = narrative_section(&n, s, (uint32_t)plen, &a);
    CHECK(si >= -1 && si < n.n_sections);
    if (p) {
      claim_all(p, &n, 0, nm->len, &a);
      for (int i = 0; i < n.n_sections && i < FUZZ_MAX_SECTIONS; i++)
        claim_all(p, &n, n.sections[i].start, n.sections[i].end, &a);
    }
  }
  arena_free(&a);
  diag_free(&d);
  src_free(src);
  return 0;
}
