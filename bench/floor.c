/* bench/floor.c -- the floor for `fisc check` throughput: read the files
 * `fisc check rules/2021` reads for a submission and NFKC-normalise the
 * narrative (说明.txt / 说明.md), white space dropped -- the work no checker
 * of these submissions can avoid.  Nothing is parsed or checked.
 *
 * The files are those fisc reads, and opened the way fisc opens them (one
 * open + fstat each, no directory listing): this year's nine tables,
 * unit.csv and 说明; of last year's (prior/), unit.csv and the four tables
 * rules/2021 reads (fisc reads no other: docs/suites.md).  Last year's
 * narrative is not read: no rule of rules/2021 reads it.
 *
 *   cc -O2 -o floor bench/floor.c -lutf8proc
 *   floor [--from-list FILE] SUBMISSION...
 *
 * The normalisation is done the way lang/norm.c does it (the cheapest
 * correct way): ASCII is copied or dropped without decoding; a code point
 * without a decomposition (every CJK ideograph) is copied as it is; the
 * rest goes through utf8proc's NFKC.  It prints the bytes read, the bytes
 * of normal form and a checksum, so nothing can be optimised away. */
#define _POSIX_C_SOURCE 200809L
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <utf8proc.h>

// This year's tables (rules/2021/tables.fisc) and last year's that its
// rules read (`prior.T`).
static const char *const tables[] = {
    "收入支出决算总表", "收入决算表", "支出决算表", "财政拨款收入支出决算总表",
    "一般公共预算财政拨款支出决算表", "一般公共预算财政拨款基本支出决算表",
    "一般公共预算财政拨款三公经费支出决算表",
    "政府性基金预算财政拨款收入支出决算表", "国有资本经营预算财政拨款支出决算表"};
static const char *const prior_tables[] = {
    "收入支出决算总表", "财政拨款收入支出决算总表",
    "一般公共预算财政拨款支出决算表", "一般公共预算财政拨款三公经费支出决算表"};

static char *buf;
static size_t cap;
static unsigned char *out;
static size_t out_cap;
static unsigned long long total_in, total_out, sum;

static int dropped(int32_t cp) {
  if (cp < 0x80)
    return cp == ' ' || (cp >= '\t' && cp <= '\r');
  switch (cp) {
  case 0x85: case 0xA0: case 0xAD: case 0x1680: case 0x200B: case 0x2028:
  case 0x2029: case 0x202F: case 0x205F: case 0x2060: case 0x3000: case 0xFEFF:
    return 1;
  default:
    return cp >= 0x2000 && cp <= 0x200A;
  }
}

/* NFKC of [s, s+n) with white space dropped, into [out]. */
static size_t normalise(const char *s, size_t n) {
  if (out_cap < 2 * n + 64) {
    out_cap = 2 * n + 64;
    out = realloc(out, out_cap);
    if (!out)
      abort();
  }
  size_t o = 0, i = 0;
  while (i < n) {
    unsigned char c = (unsigned char)s[i];
    if (c < 0x80) {
      if (c != ' ' && (c < '\t' || c > '\r'))
        out[o++] = c;
      i++;
      continue;
    }
    utf8proc_int32_t cp;
    utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)s + i, (utf8proc_ssize_t)(n - i), &cp);
    if (k <= 0) { // invalid byte: U+FFFD
      memcpy(out + o, "\xEF\xBF\xBD", 3);
      o += 3;
      i++;
      continue;
    }
    if (!dropped(cp)) {
      const utf8proc_property_t *p = utf8proc_get_property(cp);
      if (p->decomp_seqindex == UINT16_MAX) {
        memcpy(out + o, s + i, (size_t)k);
        o += (size_t)k;
      } else {
        utf8proc_int32_t d[32];
        utf8proc_ssize_t m = utf8proc_decompose_char(cp, d, 32, UTF8PROC_STABLE | UTF8PROC_DECOMPOSE | UTF8PROC_COMPAT, NULL);
        if (m > 0 && m <= 32) {
          m = utf8proc_normalize_utf32(d, m, UTF8PROC_STABLE | UTF8PROC_COMPOSE);
          for (utf8proc_ssize_t j = 0; j < m; j++)
            if (!dropped(d[j]))
              o += (size_t)utf8proc_encode_char(d[j], out + o);
        }
      }
    }
    i += (size_t)k;
  }
  return o;
}

/* Reads [dir]/[name][ext]; normalises it if [narrative].  Returns 0 when
 * there is no such file. */
static int read_file(const char *dir, const char *name, const char *ext,
                     int narrative) {
  char path[4096];
  snprintf(path, sizeof path, "%s/%s%s", dir, name, ext);
  int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
  if (fd < 0)
    return 0;
  struct stat st;
  if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
    close(fd);
    return 0;
  }
  size_t n = 0;
  for (;;) {
    if (cap - n < (size_t)st.st_size + 2) {
      cap = (size_t)st.st_size + 65536;
      buf = realloc(buf, cap);
      if (!buf)
        abort();
    }
    ssize_t r = read(fd, buf + n, cap - n);
    if (r <= 0)
      break;
    n += (size_t)r;
  }
  close(fd);
  total_in += n;
  for (size_t i = 0; i < n; i += 64)
    sum += (unsigned char)buf[i];
  if (narrative) {
    size_t o = normalise(buf, n);
    total_out += o;
    for (size_t i = 0; i < o; i += 16)
      sum += out[i];
  }
  return 1;
}

static void read_unit(const char *dir) {
  for (size_t k = 0; k < sizeof tables / sizeof tables[0]; k++)
    read_file(dir, tables[k], ".csv", 0);
  read_file(dir, "unit", ".csv", 0);
  if (!read_file(dir, "说明", ".txt", 1))
    read_file(dir, "说明", ".md", 1);
  char prior[4096];
  snprintf(prior, sizeof prior, "%s/prior", dir);
  for (size_t k = 0; k < sizeof prior_tables / sizeof prior_tables[0]; k++)
    read_file(prior, prior_tables[k], ".csv", 0);
  read_file(prior, "unit", ".csv", 0);
}

int main(int argc, char **argv) {
  long units = 0;
  for (int i = 1; i < argc; i++) {
    if (strcmp(argv[i], "--from-list") == 0 && i + 1 < argc) {
      FILE *l = strcmp(argv[++i], "-") == 0 ? stdin : fopen(argv[i], "r");
      if (!l) {
        perror(argv[i]);
        return 2;
      }
      char line[4096];
      while (fgets(line, sizeof line, l)) {
        line[strcspn(line, "\r\n")] = 0;
        if (line[0]) {
          read_unit(line);
          units++;
        }
      }
      if (l != stdin)
        fclose(l);
    } else {
      read_unit(argv[i]);
      units++;
    }
  }
  printf("%ld units, %llu bytes read, %llu bytes of normal form, checksum %llu\n", units, total_in, total_out, sum);
  return 0;
}
