/* bs-file-input.c — see bs-file-input.h.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "besign"

#include "bs-file-input.h"

#include <glib/gi18n.h>

GVariant *
bs_uris_variant (GListModel *files)
{
  GVariantBuilder uris;

  g_variant_builder_init (&uris, G_VARIANT_TYPE_STRING_ARRAY);
  for (guint i = 0; i < g_list_model_get_n_items (files); i++)
    {
      g_autoptr(GFile) file = g_list_model_get_item (files, i);
      g_autofree char *uri = g_file_get_uri (file);
      g_variant_builder_add (&uris, "s", uri);
    }
  return g_variant_builder_end (&uris);
}

static gboolean
on_drop (GtkDropTarget *target, const GValue *value, double x, double y, gpointer data)
{
  GSList *list = g_value_get_boxed (value);
  g_autoptr(GListStore) files = g_list_store_new (G_TYPE_FILE);
  g_autoptr(GVariant) uris = NULL;

  for (GSList *l = list; l != NULL; l = l->next)
    g_list_store_append (files, l->data);
  uris = g_variant_ref_sink (bs_uris_variant (G_LIST_MODEL (files)));
  gtk_widget_activate_action_variant (data, "win.open-files", uris);
  return TRUE;
}

void
bs_accept_file_drops (GtkWidget *widget)
{
  GtkDropTarget *target = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);

  g_signal_connect (target, "drop", G_CALLBACK (on_drop), widget);
  gtk_widget_add_controller (widget, GTK_EVENT_CONTROLLER (target));
}

typedef struct {
  GtkWidget *owner;
  void     (*on_files) (GtkWidget *owner, GListModel *files);
} ChooserCall;

static void
on_chooser_response (GtkNativeDialog *dialog, int response, gpointer data)
{
  ChooserCall *call = data;

  /* A chooser outliving its page (the window closed) answers nobody. */
  if (response == GTK_RESPONSE_ACCEPT && gtk_widget_get_root (call->owner) != NULL)
    {
      G_GNUC_BEGIN_IGNORE_DEPRECATIONS
      g_autoptr(GListModel) files = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (dialog));
      G_GNUC_END_IGNORE_DEPRECATIONS
      call->on_files (call->owner, files);
    }
  g_object_unref (call->owner);
  g_free (call);
  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
}

void
bs_choose_files (GtkWidget *owner, const char *title, GtkFileChooserAction action, const char *filter_name,
                 const char *const *suffixes, gboolean multiple,
                 void (*on_files) (GtkWidget *owner, GListModel *files))
{
  GtkWindow *parent = GTK_WINDOW (gtk_widget_get_root (owner));
  /* GtkFileChooserNative: GTK 4.8 has no GtkFileDialog (4.10). */
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  GtkFileChooserNative *dialog = gtk_file_chooser_native_new (title, parent, action, _("_Open"), _("_Cancel"));
  ChooserCall *call = g_new0 (ChooserCall, 1);

  if (filter_name != NULL)
    {
      GtkFileFilter *filter = gtk_file_filter_new ();
      gtk_file_filter_set_name (filter, filter_name);
      for (const char *const *s = suffixes; s != NULL && *s != NULL; s++)
        gtk_file_filter_add_suffix (filter, *s);
      gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), filter);
      g_object_unref (filter);
    }
  gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (dialog), multiple);
  G_GNUC_END_IGNORE_DEPRECATIONS
  call->owner = g_object_ref (owner);
  call->on_files = on_files;
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  g_signal_connect (dialog, "response", G_CALLBACK (on_chooser_response), call);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

char *
bs_first_path (GListModel *files)
{
  g_autoptr(GFile) file = g_list_model_get_item (files, 0);

  return file ? g_file_get_path (file) : NULL;
}

void
bs_choose_pdfs (GtkWidget *owner, const char *title, gboolean multiple,
                void (*on_files) (GtkWidget *owner, GListModel *files))
{
  const char *const suffixes[] = { "pdf", "PDF", NULL };

  bs_choose_files (owner, title, GTK_FILE_CHOOSER_ACTION_OPEN, _("PDF documents"), suffixes, multiple, on_files);
}
