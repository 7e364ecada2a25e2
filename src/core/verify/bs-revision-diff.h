/* bs-revision-diff.h — what changed between a signed revision and the
 * document as it is now, and whether each change was allowed.
 *
 * Only objects that a later cross-reference section (re)defines can
 * differ; each is compared with its signed version and judged by its
 * role: catalog, AcroForm, field list, page, annotation list, field,
 * document information, DSS. Allowed: new signatures and their widgets,
 * field lists growing by signature fields, DSS/VRI, document time-stamps,
 * metadata, and what a DocMDP certification permits (P=2 form filling,
 * P=3 also annotations). Everything else — page contents, resources,
 * fonts, the page tree, catalog entries, a signed object overridden, an
 * annotation drawn over the page — is a modification (DESIGN.md §3).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "bs-pdf-object.h"
#include "bs-pdf-xref.h"

G_BEGIN_DECLS

typedef struct {
  char     *description;   /* a sentence for people (translated) */
  int       page;          /* page from 0, or -1 */
  guint     object;        /* object number, or 0 */
  gboolean  allowed;
} BsChange;

/* @chain is the final file's xref chain (bs_pdf_xref_chain), newest first;
 * @signed_startxref is where the signed revision's own xref section is and
 * @signed_end where its bytes end.
 * @docmdp is the certification level in force (0 for none). @referrers is
 * bs_references_index() of @final_doc, or NULL to let qpdf find the signed
 * revision's dangling references itself (slower). Returns a GPtrArray of
 * BsChange (transfer full). */
GPtrArray *bs_revision_diff (BsPdfDocument *signed_doc, BsPdfDocument *final_doc,
                             GPtrArray *chain, guint64 signed_startxref,
                             guint64 signed_end, int docmdp, GHashTable *referrers);

/* TRUE when no change in @changes is disallowed. */
gboolean   bs_changes_allowed (GPtrArray *changes);

void       bs_change_free (BsChange *change);

G_END_DECLS
