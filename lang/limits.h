/* lang/limits.h -- the documented limits of fisc in one place (see
 * docs/limits.md).  Each has its own clear message where it is enforced. */
#ifndef FISC_LIMITS_H
#define FISC_LIMITS_H

// Decimals past which a written figure is refused: real documents use <= 6,
// and 40-digit values must work whatever their shape.
#define NUM_MAX_DECIMALS 40
// Digits (before + after the point) past which a figure is refused.
#define NUM_MAX_DIGITS 80

#endif
