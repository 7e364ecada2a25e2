/* test-window.c — the real BeSign window under Xvfb, driven as a person
 * would (through the same code paths as clicks and drops), against a real
 * besign-devserver. Each step saves a screenshot into the test log folder.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "ds-harness.h"
#include "bs-test-util.h"

#include "bs-application.h"
#include "bs-certificate-dialog.h"
#include "bs-documents-page.h"
#include "bs-login-page.h"
#include "bs-otp-page.h"
#include "bs-settings-dialog.h"
#include "bs-sign-dialog.h"
#include "bs-signature-box.h"
#include "bs-verify-page.h"
#include "bs-window.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <signal.h>
#include <string.h>

#define TIMEOUT_S 60

typedef void (*Scenario) (BsWindow *window, DsHarness *h);

typedef struct {
  Scenario   scenario;
  DsHarness *h;
} Run;

typedef struct {
  const char *path;
  Scenario    scenario;
} Case;

/* Runs the main loop until @done says so (or fails after TIMEOUT_S). */
static void
wait_for (gboolean (*done) (gpointer), gpointer data, const char *what)
{
  gint64 deadline = g_get_monotonic_time () + TIMEOUT_S * G_USEC_PER_SEC;

  while (!done (data))
    {
      if (g_get_monotonic_time () > deadline)
        g_error ("timed out waiting for %s", what);
      g_main_context_iteration (NULL, FALSE);
      g_usleep (2000);
    }
}

static gboolean
page_is (gpointer data)
{
  BsWindow *window = ((gpointer *) data)[0];
  GtkStack *stack = GTK_STACK (gtk_widget_get_parent (bs_window_get_page (window, "welcome")));

  return g_str_equal (gtk_stack_get_visible_child_name (stack), ((gpointer *) data)[1]);
}

static void
wait_for_page (BsWindow *window, const char *name)
{
  gpointer data[2] = { window, (gpointer) name };

  wait_for (page_is, data, name);
}

static void
settle (void)
{
  /* Lets GTK lay out and draw what changed. */
  for (int i = 0; i < 50; i++)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (4000);
    }
}

static gboolean
has_size (gpointer data)
{
  return gtk_widget_get_width (data) > 0 && gtk_widget_get_height (data) > 0;
}

/* A window's paintable draws nothing: its content is what we save. */
static void
screenshot (GtkWidget *target, const char *name)
{
  GtkWidget *widget = GTK_IS_WINDOW (target) ? gtk_window_get_child (GTK_WINDOW (target)) : target;
  g_autofree char *dir = g_build_filename (g_getenv ("BESIGN_BUILD_DIR"), "meson-logs", "ui-screenshots", NULL);
  g_autofree char *path = NULL;
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  int w, h, left, top;

  settle ();
  wait_for (has_size, widget, "a drawn widget");
  /* The child's margins are part of what a person sees. */
  left = gtk_widget_get_margin_start (widget);
  top = gtk_widget_get_margin_top (widget);
  w = gtk_widget_get_width (widget) + left + gtk_widget_get_margin_end (widget);
  h = gtk_widget_get_height (widget) + top + gtk_widget_get_margin_bottom (widget);
  g_mkdir_with_parents (dir, 0755);
  /* A run in the dark theme keeps its own screenshots. */
  path = g_strdup_printf ("%s/%s%s%s.png", dir, g_getenv ("GTK_THEME") ? "dark-" : "",
                          g_getenv ("BESIGN_UI_LANGUAGE") ? "id-" : "", name);
  /* The window paints the theme's background behind its content. */
  {
    GdkRGBA bg = { 1, 1, 1, 1 };
    G_GNUC_BEGIN_IGNORE_DEPRECATIONS
    gtk_style_context_lookup_color (gtk_widget_get_style_context (GTK_WIDGET (gtk_widget_get_root (widget))),
                                    "theme_bg_color", &bg);
    G_GNUC_END_IGNORE_DEPRECATIONS
    gtk_snapshot_append_color (snapshot, &bg, &GRAPHENE_RECT_INIT (0, 0, w, h));
  }
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (left, top));
  gdk_paintable_snapshot (paintable, snapshot, w - left - gtk_widget_get_margin_end (widget),
                          h - top - gtk_widget_get_margin_bottom (widget));
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (gtk_widget_get_native (widget)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, w, h));
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("screenshot: %s", path);
}

