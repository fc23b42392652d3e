/* tests/unit/test_norm.c -- the normal form of narrative text (lang/norm.c).
 *
 * Each test normalises a short string and checks the normalised bytes and,
 * through the offset map, which original byte every output byte came from.
 * Expected offsets are counted by hand in the comments (CJK characters and
 * full-width forms are 3 bytes in UTF-8). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <utf8proc.h>

#include "lang/arena.h"
#include "lang/norm.h"

/* Fixture: the arena every Norm lives in. */
static int setup(void **state) {
  Arena *a = test_malloc(sizeof *a);
  arena_init(a);
  *state = a;
  return 0;
}

static int teardown(void **state) {
  Arena *a = *state;
  arena_free(a);
  test_free(a);
  return 0;
}

/* Normalises the NUL-terminated [s] with a map and base 0. */
static Norm norm(void **state, const char *s) {
  Norm n;
  norm_text(*state, s, (uint32_t)strlen(s), 0, true, &n);
  return n;
}

/* Asserts that bytes [from, to) of [n] all map to original offset [orig]. */
static void check_map(const Norm *n, uint32_t from, uint32_t to,
                      uint32_t orig) {
  for (uint32_t i = from; i < to; i++)
    assert_int_equal(n->map[i], orig);
}

static void test_norm_ascii_kept_and_white_space_dropped(void **state) {
  Norm n = norm(state, "a b\tc\r\nd\f\ve");
  assert_string_equal(n.text, "abcde");
  assert_int_equal(n.len, 5);
  // a@0 b@2 c@4 d@7 e@10; map[len] is the original length.
  assert_int_equal(n.map[0], 0);
  assert_int_equal(n.map[1], 2);
  assert_int_equal(n.map[2], 4);
  assert_int_equal(n.map[3], 7);
  assert_int_equal(n.map[4], 10);
  assert_int_equal(n.map[5], 11);
}

/* The seed's "年初预算为\n\n1296.70 万元" and a figure broken inside. */
static void test_norm_line_break_inside_number_joins_it(void **state) {
  // "1296." 0-4, "\n" 5, "70" 6-7, " " 8, 万 9-11, 元 12-14.
  Norm n = norm(state, "1296.\n70 万元");
  assert_string_equal(n.text, "1296.70万元");
  assert_int_equal(n.len, 13);
  for (uint32_t i = 0; i < 5; i++)
    assert_int_equal(n.map[i], i);
  assert_int_equal(n.map[5], 6); // '7' comes after the line break
  assert_int_equal(n.map[6], 7);
  check_map(&n, 7, 10, 9);   // 万
  check_map(&n, 10, 13, 12); // 元
  assert_int_equal(n.map[13], 15);
}

static void test_norm_fullwidth_forms_fold_to_ascii(void **state) {
  // Every character is 3 bytes: ４ at 0, ３ at 3, ． at 6, ...
  Norm n = norm(state, "４３．３％；（类）：，");
  assert_string_equal(n.text, "43.3%;(类):,");
  assert_int_equal(n.map[0], 0);
  assert_int_equal(n.map[1], 3);
  assert_int_equal(n.map[2], 6);
  assert_int_equal(n.map[3], 9);
  assert_int_equal(n.map[4], 12); // %
  assert_int_equal(n.map[5], 15); // ;
  assert_int_equal(n.map[6], 18); // (
  check_map(&n, 7, 10, 21);       // 类 is copied, 3 bytes
  assert_int_equal(n.map[10], 24); // )
  assert_int_equal(n.map[11], 27); // :
  assert_int_equal(n.map[12], 30); // ,
  assert_int_equal(n.map[13], 33);
  Norm d = norm(state, "０１２３４５６７８９");
  assert_string_equal(d.text, "0123456789");
}

