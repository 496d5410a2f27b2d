/* parley read — placeholder until its issue lands. */
#include "cli.h"

int cmd_read(int argc, char **argv) {
  (void)argc;
  (void)argv;
  return cli_fail(NULL, "'read' is not built yet");
}
