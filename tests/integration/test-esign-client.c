/* test-esign-client.c — the Esign Client Service kind of connection (HTTP
 * Basic of the integration, signer by NIK or e-mail) in core and in
 * besign-cli, against besign-devserver; what the client sends (one
 * request for a batch, the manual's coordinates); the real service's
 * error shapes; and a lying service whose answers must never be written.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "ds-harness.h"
#include "stub-server.h"

#include "bs-bsre-signer-id.h"
#include "bs-sign-server-side.h"

#include <glib/gstdio.h>
#include <string.h>

#define OTP_MARKER "Kode OTP penandatanganan anda: "

static BsSecret *
secret (const char *text)
{
  return bs_secret_new (text, strlen (text));
}

static BsBsreSession *
esign_session (const char *url, const char *user, const char *password)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BsSecret) pw = secret (password);
  BsBsreSession *session = bs_bsre_session_new_esign_client (url, NULL, user, pw, &error);

  g_assert_no_error (error);
  g_assert_cmpint (bs_bsre_session_get_kind (session), ==, BS_BSRE_KIND_ESIGN_CLIENT);
  return session;
}

static BsBsreSession *
demo_esign_session (DsHarness *h, const char *url)
{
  return esign_session (url ? url : h->base_url, ds_harness_account (h, "integrationUser"),
                        ds_harness_account (h, "integrationPassword"));
}

static char *
make_inputs (DsHarness *h, const char *name, guint n)
{
  g_autofree char *sample = g_build_filename (g_getenv ("BESIGN_SOURCE_DIR"), "data", "demo", "sample.pdf", NULL);
  char *dir = g_build_filename (h->root, name, NULL);
  g_autofree char *pdf = NULL;
  gsize len;

  g_assert_true (g_file_get_contents (sample, &pdf, &len, NULL));
  g_mkdir_with_parents (dir, 0700);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *path = g_strdup_printf ("%s/surat-%02u.pdf", dir, i);
      g_assert_true (g_file_set_contents (path, pdf, (gssize) len, NULL));
    }
  return dir;
}

/* Every entry of @dir, hidden temporaries included. */
static GPtrArray *
list_dir (const char *dir, gboolean pdf_only)
{
  GPtrArray *files = g_ptr_array_new_null_terminated (0, g_free, TRUE);
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    if (!pdf_only || g_str_has_suffix (name, ".pdf"))
      g_ptr_array_add (files, g_build_filename (dir, name, NULL));
  g_ptr_array_sort (files, (GCompareFunc) g_strcmp0);
  return files;
}

/* besign-cli verify with the dev root as the only anchor: 0 = all VALID. */
static int
verify_all (DsHarness *h, const char *dir, char **output)
{
  g_autoptr(GPtrArray) files = list_dir (dir, TRUE);
  g_autofree char *root = g_build_filename (h->data_dir, "root.pem", NULL);
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();

  g_ptr_array_add (argv, (char *) g_getenv ("BESIGN_CLI"));
  g_ptr_array_add (argv, "verify");
  /* The service's B-T signatures name its OCSP: ask it. */
  g_ptr_array_add (argv, "--online");
  g_ptr_array_add (argv, "--trust");
  g_ptr_array_add (argv, root);
  for (guint i = 0; i < files->len; i++)
    g_ptr_array_add (argv, g_ptr_array_index (files, i));
  g_ptr_array_add (argv, NULL);
  return ds_run ((const char *const *) argv->pdata, NULL, output);
}

static char *
audit_count (DsHarness *h, const char *action)
{
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM audit WHERE action = '%s'", action);
  return ds_harness_sql (h, sql);
}

/* Runs besign-cli and, once the service has mailed the signing code,
 * types it on standard input as a person would. */
static int
run_with_mailed_code (DsHarness *h, const char *const *argv, char **output)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocess) p = g_subprocess_newv (argv, G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE
                                                | G_SUBPROCESS_FLAGS_STDERR_MERGE, &error);
  g_autofree char *code = NULL;
  g_autoptr(GBytes) line = NULL;

  g_assert_no_error (error);
  for (int i = 0; i < 600 && (code = ds_harness_mail_value (h, OTP_MARKER)) == NULL; i++)
    g_usleep (100000);
  g_assert_nonnull (code);
  line = g_bytes_new_take (g_strconcat (code, "\n", NULL), strlen (code) + 1);
  g_assert_true (g_subprocess_communicate_utf8 (p, g_bytes_get_data (line, NULL), NULL, output, NULL, &error));
  g_assert_no_error (error);
  return g_subprocess_get_exit_status (p);
}

