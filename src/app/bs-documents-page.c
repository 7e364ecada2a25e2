/* bs-documents-page.c — see bs-documents-page.h.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "besign"

#include "bs-documents-page-private.h"
#include "bs-core-task.h"
#include "bs-document-row.h"
#include "bs-error.h"
#include "bs-file-input.h"
#include "bs-page-view.h"
#include "bs-sign-dialog.h"
#include "bs-signature-box.h"

#include <glib/gi18n.h>


enum { PROP_0, PROP_DOCUMENTS, PROP_CURRENT, N_PROPS };
static GParamSpec *props[N_PROPS];

G_DEFINE_FINAL_TYPE (BsDocumentsPage, bs_documents_page, BS_TYPE_PAGE)

BsAppContext *
bs_documents_page_context (BsDocumentsPage *self)
{
  return bs_page_get_context (BS_PAGE (self));
}

static BsAppContext *
context (BsDocumentsPage *self)
{
  return bs_documents_page_context (self);
}

static guint
n_documents (BsDocumentsPage *self)
{
  return g_list_model_get_n_items (G_LIST_MODEL (self->documents));
}

static BsAppDocument *
document_at (BsDocumentsPage *self, guint i)
{
  /* The store keeps its own reference. */
  BsAppDocument *doc = g_list_model_get_item (G_LIST_MODEL (self->documents), i);

  g_object_unref (doc);
  return doc;
}

static BsAppDocument *
document_of (BsDocumentsPage *self, const char *path)
{
  for (guint i = 0; path != NULL && i < n_documents (self); i++)
    if (g_str_equal (bs_app_document_get_path (document_at (self, i)), path))
      return document_at (self, i);
  return NULL;
}

/* The documents a "Sign" would sign: those not signed yet. */
static GPtrArray *
unsigned_documents (BsDocumentsPage *self)
{
  GPtrArray *docs = g_ptr_array_new ();

  for (guint i = 0; i < n_documents (self); i++)
    if (bs_app_document_get_state (document_at (self, i)) != BS_DOC_SIGNED)
      g_ptr_array_add (docs, document_at (self, i));
  return docs;
}

void
bs_documents_page_update_actions (BsDocumentsPage *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  g_autoptr(GList) selected = gtk_list_box_get_selected_rows (self->list);
  g_autoptr(GPtrArray) to_sign = unsigned_documents (self);

  gtk_widget_action_set_enabled (widget, "documents.sign",
                                 to_sign->len > 0 && bs_app_context_can_sign (context (self)));
  gtk_widget_action_set_enabled (widget, "documents.remove", selected != NULL);
  gtk_widget_action_set_enabled (widget, "documents.select-all", n_documents (self) > 0);
  gtk_widget_action_set_enabled (widget, "documents.use-field", bs_documents_page_offered_field (self) != NULL);
  gtk_widget_action_set_enabled (widget, "documents.unlock", bs_documents_page_can_unlock (self) && bs_documents_page_waits_for_password (self, self->current));
}

static void
show_document (BsDocumentsPage *self, BsAppDocument *doc)
{
  g_autofree char *specimen = bs_settings_dup_string (bs_app_context_get_settings (context (self)), "specimen");

  if (self->current == doc)
    return;
  g_set_object (&self->current, doc);
  g_signal_group_set_target (self->current_signals, doc);
  bs_signature_box_set_specimen (BS_SIGNATURE_BOX (self->box), specimen);
  bs_signature_box_set_document (BS_SIGNATURE_BOX (self->box), doc);
  bs_page_view_set_file_with_password (self->view, doc ? bs_app_document_get_path (doc) : NULL,
                                       doc ? bs_app_document_get_pdf_password (doc) : NULL);
  /* A visible box is shown on its own page. */
  if (doc != NULL && bs_app_document_get_visible (doc) && bs_app_document_get_page (doc) > 1)
    bs_page_view_set_page (self->view, bs_app_document_get_page (doc));
  bs_documents_page_show_placement (self);
  g_object_notify_by_pspec (G_OBJECT (self), props[PROP_CURRENT]);
  /* Opening a protected document to sign it asks for its password. */
  bs_documents_page_ask_password (self);
}

