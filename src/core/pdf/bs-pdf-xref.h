/* bs-pdf-xref.h — the cross-reference sections of a file, read from its
 * raw bytes, newest first along the /Prev chain.
 *
 * The verifier uses this to know exactly which objects a later
 * incremental update (re)defined, and whether the update chain still
 * reaches the revision that was signed (ISO 32000-1 7.5.4, 7.5.8).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "bs-pdf-object.h"

G_BEGIN_DECLS

#define BS_XREF_FREE G_MAXUINT

typedef struct {
  guint64  offset;     /* where the section starts */
  gboolean is_stream;  /* an xref stream rather than a table */
  GArray  *objects;    /* guint object numbers with an entry here */
  GArray  *generations; /* guint, per entry of @objects: its generation when
                         * in use, BS_XREF_FREE when the entry frees it */
  GArray  *offsets;    /* guint64 file offsets of its in-use, uncompressed objects */
  GArray  *positions;  /* guint64 per entry of @objects: its offset, or 0 when
                        * it is free or inside an object stream */
} BsXrefSection;

/* Follows /Prev (and a hybrid file's /XRefStm) from @startxref. @doc is
 * any open document, used only to parse dictionaries and decode xref
 * streams. Returns a GPtrArray of BsXrefSection (transfer full); fails with
 * BS_ERROR_DAMAGED on a section that cannot be read or a /Prev loop. */
GPtrArray *bs_pdf_xref_chain (BsPdfDocument *doc, int fd, guint64 file_size,
                              guint64 startxref, GError **error);

void       bs_xref_section_free (BsXrefSection *section);

G_END_DECLS
