/* bs-pdf-revisions.h — where each revision of a PDF ends, from the raw bytes.
 *
 * A PDF grows by incremental updates: each one ends with
 * "startxref <offset> %%EOF". The signer needs the last one (to chain the
 * new xref section with /Prev); the verifier needs all of them (a
 * signature must cover exactly a whole revision).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum {
  BS_XREF_TABLE,
  BS_XREF_STREAM,
} BsXrefKind;

typedef struct {
  guint64    startxref;  /* the offset the startxref keyword gives */
  guint64    eof;        /* just past "%%EOF" */
  guint64    end;        /* past its end-of-line too, when there is one */
  BsXrefKind kind;       /* what is at startxref */
} BsPdfRevision;

/* Finds the last "startxref N %%EOF" in the final 1024 bytes (ISO 32000-1
 * 7.5.5) and the kind of xref section at N. */
gboolean bs_pdf_revisions_last (int fd, guint64 file_size, BsPdfRevision *out,
                                GError **error);

/* Every revision end in file order (transfer full, GArray of BsPdfRevision).
 * Streams the file in bounded chunks. Markers whose startxref does not
 * point at an xref section are skipped. */
GArray  *bs_pdf_revisions_scan (int fd, guint64 file_size, GError **error);

G_END_DECLS
