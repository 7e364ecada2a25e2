/* test-keyboard.c — issue 14, item 7, in Indonesian, with real key presses
 * through the X server: Escape closes every dialog; Enter sends the
 * device-name and change-passphrase forms; several documents are selected
 * (Ctrl+click, Ctrl+A) and removed at once (Delete); the focus can be seen.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "ui-harness.h"
#include "ui-steps.h"

#include "bs-certificate-chain.h"
#include "bs-certificate-dialog.h"
#include "bs-settings-dialog.h"
#include "bs-sign-dialog.h"
#include "bs-signature-details.h"

#include <string.h>

static gboolean
gone (gpointer data)
{
  return *(gpointer *) data == NULL;
}

/* Escape in @dialog closes it. */
static void
escape_closes (GtkWidget *dialog, const char *what)
{
  gpointer watch = dialog;

  g_object_add_weak_pointer (G_OBJECT (dialog), &watch);
  ui_settle ();
  ui_key (dialog, GDK_KEY_Escape, 0);
  ui_wait (gone, &watch, what);
}

static void
escape_closes_dialogs (BsWindow *window, DsHarness *h)
{
  g_autofree char *pdf = ui_make_pdf (h, "surat.pdf");
  char *paths[] = { pdf };
  GtkWidget *dialog;
  g_autofree char *verdict = NULL;

  ui_activate (window, "win.settings", NULL);
  escape_closes (ui_wait_window (BS_TYPE_SETTINGS_DIALOG), "the settings to close");
  ui_activate (window, "win.about", NULL);
  escape_closes (ui_wait_window (GTK_TYPE_ABOUT_DIALOG), "the About dialog to close");

  ui_log_in (window, h);
  ui_activate (window, "win.certificate", "i", BS_CERT_RESET_PASSPHRASE);
  escape_closes (ui_wait_window (BS_TYPE_CERTIFICATE_DIALOG), "the certificate dialog to close");
  ui_drop (window, paths, 1);
  escape_closes (ui_start_signing (window), "the sign dialog to close");
  dialog = ui_start_signing (window);
  ui_sign (dialog, ds_harness_account (h, "passphrase"));
  escape_closes (dialog, "the results to close");

  verdict = ui_verify (window, bs_app_document_get_output (ui_document (window, 0)));
  dialog = ui_open_details (window);
  ui_activate (dialog, "details.chain", "u", 0);
  escape_closes (ui_wait_window (BS_TYPE_CERTIFICATE_CHAIN), "the certificate chain to close");
  escape_closes (dialog, "the details to close");
}

/* Enter in the last field sends "Ubah Passphrase". */
static void
enter_sends_change_passphrase (BsWindow *window, DsHarness *h)
{
  GtkWidget *dialog;
  g_autofree char *answer = NULL;

  ui_log_in (window, h);
  ui_activate (window, "win.certificate", "i", BS_CERT_CHANGE_PASSPHRASE);
  dialog = ui_wait_window (BS_TYPE_CERTIFICATE_DIALOG);
  ui_type (dialog, "current", ds_harness_account (h, "passphrase"));
  ui_type (dialog, "fresh", "passphrase baru 1");
  ui_type (dialog, "confirm", "passphrase baru 1");
  gtk_widget_grab_focus (ui_child (dialog, "confirm"));
  ui_key (dialog, GDK_KEY_Return, 0);
  ui_wait_bool (dialog, "succeeded", TRUE);
  answer = ui_wait_string (dialog, "message");
  g_assert_nonnull (strstr (answer, "Passphrase telah diubah"));
  ui_screenshot (dialog, "26-enter-changed-passphrase");
  gtk_window_destroy (GTK_WINDOW (dialog));
}

static gboolean
qr_shown (gpointer data)
{
  GtkWidget *qr = ui_child (ui_page (data, "otp"), "qr");

  return gtk_widget_get_visible (qr) && gtk_picture_get_paintable (GTK_PICTURE (qr)) != NULL;
}

/* Enter in the device-name field sends the first login's form. */
static void
enter_sends_device_name (BsWindow *window, DsHarness *h)
{
  GtkWidget *login = ui_page (window, "login");
  GtkWidget *otp = ui_page (window, "otp");
  g_autofree char *code = NULL;
  g_autofree char *device = NULL;

  g_free (ds_harness_sql (h, "DELETE FROM devices"));
  ui_activate (window, "win.show-page", "s", "login");
  ui_type (login, "username", "demo");
  ui_type (login, "password", ds_harness_account (h, "password"));
  /* Enter in the password field logs in. */
  gtk_widget_grab_focus (ui_child (login, "password"));
  ui_key (GTK_WIDGET (window), GDK_KEY_Return, 0);
  ui_wait_page (window, "otp");
  ui_wait (qr_shown, window, "the QR code");
  code = ds_totp (gtk_label_get_text (ui_child (otp, "secret")), ds_totp_step_now ());
  ui_type (otp, "code", code);
  ui_type (otp, "device_name", "Laptop Kantor");
  gtk_widget_grab_focus (ui_child (otp, "device_name"));
  ui_screenshot (GTK_WIDGET (window), "27-device-name-enter");
  ui_key (GTK_WIDGET (window), GDK_KEY_Return, 0);
  ui_wait_page (window, "documents");
  device = ds_harness_sql (h, "SELECT name FROM devices");
  g_assert_cmpstr (device, ==, "Laptop Kantor");
}

