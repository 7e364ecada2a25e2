/* bs-update-changes.h — what each incremental update changed, compared
 * once and judged for every signature before it.
 *
 * Comparing every signature's revision with the document now costs one
 * comparison per signature of everything added after it: quadratic in
 * the number of signatures (100 signatures took a second, pdfsig 0.1 s)
 * and with a qpdf view of each revision alive at once. Each update is
 * compared with the revision before it instead, once, two views at a
 * time; a signature's changes are those of every update after it, judged
 * by that signature's own permissions and locks.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "bs-field-locks.h"
#include "bs-pdf-revisions.h"
#include "bs-revision-diff.h"

G_BEGIN_DECLS

typedef struct _BsUpdateChanges BsUpdateChanges;

typedef struct {
  const guint8  *file;        /* the whole file */
  gsize          file_len;
  GArray        *revisions;   /* BsPdfRevision, in file order */
  GPtrArray     *chain;       /* the final xref chain, newest first */
  BsPdfDocument *final;       /* the document now: the last revision's view */
  GHashTable    *referrers;   /* bs_references_index() of @final */
  const char    *password;    /* of a protected PDF, or NULL */
} BsUpdateSource;

/* Borrows everything in @source, which must outlive the result. */
BsUpdateChanges *bs_update_changes_new  (const BsUpdateSource *source);
void             bs_update_changes_free (BsUpdateChanges *updates);

/* Appends to @out (of BsChange) the changes the updates after revision
 * @index made, judged for a signature with certification level @docmdp
 * (0 for none) and @locks. FALSE, appending nothing, when those updates
 * cannot be compared one by one (a revision that is not a readable PDF
 * on its own, or too many of them): then compare with the document now
 * instead. */
gboolean         bs_update_changes_after (BsUpdateChanges *updates, guint index, int docmdp,
                                          const BsFieldLocks *locks, GPtrArray *out);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BsUpdateChanges, bs_update_changes_free)

G_END_DECLS
