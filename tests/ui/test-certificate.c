/* test-certificate.c — issue 14, item 1, in Indonesian: every flow of
 * "Sertifikat Elektronik" completed inside the window, against the dev
 * server: issuance (said and confirmed first, the e-mailed link opens, the
 * token goes in a field, the new certificate signs), passphrase reset
 * (the same way), revocation and change, each answer and the certificate's
 * status in words — no "REVOKE", no raw time.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "ui-harness.h"
#include "ui-steps.h"

#include "bs-certificate-dialog.h"
#include "bs-sign-dialog.h"

#include <string.h>

#define ISSUE_LINK "/api/v2/user/certificate/issue/confirm?token="
#define RESET_LINK "/api/v2/user/passphrase/reset/confirm?token="

static GtkWidget *
open_certificate (BsWindow *window, BsCertAction action)
{
  GtkWidget *dialog;

  ui_activate (window, "win.certificate", "i", action);
  dialog = ui_wait_window (BS_TYPE_CERTIFICATE_DIALOG);
  ui_wait_bool (dialog, "busy", FALSE);
  ui_settle ();
  return dialog;
}

static char *
step_of (GtkWidget *dialog)
{
  char *step = NULL;

  g_object_get (dialog, "step", &step, NULL);
  return step;
}

static char *
status_of (GtkWidget *dialog)
{
  char *status = NULL;

  g_object_get (dialog, "status", &status, NULL);
  return status;
}

/* The answer shown, once the service gave it. */
static char *
submit (GtkWidget *dialog)
{
  ui_activate (dialog, "cert.submit", NULL);
  ui_wait_bool (dialog, "busy", FALSE);
  return ui_wait_string (dialog, "message");
}

/* The e-mailed link opens in a browser: a page that names the token. */
static void
link_opens (DsHarness *h, const char *link_path, const char *token)
{
  g_autofree char *path = g_strconcat (link_path, token, NULL);
  g_autoptr(DsReply) page = ds_http (h, "GET", path, NULL, NULL, NULL, 0);
  g_autoptr(DsReply) wrong = ds_http (h, "GET", RESET_LINK "bukan-token", NULL, NULL, NULL, 0);

  g_assert_cmpint (page->status, ==, 200);
  g_assert_true (g_str_has_prefix (page->content_type, "text/html"));
  g_assert_nonnull (strstr (page->body, token));
  g_assert_cmpint (wrong->status, ==, 401);
}

static char *
sign_one (BsWindow *window, DsHarness *h, const char *name, const char *passphrase, char **message)
{
  g_autofree char *pdf = ui_make_pdf (h, name);
  char *paths[] = { pdf };
  GtkWidget *dialog;
  BsAppDocument *doc;
  char *output = NULL;

  ui_drop (window, paths, 1);
  doc = ui_document (window, ui_n_documents (window) - 1);
  dialog = ui_start_signing (window);
  ui_type (dialog, "secret", passphrase);
  ui_activate (dialog, "sign.start", NULL);
  ui_wait_bool (dialog, "busy", FALSE);
  if (bs_app_document_get_state (doc) == BS_DOC_SIGNED)
    output = g_strdup (bs_app_document_get_output (doc));
  if (message != NULL)
    g_object_get (dialog, "message", message, NULL);
  gtk_window_destroy (GTK_WINDOW (dialog));
  return output;
}

