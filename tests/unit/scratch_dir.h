/* tests/unit/scratch_dir.h -- a temporary folder a test runs in.
 *
 * scratch_enter makes /tmp/fisc-test-NAME-XXXXXX, remembers the working
 * directory and changes into the new folder, so tests write files by
 * relative path; scratch_leave goes back and removes the folder with
 * everything in it.  Include after <cmocka.h>. */
#ifndef FISC_TEST_SCRATCH_DIR_H
#define FISC_TEST_SCRATCH_DIR_H

#include <ftw.h>
#include <limits.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

typedef struct ScratchDir {
  char cwd[PATH_MAX]; // where the test was started
  char dir[64];       // the temporary folder
} ScratchDir;

static void scratch_enter(ScratchDir *s, const char *name) {
  assert_non_null(getcwd(s->cwd, sizeof s->cwd));
  snprintf(s->dir, sizeof s->dir, "/tmp/fisc-test-%s-XXXXXX", name);
  assert_non_null(mkdtemp(s->dir));
  assert_int_equal(chdir(s->dir), 0);
}

static int scratch_remove_entry(const char *path, const struct stat *st,
                                int flag, struct FTW *ftw) {
  (void)st;
  (void)flag;
  (void)ftw;
  return remove(path);
}

static void scratch_leave(ScratchDir *s) {
  assert_int_equal(chdir(s->cwd), 0);
  nftw(s->dir, scratch_remove_entry, 16, FTW_DEPTH | FTW_PHYS);
}

#endif
