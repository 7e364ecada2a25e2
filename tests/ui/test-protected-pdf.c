/* test-protected-pdf.c — issue 12's "with a user password: ask for it in
 * the window", in Indonesian. PDFs protected with a user password by qpdf
 * (AES-256), one of them then signed by Poppler's pdfsig (an independent
 * signer that signs protected files): the window asks for the password
 * (Enter submits, Escape cancels), says so in Indonesian when it is
 * wrong, then verifies with it — "tidak memiliki tanda tangan" for the
 * unsigned one, a valid signature for the signed one — and shows the
 * page. Opening a protected document to sign asks for its password with
 * an Esign Client Service (which opens it with pdfPassword), and says why
 * it cannot be signed with an account.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "ui-harness.h"
#include "ui-steps.h"

#include "bs-password-dialog.h"
#include "bs-settings-dialog.h"
#include "bs-sign-dialog.h"

#include <string.h>

#define USER_PASSWORD "buka-saja"

static void
run_ok (const char *const *argv)
{
  g_autofree char *output = NULL;

  if (ds_run (argv, NULL, &output) != 0)
    g_error ("%s failed: %s", argv[0], output);
}

/* The demo letter protected by qpdf with a user password. */
static char *
make_locked (DsHarness *h, const char *name)
{
  g_autofree char *plain = ui_make_pdf (h, "polos.pdf");
  char *locked = g_build_filename (h->root, name, NULL);
  const char *qpdf[] = { "qpdf", "--encrypt", USER_PASSWORD, "pemilik-rahasia", "256", "--", plain, locked, NULL };

  run_ok (qpdf);
  return locked;
}

/* The same signed by pdfsig with a certificate of its own (an NSS
 * database made from an OpenSSL PKCS#12); @anchor receives the
 * certificate to trust. */
static char *
make_signed_locked (DsHarness *h, char **anchor)
{
  g_autofree char *locked = make_locked (h, "terkunci-dasar.pdf");
  g_autofree char *dir = g_build_filename (h->root, "pdfsig", NULL);
  g_autofree char *key = g_build_filename (dir, "key.pem", NULL);
  g_autofree char *p12 = g_build_filename (dir, "signer.p12", NULL);
  g_autofree char *pass = g_build_filename (dir, "pass.txt", NULL);
  g_autofree char *pass_arg = g_strconcat ("file:", pass, NULL);
  g_autofree char *nss = g_strconcat ("sql:", dir, NULL);
  char *cert = g_build_filename (dir, "cert.pem", NULL);
  char *out = g_build_filename (h->root, "terkunci-bertanda.pdf", NULL);
  const char *req[] = { "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", cert,
                        "-days", "30", "-subj", "/CN=Penandatangan PDF Terkunci", "-addext",
                        "keyUsage=critical,digitalSignature,nonRepudiation", NULL };
  const char *export[] = { "openssl", "pkcs12", "-export", "-inkey", key, "-in", cert, "-name", "penanda",
                           "-out", p12, "-passout", pass_arg, "-certpbe", "AES-256-CBC", "-keypbe", "AES-256-CBC",
                           "-macalg", "sha256", NULL };
  const char *db[] = { "certutil", "-N", "--empty-password", "-d", nss, NULL };
  const char *import[] = { "pk12util", "-i", p12, "-d", nss, "-w", pass, NULL };
  const char *sign[] = { "pdfsig", "-add-signature", "-nssdir", nss, "-nick", "penanda", "-upw", USER_PASSWORD,
                         locked, out, NULL };

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_assert_true (g_file_set_contents (pass, "rahasia-p12\n", -1, NULL));
  run_ok (req);
  run_ok (export);
  run_ok (db);
  run_ok (import);
  run_ok (sign);
  *anchor = cert;
  return out;
}

/* Protected by an owner password only (the user password empty): it
 * opens for everyone, and nothing is asked. */
static void
owner_only_asks_nothing (BsWindow *window, DsHarness *h)
{
  g_autofree char *plain = ui_make_pdf (h, "polos-pemilik.pdf");
  g_autofree char *locked = g_build_filename (h->root, "hanya-pemilik.pdf", NULL);
  const char *qpdf[] = { "qpdf", "--encrypt", "", "pemilik-rahasia", "128", "--use-aes=y", "--", plain, locked, NULL };
  g_autofree char *verdict = NULL;
  GtkWidget *dialog = NULL;

  run_ok (qpdf);
  verdict = ui_verify (window, locked);
  g_assert_nonnull (strstr (verdict, "tidak memiliki tanda tangan"));
  g_object_get (ui_page (window, "verify"), "password-dialog", &dialog, NULL);
  g_assert_null (dialog);
  g_assert_false (ui_get_bool (ui_page (window, "verify"), "locked"));
}

static GtkWidget *
wait_password_dialog (GtkWidget *verify)
{
  GtkWidget *dialog = ui_wait_object (verify, "password-dialog");

  ui_settle ();
  return dialog;
}

