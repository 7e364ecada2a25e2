/* ds-harness.c — see ds-harness.h.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "ds-harness.h"

#include <curl/curl.h>
#include <gio/gio.h>
#include <glib/gstdio.h>
#include <liboath/oath.h>
#include <signal.h>
#ifdef __linux__
#include <sys/prctl.h>
#endif
#include <sqlite3.h>
#include <string.h>

#define START_TIMEOUT_US (60 * G_USEC_PER_SEC)

static const char *
server_path (void)
{
  const char *path = g_getenv ("BESIGN_DEVSERVER");

  g_assert_nonnull (path);
  return path;
}

static char *
stdout_path (DsHarness *h)
{
  return g_strdup_printf ("%s/server-%u.out", h->root, h->starts);
}

/* The first line the server printed, once it is complete. */
static char *
read_url (DsHarness *h)
{
  g_autofree char *path = stdout_path (h);
  g_autofree char *text = NULL;
  char *nl;

  if (!g_file_get_contents (path, &text, NULL, NULL) || (nl = strchr (text, '\n')) == NULL)
    return NULL;
  *nl = '\0';
  return g_strdup (text);
}

static json_object *
read_account (DsHarness *h)
{
  g_autofree char *path = g_build_filename (h->data_dir, "demo-account.json", NULL);

  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    return NULL;
  return json_object_from_file (path);
}

/* A test that aborts must not leave its server running (holding a port
 * and the test's output pipes). */
static void
die_with_test (gpointer data)
{
#ifdef __linux__
  prctl (PR_SET_PDEATHSIG, SIGTERM);
#endif
}

static void
spawn (DsHarness *h)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *account = g_build_filename (h->data_dir, "demo-account.json", NULL);
  g_autofree char *script = h->umask ? g_strdup_printf ("umask %s; exec \"$@\"", h->umask) : NULL;
  const char *direct[] = { server_path (), "--data-dir", h->data_dir, "--demo", h->tls ? "--tls" : NULL, NULL };
  const char *shell[] = { "/bin/sh", "-c", script, "sh", server_path (), "--data-dir", h->data_dir, "--demo",
                          h->tls ? "--tls" : NULL, NULL };
  const char *const *argv = h->umask ? shell : direct;
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_NONE);
  GSubprocess *process;
  g_autoptr(GError) error = NULL;
  gint64 deadline = g_get_monotonic_time () + START_TIMEOUT_US;

  h->starts++;
  out = stdout_path (h);
  err = g_strdup_printf ("%s/server-%u.err", h->root, h->starts);
  /* A fresh account file tells that this start has finished seeding. */
  g_unlink (account);
  g_subprocess_launcher_set_stdout_file_path (launcher, out);
  g_subprocess_launcher_set_stderr_file_path (launcher, err);
  g_subprocess_launcher_set_child_setup (launcher, die_with_test, NULL, NULL);
  process = g_subprocess_launcher_spawnv (launcher, (const char *const *) argv, &error);
  g_assert_no_error (error);
  h->process = process;
  while ((h->base_url = read_url (h)) == NULL || (h->account = read_account (h)) == NULL)
    {
      g_clear_pointer (&h->base_url, g_free);
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_assert_nonnull (g_subprocess_get_identifier (process));
      g_usleep (20 * 1000);
    }
}

DsHarness *
ds_harness_start_umask (gboolean tls, const char *mask)
{
  DsHarness *h = g_new0 (DsHarness, 1);
  g_autoptr(GError) error = NULL;

  h->root = g_dir_make_tmp ("besign-ds-XXXXXX", &error);
  g_assert_no_error (error);
  h->data_dir = g_build_filename (h->root, "data", NULL);
  h->tls = tls;
  h->umask = mask;
  spawn (h);
  return h;
}

DsHarness *
ds_harness_start (gboolean tls)
{
  return ds_harness_start_umask (tls, NULL);
}

const char *
ds_harness_pid (DsHarness *h)
{
  return g_subprocess_get_identifier (h->process);
}

void
ds_harness_restart (DsHarness *h)
{
  g_clear_pointer (&h->base_url, g_free);
  g_clear_pointer (&h->account, json_object_put);
  spawn (h);
}

