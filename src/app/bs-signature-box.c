/* bs-signature-box.c — see bs-signature-box.h.
 *
 * The drag gesture sits on the page's overlay, not on the box: a gesture
 * on a widget that moves reports offsets in coordinates that move with
 * it, and the box would trail the pointer at half its speed.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "besign"

#include "bs-signature-box.h"

#include <glib/gi18n.h>

#define HANDLE 14      /* pixels of the resize corner */
#define MIN_SIDE 12.0  /* points */
#define STEP 2.0       /* points an arrow key moves the box */
#define BIG_STEP 12.0  /* with Shift */

typedef enum { DRAG_NONE, DRAG_MOVE, DRAG_RESIZE } DragKind;

struct _BsSignatureBox {
  GtkWidget      parent_instance;

  /* Owned */
  GtkWidget     *label;
  GdkTexture    *specimen;  /* drawn in the box when set */
  char          *specimen_path;
  BsAppDocument *doc;
  GSignalGroup  *doc_signals;
  GtkGesture    *drag;      /* on the view's overlay */
  BsDisplayRect  start;     /* the rectangle when a drag began */
  DragKind       dragging;

  /* Borrowed: the box lives in its overlay */
  BsPageView    *view;
};

enum { PROP_0, PROP_DOCUMENT, N_PROPS };
static GParamSpec *props[N_PROPS];

G_DEFINE_FINAL_TYPE (BsSignatureBox, bs_signature_box, GTK_TYPE_WIDGET)

/* The document's own signature field fixes the place. */
static gboolean
movable (BsSignatureBox *self)
{
  return self->doc != NULL && bs_app_document_get_visible (self->doc)
         && bs_app_document_get_field_name (self->doc) == NULL;
}

static gboolean
on_this_page (BsSignatureBox *self)
{
  return self->doc != NULL && bs_app_document_get_visible (self->doc) && bs_page_view_is_rendered (self->view)
         && bs_app_document_get_page (self->doc) == bs_page_view_get_page (self->view);
}

static void
show_rect (BsSignatureBox *self)
{
  double scale = bs_page_view_get_scale (self->view);
  double w, h;
  const BsDisplayRect *r;

  if (!on_this_page (self))
    {
      gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
      return;
    }
  bs_page_view_get_page_size (self->view, &w, &h);
  bs_app_document_place_default (self->doc, w, h);
  r = bs_app_document_get_rect (self->doc);
  gtk_widget_set_visible (GTK_WIDGET (self), TRUE);
  gtk_widget_set_size_request (GTK_WIDGET (self), (int) (r->width * scale), (int) (r->height * scale));
  gtk_fixed_move (bs_page_view_get_overlay (self->view), GTK_WIDGET (self), r->x * scale, r->y * scale);
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

static void
place (BsSignatureBox *self, BsDisplayRect r)
{
  clamp_rect (self, &r);
  g_object_freeze_notify (G_OBJECT (self->doc));
  bs_app_document_set_page (self->doc, bs_page_view_get_page (self->view));
  bs_app_document_set_rect (self->doc, &r);
  g_object_thaw_notify (G_OBJECT (self->doc));
}

static void
on_drag_begin (GtkGestureDrag *drag, double x, double y, gpointer data)
{
  BsSignatureBox *self = data;
  double scale = bs_page_view_get_scale (self->view);
  BsDisplayRect r;
  double px = x / scale, py = y / scale;

  if (!movable (self) || !bs_page_view_is_rendered (self->view))
    {
      gtk_gesture_set_state (GTK_GESTURE (drag), GTK_EVENT_SEQUENCE_DENIED);
      return;
    }
  r = *bs_app_document_get_rect (self->doc);
  if (!on_this_page (self) || px < r.x || py < r.y || px > r.x + r.width || py > r.y + r.height)
    {
      /* A press elsewhere on the page (this one or another) puts the box
       * there, centred on the pointer, and the drag goes on from there. */
      r.x = px - r.width / 2;
      r.y = py - r.height / 2;
      place (self, r);
      r = *bs_app_document_get_rect (self->doc);
    }
  self->start = r;
  self->dragging = (x > (r.x + r.width) * scale - HANDLE && y > (r.y + r.height) * scale - HANDLE)
                   ? DRAG_RESIZE : DRAG_MOVE;
  gtk_gesture_set_state (GTK_GESTURE (drag), GTK_EVENT_SEQUENCE_CLAIMED);
  gtk_widget_grab_focus (GTK_WIDGET (self));
}

static void
on_drag_update (GtkGestureDrag *drag, double dx, double dy, gpointer data)
{
  BsSignatureBox *self = data;
  double scale = bs_page_view_get_scale (self->view);
  BsDisplayRect r = self->start;

  if (self->dragging == DRAG_NONE || self->doc == NULL)
    return;
  if (self->dragging == DRAG_RESIZE)
    {
      r.width += dx / scale;
      r.height += dy / scale;
    }
  else
    {
      r.x += dx / scale;
      r.y += dy / scale;
    }
  place (self, r);
}

static void
on_drag_end (GtkGestureDrag *drag, double dx, double dy, gpointer data)
{
  BS_SIGNATURE_BOX (data)->dragging = DRAG_NONE;
}

static gboolean
on_key (GtkEventControllerKey *keys, guint keyval, guint keycode, GdkModifierType state, gpointer data)
{
  BsSignatureBox *self = data;
  double step = (state & GDK_SHIFT_MASK) ? BIG_STEP : STEP;
  double dx = 0, dy = 0;
  BsDisplayRect r;

  switch (keyval)
    {
    case GDK_KEY_Left: case GDK_KEY_KP_Left: dx = -step; break;
    case GDK_KEY_Right: case GDK_KEY_KP_Right: dx = step; break;
    case GDK_KEY_Up: case GDK_KEY_KP_Up: dy = -step; break;
    case GDK_KEY_Down: case GDK_KEY_KP_Down: dy = step; break;
    default: return FALSE;
    }
  if (!movable (self) || !on_this_page (self))
    return FALSE;
  r = *bs_app_document_get_rect (self->doc);
  if (state & GDK_CONTROL_MASK)
    {
      r.width += dx;
      r.height += dy;
    }
  else
    {
      r.x += dx;
      r.y += dy;
    }
  place (self, r);
  return TRUE;
}

void
bs_signature_box_set_specimen (BsSignatureBox *self, const char *path)
{
  g_return_if_fail (BS_IS_SIGNATURE_BOX (self));

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
  g_return_if_fail (BS_IS_SIGNATURE_BOX (self));

  if (!g_set_object (&self->doc, doc))
    return;
  self->dragging = DRAG_NONE;
  g_signal_group_set_target (self->doc_signals, doc);
  show_rect (self);
  g_object_notify_by_pspec (G_OBJECT (self), props[PROP_DOCUMENT]);
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

  if (self->drag != NULL && self->view != NULL)
    gtk_widget_remove_controller (GTK_WIDGET (bs_page_view_get_overlay (self->view)),
                                  GTK_EVENT_CONTROLLER (self->drag));
  g_clear_object (&self->drag);
  if (self->view != NULL)
    g_signal_handlers_disconnect_by_data (self->view, self);
  self->view = NULL;
  g_signal_group_set_target (self->doc_signals, NULL);
  g_clear_object (&self->doc);
  g_clear_pointer (&self->label, gtk_widget_unparent);
  g_clear_object (&self->specimen);
  g_clear_pointer (&self->specimen_path, g_free);
  G_OBJECT_CLASS (bs_signature_box_parent_class)->dispose (object);
}

static void
bs_signature_box_finalize (GObject *object)
{
  g_clear_object (&BS_SIGNATURE_BOX (object)->doc_signals);
  G_OBJECT_CLASS (bs_signature_box_parent_class)->finalize (object);
}

static void
bs_signature_box_get_property (GObject *object, guint id, GValue *value, GParamSpec *pspec)
{
  if (id == PROP_DOCUMENT)
    g_value_set_object (value, BS_SIGNATURE_BOX (object)->doc);
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, id, pspec);
}

