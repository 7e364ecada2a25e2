/* test-esign.c — issue 13 in the window, in Indonesian, against the dev
 * server's Esign Client Service: the settings choose the kind of
 * connection (the integration's password kept for the run, never in
 * settings.ini), the login page then asks only for the signer's NIK or
 * e-mail (and the integration's password once per run), the service is
 * asked whether it knows the signer, and signing sends the whole
 * documents to sign/pdf in ONE request — authorised by the passphrase or
 * by ONE e-mailed code asked for as many documents. Certificate
 * management, an account's, is greyed with an explanation.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "ui-harness.h"
#include "ui-steps.h"
#include "bs-test-util.h"

#include "bs-certificate-dialog.h"
#include "bs-login-page.h"
#include "bs-settings-dialog.h"
#include "bs-sign-dialog.h"

#include <string.h>

static char *
settings_file (void)
{
  g_autofree char *path = g_build_filename (g_get_user_config_dir (), "besign", "settings.ini", NULL);
  char *text = NULL;

  if (!g_file_get_contents (path, &text, NULL, NULL))
    return g_strdup ("");
  return text;
}

static char *
audit_count (DsHarness *h, const char *action)
{
  g_autofree char *sql = g_strdup_printf ("SELECT COUNT(*) FROM audit WHERE action = '%s'", action);

  return ds_harness_sql (h, sql);
}

/* Konfigurasi → Layanan: Esign Client Service with the demo integration;
 * @password typed there too, or left for the login page (NULL). */
static void
choose_esign (BsWindow *window, DsHarness *h, const char *password, gboolean screenshot)
{
  GtkWidget *dialog;
  g_autofree char *ini = NULL;

  ui_activate (window, "win.settings", NULL);
  dialog = ui_wait_window (BS_TYPE_SETTINGS_DIALOG);
  gtk_notebook_set_current_page (ui_child (dialog, "notebook"), 2);
  /* The first run of this program's settings: an account, as by default. */
  if (screenshot)
    g_assert_false (gtk_widget_get_sensitive (ui_child (dialog, "esign_user")));
  gtk_drop_down_set_selected (ui_child (dialog, "connection"), 1);
  g_assert_true (gtk_widget_get_sensitive (ui_child (dialog, "esign_user")));
  ui_type (dialog, "esign_user", ds_harness_account (h, "integrationUser"));
  if (password != NULL)
    ui_type (dialog, "integration_password", password);
  {
    g_autofree char *text = ui_text (dialog);
    g_assert_nonnull (strstr (text, "Koneksi"));
    g_assert_nonnull (strstr (text, "tidak pernah disimpan"));
  }
  if (screenshot)
    ui_screenshot (dialog, "50-esign-settings");
  ui_activate (dialog, "settings.save", NULL);
  ui_settle ();
  /* The kind and the integration's name are settings; its password is not. */
  ini = settings_file ();
  g_assert_nonnull (strstr (ini, "connection=esign"));
  g_assert_nonnull (strstr (ini, ds_harness_account (h, "integrationUser")));
  g_assert_null (strstr (ini, ds_harness_account (h, "integrationPassword")));
  g_assert_cmpint (bs_app_context_get_kind (bs_window_get_context (window)), ==, BS_BSRE_KIND_ESIGN_CLIENT);
}

static GtkWidget *
open_login (BsWindow *window)
{
  GtkWidget *login = ui_page (window, "login");

  ui_activate (window, "win.show-page", "s", "login");
  ui_wait_page (window, "login");
  ui_settle ();
  g_assert_true (ui_get_bool (login, "esign"));
  return login;
}

/* The login page's answer to what was typed, once the service gave it. */
static char *
submit_login (GtkWidget *login)
{
  ui_activate (login, "login.submit", NULL);
  ui_wait_bool (login, "busy", FALSE);
  return ui_wait_string (login, "message");
}

static gboolean
can_sign (gpointer data)
{
  return bs_app_context_can_sign (bs_window_get_context (data));
}

static void
log_in_signer (BsWindow *window, const char *who, const char *password)
{
  GtkWidget *login = open_login (window);

  ui_type (login, "signer", who);
  if (password != NULL)
    ui_type (login, "integration_password", password);
  ui_activate (login, "login.submit", NULL);
  ui_wait (can_sign, window, "the signer's login");
  ui_wait_page (window, "documents");
}