static char *
make_pdf (DsHarness *h, const char *name)
{
  g_autofree char *sample = g_build_filename (g_getenv ("BESIGN_SOURCE_DIR"), "data", "demo", "sample.pdf", NULL);
  char *path = g_build_filename (h->root, name, NULL);
  g_autofree char *pdf = NULL;
  gsize len;

  g_assert_true (g_file_get_contents (sample, &pdf, &len, NULL));
  g_assert_true (g_file_set_contents (path, pdf, (gssize) len, NULL));
  return path;
}

static gboolean
has_user (gpointer data)
{
  return bs_app_context_get_user (bs_window_get_context (data)) != NULL;
}

static void
log_in (BsWindow *window, DsHarness *h)
{
  g_autofree char *code = NULL;

  screenshot (GTK_WIDGET (window), "01-welcome");
  bs_window_show_page (window, "login");
  bs_login_page_submit (BS_LOGIN_PAGE (bs_window_get_page (window, "login")), "demo",
                        ds_harness_account (h, "password"));
  wait_for_page (window, "otp");
  screenshot (GTK_WIDGET (window), "02-otp");
  code = ds_harness_next_code (h);
  bs_otp_page_submit (BS_OTP_PAGE (bs_window_get_page (window, "otp")), code, NULL);
  wait_for (has_user, window, "login");
  wait_for_page (window, "documents");
}

/* Adds PDFs the way a drop does. */
static void
drop_files (BsWindow *window, char **paths, int n)
{
  GFile *files[8];

  for (int i = 0; i < n; i++)
    files[i] = g_file_new_for_path (paths[i]);
  bs_window_open_files (window, files, n);
  for (int i = 0; i < n; i++)
    g_object_unref (files[i]);
}

static gboolean
view_rendered (gpointer data)
{
  return bs_page_view_is_rendered (data);
}

/* Every page view under @root has drawn its page. */
static gboolean
views_rendered (gpointer root)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (BS_IS_PAGE_VIEW (child) ? !bs_page_view_is_rendered (BS_PAGE_VIEW (child)) : !views_rendered (child))
      return FALSE;
  return TRUE;
}

static gboolean
dialog_done (gpointer data)
{
  return bs_sign_dialog_is_done (data);
}

static gboolean
compare_shown (gpointer data)
{
  return bs_verify_page_get_compare_window (data) != NULL;
}

static gboolean
verdict_shown (gpointer data)
{
  return bs_verify_page_get_verdict_text (data) != NULL;
}

static int
verify_with_cli (DsHarness *h, const char *path)
{
  g_autofree char *root = g_build_filename (h->data_dir, "root.pem", NULL);
  /* --online: the dev server's OCSP answers for its certificates. */
  const char *argv[] = { g_getenv ("BESIGN_CLI"), "verify", "--online", "--trust", root, path, NULL };

  return ds_run (argv, NULL, NULL);
}

/* A red box drawn over the signed page by a later update (an Incremental
 * Saving Attack from tests/attacks): the banner says so, Details names the
 * change, and the signed version is shown beside what the file shows now. */
static void
verify_changed_after_signing (BsWindow *window, DsHarness *h, const char *unsigned_pdf, const char *signed_pdf)
{
  g_autofree char *script = g_build_filename (g_getenv ("BESIGN_SOURCE_DIR"), "tests", "attacks", "make-attacks.py", NULL);
  g_autofree char *out = g_build_filename (h->data_dir, "attacks", NULL);
  g_autofree char *attacked = g_build_filename (out, "isa-content-replaced.pdf", NULL);
  g_autofree char *details = NULL;
  const char *argv[] = { "python3", script, signed_pdf, unsigned_pdf, out, NULL };
  BsVerifyPage *verify = BS_VERIFY_PAGE (bs_window_get_page (window, "verify"));
  GtkWidget *compare;

  g_assert_cmpint (ds_run (argv, NULL, NULL), ==, 0);
  bs_window_verify_file (window, g_file_new_for_path (attacked));
  wait_for (verdict_shown, verify, "the verdict on the changed document");
  g_assert_cmpstr (bs_verify_page_get_verdict_text (verify), ==,
                   "Dokumen tidak valid: dokumen telah diubah setelah ditandatangani");
  wait_for (views_rendered, verify, "the changed page");
  screenshot (GTK_WIDGET (window), "06c-changed-after-signing");
  details = bs_verify_page_dup_details (verify);
  /* In the run's language: the change is listed as not allowed. */
  g_assert_nonnull (strstr (details, g_dgettext (GETTEXT_PACKAGE, "not allowed")));
  bs_verify_page_compare (verify, 0);
  wait_for (compare_shown, verify, "the signed version of the changed document");
  compare = bs_verify_page_get_compare_window (verify);
  wait_for (views_rendered, compare, "both versions");
  screenshot (compare, "06d-signed-version-vs-changed");
  gtk_window_destroy (GTK_WINDOW (compare));
}