static void
on_selection_changed (BsDocumentsPage *self)
{
  g_autoptr(GList) selected = gtk_list_box_get_selected_rows (self->list);
  BsAppDocument *shown = NULL;

  /* A plain click selects one row: show it. Ctrl+click adding rows keeps
   * the document in view, unless it left the selection. */
  for (GList *l = selected; l != NULL; l = l->next)
    {
      BsAppDocument *doc = bs_document_row_get_document (l->data);
      if (shown == NULL || doc == self->current)
        shown = doc;
    }
  if (shown != NULL)
    show_document (self, shown);
  bs_documents_page_update_actions (self);
}

static void
select_index (BsDocumentsPage *self, guint index)
{
  gtk_list_box_unselect_all (self->list);
  gtk_list_box_select_row (self->list, gtk_list_box_get_row_at_index (self->list, (int) index));
}

static void
on_fields (GObject *source, GAsyncResult *result, gpointer data)
{
  g_autoptr(BsDocumentsPage) self = data;
  g_autoptr(GPtrArray) fields = bs_app_context_find_fields_finish (BS_APP_CONTEXT (source), result, NULL);
  /* The call carries the path it looked at; the document may be gone. */
  BsAppDocument *doc;

  if (g_cancellable_is_cancelled (self->alive) || fields == NULL)
    return;
  doc = document_of (self, bs_core_task_get_input (result));
  if (doc == NULL)
    return;
  bs_app_document_set_fields (doc, fields);
  if (doc == self->current)
    bs_documents_page_show_placement (self);
}

static void
on_measured (GObject *source, GAsyncResult *result, gpointer data)
{
  g_autoptr(BsDocumentsPage) self = data;
  double width, height;
  g_autoptr(GError) error = NULL;
  gboolean ok = bs_page_view_measure_finish (result, &width, &height, &error);
  BsAppDocument *doc;

  if (g_cancellable_is_cancelled (self->alive))
    return;
  doc = document_of (self, bs_page_view_get_measured_path (result));
  if (doc != NULL && ok)
    bs_app_document_place_default (doc, width, height);
  else if (doc != NULL && g_error_matches (error, BS_ERROR, BS_ERROR_ENCRYPTED))
    {
      bs_app_document_set_locked (doc, TRUE);
      if (doc == self->current)
        {
          bs_documents_page_show_placement (self);
          bs_documents_page_ask_password (self);
        }
    }
}

/* The configured visualisation is each new document's starting point. */
static BsAppDocument *
new_document (BsDocumentsPage *self, const char *path)
{
  g_autofree char *visualisation = bs_settings_dup_string (bs_app_context_get_settings (context (self)),
                                                          "visualisation");
  BsAppDocument *doc = bs_app_document_new (path);

  bs_app_document_set_visible (doc, g_strcmp0 (visualisation, "visible") == 0);
  return doc;
}

static void
add_file (BsDocumentsPage *self, GFile *file)
{
  g_autofree char *path = g_file_get_path (file);
  g_autoptr(BsAppDocument) doc = NULL;

  if (path == NULL || document_of (self, path) != NULL)
    return;
  doc = new_document (self, path);
  g_signal_connect_object (doc, "notify::state", G_CALLBACK (bs_documents_page_update_actions), self, G_CONNECT_SWAPPED);
  g_list_store_append (self->documents, doc);
  bs_app_context_find_fields_async (context (self), path, self->alive, on_fields, g_object_ref (self));
  /* Where a box goes by default depends on the page's size: known before
   * the document is ever shown, so it can be signed unseen. */
  bs_page_view_measure_async (self, path, NULL, 1, self->alive, on_measured, g_object_ref (self));
  if (n_documents (self) == 1)
    select_index (self, 0);
  bs_documents_page_update_actions (self);
}

