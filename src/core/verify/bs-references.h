/* bs-references.h — who refers to whom in a document, built once.
 *
 * Comparing a signed revision with the document now must know whether an
 * object defined after signing was already referred to by what was
 * signed (a dangling reference that an update fills in). qpdf can tell
 * for one document by resolving every object of it; doing that for each
 * signature's revision made verification quadratic in the number of
 * signatures. This index of the final document is built once instead.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "bs-pdf-object.h"

G_BEGIN_DECLS

/* Object number → GArray of the guint numbers of objects whose values
 * refer to it, over every object @chain lists (GUINT_TO_POINTER keys).
 * Objects written uncompressed are read from @file (the raw bytes the
 * chain's offsets point into) when it is not NULL; the others through
 * qpdf. NULL when the document is too large to index within bounds. */
GHashTable *bs_references_index (BsPdfDocument *doc, GPtrArray *chain, const guint8 *file, gsize file_len);

/* Adds to @out (a set of GUINT_TO_POINTER) the numbers @obj refers to,
 * looking inside its direct dictionaries and arrays. FALSE past the bounds. */
gboolean    bs_references_of (BsPdfDocument *doc, BsPdfObj obj, GHashTable *out);

G_END_DECLS
