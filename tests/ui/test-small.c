/* test-small.c — issue 14, item 10, in Indonesian, on a desktop with no
 * file manager or PDF reader (nothing registered in XDG_DATA_DIRS): "Buka"
 * and "Tampilkan di folder" say so and copy the path instead of failing
 * silently; the About dialog shows BeSign's own icon though nothing is
 * installed; the words are Indonesian ("Bawaan", "tanda tangan").
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "ui-harness.h"
#include "ui-steps.h"
#include "bs-test-util.h"

#include "bs-result-row.h"
#include "bs-sign-dialog.h"

#include <string.h>
#include <unistd.h>

typedef struct {
  char     *text;
  gboolean  done;
} ClipboardRead;

static void
on_clipboard_text (GObject *source, GAsyncResult *result, gpointer data)
{
  ClipboardRead *read = data;

  read->text = gdk_clipboard_read_text_finish (GDK_CLIPBOARD (source), result, NULL);
  read->done = TRUE;
}

static gboolean
read_done (gpointer data)
{
  return ((ClipboardRead *) data)->done;
}

static char *
clipboard_text (GtkWidget *widget)
{
  ClipboardRead read = { NULL, FALSE };

  gdk_clipboard_read_text_async (gtk_widget_get_clipboard (widget), NULL, on_clipboard_text, &read);
  ui_wait (read_done, &read, "the clipboard");
  return read.text;
}

static GtkWidget *
signed_results (BsWindow *window, DsHarness *h)
{
  g_autofree char *ids = g_build_filename (h->root, "ids", NULL);
  g_autofree char *p12 = g_build_filename (ids, "signer.p12", NULL);
  g_autofree char *pdf = ui_make_pdf (h, "surat-edaran.pdf");
  char *paths[] = { pdf };
  GtkWidget *dialog;

  g_mkdir_with_parents (ids, 0700);
  bs_test_make_identities (ids);
  bs_app_context_use_local_certificate (bs_window_get_context (window), p12);
  ui_wait_page (window, "documents");
  ui_drop (window, paths, 1);
  dialog = ui_start_signing (window);
  ui_sign (dialog, "test-pass");
  return dialog;
}

static void
no_file_manager (BsWindow *window, DsHarness *h)
{
  GtkWidget *dialog = signed_results (window, h);
  GtkWidget *row = ui_find (dialog, BS_TYPE_RESULT_ROW);
  const char *output = bs_app_document_get_output (ui_document (window, 0));
  g_autofree char *folder = g_path_get_dirname (output);
  g_autofree char *note = NULL;
  g_autofree char *copied = NULL;

  g_assert_nonnull (row);
  ui_activate (row, "result.show-folder", NULL);
  note = ui_wait_string (row, "note");
  g_test_message ("%s", note);
  g_assert_nonnull (strstr (note, "Tidak ada pengelola berkas"));
  g_assert_nonnull (strstr (note, folder));
  copied = clipboard_text (row);
  g_assert_cmpstr (copied, ==, folder);
  ui_screenshot (dialog, "30-no-file-manager");
  g_free (note);
  g_free (copied);
  ui_activate (row, "result.open", NULL);
  note = NULL;
  {
    /* The note changes to the document's own. */
    gint64 deadline = g_get_monotonic_time () + UI_TIMEOUT_S * G_USEC_PER_SEC;
    do
      {
        g_free (note);
        g_main_context_iteration (NULL, FALSE);
        g_object_get (row, "note", &note, NULL);
        g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      }
    while (strstr (note, output) == NULL);
  }
  copied = clipboard_text (row);
  g_assert_cmpstr (copied, ==, output);
  gtk_window_destroy (GTK_WINDOW (dialog));
}

static void
about_has_its_icon (BsWindow *window, DsHarness *h)
{
  GtkIconTheme *theme = gtk_icon_theme_get_for_display (gtk_widget_get_display (GTK_WIDGET (window)));
  GtkWidget *about;
  g_autoptr(GtkIconPaintable) icon = NULL;
  g_autoptr(GFile) file = NULL;
  g_autofree char *uri = NULL;

  g_assert_true (gtk_icon_theme_has_icon (theme, "id.besign.Desktop"));
  icon = gtk_icon_theme_lookup_icon (theme, "id.besign.Desktop", NULL, 128, 1, GTK_TEXT_DIR_NONE, 0);
  file = gtk_icon_paintable_get_file (icon);
  uri = g_file_get_uri (file);
  g_test_message ("icon: %s", uri);
  /* Ours, from the program's resources, not a theme's "missing" image. */
  g_assert_true (g_str_has_prefix (uri, "resource:///id/besign/Desktop/icons/"));
  ui_activate (window, "win.about", NULL);
  about = ui_wait_window (GTK_TYPE_ABOUT_DIALOG);
  g_assert_cmpstr (gtk_about_dialog_get_logo_icon_name (GTK_ABOUT_DIALOG (about)), ==, "id.besign.Desktop");
  ui_screenshot (about, "31-about-icon");
  gtk_window_destroy (GTK_WINDOW (about));
}

int
main (int argc, char **argv)
{
  /* A desktop with no program registered for folders or PDFs: the
   * system's MIME database (images are told apart by it), no
   * applications. */
  g_autofree char *empty = g_dir_make_tmp ("besign-no-apps-XXXXXX", NULL);
  g_autofree char *mime = g_build_filename (empty, "mime", NULL);

  for (const char *const *dir = g_get_system_data_dirs (); *dir != NULL; dir++)
    {
      g_autofree char *system_mime = g_build_filename (*dir, "mime", NULL);
      if (g_file_test (system_mime, G_FILE_TEST_IS_DIR) && symlink (system_mime, mime) == 0)
        break;
    }
  g_setenv ("XDG_DATA_DIRS", empty, TRUE);
  ui_init (&argc, &argv, "id");
  ui_add ("/small/no-file-manager", no_file_manager);
  ui_add ("/small/about-has-its-icon", about_has_its_icon);
  return g_test_run ();
}
