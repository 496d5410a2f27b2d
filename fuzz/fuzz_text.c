/* Fuzzes the text reader: any bytes through pl_read_memory with
 * --reader text; every document emitted must be well formed and every
 * failure a clear error. */
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  fuzz_read("in.txt", "text", data, size);
  return 0;
}