static void
add_folder (BsDocumentsPage *self, GFile *folder)
{
  g_autoptr(GFileEnumerator) children = g_file_enumerate_children (folder, G_FILE_ATTRIBUTE_STANDARD_NAME, 0, NULL, NULL);
  GFileInfo *info;

  while (children != NULL && (info = g_file_enumerator_next_file (children, NULL, NULL)) != NULL)
    {
      const char *name = g_file_info_get_name (info);
      if (g_str_has_suffix (name, ".pdf") || g_str_has_suffix (name, ".PDF"))
        {
          g_autoptr(GFile) child = g_file_get_child (folder, name);
          add_file (self, child);
        }
      g_object_unref (info);
    }
}

static void
remove_selected (BsDocumentsPage *self)
{
  g_autoptr(GList) selected = gtk_list_box_get_selected_rows (self->list);
  int first = -1;
  guint position;

  for (GList *l = selected; l != NULL; l = l->next)
    {
      BsAppDocument *doc = bs_document_row_get_document (l->data);
      int index = gtk_list_box_row_get_index (l->data);
      first = first < 0 ? index : MIN (first, index);
      if (doc == self->current)
        show_document (self, NULL);
      if (g_list_store_find (self->documents, doc, &position))
        g_list_store_remove (self->documents, position);
    }
  if (first >= 0 && n_documents (self) > 0)
    select_index (self, MIN ((guint) first, n_documents (self) - 1));
  bs_documents_page_update_actions (self);
}

static void
clear (BsDocumentsPage *self)
{
  show_document (self, NULL);
  g_list_store_remove_all (self->documents);
  bs_documents_page_update_actions (self);
}

/* ---- actions --------------------------------------------------------------- */

static void
files_chosen (GtkWidget *widget, GListModel *files)
{
  for (guint i = 0; i < g_list_model_get_n_items (files); i++)
    {
      g_autoptr(GFile) file = g_list_model_get_item (files, i);
      add_file (BS_DOCUMENTS_PAGE (widget), file);
    }
}

static void
browse_action (GtkWidget *widget, const char *action, GVariant *param)
{
  bs_choose_pdfs (widget, _("Add documents"), TRUE, files_chosen);
}

static void
folder_chosen (GtkWidget *widget, GListModel *files)
{
  g_autoptr(GFile) folder = g_list_model_get_item (files, 0);

  if (folder != NULL)
    add_folder (BS_DOCUMENTS_PAGE (widget), folder);
}

static void
add_folder_action (GtkWidget *widget, const char *action, GVariant *param)
{
  bs_choose_files (widget, _("Add every PDF of a folder"), GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER, NULL, NULL, FALSE,
                   folder_chosen);
}

static void
add_action (GtkWidget *widget, const char *action, GVariant *param)
{
  g_autofree const char **uris = g_variant_get_strv (param, NULL);

  for (const char **u = uris; *u != NULL; u++)
    {
      g_autoptr(GFile) file = g_file_new_for_uri (*u);
      GFileType type = g_file_query_file_type (file, G_FILE_QUERY_INFO_NONE, NULL);

      if (type == G_FILE_TYPE_DIRECTORY)
        add_folder (BS_DOCUMENTS_PAGE (widget), file);
      else
        add_file (BS_DOCUMENTS_PAGE (widget), file);
    }
}

static void
remove_action (GtkWidget *widget, const char *action, GVariant *param)
{
  remove_selected (BS_DOCUMENTS_PAGE (widget));
}

static void
select_all_action (GtkWidget *widget, const char *action, GVariant *param)
{
  gtk_list_box_select_all (BS_DOCUMENTS_PAGE (widget)->list);
}