static guint
n_selected (BsWindow *window)
{
  g_autoptr(GList) rows = gtk_list_box_get_selected_rows (ui_child (ui_page (window, "documents"), "list"));

  return g_list_length (rows);
}

static GtkWidget *
row_at (BsWindow *window, int index)
{
  return GTK_WIDGET (gtk_list_box_get_row_at_index (ui_child (ui_page (window, "documents"), "list"), index));
}

static void
select_and_remove_many (BsWindow *window, DsHarness *h)
{
  char *paths[5];
  GtkWidget *row;

  for (int i = 0; i < 5; i++)
    {
      g_autofree char *name = g_strdup_printf ("lampiran-%d.pdf", i + 1);
      paths[i] = ui_make_pdf (h, name);
    }
  bs_app_context_use_local_certificate (bs_window_get_context (window), "/tidak/ada.p12");
  ui_wait_page (window, "documents");
  ui_drop (window, paths, 5);
  g_assert_cmpuint (ui_n_documents (window), ==, 5);
  ui_wait_rendered (window);
  /* A click on one row, Ctrl+click on two more: three selected. */
  row = row_at (window, 0);
  ui_click (row, 20, 10);
  ui_click (row_at (window, 2), 20, 10);
  g_assert_cmpuint (n_selected (window), ==, 1);
  ui_click_with (row_at (window, 0), 20, 10, GDK_CONTROL_MASK);
  ui_click_with (row_at (window, 4), 20, 10, GDK_CONTROL_MASK);
  g_assert_cmpuint (n_selected (window), ==, 3);
  ui_screenshot (GTK_WIDGET (window), "28-multi-select");
  ui_key (GTK_WIDGET (window), GDK_KEY_Delete, 0);
  g_assert_cmpuint (ui_n_documents (window), ==, 2);
  /* Ctrl+A selects the rest, Delete removes them. */
  ui_click (row_at (window, 0), 20, 10);
  ui_key (GTK_WIDGET (window), GDK_KEY_a, GDK_CONTROL_MASK);
  g_assert_cmpuint (n_selected (window), ==, 2);
  ui_key (GTK_WIDGET (window), GDK_KEY_Delete, 0);
  g_assert_cmpuint (ui_n_documents (window), ==, 0);
  for (int i = 0; i < 5; i++)
    g_free (paths[i]);
}

/* Tab moves a focus that is drawn thick enough to be seen. */
static void
focus_visible (BsWindow *window, DsHarness *h)
{
  g_autofree char *pdf = ui_make_pdf (h, "surat.pdf");
  char *paths[] = { pdf };

  bs_app_context_use_local_certificate (bs_window_get_context (window), "/tidak/ada.p12");
  ui_wait_page (window, "documents");
  ui_drop (window, paths, 1);
  ui_wait_rendered (window);
  gtk_widget_grab_focus (ui_child (ui_page (window, "documents"), "list"));
  ui_key (GTK_WIDGET (window), GDK_KEY_Tab, 0);
  g_assert_true (gtk_window_get_focus_visible (GTK_WINDOW (window)));
  ui_screenshot (GTK_WIDGET (window), "29a-focus-visible-row");
  /* On to the buttons under the list. */
  ui_key (GTK_WIDGET (window), GDK_KEY_Tab, 0);
  g_assert_true (GTK_IS_BUTTON (gtk_root_get_focus (GTK_ROOT (window))));
  ui_screenshot (GTK_WIDGET (window), "29-focus-visible");
}

int
main (int argc, char **argv)
{
  ui_init (&argc, &argv, "id");
  ui_add ("/keyboard/escape-closes-dialogs", escape_closes_dialogs);
  ui_add ("/keyboard/enter-sends-change-passphrase", enter_sends_change_passphrase);
  ui_add ("/keyboard/enter-sends-device-name", enter_sends_device_name);
  ui_add ("/keyboard/select-and-remove-many", select_and_remove_many);
  ui_add ("/keyboard/focus-visible", focus_visible);
  return g_test_run ();
}
