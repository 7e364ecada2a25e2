/* bs-document-row.c — see bs-document-row.h.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "besign"

#include "bs-document-row.h"

#include <glib/gi18n.h>

struct _BsDocumentRow {
  GtkListBoxRow  parent_instance;

  /* Owned */
  BsAppDocument *doc;

  /* Borrowed: children of the row */
  GtkImage      *icon;
  GtkLabel      *name;
  GtkLabel      *status;
};

enum { PROP_0, PROP_DOCUMENT, N_PROPS };
static GParamSpec *props[N_PROPS];

G_DEFINE_FINAL_TYPE (BsDocumentRow, bs_document_row, GTK_TYPE_LIST_BOX_ROW)

static void
show_state (BsDocumentRow *self)
{
  g_autofree char *output = NULL;
  g_autofree char *text = NULL;
  BsDocState state = bs_app_document_get_state (self->doc);

  gtk_widget_remove_css_class (GTK_WIDGET (self->status), "error-text");
  gtk_widget_remove_css_class (GTK_WIDGET (self->status), "success-text");
  switch (state)
    {
    case BS_DOC_SIGNED:
      output = g_path_get_basename (bs_app_document_get_output (self->doc));
      text = g_strdup_printf (_("Signed: %s"), output);
      gtk_image_set_from_icon_name (self->icon, "emblem-ok-symbolic");
      gtk_widget_add_css_class (GTK_WIDGET (self->status), "success-text");
      gtk_widget_set_tooltip_text (GTK_WIDGET (self), bs_app_document_get_output (self->doc));
      break;
    case BS_DOC_FAILED:
      text = g_strdup_printf (_("Not signed: %s"), bs_app_document_get_failure (self->doc));
      gtk_image_set_from_icon_name (self->icon, "dialog-error-symbolic");
      gtk_widget_add_css_class (GTK_WIDGET (self->status), "error-text");
      gtk_widget_set_tooltip_text (GTK_WIDGET (self), bs_app_document_get_failure_detail (self->doc));
      break;
    case BS_DOC_PENDING:
    default:
      gtk_image_set_from_icon_name (self->icon, "x-office-document-symbolic");
      gtk_widget_set_tooltip_text (GTK_WIDGET (self), bs_app_document_get_path (self->doc));
      break;
    }
  gtk_label_set_text (self->status, text ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (self->status), text != NULL);
}

static void
bs_document_row_dispose (GObject *object)
{
  BsDocumentRow *self = BS_DOCUMENT_ROW (object);

  if (self->doc != NULL)
    g_signal_handlers_disconnect_by_data (self->doc, self);
  g_clear_object (&self->doc);
  G_OBJECT_CLASS (bs_document_row_parent_class)->dispose (object);
}

static void
bs_document_row_get_property (GObject *object, guint id, GValue *value, GParamSpec *pspec)
{
  if (id == PROP_DOCUMENT)
    g_value_set_object (value, BS_DOCUMENT_ROW (object)->doc);
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, id, pspec);
}

static void
bs_document_row_class_init (BsDocumentRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = bs_document_row_dispose;
  object_class->get_property = bs_document_row_get_property;
  props[PROP_DOCUMENT] = g_param_spec_object ("document", NULL, NULL, BS_TYPE_APP_DOCUMENT,
                                              G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, props);
}

static void
bs_document_row_init (BsDocumentRow *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *texts = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);

  self->icon = GTK_IMAGE (gtk_image_new ());
  self->name = GTK_LABEL (gtk_label_new (NULL));
  self->status = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (self->name, 0);
  gtk_label_set_ellipsize (self->name, PANGO_ELLIPSIZE_MIDDLE);
  gtk_label_set_xalign (self->status, 0);
  gtk_label_set_wrap (self->status, TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->status), "caption");
  gtk_box_append (GTK_BOX (texts), GTK_WIDGET (self->name));
  gtk_box_append (GTK_BOX (texts), GTK_WIDGET (self->status));
  gtk_widget_set_hexpand (texts, TRUE);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->icon));
  gtk_box_append (GTK_BOX (box), texts);
  gtk_widget_set_margin_top (box, 4);
  gtk_widget_set_margin_bottom (box, 4);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (self), box);
}

GtkWidget *
bs_document_row_new (BsAppDocument *doc)
{
  BsDocumentRow *self = g_object_new (BS_TYPE_DOCUMENT_ROW, NULL);

  self->doc = g_object_ref (doc);
  gtk_label_set_text (self->name, bs_app_document_get_name (doc));
  g_signal_connect_swapped (doc, "notify::state", G_CALLBACK (show_state), self);
  show_state (self);
  return GTK_WIDGET (self);
}

BsAppDocument *
bs_document_row_get_document (BsDocumentRow *self)
{
  return self->doc;
}