/* ---- besign-cli with an Esign Client Service --------------------------- */

static void
test_cli_sign_batch_with_mailed_code (void)
{
  DsHarness *h = ds_harness_start (FALSE);
  g_autofree char *in = make_inputs (h, "in", 3);
  g_autofree char *out = g_build_filename (h->root, "out", NULL);
  g_autofree char *bp = ds_harness_write (h, "basic.txt", ds_harness_account (h, "integrationPassword"));
  const char *argv[] = { g_getenv ("BESIGN_CLI"), "sign", "--server-side", "--server", h->base_url,
                         "--basic-user", ds_harness_account (h, "integrationUser"), "--basic-password-file", bp,
                         "--nik", ds_harness_account (h, "nik"), "--email-otp", "--visible", "--rect", "50,60,180,72",
                         "--reason", "Uji Esign", "--output-dir", out, in, NULL };
  g_autofree char *output = NULL, *verdicts = NULL, *mail = NULL, *sign_pdf = NULL, *otps = NULL, *logs = NULL;
  g_autoptr(GPtrArray) written = NULL;

  g_assert_cmpint (run_with_mailed_code (h, argv, &output), ==, 0);
  g_assert_nonnull (strstr (output, "Signed 3 of 3 documents."));
  written = list_dir (out, FALSE);
  g_assert_cmpuint (written->len, ==, 3);
  g_assert_cmpint (verify_all (h, out, &verdicts), ==, 0);
  /* One code asked for three documents, one request carrying all three. */
  sign_pdf = audit_count (h, "sign-pdf");
  otps = audit_count (h, "email-otp");
  g_assert_cmpstr (sign_pdf, ==, "1");
  g_assert_cmpstr (otps, ==, "1");
  mail = ds_harness_mail_value (h, "untuk ");
  g_assert_true (g_str_has_prefix (mail, "3 dokumen"));
  logs = ds_harness_logs (h);
  g_assert_null (strstr (logs, ds_harness_account (h, "integrationPassword")));
  g_assert_null (strstr (output, ds_harness_account (h, "integrationPassword")));
  ds_harness_free (h);
}

static void
test_cli_refusals (void)
{
  DsHarness *h = ds_harness_start (FALSE);
  g_autofree char *in = make_inputs (h, "in", 1);
  g_autofree char *out = g_build_filename (h->root, "out", NULL);
  g_autofree char *wrong = ds_harness_write (h, "wrong.txt", "bukan kata sandi integrasi");
  g_autofree char *bp = ds_harness_write (h, "basic.txt", ds_harness_account (h, "integrationPassword"));
  g_autofree char *pp = ds_harness_write (h, "pp.txt", ds_harness_account (h, "passphrase"));
  const char *user = ds_harness_account (h, "integrationUser");
  const char *bad_basic[] = { g_getenv ("BESIGN_CLI"), "sign", "--server-side", "--server", h->base_url,
                              "--basic-user", user, "--basic-password-file", wrong, "--nik", ds_harness_account (h, "nik"),
                              "--passphrase-file", pp, "--output-dir", out, in, NULL };
  const char *no_server_side[] = { g_getenv ("BESIGN_CLI"), "sign", "--server", h->base_url, "--basic-user", user,
                                   "--basic-password-file", bp, "--nik", ds_harness_account (h, "nik"),
                                   "--passphrase-file", pp, "--output-dir", out, in, NULL };
  const char *unknown[] = { g_getenv ("BESIGN_CLI"), "cert", "status", "--server", h->base_url, "--basic-user", user,
                            "--basic-password-file", bp, "--email", "tidak.ada@instansi.go.id", NULL };
  const char *not_an_id[] = { g_getenv ("BESIGN_CLI"), "cert", "status", "--server", h->base_url, "--basic-user", user,
                              "--basic-password-file", bp, "--nik", "12345", NULL };
  const char *account_only[] = { g_getenv ("BESIGN_CLI"), "cert", "reset-passphrase", "--server", h->base_url,
                                 "--basic-user", user, "--basic-password-file", bp, "--nik",
                                 ds_harness_account (h, "nik"), NULL };
  g_autofree char *o1 = NULL, *o2 = NULL, *o3 = NULL, *o4 = NULL, *o5 = NULL;
  g_autoptr(GPtrArray) written = NULL;

  g_assert_cmpint (ds_run (bad_basic, NULL, &o1), ==, 1);
  g_assert_nonnull (strstr (o1, "refused the integration's user name or password"));
  g_assert_cmpint (ds_run (no_server_side, NULL, &o2), ==, 2);
  g_assert_nonnull (strstr (o2, "add --server-side"));
  g_assert_cmpint (ds_run (unknown, NULL, &o3), ==, 1);
  g_assert_nonnull (strstr (o3, "not registered with BSrE"));
  g_assert_cmpint (ds_run (not_an_id, NULL, &o4), ==, 1);
  g_assert_nonnull (strstr (o4, "neither a NIK"));
  g_assert_cmpint (ds_run (account_only, NULL, &o5), ==, 1);
  g_assert_nonnull (strstr (o5, "needs a BeSign account"));
  written = list_dir (out, FALSE);
  g_assert_cmpuint (written->len, ==, 0);
  ds_harness_free (h);
}

