/* Fuzzes the jsonl reader: any bytes through pl_read_memory with
 * --reader jsonl; every document emitted must be well formed and every
 * failure a clear error. */
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  fuzz_read("in.jsonl", "jsonl", data, size);
  return 0;
}
