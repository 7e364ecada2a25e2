/* bs-sign-marker.h — a visible signature's box at a marker text.
 *
 * Letters are often prepared with a marker (say "#TTE#") where the
 * specimen goes: the Esign service's tag_koordinat, besign-cli's
 * --at-text. The dev server, local signing and server-side signing all
 * place the box here, so that the same marker puts it in the same spot.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "bs-pdf-geometry.h"

G_BEGIN_DECLS

/* Puts @rect's top-left corner on the top-left corner of the first
 * occurrence of @text (as Poppler lays the page out, case-sensitive), on
 * page *@page (1-based) or — when *@page is 0 — on the first page that
 * has it, and sets *@page to that page. @rect's width and height are the
 * box's size; the box is moved (and shrunk to the page, if larger) just
 * enough to stay on the page when the marker is near an edge. @path is
 * the file of @doc (Poppler reads the text, @doc gives the page's
 * geometry); @password opens a protected one (may be NULL). Fails like
 * bs_pdf_find_text(), e.g. BS_ERROR_INVALID_ARGUMENT naming the text
 * when it is not there; *@page and @rect are then unchanged. */
gboolean bs_sign_place_at_text (BsPdfDocument *doc, const char *path, const char *password, const char *text,
                                int *page, BsDisplayRect *rect, GError **error);

G_END_DECLS
