/* Runs a command and appends "wall_s cpu_s maxrss_kb" to a file: wall
 * time from CLOCK_MONOTONIC, CPU time (user + system of the command and
 * its children) and peak resident memory from wait4's rusage, in
 * microseconds (/usr/bin/time rounds CPU time to 10 ms). The command's
 * standard streams are left as they are. Exits with the command's status.
 * Usage: tm OUT_FILE COMMAND [ARG...]. Built and used by bench/run. */
#define _DEFAULT_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static double secs(struct timeval tv) {
  return (double)tv.tv_sec + (double)tv.tv_usec / 1e6;
}

int main(int argc, char **argv) {
  if (argc < 3) {
    fprintf(stderr, "usage: tm OUT_FILE COMMAND [ARG...]\n");
    return 2;
  }
  struct timespec t0, t1;
  clock_gettime(CLOCK_MONOTONIC, &t0);
  pid_t pid = fork();
  if (pid < 0) {
    perror("tm: fork");
    return 1;
  }
  if (pid == 0) {
    execvp(argv[2], argv + 2);
    perror(argv[2]);
    _exit(127);
  }
  int status;
  struct rusage ru;
  if (wait4(pid, &status, 0, &ru) < 0) {
    perror("tm: wait4");
    return 1;
  }
  clock_gettime(CLOCK_MONOTONIC, &t1);
  FILE *f = fopen(argv[1], "a");
  if (!f) {
    perror(argv[1]);
    return 1;
  }
  fprintf(f, "%.6f %.6f %ld\n",
          (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9,
          secs(ru.ru_utime) + secs(ru.ru_stime), ru.ru_maxrss);
  fclose(f);
  if (WIFEXITED(status))
    return WEXITSTATUS(status);
  return 128 + (WIFSIGNALED(status) ? WTERMSIG(status) : 0);
}
