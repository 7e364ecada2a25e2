/* bs-byte-range.h — does a signature's /ByteRange sign a whole revision?
 *
 * ISO 32000-1 12.8.1 and the published attacks (Universal Signature
 * Forgery, Signature Wrapping) decide what is checked: four non-negative
 * integers starting at 0, no overlap, nothing outside the file, the gap
 * exactly this signature's /Contents hex string, and the second range
 * ending where a revision ends.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "bs-pdf-revisions.h"

#include <gio/gio.h>
#include <openssl/evp.h>

G_BEGIN_DECLS

typedef enum {
  BS_BYTE_RANGE_OK,
  BS_BYTE_RANGE_MISSING,          /* no /ByteRange or not four integers */
  BS_BYTE_RANGE_MALFORMED,        /* negative, not from 0, overlapping */
  BS_BYTE_RANGE_OUTSIDE_FILE,     /* reaches past the end of the file */
  BS_BYTE_RANGE_GAP_NOT_CONTENTS, /* the unsigned gap holds more than /Contents */
  BS_BYTE_RANGE_NOT_REVISION_END, /* the signed bytes stop inside a revision */
} BsByteRangeStatus;

/* Checks @br against the raw file; on BS_BYTE_RANGE_OK, *@signed_end is the
 * end of the signed revision and *@revision its index in @revisions. */
BsByteRangeStatus bs_byte_range_check (int fd, guint64 file_size, const gint64 br[4],
                                       gboolean br_present, GBytes *contents,
                                       GArray *revisions, guint64 *signed_end,
                                       guint *revision);

/* A sentence for @status (translated, static). */
const char       *bs_byte_range_status_describe (BsByteRangeStatus status);

/* Feeds the two ranges into @ctx (initialised by the caller). */
gboolean          bs_byte_range_update (int fd, const gint64 br[4], EVP_MD_CTX *ctx,
                                        GCancellable *cancellable, GError **error);

/* Hashes the two ranges with @md, streaming (bounded memory). */
gboolean          bs_byte_range_digest (int fd, const gint64 br[4], const EVP_MD *md,
                                        guint8 *digest, guint *digest_len,
                                        GCancellable *cancellable, GError **error);

G_END_DECLS