static void
sign_three_with_passphrase (BsWindow *window, DsHarness *h)
{
  g_autofree char *a = make_pdf (h, "surat-1.pdf");
  g_autofree char *b = make_pdf (h, "surat-2.pdf");
  g_autofree char *c = make_pdf (h, "surat-3.pdf");
  char *paths[] = { a, b, c };
  BsDocumentsPage *docs;
  BsVerifyPage *verify;
  GtkWidget *dialog;
  GPtrArray *results;
  BsDisplayRect rect = { 330, 650, 220, 90 };
  g_autofree char *visible_output = NULL;
  BsSettings *settings = bs_app_context_get_settings (bs_window_get_context (window));
  g_autofree char *tsa = g_strconcat (h->base_url, "/tsa", NULL);

  /* B-LT: the window verifies offline, and a certificate that names an
   * OCSP responder is only trusted with its answer (EN 319 102-1). */
  bs_settings_set_string (settings, "tsa-url", tsa);
  bs_settings_set_string (settings, "level", "B-LT");
  log_in (window, h);
  docs = BS_DOCUMENTS_PAGE (bs_window_get_page (window, "documents"));
  drop_files (window, paths, 3);
  g_assert_cmpuint (bs_documents_page_get_documents (docs)->len, ==, 3);
  bs_documents_page_select (docs, 1);
  wait_for (view_rendered, bs_documents_page_get_view (docs), "the page");
  bs_documents_page_set_visible (docs, TRUE);
  bs_signature_box_place (BS_SIGNATURE_BOX (bs_documents_page_get_signature_box (docs)), &rect);
  g_assert_true (gtk_widget_get_visible (bs_documents_page_get_signature_box (docs)));
  screenshot (GTK_WIDGET (window), "03-documents-visible-box");

  dialog = bs_documents_page_sign (docs);
  screenshot (dialog, "04-sign-dialog");
  bs_sign_dialog_submit (BS_SIGN_DIALOG (dialog), ds_harness_account (h, "passphrase"));
  wait_for (dialog_done, dialog, "signing");
  screenshot (dialog, "05-sign-results");
  results = bs_sign_dialog_get_results (BS_SIGN_DIALOG (dialog));
  g_assert_nonnull (results);
  g_assert_cmpuint (results->len, ==, 3);
  for (guint i = 0; i < 3; i++)
    {
      BsSignResult *r = g_ptr_array_index (results, i);
      g_assert_no_error (r->error);
      g_assert_cmpint (verify_with_cli (h, r->output), ==, 0);
    }
  visible_output = g_strdup (((BsSignResult *) g_ptr_array_index (results, 1))->output);
  gtk_window_destroy (GTK_WINDOW (dialog));

  bs_window_verify_file (window, g_file_new_for_path (visible_output));
  verify = BS_VERIFY_PAGE (bs_window_get_page (window, "verify"));
  wait_for (verdict_shown, verify, "the verdict");
  g_assert_cmpstr (bs_verify_page_get_verdict_text (verify), ==, "Dokumen valid, Sertifikat yang digunakan terpercaya");
  bs_settings_set_string (settings, "tsa-url", NULL);
  bs_settings_set_string (settings, "level", NULL);
  wait_for (views_rendered, verify, "the verified page");
  screenshot (GTK_WIDGET (window), "06-verified");
  {
    g_autofree char *details = bs_verify_page_dup_details (verify);
    GtkWidget *compare;
    g_assert_nonnull (strstr (details, "Demo Penanda Tangan"));
    gtk_window_destroy (GTK_WINDOW (bs_verify_page_show_details (verify)));
    bs_verify_page_compare (verify, 0);
    wait_for (compare_shown, verify, "the signed version");
    compare = bs_verify_page_get_compare_window (verify);
    g_assert_nonnull (compare);
    wait_for (views_rendered, compare, "both versions");
    screenshot (compare, "06b-signed-version");
    gtk_window_destroy (GTK_WINDOW (compare));
  }
  verify_changed_after_signing (window, h, b, visible_output);
}

