/* bs-documents-page.c — see bs-documents-page.h.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "besign"

#include "bs-documents-page.h"
#include "bs-file-input.h"
#include "bs-page-view.h"
#include "bs-sign-dialog.h"
#include "bs-signature-box.h"

#include <glib/gi18n.h>

struct _BsDocumentsPage {
  GtkBox       parent_instance;
  BsWindow    *window;
  GtkListBox  *list;
  GtkWidget   *sign;
  GtkBox      *preview;
  GtkDropDown *visualisation;
  GtkWidget   *field_bar;
  GtkLabel    *field_label;
  BsPageView  *view;
  GtkWidget   *box;
  GPtrArray   *documents;   /* BsAppDocument, in list order */
  gboolean     showing;     /* the dropdown follows a newly selected document */
};

G_DEFINE_FINAL_TYPE (BsDocumentsPage, bs_documents_page, GTK_TYPE_BOX)

GPtrArray *
bs_documents_page_get_documents (BsDocumentsPage *self)
{
  return self->documents;
}

BsPageView *
bs_documents_page_get_view (BsDocumentsPage *self)
{
  return self->view;
}

GtkWidget *
bs_documents_page_get_signature_box (BsDocumentsPage *self)
{
  return self->box;
}

static BsAppDocument *
selected (BsDocumentsPage *self)
{
  GtkListBoxRow *row = gtk_list_box_get_selected_row (self->list);

  return row ? g_ptr_array_index (self->documents, gtk_list_box_row_get_index (row)) : NULL;
}

static BsAppDocument *
document_of (BsDocumentsPage *self, const char *path)
{
  for (guint i = 0; i < self->documents->len; i++)
    if (g_str_equal (((BsAppDocument *) g_ptr_array_index (self->documents, i))->path, path))
      return g_ptr_array_index (self->documents, i);
  return NULL;
}

/* A document with an empty signature field offers to sign into it. */
static void
show_field_offer (BsDocumentsPage *self)
{
  BsAppDocument *doc = selected (self);
  BsSignField *field = doc && doc->fields && doc->fields->len ? g_ptr_array_index (doc->fields, 0) : NULL;
  g_autofree char *text = NULL;

  gtk_widget_set_visible (self->field_bar, field != NULL && doc->field_name == NULL);
  if (field == NULL)
    return;
  text = field->page > 0 ? g_strdup_printf (_("This document has an empty signature field “%s” on page %d."),
                                            field->name, field->page)
                         : g_strdup_printf (_("This document has an empty signature field “%s”."), field->name);
  gtk_label_set_text (self->field_label, text);
}

static void
on_fields (GObject *source, GAsyncResult *result, gpointer data)
{
  BsDocumentsPage *self = data;
  /* The task carries the path it looked at; the document may be gone. */
  BsAppDocument *doc = document_of (self, g_task_get_task_data (G_TASK (result)));
  GPtrArray *fields = bs_app_context_find_fields_finish (BS_APP_CONTEXT (source), result, NULL);

  if (doc != NULL && fields != NULL)
    {
      g_clear_pointer (&doc->fields, g_ptr_array_unref);
      doc->fields = g_steal_pointer (&fields);
      show_field_offer (self);
    }
  g_clear_pointer (&fields, g_ptr_array_unref);
  g_object_unref (self);
}

gboolean
bs_documents_page_use_field (BsDocumentsPage *self)
{
  BsAppDocument *doc = selected (self);
  BsSignField *field = doc && doc->fields && doc->fields->len ? g_ptr_array_index (doc->fields, 0) : NULL;

  if (field == NULL)
    return FALSE;
  g_free (doc->field_name);
  doc->field_name = g_strdup (field->name);
  doc->visible = field->page > 0;
  if (doc->visible)
    {
      doc->page = field->page;
      doc->rect = field->rect;
      if (bs_page_view_get_page (self->view) != field->page)
        bs_page_view_set_page (self->view, field->page);
    }
  self->showing = TRUE;
  gtk_drop_down_set_selected (self->visualisation, doc->visible ? 1 : 0);
  self->showing = FALSE;
  gtk_widget_set_sensitive (GTK_WIDGET (self->visualisation), FALSE);
  bs_signature_box_set_document (BS_SIGNATURE_BOX (self->box), doc);
  show_field_offer (self);
  return TRUE;
}

static void
on_use_field (BsDocumentsPage *self)
{
  bs_documents_page_use_field (self);
}

static gboolean
already_listed (BsDocumentsPage *self, const char *path)
{
  for (guint i = 0; i < self->documents->len; i++)
    if (g_str_equal (((BsAppDocument *) g_ptr_array_index (self->documents, i))->path, path))
      return TRUE;
  return FALSE;
}

