/* bs-document-unlock.c — see bs-document-unlock.h.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "besign"

#include "bs-document-unlock.h"
#include "bs-error.h"
#include "bs-page-view.h"
#include "bs-password-dialog.h"

/* One question, alive as long as its dialog. */
typedef struct {
  BsAppDocument *doc;
  BsSecret      *trying;    /* the password being tried */
  GCancellable  *alive;     /* cancelled when the dialog goes */
} Unlock;

static void
unlock_free (gpointer data)
{
  Unlock *u = data;

  g_cancellable_cancel (u->alive);
  g_clear_object (&u->alive);
  g_clear_object (&u->doc);
  bs_secret_free (u->trying);
  g_free (u);
}

static void
on_tried (GObject *source, GAsyncResult *result, gpointer data)
{
  g_autoptr(BsPasswordDialog) dialog = data;
  Unlock *u = g_object_get_data (G_OBJECT (dialog), "bs-unlock");
  g_autoptr(GError) error = NULL;
  double width, height;
  gboolean opened = bs_page_view_measure_finish (result, &width, &height, &error);

  if (u == NULL || g_cancellable_is_cancelled (u->alive))
    return;
  if (!opened && g_error_matches (error, BS_ERROR, BS_ERROR_ENCRYPTED))
    {
      g_clear_pointer (&u->trying, bs_secret_free);
      bs_password_dialog_set_wrong (dialog);
      return;
    }
  /* Opened (or failed for another reason, which the page then shows). */
  bs_app_document_set_pdf_password (u->doc, g_steal_pointer (&u->trying));
  if (opened)
    bs_app_document_place_default (u->doc, width, height);
  gtk_window_destroy (GTK_WINDOW (dialog));
}

static void
on_submitted (BsPasswordDialog *dialog, Unlock *u)
{
  bs_secret_free (u->trying);
  u->trying = bs_password_dialog_take_password (dialog);
  /* Tried the way the page will show it: Poppler opens it or not. */
  bs_page_view_measure_async (dialog, bs_app_document_get_path (u->doc), u->trying, 1, u->alive, on_tried,
                              g_object_ref (dialog));
}

/* Closed (Escape, Cancel, the window): an answer still on its way is
 * dropped. */
static void
on_destroy (GtkWidget *dialog, Unlock *u)
{
  g_cancellable_cancel (u->alive);
}

GtkWidget *
bs_document_unlock (GtkWidget *parent, BsAppContext *context, BsAppDocument *doc)
{
  GtkWidget *dialog;
  GtkRoot *root;
  Unlock *u;

  g_return_val_if_fail (BS_IS_APP_DOCUMENT (doc), NULL);

  dialog = bs_password_dialog_new (context, bs_app_document_get_name (doc));
  u = g_new0 (Unlock, 1);
  u->doc = g_object_ref (doc);
  u->alive = g_cancellable_new ();
  g_object_set_data_full (G_OBJECT (dialog), "bs-unlock", u, unlock_free);
  g_signal_connect (dialog, "submitted", G_CALLBACK (on_submitted), u);
  g_signal_connect (dialog, "destroy", G_CALLBACK (on_destroy), u);
  root = parent ? gtk_widget_get_root (parent) : NULL;
  if (GTK_IS_WINDOW (root))
    gtk_window_set_transient_for (GTK_WINDOW (dialog), GTK_WINDOW (root));
  gtk_window_present (GTK_WINDOW (dialog));
  return dialog;
}