static void
sign_action (GtkWidget *widget, const char *action, GVariant *param)
{
  BsDocumentsPage *self = BS_DOCUMENTS_PAGE (widget);
  g_autoptr(GPtrArray) docs = unsigned_documents (self);
  GtkWidget *dialog;

  if (docs->len == 0)
    return;
  dialog = bs_sign_dialog_new (context (self), docs);
  gtk_window_set_transient_for (GTK_WINDOW (dialog), GTK_WINDOW (gtk_widget_get_root (widget)));
  gtk_window_present (GTK_WINDOW (dialog));
}

/* ---- controls -------------------------------------------------------------- */

static void
on_view_rendered (BsDocumentsPage *self)
{
  /* The page count is known once a page is drawn. */
  bs_documents_page_show_placement (self);
}

static void
on_can_sign (BsDocumentsPage *self)
{
  bs_documents_page_update_actions (self);
}

/* ---- object ---------------------------------------------------------------- */

static void
bs_documents_page_constructed (GObject *object)
{
  BsDocumentsPage *self = BS_DOCUMENTS_PAGE (object);

  G_OBJECT_CLASS (bs_documents_page_parent_class)->constructed (object);
  g_signal_connect_object (context (self), "notify::can-sign", G_CALLBACK (on_can_sign), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (context (self), "notify::kind", G_CALLBACK (bs_documents_page_show_placement), self, G_CONNECT_SWAPPED);
  /* The next user sees none of the previous one's documents. */
  g_signal_connect_object (context (self), "logged-out", G_CALLBACK (clear), self, G_CONNECT_SWAPPED);
  bs_documents_page_update_actions (self);
}

static GtkWidget *
create_row (gpointer item, gpointer data)
{
  return bs_document_row_new (item);
}

static void
bs_documents_page_dispose (GObject *object)
{
  BsDocumentsPage *self = BS_DOCUMENTS_PAGE (object);

  g_cancellable_cancel (self->alive);
  if (self->unlock_dialog != NULL)
    gtk_window_destroy (GTK_WINDOW (self->unlock_dialog));
  /* Nothing below may reach back into a page half taken apart. */
  if (self->list != NULL)
    g_signal_handlers_disconnect_by_data (self->list, self);
  if (self->view != NULL)
    g_signal_handlers_disconnect_by_data (self->view, self);
  if (self->visualisation != NULL)
    g_signal_handlers_disconnect_by_data (self->visualisation, self);
  if (self->box_page != NULL)
    g_signal_handlers_disconnect_by_data (self->box_page, self);
  g_signal_group_set_target (self->current_signals, NULL);
  if (self->box != NULL)
    bs_signature_box_set_document (BS_SIGNATURE_BOX (self->box), NULL);
  g_clear_object (&self->box);
  g_clear_object (&self->current);
  self->view = NULL;
  gtk_widget_dispose_template (GTK_WIDGET (self), BS_TYPE_DOCUMENTS_PAGE);
  g_clear_object (&self->documents);
  G_OBJECT_CLASS (bs_documents_page_parent_class)->dispose (object);
}

static void
bs_documents_page_finalize (GObject *object)
{
  BsDocumentsPage *self = BS_DOCUMENTS_PAGE (object);

  g_clear_object (&self->alive);
  g_clear_object (&self->current_signals);
  G_OBJECT_CLASS (bs_documents_page_parent_class)->finalize (object);
}

static void
bs_documents_page_get_property (GObject *object, guint id, GValue *value, GParamSpec *pspec)
{
  BsDocumentsPage *self = BS_DOCUMENTS_PAGE (object);

  switch (id)
    {
    case PROP_DOCUMENTS: g_value_set_object (value, self->documents); break;
    case PROP_CURRENT: g_value_set_object (value, self->current); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, id, pspec);
    }
}

