/* bs-appended-data.h — bytes added after a signature that no
 * cross-reference section accounts for (internal to the verifier).
 *
 * Conforming readers ignore them, but readers that repair files use them:
 * an Incremental Saving Attack without xref, or trailing data after the
 * last %%EOF, shows other content in such readers than the one signed.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "bs-pdf-revisions.h"

G_BEGIN_DECLS

typedef struct {
  guint64  offset;        /* where the unaccounted bytes start */
  char    *description;   /* translated sentence */
} BsAppendedData;

/* Scans [@from, @file_size) for object headers that no section of @chain
 * lists and for non-blank bytes after the last revision ends at
 * @last_end. Returns a GPtrArray of BsAppendedData (transfer full). */
GPtrArray *bs_appended_data_find (int fd, guint64 file_size, guint64 from, guint64 last_end,
                                  GPtrArray *chain);

void       bs_appended_data_free (BsAppendedData *data);

G_END_DECLS
