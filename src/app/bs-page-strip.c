/* bs-page-strip.c — see bs-page-strip.h.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "bs-page-strip.h"

struct _BsStrip {
  GObject          parent_instance;
  cairo_surface_t *surface;
};

static void bs_strip_paintable_init (GdkPaintableInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (BsStrip, bs_strip, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (GDK_TYPE_PAINTABLE, bs_strip_paintable_init))

static void
bs_strip_snapshot (GdkPaintable *paintable, GdkSnapshot *snapshot, double width, double height)
{
  BsStrip *self = BS_STRIP (paintable);
  cairo_t *cr = gtk_snapshot_append_cairo (GTK_SNAPSHOT (snapshot), &GRAPHENE_RECT_INIT (0, 0, width, height));

  cairo_set_source_surface (cr, self->surface, 0, 0);
  cairo_paint (cr);
  cairo_destroy (cr);
}

static int bs_strip_width (GdkPaintable *p) { return cairo_image_surface_get_width (BS_STRIP (p)->surface); }
static int bs_strip_height (GdkPaintable *p) { return cairo_image_surface_get_height (BS_STRIP (p)->surface); }

static void
bs_strip_paintable_init (GdkPaintableInterface *iface)
{
  iface->snapshot = bs_strip_snapshot;
  iface->get_intrinsic_width = bs_strip_width;
  iface->get_intrinsic_height = bs_strip_height;
}

static void
bs_strip_finalize (GObject *object)
{
  cairo_surface_destroy (BS_STRIP (object)->surface);
  G_OBJECT_CLASS (bs_strip_parent_class)->finalize (object);
}

static void bs_strip_class_init (BsStripClass *klass) { G_OBJECT_CLASS (klass)->finalize = bs_strip_finalize; }
static void bs_strip_init (BsStrip *self) { }

GdkPaintable *
bs_page_strip_new (cairo_surface_t *surface, int top, int height)
{
  BsStrip *strip = g_object_new (BS_TYPE_STRIP, NULL);
  cairo_t *cr;

  strip->surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, cairo_image_surface_get_width (surface), height);
  cr = cairo_create (strip->surface);
  cairo_set_source_surface (cr, surface, 0, -top);
  cairo_set_operator (cr, CAIRO_OPERATOR_SOURCE);
  cairo_paint (cr);
  cairo_destroy (cr);
  return GDK_PAINTABLE (strip);
}