/* The password typed and Enter pressed, as a person does. */
static void
type_and_enter (GtkWidget *dialog, const char *password)
{
  ui_type (dialog, "password", password);
  gtk_widget_grab_focus (ui_child (dialog, "password"));
  ui_key (dialog, GDK_KEY_Return, 0);
}

static gboolean
dialog_closed (gpointer data)
{
  GtkWidget *dialog = NULL;

  g_object_get (data, "password-dialog", &dialog, NULL);
  g_clear_object (&dialog);
  return dialog == NULL;
}

static void
verify_unsigned (BsWindow *window, DsHarness *h)
{
  g_autofree char *locked = make_locked (h, "nota-terkunci.pdf");
  g_autofree char *uri = g_filename_to_uri (locked, NULL, NULL);
  GtkWidget *verify = ui_page (window, "verify");
  GtkWidget *dialog;
  g_autofree char *wrong = NULL, *verdict = NULL, *banner = NULL;

  owner_only_asks_nothing (window, h);
  ui_activate (window, "win.verify-file", "s", uri);
  ui_wait_page (window, "verify");
  ui_wait_bool (verify, "locked", TRUE);
  dialog = wait_password_dialog (verify);
  {
    g_autofree char *text = ui_text (dialog);
    g_assert_nonnull (strstr (text, "“nota-terkunci.pdf” dilindungi kata sandi"));
  }
  ui_screenshot (dialog, "60-pdf-password-asked");

  /* Escape cancels: the page says what it waits for. */
  gtk_widget_grab_focus (ui_child (dialog, "password"));
  ui_key (dialog, GDK_KEY_Escape, 0);
  ui_wait (dialog_closed, verify, "the password dialog to close");
  g_assert_true (ui_get_bool (verify, "locked"));
  banner = ui_text (ui_child (verify, "banner"));
  g_assert_nonnull (strstr (banner, "dilindungi kata sandi"));
  g_assert_true (gtk_widget_get_visible (ui_child (verify, "unlock")));
  ui_screenshot (GTK_WIDGET (window), "61-pdf-password-locked");

  /* Asked again; a wrong password is said so, and asked again. */
  ui_activate (verify, "verify.password", NULL);
  dialog = wait_password_dialog (verify);
  type_and_enter (dialog, "bukan-ini");
  wrong = ui_wait_string (dialog, "message");
  ui_wait_bool (dialog, "busy", FALSE);
  g_test_message ("%s", wrong);
  g_assert_nonnull (strstr (wrong, "Kata sandi salah"));
  g_assert_cmpstr (gtk_editable_get_text (ui_child (dialog, "password")), ==, "");
  ui_screenshot (dialog, "62-pdf-password-wrong");

  /* The right one: verified and shown. */
  type_and_enter (dialog, USER_PASSWORD);
  verdict = ui_wait_string (verify, "verdict");
  ui_wait_views (verify);
  g_test_message ("%s", verdict);
  g_assert_nonnull (strstr (verdict, "tidak memiliki tanda tangan"));
  g_assert_true (dialog_closed (verify));
  g_assert_false (ui_get_bool (verify, "locked"));
  g_assert_false (gtk_widget_get_visible (ui_child (verify, "unlock")));
  ui_screenshot (GTK_WIDGET (window), "63-pdf-password-unsigned");
}

static void
verify_signed (BsWindow *window, DsHarness *h)
{
  g_autofree char *anchor = NULL;
  g_autofree char *signed_pdf = make_signed_locked (h, &anchor);
  g_autofree char *uri = g_filename_to_uri (signed_pdf, NULL, NULL);
  g_autofree char *again = g_filename_to_uri (signed_pdf, NULL, NULL);
  GtkWidget *verify = ui_page (window, "verify");
  GtkWidget *dialog, *details;
  g_autofree char *verdict = NULL, *online = NULL;

  bs_app_context_add_trust (bs_window_get_context (window), anchor);
  ui_activate (window, "win.verify-file", "s", uri);
  ui_wait_page (window, "verify");
  dialog = wait_password_dialog (verify);
  type_and_enter (dialog, USER_PASSWORD);
  verdict = ui_wait_string (verify, "verdict");
  ui_wait_views (verify);
  g_test_message ("%s", verdict);
  g_assert_cmpstr (verdict, ==, "Dokumen valid, Sertifikat yang digunakan terpercaya");
  details = ui_open_details (window);
  {
    g_autofree char *text = ui_text (details);
    g_assert_nonnull (strstr (text, "Penandatangan PDF Terkunci"));
  }
  gtk_window_destroy (GTK_WINDOW (details));
  ui_screenshot (GTK_WIDGET (window), "64-pdf-password-signed");

  /* Verified again the other way with the password kept for it. */
  g_object_set (verify, "online", TRUE, NULL);
  online = ui_wait_string (verify, "verdict");
  g_assert_false (ui_get_bool (verify, "locked"));
  g_assert_true (dialog_closed (verify));
  g_test_message ("%s", online);

  /* Opened afresh, the password is asked again: it went with the document. */
  ui_activate (window, "win.verify-file", "s", again);
  ui_wait_bool (verify, "locked", TRUE);
  dialog = wait_password_dialog (verify);
  gtk_window_destroy (GTK_WINDOW (dialog));
}

