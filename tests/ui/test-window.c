/* test-window.c — the real BeSign window under Xvfb, driven as a person
 * would (its fields, its buttons' actions, drops), against a real
 * besign-devserver: signing, verification, login, configuration. Each
 * step saves a screenshot into the test log folder.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "ui-harness.h"
#include "ui-steps.h"
#include "bs-test-util.h"

#include "bs-sign-dialog.h"
#include "bs-settings-dialog.h"
#include "bs-signature-details.h"
#include "bs-compare-window.h"

#include <glib/gi18n.h>
#include <signal.h>
#include <string.h>

/* A red box drawn over the signed page by a later update (an Incremental
 * Saving Attack from tests/attacks): the banner says so, Details names the
 * change, and the signed version is shown beside what the file shows now. */
static void
verify_changed_after_signing (BsWindow *window, DsHarness *h, const char *unsigned_pdf, const char *signed_pdf)
{
  g_autofree char *script = g_build_filename (g_getenv ("BESIGN_SOURCE_DIR"), "tests", "attacks", "make-attacks.py", NULL);
  g_autofree char *out = g_build_filename (h->data_dir, "attacks", NULL);
  g_autofree char *attacked = g_build_filename (out, "isa-content-replaced.pdf", NULL);
  const char *argv[] = { "python3", script, signed_pdf, unsigned_pdf, out, NULL };
  GtkWidget *verify = ui_page (window, "verify");
  g_autofree char *verdict = NULL;
  g_autofree char *details = NULL;
  GtkWidget *dialog, *compare;

  g_assert_cmpint (ds_run (argv, NULL, NULL), ==, 0);
  verdict = ui_verify (window, attacked);
  g_assert_cmpstr (verdict, ==, bs_verdict_describe (BS_VERDICT_MODIFIED));
  ui_screenshot (GTK_WIDGET (window), "06c-changed-after-signing");
  dialog = ui_open_details (window);
  ui_screenshot (dialog, "06e-details-changed");
  details = ui_text (dialog);
  g_test_message ("%s", details);
  /* In the run's language: the change is listed as not allowed. */
  {
    g_autofree char *not_allowed = g_strndup (g_dgettext (GETTEXT_PACKAGE, "Not allowed: %s"),
                                              strcspn (g_dgettext (GETTEXT_PACKAGE, "Not allowed: %s"), "%"));
    g_assert_nonnull (strstr (details, not_allowed));
  }
  ui_activate (dialog, "details.compare", "u", 0);
  compare = ui_wait_object (verify, "compare-window");
  ui_wait_views (compare);
  ui_screenshot (compare, "06d-signed-version-vs-changed");
  gtk_window_destroy (GTK_WINDOW (compare));
  gtk_window_destroy (GTK_WINDOW (dialog));
}

