/* parley dates — placeholder until its issue lands. */
#include "cli.h"

int cmd_dates(int argc, char **argv) {
  (void)argc;
  (void)argv;
  return cli_fail(NULL, "'dates' is not built yet");
}
