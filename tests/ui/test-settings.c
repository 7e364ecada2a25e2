/* test-settings.c — issue 14, item 6, in Indonesian: "Lokasi Penyimpanan
 * Dokumen" says Bawaan once saved so, and a --tsa given on the command
 * line is used for the run but never written into settings.ini.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "ui-harness.h"
#include "ui-steps.h"

#include "bs-output.h"
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

static GtkWidget *
open_settings (BsWindow *window)
{
  ui_activate (window, "win.settings", NULL);
  return ui_wait_window (BS_TYPE_SETTINGS_DIALOG);
}

static void
storage_location_default (BsWindow *window, DsHarness *h)
{
  BsSettings *settings = bs_app_context_get_settings (bs_window_get_context (window));
  g_autofree char *custom = g_build_filename (h->root, "arsip-dinas", NULL);
  g_autofree char *fallback = bs_output_default_dir ();
  g_autofree char *ini = NULL;
  GtkWidget *dialog;

  /* A custom folder saved before: shown as Custom. */
  bs_settings_set_string (settings, "output-folder", custom);
  dialog = open_settings (window);
  g_assert_cmpuint (gtk_drop_down_get_selected (ui_child (dialog, "output_kind")), ==, 1);
  g_assert_cmpstr (gtk_label_get_text (ui_child (dialog, "output_folder")), ==, custom);
  /* Back to the default, saved. */
  gtk_drop_down_set_selected (ui_child (dialog, "output_kind"), 0);
  ui_activate (dialog, "settings.save", NULL);
  ini = settings_file ();
  g_assert_null (strstr (ini, "output-folder="));
  /* Opened again: Default ("Bawaan"), the default folder shown. */
  dialog = open_settings (window);
  gtk_notebook_set_current_page (ui_child (dialog, "notebook"), 1);
  g_assert_cmpuint (gtk_drop_down_get_selected (ui_child (dialog, "output_kind")), ==, 0);
  g_assert_cmpstr (gtk_label_get_text (ui_child (dialog, "output_folder")), ==, fallback);
  g_assert_false (gtk_widget_get_sensitive (ui_child (dialog, "choose_output")));
  {
    g_autofree char *text = ui_text (dialog);
    g_assert_nonnull (strstr (text, "Bawaan"));
  }
  ui_screenshot (dialog, "24-settings-storage-default");
  gtk_window_destroy (GTK_WINDOW (dialog));
}

static char **
tsa_arguments (DsHarness *h)
{
  g_autoptr(GStrvBuilder) args = g_strv_builder_new ();
  g_autofree char *tsa = g_strconcat (h->base_url, "/tsa", NULL);

  g_strv_builder_add_many (args, "--tsa", tsa, NULL);
  return g_strv_builder_end (args);
}

static void
command_line_tsa_not_saved (BsWindow *window, DsHarness *h)
{
  g_autofree char *tsa = g_strconcat (h->base_url, "/tsa", NULL);
  g_autofree char *pdf = ui_make_pdf (h, "cap-waktu.pdf");
  g_autofree char *root = g_build_filename (h->data_dir, "root.pem", NULL);
  g_autofree char *ini = NULL;
  g_autofree char *json = NULL;
  g_autofree char *note = NULL;
  char *paths[] = { pdf };
  GtkWidget *dialog;

  dialog = open_settings (window);
  gtk_notebook_set_current_page (ui_child (dialog, "notebook"), 2);
  /* The setting is empty; the run's TSA is said beside it. */
  g_assert_cmpstr (gtk_editable_get_text (ui_child (dialog, "tsa_url")), ==, "");
  g_assert_true (gtk_widget_get_visible (ui_child (dialog, "tsa_note")));
  note = g_strdup (gtk_label_get_text (ui_child (dialog, "tsa_note")));
  g_assert_nonnull (strstr (note, tsa));
  ui_screenshot (dialog, "25-settings-command-line-tsa");
  ui_activate (dialog, "settings.save", NULL);
  ini = settings_file ();
  g_test_message ("%s", ini);
  g_assert_null (strstr (ini, "tsa-url"));
  g_assert_null (strstr (ini, "/tsa"));
  /* Yet this run time-stamps with it. */
  ui_log_in (window, h);
  ui_drop (window, paths, 1);
  dialog = ui_start_signing (window);
  ui_sign (dialog, ds_harness_account (h, "passphrase"));
  {
    const char *argv[] = { g_getenv ("BESIGN_CLI"), "verify", "--online", "--json", "--trust", root,
                           bs_app_document_get_output (ui_document (window, 0)), NULL };
    g_assert_cmpint (ds_run (argv, NULL, &json), ==, 0);
  }
  g_assert_nonnull (strstr (json, "PAdES-BASELINE-T"));
  gtk_window_destroy (GTK_WINDOW (dialog));
}

int
main (int argc, char **argv)
{
  ui_init (&argc, &argv, "id");
  ui_add ("/settings/storage-location-default", storage_location_default);
  ui_add_with_arguments ("/settings/command-line-tsa-not-saved", command_line_tsa_not_saved, tsa_arguments);
  return g_test_run ();
}