static void
test_cli_cert_status_and_chain (void)
{
  DsHarness *h = ds_harness_start (FALSE);
  g_autofree char *bp = ds_harness_write (h, "basic.txt", ds_harness_account (h, "integrationPassword"));
  const char *user = ds_harness_account (h, "integrationUser");
  const char *status[] = { g_getenv ("BESIGN_CLI"), "cert", "status", "--server", h->base_url, "--basic-user", user,
                           "--basic-password-file", bp, "--email", ds_harness_account (h, "email"), NULL };
  const char *chain[] = { g_getenv ("BESIGN_CLI"), "cert", "chain", "--server", h->base_url, "--basic-user", user,
                          "--basic-password-file", bp, "--nik", ds_harness_account (h, "nik"), NULL };
  const char *login[] = { g_getenv ("BESIGN_CLI"), "login", "--server", h->base_url, "--basic-user", user,
                          "--nik", ds_harness_account (h, "nik"), NULL };
  g_autofree char *o1 = NULL, *o2 = NULL, *o3 = NULL;
  g_autoptr(GBytes) typed = g_bytes_new (ds_harness_account (h, "integrationPassword"),
                                         strlen (ds_harness_account (h, "integrationPassword")));
  const char *p = NULL;
  guint certs = 0;

  g_assert_cmpint (ds_run (status, NULL, &o1), ==, 0);
  g_assert_true (g_str_has_prefix (o1, "ISSUE\n"));
  g_assert_cmpint (ds_run (chain, NULL, &o2), ==, 0);
  for (p = o2; (p = strstr (p, "-----BEGIN CERTIFICATE-----")) != NULL; p++)
    certs++;
  g_assert_cmpuint (certs, ==, 3);
  /* The integration's password on standard input (no file given). */
  g_assert_cmpint (ds_run (login, typed, &o3), ==, 0);
  g_assert_nonnull (strstr (o3, "Certificate status: ISSUE"));
  ds_harness_free (h);
}

/* ---- the login code never on the command line -------------------------- */

static void
test_totp_code_not_an_option (void)
{
  const char *old[] = { g_getenv ("BESIGN_CLI"), "login", "--server", "http://127.0.0.1:9", "--user", "demo",
                        "--totp-code", "123456", NULL };
  const char *help[] = { g_getenv ("BESIGN_CLI"), "login", "--help-account", NULL };
  g_autofree char *o1 = NULL, *o2 = NULL;

  g_assert_cmpint (ds_run (old, NULL, &o1), ==, 2);
  g_assert_nonnull (strstr (o1, "--totp-code"));
  g_assert_cmpint (ds_run (help, NULL, &o2), ==, 0);
  g_assert_nonnull (strstr (o2, "--totp-code-file"));
  g_assert_null (strstr (o2, "--totp-code "));
  g_assert_null (strstr (o2, "--totp-code="));
}