static void
settings_and_login (BsWindow *window, DsHarness *h)
{
  BsAppContext *context = bs_window_get_context (window);
  GtkWidget *login;
  g_autofree char *wrong = NULL, *unknown = NULL, *inactive = NULL, *ini = NULL;
  const char *nik = ds_harness_account (h, "nik");

  choose_esign (window, h, NULL, TRUE);
  login = open_login (window);
  /* Only the signer and, not given yet this run, the integration's password. */
  g_assert_false (gtk_widget_get_visible (ui_child (login, "username")));
  g_assert_false (gtk_widget_get_visible (ui_child (login, "password")));
  g_assert_true (gtk_widget_get_visible (ui_child (login, "signer")));
  g_assert_true (gtk_widget_get_visible (ui_child (login, "integration_password")));
  {
    g_autofree char *text = ui_text (login);
    g_assert_nonnull (strstr (text, "NIK atau e-mail resmi"));
    g_assert_nonnull (strstr (text, ds_harness_account (h, "integrationUser")));
  }
  ui_type (login, "signer", nik);
  ui_screenshot (GTK_WIDGET (window), "51-esign-login");

  /* A wrong integration password: said, and asked again. */
  ui_type (login, "integration_password", "bukan-kata-sandinya");
  wrong = submit_login (login);
  g_test_message ("%s", wrong);
  g_assert_nonnull (strstr (wrong, "Layanan menolak nama pengguna atau kata sandi integrasi"));
  g_assert_false (bs_app_context_has_integration_password (context));
  g_assert_true (gtk_widget_get_visible (ui_child (login, "integration_password")));
  g_assert_cmpstr (gtk_editable_get_text (ui_child (login, "integration_password")), ==, "");

  /* Someone the service does not know, then not a NIK at all. */
  ui_type (login, "signer", "3174000000000009");
  ui_type (login, "integration_password", ds_harness_account (h, "integrationPassword"));
  unknown = submit_login (login);
  g_test_message ("%s", unknown);
  g_assert_nonnull (strstr (unknown, "belum terdaftar"));
  /* The service accepted the password: it is not asked again this run. */
  g_assert_true (bs_app_context_has_integration_password (context));
  ui_settle ();
  g_assert_false (gtk_widget_get_visible (ui_child (login, "integration_password")));
  ui_type (login, "signer", "12345");
  g_free (unknown);
  unknown = submit_login (login);
  g_assert_nonnull (strstr (unknown, "bukan NIK"));
  g_assert_false (bs_app_context_can_sign (context));

  /* The demo signer, by NIK: signed in without any code. */
  log_in_signer (window, nik, NULL);
  g_assert_cmpstr (gtk_menu_button_get_label (ui_child (window, "user_button")), ==, nik);
  ui_screenshot (GTK_WIDGET (window), "52-esign-signed-in");

  /* Logged out and in again by e-mail: the password is remembered for
   * the run; it never reached the settings file. */
  ui_activate (window, "win.logout", NULL);
  ui_wait_page (window, "welcome");
  login = open_login (window);
  g_assert_false (gtk_widget_get_visible (ui_child (login, "integration_password")));
  log_in_signer (window, ds_harness_account (h, "email"), NULL);
  ini = settings_file ();
  g_assert_null (strstr (ini, ds_harness_account (h, "integrationPassword")));

  /* A signer whose certificate cannot sign is told so at the door. */
  ui_activate (window, "win.logout", NULL);
  ui_wait_page (window, "welcome");
  g_free (ds_harness_sql (h, "UPDATE users SET status = 'REVOKE'"));
  login = open_login (window);
  ui_type (login, "signer", nik);
  inactive = submit_login (login);
  g_test_message ("%s", inactive);
  g_assert_nonnull (strstr (inactive, "dicabut"));
  g_assert_false (bs_app_context_can_sign (context));
}

/* @n documents dropped; the first signed visibly when @visible (the
 * service places the box where the window shows it). */
static GtkWidget *
sign_dropped (BsWindow *window, DsHarness *h, guint n, gboolean visible, const BsDisplayRect *box)
{
  g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < n; i++)
    g_ptr_array_add (paths, ui_make_pdf (h, i == 0 ? "nota-dinas.pdf" : i == 1 ? "undangan.pdf" : "laporan.pdf"));
  ui_drop (window, (char **) paths->pdata, (int) n);
  g_assert_cmpuint (ui_n_documents (window), ==, n);
  ui_wait_rendered (window);
  if (visible)
    {
      ui_set_visible (window, TRUE);
      ui_place (ui_document (window, 0), box);
      ui_screenshot (GTK_WIDGET (window), "53a-esign-placed");
    }
  return ui_start_signing (window);
}

