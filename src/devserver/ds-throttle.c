/* ds-throttle.c — see ds-throttle.h.
 *
 * All calls run on the main loop (database access never leaves it), so a
 * read followed by a write cannot race another request.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "besign-devserver"

#include "ds-throttle.h"

#define MINUTES(n) ((gint64) (n) * 60)

const DsLimit ds_limit_password = { "password", 5, MINUTES (15), MINUTES (15), FALSE };
/* A login token lives 5 minutes: once its guesses are spent it stays
 * refused for the rest of its life. */
const DsLimit ds_limit_login_token = { "login-token", 5, 0, MINUTES (5), FALSE };
/* Fresh login tokens need the password; this bounds the guesses of one
 * who has it but not the authenticator. */
const DsLimit ds_limit_login_otp = { "login-otp", 10, MINUTES (15), MINUTES (15), FALSE };
/* An integration's password is the application's own: throttled rather
 * than locked for long, since the whole institution depends on it. */
const DsLimit ds_limit_basic = { "basic", 10, MINUTES (10), MINUTES (10), TRUE };
const DsLimit ds_limit_passphrase = { "passphrase", 5, 0, MINUTES (15), FALSE };
const DsLimit ds_limit_email_otp = { "email-otp", 5, MINUTES (15), MINUTES (15), FALSE };
const DsLimit ds_limit_otp_requests = { "otp-request", 5, MINUTES (15), MINUTES (15), TRUE };
const DsLimit ds_limit_seal_code = { "seal-code", 5, MINUTES (15), MINUTES (15), FALSE };
const DsLimit ds_limit_seal_requests = { "seal-request", 20, MINUTES (15), MINUTES (15), TRUE };

typedef struct {
  gint64 count, since, locked_until;
  gboolean found;
} Row;

static Row
read_row (DsServer *server, const DsLimit *limit, const char *subject)
{
  g_autoptr(GPtrArray) rows = ds_db_rows (server->db, "SELECT count, since, locked_until FROM throttle"
                                                      " WHERE scope = ? AND subject = ?",
                                          limit->scope, subject, NULL);
  Row r = { 0, 0, 0, FALSE };
  char **row;

  if (rows->len == 0)
    return r;
  row = g_ptr_array_index (rows, 0);
  r.count = g_ascii_strtoll (row[0], NULL, 10);
  r.since = g_ascii_strtoll (row[1], NULL, 10);
  r.locked_until = g_ascii_strtoll (row[2], NULL, 10);
  r.found = TRUE;
  return r;
}

static void
write_row (DsServer *server, const DsLimit *limit, const char *subject, const Row *r)
{
  g_autofree char *count = g_strdup_printf ("%" G_GINT64_FORMAT, r->count);
  g_autofree char *since = g_strdup_printf ("%" G_GINT64_FORMAT, r->since);
  g_autofree char *until = g_strdup_printf ("%" G_GINT64_FORMAT, r->locked_until);

  ds_db_exec (server->db, "INSERT OR REPLACE INTO throttle (scope, subject, count, since, locked_until)"
                          " VALUES (?, ?, ?, ?, ?)", limit->scope, subject, count, since, until, NULL);
}

gint64
ds_throttle_wait (DsServer *server, const DsLimit *limit, const char *subject)
{
  Row r = read_row (server, limit, subject);

  return MAX (r.locked_until - ds_now (), 0);
}

/* Rows of spent login tokens and old failures go after a day; a count
 * that old no longer matters to any limit. */
static void
forget_old (DsServer *server, gint64 now)
{
  g_autofree char *cutoff = g_strdup_printf ("%" G_GINT64_FORMAT, now - 24 * 3600);
  g_autofree char *now_text = g_strdup_printf ("%" G_GINT64_FORMAT, now);

  ds_db_exec (server->db, "DELETE FROM throttle WHERE since < ? AND locked_until < ?", cutoff, now_text, NULL);
}

guint
ds_throttle_count (DsServer *server, const DsLimit *limit, const char *subject)
{
  gint64 now = ds_now ();
  Row r;

  forget_old (server, now);
  r = read_row (server, limit, subject);

  if (!r.found || (limit->window > 0 && r.since + limit->window <= now))
    r = (Row) { 0, now, r.locked_until, TRUE };
  r.count++;
  if (r.count >= limit->max)
    {
      r = (Row) { 0, now, now + limit->lock, TRUE };
      write_row (server, limit, subject, &r);
      g_message ("%s: %s locked for %" G_GINT64_FORMAT " s", limit->scope,
                 g_str_equal (limit->scope, "login-token") ? "a login token" : subject, limit->lock);
      return 0;
    }
  write_row (server, limit, subject, &r);
  return (guint) (limit->max - r.count);
}

void
ds_throttle_clear (DsServer *server, const DsLimit *limit, const char *subject)
{
  ds_db_exec (server->db, "DELETE FROM throttle WHERE scope = ? AND subject = ?", limit->scope, subject, NULL);
}

void
ds_throttle_reply (DsRequest *req, const DsLimit *limit, gint64 seconds)
{
  json_object *extra = json_object_new_object ();
  g_autofree char *header = g_strdup_printf ("%" G_GINT64_FORMAT, seconds);

  json_object_object_add (extra, "retryAfter", json_object_new_int64 (seconds));
  soup_message_headers_replace (soup_server_message_get_response_headers (req->msg), "Retry-After", header);
  if (limit->rate)
    ds_reply_error (req, 429, "RATE_LIMITED", 4291, "Terlalu banyak permintaan, silakan coba lagi nanti", extra);
  else
    ds_reply_error (req, 403, "LOCKED", 4031, "Terlalu banyak percobaan gagal, silakan coba lagi nanti", extra);
}

gboolean
ds_throttle_refuse (DsRequest *req, const DsLimit *limit, const char *subject)
{
  gint64 wait = ds_throttle_wait (req->server, limit, subject);

  if (wait <= 0)
    return FALSE;
  ds_throttle_reply (req, limit, wait);
  return TRUE;
}