/* The configured visualisation is each new document's starting point. */
static BsAppDocument *
new_document (BsDocumentsPage *self, const char *path)
{
  BsSettings *settings = bs_app_context_get_settings (bs_window_get_context (self->window));
  g_autofree char *visualisation = bs_settings_dup_string (settings, "visualisation");
  BsAppDocument *doc = bs_app_document_new (path);

  doc->visible = g_strcmp0 (visualisation, "visible") == 0;
  return doc;
}

void
bs_documents_page_add_file (BsDocumentsPage *self, GFile *file)
{
  g_autofree char *path = g_file_get_path (file);
  g_autofree char *name = g_file_get_basename (file);
  GtkWidget *label;

  if (path == NULL || already_listed (self, path))
    return;
  g_ptr_array_add (self->documents, new_document (self, path));
  bs_app_context_find_fields_async (bs_window_get_context (self->window), path, NULL, on_fields, g_object_ref (self));
  label = gtk_label_new (name);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_MIDDLE);
  gtk_widget_set_tooltip_text (label, path);
  gtk_list_box_append (self->list, label);
  gtk_widget_set_sensitive (self->sign, TRUE);
  if (self->documents->len == 1)
    bs_documents_page_select (self, 0);
}

void
bs_documents_page_select (BsDocumentsPage *self, guint index)
{
  gtk_list_box_select_row (self->list, gtk_list_box_get_row_at_index (self->list, (int) index));
}

static void
on_row_selected (BsDocumentsPage *self, GtkListBoxRow *row)
{
  BsAppDocument *doc = selected (self);

  g_autofree char *specimen = bs_settings_dup_string (bs_app_context_get_settings (bs_window_get_context (self->window)),
                                                     "specimen");

  gtk_widget_set_sensitive (GTK_WIDGET (self->visualisation), doc != NULL && doc->field_name == NULL);
  show_field_offer (self);
  bs_signature_box_set_specimen (BS_SIGNATURE_BOX (self->box), specimen);
  bs_signature_box_set_document (BS_SIGNATURE_BOX (self->box), doc);
  if (doc == NULL)
    {
      bs_page_view_set_file (self->view, NULL);
      return;
    }
  self->showing = TRUE;
  gtk_drop_down_set_selected (self->visualisation, doc->visible ? 1 : 0);
  self->showing = FALSE;
  bs_page_view_set_file (self->view, doc->path);
}

void
bs_documents_page_remove_selected (BsDocumentsPage *self)
{
  GtkListBoxRow *row = gtk_list_box_get_selected_row (self->list);
  int index;

  if (row == NULL)
    return;
  index = gtk_list_box_row_get_index (row);
  bs_signature_box_set_document (BS_SIGNATURE_BOX (self->box), NULL);
  gtk_list_box_remove (self->list, GTK_WIDGET (row));
  g_ptr_array_remove_index (self->documents, (guint) index);
  gtk_widget_set_sensitive (self->sign, self->documents->len > 0);
  if (self->documents->len > 0)
    bs_documents_page_select (self, MIN ((guint) index, self->documents->len - 1));
}

void
bs_documents_page_set_visible (BsDocumentsPage *self, gboolean visible)
{
  BsAppDocument *doc = selected (self);

  if (doc == NULL)
    return;
  /* A box made visible starts on the page being looked at. */
  if (visible && !doc->visible && bs_page_view_is_rendered (self->view))
    doc->page = bs_page_view_get_page (self->view);
  doc->visible = visible;
  if (gtk_drop_down_get_selected (self->visualisation) != (visible ? 1u : 0u))
    gtk_drop_down_set_selected (self->visualisation, visible ? 1 : 0);
  bs_signature_box_set_document (BS_SIGNATURE_BOX (self->box), doc);
}

static void
on_visualisation (BsDocumentsPage *self)
{
  if (self->showing)
    return;
  bs_documents_page_set_visible (self, gtk_drop_down_get_selected (self->visualisation) == 1);
}

static void
add_chosen (GListModel *files, gpointer data)
{
  BsDocumentsPage *self = data;

  for (guint i = 0; i < g_list_model_get_n_items (files); i++)
    {
      g_autoptr(GFile) file = g_list_model_get_item (files, i);
      bs_documents_page_add_file (self, file);
    }
}

static void
on_browse (BsDocumentsPage *self)
{
  bs_choose_pdfs (self->window, _("Add documents"), TRUE, add_chosen, self);
}

