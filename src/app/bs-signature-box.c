/* bs-signature-box.c — see bs-signature-box.h.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "besign"

#include "bs-signature-box.h"

#include <glib/gi18n.h>

#define HANDLE 14      /* pixels of the resize corner */
#define MIN_SIDE 12.0  /* points */

struct _BsSignatureBox {
  GtkWidget      parent_instance;
  BsPageView    *view;      /* borrowed: the box lives in its overlay */
  BsAppDocument *doc;       /* borrowed */
  GtkWidget     *label;
  GdkTexture    *specimen;  /* drawn in the box when set */
  char          *specimen_path;
  BsDisplayRect  start;     /* the rectangle when a drag began */
  gboolean       resizing;
};

G_DEFINE_FINAL_TYPE (BsSignatureBox, bs_signature_box, GTK_TYPE_WIDGET)

static void
show_rect (BsSignatureBox *self)
{
  double scale = bs_page_view_get_scale (self->view);
  gboolean here = self->doc != NULL && self->doc->visible && bs_page_view_is_rendered (self->view)
                  && self->doc->page == bs_page_view_get_page (self->view);

  gtk_widget_set_visible (GTK_WIDGET (self), here);
  if (!here)
    return;
  gtk_widget_set_size_request (GTK_WIDGET (self), (int) (self->doc->rect.width * scale),
                               (int) (self->doc->rect.height * scale));
  gtk_fixed_move (bs_page_view_get_overlay (self->view), GTK_WIDGET (self), self->doc->rect.x * scale,
                  self->doc->rect.y * scale);
}

/* Keeps the box whole on the page. */
static void
clamp_rect (BsSignatureBox *self, BsDisplayRect *r)
{
  double w, h;

  bs_page_view_get_page_size (self->view, &w, &h);
  r->width = CLAMP (r->width, MIN_SIDE, w);
  r->height = CLAMP (r->height, MIN_SIDE, h);
  r->x = CLAMP (r->x, 0, w - r->width);
  r->y = CLAMP (r->y, 0, h - r->height);
}

void
bs_signature_box_place (BsSignatureBox *self, const BsDisplayRect *rect)
{
  BsDisplayRect r = *rect;

  if (self->doc == NULL)
    return;
  clamp_rect (self, &r);
  self->doc->rect = r;
  self->doc->page = bs_page_view_get_page (self->view);
  show_rect (self);
}

static void
on_drag_begin (GtkGestureDrag *drag, double x, double y, gpointer data)
{
  BsSignatureBox *self = data;

  /* A document's own signature field fixes the place. */
  if (self->doc->field_name != NULL)
    {
      gtk_gesture_set_state (GTK_GESTURE (drag), GTK_EVENT_SEQUENCE_DENIED);
      return;
    }
  self->start = self->doc->rect;
  self->resizing = x > gtk_widget_get_width (GTK_WIDGET (self)) - HANDLE
                   && y > gtk_widget_get_height (GTK_WIDGET (self)) - HANDLE;
}

static void
on_drag_update (GtkGestureDrag *drag, double dx, double dy, gpointer data)
{
  BsSignatureBox *self = data;
  double scale = bs_page_view_get_scale (self->view);
  BsDisplayRect r = self->start;

  if (self->resizing)
    {
      r.width += dx / scale;
      r.height += dy / scale;
    }
  else
    {
      r.x += dx / scale;
      r.y += dy / scale;
    }
  bs_signature_box_place (self, &r);
}

void
bs_signature_box_set_specimen (BsSignatureBox *self, const char *path)
{
  /* Read once, not on every selection. */
  if (g_strcmp0 (path, self->specimen_path) == 0)
    return;
  g_free (self->specimen_path);
  self->specimen_path = g_strdup (path);
  g_clear_object (&self->specimen);
  if (path != NULL)
    self->specimen = gdk_texture_new_from_filename (path, NULL);
  gtk_widget_set_visible (self->label, self->specimen == NULL);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
bs_signature_box_set_document (BsSignatureBox *self, BsAppDocument *doc)
{
  self->doc = doc;
  show_rect (self);
}

static void
bs_signature_box_snapshot (GtkWidget *widget, GtkSnapshot *snapshot)
{
  int w = gtk_widget_get_width (widget), h = gtk_widget_get_height (widget);
  GdkRGBA fill = { 0.21, 0.52, 0.89, 0.18 }, edge = { 0.21, 0.52, 0.89, 1.0 };
  GskRoundedRect outline;
  float widths[4] = { 2, 2, 2, 2 };
  GdkRGBA edges[4] = { edge, edge, edge, edge };

  gtk_snapshot_append_color (snapshot, &fill, &GRAPHENE_RECT_INIT (0, 0, w, h));
  if (BS_SIGNATURE_BOX (widget)->specimen != NULL)
    gtk_snapshot_append_texture (snapshot, BS_SIGNATURE_BOX (widget)->specimen, &GRAPHENE_RECT_INIT (0, 0, w, h));
  gsk_rounded_rect_init_from_rect (&outline, &GRAPHENE_RECT_INIT (0, 0, w, h), 0);
  gtk_snapshot_append_border (snapshot, &outline, widths, edges);
  gtk_snapshot_append_color (snapshot, &edge, &GRAPHENE_RECT_INIT (w - HANDLE, h - HANDLE, HANDLE, HANDLE));
  GTK_WIDGET_CLASS (bs_signature_box_parent_class)->snapshot (widget, snapshot);
}

static void
bs_signature_box_dispose (GObject *object)
{
  BsSignatureBox *self = BS_SIGNATURE_BOX (object);

  g_clear_pointer (&self->label, gtk_widget_unparent);
  g_clear_object (&self->specimen);
  g_clear_pointer (&self->specimen_path, g_free);
  G_OBJECT_CLASS (bs_signature_box_parent_class)->dispose (object);
}

static void
bs_signature_box_class_init (BsSignatureBoxClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = bs_signature_box_dispose;
  widget_class->snapshot = bs_signature_box_snapshot;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
bs_signature_box_init (BsSignatureBox *self)
{
  GtkGesture *drag = gtk_gesture_drag_new ();

  self->label = gtk_label_new (_("Signature"));
  gtk_widget_set_parent (self->label, GTK_WIDGET (self));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Visible signature position: drag to move, drag the corner to resize"), -1);
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self), "move");
  g_signal_connect (drag, "drag-begin", G_CALLBACK (on_drag_begin), self);
  g_signal_connect (drag, "drag-update", G_CALLBACK (on_drag_update), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drag));
}

GtkWidget *
bs_signature_box_new (BsPageView *view)
{
  BsSignatureBox *self = g_object_new (BS_TYPE_SIGNATURE_BOX, NULL);

  self->view = view;
  gtk_fixed_put (bs_page_view_get_overlay (view), GTK_WIDGET (self), 0, 0);
  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
  g_signal_connect_object (view, "rendered", G_CALLBACK (show_rect), self, G_CONNECT_SWAPPED);
  return GTK_WIDGET (self);
}