static void
issuance (BsWindow *window, DsHarness *h)
{
  GtkWidget *dialog;
  g_autofree char *status = NULL, *step = NULL, *answer = NULL, *token = NULL, *link = NULL;
  g_autofree char *refused = NULL, *db_status = NULL, *output = NULL;
  g_autofree char *waiting = NULL;

  ui_log_in (window, h);
  dialog = open_certificate (window, BS_CERT_REQUEST_ISSUANCE);
  status = status_of (dialog);
  g_assert_cmpstr (status, ==, "Status sertifikat: aktif");
  step = step_of (dialog);
  g_assert_cmpstr (step, ==, "issue-request");
  /* What it does is said, and must be confirmed. */
  {
    g_autofree char *text = ui_text (dialog);
    g_assert_nonnull (strstr (text, "tidak dapat menandatangani"));
  }
  ui_screenshot (dialog, "36-issuance-confirm");
  answer = submit (dialog);
  g_assert_nonnull (strstr (answer, "Konfirmasikan"));
  g_free (answer);
  gtk_check_button_set_active (ui_child (dialog, "agree"), TRUE);
  answer = submit (dialog);
  g_test_message ("%s", answer);
  g_assert_nonnull (strstr (answer, "d***@besign-dev.go.id"));
  g_free (step);
  step = step_of (dialog);
  g_assert_cmpstr (step, ==, "issue-confirm");
  g_free (status);
  status = status_of (dialog);
  g_assert_true (g_str_has_prefix (status, "Status sertifikat: menunggu verifikasi"));
  ui_screenshot (dialog, "36b-issuance-token");
  token = ds_harness_mail_value (h, ISSUE_LINK);
  g_assert_nonnull (token);
  link_opens (h, ISSUE_LINK, token);
  /* Read later: closed now, opened again it goes on with the token. */
  gtk_window_destroy (GTK_WINDOW (dialog));

  /* Meanwhile signing says why it cannot. */
  g_assert_null (sign_one (window, h, "menunggu.pdf", ds_harness_account (h, "passphrase"), &refused));
  g_test_message ("%s", refused);
  g_assert_nonnull (strstr (refused, "sertifikat anda tidak aktif"));
  g_assert_nonnull (strstr (refused, "menunggu verifikasi"));

  dialog = open_certificate (window, BS_CERT_REQUEST_ISSUANCE);
  waiting = step_of (dialog);
  g_assert_cmpstr (waiting, ==, "issue-confirm");
  /* The whole link pasted does as well as the token. */
  link = g_strconcat (h->base_url, ISSUE_LINK, token, NULL);
  ui_type (dialog, "token", link);
  ui_type (dialog, "fresh", "passphrase terbit 1");
  ui_type (dialog, "confirm", "passphrase terbit 1");
  g_free (answer);
  answer = submit (dialog);
  g_test_message ("%s", answer);
  g_assert_true (ui_get_bool (dialog, "succeeded"));
  g_assert_nonnull (strstr (answer, "nomor seri"));
  g_free (status);
  status = status_of (dialog);
  g_assert_cmpstr (status, ==, "Status sertifikat: aktif");
  ui_screenshot (dialog, "36c-issuance-done");
  gtk_window_destroy (GTK_WINDOW (dialog));
  db_status = ds_harness_sql (h, "SELECT status FROM users WHERE username = 'demo'");
  g_assert_cmpstr (db_status, ==, "ISSUE");
  /* The new certificate signs, with its own passphrase. */
  output = sign_one (window, h, "terbit.pdf", "passphrase terbit 1", NULL);
  g_assert_nonnull (output);
  g_assert_cmpint (ui_verify_with_cli (h, output), ==, 0);
}

static void
reset_passphrase (BsWindow *window, DsHarness *h)
{
  GtkWidget *dialog;
  g_autofree char *answer = NULL, *step = NULL, *token = NULL, *output = NULL;

  ui_log_in (window, h);
  dialog = open_certificate (window, BS_CERT_RESET_PASSPHRASE);
  answer = submit (dialog);
  g_assert_nonnull (strstr (answer, "d***@besign-dev.go.id"));
  step = step_of (dialog);
  g_assert_cmpstr (step, ==, "reset-confirm");
  token = ds_harness_mail_value (h, RESET_LINK);
  g_assert_nonnull (token);
  link_opens (h, RESET_LINK, token);
  ui_type (dialog, "token", token);
  ui_type (dialog, "fresh", "passphrase ulang 1");
  ui_type (dialog, "confirm", "passphrase ulang 1");
  ui_screenshot (dialog, "37-reset-token");
  g_free (answer);
  answer = submit (dialog);
  g_assert_true (ui_get_bool (dialog, "succeeded"));
  ui_screenshot (dialog, "37b-reset-done");
  gtk_window_destroy (GTK_WINDOW (dialog));
  output = sign_one (window, h, "ulang.pdf", "passphrase ulang 1", NULL);
  g_assert_nonnull (output);
}

