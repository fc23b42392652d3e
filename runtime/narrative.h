/* runtime/narrative.h -- a submission's narrative (说明.txt or 说明.md) as a
 * matchable source (prefix narrative_): the original text (UTF-8, converted
 * from GBK if need be) for diagnostics, its normal form (lang/norm.h) for
 * matching, and its outline -- the sections found through the official
 * heading hierarchy 第X部分 → 一、 → （一） → 1. → （1）. */
#ifndef FISC_NARRATIVE_H
#define FISC_NARRATIVE_H

#include <stdbool.h>

#include "lang/diag.h"
#include "lang/norm.h"
#include "runtime/match.h"

// Headings in one narrative; a document with more is cut off there (a
// real one has < 200).
#define NARRATIVE_MAX_SECTIONS 2000

typedef struct Section {
  int level;          // 1 第X部分, 2 一、, 3 （一）, 4 1., 5 （1）
  const char *title;  // the heading line, normalised, NUL-terminated
  uint32_t title_len; // its bytes (section lookups compare many titles)
  uint32_t start;     // normalised offset of the heading
  uint32_t end;       // normalised offset where the section ends (the next
                      // heading of the same or a higher level, or the end)
  uint32_t line;      // 1-based line of the heading in the original
  uint64_t bytes;     // bit (b & 63) set for each byte b of the title;
                      // 0 until a lookup first needs it (narrative.c)
} Section;

typedef struct Narrative {
  Src *src;           // the original text (owned by the submission)
  Norm norm;          // normalised text and offset map (arena-owned)
  MatchIndex ix;      // where each character of the normal form stands
  Section *sections;  // in document order (arena-owned)
  int n_sections;
  struct SectionCache *cache; // titles already looked up (narrative_section)
} Narrative;

/* Normalises [src] (already decoded to UTF-8) and finds its sections.  All
 * memory comes from [a].  Never fails: a text with no headings has no
 * sections. */
void narrative_build(Narrative *n, Src *src, Arena *a);
/* Returns the index of the section [title] names (normalised the same way):
 * of the headings that contain it and have a body (a 目录 entry has none),
 * the highest in the hierarchy, then the first; -1 if none. */
int narrative_section(const Narrative *n, const char *title, uint32_t len,
                      Arena *a);
/* The original byte offset of normalised offset [i]. */
static inline uint32_t narrative_orig(const Narrative *n, uint32_t i) {
  return n->norm.map[i];
}

#endif