int
ds_harness_stop (DsHarness *h, int signal)
{
  GSubprocess *process = g_steal_pointer (&h->process);
  int status;

  if (process == NULL)
    return 0;
  g_subprocess_send_signal (process, signal);
  g_subprocess_wait (process, NULL, NULL);
  status = g_subprocess_get_status (process);
  g_object_unref (process);
  return status;
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);
      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

void
ds_harness_free (DsHarness *h)
{
  ds_harness_stop (h, SIGTERM);
  remove_tree (h->root);
  g_free (h->root);
  g_free (h->data_dir);
  g_free (h->base_url);
  json_object_put (h->account);
  g_free (h);
}

const char *
ds_harness_account (DsHarness *h, const char *key)
{
  json_object *v = NULL;

  g_assert_true (json_object_object_get_ex (h->account, key, &v));
  return json_object_get_string (v);
}

char *
ds_harness_logs (DsHarness *h)
{
  GString *all = g_string_new (NULL);

  for (guint i = 1; i <= h->starts; i++)
    for (int kind = 0; kind < 2; kind++)
      {
        g_autofree char *path = g_strdup_printf ("%s/server-%u.%s", h->root, i, kind ? "err" : "out");
        g_autofree char *text = NULL;
        if (g_file_get_contents (path, &text, NULL, NULL))
          g_string_append (all, text);
      }
  return g_string_free (all, FALSE);
}

static int
first_column (void *data, int columns, char **values, char **names)
{
  char **out = data;

  if (*out == NULL && columns > 0 && values[0] != NULL)
    *out = g_strdup (values[0]);
  return 0;
}

