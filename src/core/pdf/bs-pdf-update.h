/* bs-pdf-update.h — the bytes of one incremental update (ISO 32000-1 7.5.6).
 *
 * Objects are added as text; finishing adds a cross-reference section of
 * the same kind as the file's last one (table or stream), a trailer with
 * /Prev, /Size, /Root, /Info and /ID, and "%%EOF". Nothing here touches the
 * original file: the caller writes these bytes after it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "bs-pdf-document.h"
#include "bs-pdf-revisions.h"

G_BEGIN_DECLS

typedef struct _BsPdfUpdate BsPdfUpdate;

/* @file_size is the length of the original file; @last is its final
 * revision (for /Prev and the xref kind); @trailer gives /Root, /Info, /ID
 * and the old /Size. */
BsPdfUpdate *bs_pdf_update_new (guint64 file_size, const BsPdfRevision *last,
                                const BsPdfTrailer *trailer);
void         bs_pdf_update_free (BsPdfUpdate *update);

/* Appends "num gen obj\n<body>\nendobj\n"; returns the offset of @body's
 * first byte in the update. */
gsize        bs_pdf_update_add_object (BsPdfUpdate *update, guint num, guint gen,
                                       const char *body, gsize body_len);
/* Appends a stream object: "<< @dict_entries /Length N >>stream…endstream". */
void         bs_pdf_update_add_stream (BsPdfUpdate *update, guint num,
                                       const char *dict_entries,
                                       const void *data, gsize len);
/* Adds the xref section and trailer. @xref_stream_num is the object
 * number for an xref stream (unused for a table). Returns the whole update
 * (transfer full); the update must not be used afterwards except to free. */
GByteArray  *bs_pdf_update_finish (BsPdfUpdate *update, guint xref_stream_num);

/* Offset in the final file of the update's first byte. */
guint64      bs_pdf_update_get_base (BsPdfUpdate *update);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BsPdfUpdate, bs_pdf_update_free)

G_END_DECLS