static void
revoke_certificate (BsWindow *window, DsHarness *h)
{
  GtkWidget *dialog;
  g_autofree char *answer = NULL, *status = NULL, *reason = NULL;

  ui_log_in (window, h);
  dialog = open_certificate (window, BS_CERT_REVOKE);
  ui_type (dialog, "current", ds_harness_account (h, "passphrase"));
  gtk_drop_down_set_selected (ui_child (dialog, "reason"), 1);
  answer = submit (dialog);
  g_assert_nonnull (strstr (answer, "Konfirmasikan"));
  g_free (answer);
  ui_type (dialog, "current", ds_harness_account (h, "passphrase"));
  gtk_check_button_set_active (ui_child (dialog, "agree"), TRUE);
  answer = submit (dialog);
  g_test_message ("%s", answer);
  g_assert_true (ui_get_bool (dialog, "succeeded"));
  status = status_of (dialog);
  g_assert_cmpstr (status, ==, "Status sertifikat: dicabut");
  /* Words and a readable time: not the service's REVOKE, not RFC 3339. */
  g_assert_null (strstr (answer, "REVOKE"));
  g_assert_null (strstr (answer, "T0"));
  g_assert_null (strstr (answer, "T1"));
  g_assert_null (strstr (answer, "T2"));
  g_assert_nonnull (strstr (answer, "dicabut pada"));
  ui_screenshot (dialog, "38-revoked");
  gtk_window_destroy (GTK_WINDOW (dialog));
  reason = ds_harness_sql (h, "SELECT reason FROM certificates WHERE revoked_at IS NOT NULL");
  g_assert_cmpstr (reason, ==, "1");
}

static void
change_passphrase (BsWindow *window, DsHarness *h)
{
  const char *pass = ds_harness_account (h, "passphrase");
  GtkWidget *dialog;
  g_autofree char *answer = NULL;

  ui_log_in (window, h);
  dialog = open_certificate (window, BS_CERT_CHANGE_PASSPHRASE);
  ui_type (dialog, "current", pass);
  ui_type (dialog, "fresh", "passphrase baru 1");
  ui_type (dialog, "confirm", "passphrase baru 2");
  answer = submit (dialog);
  g_assert_nonnull (strstr (answer, "tidak sama"));
  g_free (answer);
  ui_type (dialog, "current", pass);
  ui_type (dialog, "fresh", "pendek");
  ui_type (dialog, "confirm", "pendek");
  answer = submit (dialog);
  g_assert_nonnull (strstr (answer, "8"));
  g_free (answer);
  ui_type (dialog, "current", pass);
  ui_type (dialog, "fresh", "passphrase baru 1");
  ui_type (dialog, "confirm", "passphrase baru 1");
  answer = submit (dialog);
  g_assert_true (ui_get_bool (dialog, "succeeded"));
  ui_screenshot (dialog, "39-passphrase-changed");
  gtk_window_destroy (GTK_WINDOW (dialog));
}

int
main (int argc, char **argv)
{
  ui_init (&argc, &argv, "id");
  ui_add ("/certificate/issuance", issuance);
  ui_add ("/certificate/reset-passphrase", reset_passphrase);
  ui_add ("/certificate/revoke", revoke_certificate);
  ui_add ("/certificate/change-passphrase", change_passphrase);
  return g_test_run ();
}