char *
ds_harness_sql (DsHarness *h, const char *sql)
{
  g_autofree char *path = g_build_filename (h->data_dir, "besign-devserver.sqlite", NULL);
  sqlite3 *db = NULL;
  char *out = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);
  sqlite3_busy_timeout (db, 10000);
  g_assert_cmpint (sqlite3_exec (db, sql, first_column, &out, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  return out;
}

gint64
ds_totp_step_now (void)
{
  return (gint64) (time (NULL) / 30);
}

char *
ds_totp (const char *secret, gint64 step)
{
  char *raw = NULL;
  size_t len = 0;
  char code[7] = "";

  g_assert_cmpint (oath_base32_decode (secret, strlen (secret), &raw, &len), ==, OATH_OK);
  g_assert_cmpint (oath_totp_generate (raw, len, (time_t) (step * 30), 30, 0, 6, code), ==, OATH_OK);
  free (raw);
  return g_strdup (code);
}

static int
compare_names (gconstpointer a, gconstpointer b)
{
  return g_strcmp0 (*(char *const *) a, *(char *const *) b);
}

static char *
newest_mail_with (const char *dir_path, const char *marker)
{
  g_autoptr(GDir) dir = g_dir_open (dir_path, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_suffix (name, ".eml"))
      g_ptr_array_add (names, g_strdup (name));
  /* Names begin with the time written; newest last. */
  g_ptr_array_sort (names, compare_names);
  for (guint i = names->len; i > 0; i--)
    {
      g_autofree char *path = g_build_filename (dir_path, g_ptr_array_index (names, i - 1), NULL);
      g_autofree char *text = NULL;
      if (g_file_get_contents (path, &text, NULL, NULL) && strstr (text, marker) != NULL)
        return g_steal_pointer (&text);
    }
  return NULL;
}

char *
ds_harness_mail_value (DsHarness *h, const char *marker)
{
  g_autofree char *dir = g_build_filename (h->data_dir, "outbox", NULL);
  g_autofree char *mail = newest_mail_with (dir, marker);
  const char *start;

  if (mail == NULL)
    return NULL;
  start = strstr (mail, marker) + strlen (marker);
  return g_strndup (start, strcspn (start, "\r\n"));
}

void
ds_reply_free (DsReply *reply)
{
  if (reply == NULL)
    return;
  g_free (reply->body);
  g_free (reply->content_type);
  json_object_put (reply->json);
  g_free (reply);
}

static size_t
collect (char *data, size_t size, size_t count, void *user)
{
  g_byte_array_append (user, (const guint8 *) data, (guint) (size * count));
  return size * count;
}

static char *
ca_file (DsHarness *h)
{
  return h->tls ? g_build_filename (h->data_dir, "tls.crt", NULL) : NULL;
}

DsReply *
ds_http (DsHarness *h, const char *method, const char *path, const char *auth,
         const char *content_type, const void *body, gsize length)
{
  g_autofree char *url = g_strconcat (h->base_url, path, NULL);
  g_autofree char *auth_header = auth ? g_strconcat ("Authorization: ", auth, NULL) : NULL;
  g_autofree char *type_header = content_type ? g_strconcat ("Content-Type: ", content_type, NULL) : NULL;
  g_autofree char *cafile = ca_file (h);
  GByteArray *answer = g_byte_array_new ();
  struct curl_slist *headers = NULL;
  DsReply *reply = g_new0 (DsReply, 1);
  const char *type = NULL;
  CURL *curl = curl_easy_init ();

  if (auth_header)
    headers = curl_slist_append (headers, auth_header);
  if (type_header)
    headers = curl_slist_append (headers, type_header);
  headers = curl_slist_append (headers, "Expect:");
  curl_easy_setopt (curl, CURLOPT_URL, url);
  curl_easy_setopt (curl, CURLOPT_CUSTOMREQUEST, method);
  curl_easy_setopt (curl, CURLOPT_HTTPHEADER, headers);
  curl_easy_setopt (curl, CURLOPT_WRITEFUNCTION, collect);
  curl_easy_setopt (curl, CURLOPT_WRITEDATA, answer);
  curl_easy_setopt (curl, CURLOPT_TIMEOUT, 120L);
  curl_easy_setopt (curl, CURLOPT_NOSIGNAL, 1L);
  if (cafile)
    curl_easy_setopt (curl, CURLOPT_CAINFO, cafile);
  if (body != NULL)
    {
      curl_easy_setopt (curl, CURLOPT_POSTFIELDS, body);
      curl_easy_setopt (curl, CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t) length);
    }
  if (curl_easy_perform (curl) == CURLE_OK)
    {
      curl_easy_getinfo (curl, CURLINFO_RESPONSE_CODE, &reply->status);
      curl_easy_getinfo (curl, CURLINFO_CONTENT_TYPE, &type);
      reply->content_type = g_strdup (type);
    }
  curl_easy_cleanup (curl);
  curl_slist_free_all (headers);
  reply->length = answer->len;
  g_byte_array_append (answer, (const guint8 *) "", 1);
  reply->body = (char *) g_byte_array_free (answer, FALSE);
  if (reply->content_type && g_str_has_prefix (reply->content_type, "application/json"))
    reply->json = json_tokener_parse (reply->body);
  return reply;
}

DsReply *
ds_post (DsHarness *h, const char *path, const char *auth, const char *json_text)
{
  return ds_http (h, "POST", path, auth, "application/json", json_text, strlen (json_text));
}

DsReply *
ds_post_obj (DsHarness *h, const char *path, const char *auth, json_object *body)
{
  DsReply *reply = ds_post (h, path, auth, json_object_to_json_string (body));

  json_object_put (body);
  return reply;
}

const char *
ds_reply_string (DsReply *reply, const char *key)
{
  json_object *v = NULL;

  if (reply->json == NULL || !json_object_object_get_ex (reply->json, key, &v)
      || !json_object_is_type (v, json_type_string))
    return NULL;
  return json_object_get_string (v);
}

gint64
ds_reply_int (DsReply *reply, const char *key)
{
  json_object *v = NULL;

  if (reply->json == NULL || !json_object_object_get_ex (reply->json, key, &v)
      || !json_object_is_type (v, json_type_int))
    return -1;
  return json_object_get_int64 (v);
}

/* A TOTP step the demo device has not used yet (waits for the next window
 * when both accepted steps are spent). */
static gint64
fresh_step (DsHarness *h)
{
  gint64 step = MAX (ds_totp_step_now () - 1, h->last_step + 1);

  while (step > ds_totp_step_now () + 1)
    g_usleep (G_USEC_PER_SEC / 2);
  h->last_step = step;
  return step;
}