/* Konfigurasi → Layanan: the dev server's Esign Client Service. */
static void
choose_esign (BsWindow *window, DsHarness *h)
{
  GtkWidget *dialog;

  ui_activate (window, "win.settings", NULL);
  dialog = ui_wait_window (BS_TYPE_SETTINGS_DIALOG);
  gtk_drop_down_set_selected (ui_child (dialog, "connection"), 1);
  ui_type (dialog, "esign_user", ds_harness_account (h, "integrationUser"));
  ui_type (dialog, "integration_password", ds_harness_account (h, "integrationPassword"));
  ui_activate (dialog, "settings.save", NULL);
  ui_settle ();
}

static gboolean
can_sign (gpointer data)
{
  return bs_app_context_can_sign (bs_window_get_context (data));
}

static void
sign_with_esign (BsWindow *window, DsHarness *h)
{
  g_autofree char *locked = make_locked (h, "surat-terkunci.pdf");
  char *paths[] = { locked };
  GtkWidget *login = ui_page (window, "login");
  GtkWidget *documents = ui_page (window, "documents");
  GtkWidget *ask, *dialog;
  BsAppDocument *doc;
  g_autofree char *wrong = NULL;

  choose_esign (window, h);
  ui_activate (window, "win.show-page", "s", "login");
  ui_wait_page (window, "login");
  ui_type (login, "signer", ds_harness_account (h, "nik"));
  ui_activate (login, "login.submit", NULL);
  ui_wait (can_sign, window, "the signer's login");
  ui_wait_page (window, "documents");

  /* Opening it to sign asks for the password. */
  ui_drop (window, paths, 1);
  ask = ui_wait_window (BS_TYPE_PASSWORD_DIALOG);
  ui_settle ();
  doc = ui_document (window, 0);
  g_assert_true (bs_app_document_is_locked (doc));
  type_and_enter (ask, "keliru");
  wrong = ui_wait_string (ask, "message");
  ui_wait_bool (ask, "busy", FALSE);
  g_assert_nonnull (strstr (wrong, "Kata sandi salah"));
  type_and_enter (ask, USER_PASSWORD);
  ui_wait_bool (doc, "has-password", TRUE);
  ui_wait_rendered (window);
  g_assert_false (gtk_widget_get_visible (ui_child (documents, "lock_bar")));
  ui_screenshot (GTK_WIDGET (window), "65-pdf-password-to-sign");

  /* The service gets it as pdfPassword: the dev server, which opens it
   * and then declines protected files, says so — not "isi pdfPassword"
   * (none sent) nor "pdfPassword salah" (a wrong one). */
  dialog = ui_start_signing (window);
  ui_sign (dialog, ds_harness_account (h, "passphrase"));
  g_assert_cmpint (bs_app_document_get_state (doc), ==, BS_DOC_FAILED);
  g_test_message ("%s", bs_app_document_get_failure_detail (doc));
  g_assert_nonnull (strstr (bs_app_document_get_failure_detail (doc), "belum dapat ditandatangani"));
  gtk_window_destroy (GTK_WINDOW (dialog));
}

static void
account_explains (BsWindow *window, DsHarness *h)
{
  g_autofree char *locked = make_locked (h, "arsip-terkunci.pdf");
  char *paths[] = { locked };
  GtkWidget *documents = ui_page (window, "documents");
  BsAppContext *context = bs_window_get_context (window);
  BsAppDocument *doc;

  /* A BeSign account (the runs before chose the Esign Client Service). */
  bs_settings_set_string (bs_app_context_get_settings (context), "connection", "account");
  bs_app_context_settings_changed (context);
  ui_log_in (window, h);
  ui_drop (window, paths, 1);
  doc = ui_document (window, 0);
  ui_wait_bool (doc, "locked", TRUE);
  ui_settle ();
  /* No password asked: signing here would refuse it; said why. */
  g_assert_true (gtk_widget_get_visible (ui_child (documents, "lock_bar")));
  g_assert_false (gtk_widget_get_visible (ui_child (documents, "unlock")));
  {
    g_autofree char *text = ui_text (ui_child (documents, "lock_bar"));
    g_assert_nonnull (strstr (text, "hapus perlindungannya"));
  }
  ui_screenshot (GTK_WIDGET (window), "66-pdf-password-account");
}

int
main (int argc, char **argv)
{
  ui_init (&argc, &argv, "id");
  ui_add ("/pdf-password/verify-unsigned", verify_unsigned);
  ui_add ("/pdf-password/verify-signed", verify_signed);
  ui_add ("/pdf-password/sign-with-esign", sign_with_esign);
  ui_add ("/pdf-password/account-explains", account_explains);
  return g_test_run ();
}
