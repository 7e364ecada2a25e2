/* bs-compare-window.c — see bs-compare-window.h.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "besign"

#include "bs-compare-window.h"
#include "bs-page-view.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>

struct _BsCompareWindow {
  GtkWindow  parent_instance;
  char      *signed_path;   /* a temporary copy, ours to remove */
};

G_DEFINE_FINAL_TYPE (BsCompareWindow, bs_compare_window, GTK_TYPE_WINDOW)

static void
bs_compare_window_finalize (GObject *object)
{
  BsCompareWindow *self = BS_COMPARE_WINDOW (object);

  if (self->signed_path != NULL)
    g_unlink (self->signed_path);
  g_free (self->signed_path);
  G_OBJECT_CLASS (bs_compare_window_parent_class)->finalize (object);
}

static void
bs_compare_window_class_init (BsCompareWindowClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = bs_compare_window_finalize;
  gtk_widget_class_add_binding_action (GTK_WIDGET_CLASS (klass), GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
bs_compare_window_init (BsCompareWindow *self)
{
}

static GtkWidget *
column (const char *title, const char *path, const BsSecret *password)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *label = gtk_label_new (title);
  GtkWidget *view = bs_page_view_new ();

  gtk_widget_add_css_class (label, "heading");
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), view);
  gtk_widget_set_hexpand (box, TRUE);
  bs_page_view_set_file_with_password (BS_PAGE_VIEW (view), path, password);
  return box;
}

GtkWidget *
bs_compare_window_new (GtkWindow *parent, const char *field_name, const char *signed_path, const char *current_path,
                       const BsSecret *password)
{
  BsCompareWindow *self = g_object_new (BS_TYPE_COMPARE_WINDOW, "transient-for", parent, "modal", TRUE,
                                        "default-width", 1100, "default-height", 760, NULL);
  g_autofree char *title = g_strdup_printf (_("Signed version of “%s”"), field_name);
  GtkWidget *columns = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);

  self->signed_path = g_strdup (signed_path);
  gtk_window_set_title (GTK_WINDOW (self), title);
  gtk_widget_set_margin_top (columns, 12);
  gtk_box_append (GTK_BOX (columns), column (_("As it was signed"), signed_path, password));
  gtk_box_append (GTK_BOX (columns), gtk_separator_new (GTK_ORIENTATION_VERTICAL));
  gtk_box_append (GTK_BOX (columns), column (_("As it is now"), current_path, password));
  gtk_window_set_child (GTK_WINDOW (self), columns);
  return GTK_WIDGET (self);
}
