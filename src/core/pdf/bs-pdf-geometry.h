/* bs-pdf-geometry.h — from the page as a person sees it to PDF user space.
 *
 * People (and the window) place a signature on the page as displayed:
 * origin at the top-left corner of the visible (crop) area, /Rotate
 * applied, in points. PDF annotations live in unrotated user space.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "bs-pdf-document.h"

G_BEGIN_DECLS

typedef struct {
  double x, y, width, height;   /* top-left origin, points, as displayed */
} BsDisplayRect;

/* Width and height of @page as displayed (rotation applied). */
void     bs_pdf_page_display_size   (const BsPdfPage *page, double *width, double *height);

/* Converts @rect to the annotation /Rect in user space. Fails with
 * BS_ERROR_INVALID_ARGUMENT when the rectangle is empty or not entirely on
 * the visible page. */
gboolean bs_pdf_page_display_to_user (const BsPdfPage *page, const BsDisplayRect *rect,
                                      BsPdfBox *user, GError **error);

/* The inverse: a user-space box as displayed (it is clipped to nothing;
 * the caller checks it with bs_pdf_page_display_to_user()). */
void     bs_pdf_page_user_to_display (const BsPdfPage *page, const BsPdfBox *user,
                                      BsDisplayRect *rect);

/* The appearance stream /Matrix that keeps content upright on a page
 * shown with /Rotate (the form is drawn in display orientation). */
void     bs_pdf_page_upright_matrix (const BsPdfPage *page, double matrix[6]);

G_END_DECLS
