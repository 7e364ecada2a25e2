/* bs-field-locks.h — the form fields a signature locks (FieldMDP).
 *
 * ISO 32000-2 12.8.2.4: a signature's /Reference with /TransformMethod
 * /FieldMDP names the fields whose later change invalidates it (/Action
 * /All, /Include or /Exclude with /Fields); 12.7.5.5 Table 233: the
 * signature field's /Lock dictionary says the same and, in PDF 2.0, /P
 * gives the document permissions in force once the field is signed (as
 * DocMDP's P: 1 forbids every further change but validation data).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "bs-pdf-object.h"

G_BEGIN_DECLS

typedef struct _BsFieldLocks BsFieldLocks;

/* The locks of the signature dictionary @sig and its field @field, or
 * NULL when neither locks anything (transfer full). */
BsFieldLocks *bs_field_locks_read (BsPdfDocument *doc, BsPdfObj field, BsPdfObj sig);
BsFieldLocks *bs_field_locks_copy (const BsFieldLocks *locks);
void          bs_field_locks_free (BsFieldLocks *locks);

/* TRUE when @locks lock the field named @name (fully qualified): a lock
 * on a field covers its descendants ("A" locks "A.b"). NULL locks none. */
gboolean      bs_field_locks_cover (const BsFieldLocks *locks, const char *name);

/* The /P of the field's lock (1, 2 or 3), or 0 when it has none. */
int           bs_field_locks_permission (const BsFieldLocks *locks);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BsFieldLocks, bs_field_locks_free)

G_END_DECLS