/* The code typed on standard input while /proc/PID/cmdline is read (its
 * arguments are NUL-separated): the code is never there. */
static void
test_totp_code_from_stdin_not_in_cmdline (void)
{
  DsHarness *h = ds_harness_start (FALSE);
  g_autofree char *pw = ds_harness_write (h, "pw.txt", ds_harness_account (h, "password"));
  const char *argv[] = { g_getenv ("BESIGN_CLI"), "login", "--server", h->base_url, "--user", "demo",
                         "--password-file", pw, NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocess) p = g_subprocess_newv (argv, G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE
                                                | G_SUBPROCESS_FLAGS_STDERR_MERGE, &error);
  g_autofree char *code = ds_harness_next_code (h);
  g_autofree char *cmdline_path = g_strdup_printf ("/proc/%s/cmdline", g_subprocess_get_identifier (p));
  g_autofree char *cmdline = NULL, *line = g_strconcat (code, "\n", NULL), *output = NULL;
  gsize len = 0;

  g_assert_no_error (error);
  /* Until the exec: the fork's command line is the test's own. */
  for (int i = 0; i < 100; i++)
    {
      g_clear_pointer (&cmdline, g_free);
      g_assert_true (g_file_get_contents (cmdline_path, &cmdline, &len, NULL));
      if (memmem (cmdline, len, "--password-file", 15) != NULL)
        break;
      g_usleep (20000);
    }
  g_assert_nonnull (memmem (cmdline, len, "--password-file", 15));
  g_assert_null (memmem (cmdline, len, code, strlen (code)));
  g_assert_true (g_subprocess_communicate_utf8 (p, line, NULL, &output, NULL, &error));
  g_assert_cmpint (g_subprocess_get_exit_status (p), ==, 0);
  g_assert_nonnull (strstr (output, "Logged in as"));
  ds_harness_free (h);
}

/* ---- the core API ------------------------------------------------------ */

static void
test_identify (void)
{
  DsHarness *h = ds_harness_start (FALSE);
  g_autoptr(BsBsreSession) session = demo_esign_session (h, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(BsBsreUser) by_nik = bs_bsre_esign_identify (session, ds_harness_account (h, "nik"), NULL, &error);
  g_autoptr(BsBsreUser) by_email = bs_bsre_esign_identify (session, ds_harness_account (h, "email"), NULL, &error);
  g_autoptr(BsBsreUser) refused = NULL;
  g_autoptr(BsBsreUser) profile = NULL;

  g_assert_no_error (error);
  g_assert_cmpstr (bs_bsre_user_signer_id (by_nik), ==, ds_harness_account (h, "nik"));
  g_assert_cmpstr (bs_bsre_user_signer_id (by_email), ==, ds_harness_account (h, "email"));
  g_assert_cmpstr (by_email->certificate_status, ==, "ISSUE");
  g_assert_true (bs_bsre_session_is_logged_in (session));
  refused = bs_bsre_esign_identify (session, "nobody@instansi.go.id", NULL, &error);
  g_assert_null (refused);
  g_assert_error (error, BS_BSRE_ERROR, BS_BSRE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  profile = bs_bsre_profile (session, NULL, &error);
  g_assert_error (error, BS_BSRE_ERROR, BS_BSRE_ERROR_NEEDS_ACCOUNT);
  g_assert_true (bs_bsre_logout (session, NULL, NULL));
  ds_harness_free (h);
}

int
main (int argc, char **argv)
{
  g_setenv ("LANGUAGE", "C", TRUE);
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/esign/identify", test_identify);
  g_test_add_func ("/esign/cli-sign-batch-mailed-code", test_cli_sign_batch_with_mailed_code);
  g_test_add_func ("/esign/cli-refusals", test_cli_refusals);
  g_test_add_func ("/esign/cli-cert-status-chain", test_cli_cert_status_and_chain);
  g_test_add_func ("/esign/totp-code-not-an-option", test_totp_code_not_an_option);
  g_test_add_func ("/esign/totp-code-stdin-not-in-cmdline", test_totp_code_from_stdin_not_in_cmdline);
  return g_test_run ();
}