static void
sign_three_with_passphrase (BsWindow *window, DsHarness *h)
{
  g_autofree char *a = ui_make_pdf (h, "surat-1.pdf");
  g_autofree char *b = ui_make_pdf (h, "surat-2.pdf");
  g_autofree char *c = ui_make_pdf (h, "surat-3.pdf");
  char *paths[] = { a, b, c };
  GtkWidget *docs, *dialog, *compare;
  BsAppDocument *second;
  BsDisplayRect rect = { 330, 650, 220, 90 };
  g_autofree char *visible_output = NULL;
  g_autofree char *verdict = NULL;
  g_autofree char *details = NULL;
  BsSettings *settings = bs_app_context_get_settings (bs_window_get_context (window));
  g_autofree char *tsa = g_strconcat (h->base_url, "/tsa", NULL);

  /* B-LT: the window verifies offline, and a certificate that names an
   * OCSP responder is only trusted with its answer (EN 319 102-1). */
  bs_settings_set_string (settings, "tsa-url", tsa);
  bs_settings_set_string (settings, "level", "B-LT");
  ui_screenshot (GTK_WIDGET (window), "01-welcome");
  ui_log_in (window, h);
  docs = ui_page (window, "documents");
  ui_drop (window, paths, 3);
  g_assert_cmpuint (ui_n_documents (window), ==, 3);
  ui_select_document (window, 1);
  second = ui_document (window, 1);
  ui_set_visible (window, TRUE);
  ui_place (second, &rect);
  g_assert_true (gtk_widget_get_visible (ui_find (docs, g_type_from_name ("BsSignatureBox"))));
  ui_screenshot (GTK_WIDGET (window), "03-documents-visible-box");

  dialog = ui_start_signing (window);
  ui_screenshot (dialog, "04-sign-dialog");
  ui_sign (dialog, ds_harness_account (h, "passphrase"));
  ui_screenshot (dialog, "05-sign-results");
  for (guint i = 0; i < 3; i++)
    {
      BsAppDocument *doc = ui_document (window, i);
      g_assert_cmpint (bs_app_document_get_state (doc), ==, BS_DOC_SIGNED);
      g_assert_cmpint (ui_verify_with_cli (h, bs_app_document_get_output (doc)), ==, 0);
    }
  visible_output = g_strdup (bs_app_document_get_output (second));
  gtk_window_destroy (GTK_WINDOW (dialog));

  verdict = ui_verify (window, visible_output);
  g_assert_cmpstr (verdict, ==, bs_verdict_describe (BS_VERDICT_VALID));
  bs_settings_set_string (settings, "tsa-url", NULL);
  bs_settings_set_string (settings, "level", NULL);
  ui_screenshot (GTK_WIDGET (window), "06-verified");
  dialog = ui_open_details (window);
  details = ui_text (dialog);
  g_assert_nonnull (strstr (details, "Demo Penanda Tangan"));
  ui_activate (dialog, "details.compare", "u", 0);
  compare = ui_wait_object (ui_page (window, "verify"), "compare-window");
  ui_wait_views (compare);
  ui_screenshot (compare, "06b-signed-version");
  gtk_window_destroy (GTK_WINDOW (compare));
  gtk_window_destroy (GTK_WINDOW (dialog));
  verify_changed_after_signing (window, h, b, visible_output);
}

static void
wrong_passphrase_then_server_down (BsWindow *window, DsHarness *h)
{
  g_autofree char *a = ui_make_pdf (h, "nota.pdf");
  char *paths[] = { a };
  GtkWidget *dialog;
  g_autofree char *message = NULL;
  g_autofree char *down = NULL;

  ui_log_in (window, h);
  ui_drop (window, paths, 1);
  dialog = ui_start_signing (window);
  ui_type (dialog, "secret", "bukan passphrase");
  ui_activate (dialog, "sign.start", NULL);
  /* Refused: the dialog stays open for another try. */
  message = ui_wait_string (dialog, "message");
  ui_wait_bool (dialog, "busy", FALSE);
  g_assert_false (ui_get_bool (dialog, "done"));
  g_assert_nonnull (strstr (message, "4"));
  ui_screenshot (dialog, "07-wrong-passphrase");
  ds_harness_stop (h, SIGTERM);
  ui_type (dialog, "secret", ds_harness_account (h, "passphrase"));
  ui_activate (dialog, "sign.start", NULL);
  ui_wait_bool (dialog, "busy", FALSE);
  down = ui_wait_string (dialog, "message");
  ui_screenshot (dialog, "08-server-down");
  /* One plain sentence, not the transport's. */
  g_assert_nonnull (strstr (down, g_dgettext (GETTEXT_PACKAGE, "the service cannot be reached")));
  g_assert_cmpint (bs_app_document_get_state (ui_document (window, 0)), ==, BS_DOC_PENDING);
  gtk_window_destroy (GTK_WINDOW (dialog));
}

static gboolean
mail_arrived (gpointer data)
{
  g_autofree char *code = ds_harness_mail_value (data, "Kode OTP penandatanganan anda: ");

  return code != NULL;
}

