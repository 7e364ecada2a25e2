/* bs-page-strip.h — a horizontal strip of a rendered page, painted as a
 * cairo node: GTK's cairo renderer blits it instead of converting a
 * texture on every frame, and only strips in view are drawn.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define BS_TYPE_STRIP (bs_strip_get_type ())
G_DECLARE_FINAL_TYPE (BsStrip, bs_strip, BS, STRIP, GObject)

/* Rows [@top, @top + @height) of @surface, copied (transfer full). */
GdkPaintable *bs_page_strip_new (cairo_surface_t *surface, int top, int height);

G_END_DECLS
