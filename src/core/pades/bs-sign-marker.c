/* bs-sign-marker.c — see bs-sign-marker.h.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "besign-core"

#include "bs-sign-marker.h"
#include "bs-pdf-text.h"

/* A marker near an edge must not push the specimen off the page (the
 * signer would otherwise get "outside the page" for a marker they can
 * see on it). */
static void
fit_on_page (const BsPdfPage *page, BsDisplayRect *r)
{
  double w, h;

  bs_pdf_page_display_size (page, &w, &h);
  r->width = MIN (r->width, w);
  r->height = MIN (r->height, h);
  r->x = CLAMP (r->x, 0, w - r->width);
  r->y = CLAMP (r->y, 0, h - r->height);
}

gboolean
bs_sign_place_at_text (BsPdfDocument *doc, const char *path, const char *password, const char *text, int *page,
                       BsDisplayRect *rect, GError **error)
{
  int found_page = *page;
  BsDisplayRect found;
  BsPdfPage geometry;

  g_return_val_if_fail (doc != NULL && path != NULL && text != NULL && rect != NULL, FALSE);
  if (!bs_pdf_find_text (path, password, &found_page, text, &found, error)
      || !bs_pdf_document_get_page (doc, found_page - 1, &geometry, error))
    return FALSE;
  *page = found_page;
  rect->x = found.x;
  rect->y = found.y;
  fit_on_page (&geometry, rect);
  return TRUE;
}
