/* bs-result-row.c — see bs-result-row.h. Its buttons are the row's
 * actions: result.open, result.show-folder.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "besign"

#include "bs-result-row.h"

#include <glib/gi18n.h>

struct _BsResultRow {
  GtkListBoxRow  parent_instance;

  /* Owned */
  BsAppDocument *doc;
  GCancellable  *alive;

  /* Borrowed: children of the row */
  GtkLabel      *note;
};

enum { PROP_0, PROP_NOTE, N_PROPS };
static GParamSpec *props[N_PROPS];

G_DEFINE_FINAL_TYPE (BsResultRow, bs_result_row, GTK_TYPE_LIST_BOX_ROW)

static void
show_note (BsResultRow *self, const char *text)
{
  gtk_label_set_text (self->note, text);
  gtk_widget_set_visible (GTK_WIDGET (self->note), TRUE);
  g_object_notify_by_pspec (G_OBJECT (self), props[PROP_NOTE]);
}

typedef struct {
  BsResultRow *row;
  char        *path;
  gboolean     folder;
} Launch;

static void
launch_free (Launch *l)
{
  g_object_unref (l->row);
  g_free (l->path);
  g_free (l);
}

/* Nothing opened it (no file manager, no PDF reader): the path, copied,
 * is the next best thing. */
static void
on_launched (GObject *source, GAsyncResult *result, gpointer data)
{
  Launch *l = data;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  if (!g_app_info_launch_default_for_uri_finish (result, &error)
      && !g_cancellable_is_cancelled (l->row->alive))
    {
      gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (l->row)), l->path);
      text = l->folder ? g_strdup_printf (_("No file manager could open the folder. Its path was copied: %s"), l->path)
                       : g_strdup_printf (_("No program could open the document. Its path was copied: %s"), l->path);
      show_note (l->row, text);
    }
  launch_free (l);
}

static void
launch (BsResultRow *self, gboolean folder)
{
  const char *output = bs_app_document_get_output (self->doc);
  Launch *l = g_new0 (Launch, 1);
  g_autofree char *uri = NULL;
  g_autoptr(GdkAppLaunchContext) launch_context = gdk_display_get_app_launch_context (
    gtk_widget_get_display (GTK_WIDGET (self)));

  l->row = g_object_ref (self);
  l->folder = folder;
  l->path = folder ? g_path_get_dirname (output) : g_strdup (output);
  uri = g_filename_to_uri (l->path, NULL, NULL);
  g_app_info_launch_default_for_uri_async (uri, G_APP_LAUNCH_CONTEXT (launch_context), self->alive, on_launched, l);
}

static void
open_action (GtkWidget *widget, const char *action, GVariant *param)
{
  launch (BS_RESULT_ROW (widget), FALSE);
}

static void
show_folder_action (GtkWidget *widget, const char *action, GVariant *param)
{
  launch (BS_RESULT_ROW (widget), TRUE);
}

static void
bs_result_row_dispose (GObject *object)
{
  BsResultRow *self = BS_RESULT_ROW (object);

  g_cancellable_cancel (self->alive);
  g_clear_object (&self->doc);
  G_OBJECT_CLASS (bs_result_row_parent_class)->dispose (object);
}

static void
bs_result_row_finalize (GObject *object)
{
  g_clear_object (&BS_RESULT_ROW (object)->alive);
  G_OBJECT_CLASS (bs_result_row_parent_class)->finalize (object);
}

static void
bs_result_row_get_property (GObject *object, guint id, GValue *value, GParamSpec *pspec)
{
  BsResultRow *self = BS_RESULT_ROW (object);

  if (id == PROP_NOTE)
    g_value_set_string (value, gtk_widget_get_visible (GTK_WIDGET (self->note)) ? gtk_label_get_text (self->note) : NULL);
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, id, pspec);
}

static void
bs_result_row_class_init (BsResultRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = bs_result_row_dispose;
  object_class->finalize = bs_result_row_finalize;
  object_class->get_property = bs_result_row_get_property;
  props[PROP_NOTE] = g_param_spec_string ("note", NULL, NULL, NULL,
                                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, props);
  gtk_widget_class_install_action (widget_class, "result.open", NULL, open_action);
  gtk_widget_class_install_action (widget_class, "result.show-folder", NULL, show_folder_action);
}

static void
bs_result_row_init (BsResultRow *self)
{
  self->alive = g_cancellable_new ();
}

static GtkWidget *
action_button (const char *label, const char *action)
{
  GtkWidget *button = gtk_button_new_with_label (label);

  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  return button;
}

static GtkWidget *
text_label (const char *text, const char *css)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  if (css != NULL)
    gtk_widget_add_css_class (label, css);
  return label;
}

GtkWidget *
bs_result_row_new (BsAppDocument *doc)
{
  BsResultRow *self = g_object_new (BS_TYPE_RESULT_ROW, NULL);
  GtkWidget *line = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *texts = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  gboolean ok = bs_app_document_get_state (doc) == BS_DOC_SIGNED;
  g_autofree char *output = ok ? g_path_get_basename (bs_app_document_get_output (doc)) : NULL;
  g_autofree char *status = ok ? g_strdup_printf (_("signed as %s"), output)
                               : g_strdup_printf (_("not signed: %s"), bs_app_document_get_failure (doc));

  self->doc = g_object_ref (doc);
  gtk_box_append (GTK_BOX (texts), text_label (bs_app_document_get_name (doc), "heading"));
  gtk_box_append (GTK_BOX (texts), text_label (status, ok ? "success-text" : "error-text"));
  self->note = GTK_LABEL (text_label (NULL, "caption"));
  gtk_label_set_selectable (self->note, TRUE);
  gtk_widget_set_visible (GTK_WIDGET (self->note), FALSE);
  gtk_box_append (GTK_BOX (texts), GTK_WIDGET (self->note));
  gtk_widget_set_hexpand (texts, TRUE);
  gtk_box_append (GTK_BOX (line), texts);
  if (ok)
    {
      gtk_box_append (GTK_BOX (line), action_button (_("Open"), "result.open"));
      gtk_box_append (GTK_BOX (line), action_button (_("Show in folder"), "result.show-folder"));
    }
  else
    gtk_widget_set_tooltip_text (line, bs_app_document_get_failure_detail (doc));
  gtk_widget_set_margin_top (line, 4);
  gtk_widget_set_margin_bottom (line, 4);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (self), line);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (self), FALSE);
  return GTK_WIDGET (self);
}
