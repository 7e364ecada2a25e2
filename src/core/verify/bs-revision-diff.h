/* bs-revision-diff.h — what changed between a signed revision and the
 * document as it is now, and whether each change was allowed.
 *
 * Only objects that a later cross-reference section (re)defines can
 * differ; each is compared with its signed version and judged by its
 * role: catalog, AcroForm, field list, page, annotation list, field,
 * appearance, document information, DSS. Each change has a kind
 * (ISO 32000-2 Table 257's levels): validation data, document
 * time-stamps, metadata and tags are always allowed; new signatures and
 * form filling when the permission level is 2 or more (an approval
 * signature counts as 2; a certification's DocMDP P or the signed field's
 * lock /P can only lower it); comments at 3. A change to a field the
 * signature locks (FieldMDP, /Lock) is never allowed. Everything else —
 * page contents, resources, fonts, the page tree, catalog entries, a
 * signed object overridden, an annotation drawn over the page, a shared
 * appearance redrawn — is a modification (DESIGN.md §3).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "bs-field-locks.h"
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
 * @docmdp is the certification level in force (0 for none); @locks the
 * fields the signature locks and its lock's permission, or NULL. @referrers is
 * bs_references_index() of @final_doc, or NULL to let qpdf find the signed
 * revision's dangling references itself (slower). Returns a GPtrArray of
 * BsChange (transfer full). */
GPtrArray *bs_revision_diff (BsPdfDocument *signed_doc, BsPdfDocument *final_doc,
                             GPtrArray *chain, guint64 signed_startxref,
                             guint64 signed_end, int docmdp, const BsFieldLocks *locks,
                             GHashTable *referrers);

/* TRUE when no change in @changes is disallowed. */
gboolean   bs_changes_allowed (GPtrArray *changes);

void       bs_change_free (BsChange *change);

G_END_DECLS
