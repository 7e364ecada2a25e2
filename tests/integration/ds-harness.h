/* ds-harness.h — a real besign-devserver for tests: started on a free
 * loopback port with its own data folder, driven over HTTP with libcurl.
 *
 * The harness deliberately uses raw libcurl and json-c, not the project's
 * client layer, so that the server is checked independently of it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include <json-c/json.h>

G_BEGIN_DECLS

typedef struct {
  char        *root;      /* temporary folder holding data/ and the logs */
  char        *data_dir;
  char        *base_url;
  gpointer     process;   /* GSubprocess of the running server */
  guint        starts;    /* how many times the server was started */
  gboolean     tls;
  const char  *umask;     /* octal text the server starts under, or NULL */
  json_object *account;   /* demo-account.json */
  gint64       last_step; /* TOTP step of the demo device used last */
} DsHarness;

/* Starts `besign-devserver --demo` (with --tls when asked) in a new
 * temporary folder and waits for its URL and demo account. */
DsHarness   *ds_harness_start (gboolean tls);
/* The same with the server started under umask @mask (e.g. "000"). */
DsHarness   *ds_harness_start_umask (gboolean tls, const char *mask);
/* The server's process id, as text (for /proc). */
const char  *ds_harness_pid (DsHarness *h);
/* Starts the server again on the same data folder (after a stop). */
void         ds_harness_restart (DsHarness *h);
/* Sends @signal and waits for the process; returns its wait status. */
int          ds_harness_stop (DsHarness *h, int signal);
/* Stops the server (SIGTERM) and removes the folder. */
void         ds_harness_free (DsHarness *h);

/* A string field of demo-account.json. */
const char  *ds_harness_account (DsHarness *h, const char *key);
/* Everything the server printed on stdout and stderr so far (transfer full). */
char        *ds_harness_logs (DsHarness *h);
/* Runs one SQL statement on the server's database from outside (as time
 * passing or an administrator would); returns the first column of the
 * first row, or NULL (transfer full). */
char        *ds_harness_sql (DsHarness *h, const char *sql);

/* The RFC 6238 code of @secret (base32) for time step @step (unix time / 30). */
char        *ds_totp (const char *secret, gint64 step);
/* The current time step. */
gint64       ds_totp_step_now (void);

/* The text after @marker in the newest outbox mail that contains it, up to
 * the end of the line (transfer full), or NULL. */
char        *ds_harness_mail_value (DsHarness *h, const char *marker);

typedef struct {
  long         status;
  char        *body;
  gsize        length;
  char        *content_type;
  json_object *json;      /* body parsed when it is JSON, else NULL */
} DsReply;

void         ds_reply_free (DsReply *reply);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DsReply, ds_reply_free)

/* One HTTP request to @path on the server. @auth is "Bearer …" or
 * "Basic …" or NULL. */
DsReply     *ds_http (DsHarness *h, const char *method, const char *path, const char *auth,
                      const char *content_type, const void *body, gsize length);
/* POST of a JSON text. */
DsReply     *ds_post (DsHarness *h, const char *path, const char *auth, const char *json_text);
/* Like ds_post() with a json_object (consumed). */
DsReply     *ds_post_obj (DsHarness *h, const char *path, const char *auth, json_object *body);

/* Field access on a reply's JSON: a string, an int, or NULL/-1. */
const char  *ds_reply_string (DsReply *reply, const char *key);
gint64       ds_reply_int (DsReply *reply, const char *key);

/* A TOTP code of the demo device not used before (may wait for the next
 * 30-second window). */
char        *ds_harness_next_code (DsHarness *h);
/* Registers one more authenticator device for the demo user; returns its
 * id and (in @secret) its base32 secret: codes of its own, for programs
 * that log in one after the other (transfer full). */
char        *ds_harness_add_device (DsHarness *h, char **secret);
/* "Basic …" of the demo integration (its user name and @password, or
 * its real password when @password is NULL) (transfer full). */
char        *ds_harness_basic (DsHarness *h, const char *password);
/* Logs the demo user in with its registered device; returns "Bearer …". */
char        *ds_harness_login (DsHarness *h);

/* Writes @text into @name in the harness folder; returns its path
 * (transfer full). */
char        *ds_harness_write (DsHarness *h, const char *name, const char *text);

/* Runs a command (argv), feeding @input on stdin; returns its exit status
 * and its stdout+stderr. */
int          ds_run (const char *const *argv, GBytes *input, char **output);

G_END_DECLS
