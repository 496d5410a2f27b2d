/* parley actors — placeholder until its issue lands. */
#include "cli.h"

int cmd_actors(int argc, char **argv) {
  (void)argc;
  (void)argv;
  return cli_fail(NULL, "'actors' is not built yet");
}