/* The box the window placed (top-left origin, points): where the
 * service drew the red specimen, on the page as pdftoppm renders it. */
static void
assert_specimen_at (DsHarness *h, const char *pdf, const BsDisplayRect *box)
{
  guint32 inside = ui_rendered_pixel (h, pdf, (int) (box->x + box->width / 2), (int) (box->y + box->height / 2));
  guint32 above = ui_rendered_pixel (h, pdf, (int) (box->x + box->width / 2), (int) (box->y - 30));

  g_test_message ("specimen #%06x, above it #%06x", inside, above);
  g_assert_true ((inside & 0xff0000) >= 0x900000 && (inside & 0x00ff00) <= 0x006000);
  g_assert_cmphex (above & 0xf0f0f0, ==, 0xf0f0f0);
}

static void
sign_with_passphrase (BsWindow *window, DsHarness *h)
{
  GtkWidget *dialog;
  g_autofree char *note = NULL, *refused = NULL, *summary = NULL, *requests = NULL, *hashes = NULL;
  g_autofree char *png = g_build_filename (h->root, "spesimen.png", NULL);
  const BsDisplayRect box = { 300, 560, 180, 72 };

  bs_test_make_png (png, 300, 120, 0xd01010ff);
  bs_settings_set_string (bs_app_context_get_settings (bs_window_get_context (window)), "specimen", png);
  choose_esign (window, h, ds_harness_account (h, "integrationPassword"), FALSE);
  log_in_signer (window, ds_harness_account (h, "nik"), NULL);
  dialog = sign_dropped (window, h, 2, TRUE, &box);
  /* The documents leave the computer: said before anything is typed. */
  note = ui_wait_string (dialog, "note");
  g_test_message ("%s", note);
  g_assert_nonnull (strstr (note, "dikirim utuh ke Esign Client Service"));
  ui_screenshot (dialog, "53-esign-sign-dialog");

  ui_type (dialog, "secret", "passphrase-keliru");
  ui_activate (dialog, "sign.start", NULL);
  ui_wait_bool (dialog, "busy", FALSE);
  refused = ui_wait_string (dialog, "message");
  g_test_message ("%s", refused);
  g_assert_nonnull (strstr (refused, "assphrase"));
  g_assert_false (ui_get_bool (dialog, "done"));

  ui_sign (dialog, ds_harness_account (h, "passphrase"));
  summary = ui_wait_string (dialog, "summary");
  g_test_message ("%s", summary);
  ui_screenshot (dialog, "54-esign-signed");
  for (guint i = 0; i < 2; i++)
    {
      BsAppDocument *doc = ui_document (window, i);
      g_assert_cmpint (bs_app_document_get_state (doc), ==, BS_DOC_SIGNED);
      g_assert_cmpint (ui_verify_with_cli (h, bs_app_document_get_output (doc)), ==, 0);
    }
  assert_specimen_at (h, bs_app_document_get_output (ui_document (window, 0)), &box);
  /* Both in one sign/pdf request; no hash was signed. */
  requests = audit_count (h, "sign-pdf");
  hashes = audit_count (h, "sign-hash");
  g_assert_cmpstr (requests, ==, "1");
  g_assert_cmpstr (hashes, ==, "0");
  gtk_window_destroy (GTK_WINDOW (dialog));
}

