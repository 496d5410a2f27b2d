/* parley export — placeholder until its issue lands. */
#include "cli.h"

int cmd_export(int argc, char **argv) {
  (void)argc;
  (void)argv;
  return cli_fail(NULL, "'export' is not built yet");
}
