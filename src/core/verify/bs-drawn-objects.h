/* bs-drawn-objects.h — the objects a document's pages draw with.
 *
 * Some changes after signing are harmless by what an object is for (the
 * document information, XMP metadata, validation data, accessibility
 * tags), but a prepared document can make one object serve twice: an
 * /Info dictionary that is also a page's font map. Such an object is page
 * content, and changing it is not harmless (shadow attacks).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "bs-pdf-object.h"

G_BEGIN_DECLS

/* Numbers of the indirect objects reachable from the pages (contents,
 * resources and, when @with_annotations, annotations and their
 * appearances), as a set of GUINT_TO_POINTER. *@complete is FALSE when
 * the walk hit its limits. */
GHashTable *bs_drawn_objects (BsPdfDocument *doc, gboolean with_annotations, gboolean *complete);

G_END_DECLS
