/* test-devserver-hardening.c — what besign-devserver does with hostile
 * bodies and with its own files.
 *
 * - A Content-Length over the 64 MB limit is answered 413 before any body
 *   is sent (curl names 64 GiB and sends one byte: an answer at all shows
 *   the server did not wait for the rest).
 * - A chunked body is counted while it arrives: 320 MiB piped into curl
 *   get a 413, and the server's peak memory (VmHWM in /proc) grows by far
 *   less than what was sent.
 * - Under umask 000 every file the server writes is 0600 and every folder
 *   0700 (stat); a data folder others can read is refused before anything
 *   is written (ls).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "ds-harness.h"

#include <glib/gstdio.h>
#include <string.h>

#define MIB (1024 * 1024)

static char *
curl (const char *shell_line)
{
  const char *argv[] = { "/bin/sh", "-c", shell_line, NULL };
  char *output = NULL;

  g_assert_cmpint (ds_run (argv, NULL, &output), ==, 0);
  return output;
}

static void
assert_too_large (const char *output)
{
  g_autofree char *copy = g_strdup (output);
  char *last = strrchr (copy, '\n');
  json_object *answer = NULL, *code = NULL;

  g_assert_nonnull (last);
  g_assert_cmpstr (last + 1, ==, "413");
  *last = '\0';
  answer = json_tokener_parse (copy);
  g_assert_nonnull (answer);
  g_assert_true (json_object_object_get_ex (answer, "code", &code));
  g_assert_cmpstr (json_object_get_string (code), ==, "TOO_LARGE");
  json_object_put (answer);
}

static void
test_content_length_refused_early (void)
{
  DsHarness *h = ds_harness_start (FALSE);
  /* --max-time only keeps a server that waits for the body from hanging
   * the test; the 413 must come without it. */
  g_autofree char *line = g_strdup_printf ("curl -s --max-time 120 -H 'Expect:' -H 'Content-Type: application/json'"
                                           " -H 'Content-Length: 68719476736' --data-binary '{' -w '\\n%%{http_code}'"
                                           " %s/api/v2/verify/pdf", h->base_url);
  g_autofree char *output = curl (line);
  g_autofree char *alive_line = g_strdup_printf ("curl -s -o /dev/null -w '%%{http_code}' %s/ca/root.crt", h->base_url);
  g_autofree char *alive = NULL;

  assert_too_large (output);
  alive = curl (alive_line);
  g_assert_cmpstr (alive, ==, "200");
  ds_harness_free (h);
}

static guint64
peak_kib (DsHarness *h)
{
  g_autofree char *path = g_strdup_printf ("/proc/%s/status", ds_harness_pid (h));
  g_autofree char *status = NULL;
  const char *hwm;

  g_assert_true (g_file_get_contents (path, &status, NULL, NULL));
  hwm = strstr (status, "VmHWM:");
  g_assert_nonnull (hwm);
  return g_ascii_strtoull (hwm + strlen ("VmHWM:"), NULL, 10);
}

static void
test_chunked_body_counted (void)
{
  DsHarness *h;
  g_autofree char *line = NULL;
  g_autofree char *output = NULL;
  guint64 before, after;

  if (!g_file_test ("/proc/self/status", G_FILE_TEST_EXISTS))
    {
      g_test_skip ("no /proc to read the server's peak memory from");
      return;
    }
  h = ds_harness_start (FALSE);
  before = peak_kib (h);
  line = g_strdup_printf ("head -c %d /dev/zero | curl -s -X POST -T - -H 'Transfer-Encoding: chunked'"
                          " -H 'Content-Type: application/json' -w '\\n%%{http_code}' %s/api/v2/verify/pdf",
                          320 * MIB, h->base_url);
  output = curl (line);
  after = peak_kib (h);
  g_test_message ("server peak memory: %" G_GUINT64_FORMAT " KiB before, %" G_GUINT64_FORMAT " KiB after 320 MiB"
                  " chunked", before, after);
  assert_too_large (output);
  /* Bounded by the 64 MB limit, not by what the client sends. */
  g_assert_cmpuint (after - before, <, 160 * 1024);
  ds_harness_free (h);
}

/* Every file the server wrote (database, WAL, keys, mails, temporaries). */
static void
test_private_files_whatever_umask (void)
{
  DsHarness *h = ds_harness_start_umask (TRUE, "000");
  g_autofree char *basic = ds_harness_basic (h, NULL);
  g_autofree char *bearer = ds_harness_login (h);
  g_autofree char *who = g_strdup_printf ("{\"nik\": \"%s\"}", ds_harness_account (h, "nik"));
  g_autoptr(DsReply) otp = ds_post (h, "/api/v2/sign/get/totp", basic, who);
  g_autoptr(DsReply) reset = ds_post (h, "/api/v2/user/passphrase/reset", bearer, "{}");
  g_autofree char *line = g_strdup_printf ("find '%s' -exec stat -c '%%a %%F %%n' {} +", h->data_dir);
  g_autofree char *listing = NULL;
  g_auto(GStrv) lines = NULL;
  guint files = 0;

  g_assert_cmpint (otp->status, ==, 200);
  g_assert_cmpint (reset->status, ==, 202);
  listing = curl (line);
  g_test_message ("%s", listing);
  lines = g_strsplit (g_strstrip (listing), "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      if (strstr (lines[i], " directory ") != NULL)
        g_assert_true (g_str_has_prefix (lines[i], "700 "));
      else
        {
          if (!g_str_has_prefix (lines[i], "600 "))
            g_error ("not private: %s", lines[i]);
          files++;
        }
    }
  /* sqlite, -wal, -shm, tls.crt, tls.key, root.pem twice, the account, two mails */
  g_assert_cmpuint (files, >=, 10);
  ds_harness_free (h);
}

static void
test_readable_folder_refused (void)
{
  g_autofree char *tmp = g_dir_make_tmp ("besign-ds-open-XXXXXX", NULL);
  g_autofree char *data = g_build_filename (tmp, "data", NULL);
  const char *argv[] = { g_getenv ("BESIGN_DEVSERVER"), "--data-dir", data, NULL };
  g_autofree char *ls_line = g_strdup_printf ("ls -A '%s'", data);
  g_autofree char *output = NULL;
  g_autofree char *listing = NULL;

  g_assert_cmpint (g_mkdir (data, 0700), ==, 0);
  g_assert_cmpint (g_chmod (data, 0755), ==, 0);
  g_assert_cmpint (ds_run (argv, NULL, &output), ==, 2);
  g_assert_nonnull (strstr (output, "other users can read"));
  g_assert_nonnull (strstr (output, "chmod 700"));
  listing = curl (ls_line);
  g_assert_cmpstr (listing ? listing : "", ==, "");
  g_rmdir (data);
  g_rmdir (tmp);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/hardening/content-length-refused-early", test_content_length_refused_early);
  g_test_add_func ("/hardening/chunked-body-counted", test_chunked_body_counted);
  g_test_add_func ("/hardening/private-files-whatever-umask", test_private_files_whatever_umask);
  g_test_add_func ("/hardening/readable-folder-refused", test_readable_folder_refused);
  return g_test_run ();
}