static void
sign_with_email_otp (BsWindow *window, DsHarness *h)
{
  g_autofree char *a = ui_make_pdf (h, "undangan.pdf");
  char *paths[] = { a };
  GtkWidget *dialog;
  g_autofree char *code = NULL;

  bs_settings_set_string (bs_app_context_get_settings (bs_window_get_context (window)), "auth-method", "otp");
  ui_log_in (window, h);
  ui_drop (window, paths, 1);
  dialog = ui_start_signing (window);
  ui_wait (mail_arrived, h, "the e-mailed code");
  ui_screenshot (dialog, "09-email-otp");
  code = ds_harness_mail_value (h, "Kode OTP penandatanganan anda: ");
  ui_sign (dialog, code);
  g_assert_cmpint (bs_app_document_get_state (ui_document (window, 0)), ==, BS_DOC_SIGNED);
  g_assert_cmpint (ui_verify_with_cli (h, bs_app_document_get_output (ui_document (window, 0))), ==, 0);
  gtk_window_destroy (GTK_WINDOW (dialog));
}

static gboolean
qr_shown (gpointer data)
{
  GtkWidget *qr = ui_child (ui_page (data, "otp"), "qr");

  return gtk_widget_get_visible (qr) && gtk_picture_get_paintable (GTK_PICTURE (qr)) != NULL;
}

/* An account without an authenticator: QR code, secret, code and name. */
static void
first_login_sets_up_authenticator (BsWindow *window, DsHarness *h)
{
  GtkWidget *login = ui_page (window, "login");
  GtkWidget *otp = ui_page (window, "otp");
  g_autofree char *code = NULL;
  g_autofree char *refused = NULL;
  g_autofree char *device = NULL;

  g_free (ds_harness_sql (h, "DELETE FROM devices"));
  ui_activate (window, "win.show-page", "s", "login");
  ui_type (login, "username", "demo");
  ui_type (login, "password", "salah");
  ui_activate (login, "login.submit", NULL);
  refused = ui_wait_string (login, "message");
  ui_screenshot (GTK_WIDGET (window), "10-wrong-password");
  ui_type (login, "password", ds_harness_account (h, "password"));
  ui_activate (login, "login.submit", NULL);
  ui_wait_page (window, "otp");
  ui_wait (qr_shown, window, "the QR code");
  g_assert_true (ui_get_bool (otp, "setting-up"));
  ui_screenshot (GTK_WIDGET (window), "11-otp-setup-qr");
  code = ds_totp (gtk_label_get_text (ui_child (otp, "secret")), ds_totp_step_now ());
  ui_type (otp, "code", code);
  ui_type (otp, "device_name", "Ponsel Uji");
  /* Enter in the device-name field sends the form. */
  gtk_widget_grab_focus (ui_child (otp, "device_name"));
  ui_key (GTK_WIDGET (window), GDK_KEY_Return, 0);
  ui_wait_page (window, "documents");
  device = ds_harness_sql (h, "SELECT name FROM devices");
  g_assert_cmpstr (device, ==, "Ponsel Uji");
}

static char *
make_red_png (DsHarness *h)
{
  int w = 300, hgt = 100;
  g_autofree guint8 *pixels = g_malloc ((gsize) w * hgt * 3);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  char *path = g_build_filename (h->root, "specimen.png", NULL);

  for (int i = 0; i < w * hgt; i++)
    {
      pixels[3 * i] = 0xd0;
      pixels[3 * i + 1] = 0x10;
      pixels[3 * i + 2] = 0x10;
    }
  bytes = g_bytes_new (pixels, (gsize) w * hgt * 3);
  texture = gdk_memory_texture_new (w, hgt, GDK_MEMORY_R8G8B8, bytes, (gsize) w * 3);
  g_assert_true (gdk_texture_save_to_png (texture, path));
  return path;
}

/* Configuration: a specimen and a trusted certificate imported, visible by
 * default, saved; a document signed with the specimen drawn in its box. */
