/* Fuzzes the extractor on an article declared "en": lexicon matching,
 * rules and dates over any bytes (invalid UTF-8 included). */
#include "extract_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  fuzz_extract("en", data, size);
  return 0;
}