/* What NFKC does to the CJK punctuation the matcher cares about. */
static void test_norm_cjk_punctuation(void **state) {
  // ；！？ become ASCII; 、。“”《》 and the minus sign are kept.
  assert_string_equal(norm(state, "；！？").text, ";!?");
  assert_string_equal(norm(state, "、。“”《》").text, "、。“”《》");
  assert_string_equal(norm(state, "−５").text, "−5");
  assert_string_equal(norm(state, "－５").text, "-5");
  assert_string_equal(norm(state, "…").text, "...");
}

static void test_norm_ideographic_and_nobreak_spaces_dropped(void **state) {
  // 合 0-2, U+3000 3-5, 计 6-8, U+00A0 9-10, "100" 11-13.
  Norm n = norm(state, "合\u3000计\u00a0100");
  assert_string_equal(n.text, "合计100");
  check_map(&n, 3, 6, 6);
  assert_int_equal(n.map[6], 11);
  // Other Zs, line/paragraph separators and NEL too.
  assert_string_equal(
      norm(state, "a\u2002b\u2009c\u202fd\u2028e\u2029f\xC2\x85" "g").text,
      "abcdefg");
}

/* Invisible characters PDF extractors leave inside numbers and words. */
static void test_norm_invisible_characters_dropped(void **state) {
  Norm n = norm(state, "\xEF\xBB\xBF" "12\u200b34\u00ad5\u2060" "6");
  assert_string_equal(n.text, "123456");
  assert_int_equal(n.map[0], 3); // after the BOM
}

static void test_norm_crlf_line_breaks_dropped(void **state) {
  // 第一行 0-8, "\r\n" 9-10, 第二行 11-19.
  Norm n = norm(state, "第一行\r\n第二行");
  assert_string_equal(n.text, "第一行第二行");
  check_map(&n, 9, 12, 11);
  assert_int_equal(n.map[18], 20);
}

static void test_norm_invalid_utf8_becomes_replacement(void **state) {
  // 'a' 0, 0xFF 1, 'b' 2, then E4 B8 cut short at 3-4: each bad byte is
  // one U+FFFD (EF BF BD) mapped to that byte.
  Norm n = norm(state, "a\xff" "b\xe4\xb8");
  assert_string_equal(n.text, "a\xEF\xBF\xBD" "b\xEF\xBF\xBD\xEF\xBF\xBD");
  assert_int_equal(n.map[0], 0);
  check_map(&n, 1, 4, 1);
  assert_int_equal(n.map[4], 2);
  check_map(&n, 5, 8, 3);
  check_map(&n, 8, 11, 4);
  assert_int_equal(n.map[11], 5);
  // A surrogate and an overlong form are invalid too.
  assert_string_equal(norm(state, "\xED\xA0\x80").text,
                      "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");
  assert_string_equal(norm(state, "\xC0\xAF").text,
                      "\xEF\xBF\xBD\xEF\xBF\xBD");
}

/* Compatibility characters grow under NFKC; the buffer grows with them. */
static void test_norm_expanding_characters_keep_the_map(void **state) {
  // ㈠ 0-2 → "(一)", ⑴ 3-5 → "(1)", ㎡ 6-8 → "m2".
  Norm n = norm(state, "㈠⑴㎡");
  assert_string_equal(n.text, "(一)(1)m2");
  check_map(&n, 0, 5, 0);
  check_map(&n, 5, 8, 3);
  check_map(&n, 8, 10, 6);
  assert_int_equal(n.map[10], 9);
  // 200 × ㈠: 600 bytes in, 1000 out -- past the first buffer.
  char in[601];
  for (int i = 0; i < 200; i++)
    memcpy(in + 3 * i, "㈠", 3);
  in[600] = '\0';
  Norm big = norm(state, in);
  assert_int_equal(big.len, 1000);
  assert_memory_equal(big.text + 995, "(一)", 5);
  check_map(&big, 995, 1000, 597);
  assert_int_equal(big.map[1000], 600);
}

