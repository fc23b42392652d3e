/* runtime/cmd.h -- the fisc commands (prefix cmd_), callable in-process. */
#ifndef FISC_CMD_H
#define FISC_CMD_H

#include <stdio.h>

/* Runs the command line [argv] (argv[0] is the program name), writing the
 * report to [out] and diagnostics to [err].  Returns the exit status. */
int cmd_main(int argc, char **argv, FILE *out, FILE *err);

#endif
