/* The JSON form of query rows, one object each, as docs/json-output.md
 * describes them: one writer per row type so that every command that shows
 * a meeting (show, meetings) writes the same fields. */
#include <parley/query.h>

#include "buf.h"

#include <string.h>

static const char *precision_name(int p) {
  static const char *const names[] = {"unknown", "day", "month", "year"};
  return p >= 0 && p <= 3 ? names[p] : "unknown";
}

/* Appends , "key": value for the common kinds of value; each returns
 * nonzero when out of memory. */
static int f_str(pl_buf *b, const char *key, const char *v) {
  return pl_buf_printf(b, ", \"%s\": ", key) < 0 ||
         pl_json_str_or_null(b, v) < 0;
}

static int f_list(pl_buf *b, const char *key, const char *const *v, size_t n) {
  int fail = pl_buf_printf(b, ", \"%s\": [", key) < 0;
  for (size_t i = 0; i < n; i++)
    fail |= (i && pl_buf_puts(b, ", ") < 0) || pl_json_str(b, v[i]) < 0;
  return fail | (pl_buf_putc(b, ']') < 0);
}

static int f_dates(pl_buf *b, const char *from, const char *to, int prec) {
  return f_str(b, "date_from", from) | f_str(b, "date_to", to) |
         (pl_buf_printf(b, ", \"precision\": \"%s\"", precision_name(prec)) <
          0);
}

/* Writes b then frees it. */
static int flush(pl_buf *b, int fail, FILE *out) {
  if (!fail)
    fail = pl_buf_putc(b, '}') < 0;
  int rc = fail ? PL_ENOMEM : 0;
  if (!rc && fwrite(b->data, 1, b->len, out) != b->len)
    rc = PL_EIO;
  pl_buf_free(b);
  return rc;
}

int pl_query_json_role(FILE *out, const pl_role_row *r) {
  pl_buf b = {0};
  int fail = pl_buf_puts(&b, "{\"id\": ") < 0 || pl_json_str(&b, r->id) < 0;
  fail |= f_str(&b, "person", r->person) | f_str(&b, "person_id", r->person_id);
  fail |= f_str(&b, "role", r->role) | f_str(&b, "of", r->of) |
          f_str(&b, "of_id", r->of_id);
  fail |= f_dates(&b, r->date_from, r->date_to, r->precision);
  fail |= f_list(&b, "sources", r->sources, r->nsources);
  return flush(&b, fail, out);
}

int pl_query_json_meeting(FILE *out, const pl_meeting_row *r) {
  pl_buf b = {0};
  int fail = pl_buf_puts(&b, "{\"id\": ") < 0 || pl_json_str(&b, r->id) < 0;
  fail |= f_str(&b, "name", r->name);
  fail |= f_dates(&b, r->date_from, r->date_to, r->precision);
  fail |= f_str(&b, "kind", r->kind) | f_str(&b, "place", r->place) |
          f_str(&b, "round", r->round) | f_str(&b, "process", r->process) |
          f_str(&b, "status", r->status);
  fail |= f_list(&b, "participants", r->participants, r->nparticipants);
  fail |= f_list(&b, "sources", r->sources, r->nsources);
  return flush(&b, fail, out);
}

int pl_query_json_proposal(FILE *out, const pl_proposal_row *r) {
  pl_buf b = {0};
  int fail = pl_buf_puts(&b, "{\"id\": ") < 0 || pl_json_str(&b, r->id) < 0;
  fail |= f_str(&b, "content", r->content);
  fail |= f_dates(&b, r->date_from, r->date_to, r->precision);
  fail |= f_str(&b, "status", r->status);
  fail |= f_list(&b, "by", r->by, r->nby) | f_list(&b, "to", r->to, r->nto);
  fail |= f_list(&b, "sources", r->sources, r->nsources);
  return flush(&b, fail, out);
}

int pl_query_json_delegation(FILE *out, const pl_delegation_row *r) {
  pl_buf b = {0};
  int fail = pl_buf_puts(&b, "{\"id\": ") < 0 || pl_json_str(&b, r->id) < 0;
  fail |= f_str(&b, "date", r->date) | f_str(&b, "round", r->round) |
          f_str(&b, "meeting_id", r->meeting_id);
  fail |= f_str(&b, "head", r->head) | f_str(&b, "head_ar", r->head_ar) |
          f_str(&b, "head_id", r->head_id);
  fail |= f_str(&b, "of", r->of) | f_str(&b, "of_id", r->of_id);
  fail |= f_list(&b, "sources", r->sources, r->nsources);
  return flush(&b, fail, out);
}

int pl_query_json_evidence(FILE *out, const pl_evidence_row *r) {
  pl_buf b = {0};
  int fail =
      pl_buf_puts(&b, "{\"edge_id\": ") < 0 || pl_json_str(&b, r->edge_id) < 0;
  fail |= f_str(&b, "edge_type", r->edge_type);
  fail |= f_str(&b, "src", r->src) | f_str(&b, "src_id", r->src_id);
  fail |= f_str(&b, "dst", r->dst) | f_str(&b, "dst_id", r->dst_id);
  fail |= f_str(&b, "doc_id", r->doc_id) | f_str(&b, "source", r->source) |
          f_str(&b, "url", r->url) | f_str(&b, "title", r->title) |
          f_str(&b, "published", r->published) | f_str(&b, "lang", r->lang);
  fail |=
      pl_buf_printf(&b, ", \"start\": %ld, \"end\": %ld", r->start, r->end) < 0;
  fail |= f_str(&b, "sentence", r->sentence) | f_str(&b, "rule", r->rule);
  return flush(&b, fail, out);
}

int pl_query_json_hop(FILE *out, const pl_path_hop *h) {
  pl_buf b = {0};
  int fail = pl_buf_printf(&b, "{\"step\": %d", h->step) < 0;
  fail |= f_str(&b, "from", h->from) | f_str(&b, "from_id", h->from_id) |
          f_str(&b, "from_type", h->from_type);
  fail |=
      f_str(&b, "edge_id", h->edge_id) | f_str(&b, "edge_type", h->edge_type);
  fail |=
      pl_buf_printf(&b, ", \"forward\": %s", h->forward ? "true" : "false") < 0;
  fail |= f_str(&b, "detail", h->detail);
  fail |= f_str(&b, "to", h->to) | f_str(&b, "to_id", h->to_id) |
          f_str(&b, "to_type", h->to_type);
  fail |= f_dates(&b, h->date_from, h->date_to, h->precision);
  fail |= f_list(&b, "sources", h->sources, h->nsources);
  return flush(&b, fail, out);
}

int pl_query_json_string(FILE *out, const char *s) {
  pl_buf b = {0};
  int rc = pl_json_str_or_null(&b, s) < 0 ? PL_ENOMEM : 0;
  if (!rc && fwrite(b.data, 1, b.len, out) != b.len)
    rc = PL_EIO;
  pl_buf_free(&b);
  return rc;
}