/* NFKC is applied one code point at a time: a base letter and a combining
 * mark stay two code points (so every byte keeps a single origin). */
static void test_norm_per_code_point_no_composition(void **state) {
  assert_string_equal(norm(state, "e\u0301").text, "e\u0301");
  assert_string_equal(norm(state, "\u00e9").text, "\u00e9");
  assert_string_equal(norm(state, "ﬁ").text, "fi");
}

static void test_norm_base_offsets_and_no_map(void **state) {
  Norm n;
  norm_text(*state, "合 计", 7, 100, true, &n);
  assert_string_equal(n.text, "合计");
  assert_int_equal(n.map[0], 100);
  assert_int_equal(n.map[3], 104);
  assert_int_equal(n.map[6], 107);
  norm_text(*state, "合 计", 7, 100, false, &n);
  assert_string_equal(n.text, "合计");
  assert_null(n.map);
}

static void test_norm_empty_and_blank_text(void **state) {
  Norm n;
  norm_text(*state, "", 0, 5, true, &n);
  assert_int_equal(n.len, 0);
  assert_string_equal(n.text, "");
  assert_int_equal(n.map[0], 5);
  n = norm(state, " \n\u3000\r\n");
  assert_int_equal(n.len, 0);
  assert_int_equal(n.map[0], 7);
}

/* The 3-byte fast path (copy_run) at the edges of what it may copy, next
 * to characters it must not: a CJK ideograph copies as itself, a
 * compatibility ideograph (U+F900 豈 → U+8C48 豈) and a full-width form
 * are decomposed, invisible characters without a decomposition (U+FEFF,
 * U+200B) are dropped, and each output byte maps to its own character. */
static void test_norm_fast_path_edges_and_map(void **state) {
  // ䷿ U+4DFF 0-2, 一 U+4E00 3-5, BOM 6-8, U+9FFF 9-11, 豈 U+F900 12-14,
  // ZWSP 15-17, （ 18-20, ꀀ U+A000 21-23, 'x' 24.
  Norm n = norm(state, "䷿一﻿鿿豈​（ꀀx");
  assert_string_equal(n.text, "䷿一鿿豈(ꀀx");
  assert_int_equal(n.len, 17);
  check_map(&n, 0, 3, 0);
  check_map(&n, 3, 6, 3);
  check_map(&n, 6, 9, 9);   // U+9FFF, after the dropped BOM
  check_map(&n, 9, 12, 12); // 豈 from U+F900
  assert_int_equal(n.map[12], 18); // ( from （, after the dropped ZWSP
  check_map(&n, 13, 16, 21);
  assert_int_equal(n.map[16], 24);
  assert_int_equal(n.map[17], 25);
  // Overlong 3-byte forms and surrogates are invalid: one U+FFFD a byte.
  assert_string_equal(norm(state, "\xE0\x81\x81").text,
                      "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");
  assert_string_equal(norm(state, "\xED\xBF\xBF").text,
                      "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");
}

/* True for what norm.h says the normal form drops, for the reference
 * below: Unicode White_Space and U+200B, U+00AD, U+2060, U+FEFF. */
static int ref_dropped(int32_t cp) {
  return cp == ' ' || (cp >= '\t' && cp <= '\r') || cp == 0x85 ||
         cp == 0xA0 || cp == 0xAD || cp == 0x1680 ||
         (cp >= 0x2000 && cp <= 0x200B) || cp == 0x2028 || cp == 0x2029 ||
         cp == 0x202F || cp == 0x205F || cp == 0x2060 || cp == 0x3000 ||
         cp == 0xFEFF;
}

/* Every 3-byte character, between two CJK ideographs, against utf8proc's
 * own NFKC of that character with the dropped characters taken out: the
 * fast path's table of characters that are their own normal form must
 * say exactly what utf8proc says, and the bytes around must not move. */
