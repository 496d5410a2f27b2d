#include <parley/error.h>

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

int pl_error_set(pl_error *err, int code, const char *where, const char *fmt,
                 ...) {
  if (!err || err->code < 0)
    return code;
  err->code = code;
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(err->msg, sizeof err->msg, fmt, ap);
  va_end(ap);
  snprintf(err->where, sizeof err->where, "%s", where ? where : "");
  return code;
}

void pl_error_where(pl_error *err, const char *where) {
  if (err && err->code < 0 && !err->where[0] && where)
    snprintf(err->where, sizeof err->where, "%s", where);
}

void pl_error_clear(pl_error *err) {
  if (err)
    memset(err, 0, sizeof *err);
}
