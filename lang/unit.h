/* lang/unit.h -- units of amounts (prefix unit_): 元, 万元, 亿元, % and none.
 * Money units convert exactly by powers of ten; % never mixes with money. */
#ifndef FISC_UNIT_H
#define FISC_UNIT_H

#include <stdbool.h>
#include <stddef.h>

typedef enum {
  UNIT_NONE, // a plain number (counts, ratios, rule constants)
  UNIT_YUAN, // 元
  UNIT_WAN,  // 万元 = 10^4 元
  UNIT_YI,   // 亿元 = 10^8 元
  UNIT_PCT   // %
} Unit;

static inline bool unit_is_money(Unit u) {
  return u == UNIT_YUAN || u == UNIT_WAN || u == UNIT_YI;
}

/* Returns the power of ten of a money unit in 元 (0, 4, 8); 0 otherwise. */
static inline int unit_pow10(Unit u) {
  return u == UNIT_WAN ? 4 : u == UNIT_YI ? 8 : 0;
}

/* Returns the unit's written name ("元", "万元", "亿元", "%", ""). */
static inline const char *unit_name(Unit u) {
  static const char *const names[] = {"", "元", "万元", "亿元", "%"};
  return names[u];
}

#endif