static void
wrong_passphrase_then_server_down (BsWindow *window, DsHarness *h)
{
  g_autofree char *a = make_pdf (h, "nota.pdf");
  char *paths[] = { a };
  BsDocumentsPage *docs;
  GtkWidget *dialog;

  log_in (window, h);
  docs = BS_DOCUMENTS_PAGE (bs_window_get_page (window, "documents"));
  drop_files (window, paths, 1);
  dialog = bs_documents_page_sign (docs);
  bs_sign_dialog_submit (BS_SIGN_DIALOG (dialog), "bukan passphrase");
  /* Refused: the dialog stays open for another try. */
  while (bs_sign_dialog_get_message (BS_SIGN_DIALOG (dialog)) == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (bs_sign_dialog_is_done (BS_SIGN_DIALOG (dialog)));
  g_assert_nonnull (strstr (bs_sign_dialog_get_message (BS_SIGN_DIALOG (dialog)), "4"));
  screenshot (dialog, "07-wrong-passphrase");
  ds_harness_stop (h, SIGTERM);
  bs_sign_dialog_submit (BS_SIGN_DIALOG (dialog), ds_harness_account (h, "passphrase"));
  wait_for (dialog_done, dialog, "the failure");
  screenshot (dialog, "08-server-down");
  g_assert_nonnull (bs_sign_dialog_get_message (BS_SIGN_DIALOG (dialog)));
  g_assert_null (bs_sign_dialog_get_results (BS_SIGN_DIALOG (dialog)));
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
  g_autofree char *a = make_pdf (h, "undangan.pdf");
  char *paths[] = { a };
  GtkWidget *dialog;
  g_autofree char *code = NULL;
  GPtrArray *results;

  bs_settings_set_string (bs_app_context_get_settings (bs_window_get_context (window)), "auth-method", "otp");
  log_in (window, h);
  drop_files (window, paths, 1);
  dialog = bs_documents_page_sign (BS_DOCUMENTS_PAGE (bs_window_get_page (window, "documents")));
  wait_for (mail_arrived, h, "the e-mailed code");
  screenshot (dialog, "09-email-otp");
  code = ds_harness_mail_value (h, "Kode OTP penandatanganan anda: ");
  bs_sign_dialog_submit (BS_SIGN_DIALOG (dialog), code);
  wait_for (dialog_done, dialog, "signing");
  results = bs_sign_dialog_get_results (BS_SIGN_DIALOG (dialog));
  g_assert_nonnull (results);
  g_assert_no_error (((BsSignResult *) g_ptr_array_index (results, 0))->error);
  g_assert_cmpint (verify_with_cli (h, ((BsSignResult *) g_ptr_array_index (results, 0))->output), ==, 0);
  gtk_window_destroy (GTK_WINDOW (dialog));
}

static gboolean
qr_shown (gpointer data)
{
  GtkWidget *page = bs_window_get_page (data, "otp");
  GtkWidget *child;

  /* The QR picture is the first picture of the page, shown once set up. */
  for (child = gtk_widget_get_first_child (page); child != NULL; child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_PICTURE (child))
      return gtk_widget_get_visible (child) && gtk_picture_get_paintable (GTK_PICTURE (child)) != NULL;
  return FALSE;
}

static gboolean
secret_shown (gpointer data)
{
  GtkWidget *page = bs_window_get_page (data, "otp");

  for (GtkWidget *c = gtk_widget_get_first_child (page); c != NULL; c = gtk_widget_get_next_sibling (c))
    if (GTK_IS_LABEL (c) && gtk_label_get_selectable (GTK_LABEL (c)) && gtk_widget_get_visible (c))
      return TRUE;
  return FALSE;
}

static const char *
shown_secret (BsWindow *window)
{
  GtkWidget *page = bs_window_get_page (window, "otp");

  for (GtkWidget *c = gtk_widget_get_first_child (page); c != NULL; c = gtk_widget_get_next_sibling (c))
    if (GTK_IS_LABEL (c) && gtk_label_get_selectable (GTK_LABEL (c)))
      return gtk_label_get_text (GTK_LABEL (c));
  return NULL;
}

/* An account without an authenticator: QR code, secret, code and name. */
static void
first_login_sets_up_authenticator (BsWindow *window, DsHarness *h)
{
  g_autofree char *code = NULL;

  g_free (ds_harness_sql (h, "DELETE FROM devices"));
  bs_window_show_page (window, "login");
  bs_login_page_submit (BS_LOGIN_PAGE (bs_window_get_page (window, "login")), "demo", "salah");
  while (bs_login_page_get_message (BS_LOGIN_PAGE (bs_window_get_page (window, "login"))) == NULL)
    g_main_context_iteration (NULL, TRUE);
  screenshot (GTK_WIDGET (window), "10-wrong-password");
  bs_login_page_submit (BS_LOGIN_PAGE (bs_window_get_page (window, "login")), "demo",
                        ds_harness_account (h, "password"));
  wait_for_page (window, "otp");
  wait_for (qr_shown, window, "the QR code");
  wait_for (secret_shown, window, "the secret");
  screenshot (GTK_WIDGET (window), "11-otp-setup-qr");
  code = ds_totp (shown_secret (window), ds_totp_step_now ());
  bs_otp_page_submit (BS_OTP_PAGE (bs_window_get_page (window, "otp")), code, "Ponsel Uji");
  wait_for (has_user, window, "login");
  g_assert_cmpstr (ds_harness_sql (h, "SELECT name FROM devices"), ==, "Ponsel Uji");
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

/* The colour of pixel (x, y) of page 1 rendered by pdftoppm at 72 dpi. */
static guint32
rendered_pixel (DsHarness *h, const char *pdf, int x, int y)
{
  g_autofree char *prefix = g_build_filename (h->root, "render", NULL);
  g_autofree char *png = g_strconcat (prefix, ".png", NULL);
  const char *argv[] = { "pdftoppm", "-png", "-r", "72", "-singlefile", pdf, prefix, NULL };
  g_autoptr(GdkTexture) texture = NULL;
  guint8 rgba[4];

  g_assert_cmpint (ds_run (argv, NULL, NULL), ==, 0);
  texture = gdk_texture_new_from_filename (png, NULL);
  g_assert_nonnull (texture);
  /* One pixel, as 8-bit BGRA/ARGB in memory order of GDK's default format. */
  {
    int w = gdk_texture_get_width (texture), hh = gdk_texture_get_height (texture);
    g_autofree guint8 *all = g_malloc ((gsize) w * hh * 4);
    gdk_texture_download (texture, all, (gsize) w * 4);
    memcpy (rgba, all + ((gsize) y * w + x) * 4, 4);
  }
  /* gdk_texture_download gives B, G, R, A on little-endian. */
  return ((guint32) rgba[2] << 16) | ((guint32) rgba[1] << 8) | rgba[0];
}

/* Configuration: a specimen and a trusted certificate imported, visible by
 * default, saved; a document signed with the specimen drawn in its box. */
static void
configure_then_sign_visible (BsWindow *window, DsHarness *h)
{
  g_autofree char *png = make_red_png (h);
  g_autofree char *root = g_build_filename (h->data_dir, "root.pem", NULL);
  g_autofree char *pdf = make_pdf (h, "memo.pdf");
  g_autofree char *ini_path = g_build_filename (g_get_user_config_dir (), "besign", "settings.ini", NULL);
  g_autofree char *ini = NULL;
  char *paths[] = { pdf };
  BsSettingsDialog *dialog = BS_SETTINGS_DIALOG (bs_settings_dialog_new (window));
  GtkWidget *sign;
  GPtrArray *results;
  guint32 pixel;

  gtk_window_present (GTK_WINDOW (dialog));
  g_assert_true (bs_settings_dialog_import_specimen (dialog, png));
  g_assert_false (bs_settings_dialog_import_anchor (dialog, png));
  g_assert_true (bs_settings_dialog_import_anchor (dialog, root));
  g_assert_cmpuint (bs_settings_dialog_count_anchors (dialog), ==, 1);
  screenshot (GTK_WIDGET (dialog), "12-settings");
  g_assert_true (bs_settings_dialog_save (dialog));
  bs_settings_set_string (bs_app_context_get_settings (bs_window_get_context (window)), "visualisation", "visible");
  g_assert_true (g_file_get_contents (ini_path, &ini, NULL, NULL));
  g_assert_nonnull (strstr (ini, "specimen="));
  g_assert_nonnull (strstr (ini, "trust-folder="));
  gtk_window_destroy (GTK_WINDOW (dialog));

  log_in (window, h);
  drop_files (window, paths, 1);
  wait_for (view_rendered, bs_documents_page_get_view (BS_DOCUMENTS_PAGE (bs_window_get_page (window, "documents"))),
            "the page");
  screenshot (GTK_WIDGET (window), "13-visible-by-default");
  sign = bs_documents_page_sign (BS_DOCUMENTS_PAGE (bs_window_get_page (window, "documents")));
  bs_sign_dialog_submit (BS_SIGN_DIALOG (sign), ds_harness_account (h, "passphrase"));
  wait_for (dialog_done, sign, "signing");
  results = bs_sign_dialog_get_results (BS_SIGN_DIALOG (sign));
  g_assert_no_error (((BsSignResult *) g_ptr_array_index (results, 0))->error);
  /* The default box is 36,36 180×72 as displayed: its middle is red. */
  pixel = rendered_pixel (h, ((BsSignResult *) g_ptr_array_index (results, 0))->output, 126, 72);
  g_assert_cmphex (pixel & 0xff0000, >, 0x900000);
  g_assert_cmphex (pixel & 0x00ff00, <, 0x006000);
  gtk_window_destroy (GTK_WINDOW (sign));
}

static gboolean
answered (gpointer data)
{
  return bs_certificate_dialog_get_message (data) != NULL;
}

static BsCertificateDialog *
certificate_dialog (BsWindow *window, BsCertAction action)
{
  GtkWidget *dialog = bs_certificate_dialog_new (window, action);

  gtk_window_present (GTK_WINDOW (dialog));
  return BS_CERTIFICATE_DIALOG (dialog);
}

/* "Sertifikat Elektronik": every action, with the checks made before
 * anything is sent. */
static void
manage_certificate (BsWindow *window, DsHarness *h)
{
  const char *pass = ds_harness_account (h, "passphrase");
  BsCertificateDialog *d;

  log_in (window, h);
  d = certificate_dialog (window, BS_CERT_CHANGE_PASSPHRASE);
  bs_certificate_dialog_submit (d, pass, "passphrase baru 1", "passphrase baru 2", 0, FALSE);
  g_assert_nonnull (strstr (bs_certificate_dialog_get_message (d), "differ"));
  bs_certificate_dialog_submit (d, pass, "pendek", "pendek", 0, FALSE);
  g_assert_nonnull (strstr (bs_certificate_dialog_get_message (d), "8"));
  bs_certificate_dialog_submit (d, pass, "passphrase baru 1", "passphrase baru 1", 0, FALSE);
  g_assert_null (bs_certificate_dialog_get_message (d));
  wait_for (answered, d, "the change");
  g_assert_true (bs_certificate_dialog_succeeded (d));
  screenshot (GTK_WIDGET (d), "14-passphrase-changed");
  gtk_window_destroy (GTK_WINDOW (d));

  d = certificate_dialog (window, BS_CERT_RESET_PASSPHRASE);
  bs_certificate_dialog_submit (d, NULL, NULL, NULL, 0, FALSE);
  wait_for (answered, d, "the reset");
  g_assert_nonnull (strstr (bs_certificate_dialog_get_message (d), "d***@besign-dev.go.id"));
  gtk_window_destroy (GTK_WINDOW (d));

  d = certificate_dialog (window, BS_CERT_REVOKE);
  bs_certificate_dialog_submit (d, "passphrase baru 1", NULL, NULL, 1, FALSE);
  g_assert_false (bs_certificate_dialog_succeeded (d));
  bs_certificate_dialog_submit (d, "passphrase baru 1", NULL, NULL, 1, TRUE);
  g_assert_null (bs_certificate_dialog_get_message (d));
  wait_for (answered, d, "the revocation");
  g_assert_true (bs_certificate_dialog_succeeded (d));
  g_assert_nonnull (strstr (bs_certificate_dialog_get_message (d), "REVOKE"));
  screenshot (GTK_WIDGET (d), "15-revoked");
  gtk_window_destroy (GTK_WINDOW (d));
  {
    g_autofree char *reason = ds_harness_sql (h, "SELECT reason FROM certificates WHERE revoked_at IS NOT NULL");
    g_assert_cmpstr (reason, ==, "1");
  }

  d = certificate_dialog (window, BS_CERT_REQUEST_ISSUANCE);
  bs_certificate_dialog_submit (d, NULL, NULL, NULL, 0, FALSE);
  wait_for (answered, d, "the issuance");
  g_assert_true (bs_certificate_dialog_succeeded (d));
  gtk_window_destroy (GTK_WINDOW (d));
}

/* Offline: a software certificate instead of the account. */
static void
sign_with_local_certificate (BsWindow *window, DsHarness *h)
{
  g_autofree char *ids = g_build_filename (h->root, "ids", NULL);
  g_autofree char *p12 = NULL, *root = NULL;
  g_autofree char *pdf = make_pdf (h, "lokal.pdf");
  char *paths[] = { pdf };
  GtkWidget *dialog;
  GPtrArray *results;

  g_mkdir_with_parents (ids, 0700);
  bs_test_make_identities (ids);
  p12 = g_build_filename (ids, "signer.p12", NULL);
  root = g_build_filename (ids, "root.pem", NULL);
  bs_app_context_use_local_certificate (bs_window_get_context (window), p12);
  wait_for_page (window, "documents");
  drop_files (window, paths, 1);
  dialog = bs_documents_page_sign (BS_DOCUMENTS_PAGE (bs_window_get_page (window, "documents")));
  screenshot (dialog, "16-local-certificate");
  bs_sign_dialog_submit (BS_SIGN_DIALOG (dialog), "salah");
  while (bs_sign_dialog_get_message (BS_SIGN_DIALOG (dialog)) == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (bs_sign_dialog_is_done (BS_SIGN_DIALOG (dialog)));
  bs_sign_dialog_submit (BS_SIGN_DIALOG (dialog), "test-pass");
  wait_for (dialog_done, dialog, "signing");
  results = bs_sign_dialog_get_results (BS_SIGN_DIALOG (dialog));
  g_assert_nonnull (results);
  g_assert_no_error (((BsSignResult *) g_ptr_array_index (results, 0))->error);
  {
    const char *verify[] = { g_getenv ("BESIGN_CLI"), "verify", "--trust", root,
                             ((BsSignResult *) g_ptr_array_index (results, 0))->output, NULL };
    g_assert_cmpint (ds_run (verify, NULL, NULL), ==, 0);
  }
  gtk_window_destroy (GTK_WINDOW (dialog));
}

static gboolean
fields_known (gpointer data)
{
  BsAppDocument *doc = g_ptr_array_index (bs_documents_page_get_documents (data), 0);

  return doc->fields != NULL;
}

/* A form prepared with a place to sign: the window offers that field. */
static void
sign_into_empty_field (BsWindow *window, DsHarness *h)
{
  g_autofree char *fixtures = g_build_filename (h->root, "fx", NULL);
  g_autofree char *script = g_build_filename (g_getenv ("BESIGN_SOURCE_DIR"), "tests", "sign-fixtures",
                                              "make-fixtures.py", NULL);
  g_autofree char *pdf = g_build_filename (fixtures, "empty-sig-field.pdf", NULL);
  const char *make[] = { "python3", script, fixtures, NULL };
  char *paths[] = { pdf };
  BsDocumentsPage *docs;
  GtkWidget *dialog;
  GPtrArray *results;
  g_autofree char *verdict = NULL;
  g_autofree char *root = g_build_filename (h->data_dir, "root.pem", NULL);

  g_assert_cmpint (ds_run (make, NULL, NULL), ==, 0);
  log_in (window, h);
  docs = BS_DOCUMENTS_PAGE (bs_window_get_page (window, "documents"));
  drop_files (window, paths, 1);
  wait_for (fields_known, docs, "the empty field");
  wait_for (view_rendered, bs_documents_page_get_view (docs), "the page");
  g_assert_true (bs_documents_page_use_field (docs));
  wait_for (view_rendered, bs_documents_page_get_view (docs), "the field's page");
  g_assert_true (gtk_widget_get_visible (bs_documents_page_get_signature_box (docs)));
  screenshot (GTK_WIDGET (window), "17-empty-field");
  dialog = bs_documents_page_sign (docs);
  bs_sign_dialog_submit (BS_SIGN_DIALOG (dialog), ds_harness_account (h, "passphrase"));
  wait_for (dialog_done, dialog, "signing");
  results = bs_sign_dialog_get_results (BS_SIGN_DIALOG (dialog));
  g_assert_no_error (((BsSignResult *) g_ptr_array_index (results, 0))->error);
  {
    const char *argv[] = { g_getenv ("BESIGN_CLI"), "verify", "--online", "--trust", root,
                           ((BsSignResult *) g_ptr_array_index (results, 0))->output, NULL };
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
  g_autofree char *pdf = make_pdf (h, "arsip.pdf");
  g_autofree char *root = g_build_filename (h->data_dir, "root.pem", NULL);
  g_autofree char *json = NULL;
  char *paths[] = { pdf };
  GtkWidget *dialog;
  GPtrArray *results;

  bs_settings_set_string (settings, "tsa-url", tsa);
  bs_settings_set_string (settings, "level", "B-LTA");
  log_in (window, h);
  drop_files (window, paths, 1);
  dialog = bs_documents_page_sign (BS_DOCUMENTS_PAGE (bs_window_get_page (window, "documents")));
  bs_sign_dialog_submit (BS_SIGN_DIALOG (dialog), ds_harness_account (h, "passphrase"));
  wait_for (dialog_done, dialog, "signing");
  results = bs_sign_dialog_get_results (BS_SIGN_DIALOG (dialog));
  g_assert_no_error (((BsSignResult *) g_ptr_array_index (results, 0))->error);
  {
    const char *argv[] = { g_getenv ("BESIGN_CLI"), "verify", "--json", "--trust", root,
                           ((BsSignResult *) g_ptr_array_index (results, 0))->output, NULL };
    g_assert_cmpint (ds_run (argv, NULL, &json), ==, 0);
  }
  g_assert_nonnull (strstr (json, "PAdES-BASELINE-LTA"));
  bs_settings_set_string (settings, "tsa-url", NULL);
  bs_settings_set_string (settings, "level", NULL);
  gtk_window_destroy (GTK_WINDOW (dialog));
}

static void
on_activate (GApplication *app, gpointer data)
{
  Run *run = data;
  BsWindow *window;
  g_autofree char *root = g_build_filename (run->h->data_dir, "root.pem", NULL);
  g_autofree char *out = g_build_filename (run->h->root, "signed", NULL);

  bs_app_context_set_server (bs_application_get_context (BS_APPLICATION (app)), run->h->base_url, NULL);
  bs_app_context_add_trust (bs_application_get_context (BS_APPLICATION (app)), root);
  bs_settings_set_string (bs_app_context_get_settings (bs_application_get_context (BS_APPLICATION (app))),
                          "output-folder", out);
  window = bs_window_new (BS_APPLICATION (app));
  gtk_window_present (GTK_WINDOW (window));
  settle ();
  run->scenario (window, run->h);
  g_application_quit (app);
}

static void
run_scenario (gconstpointer data)
{
  Run run = { ((const Case *) data)->scenario, ds_harness_start (FALSE) };
  g_autoptr(BsApplication) app = bs_application_new ();
  char *argv[] = { "besign", NULL };

  g_signal_connect (app, "activate", G_CALLBACK (on_activate), &run);
  g_assert_cmpint (g_application_run (G_APPLICATION (app), 1, argv), ==, 0);
  ds_harness_free (run.h);
}

int
main (int argc, char **argv)
{
  g_setenv ("GDK_BACKEND", "x11", TRUE);
  g_setenv ("GSK_RENDERER", "cairo", TRUE);
  /* English unless a run asks for another language (the Indonesian run). */
  g_setenv ("LANGUAGE", g_getenv ("BESIGN_UI_LANGUAGE") ? g_getenv ("BESIGN_UI_LANGUAGE") : "C", TRUE);
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("BESIGN_LOCALEDIR"));
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  {
    /* Settings and imported files of this run only. */
    g_autofree char *home = g_dir_make_tmp ("besign-ui-XXXXXX", NULL);
    g_autofree char *config = g_build_filename (home, "config", NULL);
    g_autofree char *data = g_build_filename (home, "data", NULL);
    g_setenv ("XDG_CONFIG_HOME", config, TRUE);
    g_setenv ("XDG_DATA_HOME", data, TRUE);
  }
  g_test_init (&argc, &argv, NULL);
  /* Xvfb has no window manager: GTK warns about focus it never gets.
   * Criticals stay fatal. */
  g_log_set_always_fatal (G_LOG_LEVEL_ERROR | G_LOG_LEVEL_CRITICAL);
  static const Case cases[] = {
    { "/window/sign-three-and-verify", sign_three_with_passphrase },
    { "/window/wrong-passphrase-server-down", wrong_passphrase_then_server_down },
    { "/window/email-otp", sign_with_email_otp },
    { "/window/otp-setup-qr", first_login_sets_up_authenticator },
    { "/window/settings-specimen-trust", configure_then_sign_visible },
    { "/window/certificate-management", manage_certificate },
    { "/window/local-certificate", sign_with_local_certificate },
    { "/window/empty-signature-field", sign_into_empty_field },
    { "/window/long-term", sign_long_term },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    g_test_add_data_func (cases[i].path, &cases[i], run_scenario);
  return g_test_run ();
}
