/* bs-page-view.h — one page of a PDF at a time, rendered by Poppler off
 * the main loop, with page navigation and zoom. Widgets can be laid over
 * the page (the signature box) in page coordinates. A document that
 * cannot be shown says so in place of its page: nothing of the previous
 * one stays. A password-protected one is shown with its password (a
 * copy, kept while the document is shown).
 *
 * Properties: "page", "n-pages" (0 until known), "rendered" (the current
 * page is on screen), "failure" (why nothing is shown, or NULL). Signal
 * "rendered" after each page is drawn (the overlay is then its size).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "bs-secret.h"

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define BS_TYPE_PAGE_VIEW (bs_page_view_get_type ())
G_DECLARE_FINAL_TYPE (BsPageView, bs_page_view, BS, PAGE_VIEW, GtkBox)

GtkWidget *bs_page_view_new       (void);
/* Shows @path (NULL clears); page 1 first. */
void       bs_page_view_set_file  (BsPageView *self, const char *path);
/* The same for a password-protected PDF (@password copied, or NULL). */
void       bs_page_view_set_file_with_password (BsPageView *self, const char *path, const BsSecret *password);
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
gboolean   bs_page_view_is_rendered (BsPageView *self);

/* The size of page @page of @path in points as displayed, read off the
 * main loop without drawing it (@source is the task's source object;
 * @password, copied, opens a protected PDF). A document that needs a
 * password (another one) fails with BS_ERROR_ENCRYPTED. */
void       bs_page_view_measure_async  (gpointer source, const char *path, const BsSecret *password, int page,
                                        GCancellable *cancellable, GAsyncReadyCallback callback, gpointer data);
gboolean   bs_page_view_measure_finish (GAsyncResult *result, double *width, double *height, GError **error);
/* The path a measure was asked for. */
const char *bs_page_view_get_measured_path (GAsyncResult *result);

G_END_DECLS