static void test_norm_every_3byte_char_agrees_with_utf8proc(void **state) {
  for (int32_t cp = 0x800; cp <= 0xFFFF; cp++) {
    if (cp >= 0xD800 && cp <= 0xDFFF)
      continue;
    char in[16] = "中"; // 中 0-2, the character 3-5, 文 6-8
    utf8proc_encode_char(cp, (utf8proc_uint8_t *)in + 3);
    memcpy(in + 6, "文", 4);
    utf8proc_uint8_t *nfkc =
        utf8proc_NFKC((const utf8proc_uint8_t *)in + 3);
    assert_non_null(nfkc);
    // The character's own normal form: NFKC of it alone, in place.
    char want[64] = "中";
    size_t w = 3;
    size_t nfkc_len = strlen((const char *)nfkc);
    for (size_t i = 0; i < nfkc_len - 3;) { // the last 3 are 文
      int32_t c;
      utf8proc_ssize_t k = utf8proc_iterate(nfkc + i, -1, &c);
      assert_true(k > 0);
      if (!ref_dropped(c)) {
        memcpy(want + w, nfkc + i, (size_t)k);
        w += (size_t)k;
      }
      i += (size_t)k;
    }
    free(nfkc);
    memcpy(want + w, "文", 4);
    Norm n = norm(state, in);
    if (strcmp(n.text, want) != 0)
      fail_msg("U+%04X: normal form \"%s\", expected \"%s\"", cp, n.text,
               want);
    // The same text without a map (copy_run's other word loop).
    Norm bare;
    norm_text(*state, in, (uint32_t)strlen(in), 0, false, &bare);
    if (strcmp(bare.text, want) != 0)
      fail_msg("U+%04X: without a map \"%s\", expected \"%s\"", cp,
               bare.text, want);
    check_map(&n, 0, 3, 0);
    check_map(&n, 3, n.len - 3, 3);
    check_map(&n, n.len - 3, n.len, 6);
  }
}

/* norm_is_normal says true only for text that norm_text leaves as it is
 * (fails if it lets through white space, a character NFKC changes or
 * drops, or a broken, cut or overlong sequence), and says true for the
 * texts it is there for: CJK names, ASCII, the empty text. */
static void test_norm_is_normal_only_when_unchanged(void **state) {
  for (int32_t cp = 0x800; cp <= 0xFFFF; cp++) {
    if (cp >= 0xD800 && cp <= 0xDFFF)
      continue;
    char in[16] = "中";
    utf8proc_encode_char(cp, (utf8proc_uint8_t *)in + 3);
    memcpy(in + 6, "文", 4);
    Norm n = norm(state, in);
    bool same = n.len == 9 && memcmp(n.text, in, 9) == 0;
    bool fast = norm_is_normal(in, 9);
    if (fast && !same)
      fail_msg("U+%04X: said normal, but the normal form is \"%s\"", cp,
               n.text);
    if (cp >= 0x4E00 && cp <= 0x9FFF && !fast)
      fail_msg("U+%04X: a CJK ideograph not said normal", cp);
  }
  for (int b = 0; b < 0x80; b++) {
    char in[4] = {'a', (char)b, 'b', '\0'};
    bool white = b == ' ' || (b >= '\t' && b <= '\r');
    assert_int_equal(norm_is_normal(in, 3), !white);
  }
  static const char *const changed[] = {
      "一般 公共",         // space
      "一般\n公共",        // line break
      "一般\u3000公共",    // ideographic space, dropped
      "一般\u200B公共",    // zero width space, dropped
      "（一）",            // full-width parentheses fold
      "\xEF\xBC\x91",      // full-width １ folds to 1
      "中\xE4\xB8",        // 一 cut short at the end
      "中\xE4\x41\x41",    // lead byte, then no continuation bytes
      "\xE0\x80\x80",      // overlong NUL
      "\xED\xA0\x80",      // surrogate
      "\xC3\xA9",          // é: normal, but 2 bytes (not decided here)
      "\xF0\xA0\x80\x80",  // U+20000: normal, but 4 bytes
  };
  for (size_t i = 0; i < sizeof changed / sizeof changed[0]; i++)
    if (norm_is_normal(changed[i], (uint32_t)strlen(changed[i])))
      fail_msg("\"%s\" said normal", changed[i]);
  const char *names[] = {"一般公共服务支出", "政府办公厅(室)", "2021年", ""};
  for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
    assert_true(norm_is_normal(names[i], (uint32_t)strlen(names[i])));
    Norm n = norm(state, names[i]);
    assert_string_equal(n.text, names[i]);
  }
  // 一 cut short by the length, its last byte still in the buffer.
  assert_false(norm_is_normal("中一", 5));
  // A NUL byte is ASCII and kept by norm_text too.
  assert_true(norm_is_normal("a\0b", 3));
}