static void
install_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "documents.browse", NULL, browse_action);
  gtk_widget_class_install_action (widget_class, "documents.add-folder", NULL, add_folder_action);
  gtk_widget_class_install_action (widget_class, "documents.add", "as", add_action);
  gtk_widget_class_install_action (widget_class, "documents.remove", NULL, remove_action);
  gtk_widget_class_install_action (widget_class, "documents.select-all", NULL, select_all_action);
  gtk_widget_class_install_action (widget_class, "documents.sign", NULL, sign_action);
  bs_documents_page_install_control_actions (widget_class);
  /* The guide: "tekan tombol Delete". Entries handle their own keys first. */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Delete, 0, "documents.remove", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Delete, 0, "documents.remove", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_a, GDK_CONTROL_MASK, "documents.select-all", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK, "documents.sign", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Enter, GDK_CONTROL_MASK, "documents.sign", NULL);
}

static void
bs_documents_page_class_init (BsDocumentsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->constructed = bs_documents_page_constructed;
  object_class->dispose = bs_documents_page_dispose;
  object_class->finalize = bs_documents_page_finalize;
  object_class->get_property = bs_documents_page_get_property;
  props[PROP_DOCUMENTS] = g_param_spec_object ("documents", NULL, NULL, G_TYPE_LIST_MODEL, flags);
  props[PROP_CURRENT] = g_param_spec_object ("current", NULL, NULL, BS_TYPE_APP_DOCUMENT, flags);
  g_object_class_install_properties (object_class, N_PROPS, props);
  install_actions (widget_class);
  gtk_widget_class_set_template_from_resource (widget_class, "/id/besign/Desktop/bs-documents-page.ui");
  gtk_widget_class_bind_template_child (widget_class, BsDocumentsPage, list);
  gtk_widget_class_bind_template_child (widget_class, BsDocumentsPage, preview);
  gtk_widget_class_bind_template_child (widget_class, BsDocumentsPage, visualisation);
  gtk_widget_class_bind_template_child (widget_class, BsDocumentsPage, page_label);
  gtk_widget_class_bind_template_child (widget_class, BsDocumentsPage, box_page);
  gtk_widget_class_bind_template_child (widget_class, BsDocumentsPage, box_page_range);
  gtk_widget_class_bind_template_child (widget_class, BsDocumentsPage, place_hint);
  gtk_widget_class_bind_template_child (widget_class, BsDocumentsPage, field_bar);
  gtk_widget_class_bind_template_child (widget_class, BsDocumentsPage, field_label);
  gtk_widget_class_bind_template_child (widget_class, BsDocumentsPage, lock_bar);
  gtk_widget_class_bind_template_child (widget_class, BsDocumentsPage, lock_label);
  gtk_widget_class_bind_template_child (widget_class, BsDocumentsPage, unlock);
  gtk_widget_class_bind_template_callback (widget_class, on_selection_changed);
}

static void
bs_documents_page_init (BsDocumentsPage *self)
{
  self->alive = g_cancellable_new ();
  self->documents = g_list_store_new (BS_TYPE_APP_DOCUMENT);
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_list_box_bind_model (self->list, G_LIST_MODEL (self->documents), create_row, NULL, NULL);
  self->view = BS_PAGE_VIEW (bs_page_view_new ());
  gtk_box_append (self->preview, GTK_WIDGET (self->view));
  self->box = g_object_ref (bs_signature_box_new (self->view));
  self->current_signals = g_signal_group_new (BS_TYPE_APP_DOCUMENT);
  /* Its place, its own field, its outcome: the controls follow. */
  g_signal_group_connect_swapped (self->current_signals, "notify", G_CALLBACK (bs_documents_page_show_placement), self);
  g_signal_group_connect_swapped (self->current_signals, "notify::has-password", G_CALLBACK (bs_documents_page_on_unlocked), self);
  g_signal_connect_swapped (self->visualisation, "notify::selected", G_CALLBACK (bs_documents_page_on_visualisation), self);
  g_signal_connect_swapped (self->box_page, "value-changed", G_CALLBACK (bs_documents_page_on_box_page), self);
  g_signal_connect_swapped (self->view, "rendered", G_CALLBACK (on_view_rendered), self);
  bs_accept_file_drops (GTK_WIDGET (self));
}
