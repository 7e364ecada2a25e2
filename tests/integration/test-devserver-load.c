/* test-devserver-load.c — 50 clients at once, and a kill -9 in the middle.
 *
 * Each client logs in with the demo account, sets up its own TOTP device
 * (so that every client has codes of its own), then signs 20 hashes, one
 * request each. The audit table must hold exactly one row per answered
 * request; after SIGKILL, no answered request may be missing and the
 * server must start again on the same data folder.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "ds-harness.h"

#include <curl/curl.h>
#include <openssl/rand.h>
#include <signal.h>
#include <string.h>

#define CLIENTS 50
#define SIGNINGS 20

typedef struct {
  DsHarness *h;
  guint      index;
  guint      round;
  gboolean   tolerate_failure;  /* the server is killed under this round */
  gint      *signed_total;      /* shared, atomic */
  guint      registered;
  guint      signed_ok;
  char      *failure;
} Client;

static char *
quoted (const char *text)
{
  json_object *s = json_object_new_string (text);
  char *q = g_strdup (json_object_to_json_string (s));

  json_object_put (s);
  return q;
}

static gboolean
fail (Client *c, DsReply *reply, const char *what)
{
  c->failure = g_strdup_printf ("client %u: %s: %ld %s", c->index, what, reply->status, reply->body);
  return FALSE;
}

/* Login, OTP set-up and registration of a device of this client's own. */
static char *
log_in (Client *c)
{
  g_autofree char *password = quoted (ds_harness_account (c->h, "password"));
  g_autofree char *body = g_strdup_printf ("{\"username\": \"demo\", \"password\": %s}", password);
  g_autoptr(DsReply) login = ds_post (c->h, "/api/v2/auth/login", NULL, body);
  g_autoptr(DsReply) setup = NULL, session = NULL;
  g_autofree char *setup_body = NULL, *register_body = NULL, *code = NULL;

  if (login->status != 200)
    return fail (c, login, "login"), NULL;
  setup_body = g_strdup_printf ("{\"loginToken\": \"%s\"}", ds_reply_string (login, "loginToken"));
  setup = ds_post (c->h, "/api/v2/auth/otp/setup", NULL, setup_body);
  if (setup->status != 200)
    return fail (c, setup, "otp setup"), NULL;
  code = ds_totp (ds_reply_string (setup, "secret"), ds_totp_step_now ());
  register_body = g_strdup_printf ("{\"loginToken\": \"%s\", \"code\": \"%s\", \"deviceName\": \"load %u-%u\"}",
                                   ds_reply_string (login, "loginToken"), code, c->round, c->index);
  session = ds_post (c->h, "/api/v2/auth/otp/register", NULL, register_body);
  if (session->status != 200)
    return fail (c, session, "otp register"), NULL;
  c->registered++;
  return g_strconcat ("Bearer ", ds_reply_string (session, "accessToken"), NULL);
}

static gboolean
sign_one (Client *c, const char *bearer, const char *passphrase_json)
{
  guint8 digest[32];
  g_autofree char *b64 = NULL;
  g_autofree char *body = NULL;
  g_autoptr(DsReply) reply = NULL;

  RAND_bytes (digest, sizeof digest);
  b64 = g_base64_encode (digest, sizeof digest);
  body = g_strdup_printf ("{\"passphrase\": %s, \"digestAlgorithm\": \"SHA256\","
                          " \"hashes\": [{\"id\": \"h\", \"hash\": \"%s\"}]}", passphrase_json, b64);
  reply = ds_post (c->h, "/api/v2/sign/hash", bearer, body);
  if (reply->status != 200)
    return fail (c, reply, "sign/hash");
  c->signed_ok++;
  g_atomic_int_inc (c->signed_total);
  return TRUE;
}

static gpointer
run_client (gpointer data)
{
  Client *c = data;
  g_autofree char *bearer = log_in (c);
  g_autofree char *passphrase = quoted (ds_harness_account (c->h, "passphrase"));

  for (guint i = 0; bearer != NULL && i < SIGNINGS; i++)
    if (!sign_one (c, bearer, passphrase))
      break;
  return NULL;
}

static guint
count_rows (DsHarness *h, const char *action)
{
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM audit WHERE action = '%s'", action);
  g_autofree char *n = ds_harness_sql (h, sql);

  return (guint) g_ascii_strtoull (n, NULL, 10);
}

/* Runs CLIENTS clients; when @kill_after > 0, kills the server with
 * SIGKILL once that many signatures were answered. Returns the counts. */
static void
run_round (DsHarness *h, guint round, gint kill_after, guint *registered, guint *signed_ok)
{
  Client clients[CLIENTS];
  GThread *threads[CLIENTS];
  gint signed_total = 0;

  for (guint i = 0; i < CLIENTS; i++)
    {
      clients[i] = (Client) { h, i, round, kill_after > 0, &signed_total, 0, 0, NULL };
      threads[i] = g_thread_new ("client", run_client, &clients[i]);
    }
  if (kill_after > 0)
    {
      while (g_atomic_int_get (&signed_total) < kill_after)
        g_usleep (1000);
      ds_harness_stop (h, SIGKILL);
    }
  *registered = *signed_ok = 0;
  for (guint i = 0; i < CLIENTS; i++)
    {
      g_thread_join (threads[i]);
      if (clients[i].failure != NULL && !clients[i].tolerate_failure)
        g_error ("%s", clients[i].failure);
      g_free (clients[i].failure);
      *registered += clients[i].registered;
      *signed_ok += clients[i].signed_ok;
    }
}

static void
test_fifty_clients_then_kill (void)
{
  DsHarness *h = ds_harness_start (FALSE);
  guint registered, signed_ok, registered2, signed_ok2;
  g_autofree char *integrity = NULL;
  g_autofree char *bearer = NULL;

  run_round (h, 1, 0, &registered, &signed_ok);
  g_assert_cmpuint (registered, ==, CLIENTS);
  g_assert_cmpuint (signed_ok, ==, CLIENTS * SIGNINGS);
  g_assert_cmpuint (count_rows (h, "otp-register"), ==, CLIENTS);
  g_assert_cmpuint (count_rows (h, "sign-hash"), ==, CLIENTS * SIGNINGS);

  run_round (h, 2, CLIENTS * SIGNINGS / 3, &registered2, &signed_ok2);
  g_test_message ("killed after %u answered signatures", signed_ok2);
  /* Every answered request was committed before its answer was sent; a
   * request committed whose answer the kill cut off may add one row. */
  g_assert_cmpuint (count_rows (h, "sign-hash"), >=, CLIENTS * SIGNINGS + signed_ok2);
  g_assert_cmpuint (count_rows (h, "sign-hash"), <=, CLIENTS * SIGNINGS + signed_ok2 + CLIENTS);
  g_assert_cmpuint (count_rows (h, "otp-register"), >=, CLIENTS + registered2);
  integrity = ds_harness_sql (h, "PRAGMA integrity_check");
  g_assert_cmpstr (integrity, ==, "ok");

  ds_harness_restart (h);
  bearer = ds_harness_login (h);
  g_assert_cmpuint (count_rows (h, "sign-hash"), >=, CLIENTS * SIGNINGS + signed_ok2);
  ds_harness_free (h);
}

int
main (int argc, char **argv)
{
  curl_global_init (CURL_GLOBAL_DEFAULT);
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/devserver/load/fifty-clients-then-kill", test_fifty_clients_then_kill);
  return g_test_run ();
}