/* A run of copied characters after text that grew: the fast path must stop
 * where the room left would be outrun and let the general path grow the
 * buffer, then carry on. */
static void test_norm_fast_run_after_growth(void **state) {
  // 200 × ㈠ (600 bytes in, 1000 out) then 400 × 一 (1200 bytes): the
  // first buffer holds 1800 + 64, so 288 一 fit after the 1000 bytes and
  // the 289th, at input offset 1464, is where the run must stop.
  char in[1801];
  for (int i = 0; i < 200; i++)
    memcpy(in + 3 * i, "㈠", 3);
  for (int i = 200; i < 600; i++)
    memcpy(in + 3 * i, "一", 3);
  in[1800] = '\0';
  Norm n = norm(state, in);
  assert_int_equal(n.len, 2200);
  for (uint32_t i = 0; i < 200; i++) {
    assert_memory_equal(n.text + 5 * i, "(一)", 5);
    check_map(&n, 5 * i, 5 * i + 5, 3 * i);
  }
  for (uint32_t i = 0; i < 400; i++) {
    assert_memory_equal(n.text + 1000 + 3 * i, "一", 3);
    check_map(&n, 1000 + 3 * i, 1003 + 3 * i, 600 + 3 * i);
  }
  assert_int_equal(n.map[2200], 1800);
}

/* copy_run reads a word at a time while four bytes are left and byte by
 * byte after that, and has one word loop for a map and one without.  Every
 * ASCII byte, between ideographs, at every alignment against the end of
 * the text, must come out the same through all of them: kept and mapped
 * to its own offset (plus the base), or dropped when it is white space
 * (fails if the word loop keeps or drops the wrong bytes, maps a byte to
 * the wrong offset, or if the loop without a map writes differently). */
static void test_norm_word_loop_every_ascii_byte(void **state) {
  for (int b = 1; b < 0x80; b++)
    for (int shift = 0; shift < 4; shift++) {
      // shift × 'x', then 一 b 二 b b x 三 b: b stands both well before
      // the last four bytes and inside them.
      char in[32], want[32];
      uint32_t want_map[32];
      uint32_t len = 0, w = 0;
      for (int k = 0; k < shift; k++) {
        want[w] = 'x';
        want_map[w++] = 100 + len;
        in[len++] = 'x';
      }
      const char *parts[] = {"一", "", "二", "", "", "x", "三", ""};
      for (size_t k = 0; k < sizeof parts / sizeof parts[0]; k++) {
        const char *part = parts[k];
        char one[2] = {(char)b, '\0'};
        if (!*part)
          part = one;
        uint32_t at = len;
        size_t plen = strlen(part);
        memcpy(in + len, part, plen);
        len += (uint32_t)plen;
        bool white = b == ' ' || (b >= '\t' && b <= '\r');
        if (part == one && white)
          continue;
        for (size_t j = 0; j < plen; j++) {
          want[w] = part[j];
          want_map[w++] = 100 + at;
        }
      }
      Norm n, bare;
      norm_text(*state, in, len, 100, true, &n);
      norm_text(*state, in, len, 100, false, &bare);
      if (n.len != w || memcmp(n.text, want, w) != 0)
        fail_msg("byte %#x, shift %d: \"%s\"", b, shift, n.text);
      for (uint32_t i = 0; i < w; i++)
        if (n.map[i] != want_map[i])
          fail_msg("byte %#x, shift %d: map[%u] = %u, expected %u", b, shift,
                   i, n.map[i], want_map[i]);
      assert_int_equal(n.map[w], 100 + len);
      assert_null(bare.map);
      assert_int_equal(bare.len, w);
      assert_memory_equal(bare.text, want, w);
      assert_int_equal(bare.text[w], '\0');
    }
}