static void
add_folder (GFile *folder, BsDocumentsPage *self)
{
  g_autoptr(GFileEnumerator) children = g_file_enumerate_children (folder, G_FILE_ATTRIBUTE_STANDARD_NAME, 0, NULL, NULL);
  GFileInfo *info;

  while (children != NULL && (info = g_file_enumerator_next_file (children, NULL, NULL)) != NULL)
    {
      const char *name = g_file_info_get_name (info);
      if (g_str_has_suffix (name, ".pdf") || g_str_has_suffix (name, ".PDF"))
        {
          g_autoptr(GFile) child = g_file_get_child (folder, name);
          bs_documents_page_add_file (self, child);
        }
      g_object_unref (info);
    }
}

static void
folder_chosen (GListModel *files, gpointer data)
{
  g_autoptr(GFile) folder = g_list_model_get_item (files, 0);

  if (folder != NULL)
    add_folder (folder, data);
}

static void
on_add_folder (BsDocumentsPage *self)
{
  bs_choose_files (GTK_WINDOW (self->window), _("Add every PDF of a folder"), GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER,
                   NULL, NULL, FALSE, folder_chosen, self);
}

GtkWidget *
bs_documents_page_sign (BsDocumentsPage *self)
{
  GtkWidget *dialog;

  if (self->documents->len == 0)
    return NULL;
  dialog = bs_sign_dialog_new (self->window, self->documents);
  gtk_window_present (GTK_WINDOW (dialog));
  return dialog;
}

static void
on_sign (BsDocumentsPage *self)
{
  bs_documents_page_sign (self);
}

static gboolean
on_key (GtkEventControllerKey *keys, guint keyval, guint keycode, GdkModifierType state, gpointer data)
{
  BsDocumentsPage *self = data;

  if (keyval == GDK_KEY_Delete && !(state & GDK_CONTROL_MASK))
    {
      bs_documents_page_remove_selected (self);
      return TRUE;
    }
  if ((keyval == GDK_KEY_Return || keyval == GDK_KEY_KP_Enter) && (state & GDK_CONTROL_MASK))
    {
      bs_documents_page_sign (self);
      return TRUE;
    }
  return FALSE;
}

static void
bs_documents_page_finalize (GObject *object)
{
  g_ptr_array_unref (BS_DOCUMENTS_PAGE (object)->documents);
  G_OBJECT_CLASS (bs_documents_page_parent_class)->finalize (object);
}

static void
browse_action (GtkWidget *widget, const char *action, GVariant *param)
{
  on_browse (BS_DOCUMENTS_PAGE (widget));
}

static void
bs_documents_page_class_init (BsDocumentsPageClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->finalize = bs_documents_page_finalize;
  gtk_widget_class_install_action (widget_class, "documents.browse", NULL, browse_action);
  gtk_widget_class_set_template_from_resource (widget_class, "/id/besign/Desktop/bs-documents-page.ui");
  gtk_widget_class_bind_template_child (widget_class, BsDocumentsPage, list);
  gtk_widget_class_bind_template_child (widget_class, BsDocumentsPage, sign);
  gtk_widget_class_bind_template_child (widget_class, BsDocumentsPage, preview);
  gtk_widget_class_bind_template_child (widget_class, BsDocumentsPage, visualisation);
  gtk_widget_class_bind_template_callback (widget_class, on_browse);
  gtk_widget_class_bind_template_callback (widget_class, on_add_folder);
  gtk_widget_class_bind_template_callback (widget_class, on_row_selected);
  gtk_widget_class_bind_template_callback (widget_class, on_sign);
  gtk_widget_class_bind_template_callback (widget_class, on_use_field);
  gtk_widget_class_bind_template_child (widget_class, BsDocumentsPage, field_bar);
  gtk_widget_class_bind_template_child (widget_class, BsDocumentsPage, field_label);
}

static void
bs_documents_page_init (BsDocumentsPage *self)
{
  GtkEventController *keys = gtk_event_controller_key_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
  self->documents = g_ptr_array_new_with_free_func ((GDestroyNotify) bs_app_document_free);
  self->view = BS_PAGE_VIEW (bs_page_view_new ());
  gtk_box_append (self->preview, GTK_WIDGET (self->view));
  self->box = bs_signature_box_new (self->view);
  g_signal_connect_swapped (self->visualisation, "notify::selected", G_CALLBACK (on_visualisation), self);
  g_signal_connect (keys, "key-pressed", G_CALLBACK (on_key), self);
  gtk_widget_add_controller (GTK_WIDGET (self), keys);
}

GtkWidget *
bs_documents_page_new (BsWindow *window)
{
  BsDocumentsPage *self = g_object_new (BS_TYPE_DOCUMENTS_PAGE, NULL);

  self->window = window;
  bs_accept_file_drops (GTK_WIDGET (self), window);
  return GTK_WIDGET (self);
}