char *
ds_harness_next_code (DsHarness *h)
{
  return ds_totp (ds_harness_account (h, "totpSecret"), fresh_step (h));
}

char *
ds_harness_add_device (DsHarness *h, char **secret)
{
  g_autofree char *body = g_strdup_printf ("{\"username\": \"demo\", \"password\": \"%s\"}",
                                           ds_harness_account (h, "password"));
  g_autoptr(DsReply) login = ds_post (h, "/api/v2/auth/login", NULL, body);
  g_autofree char *setup_body = g_strdup_printf ("{\"loginToken\": \"%s\"}", ds_reply_string (login, "loginToken"));
  g_autoptr(DsReply) setup = ds_post (h, "/api/v2/auth/otp/setup", NULL, setup_body);
  g_autofree char *code = ds_totp (ds_reply_string (setup, "secret"), ds_totp_step_now ());
  g_autofree char *name = g_strdup_printf ("device-%u", g_random_int ());
  g_autofree char *register_body = g_strdup_printf ("{\"loginToken\": \"%s\", \"code\": \"%s\", \"deviceName\": \"%s\"}",
                                                    ds_reply_string (login, "loginToken"), code, name);
  g_autoptr(DsReply) session = ds_post (h, "/api/v2/auth/otp/register", NULL, register_body);
  g_autofree char *sql = g_strdup_printf ("SELECT id FROM devices WHERE name = '%s'", name);

  g_assert_cmpint (session->status, ==, 200);
  *secret = g_strdup (ds_reply_string (setup, "secret"));
  return ds_harness_sql (h, sql);
}

char *
ds_harness_basic (DsHarness *h, const char *password)
{
  g_autofree char *pair = g_strdup_printf ("%s:%s", ds_harness_account (h, "integrationUser"),
                                           password ? password : ds_harness_account (h, "integrationPassword"));
  g_autofree char *b64 = g_base64_encode ((const guint8 *) pair, strlen (pair));

  return g_strconcat ("Basic ", b64, NULL);
}

char *
ds_harness_login (DsHarness *h)
{
  json_object *body = json_object_new_object ();
  g_autoptr(DsReply) login = NULL;
  g_autoptr(DsReply) session = NULL;
  g_autofree char *code = NULL;

  json_object_object_add (body, "username", json_object_new_string (ds_harness_account (h, "username")));
  json_object_object_add (body, "password", json_object_new_string (ds_harness_account (h, "password")));
  login = ds_post_obj (h, "/api/v2/auth/login", NULL, body);
  g_assert_cmpint (login->status, ==, 200);
  code = ds_harness_next_code (h);
  body = json_object_new_object ();
  json_object_object_add (body, "loginToken", json_object_new_string (ds_reply_string (login, "loginToken")));
  json_object_object_add (body, "deviceId", json_object_new_string (ds_harness_account (h, "deviceId")));
  json_object_object_add (body, "code", json_object_new_string (code));
  session = ds_post_obj (h, "/api/v2/auth/otp/verify", NULL, body);
  g_assert_cmpint (session->status, ==, 200);
  return g_strconcat ("Bearer ", ds_reply_string (session, "accessToken"), NULL);
}

char *
ds_harness_write (DsHarness *h, const char *name, const char *text)
{
  char *path = g_build_filename (h->root, name, NULL);

  g_assert_true (g_file_set_contents (path, text, -1, NULL));
  return path;
}

int
ds_run (const char *const *argv, GBytes *input, char **output)
{
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) out = NULL;
  GSubprocessFlags flags = G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_MERGE
                           | (input ? G_SUBPROCESS_FLAGS_STDIN_PIPE : 0);

  process = g_subprocess_newv (argv, flags, &error);
  g_assert_no_error (error);
  g_subprocess_communicate (process, input, NULL, &out, NULL, &error);
  g_assert_no_error (error);
  if (output != NULL)
    *output = g_strndup (g_bytes_get_data (out, NULL), g_bytes_get_size (out));
  /* A death by signal (a sanitizer's abort) is a failure too. */
  return g_subprocess_get_if_exited (process) ? g_subprocess_get_exit_status (process)
                                              : 128 + g_subprocess_get_term_sig (process);
}
