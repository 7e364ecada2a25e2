/* bs-pdf-text.h — where a text is on a page, as Poppler lays it out.
 *
 * For placing a signature at a marker in the document (the Esign
 * service's tag_koordinat, the CLI's --at-text): the box comes back in
 * the coordinates BsSignOptions.rect takes, so it goes straight into a
 * signature's placement.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "bs-pdf-geometry.h"

G_BEGIN_DECLS

/* Finds the first occurrence of @text (case-sensitive, as extracted by
 * Poppler) on page *@page (1-based), or — when *@page is 0 — on the first
 * page that has it, and sets *@page to it. @box receives the text's box as
 * displayed: top-left origin of the visible (crop) area, /Rotate applied,
 * in points. @password opens a protected PDF (may be NULL). Fails with
 * BS_ERROR_INVALID_ARGUMENT when the text (or the page) is not there,
 * BS_ERROR_ENCRYPTED for a missing or wrong password, BS_ERROR_NOT_PDF for
 * anything Poppler cannot read. */
gboolean bs_pdf_find_text (const char *path, const char *password, int *page, const char *text,
                           BsDisplayRect *box, GError **error);

G_END_DECLS