static void
configure_then_sign_visible (BsWindow *window, DsHarness *h)
{
  g_autofree char *png = make_red_png (h);
  g_autofree char *root = g_build_filename (h->data_dir, "root.pem", NULL);
  g_autofree char *pdf = ui_make_pdf (h, "memo.pdf");
  g_autofree char *ini_path = g_build_filename (g_get_user_config_dir (), "besign", "settings.ini", NULL);
  g_autofree char *ini = NULL;
  g_autofree char *refused = NULL;
  char *paths[] = { pdf };
  GtkWidget *dialog, *sign;
  BsAppDocument *doc;
  const BsDisplayRect *r;
  guint32 pixel;

  ui_activate (window, "win.settings", NULL);
  dialog = ui_wait_window (BS_TYPE_SETTINGS_DIALOG);
  ui_activate (dialog, "settings.import-specimen", "s", png);
  ui_activate (dialog, "settings.import-anchor", "s", png);
  refused = ui_wait_string (dialog, "message");
  ui_activate (dialog, "settings.import-anchor", "s", root);
  g_assert_cmpuint (ui_get_uint (dialog, "n-anchors"), ==, 1);
  gtk_drop_down_set_selected (ui_child (dialog, "visualisation"), 1);
  ui_screenshot (dialog, "12-settings");
  ui_activate (dialog, "settings.save", NULL);
  g_assert_true (g_file_get_contents (ini_path, &ini, NULL, NULL));
  g_assert_nonnull (strstr (ini, "specimen="));
  g_assert_nonnull (strstr (ini, "trust-folder="));
  g_assert_nonnull (strstr (ini, "visualisation=visible"));

  ui_log_in (window, h);
  ui_drop (window, paths, 1);
  ui_wait_rendered (window);
  doc = ui_document (window, 0);
  g_assert_true (bs_app_document_get_visible (doc));
  ui_screenshot (GTK_WIDGET (window), "13-visible-by-default");
  sign = ui_start_signing (window);
  ui_sign (sign, ds_harness_account (h, "passphrase"));
  g_assert_cmpint (bs_app_document_get_state (doc), ==, BS_DOC_SIGNED);
  /* The specimen is drawn where the box was: the middle of it is red. */
  r = bs_app_document_get_rect (doc);
  pixel = ui_rendered_pixel (h, bs_app_document_get_output (doc), (int) (r->x + r->width / 2),
                             (int) (r->y + r->height / 2));
  g_assert_cmphex (pixel & 0xff0000, >, 0x900000);
  g_assert_cmphex (pixel & 0x00ff00, <, 0x006000);
  gtk_window_destroy (GTK_WINDOW (sign));
}

/* Offline: a software certificate instead of the account. */
static void
sign_with_local_certificate (BsWindow *window, DsHarness *h)
{
  g_autofree char *ids = g_build_filename (h->root, "ids", NULL);
  g_autofree char *p12 = NULL, *root = NULL;
  g_autofree char *pdf = ui_make_pdf (h, "lokal.pdf");
  g_autofree char *refused = NULL;
  char *paths[] = { pdf };
  GtkWidget *dialog;

  g_mkdir_with_parents (ids, 0700);
  bs_test_make_identities (ids);
  p12 = g_build_filename (ids, "signer.p12", NULL);
  root = g_build_filename (ids, "root.pem", NULL);
  bs_app_context_use_local_certificate (bs_window_get_context (window), p12);
  ui_wait_page (window, "documents");
  ui_drop (window, paths, 1);
  dialog = ui_start_signing (window);
  ui_screenshot (dialog, "16-local-certificate");
  ui_type (dialog, "secret", "salah");
  ui_activate (dialog, "sign.start", NULL);
  refused = ui_wait_string (dialog, "message");
  ui_wait_bool (dialog, "busy", FALSE);
  g_assert_false (ui_get_bool (dialog, "done"));
  ui_sign (dialog, "test-pass");
  {
    const char *verify[] = { g_getenv ("BESIGN_CLI"), "verify", "--trust", root,
                             bs_app_document_get_output (ui_document (window, 0)), NULL };
    g_assert_cmpint (ds_run (verify, NULL, NULL), ==, 0);
  }
  gtk_window_destroy (GTK_WINDOW (dialog));
}

static gboolean
fields_known (gpointer data)
{
  return bs_app_document_get_fields (data) != NULL;
}