/* A broken sequence read by the word loop (four bytes or more before the
 * end) must come out as it does from the byte loop (the last three
 * bytes): one U+FFFD per bad byte, each mapped to its byte.  The inputs
 * are copied to heap blocks of their exact length, so that under ASan a
 * read past the end fails (fails if the word loop takes a lead byte
 * without checking both continuation bytes, or reads past the text). */
static void test_norm_word_loop_broken_sequences(void **state) {
  static const char *const broken[] = {
      "\xE4\xB8\x41", // 一 with its last byte replaced by 'A'
      "\xE4\x41\x80", // a continuation byte missing in the middle
      "\xE4\xB8\xC0", // a lead byte in the place of the last byte
      "\xE4\xC0\x80", // ...of the middle byte
      "\xED\xA0\x80", // a surrogate
      "\xE0\x80\xAF", // an overlong '/'
      "\xE0\x80\xA0", // an overlong space (dropped, were it decoded)
      "\xE0\x82\xAA", // an overlong U+00AA (NFKC 'a', were it decoded)
      "\xB8\x80\x80", // continuation bytes alone
  };
  for (size_t k = 0; k < sizeof broken / sizeof broken[0]; k++)
    for (uint32_t pad = 0; pad < 6; pad++) {
      // The sequence, then [pad] bytes of "xyzuvw": at pad
      // 0 it is the byte loop's, from pad 1 on the word loop's.
      char buf[16];
      memcpy(buf, broken[k], 3);
      memcpy(buf + 3, "xyzuvw", pad);
      uint32_t len = 3 + pad;
      Norm alone, padded;
      norm_text(*state, broken[k], 3, 0, true, &alone);
      char *exact = malloc(len);
      assert_non_null(exact);
      memcpy(exact, buf, len);
      norm_text(*state, exact, len, 0, true, &padded);
      free(exact);
      if (padded.len != alone.len + pad ||
          memcmp(padded.text, alone.text, alone.len) != 0 ||
          memcmp(padded.text + alone.len, "xyzuvw", pad) != 0)
        fail_msg("sequence %zu, %u bytes after: \"%s\", alone \"%s\"", k,
                 pad, padded.text, alone.text);
      for (uint32_t i = 0; i < alone.len; i++)
        assert_int_equal(padded.map[i], alone.map[i]);
    }
  // The ASCII tests at every alignment, in exact heap blocks (for ASan).
  for (uint32_t len = 1; len < 12; len++) {
    const char *src = "一二a三 b四";
    char *exact = malloc(len);
    assert_non_null(exact);
    memcpy(exact, src, len);
    Norm n, bare;
    norm_text(*state, exact, len, 0, true, &n);
    norm_text(*state, exact, len, 0, false, &bare);
    assert_int_equal(n.len, bare.len);
    assert_memory_equal(n.text, bare.text, n.len);
    free(exact);
  }
}