static void
bs_signature_box_class_init (BsSignatureBoxClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = bs_signature_box_dispose;
  object_class->finalize = bs_signature_box_finalize;
  object_class->get_property = bs_signature_box_get_property;
  props[PROP_DOCUMENT] = g_param_spec_object ("document", NULL, NULL, BS_TYPE_APP_DOCUMENT,
                                              G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, props);
  widget_class->snapshot = bs_signature_box_snapshot;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
  gtk_widget_class_set_css_name (widget_class, "signaturebox");
}

static void
bs_signature_box_init (BsSignatureBox *self)
{
  GtkEventController *keys = gtk_event_controller_key_new ();

  self->label = gtk_label_new (_("Signature"));
  gtk_widget_set_parent (self->label, GTK_WIDGET (self));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Visible signature position: drag to move, drag the corner to resize; "
                                    "with the keyboard, arrows move it and Ctrl+arrows resize it"), -1);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self), _("Drag to move, drag the corner to resize. "
                                                     "Arrow keys move it, Ctrl+arrows resize it."));
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self), "move");
  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  g_signal_connect (keys, "key-pressed", G_CALLBACK (on_key), self);
  gtk_widget_add_controller (GTK_WIDGET (self), keys);
  self->doc_signals = g_signal_group_new (BS_TYPE_APP_DOCUMENT);
  g_signal_group_connect_swapped (self->doc_signals, "notify", G_CALLBACK (show_rect), self);
}

GtkWidget *
bs_signature_box_new (BsPageView *view)
{
  BsSignatureBox *self = g_object_new (BS_TYPE_SIGNATURE_BOX, NULL);
  GtkWidget *overlay = GTK_WIDGET (bs_page_view_get_overlay (view));

  self->view = view;
  gtk_fixed_put (GTK_FIXED (overlay), GTK_WIDGET (self), 0, 0);
  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
  self->drag = g_object_ref (gtk_gesture_drag_new ());
  g_signal_connect (self->drag, "drag-begin", G_CALLBACK (on_drag_begin), self);
  g_signal_connect (self->drag, "drag-update", G_CALLBACK (on_drag_update), self);
  g_signal_connect (self->drag, "drag-end", G_CALLBACK (on_drag_end), self);
  gtk_widget_add_controller (overlay, GTK_EVENT_CONTROLLER (self->drag));
  g_signal_connect_swapped (view, "rendered", G_CALLBACK (show_rect), self);
  return GTK_WIDGET (self);
}