/* A form prepared with a place to sign: the window offers that field. */
static void
sign_into_empty_field (BsWindow *window, DsHarness *h)
{
  g_autofree char *fixtures = g_build_filename (h->root, "fx", NULL);
  g_autofree char *script = g_build_filename (g_getenv ("BESIGN_SOURCE_DIR"), "tests", "sign-fixtures",
                                              "make-fixtures.py", NULL);
  g_autofree char *pdf = g_build_filename (fixtures, "empty-sig-field.pdf", NULL);
  g_autofree char *root = g_build_filename (h->data_dir, "root.pem", NULL);
  g_autofree char *verdict = NULL;
  const char *make[] = { "python3", script, fixtures, NULL };
  char *paths[] = { pdf };
  GtkWidget *docs, *dialog;
  BsAppDocument *doc;

  g_assert_cmpint (ds_run (make, NULL, NULL), ==, 0);
  ui_log_in (window, h);
  docs = ui_page (window, "documents");
  ui_drop (window, paths, 1);
  doc = ui_document (window, 0);
  ui_wait (fields_known, doc, "the empty field");
  ui_wait_rendered (window);
  ui_activate (docs, "documents.use-field", NULL);
  ui_wait_rendered (window);
  g_assert_true (gtk_widget_get_visible (ui_find (docs, g_type_from_name ("BsSignatureBox"))));
  ui_screenshot (GTK_WIDGET (window), "17-empty-field");
  dialog = ui_start_signing (window);
  ui_sign (dialog, ds_harness_account (h, "passphrase"));
  {
    const char *argv[] = { g_getenv ("BESIGN_CLI"), "verify", "--online", "--trust", root,
                           bs_app_document_get_output (doc), NULL };
    g_assert_cmpint (ds_run (argv, NULL, &verdict), ==, 0);
  }
  g_assert_nonnull (strstr (verdict, "Signature “Tanda1”"));
  g_assert_null (strstr (verdict, "Empty signature field"));
  gtk_window_destroy (GTK_WINDOW (dialog));
}

/* The level and TSA from the configuration: a B-LTA signature. */
static void
sign_long_term (BsWindow *window, DsHarness *h)
{
  BsSettings *settings = bs_app_context_get_settings (bs_window_get_context (window));
  g_autofree char *tsa = g_strconcat (h->base_url, "/tsa", NULL);
  g_autofree char *pdf = ui_make_pdf (h, "arsip.pdf");
  g_autofree char *root = g_build_filename (h->data_dir, "root.pem", NULL);
  g_autofree char *json = NULL;
  char *paths[] = { pdf };
  GtkWidget *dialog;

  bs_settings_set_string (settings, "tsa-url", tsa);
  bs_settings_set_string (settings, "level", "B-LTA");
  ui_log_in (window, h);
  ui_drop (window, paths, 1);
  dialog = ui_start_signing (window);
  ui_sign (dialog, ds_harness_account (h, "passphrase"));
  {
    const char *argv[] = { g_getenv ("BESIGN_CLI"), "verify", "--json", "--trust", root,
                           bs_app_document_get_output (ui_document (window, 0)), NULL };
    g_assert_cmpint (ds_run (argv, NULL, &json), ==, 0);
  }
  g_assert_nonnull (strstr (json, "PAdES-BASELINE-LTA"));
  bs_settings_set_string (settings, "tsa-url", NULL);
  bs_settings_set_string (settings, "level", NULL);
  gtk_window_destroy (GTK_WINDOW (dialog));
}

int
main (int argc, char **argv)
{
  ui_init (&argc, &argv, NULL);
  ui_add ("/window/sign-three-and-verify", sign_three_with_passphrase);
  ui_add ("/window/wrong-passphrase-server-down", wrong_passphrase_then_server_down);
  ui_add ("/window/email-otp", sign_with_email_otp);
  ui_add ("/window/otp-setup-qr", first_login_sets_up_authenticator);
  ui_add ("/window/settings-specimen-trust", configure_then_sign_visible);
  ui_add ("/window/local-certificate", sign_with_local_certificate);
  ui_add ("/window/empty-signature-field", sign_into_empty_field);
  ui_add ("/window/long-term", sign_long_term);
  return g_test_run ();
}
