/* runtime/cli.c -- main(): hands the command line to cmd_main with the
 * process's streams; everything else is library code (runtime/cmd.c). */
#include <stdio.h>

#include "runtime/cmd.h"

int main(int argc, char **argv) { return cmd_main(argc, argv, stdout, stderr); }
