/* parley timeline — placeholder until its issue lands. */
#include "cli.h"

int cmd_timeline(int argc, char **argv) {
  (void)argc;
  (void)argv;
  return cli_fail(NULL, "'timeline' is not built yet");
}