static void
sign_with_email_code (BsWindow *window, DsHarness *h)
{
  BsSettings *settings = bs_app_context_get_settings (bs_window_get_context (window));
  GtkWidget *dialog;
  g_autofree char *mail = NULL, *code = NULL, *codes = NULL, *requests = NULL;

  bs_settings_set_string (settings, "auth-method", "otp");
  choose_esign (window, h, ds_harness_account (h, "integrationPassword"), FALSE);
  log_in_signer (window, ds_harness_account (h, "email"), NULL);
  dialog = sign_dropped (window, h, 3, FALSE, NULL);
  /* One code, asked for three documents. */
  mail = NULL;
  for (int i = 0; i < 200 && (mail = ds_harness_mail_value (h, "untuk ")) == NULL; i++)
    ui_settle ();
  g_assert_nonnull (mail);
  g_assert_true (g_str_has_prefix (mail, "3 dokumen"));
  code = ds_harness_mail_value (h, "Kode OTP penandatanganan anda: ");
  g_assert_nonnull (code);
  ui_sign (dialog, g_strstrip (code));
  for (guint i = 0; i < 3; i++)
    g_assert_cmpint (bs_app_document_get_state (ui_document (window, i)), ==, BS_DOC_SIGNED);
  codes = audit_count (h, "email-otp");
  requests = audit_count (h, "sign-pdf");
  g_assert_cmpstr (codes, ==, "1");
  g_assert_cmpstr (requests, ==, "1");
  gtk_window_destroy (GTK_WINDOW (dialog));
}

/* The menu item labelled @label under @root (a GtkModelButton). */
static GtkWidget *
menu_item (GtkWidget *root, const char *label)
{
  g_autofree char *text = NULL;

  if (g_str_equal (G_OBJECT_TYPE_NAME (root), "GtkModelButton"))
    {
      g_object_get (root, "text", &text, NULL);
      if (g_strcmp0 (text, label) == 0)
        return root;
    }
  for (GtkWidget *c = gtk_widget_get_first_child (root); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = menu_item (c, label);
      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
certificate_unavailable (BsWindow *window, DsHarness *h)
{
  GtkWidget *dialog, *menu, *popover;
  g_autofree char *status = NULL, *step = NULL, *text = NULL;

  choose_esign (window, h, ds_harness_account (h, "integrationPassword"), FALSE);
  log_in_signer (window, ds_harness_account (h, "nik"), NULL);
  /* In the user's menu the account's flows are greyed; the one item
   * added says why. */
  menu = ui_child (window, "user_button");
  gtk_menu_button_popup (GTK_MENU_BUTTON (menu));
  popover = GTK_WIDGET (gtk_menu_button_get_popover (GTK_MENU_BUTTON (menu)));
  g_object_set (popover, "visible-submenu", "Sertifikat Elektronik", NULL);
  ui_settle ();
  {
    const char *flows[] = { "Ubah Passphrase", "Atur Ulang Passphrase", "Penerbitan", "Pencabutan" };
    GtkWidget *why = menu_item (popover, "Hanya dengan akun BeSign: mengapa?");

    for (gsize i = 0; i < G_N_ELEMENTS (flows); i++)
      {
        GtkWidget *item = menu_item (popover, flows[i]);
        g_assert_nonnull (item);
        g_assert_false (gtk_widget_is_sensitive (item));
      }
    g_assert_nonnull (why);
    g_assert_true (gtk_widget_get_visible (why) && gtk_widget_is_sensitive (why));
  }
  ui_screenshot (popover, "55-esign-certificate-menu");
  gtk_menu_button_popdown (GTK_MENU_BUTTON (menu));
  ui_settle ();
  ui_activate (window, "win.certificate-unavailable", NULL);
  dialog = ui_wait_window (BS_TYPE_CERTIFICATE_DIALOG);
  ui_wait_bool (dialog, "busy", FALSE);
  g_object_get (dialog, "step", &step, NULL);
  g_assert_cmpstr (step, ==, "unavailable");
  /* The status comes from the service's check/status. */
  for (int i = 0; i < 200; i++)
    {
      g_free (status);
      g_object_get (dialog, "status", &status, NULL);
      if (g_strcmp0 (status, "Status sertifikat: aktif") == 0)
        break;
      ui_settle ();
    }
  g_assert_cmpstr (status, ==, "Status sertifikat: aktif");
  text = ui_text (dialog);
  g_assert_nonnull (strstr (text, "akun BeSign"));
  g_assert_false (gtk_widget_get_visible (ui_child (dialog, "submit")));
  ui_screenshot (dialog, "56-esign-certificate");
  gtk_window_destroy (GTK_WINDOW (dialog));
}

int
main (int argc, char **argv)
{
  ui_init (&argc, &argv, "id");
  ui_add ("/esign/settings-and-login", settings_and_login);
  ui_add ("/esign/sign-passphrase", sign_with_passphrase);
  ui_add ("/esign/sign-email-code", sign_with_email_code);
  ui_add ("/esign/certificate-unavailable", certificate_unavailable);
  return g_test_run ();
}
