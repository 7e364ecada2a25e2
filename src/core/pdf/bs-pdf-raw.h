/* bs-pdf-raw.h — PDF tokens read straight from a file's bytes.
 *
 * Comparing revisions and indexing references through qpdf parses
 * every object they touch, in every revision compared: listing a
 * dictionary's keys resolves each value it refers to, so a form's /DR
 * made qpdf parse a 260 KB font in every revision (a third of a second
 * for eight signatures, pdfsig needs 20 ms). Byte-level tokens answer
 * the two questions that need no parsing at all: "is this value written
 * with exactly the same tokens?" and "which N G R does it contain?". A
 * token-equal value is the same value for every reader; anything else
 * is left to qpdf.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct {
  gsize start, end;   /* [start, end) in the bytes given */
} BsRawSpan;

/* The body of the object definition "@num G obj … endobj" at @offset of
 * @data: up to "endobj", or up to "stream" for a stream (its dictionary).
 * FALSE when no such definition starts there. */
gboolean    bs_pdf_raw_object_body (const guint8 *data, gsize len, guint64 offset, guint num,
                                    BsRawSpan *body);

/* The top-level entries of the dictionary that @span holds: name (with
 * its '/', as written) → BsRawSpan of its value (transfer full). NULL when
 * @span is not one well-formed dictionary. */
GHashTable *bs_pdf_raw_dict_entries (const guint8 *data, BsRawSpan span);

/* TRUE when both spans hold the same tokens (whitespace and comments
 * between tokens aside). */
gboolean    bs_pdf_raw_tokens_equal (const guint8 *a, BsRawSpan sa, const guint8 *b, BsRawSpan sb);

/* Calls @found for the object number of every "N G R" in @span; FALSE
 * when the span does not lex (an unterminated string, say). */
gboolean    bs_pdf_raw_references (const guint8 *data, BsRawSpan span,
                                   void (*found) (guint num, gpointer user_data), gpointer user_data);

G_END_DECLS
