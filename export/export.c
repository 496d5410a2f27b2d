/* The exporter table and the text cleaning every format shares. A new format
 * is one .c file and one row here. */
#include <parley/export.h>

#include "export_int.h"

#include <string.h>

static const pl_exporter table[] = {
    {"dot", "dot", "Graphviz DOT, styled by type (whole graph in memory)",
     pl_export__dot},
    {"graphml", "graphml",
     "GraphML with typed keys (streamed); --yed adds "
     "yEd shapes",
     pl_export__graphml},
    {"gexf", "gexf", "GEXF 1.3 dynamic, for Gephi's timeline (streamed)",
     pl_export__gexf},
    {"json", "json", "Cytoscape.js elements JSON (streamed)", pl_export__json},
    {"svg", "svg", "SVG drawn in-process by Graphviz (whole graph in memory)",
     pl_export__svg},
    {"png", "png",
     "PNG drawn in-process, Arabic shaped (whole graph in memory)",
     pl_export__png},
    {NULL, NULL, NULL, NULL}};

const pl_exporter *pl_exporters(void) { return table; }

const pl_exporter *pl_exporter_find(const char *name) {
  if (!name)
    return NULL;
  for (const pl_exporter *e = table; e->name; e++)
    if (strcmp(e->name, name) == 0)
      return e;
  return NULL;
}

/* ASCII case-insensitive equality, so that OUT.GraphML works too. */
static int same_ascii_nocase(const char *a, const char *b) {
  for (; *a && *b; a++, b++) {
    char x = *a, y = *b;
    if (x >= 'A' && x <= 'Z')
      x = (char)(x - 'A' + 'a');
    if (y >= 'A' && y <= 'Z')
      y = (char)(y - 'A' + 'a');
    if (x != y)
      return 0;
  }
  return *a == *b;
}

const pl_exporter *pl_exporter_for_path(const char *path) {
  if (!path)
    return NULL;
  const char *slash = strrchr(path, '/');
  const char *base = slash ? slash + 1 : path;
  const char *dot = strrchr(base, '.');
  if (!dot || dot == base)
    return NULL;
  for (const pl_exporter *e = table; e->name; e++)
    if (same_ascii_nocase(dot + 1, e->extension))
      return e;
  return NULL;
}

/* Decodes one UTF-8 sequence at s (n bytes left). Returns its length and
 * sets *cp, or returns 0 when the bytes are not well-formed UTF-8. */
static size_t utf8_decode(const unsigned char *s, size_t n, unsigned *cp) {
  unsigned c = s[0];
  size_t len;
  unsigned min;
  if (c < 0x80) {
    *cp = c;
    return 1;
  } else if (c >= 0xC2 && c <= 0xDF) {
    len = 2, min = 0x80, c &= 0x1F;
  } else if (c >= 0xE0 && c <= 0xEF) {
    len = 3, min = 0x800, c &= 0x0F;
  } else if (c >= 0xF0 && c <= 0xF4) {
    len = 4, min = 0x10000, c &= 0x07;
  } else {
    return 0;
  }
  if (n < len)
    return 0;
  for (size_t i = 1; i < len; i++) {
    if ((s[i] & 0xC0) != 0x80)
      return 0;
    c = (c << 6) | (s[i] & 0x3F);
  }
  if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
    return 0;
  *cp = c;
  return len;
}

int pl_export__clean(pl_buf *b, const char *s, int flags) {
  if (!s)
    return 0;
  const unsigned char *p = (const unsigned char *)s;
  size_t n = strlen(s);
  if (pl_buf_reserve(b, n + 1) < 0)
    return PL_ENOMEM;
  while (n > 0) {
    unsigned cp;
    size_t len = utf8_decode(p, n, &cp);
    int rc = 0;
    if (len == 0) {
      rc = pl_buf_puts(b, "\xEF\xBF\xBD"); /* U+FFFD */
      p++, n--;
      if (rc < 0)
        return rc;
      continue;
    }
    if (cp == '\t' || cp == '\n' || cp == '\r') {
      if (flags & PL_CLEAN_ONELINE)
        rc = pl_buf_putc(b, ' ');
      else if ((flags & PL_CLEAN_XML) && cp == '\r')
        rc = pl_buf_puts(b, "&#13;"); /* a raw CR would read back as LF */
      else
        rc = pl_buf_putc(b, (char)cp);
    } else if (cp < 0x20 || (cp >= 0x7F && cp <= 0x9F) || cp == 0xFFFE ||
               cp == 0xFFFF) {
      rc = 0; /* dropped */
    } else if ((flags & (PL_CLEAN_XML | PL_CLEAN_DOT)) && cp == '&') {
      rc = pl_buf_puts(b, "&amp;");
    } else if ((flags & PL_CLEAN_XML) && cp == '<') {
      rc = pl_buf_puts(b, "&lt;");
    } else if ((flags & PL_CLEAN_XML) && cp == '>') {
      rc = pl_buf_puts(b, "&gt;");
    } else if ((flags & PL_CLEAN_XML) && cp == '"') {
      rc = pl_buf_puts(b, "&quot;");
    } else if ((flags & PL_CLEAN_DOT) && cp == '\\') {
      rc = pl_buf_puts(b, "\\\\");
    } else {
      rc = pl_buf_append(b, p, len);
    }
    if (rc < 0)
      return rc;
    p += len, n -= len;
  }
  return 0;
}
