/* bs-page-view.h — one page of a PDF at a time, rendered by Poppler on a
 * worker thread, with page navigation and zoom. Widgets can be laid over
 * the page (the signature box) in page coordinates.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define BS_TYPE_PAGE_VIEW (bs_page_view_get_type ())
G_DECLARE_FINAL_TYPE (BsPageView, bs_page_view, BS, PAGE_VIEW, GtkBox)

GtkWidget *bs_page_view_new       (void);
/* Shows @path (NULL clears); page 1 first. */
void       bs_page_view_set_file  (BsPageView *self, const char *path);
void       bs_page_view_set_page  (BsPageView *self, int page);   /* 1-based */
int        bs_page_view_get_page  (BsPageView *self);
int        bs_page_view_get_n_pages (BsPageView *self);
/* Shows the page at @scale pixels per point (leaves "whole page"). */
void       bs_page_view_set_scale (BsPageView *self, double scale);
/* Pixels per point of the page shown. */
double     bs_page_view_get_scale (BsPageView *self);
/* The page's size as displayed, in points (0 until rendered). */
void       bs_page_view_get_page_size (BsPageView *self, double *width, double *height);
/* A GtkFixed exactly over the rendered page, for overlays. */
GtkFixed  *bs_page_view_get_overlay (BsPageView *self);
/* TRUE once the current page is on screen (UI tests wait for it). */
gboolean   bs_page_view_is_rendered (BsPageView *self);

G_END_DECLS