/* The word loop folds a full-width character to its one ASCII byte and
 * drops U+3000 and U+200B itself, in a run of ideographs, with and without
 * a map; a character whose normal form is longer (㈠ → "(一)") still goes
 * through utf8proc.  Offsets: 中 0, ， 3, 文 6, ； 9, U+3000 12, （ 15, ａ
 * 18, ） 21, U+200B 24, ： 27, ㈠ 30, 字 33, 末 36, 尾 39 (fails if a fold
 * writes the wrong byte, writes or maps a dropped character, or leaves the
 * map behind or ahead of the text). */
static void test_norm_word_loop_folds_fullwidth(void **state) {
  const char *in = "中，文；\u3000（ａ）\u200B：㈠字末尾";
  const char *want = "中,文;(a):(一)字末尾";
  static const uint32_t want_map[] = {
      0,  0,  0,  3,  6,  6,  6,  9,  15, 18, 21, 27, 30, 30,
      30, 30, 30, 33, 33, 33, 36, 36, 36, 39, 39, 39, 42};
  Norm n = norm(state, in);
  assert_string_equal(n.text, want);
  assert_int_equal(n.len, sizeof want_map / sizeof want_map[0] - 1);
  for (uint32_t i = 0; i <= n.len; i++)
    if (n.map[i] != want_map[i])
      fail_msg("map[%u] = %u, expected %u", i, n.map[i], want_map[i]);
  Norm bare;
  norm_text(*state, in, (uint32_t)strlen(in), 0, false, &bare);
  assert_string_equal(bare.text, want);
  assert_false(norm_is_normal(in, (uint32_t)strlen(in)));
  assert_false(norm_is_normal("中，文字", 12));
}

int main(int argc, char **argv) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test_setup_teardown(
          test_norm_ascii_kept_and_white_space_dropped, setup, teardown),
      cmocka_unit_test_setup_teardown(
          test_norm_line_break_inside_number_joins_it, setup, teardown),
      cmocka_unit_test_setup_teardown(test_norm_fullwidth_forms_fold_to_ascii,
                                      setup, teardown),
      cmocka_unit_test_setup_teardown(test_norm_cjk_punctuation, setup,
                                      teardown),
      cmocka_unit_test_setup_teardown(
          test_norm_ideographic_and_nobreak_spaces_dropped, setup, teardown),
      cmocka_unit_test_setup_teardown(
          test_norm_invisible_characters_dropped, setup, teardown),
      cmocka_unit_test_setup_teardown(test_norm_crlf_line_breaks_dropped,
                                      setup, teardown),
      cmocka_unit_test_setup_teardown(
          test_norm_invalid_utf8_becomes_replacement, setup, teardown),
      cmocka_unit_test_setup_teardown(
          test_norm_expanding_characters_keep_the_map, setup, teardown),
      cmocka_unit_test_setup_teardown(
          test_norm_per_code_point_no_composition, setup, teardown),
      cmocka_unit_test_setup_teardown(test_norm_base_offsets_and_no_map,
                                      setup, teardown),
      cmocka_unit_test_setup_teardown(test_norm_empty_and_blank_text, setup,
                                      teardown),
      cmocka_unit_test_setup_teardown(test_norm_fast_path_edges_and_map,
                                      setup, teardown),
      cmocka_unit_test_setup_teardown(
          test_norm_every_3byte_char_agrees_with_utf8proc, setup, teardown),
      cmocka_unit_test_setup_teardown(test_norm_is_normal_only_when_unchanged,
                                      setup, teardown),
      cmocka_unit_test_setup_teardown(test_norm_fast_run_after_growth, setup,
                                      teardown),
      cmocka_unit_test_setup_teardown(test_norm_word_loop_every_ascii_byte,
                                      setup, teardown),
      cmocka_unit_test_setup_teardown(test_norm_word_loop_broken_sequences,
                                      setup, teardown),
      cmocka_unit_test_setup_teardown(test_norm_word_loop_folds_fullwidth,
                                      setup, teardown),
  };
  if (argc > 1)
    cmocka_set_test_filter(argv[1]);
  return cmocka_run_group_tests(tests, NULL, NULL);
}
